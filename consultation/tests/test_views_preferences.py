"""/consulta/avisos/: a signed-in person chooses immediate mail, a daily digest, or none."""

import re

import pytest
from django.core import mail

from consultation import services, tasks
from consultation.models import Notification, NotificationPreference

pytestmark = pytest.mark.django_db

URL = "/consulta/avisos/"


def _frequency(user) -> str | None:
    preference = NotificationPreference.objects.filter(user=user).first()
    return preference.frequency if preference else None


def test_anonymous_people_are_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/cuenta/" in response["Location"] and "next=" in response["Location"]
    assert client.post(URL, {"frequency": "none"}).status_code == 302
    assert not NotificationPreference.objects.exists()


def test_the_page_shows_the_three_choices_with_immediate_by_default(client, citizen):
    client.force_login(citizen)
    response = client.get("/en" + URL)
    assert response.status_code == 200
    html = response.content.decode()
    for value in ["immediate", "daily", "none"]:
        assert f'value="{value}"' in html
    assert re.search(r'value="immediate"[^>]*checked', html)
    assert not re.search(r'value="(daily|none)"[^>]*checked', html)
    assert "csrfmiddlewaretoken" in html


def test_a_good_choice_is_saved_with_a_message(client, citizen):
    client.force_login(citizen)
    response = client.post("/en" + URL, {"frequency": "daily"}, follow=True)
    assert response.redirect_chain[0][1] == 302
    assert _frequency(citizen) == "daily"
    assert "Your choice was saved." in response.content.decode()

    client.post(URL, {"frequency": "none"})
    assert _frequency(citizen) == "none"
    assert NotificationPreference.objects.filter(user=citizen).count() == 1


@pytest.mark.parametrize("value", ["weekly", "", "IMMEDIATE"])
def test_a_bad_choice_is_refused_with_a_clear_error_and_nothing_changes(client, citizen, value):
    NotificationPreference.objects.create(user=citizen, frequency="daily")
    client.force_login(citizen)
    response = client.post("/en" + URL, {"frequency": value})
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Choose" in html
    assert _frequency(citizen) == "daily"


def test_the_form_needs_the_csrf_token(citizen):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(citizen)
    assert client.post(URL, {"frequency": "none"}).status_code == 403
    assert _frequency(citizen) is None


def test_the_service_refuses_an_unknown_value(citizen):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.notification_preference_set(actor=citizen, frequency="weekly")


def test_the_page_is_linked_for_signed_in_people(client, citizen, consultation):
    client.force_login(citizen)
    assert URL in client.get("/consulta/").content.decode()
    assert URL in client.get(consultation.version.get_absolute_url()).content.decode()
    client.logout()
    assert URL not in client.get("/consulta/").content.decode()


# The choice is honoured -------------------------------------------------------------------


@pytest.fixture
def commented(citizen, consultation, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.comment_create(actor=citizen, consultation=consultation, body="Idea.")


def _reply(other, parent, callbacks):
    with callbacks(execute=True):
        services.comment_create(
            actor=other, consultation=parent.consultation, parent=parent, body="Respuesta."
        )


def test_choosing_the_digest_on_the_page_holds_the_mail_for_the_daily_e_mail(
    client, citizen, other_citizen, commented, django_capture_on_commit_callbacks
):
    client.force_login(citizen)
    client.post(URL, {"frequency": "daily"})
    _reply(other_citizen, commented, django_capture_on_commit_callbacks)
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.deliver_digests() == 1
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [citizen.email]


def test_choosing_none_on_the_page_stores_no_notification(
    client, citizen, other_citizen, commented, django_capture_on_commit_callbacks
):
    client.force_login(citizen)
    client.post(URL, {"frequency": "none"})
    _reply(other_citizen, commented, django_capture_on_commit_callbacks)
    assert not Notification.objects.filter(user=citizen).exists()
    assert mail.outbox == []


def test_choosing_immediate_again_mails_at_once(
    client, citizen, other_citizen, commented, django_capture_on_commit_callbacks
):
    NotificationPreference.objects.create(user=citizen, frequency="none")
    client.force_login(citizen)
    client.post(URL, {"frequency": "immediate"})
    _reply(other_citizen, commented, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    assert "/consulta/avisos/" in mail.outbox[0].body
