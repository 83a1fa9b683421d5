"""The six people of the role matrix (STYLE.md, Permissions), made on top of the demo data.

Staff are made with `is_staff=True`; the root conftest gives every staff account an
authenticator app, as the portal requires of real staff (abramos.mfa)."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.contrib.auth.models import AnonymousUser, Group

from abramos import roles
from abramos.accounts.models import User

ROLES = ("anonymous", "unverified", "citizen", "moderator", "technical", "superuser")
PASSWORD = "clave-segura-123"


def make_user(email: str, *, verified: bool = True, groups=(), **extra) -> User:
    user = User.objects.create_user(email, PASSWORD, display_name=email.split("@")[0], **extra)
    if verified:
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return User.objects.get(pk=user.pk)  # fresh: no permission cache


def make_role_users() -> dict[str, User | AnonymousUser]:
    roles.apply_roles()
    superuser = User.objects.create_superuser("matriz-admin@example.mx", PASSWORD)
    EmailAddress.objects.create(user=superuser, email=superuser.email, verified=True, primary=True)
    return {
        "anonymous": AnonymousUser(),
        "unverified": make_user("matriz-sin-confirmar@example.mx", verified=False),
        "citizen": make_user("matriz-ciudadana@example.mx"),
        "moderator": make_user(
            "matriz-modera@example.mx", groups=[roles.MODERATION], is_staff=True
        ),
        "technical": make_user(
            "matriz-tecnico@example.mx", groups=[roles.TECHNICAL_GROUP], is_staff=True
        ),
        "superuser": superuser,
    }


def role_has_perm(role: str, perm: str) -> bool:
    """What abramos.roles grants (the single source of staff permissions): "app.action_model"."""
    if role == "superuser":
        return True
    group = {"moderator": roles.MODERATION, "technical": roles.TECHNICAL_GROUP}.get(role)
    if group is None:
        return False
    app_label, codename = perm.split(".")
    action, model = codename.split("_", 1)
    return action in roles.ROLES[group].get(f"{app_label}.{model}", ())
