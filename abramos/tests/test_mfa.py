"""Staff who can edit or publish the policy or answer comments use two-step verification."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group

from abramos import roles
from abramos.accounts.models import User
from abramos.mfa import current_totp_code, new_totp_secret, requires_mfa

pytestmark = [pytest.mark.django_db, pytest.mark.without_staff_authenticator]
PASSWORD = "clave-segura-2026"


def _staff(email: str, *groups: str, superuser: bool = False) -> User:
    from allauth.account.models import EmailAddress

    roles.apply_roles()
    user = User.objects.create_user(
        email, PASSWORD, display_name="Staff", is_staff=True, is_superuser=superuser
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return User.objects.get(pk=user.pk)


def test_who_must_use_two_step_verification():
    assert requires_mfa(_staff("tec@example.mx", roles.TECHNICAL_GROUP))
    assert requires_mfa(_staff("root@example.mx", superuser=True))
    assert requires_mfa(_staff("mod@example.mx", roles.MODERATION))
    assert not requires_mfa(
        User.objects.create_user("ana@example.mx", PASSWORD, display_name="Ana")
    )


def test_technical_group_without_an_authenticator_is_sent_to_activate_one(client):
    client.force_login(_staff("tec@example.mx", roles.TECHNICAL_GROUP))
    for path in ("/admin/", "/admin/drafts/workingcopy/", "/consulta/atencion/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].endswith("/cuenta/2fa/totp/activate/"), path


def test_the_activation_page_shows_the_qr_code_and_activating_opens_the_admin(client):
    _staff("tec@example.mx", roles.TECHNICAL_GROUP)
    response = client.post("/cuenta/login/", {"login": "tec@example.mx", "password": PASSWORD})
    assert response.status_code == 302
    activation = client.get("/admin/")["Location"]
    # allauth asks for the password again before a second factor is set up.
    again = client.get(activation)
    assert again["Location"].startswith("/cuenta/reauthenticate/")
    client.post(again["Location"], {"password": PASSWORD})
    page = client.get(activation)
    assert page.status_code == 200
    assert b"data:image/svg+xml" in page.content
    secret = client.session["mfa.totp.secret"]

    wrong = client.post("/cuenta/2fa/totp/activate/", {"code": "000000"})
    assert wrong.status_code == 200
    assert not Authenticator.objects.filter(type=Authenticator.Type.TOTP).exists()

    client.post("/cuenta/2fa/totp/activate/", {"code": current_totp_code(secret)})
    kinds = set(Authenticator.objects.values_list("type", flat=True))
    assert kinds == {Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES}
    assert client.get("/admin/").status_code == 200


def test_a_moderator_without_an_authenticator_is_sent_to_activate_one(client):
    # Hiding a person's words from the public record needs two-step verification too.
    client.force_login(_staff("mod@example.mx", roles.MODERATION))
    response = client.get("/consulta/moderacion/")
    assert response.status_code == 302
    assert response["Location"].endswith("/cuenta/2fa/totp/activate/")


def test_the_admin_login_form_is_the_site_login_which_asks_for_the_code(client):
    user = _staff("tec@example.mx", roles.TECHNICAL_GROUP)
    secret = new_totp_secret()
    TOTP.activate(user, secret)

    response = client.get("/admin/login/?next=/admin/drafts/workingcopy/")
    assert response.status_code == 302
    assert response["Location"].startswith("/cuenta/login/?next=")
    # A password alone is not enough: the log-in stops at the code.
    response = client.post(
        "/cuenta/login/?next=/admin/", {"login": "tec@example.mx", "password": PASSWORD}
    )
    assert response.status_code == 302 and "/2fa/authenticate/" in response["Location"]
    assert client.get("/admin/").status_code == 302
    assert "_auth_user_id" not in client.session

    wrong = client.post("/cuenta/2fa/authenticate/", {"code": "123456"})
    assert wrong.status_code == 200
    assert "_auth_user_id" not in client.session

    right = client.post("/cuenta/2fa/authenticate/", {"code": current_totp_code(secret)})
    assert right.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.get("/admin/").status_code == 200


def test_a_recovery_code_replaces_the_app_once(client):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    user = _staff("tec@example.mx", roles.TECHNICAL_GROUP)
    TOTP.activate(user, new_totp_secret())
    code = RecoveryCodes.activate(user).get_unused_codes()[0]

    for attempt in ("first", "second"):
        client.logout()
        client.post("/cuenta/login/", {"login": "tec@example.mx", "password": PASSWORD})
        client.post("/cuenta/2fa/authenticate/", {"code": code})
        signed_in = "_auth_user_id" in client.session
        assert signed_in is (attempt == "first")
