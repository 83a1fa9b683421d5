import json

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import timezone

from abramos.accounts import personal_data
from abramos.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/cuenta/mis-datos/descargar/"


@pytest.fixture
def registry(monkeypatch):
    """A copy of the registry, so a test can register sections without leaking them."""
    monkeypatch.setattr(personal_data, "_sections", dict(personal_data._sections))
    return personal_data


def test_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_export_is_a_json_attachment_with_everything_about_the_person(client):
    user = UserFactory(email="marta@example.org", display_name="Marta", state="EX")
    client.force_login(user)

    response = client.get(URL)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="')
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    account = data["account"]
    assert account["email"] == "marta@example.org"
    assert account["display_name"] == "Marta"
    assert account["sector"] == user.sector
    assert account["state"] == "EX"
    assert account["organisation"] == user.organisation
    assert account["privacy_notice_version"] == user.privacy_notice_version
    assert account["privacy_notice_accepted_at"] == user.privacy_accepted_at.isoformat()
    assert account["date_joined"] == user.date_joined.isoformat()
    assert account["last_login"] is not None  # force_login records it
    assert data["email_addresses"] == [
        {"email": "marta@example.org", "verified": True, "primary": True}
    ]


def test_export_shows_an_unconfirmed_address_as_such(client):
    user = UserFactory(verified=False)
    client.force_login(user)

    data = json.loads(client.get(URL).content)

    assert data["email_addresses"][0]["verified"] is False


def test_export_includes_the_sections_other_apps_register(client, registry):
    registry.register("comments", lambda user: [{"author": user.display_name, "body": "Hola"}])
    user = UserFactory(display_name="Rosa")
    client.force_login(user)

    data = json.loads(client.get(URL).content)

    assert data["comments"] == [{"author": "Rosa", "body": "Hola"}]


def test_a_section_name_cannot_be_taken_twice(registry):
    def first(user):
        return []

    registry.register("votes", first)
    registry.register("votes", first)  # the same callable again is harmless

    with pytest.raises(ImproperlyConfigured):
        registry.register("votes", lambda user: [])


def test_export_holds_only_the_persons_own_data(client):
    UserFactory(email="otra@example.org")
    user = UserFactory(email="yo@example.org")
    client.force_login(user)

    body = client.get(URL).content.decode()

    assert "otra@example.org" not in body


def test_the_export_holds_everything_each_app_stored_about_the_person(
    client, django_capture_on_commit_callbacks
):
    """Each kind of record made through the services people use, then found in the download
    (the registry is not touched: what an app forgets to register is missing here)."""
    import datetime

    from consultation import services as consultation
    from consultation.models import Consultation, Notification
    from consultation.tests.conftest import PNDA, make_user
    from drafts.models import Version
    from drafts.services import policy as policy_services
    from drafts.tests.conftest import publish
    from strategy import services as strategy
    from transparency import services as transparency

    person = UserFactory(email="marta@example.org", display_name="Marta")
    other = UserFactory(email="otro@example.org", display_name="Otro")
    editor = make_user("editor@example.mx", display_name="Editor", is_superuser=True)
    with django_capture_on_commit_callbacks(execute=True):
        version = publish(editor, PNDA, "Aprobada", status=Version.Status.APPROVED)
    now = timezone.now()
    open_ = Consultation.objects.create(
        version=version, title="Consulta", opens_at=now - datetime.timedelta(hours=1),
        closes_at=now + datetime.timedelta(days=30),
    )  # fmt: skip
    mine = consultation.comment_create(actor=person, consultation=open_, body="Texto primero.")
    consultation.comment_edit(actor=person, comment=mine, body="Texto corregido.")
    theirs = consultation.comment_create(actor=other, consultation=open_, body="De otra persona.")
    consultation.comment_create(actor=person, consultation=open_, parent=theirs, body="Mi réplica.")
    consultation.comment_create(actor=other, consultation=open_, parent=mine, body="Te respondo.")
    consultation.support_add(actor=person, comment=theirs)
    consultation.flag_create(actor=person, comment=theirs, reason="Revisar, por favor.")
    consultation.notification_preference_set(actor=person, frequency="daily")
    strategy.collaboration_offer_create(
        organisation_name="Colectivo Marta", sector="civil_society", country="México", state="09",
        contribution="talent", description="Análisis de datos.", contact_name="Marta",
        contact_email="MARTA@example.org", privacy_consent=True,
    )  # fmt: skip
    policy_services.adoption_submit(
        version=version, institution="Instituto de Marta", order="state", branch="autonomous",
        state="09", adopted_on=timezone.localdate(now), contact_name="Marta",
        contact_email="marta@example.org",
    )  # fmt: skip
    transparency.contact_message_create(
        name="Marta", email="marta@example.org", subject="Pregunta", message="¿Cuándo cierra?",
        privacy_consent=True,
    )  # fmt: skip
    assert Notification.objects.filter(user=person).exists()

    client.force_login(person)
    data = json.loads(client.get(URL).content)
    text = json.dumps(data, ensure_ascii=False)
    for expected in (
        "Texto corregido.", "Texto primero.", "Mi réplica.", "Revisar, por favor.", "daily",
        "Colectivo Marta", "Instituto de Marta", "¿Cuándo cierra?",
    ):  # fmt: skip
        assert expected in text, expected
    assert [s["comment"] for s in data["supports"]] == [theirs.pk]
    assert data["notifications"] and data["notifications"][0]["kind"] == "reply"
    assert "De otra persona." not in text and "Te respondo." not in text  # not hers


def test_an_address_added_without_confirming_it_exports_nothing_sent_from_it(client):
    from allauth.account.models import EmailAddress

    from transparency import services as transparency

    transparency.contact_message_create(
        name="Víctima", email="victima@example.org", subject="Privado",
        message="Vivo en la calle secreta 123.", privacy_consent=True,
    )  # fmt: skip
    person = UserFactory(email="marta@example.org")
    EmailAddress.objects.create(user=person, email="victima@example.org", verified=False)
    client.force_login(person)
    assert "calle secreta" not in client.get(URL).content.decode()
