"""Every limit holds while Redis is down (abramos/limits.py).

The cache is pointed at a port of this machine where nothing listens, as when Redis is stopped:
pages still render (the page cache renders when nobody answers; the rest of the cache answers a
miss), and the limits that protect accounts (failed
log-ins, second-factor codes and their reuse, password resets) and against abuse (contact,
collaboration, comments) keep counting in the database. Before, with Redis stopped, 8 wrong
passwords and then the right one signed in, 10 wrong codes and then the right one too, and an
eighth contact message passed a limit of five per hour.
"""

import datetime
import socket

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.utils import timezone

from abramos import roles
from abramos.accounts.models import LimitEntry, User
from abramos.accounts.tests.factories import PASSWORD, UserFactory
from abramos.mail.models import Message
from abramos.mfa import current_totp_code, new_totp_secret

pytestmark = pytest.mark.django_db
LOGIN = "/cuenta/login/"
CODE = "/cuenta/2fa/authenticate/"


def _port_where_nothing_listens() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(autouse=True)
def redis_down(settings):
    down = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": f"redis://127.0.0.1:{_port_where_nothing_listens()}/0",
        "KEY_PREFIX": "abramos",
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
    }
    settings.CACHES = {
        **settings.CACHES,
        # As in production (abramos/settings.py): the default cache answers a miss, the page
        # cache is told that nobody answered.
        "default": {**down, "OPTIONS": {**down["OPTIONS"], "IGNORE_EXCEPTIONS": True}},
        "pages": down,
    }
    cache.set("probe", 1)
    assert cache.get("probe") is None  # nothing answers
    assert cache.add("probe", 1) is None  # "no answer", told apart from False ("already there")
    yield


def test_pages_still_render_with_the_cache_down(client):
    assert client.get("/").status_code == 200


def test_wrong_passwords_then_the_right_one_does_not_sign_in(client):
    user = UserFactory()
    for attempt in range(8):
        response = client.post(LOGIN, {"login": user.email, "password": f"intento-{attempt}"})
        assert response.status_code == 200
    response = client.post(LOGIN, {"login": user.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 429)
    assert LimitEntry.objects.filter(key__contains="login_failed").exists()


def test_a_person_who_remembers_the_password_signs_in_with_the_cache_down(client):
    user = UserFactory()
    client.post(LOGIN, {"login": user.email, "password": "me-equivoque"})
    client.post(LOGIN, {"login": user.email, "password": PASSWORD})
    assert client.session["_auth_user_id"] == str(user.pk)


def _staff_with_authenticator() -> tuple[User, str]:
    from allauth.account.models import EmailAddress

    roles.apply_roles()
    user = User.objects.create_user(
        "tec@example.mx", PASSWORD, display_name="Grupo Técnico", is_staff=True
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    user.groups.add(Group.objects.get(name=roles.TECHNICAL_GROUP))
    secret = new_totp_secret()
    TOTP.activate(user, secret)
    return user, secret


@pytest.mark.without_staff_authenticator
def test_wrong_second_factor_codes_then_the_right_one_does_not_sign_in(client):
    user, secret = _staff_with_authenticator()
    assert client.post(LOGIN, {"login": user.email, "password": PASSWORD}).status_code == 302
    right = current_totp_code(secret)
    wrong = [f"{(int(right) + n) % 1_000_000:06d}" for n in range(1, 11)]
    for code in wrong:
        assert client.post(CODE, {"code": code}).status_code == 200
    client.post(CODE, {"code": current_totp_code(secret)})
    assert "_auth_user_id" not in client.session


@pytest.mark.without_staff_authenticator
def test_a_second_factor_code_cannot_be_used_twice_with_the_cache_down(client):
    user, secret = _staff_with_authenticator()
    code = current_totp_code(secret)
    client.post(LOGIN, {"login": user.email, "password": PASSWORD})
    client.post(CODE, {"code": code})
    assert client.session["_auth_user_id"] == str(user.pk)

    client.logout()
    client.post(LOGIN, {"login": user.email, "password": PASSWORD})
    client.post(CODE, {"code": code})
    assert "_auth_user_id" not in client.session


def test_password_resets_for_one_address_are_limited(client, django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        statuses = [
            client.post("/cuenta/password/reset/", {"email": user.email}).status_code
            for _ in range(8)
        ]
    assert statuses[:5] == [302] * 5
    assert 302 not in statuses[5:]
    assert Message.objects.filter(to=user.email).count() == 5


def test_contact_messages_are_limited_and_the_refused_text_is_kept(client, settings):
    from transparency.models import ContactMessage
    from transparency.tests.test_contact import GOOD

    settings.CONTACT_RATE_LIMIT = (5, 3600)
    for _ in range(5):
        assert client.post("/contacto/", GOOD).status_code == 302
    for n in range(3):
        response = client.post("/contacto/", {**GOOD, "subject": f"Mensaje extra {n}"})
        assert response.status_code == 429
        assert f"Mensaje extra {n}" in response.text
    assert ContactMessage.objects.count() == 5


def test_collaboration_offers_are_limited_and_the_refused_text_is_kept(client, settings):
    from strategy.models import CollaborationOffer
    from strategy.tests.test_collaboration import GOOD

    settings.COLLABORATION_RATE_LIMIT = (2, 3600)
    for _ in range(2):
        assert client.post("/colabora/", GOOD).status_code == 302
    response = client.post("/colabora/", {**GOOD, "organisation_name": "Oferta extra"})
    assert response.status_code == 429
    assert "Oferta extra" in response.text
    assert CollaborationOffer.objects.count() == 2


def test_comments_are_limited(settings):
    from consultation import services
    from consultation.models import Comment, Consultation
    from consultation.tests.conftest import PNDA
    from drafts.tests.conftest import publish

    settings.CONSULTATION_RATE_LIMIT = (3, 600)
    tech = User.objects.create_user("editor@example.mx", PASSWORD, display_name="Editor")
    tech.is_superuser = True
    tech.save()
    now = timezone.now()
    consultation = Consultation.objects.create(
        version=publish(tech, PNDA, "Borrador"),
        title="Consulta",
        opens_at=now - datetime.timedelta(hours=1),
        closes_at=now + datetime.timedelta(days=30),
    )
    citizen = UserFactory()
    for n in range(3):
        services.comment_create(actor=citizen, consultation=consultation, body=f"Idea {n}")
    with pytest.raises(services.RateLimited):
        services.comment_create(actor=citizen, consultation=consultation, body="Una más")
    assert Comment.objects.count() == 3
