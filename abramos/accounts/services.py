"""Writes on accounts: completing a sign-up, editing the profile, anonymising an account."""

from __future__ import annotations

from datetime import datetime

from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from abramos.accounts.models import ANONYMOUS_NAME, PRIVACY_NOTICE_VERSION, User
from abramos.accounts.names import validate_public_name
from abramos.queue import enqueue_on_commit

_PROFILE_FIELDS = ["display_name", "sector", "state", "organisation", "show_sector", "show_state"]


@transaction.atomic
def user_signup_complete(
    *,
    user: User,
    display_name: str,
    sector: str,
    state: str,
    organisation: str = "",
    show_sector: bool = False,
    show_state: bool = False,
    privacy_accepted_at: datetime | None = None,
) -> User:
    """Store the profile given at sign-up and the consent to the privacy notice in force."""
    validate_public_name(display_name)
    user.display_name = display_name
    user.sector = sector
    user.state = state
    user.organisation = organisation
    user.show_sector, user.show_state = show_sector, show_state
    user.public_changed_at = timezone.now()
    user.privacy_accepted_at = privacy_accepted_at or timezone.now()
    user.privacy_notice_version = PRIVACY_NOTICE_VERSION
    user.full_clean(exclude=["password"])
    user.save(
        update_fields=[
            *_PROFILE_FIELDS,
            "public_changed_at",
            "privacy_accepted_at",
            "privacy_notice_version",
        ]
    )
    return user


@transaction.atomic
def user_profile_update(
    *,
    user: User,
    actor: User,
    display_name: str,
    sector: str,
    state: str,
    organisation: str = "",
    show_sector: bool = False,
    show_state: bool = False,
) -> User:
    """Change the public profile (the name beside comments, sector, state, organisation, and
    whether sector and state are shown beside the name)."""
    _check_may_change(user=user, actor=actor)
    if display_name != user.display_name:  # a name chosen before the rule stays until changed
        validate_public_name(display_name)
    user.display_name = display_name
    user.sector = sector
    user.state = state
    user.organisation = organisation
    user.show_sector, user.show_state = show_sector, show_state
    user.public_changed_at = timezone.now()
    user.full_clean(exclude=["password"])
    user.save(update_fields=[*_PROFILE_FIELDS, "public_changed_at"])
    return user


@transaction.atomic
def user_anonymise(*, user: User, actor: User) -> User:
    """Delete an account the way the site deletes anything public: keep the row, drop the person.

    Comments and other public records stay attributed to ANONYMOUS_NAME; the e-mail address is
    replaced by one that cannot receive mail (so it is free to sign up again), the profile is
    cleared, the password made unusable and the account deactivated. Changing the password hash
    and `is_active` already ends every open session; the session rows are deleted after commit.
    """
    from abramos.accounts.tasks import delete_user_sessions

    _check_may_change(user=user, actor=actor)
    if user.anonymised_at is not None:
        return user
    user.display_name = ANONYMOUS_NAME
    user.email = f"anonimo-{user.pk}@invalid.invalid"
    user.sector = ""
    user.state = ""
    user.organisation = ""
    user.show_sector = user.show_state = False
    user.public_changed_at = timezone.now()
    user.set_unusable_password()
    user.is_active = False
    user.anonymised_at = timezone.now()
    user.full_clean(exclude=["password"])
    user.save()
    EmailAddress.objects.filter(user=user).delete()
    enqueue_on_commit(delete_user_sessions, user.pk)
    return user


def _check_may_change(*, user: User, actor: User) -> None:
    if actor.pk != user.pk and not actor.has_perm("accounts.change_user"):
        raise PermissionDenied
