"""Demo content is demo (abramos/demo.py, issue "Everything the portal shows is true"): every
invented record is marked in the database, says so on the pages, in the datasets and in
data.json, never names a real person nor credits a real institution, and while it is loaded
every page carries the banner."""

import csv
import io
import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.urls import reverse

from abramos import demo, opendata
from abramos.models import DemoContent
from consultation.models import Answer, Comment, Consultation, Session
from drafts.models import Adoption, Version
from strategy.models import Activity, CollaborationOffer, Membership, Organisation, Person
from tests.demo import load_demo
from transparency.models import Expense

pytestmark = pytest.mark.django_db

BANNER = "Sitio de demostración."
# What the seeds make real: two institutions and the two days the process ended on.
REAL_ORGANISATIONS = {"INAI", "SNT"}
REAL_ACTIVITIES = {"aprobacion-por-el-snt", "publicacion-en-el-dof"}
# Real institutions and venues the old demo credited with adoptions, sessions and spending.
REAL_NAMES = re.compile(
    r"INAI|Instituto de Transparencia|InfoCDMX|ITEI|INFOEM|Zapopan|Universidad de Guadalajara|"
    r"UNAM|CIDE|Universidad Veracruzana|Codeando|Vasconcelos|Cintermex|Expo Guadalajara|Akky|"
    r"Presupuesto del|Alcalá"
)


@pytest.fixture
def demo_db():
    load_demo(verbosity=0)


def test_every_invented_record_is_marked_and_only_the_seeds_facts_are_not(demo_db):
    for model in (Person, Membership, CollaborationOffer, Version, Adoption, Consultation,
                  Session, Comment, Answer, Expense, get_user_model()):  # fmt: skip
        assert model.objects.exists(), model
        assert not model.objects.filter(is_demo=False).exists(), model
    assert (
        set(Organisation.objects.filter(is_demo=False).values_list("acronym", flat=True))
        == REAL_ORGANISATIONS
    )
    assert set(Activity.objects.filter(is_demo=False).values_list("slug", flat=True)) == (
        REAL_ACTIVITIES
    )


def test_no_invented_record_names_a_real_person_or_institution(demo_db):
    texts = [
        *Person.objects.values_list("name", flat=True),
        *Organisation.objects.filter(is_demo=True).values_list("name", flat=True),
        *Membership.objects.values_list("organisation__name", flat=True),
        *Adoption.objects.values_list("institution", flat=True),
        *Expense.objects.values_list("supplier", flat=True),
        *Expense.objects.values_list("funding_source", flat=True),
        *Session.objects.values_list("title", flat=True),
        *Session.objects.values_list("place", flat=True),
        *Session.objects.values_list("organisers", flat=True),
        *get_user_model().objects.values_list("organisation", flat=True),
        *get_user_model().objects.values_list("display_name", flat=True),
        *Comment.objects.exclude(participant_name="").values_list("participant_name", flat=True),
    ]
    assert len(texts) > 700
    named = [text for text in texts if REAL_NAMES.search(text)]
    assert named == []
    # People, adopters, suppliers and sessions say they are invented in their own name.
    for text in [
        *Person.objects.values_list("name", flat=True),
        *Adoption.objects.values_list("institution", flat=True),
        *Expense.objects.values_list("supplier", flat=True),
        *Session.objects.values_list("title", flat=True),
        *get_user_model().objects.values_list("display_name", flat=True),
    ]:
        assert "(demo)" in text or "icticio" in text, text
    assert all("ficticia" in f for f in Expense.objects.values_list("funding_source", flat=True))


def test_activities_happen_in_a_possible_order(demo_db):
    """No group meets or works before the activity that creates or installs it."""
    activities = list(Activity.objects.select_related("responsible_group").order_by("start_date"))
    created = {}
    for activity in activities:
        if activity.kind == Activity.Kind.INSTALLATION:
            for name in ("Grupo Impulsor", "Grupo Técnico"):
                if name in activity.title:
                    created.setdefault(name, activity.start_date)
    assert set(created) == {"Grupo Impulsor", "Grupo Técnico"}
    for activity in activities:
        group = activity.responsible_group
        if group and group.name in created and activity.kind != Activity.Kind.INSTALLATION:
            assert activity.start_date > created[group.name], activity.title
    # Activities lie inside their stage, and the stages follow each other.
    for activity in activities:
        assert activity.stage.start_date <= activity.start_date <= activity.stage.end_date
    dates = [d for s in activity.stage.__class__.objects.order_by("number")
             for d in (s.start_date, s.end_date)]  # fmt: skip
    assert dates == sorted(dates)


@pytest.mark.parametrize(
    "path", ["/", "/proceso/", "/participantes/", "/transparencia/", "/politica/", "/en/"]
)
def test_every_page_carries_the_banner_while_demo_content_is_loaded(client, demo_db, path):
    html = client.get(path).text
    assert (BANNER if not path.startswith("/en/") else "Demonstration site.") in html
    assert f'href="{reverse("demo")}"' in html or 'href="/en/demostracion/"' in html


