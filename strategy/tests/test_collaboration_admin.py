"""The Technical Group reviews offers to collaborate in the admin and accepts or declines them;
citizens and moderators cannot."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core import mail
from django.urls import reverse

from abramos import roles
from abramos.mail.models import Message
from strategy.models import CollaborationOffer
from strategy.tests.test_collaboration import make_offer, make_user

pytestmark = pytest.mark.django_db

# The admin is not under /en/: the language comes from the browser. English here, so the tests
# read the msgids; the Spanish of each is checked against the catalogue fragment below.
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
FRAGMENT = Path(__file__).resolve().parents[2] / "locale" / "fragments" / "collaboration.po"


@pytest.fixture
def tech_client(client):
    user = make_user("tecnica@example.mx", groups=[roles.TECHNICAL_GROUP], is_staff=True)
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def offer():
    return make_offer(organisation_name="Laboratorio de Datos", contact_email="luis@example.edu")


def _url(name: str, offer: CollaborationOffer) -> str:
    return reverse(f"admin:strategy_collaborationoffer_{name}", args=[offer.pk])


def test_the_technical_group_lists_offers_with_filters_and_search(
    tech_client, offer, django_assert_max_num_queries
):
    make_offer(
        organisation_name="Otra organización",
        contact_email="otra@example.org",
        status="accepted",
        decided_at=offer.created_at,
    )
    url = reverse("admin:strategy_collaborationoffer_changelist")
    with django_assert_max_num_queries(15):
        response = tech_client.get(url, **EN)
    assert response.status_code == 200
    assert "Laboratorio de Datos" in response.text and "Otra organización" in response.text
    for parameter in ("status__exact", "sector__exact", "contribution__exact", "country"):
        assert parameter in response.text
    filtered = tech_client.get(url, {"status__exact": "pending"}, **EN).text
    assert "Laboratorio de Datos" in filtered and "Otra organización" not in filtered
    found = tech_client.get(url, {"q": "luis@example.edu"}, **EN).text
    assert "Laboratorio de Datos" in found and "Otra organización" not in found


def test_the_offer_page_shows_what_was_sent_read_only_with_accept_and_decline(tech_client, offer):
    response = tech_client.get(_url("change", offer), **EN)
    assert response.status_code == 200
    html = response.text
    assert "Vocabularios para presupuesto abierto." in html and "luis@example.edu" in html
    assert 'name="description"' not in html and 'name="organisation_name"' not in html
    assert _url("accept", offer) in html and _url("decline", offer) in html
    assert "Rechazar con motivo" in html
    assert 'name="_save"' not in html  # nothing to save: the decision is the change


def test_the_technical_group_accepts_through_the_intermediate_page(
    tech_client, offer, django_capture_on_commit_callbacks
):
    page = tech_client.get(_url("accept", offer), **EN)
    assert page.status_code == 200
    assert "Aceptar la oferta" in page.text and "Mensaje para la organización" in page.text
    with django_capture_on_commit_callbacks(execute=True):
        response = tech_client.post(_url("accept", offer), {"reason": ""}, **EN)
    assert response.status_code == 302
    assert response["Location"] == _url("change", offer)
    offer.refresh_from_db()
    assert offer.status == CollaborationOffer.Status.ACCEPTED
    assert offer.decided_by == tech_client.user and offer.decided_at is not None
    assert mail.outbox[-1].to == ["luis@example.edu"]
    after = tech_client.get(response["Location"], **EN).text
    assert "Se aceptó la oferta" in after
    assert _url("accept", offer) not in after  # decided: no more buttons
    history = tech_client.get(_url("history", offer), **EN)
    assert history.status_code == 200


def test_declining_without_a_reason_is_refused_with_a_message(tech_client, offer):
    response = tech_client.post(_url("decline", offer), {"reason": "  "}, **EN)
    assert response.status_code == 200
    assert "Escribe por qué se rechaza la oferta" in response.text
    offer.refresh_from_db()
    assert offer.is_pending
    assert Message.objects.count() == 0


def test_declining_with_a_reason_records_it_and_emails_it(
    tech_client, offer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = tech_client.post(
            _url("decline", offer), {"reason": "Fuera del alcance de la política."}, **EN
        )
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.status == CollaborationOffer.Status.DECLINED
    assert offer.decision_reason == "Fuera del alcance de la política."
    assert "Fuera del alcance de la política." in mail.outbox[-1].body


def test_a_decided_offer_cannot_be_decided_again(tech_client, offer):
    tech_client.post(_url("accept", offer), {"reason": ""})
    response = tech_client.post(_url("decline", offer), {"reason": "Otro motivo"}, **EN)
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.status == CollaborationOffer.Status.ACCEPTED


def test_a_moderator_cannot_see_or_decide_offers(client, offer):
    client.force_login(make_user("modera@example.mx", groups=[roles.MODERATION], is_staff=True))
    assert client.get(_url("change", offer)).status_code == 403
    for name in ("accept", "decline"):
        assert client.post(_url(name, offer), {"reason": "No"}).status_code == 403
    offer.refresh_from_db()
    assert offer.is_pending


def test_a_citizen_is_forbidden_and_decides_nothing(client, offer):
    client.force_login(make_user("ciudadana@example.mx"))
    for name in ("accept", "decline"):
        assert client.post(_url(name, offer), {"reason": "No"}).status_code == 403
    offer.refresh_from_db()
    assert offer.is_pending


def test_an_anonymous_visitor_is_sent_to_log_in(client, offer):
    response = client.post(_url("accept", offer), {"reason": ""})
    assert response.status_code == 302
    assert "login" in response["Location"]
    offer.refresh_from_db()
    assert offer.is_pending


def test_staff_who_may_only_view_offers_get_no_buttons_and_cannot_decide(client, offer):
    from django.contrib.auth.models import Permission

    viewer = make_user("lectora@example.mx", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_collaborationoffer"))
    client.force_login(viewer)
    response = client.get(_url("change", offer))
    assert response.status_code == 200
    assert _url("accept", offer) not in response.text
    assert client.post(_url("accept", offer), {"reason": ""}).status_code == 403


def _spanish(msgid: str) -> str:
    """The msgstr of `msgid` in the fragment (single-line entries only)."""
    lines = FRAGMENT.read_text(encoding="utf-8").splitlines()
    index = lines.index(f'msgid "{msgid}"')
    return lines[index + 1].removeprefix('msgstr "').removesuffix('"')


@pytest.mark.parametrize(
    "msgid, spanish",
    [
        ("Accept", "Aceptar"),
        ("Decline with a reason", "Rechazar con motivo"),
        ("collaboration offers", "ofertas de colaboración"),
        ("Allies", "Aliados"),
    ],
)
def test_the_admin_and_the_page_speak_spanish(msgid, spanish):
    assert _spanish(msgid) == spanish
