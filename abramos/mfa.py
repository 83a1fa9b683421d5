"""Two-factor authentication for the staff who can change the policy, answer for the Technical
Group or moderate comments (allauth's MFA: an authenticator app, TOTP, with recovery codes).

A person whose permissions include one of MFA_REQUIRED_PERMISSIONS (or a superuser) reaches the
admin and the staff pages only once an authenticator app is activated on the account; until then
they are sent to activate one. From then on allauth asks for the code at every log-in, and the
admin's own password-only log-in form is not used: it sends people to the site's log-in.
"""

from __future__ import annotations

from functools import wraps

import pyotp
from allauth.mfa import app_settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

# Editing or publishing the policy, answering comments on behalf of the Technical Group, and
# moderating (hiding a person's words from the public record).
MFA_REQUIRED_PERMISSIONS = (
    "consultation.moderate_comment",
    "drafts.change_workingcopy",
    "drafts.publish_version",
    "drafts.add_approval",
    "drafts.change_approval",
    "consultation.add_answer",
    "consultation.change_answer",
)


def requires_mfa(user) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_superuser or any(user.has_perm(perm) for perm in MFA_REQUIRED_PERMISSIONS)


def has_mfa(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def mfa_missing(user) -> bool:
    return requires_mfa(user) and not has_mfa(user)


def redirect_to_activation(request):
    messages.warning(
        request,
        _(
            "Your account can edit the policy, answer or moderate comments: activate two-step "
            "verification with an authenticator app before you continue."
        ),
    )
    return redirect("mfa_activate_totp")


def mfa_required(view):
    """For staff views: send a person who must use two-factor authentication to activate it."""

    @wraps(view)
    def inner(request, *args, **kwargs):
        if mfa_missing(request.user):
            return redirect_to_activation(request)
        return view(request, *args, **kwargs)

    return inner


def new_totp_secret() -> str:
    """A random authenticator secret (base32, 160 bits, as RFC 4226 recommends)."""
    return pyotp.random_base32(length=32)


def current_totp_code(secret: str) -> str:
    """The code an authenticator app shows now for `secret` (the demo command and tests): RFC 6238
    with allauth's settings, six digits every 30 seconds (pyotp, a public library, instead of
    allauth's internal functions)."""
    return pyotp.TOTP(
        secret, digits=app_settings.TOTP_DIGITS, interval=app_settings.TOTP_PERIOD
    ).now()
