import pytest
from allauth.account.models import EmailAddress
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError

from abramos.accounts import services
from abramos.accounts.models import ANONYMOUS_NAME, User
from abramos.accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_anonymise_keeps_the_row_and_removes_the_person():
    user = UserFactory(email="borrar@example.org", organisation="Colectivo")
    joined, accepted = user.date_joined, user.privacy_accepted_at

    services.user_anonymise(user=user, actor=user)

    user.refresh_from_db()
    assert User.objects.filter(pk=user.pk).exists()
    assert user.display_name == ANONYMOUS_NAME
    assert user.public_name == ANONYMOUS_NAME
    assert user.email == f"anonimo-{user.pk}@invalid.invalid"
    assert (user.sector, user.state, user.organisation) == ("", "", "")
    assert not user.has_usable_password()
    assert not user.check_password(PASSWORD)
    assert not user.is_active
    assert user.anonymised_at is not None
    assert not EmailAddress.objects.filter(user=user).exists()
    # What is not personal stays: when the account existed and the consent it gave.
    assert (user.date_joined, user.privacy_accepted_at) == (joined, accepted)


def test_anonymise_deletes_the_persons_sessions_but_not_others(
    client, django_capture_on_commit_callbacks
):
    from django.test import Client

    user, other = UserFactory(), UserFactory()
    client.force_login(user)
    Client().force_login(user)
    Client().force_login(other)
    assert Session.objects.count() == 3

    with django_capture_on_commit_callbacks(execute=True):
        services.user_anonymise(user=user, actor=user)

    remaining = [s.get_decoded().get("_auth_user_id") for s in Session.objects.all()]
    assert remaining == [str(other.pk)]


def test_anonymise_twice_changes_nothing_more():
    user = UserFactory()
    services.user_anonymise(user=user, actor=user)
    first = User.objects.get(pk=user.pk).anonymised_at

    services.user_anonymise(user=user, actor=user)

    assert User.objects.get(pk=user.pk).anonymised_at == first


def test_nobody_else_may_anonymise_an_account_without_permission():
    user, stranger = UserFactory(), UserFactory()

    with pytest.raises(PermissionDenied):
        services.user_anonymise(user=user, actor=stranger)

    assert User.objects.get(pk=user.pk).anonymised_at is None


def test_staff_with_permission_may_anonymise_an_account():
    user = UserFactory()
    admin = UserFactory(is_staff=True, is_superuser=True)

    services.user_anonymise(user=user, actor=admin)

    assert User.objects.get(pk=user.pk).anonymised_at is not None


def test_profile_update_validates_the_state_against_the_inegi_list():
    user = UserFactory(state="09")

    with pytest.raises(ValidationError):
        services.user_profile_update(
            user=user, actor=user, display_name="X", sector="academia", state="40"
        )

    assert User.objects.get(pk=user.pk).state == "09"