def test_no_banner_and_no_demo_page_without_demo_content(client):
    assert BANNER not in client.get("/").text
    assert client.get(reverse("demo")).status_code == 404


def test_the_banner_follows_the_database_not_the_process_that_loaded_it(client, demo_db):
    cache.clear()  # another process loaded it: this one learns it from the database
    assert BANNER in client.get("/contacto/").text
    DemoContent.objects.all().delete()
    cache.clear()
    assert BANNER not in client.get("/contacto/").text


def test_the_demo_page_says_what_is_invented_with_counts(client, demo_db):
    html = client.get(reverse("demo")).text
    assert "Qué es real" in html and "Qué es inventado" in html
    assert "9 de octubre de 2023" in html and "10 de noviembre de 2023" in html
    assert f">{Expense.objects.count()}<" in html
    assert f">{Comment.objects.count()}<" in html


def _csv(client, slug):
    response = client.get(f"/datos/{slug}.csv")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.DictReader(io.StringIO(body.decode())))


def test_datasets_mark_each_invented_row(client, demo_db):
    for dataset in opendata.datasets():
        if dataset.demo is None:
            continue
        rows = _csv(client, dataset.slug)
        assert rows, dataset.slug
        assert "es_demo" in rows[0], dataset.slug
    expenses = _csv(client, "gastos")
    assert {row["es_demo"] for row in expenses} == {"true"}
    activities = {row["titulo"]: row["es_demo"] for row in _csv(client, "actividades")}
    assert activities["Publicación en el Diario Oficial de la Federación"] == "false"
    assert activities["Instalación del Grupo Impulsor"] == "true"
    organisations = {row["siglas"]: row["es_demo"] for row in _csv(client, "organizaciones")}
    assert organisations["INAI"] == "false"


def test_data_json_says_which_datasets_hold_demo_records(client, demo_db):
    catalogue = json.loads(client.get("/datos/data.json").content)
    flagged = {
        item["identifier"].rstrip("/").rsplit("/", 1)[-1]
        for item in catalogue["dataset"]
        if "demo" in item["keyword"]
    }
    assert {"gastos", "comentarios", "adopciones", "versiones", "integrantes"} <= flagged
    assert "grupos-de-trabajo" not in flagged  # real: from the seeds
    for item in catalogue["dataset"]:
        if "demo" in item["keyword"]:
            assert "es_demo" in item["description"]
    page = client.get("/datos/gastos/").text
    assert "es_demo" in page


def test_data_json_flags_nothing_on_a_site_without_demo_content(client):
    catalogue = json.loads(client.get("/datos/data.json").content)
    assert not [item for item in catalogue["dataset"] if "demo" in item["keyword"]]


def test_the_report_and_the_consultation_page_say_the_consultation_is_invented(client, demo_db):
    historical = Consultation.objects.get(version__number=3)
    report = client.get(reverse("consultation:report"), {"consulta": historical.pk}).text
    assert "Consulta de demostración." in report
    assert "Consulta de demostración." in client.get(reverse("consultation:overview")).text
    figures = client.get(reverse("consultation:report-csv"), {"consulta": historical.pk})
    rows = list(csv.reader(io.StringIO(figures.content.decode())))
    assert rows[0][-1] == "es_demo" and {row[-1] for row in rows[1:]} == {"true"}


def test_staff_never_mark_a_record_as_demo(admin_client):
    """`is_demo` is set by the loaders only: no admin form offers it."""
    for name in ("transparency_expense", "strategy_person", "drafts_adoption", "strategy_activity"):
        html = admin_client.get(reverse(f"admin:{name}_add")).text
        assert 'name="is_demo"' not in html, name


def test_load_demo_opens_a_consultation_now_on_the_demo_trial_draft(client, demo_db):
    open_now = Consultation.objects.open()
    assert open_now.count() == 1
    consultation = open_now.get()
    assert consultation.is_demo and consultation.version.is_demo
    assert "(demo)" in consultation.version.label
    page = client.get(consultation.version.get_absolute_url()).text
    assert "Borrador de prueba de la demostración" in page


def test_demo_flag_costs_no_query_once_known(client, demo_db, django_assert_num_queries):
    demo.demo_loaded()
    with django_assert_num_queries(0):
        assert demo.demo_loaded()


def test_the_stages_actual_dates_say_they_are_illustrative_in_the_demo(client, demo_db):
    html = client.get("/proceso/").text
    assert html.count("fechas ilustrativas (demo)") == 3  # one per stage
    rows = {row["numero"]: row["es_demo"] for row in _csv(client, "etapas")}
    assert rows == {"1": "true", "2": "true", "3": "true"}


def test_a_database_loaded_before_records_were_marked_is_told_to_start_again(capsys):
    get_user_model().objects.create_user(
        "tecnico@abramos.mx", "x", display_name="Grupo Técnico (demo)", is_staff=True
    )
    load_demo(verbosity=0)
    assert "delete the database (db.sqlite3)" in capsys.readouterr().err
