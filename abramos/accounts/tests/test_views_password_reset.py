import re

import pytest
from django.core import mail

from abramos.accounts.tests.factories import UserFactory
from abramos.mail.models import Message

pytestmark = pytest.mark.django_db

URL = "/cuenta/password/reset/"
NEW_PASSWORD = "otra-clave-segura-2027"


def test_password_reset_queues_a_message_and_delivers_it_after_commit(
    client, django_capture_on_commit_callbacks
):
    UserFactory(email="olvido@example.org")

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(URL, {"email": "olvido@example.org"})

    assert response.status_code == 302
    message = Message.objects.get(to="olvido@example.org")
    assert message.sent_at is None
    assert mail.outbox == []

    for callback in callbacks:
        callback()

    message.refresh_from_db()
    assert message.sent_at is not None
    assert len(mail.outbox) == 1
    assert "/cuenta/password/reset/key/" in mail.outbox[0].body


def test_password_reset_link_lets_the_person_choose_a_new_password(
    client, django_capture_on_commit_callbacks
):
    user = UserFactory(email="olvido@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, {"email": "olvido@example.org"})
    path = re.search(r"https?://testserver(/cuenta/password/reset/key/\S+/)", mail.outbox[0].body)

    response = client.get(path.group(1), follow=True)
    assert response.status_code == 200
    response = client.post(
        response.redirect_chain[-1][0],
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_password_reset_for_an_unknown_address_says_the_same_and_tells_the_address(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"email": "nadie@example.org"})

    assert response.status_code == 302
    assert mail.outbox[0].to == ["nadie@example.org"]
    assert "/cuenta/signup/" in mail.outbox[0].body
