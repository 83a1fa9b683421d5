"""/politica/: the approved version, its approval and publication, the official files with their
SHA-256, and the register of confirmed adoptions with its counts."""

import datetime

import pytest
from django.urls import reverse

from drafts.models import Adoption, Rendition
from drafts.tests import policy_fixtures
from drafts.tests.conftest import PNDA_V1, publish
from drafts.tests.policy_fixtures import AGREEMENT, APPROVING_BODY, DOF_URL, make_adoption

pytestmark = pytest.mark.django_db

# Fixtures shared by the policy tests (drafts/tests/policy_fixtures.py).
_spanish = policy_fixtures._spanish
approved_version = policy_fixtures.approved_version
draft_version = policy_fixtures.draft_version
fast_render = policy_fixtures.fast_render
media_root = policy_fixtures.media_root

URL = "/politica/"


def test_without_an_approved_version_the_page_says_so_and_points_to_the_drafts(
    client, draft_version
):
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["version"] is None
    assert f'href="{reverse("drafts:version-list")}"' in response.text
    english = client.get("/en/politica/").text
    assert "The National Open Data Policy has not been approved yet." in english
    assert draft_version.label not in response.text  # a draft is not presented as the policy
    assert reverse("drafts:rendition-download", args=[1, "pdf"]) not in response.text


def test_the_page_with_nothing_published_at_all(client, db):
    assert client.get(URL).status_code == 200


def test_shows_the_approved_version_its_approval_and_the_diario_oficial(client, approved_version):
    response = client.get(URL)
    assert response.status_code == 200
    text = response.text
    assert "Política aprobada" in text
    assert f'href="{approved_version.get_absolute_url()}"' in text
    assert APPROVING_BODY in text
    assert AGREEMENT in text
    assert "9 de octubre de 2023" in text
    assert "10 de noviembre de 2023" in text
    assert DOF_URL.replace("&", "&amp;") in text
    assert "Primer borrador" not in text  # the superseded draft is not the policy


def test_the_approving_body_is_shown_as_stored(client, approved_version):
    approval = approved_version.approval
    approval.approving_body = "Órgano que sustituyó al SNT en 2025"
    approval.save()
    assert "Órgano que sustituyó al SNT en 2025" in client.get(URL).text


def test_an_approved_version_without_its_approval_record_yet(
    client, tech_user, django_capture_on_commit_callbacks, fast_render
):
    with django_capture_on_commit_callbacks(execute=True):
        publish(tech_user, PNDA_V1, "Versión aprobada", status="approved")
    response = client.get(URL)
    assert response.status_code == 200
    assert "Versión aprobada" in response.text


def test_offers_every_format_at_its_permanent_address_with_size_and_full_sha256(
    client, approved_version, settings
):
    text = client.get(URL).text
    renditions = Rendition.objects.filter(version=approved_version)
    assert renditions.count() == 4
    for rendition in renditions:
        assert rendition.is_ready
        url = reverse("drafts:rendition-download", args=[approved_version.number, rendition.format])
        assert url == f"/borradores/{approved_version.number}/descargar/{rendition.format}/"
        assert f'href="{url}"' in text
        assert f"{settings.SITE_ROOT}{url}" in text
        assert rendition.sha256 in text and len(rendition.sha256) == 64
    assert f'href="{reverse("drafts:verify")}"' in text
    assert f'href="{reverse("drafts:adoption-create")}"' in text


def test_a_rendition_not_ready_yet_has_no_link(client, approved_version):
    pdf = approved_version.renditions.get(format="pdf")
    pdf.status = Rendition.Status.FAILED
    pdf.save()
    text = client.get(URL).text
    assert reverse("drafts:rendition-download", args=[approved_version.number, "pdf"]) not in text
    assert reverse("drafts:rendition-download", args=[approved_version.number, "docx"]) in text


def test_the_register_shows_confirmed_adoptions_only_and_never_the_contact(
    client, approved_version
):
    make_adoption(approved_version, institution="Instituto de Transparencia de Jalisco")
    make_adoption(
        approved_version, institution="Institución pendiente", status=Adoption.Status.PENDING
    )
    make_adoption(
        approved_version, institution="Institución rechazada", status=Adoption.Status.REJECTED
    )
    text = client.get(URL).text
    assert "Instituto de Transparencia de Jalisco" in text
    assert "Jalisco" in text
    assert "15 de enero de 2024" in text
    assert 'href="https://itei.org.mx/acuerdo-pnda"' in text
    assert "Institución pendiente" not in text
    assert "Institución rechazada" not in text
    assert "Lucía Contacto Privado" not in text
    assert "lucia.privado@itei.org.mx" not in text


