import pytest

from abramos.accounts.models import Sector
from strategy.tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    ThematicTableFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(three_stages):
    impulsor = WorkingGroupFactory(name="Grupo Impulsor", slug="grupo-impulsor")
    table = ThematicTableFactory(name="Diagnóstico y problemática")
    inai = OrganisationFactory(name="INAI", sector=Sector.GOVERNMENT)
    universidad = OrganisationFactory(name="Laboratorio Universitario", sector=Sector.ACADEMIA)
    OrganisationFactory(name="Colectivo sin personas", sector=Sector.CIVIL_SOCIETY)
    MembershipFactory(
        person__name="Ana Prueba Ficticia",
        working_group=impulsor,
        organisation=inai,
        role="integrante",
        stage=three_stages[0],
    )
    MembershipFactory(
        person__name="Daniela Cruz Navarro",
        working_group=None,
        thematic_table=table,
        organisation=universidad,
        role="coordinación",
        stage=three_stages[1],
    )
    return three_stages


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_participants_page_answers_in_both_languages(client, people, prefix):
    response = client.get(f"{prefix}/participantes/")
    assert response.status_code == 200
    assert "Ana Prueba Ficticia" in response.text
    assert "Daniela Cruz Navarro" in response.text


def test_participants_page_shows_groups_tables_and_organisations_by_sector(client, people):
    html = client.get("/en/participantes/").text
    assert "Grupo Impulsor" in html
    assert "Thematic table: Diagnóstico y problemática" in html
    assert "Integrante" in html
    assert "Colectivo sin personas" in html
    assert html.index("Academia") < html.index("Civil society") < html.index("Government")
    assert '<form method="get" class="filters"' in html
    assert 'style="' not in html


def test_filtering_by_sector_keeps_only_that_sector(client, people):
    html = client.get("/en/participantes/", {"sector": Sector.ACADEMIA}).text
    assert "Daniela Cruz Navarro" in html
    assert "Ana Prueba Ficticia" not in html
    assert "Colectivo sin personas" not in html
    assert "No members match these filters." in html


def test_filtering_by_stage_keeps_who_takes_part_in_it(client, people):
    html = client.get("/en/participantes/", {"stage": "1"}).text
    assert "Ana Prueba Ficticia" in html
    assert "Daniela Cruz Navarro" not in html
    assert "Laboratorio Universitario" not in html


def test_members_without_stage_take_part_in_every_stage(client, people):
    MembershipFactory(person__name="Persona de todo el proceso", stage=None)
    html = client.get("/en/participantes/", {"stage": "3"}).text
    assert "Persona de todo el proceso" in html
    assert "Whole process" in html


@pytest.mark.parametrize(
    "query", [{"sector": "astrology"}, {"stage": "99"}, {"stage": "uno", "sector": "x"}]
)
def test_an_invalid_filter_is_reported_and_ignored(client, people, query):
    response = client.get("/en/participantes/", query)
    assert response.status_code == 200
    assert "Some filters were not valid and were ignored" in response.text
    assert 'aria-invalid="true"' in response.text
    assert "Ana Prueba Ficticia" in response.text
    assert "Daniela Cruz Navarro" in response.text


def test_one_valid_filter_still_applies_beside_an_invalid_one(client, people):
    html = client.get("/en/participantes/", {"sector": Sector.ACADEMIA, "stage": "99"}).text
    assert "Some filters were not valid" in html
    assert "Daniela Cruz Navarro" in html
    assert "Ana Prueba Ficticia" not in html


def test_participants_page_makes_few_queries_whatever_the_number_of_members(
    client, people, django_assert_max_num_queries
):
    groups = [WorkingGroupFactory() for _ in range(3)]
    tables = [ThematicTableFactory(working_group=groups[2]) for _ in range(3)]
    for n in range(60):
        if n % 2:
            MembershipFactory(working_group=groups[n % 3], stage=people[n % 3])
        else:
            MembershipFactory(working_group=None, thematic_table=tables[n % 3])
    # Groups, their members, tables, their members, organisations, allies, the stage filter.
    with django_assert_max_num_queries(7):
        assert client.get("/participantes/").status_code == 200
    with django_assert_max_num_queries(8):
        response = client.get("/participantes/", {"sector": Sector.CIVIL_SOCIETY, "stage": "2"})
        assert response.status_code == 200
