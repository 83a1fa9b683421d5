"""One source of truth for "open for comments": the page that publishes a draft asks for the
comment window and opens it in the same transaction (consultation/publishing.py). Bad input is
refused beside its field, and then nothing is published."""

import datetime

import pytest
from django.utils import timezone

from consultation.models import Consultation
from drafts.models import Version, WorkingCopy
from drafts.tests.conftest import PNDA_V1

pytestmark = pytest.mark.django_db

PUBLISH = "/admin/drafts/workingcopy/{pk}/publish/"
FORMAT = "%Y-%m-%dT%H:%M"


@pytest.fixture
def tech(client, tech_user):
    copy = WorkingCopy.current()
    copy.body = PNDA_V1
    copy.save()
    client.force_login(tech_user)
    client.url = PUBLISH.format(pk=copy.pk)
    return client


def _when(days: float) -> str:
    return timezone.localtime(timezone.now() + datetime.timedelta(days=days)).strftime(FORMAT)


def _post(client, **window):
    data = {"label": "Cuarto borrador", "change_summary": "", "status": "consultation"} | window
    return client.post(client.url, data)


def test_the_publish_page_asks_for_the_window(tech):
    html = tech.get(tech.url).text
    assert 'name="consultation_opens_at"' in html and 'type="datetime-local"' in html
    assert 'name="consultation_closes_at"' in html
    assert "Consulta: cuándo recibe comentarios el borrador" in html


def test_publishing_with_a_window_opens_the_consultation_with_the_version(tech, client):
    response = _post(
        tech,
        consultation_opens_at=_when(-0.01),
        consultation_closes_at=_when(60),
        consultation_title="Consulta del cuarto borrador",
    )
    assert response.status_code == 302
    version = Version.objects.get()
    consultation = Consultation.objects.get(version=version)
    assert consultation.title == "Consulta del cuarto borrador"
    assert consultation.is_open() and not consultation.is_demo
    client.logout()
    assert "Abierta a comentarios" in client.get("/").text
    assert "Leer y comentar" in client.get("/").text


def test_publishing_without_dates_publishes_a_draft_that_takes_no_comments(tech, client):
    assert _post(tech).status_code == 302
    assert Version.objects.count() == 1
    assert not Consultation.objects.exists()
    client.logout()
    home = client.get("/").text
    assert "Abierta a comentarios" not in home
    # The version's tag says what it is, never that comments are open.
    assert "Borrador vigente" in client.get("/borradores/1/").text
    assert "En consulta" not in client.get("/borradores/").text


@pytest.mark.parametrize(
    ("window", "field", "message"),
    [
        ({"consultation_opens_at": "x"}, "consultation_opens_at", "Escribe una fecha y hora"),
        ({"consultation_opens_at": _when(0)}, "consultation_closes_at", "las dos fechas"),
        ({"consultation_closes_at": _when(9)}, "consultation_opens_at", "las dos fechas"),
        (
            {"consultation_opens_at": _when(5), "consultation_closes_at": _when(1)},
            "consultation_closes_at",
            "debe cerrar después de abrir",
        ),
        (
            {"consultation_opens_at": _when(-9), "consultation_closes_at": _when(-1)},
            "consultation_closes_at",
            "fecha futura",
        ),
        (
            {
                "consultation_opens_at": _when(0),
                "consultation_closes_at": _when(9),
                "status": "approved",
            },
            "consultation_opens_at",
            "no se somete a consulta",
        ),
    ],
)
def test_a_bad_window_is_refused_beside_its_field_and_nothing_is_published(
    tech, window, field, message
):
    response = _post(tech, **window)
    assert response.status_code == 200
    form = response.context["form"]
    assert any(message in error for error in form.errors.get(field, [])), form.errors
    assert not Version.objects.exists()
    assert not Consultation.objects.exists()


def test_the_version_admin_page_opens_or_changes_its_consultation(tech):
    assert _post(tech).status_code == 302
    version = Version.objects.get()
    page = tech.get(f"/admin/drafts/version/{version.pk}/change/").text
    add = f"/admin/consultation/consultation/add/?version={version.pk}"
    assert f'href="{add}"' in page and "Abrir una consulta sobre esta versión" in page
    form = tech.get(add).text
    assert f'<option value="{version.pk}" selected>' in form  # the version comes chosen
    consultation = Consultation.objects.create(
        version=version,
        title="Consulta",
        opens_at=timezone.now(),
        closes_at=timezone.now() + datetime.timedelta(days=60),
    )
    page = tech.get(f"/admin/drafts/version/{version.pk}/change/").text
    assert f'href="/admin/consultation/consultation/{consultation.pk}/change/"' in page
    assert "cambia el periodo (amplíalo o ciérralo)" in page


def test_a_new_window_closes_the_consultation_of_the_draft_it_supersedes(tech):
    _post(tech, consultation_opens_at=_when(-1), consultation_closes_at=_when(30))
    first = Consultation.objects.get()
    assert first.is_open()
    copy = WorkingCopy.current()
    copy.body = PNDA_V1 + "\n\nOtro párrafo.\n"
    copy.save()
    _post(tech, label="Quinto borrador", consultation_opens_at=_when(-0.01),
          consultation_closes_at=_when(60))  # fmt: skip
    first.refresh_from_db()
    assert not first.is_open()  # one consultation takes comments at a time
    assert Consultation.objects.open().get().version.label == "Quinto borrador"


def test_only_the_current_draft_is_offered_or_accepted_for_a_consultation(tech):
    _post(tech, status="approved")
    version = Version.objects.get()
    page = tech.get(f"/admin/drafts/version/{version.pk}/change/").text
    assert "Abrir una consulta sobre esta versión" not in page
    response = tech.post(
        "/admin/consultation/consultation/add/",
        {
            "version": version.pk,
            "title": "Consulta",
            "opens_at_0": "2030-01-01", "opens_at_1": "09:00",
            "closes_at_0": "2030-03-01", "closes_at_1": "09:00",
            "description": "",
        },
    )  # fmt: skip
    assert response.status_code == 200
    assert "Solo el borrador vigente puede someterse a consulta." in response.text
    assert not Consultation.objects.exists()
