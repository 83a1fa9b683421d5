"""/politica/adoptar/: an institution records that it adopted the approved policy; the record
waits for staff to confirm it. Bad input gets a clear error and records nothing."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from drafts.models import Adoption
from drafts.tests import policy_fixtures
from drafts.tests.policy_fixtures import APPROVED_ON

pytestmark = pytest.mark.django_db

# Fixtures shared by the policy tests (drafts/tests/policy_fixtures.py).
_spanish = policy_fixtures._spanish
approved_version = policy_fixtures.approved_version
draft_version = policy_fixtures.draft_version
fast_render = policy_fixtures.fast_render
media_root = policy_fixtures.media_root

URL = "/politica/adoptar/"


def _valid(**changes) -> dict:
    data = {
        "institution": "  Instituto de Transparencia,   Acceso a la Información de Oaxaca ",
        "order": "state",
        "branch": "autonomous",
        "state": "20",
        "adopted_on": "2024-02-15",
        "evidence_url": "https://iaipoaxaca.org.mx/acuerdos/pnda",
        "contact_name": "Rosa Pérez",
        "contact_email": "rosa.perez@iaipoaxaca.org.mx",
        "privacy_accepted": "on",
        "website": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_the_form_asks_for_everything_and_links_to_the_privacy_notice(client, approved_version):
    response = client.get(URL)
    assert response.status_code == 200
    text = response.text
    for name in ["institution", "order", "branch", "state", "adopted_on", "evidence_url"]:
        assert f'name="{name}"' in text
    assert 'name="contact_name"' in text and 'name="contact_email"' in text
    assert 'name="privacy_accepted"' in text
    assert f'href="{reverse("privacy:notice")}"' in text
    assert 'type="date"' in text
    assert "csrfmiddlewaretoken" in text
    assert "Política aprobada" in text


def test_a_valid_adoption_is_stored_pending_and_thanked(client, approved_version):
    response = client.post(URL, _valid())
    assert response.status_code == 302
    assert response["Location"] == f"{URL}?enviada=1"
    adoption = Adoption.objects.get()
    assert adoption.version == approved_version
    assert adoption.status == Adoption.Status.PENDING
    assert adoption.institution == "Instituto de Transparencia, Acceso a la Información de Oaxaca"
    assert adoption.order == "state" and adoption.state == "20"
    assert adoption.adopted_on == datetime.date(2024, 2, 15)
    assert adoption.contact_email == "rosa.perez@iaipoaxaca.org.mx"
    assert adoption.reviewed_at is None and adoption.reviewed_by is None
    assert adoption.history.count() == 1

    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert f'href="{reverse("drafts:policy")}#adopciones"' in thanks.text
    # Pending: not in the public register yet.
    assert "Oaxaca" not in client.get(reverse("drafts:policy")).text.split('id="adopciones"')[1]


def test_a_federal_institution_has_no_state_whatever_was_chosen(client, approved_version):
    client.post(URL, _valid(order="federal", state="09", institution="Secretaría Federal"))
    assert Adoption.objects.get().state == ""


def test_a_municipal_adoption_and_a_date_written_day_first(client, approved_version):
    response = client.post(URL, _valid(order="municipal", adopted_on="15/03/2024"))
    assert response.status_code == 302
    assert Adoption.objects.get().adopted_on == datetime.date(2024, 3, 15)


def test_the_day_of_approval_and_today_are_accepted(client, approved_version):
    assert client.post(URL, _valid(adopted_on=APPROVED_ON.isoformat())).status_code == 302
    today = timezone.localdate().isoformat()
    assert client.post(URL, _valid(adopted_on=today)).status_code == 302
    assert Adoption.objects.count() == 2


def test_an_evidence_link_is_optional(client, approved_version):
    assert client.post(URL, _valid(evidence_url="")).status_code == 302


tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
BAD_INPUTS = [
    ("state", {"order": "state", "state": ""}),
    ("state", {"order": "municipal", "state": ""}),
    ("state", {"state": "33"}),
    ("order", {"order": ""}),
    ("order", {"order": "galactic"}),
    ("branch", {"branch": ""}),
    ("institution", {"institution": "   "}),
    ("adopted_on", {"adopted_on": tomorrow}),
    ("adopted_on", {"adopted_on": (APPROVED_ON - datetime.timedelta(days=1)).isoformat()}),
    ("adopted_on", {"adopted_on": "31/02/2024"}),
    ("adopted_on", {"adopted_on": ""}),
    ("evidence_url", {"evidence_url": "javascript:alert(document.cookie)"}),
    ("evidence_url", {"evidence_url": "ftp://iaipoaxaca.org.mx/acuerdo.pdf"}),
    ("evidence_url", {"evidence_url": "data:text/html,<script>alert(1)</script>"}),
    ("contact_name", {"contact_name": ""}),
    ("contact_email", {"contact_email": "rosa-en-iaipoaxaca"}),
    ("privacy_accepted", {"privacy_accepted": None}),
    ("__all__", {"website": "https://spam.example.com"}),
]


@pytest.mark.parametrize(("field", "changes"), BAD_INPUTS)
def test_bad_input_gets_a_clear_error_and_records_nothing(client, approved_version, field, changes):
    response = client.post(URL, _valid(**changes))
    assert response.status_code == 200
    assert Adoption.objects.count() == 0
    form = response.context["form"]
    assert list(form.errors) == [field]
    message = form.errors[field][0]
    assert len(message) > 20  # a sentence that says what to do, not "invalid"
    text = response.text
    assert 'class="error-summary"' in text
    assert text.count(str(message).replace("’", "’")) >= 1
    if field != "__all__":
        target = form[field].id_for_label or form[field].auto_id  # radios: their group
        assert f'href="#{target}"' in text  # the summary links to the field
        assert f'id="{target}"' in text
    assert "<script>alert" not in text


def test_the_error_about_the_approval_date_names_it(client, approved_version):
    response = client.post(URL, _valid(adopted_on="2023-01-01"))
    assert "9 de octubre de 2023" in response.context["form"].errors["adopted_on"][0]


def test_typed_values_are_kept_after_an_error(client, approved_version):
    response = client.post(URL, _valid(privacy_accepted=None))
    text = response.text
    assert 'value="  Instituto de Transparencia,   Acceso a la Información de Oaxaca "' in text
    assert 'value="rosa.perez@iaipoaxaca.org.mx"' in text
    assert 'value="2024-02-15"' in text
    assert 'value="20" selected' in text
    assert 'value="state" required id="id_order_1" checked' in text


def test_a_filled_honeypot_is_not_shown_back(client, approved_version):
    response = client.post(URL, _valid(website="https://spam.example.com"))
    assert "https://spam.example.com" not in response.text


def test_without_an_approved_version_the_form_explains_and_accepts_nothing(client, draft_version):
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["version"] is None
    assert 'name="institution"' not in response.text
    posted = client.post(URL, _valid())
    assert posted.status_code == 409
    assert Adoption.objects.count() == 0


def test_posting_without_the_csrf_token_is_refused(approved_version):
    response = Client(enforce_csrf_checks=True).post(URL, _valid())
    assert response.status_code == 403
    assert Adoption.objects.count() == 0


def test_the_form_works_in_english(client, approved_version):
    response = client.get("/en/politica/adoptar/")
    assert response.status_code == 200
    assert "Record an adoption" in response.text
    posted = client.post("/en/politica/adoptar/", _valid())
    assert posted["Location"] == "/en/politica/adoptar/?enviada=1"