def test_counts_by_order_of_government_and_by_state(client, approved_version):
    federal = {"order": Adoption.Order.FEDERAL, "state": ""}
    make_adoption(approved_version, institution="Secretaría A", **federal)
    make_adoption(approved_version, institution="Secretaría B", **federal)
    make_adoption(approved_version, institution="Congreso de Jalisco", state="14")
    make_adoption(approved_version, institution="Guadalajara", order="municipal", state="14")
    make_adoption(approved_version, institution="Zapopan", order="municipal", state="14")
    make_adoption(approved_version, institution="Oaxaca de Juárez", order="municipal", state="20")
    make_adoption(approved_version, institution="Pendiente", state="20", status="pending")

    response = client.get(URL)
    counts = {row["order"]: row["count"] for row in response.context["adoption_by_order"]}
    assert counts == {"federal": 2, "state": 1, "municipal": 3}
    assert response.context["adoption_total"] == 6
    states = {
        row["name"]: (row["state"], row["municipal"], row["total"])
        for row in response.context["adoption_states"]
    }
    assert states == {"Jalisco": (1, 2, 3), "Oaxaca": (0, 1, 1)}
    assert "Oaxaca" in response.text


def test_the_register_filters_by_state_and_order(client, approved_version):
    make_adoption(approved_version, institution="Congreso de Jalisco", state="14")
    make_adoption(approved_version, institution="Oaxaca de Juárez", order="municipal", state="20")
    text = client.get(URL, {"entidad": "20"}).text
    assert "Oaxaca de Juárez" in text
    assert "Congreso de Jalisco" not in text.split('id="registro"')[1]
    text = client.get(URL, {"orden": "state"}).text
    assert "Congreso de Jalisco" in text.split('id="registro"')[1]
    assert "Oaxaca de Juárez" not in text.split('id="registro"')[1]
    assert client.get(URL, {"entidad": "99", "orden": "galactic"}).status_code == 200
    # An invalid state is ignored (and said so); the valid order still applies.
    text = client.get(URL, {"entidad": "99", "orden": "state"}).text
    assert "Congreso de Jalisco" in text.split('id="registro"')[1]
    assert "Oaxaca de Juárez" not in text.split('id="registro"')[1]


def test_the_register_is_paginated(client, approved_version):
    for number in range(60):
        make_adoption(
            approved_version,
            institution=f"Municipio {number:02d}",
            order="municipal",
            adopted_on=datetime.date(2024, 1, 1) + datetime.timedelta(days=number),
        )
    first = client.get(URL)
    assert "Municipio 59" in first.text and "Municipio 00" not in first.text
    second = client.get(URL, {"pagina": "2"})
    assert "Municipio 00" in second.text and "Municipio 59" not in second.text
    assert client.get(URL, {"pagina": "no-es-un-número"}).status_code == 200


def test_queries_do_not_grow_with_the_adoptions(
    client, approved_version, django_assert_max_num_queries
):
    states = [f"{code:02d}" for code in range(1, 33)]
    for number in range(200):
        order = ["federal", "state", "municipal"][number % 3]
        make_adoption(
            approved_version,
            institution=f"Institución {number}",
            order=order,
            state="" if order == "federal" else states[number % 32],
        )
    with django_assert_max_num_queries(5):
        response = client.get(URL)
    assert response.status_code == 200
    assert response.context["adoption_total"] == 200


def test_adoptions_of_an_earlier_approved_version_stay_in_the_register(
    client, tech_user, approved_version, django_capture_on_commit_callbacks, fast_render
):
    make_adoption(approved_version, institution="Adoptó la versión 2")
    with django_capture_on_commit_callbacks(execute=True):
        newer = publish(tech_user, PNDA_V1 + "\n# Anexos\n\nNuevo.\n", "Reforma", status="approved")
    make_adoption(newer, institution="Adoptó la reforma")
    response = client.get(URL)
    assert "Reforma" in response.text
    assert "Adoptó la versión 2" in response.text and "Adoptó la reforma" in response.text
    assert response.context["several_versions"] is True


def test_the_page_answers_in_english_too(client, approved_version):
    response = client.get("/en/politica/")
    assert response.status_code == 200
    assert "Approved policy" in response.text
