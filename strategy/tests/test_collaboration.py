"""/colabora/: an organisation offers to collaborate; accepted allies on /participantes/ and in
the open data; the services that store, acknowledge and decide."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from abramos import opendata, roles
from abramos.accounts.models import Sector, User
from abramos.mail.models import Message
from strategy import services
from strategy.models import MEXICO, CollaborationOffer
from tests.demo import load_demo

pytestmark = pytest.mark.django_db

URL = "/colabora/"
EN_URL = "/en/colabora/"
GOOD = {
    "organisation_name": "  Fundación  Datos para Todos ",
    "sector": Sector.CIVIL_SOCIETY,
    "country": "México",
    "state": "31",
    "contribution": CollaborationOffer.Contribution.TALENT,
    "description": "Dos personas analistas para acompañar la mesa de diagnóstico.",
    "contact_name": "Ana Pérez",
    "contact_email": "ana@example.mx",
    "privacy_consent": "on",
    "website": "",
}


def make_user(email: str, *, groups=(), **extra) -> User:
    roles.apply_roles()
    user = User.objects.create_user(email, "clave-segura-123", display_name=email, **extra)
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return User.objects.get(pk=user.pk)  # fresh: permission cache


@pytest.fixture
def tech_user():
    return make_user("tecnica@example.mx", groups=[roles.TECHNICAL_GROUP], is_staff=True)


@pytest.fixture
def moderator():
    return make_user("modera@example.mx", groups=[roles.MODERATION], is_staff=True)


@pytest.fixture
def citizen():
    return make_user("ciudadana@example.mx")


def make_offer(**changes) -> CollaborationOffer:
    values = {
        "organisation_name": "Laboratorio de Datos",
        "sector": Sector.ACADEMIA,
        "country": MEXICO,
        "state": "14",
        "contribution": CollaborationOffer.Contribution.STANDARDS,
        "description": "Vocabularios para presupuesto abierto.",
        "contact_name": "Luis Contacto",
        "contact_email": "luis@example.edu",
        "privacy_consent": True,
        **changes,
    }
    return CollaborationOffer.objects.create(**values)


def decide(offer, *, accept, actor, reason=""):
    return services.collaboration_offer_decide(
        offer=offer, accept=accept, reason=reason, actor=actor
    )


# The page and the form ---------------------------------------------------------------------


def test_the_page_has_its_spanish_and_english_addresses():
    assert reverse("strategy:collaborate") == URL
    assert reverse("strategy:collaborate-thanks") == "/colabora/gracias/"


@pytest.mark.parametrize("url", [URL, EN_URL])
def test_the_page_explains_the_invitation_and_shows_the_form(
    client, url, django_assert_max_num_queries
):
    with django_assert_max_num_queries(3):
        response = client.get(url)
    assert response.status_code == 200
    html = response.text
    assert reverse("privacy:notice") in html
    assert 'name="website"' in html  # the honeypot, hidden by CSS
    assert 'value="México"' in html  # the country starts as Mexico
    assert 'name="state"' in html and "Jalisco" in html
    assert 'style="' not in html and " onclick=" not in html


def test_the_english_page_speaks_of_talent_experience_standards_and_infrastructure(client):
    html = client.get(EN_URL).text
    assert "National and international organisations, public or private" in html
    for kind in ("Talent", "Experience", "Standards", "Infrastructure"):
        assert kind in html


def test_an_offer_is_stored_acknowledged_through_celery_and_redirected(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(URL, GOOD)
    assert response.status_code == 302
    assert response["Location"] == reverse("strategy:collaborate-thanks")
    offer = CollaborationOffer.objects.get()
    assert offer.organisation_name == "Fundación Datos para Todos"
    assert offer.status == CollaborationOffer.Status.PENDING
    assert offer.country == MEXICO and offer.state == "31"
    assert offer.privacy_consent and offer.acknowledged_at is not None
    assert offer.language == "es-mx"
    # The delivery task, started once the row is committed (other callbacks may renew caches).
    assert len([c for c in callbacks if "deliver" in repr(c)]) == 1
    assert Message.objects.get(to="ana@example.mx").sent_at is not None
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["ana@example.mx"]
    assert str(offer.pk) in email.subject and str(offer.pk) in email.body
    assert email.alternatives and email.alternatives[0][1] == "text/html"
    assert client.get(response["Location"]).status_code == 200


def test_nothing_is_sent_before_the_transaction_commits(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        client.post(URL, GOOD)
    assert Message.objects.filter(sent_at__isnull=True).count() == 1
    assert mail.outbox == []


def test_an_offer_from_another_country_needs_no_state(client):
    data = {**GOOD, "country": " Colombia ", "state": ""}
    assert client.post(URL, data).status_code == 302
    offer = CollaborationOffer.objects.get()
    assert offer.country == "Colombia" and offer.state == ""
    assert offer.location == "Colombia"


@pytest.mark.parametrize("typed", ["mexico", "MÉXICO", "México.", "MX", "Estados Unidos Mexicanos"])
def test_mexico_is_recognised_however_it_is_written(client, typed):
    assert client.post(URL, {**GOOD, "country": typed}).status_code == 302
    assert CollaborationOffer.objects.get().country == MEXICO


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"contact_email": "ana-arroba-example"}, "contact_email", "Write an e-mail address like"),
        ({"privacy_consent": ""}, "privacy_consent", "Accept the privacy notice"),
        ({"organisation_name": "  "}, "organisation_name", "Write the name of the organisation."),
        ({"sector": ""}, "sector", "Choose the sector of the organisation."),
        ({"sector": Sector.INDIVIDUAL}, "sector", "That sector does not exist."),
        ({"contribution": ""}, "contribution", "Choose what the organisation offers."),
        ({"description": "   "}, "description", "Describe what the organisation offers."),
        ({"contact_name": ""}, "contact_name", "Write the name of the person we can talk to."),
        ({"state": ""}, "state", "Choose the state where the organisation is based."),
        ({"state": "99"}, "state", "That state does not exist."),
        ({"country": "Chile"}, "state", "States are only for organisations in Mexico"),
        ({"country": ""}, "country", "Write the country where the organisation is based."),
    ],
)
def test_bad_input_gets_a_clear_message_and_keeps_what_was_typed(client, changes, field, message):
    data = {**GOOD, **changes}
    if not data["privacy_consent"]:
        del data["privacy_consent"]
    response = client.post(EN_URL, data)
    assert response.status_code == 200
    assert CollaborationOffer.objects.count() == 0
    assert message in response.text
    assert 'class="error-summary"' in response.text
    assert f'href="#id_{field}' in response.text  # the summary links to the field
    form = response.context["form"]
    assert field in form.errors
    for name in ("description", "contact_email"):
        if name != field:
            assert form[name].value() == data[name]
    assert "Dos personas analistas" in response.text or field == "description"
    assert Message.objects.count() == 0


def test_the_spanish_page_reports_errors_in_spanish(client):
    response = client.post(URL, {**GOOD, "contact_email": "x"})
    assert response.status_code == 200
    assert "Escribe un correo electrónico como nombre@ejemplo.mx." in response.text


def test_a_filled_honeypot_is_refused_without_storing(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(EN_URL, {**GOOD, "website": "http://spam.example"})
    assert response.status_code == 400
    assert "The form could not be sent" in response.text
    assert "http://spam.example" not in response.text
    assert CollaborationOffer.objects.count() == 0
    assert Message.objects.count() == 0
    assert mail.outbox == []


def test_the_rate_limit_refuses_with_a_message_and_keeps_the_text(client, settings):
    settings.COLLABORATION_RATE_LIMIT = (2, 600)
    for _ in range(2):
        assert client.post(URL, GOOD).status_code == 302
    response = client.post(EN_URL, {**GOOD, "organisation_name": "Tercera oferta"})
    assert response.status_code == 429
    assert "You have sent 2 offers in the last 10 minutes" in response.text
    assert "Tercera oferta" in response.text
    assert GOOD["description"] in response.text
    assert CollaborationOffer.objects.count() == 2


def test_the_rate_limit_is_per_address(client, settings):
    settings.COLLABORATION_RATE_LIMIT = (1, 600)
    assert client.post(URL, GOOD, REMOTE_ADDR="10.0.0.1").status_code == 302
    assert client.post(URL, GOOD, REMOTE_ADDR="10.0.0.1").status_code == 429
    assert client.post(URL, GOOD, REMOTE_ADDR="10.0.0.2").status_code == 302


def test_an_offer_sent_from_the_english_page_is_answered_in_english(
    client, tech_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(EN_URL, GOOD)
    offer = CollaborationOffer.objects.get()
    assert offer.language == "en"
    assert "We received the offer to collaborate" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        decide(offer, accept=True, actor=tech_user)
    assert "accepted the offer" in mail.outbox[1].body


PHISHING = "Aviso urgente: verifica tu cuenta en http://phishing.example/acceso"


def test_no_e_mail_to_the_offerer_repeats_what_the_offerer_typed(
    client, tech_user, django_capture_on_commit_callbacks
):
    typed = {
        "organisation_name": PHISHING[:200],
        "contact_name": PHISHING[:200],
        "description": PHISHING * 3,
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(URL, {**GOOD, **typed}).status_code == 302
    offer = CollaborationOffer.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        decide(offer, accept=False, actor=tech_user, reason="Fuera del alcance.")
    assert len(mail.outbox) == 2
    for email in mail.outbox:
        for part in (email.subject, email.body, email.alternatives[0][0]):
            assert "phishing.example" not in part and "Aviso urgente" not in part


# Deciding ----------------------------------------------------------------------------------


def test_the_technical_group_accepts_an_offer_and_the_organisation_is_told(
    tech_user, django_capture_on_commit_callbacks
):
    offer = make_offer()
    with django_capture_on_commit_callbacks(execute=True):
        decided = decide(offer, accept=True, actor=tech_user, reason="  Bienvenidos.  ")
    assert decided.status == CollaborationOffer.Status.ACCEPTED
    assert decided.decided_by == tech_user
    assert timezone.now() - decided.decided_at < datetime.timedelta(minutes=1)
    assert decided.decision_reason == "Bienvenidos."
    email = mail.outbox[-1]
    assert email.to == ["luis@example.edu"]
    assert str(offer.pk) in email.subject
    assert "Bienvenidos." in email.body  # the Technical Group's own words
    assert "/participantes/" in email.body
    assert email.alternatives[0][1] == "text/html"


def test_declining_needs_a_reason_which_is_emailed(tech_user, django_capture_on_commit_callbacks):
    offer = make_offer()
    with pytest.raises(ValidationError) as error:
        decide(offer, accept=False, actor=tech_user, reason="   ")
    assert "reason" in error.value.message_dict
    offer.refresh_from_db()
    assert offer.is_pending
    with django_capture_on_commit_callbacks(execute=True):
        decide(offer, accept=False, actor=tech_user, reason="No es parte del alcance.")
    offer.refresh_from_db()
    assert offer.status == CollaborationOffer.Status.DECLINED
    assert offer.decision_reason == "No es parte del alcance."
    assert "No es parte del alcance." in mail.outbox[-1].body


def test_the_database_refuses_a_declined_offer_without_a_reason():
    offer = make_offer()
    offer.status, offer.decided_at = CollaborationOffer.Status.DECLINED, timezone.now()
    with pytest.raises(ValidationError) as error:
        offer.full_clean()
    assert "Escribe el motivo por el que se rechaza la oferta." in str(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        offer.save()


def test_an_offer_is_decided_only_once(tech_user, django_capture_on_commit_callbacks):
    offer = make_offer()
    with django_capture_on_commit_callbacks(execute=True):
        decide(offer, accept=True, actor=tech_user)
    with pytest.raises(ValidationError), django_capture_on_commit_callbacks(execute=True):
        decide(offer, accept=False, actor=tech_user, reason="Cambio de opinión")
    offer.refresh_from_db()
    assert offer.status == CollaborationOffer.Status.ACCEPTED
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("who", ["citizen", "moderator", "nobody"])
def test_only_those_who_may_change_offers_decide(request, who):
    actor = None if who == "nobody" else request.getfixturevalue(who)
    offer = make_offer()
    with pytest.raises(PermissionDenied):
        decide(offer, accept=True, actor=actor)
    offer.refresh_from_db()
    assert offer.is_pending
    assert Message.objects.count() == 0


def test_history_records_the_offer_and_who_decided(tech_user, client):
    client.post(URL, GOOD)
    offer = CollaborationOffer.objects.get()
    decide(offer, accept=True, actor=tech_user)
    records = list(offer.history.order_by("history_date", "history_id"))
    assert [r.status for r in records][-1] == "accepted"
    assert records[0].history_change_reason == "Sent through /colabora/"
    assert records[-1].history_user == tech_user
    assert records[-1].history_change_reason == "Accepted"


# Allies: /participantes/ and the open data ---------------------------------------------------


@pytest.fixture
def offers(tech_user):
    accepted = make_offer(organisation_name="Aliado Aceptado", contact_email="secreta@example.mx")
    decide(accepted, accept=True, actor=tech_user)
    abroad = make_offer(
        organisation_name="Red Andina", country="Perú", state="", sector=Sector.CIVIL_SOCIETY
    )
    decide(abroad, accept=True, actor=tech_user)
    make_offer(organisation_name="Oferta Pendiente")
    declined = make_offer(organisation_name="Oferta Rechazada")
    decide(declined, accept=False, actor=tech_user, reason="Fuera de alcance")
    return accepted


def test_accepted_allies_appear_on_the_participants_page_without_contact_details(
    client, offers, django_assert_max_num_queries
):
    with django_assert_max_num_queries(7):
        response = client.get("/en/participantes/")
    html = response.text
    assert "Allies" in html
    assert "Aliado Aceptado" in html and "Red Andina" in html
    assert f'id="aliado-{offers.pk}"' in html
    assert "Jalisco, México" in html and "Perú" in html
    assert "Standards" in html and "Vocabularios para presupuesto abierto." in html
    assert "Oferta Pendiente" not in html and "Oferta Rechazada" not in html
    assert "secreta@example.mx" not in html and "Luis Contacto" not in html
    assert "Fuera de alcance" not in html
    assert reverse("strategy:collaborate", kwargs={}) in html


def test_the_allies_follow_the_sector_filter(client, offers):
    html = client.get("/en/participantes/", {"sector": Sector.CIVIL_SOCIETY}).text
    assert "Red Andina" in html and "Aliado Aceptado" not in html


def test_the_allies_cost_one_query_whatever_their_number(
    client, tech_user, django_assert_max_num_queries
):
    for n in range(30):
        decide(make_offer(organisation_name=f"Aliado {n:02d}"), accept=True, actor=tech_user)
    with django_assert_max_num_queries(7):
        response = client.get("/participantes/")
    assert response.text.count('class="ally"') == 30


def test_an_empty_allies_section_invites_to_collaborate(client):
    html = client.get("/en/participantes/").text
    assert "No offers to collaborate have been accepted yet." in html


def test_the_allies_dataset_holds_only_accepted_offers_and_no_contact_details(
    offers, django_assert_num_queries
):
    dataset = opendata.get("aliados")
    assert dataset is not None
    with django_assert_num_queries(1):
        rows = list(dataset.rows())
    assert [row["organizacion"] for row in rows] == ["Aliado Aceptado", "Red Andina"]
    first = rows[0]
    assert first["sector"] == Sector.ACADEMIA
    assert first["pais"] == MEXICO
    assert first["cve_ent"] == "14" and first["nom_ent"] == "Jalisco"
    assert first["tipo_aportacion"] == "standards"
    assert first["fecha_aceptacion"] == timezone.localdate()
    assert first["url"].endswith(f"/participantes/#aliado-{offers.pk}")
    assert rows[1]["cve_ent"] is None and rows[1]["pais"] == "Perú"
    assert set(first) == set(dataset.field_names)
    text = repr(rows)
    assert "@" not in text and "Luis Contacto" not in text and "Fuera de alcance" not in text
    assert dataset.record_count() == 2
    assert dataset.modified() is not None


def test_the_allies_csv_is_served_by_the_catalogue(client, offers):
    response = client.get("/datos/aliados.csv")
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8")
    assert "Aliado Aceptado" in body and "Oferta Pendiente" not in body
    assert "@" not in body


def test_the_demo_has_offers_in_every_state_and_loads_idempotently():

    load_demo(verbosity=0)
    statuses = set(CollaborationOffer.objects.values_list("status", flat=True))
    assert statuses == {"pending", "accepted", "declined"}
    history = CollaborationOffer.history.count()
    load_demo(verbosity=0)
    assert CollaborationOffer.history.count() == history
