import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone

from abramos.accounts.models import PRIVACY_NOTICE_VERSION, User
from abramos.limits import ALIAS as LIMITS
from abramos.mail.models import Message

pytestmark = pytest.mark.django_db

SIGNUP_URL = "/cuenta/signup/"
LOGIN_URL = "/cuenta/login/"
PASSWORD = "una-clave-larga-2026"


def signup_data(**overrides):
    data = {
        "email": "ana@example.org",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "display_name": "Ana López",
        "sector": "academia",
        "state": "20",
        "organisation": "",
        "privacy_accepted": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def confirmation_path(body: str) -> str:
    match = re.search(r"https?://testserver(/cuenta/confirm-email/[-:\w]+/)", body)
    assert match, body
    return match.group(1)


def test_signup_sends_a_confirmation_and_login_works_only_after_confirming(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SIGNUP_URL, signup_data())

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    user = User.objects.get(email="ana@example.org")
    assert not EmailAddress.objects.get(user=user).verified
    # Stored in the outbox first, then delivered by the Celery task once the sign-up committed.
    message = Message.objects.get(to="ana@example.org")
    assert message.sent_at is not None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ana@example.org"]
    assert mail.outbox[0].subject.startswith("[Abramos México] ")
    path = confirmation_path(mail.outbox[0].body)

    client.logout()
    response = client.post(LOGIN_URL, {"login": "ana@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session

    assert client.get(path).status_code == 200
    response = client.post(path)
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified

    client.logout()
    response = client.post(LOGIN_URL, {"login": "ana@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("accounts:my-data")
    assert client.session["_auth_user_id"] == str(user.pk)


def test_the_confirmation_link_does_not_confirm_on_a_get(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(SIGNUP_URL, signup_data())
    path = confirmation_path(mail.outbox[0].body)

    response = client.get(path)

    assert response.status_code == 200
    assert 'method="post"' in response.content.decode()
    assert not EmailAddress.objects.get(email="ana@example.org").verified


def test_signup_records_the_profile_and_the_consent_time_and_version(client):
    before = timezone.now()
    client.post(SIGNUP_URL, signup_data(display_name="  Ana   López ", organisation="UNAM"))
    after = timezone.now()

    user = User.objects.get(email="ana@example.org")
    assert user.display_name == "Ana López"
    assert (user.sector, user.state, user.organisation) == ("academia", "20", "UNAM")
    assert before <= user.privacy_accepted_at <= after
    assert user.privacy_notice_version == PRIVACY_NOTICE_VERSION
    assert user.check_password(PASSWORD)


def test_signup_accepts_people_living_outside_mexico(client):
    client.post(SIGNUP_URL, signup_data(state="EX"))

    assert User.objects.get(email="ana@example.org").state == "EX"


@pytest.mark.parametrize(
    ("overrides", "field", "english_error"),
    [
        ({"state": "99"}, "state", "Choose one of the 32 states from the list"),
        ({"state": ""}, "state", "Choose the state where you live"),
        ({"display_name": ""}, "display_name", "Enter the name to show beside your comments."),
        ({"display_name": "   "}, "display_name", "Enter the name to show beside your comments."),
        ({"sector": ""}, "sector", "Choose the sector you belong to."),
        ({"sector": "martians"}, "sector", "Choose a sector from the list."),
        ({"privacy_accepted": None}, "privacy_accepted", "Accept the privacy notice"),
    ],
)
def test_signup_with_a_wrong_field_explains_it_and_saves_nothing(
    client, overrides, field, english_error
):
    response = client.post("/en" + SIGNUP_URL, signup_data(**overrides))

    assert response.status_code == 200
    assert field in response.context["form"].errors
    html = response.content.decode()
    assert 'class="error-summary" role="alert"' in html
    assert f'href="#id_{field}"' in html
    assert f'id="id_{field}_error"' in html
    assert english_error in html
    assert not User.objects.exists()
    assert not Message.objects.exists()


def test_signup_page_links_the_privacy_notice_from_the_consent_label(client):
    response = client.get(SIGNUP_URL)

    html = response.content.decode()
    assert response.status_code == 200
    assert f'href="{reverse("privacy:notice")}"' in html
    assert 'name="privacy_accepted"' in html


def test_signup_with_an_address_already_registered_creates_no_second_account(
    client, django_capture_on_commit_callbacks
):
    client.post(SIGNUP_URL, signup_data())
    client.logout()
    caches[LIMITS].clear()  # allauth sends one message per address every 3 minutes

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SIGNUP_URL, signup_data(display_name="Otra persona"))

    # allauth does not reveal that the address exists: it mails its owner instead.
    assert response.status_code == 302
    assert User.objects.filter(email="ana@example.org").count() == 1
    assert mail.outbox[-1].to == ["ana@example.org"]
    assert "/cuenta/password/reset/" in mail.outbox[-1].body
