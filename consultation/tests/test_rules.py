"""consultation.rules against the role matrix: anonymous, unverified, citizen, moderator,
Technical Group, superuser."""

import datetime

import pytest
from django.utils import timezone

from consultation import rules
from consultation.models import Comment

ROLES = ["anonymous", "unverified", "citizen", "moderator", "tech_user", "superuser"]


@pytest.fixture
def person(request):
    return request.getfixturevalue(request.param)


@pytest.fixture
def others_comment(consultation, other_citizen):
    return Comment.objects.create(
        consultation=consultation,
        version=consultation.version,
        author=other_citizen,
        body="Propongo publicar los datos en formatos abiertos.",
    )


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        ("anonymous", False),
        ("unverified", False),
        ("citizen", True),
        ("moderator", True),
        ("tech_user", True),
        ("superuser", True),
    ],
    indirect=["person"],
)
def test_only_people_with_a_verified_email_may_comment_while_open(person, consultation, expected):
    assert rules.may_comment(person, consultation) is expected


@pytest.mark.parametrize("person", ROLES, indirect=True)
def test_nobody_may_comment_before_the_opening_or_after_the_close(person, consultation):
    before = consultation.opens_at - datetime.timedelta(seconds=1)
    after = consultation.closes_at + datetime.timedelta(seconds=1)
    assert not rules.may_comment(person, consultation, at=before)
    assert not rules.may_comment(person, consultation, at=after)


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        ("anonymous", False),
        ("unverified", False),
        ("citizen", True),
        ("moderator", True),
        ("tech_user", True),
        ("superuser", True),
    ],
    indirect=["person"],
)
def test_people_who_may_comment_may_support_someone_elses_comment(person, others_comment, expected):
    assert rules.may_support(person, others_comment) is expected


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        ("anonymous", False),
        ("unverified", True),
        ("citizen", True),
        ("moderator", True),
        ("tech_user", True),
        ("superuser", True),
    ],
    indirect=["person"],
)
def test_any_signed_in_person_may_flag_someone_elses_comment(person, others_comment, expected):
    assert rules.may_flag(person, others_comment) is expected


@pytest.mark.parametrize("person", ROLES, indirect=True)
def test_only_the_author_may_edit_a_comment(person, others_comment):
    assert not rules.may_edit(person, others_comment)
    assert not rules.may_withdraw(person, others_comment)


def test_the_author_may_edit_for_15_minutes_and_not_after(other_citizen, others_comment):
    soon = others_comment.created_at + datetime.timedelta(minutes=15)
    late = others_comment.created_at + datetime.timedelta(minutes=15, seconds=1)
    assert rules.may_edit(other_citizen, others_comment, at=soon)
    assert not rules.may_edit(other_citizen, others_comment, at=late)


def test_the_author_may_neither_support_nor_flag_their_own_comment(other_citizen, others_comment):
    assert not rules.may_support(other_citizen, others_comment)
    assert not rules.may_flag(other_citizen, others_comment)


def test_nobody_may_support_or_flag_a_withdrawn_comment(citizen, others_comment):
    others_comment.status = Comment.Status.WITHDRAWN
    assert not rules.may_support(citizen, others_comment)
    assert not rules.may_flag(citizen, others_comment)


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        ("anonymous", False),
        ("unverified", False),
        ("citizen", False),
        ("moderator", True),
        ("tech_user", False),  # answering and moderating are separate roles
        ("superuser", True),
    ],
    indirect=["person"],
)
def test_only_moderators_and_superusers_may_moderate(person, expected):
    assert rules.may_moderate(person) is expected


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        ("anonymous", False),
        ("unverified", False),
        ("citizen", False),
        ("moderator", False),
        ("tech_user", True),
        ("superuser", True),
    ],
    indirect=["person"],
)
def test_only_the_technical_group_and_superusers_may_answer(person, expected):
    assert rules.may_answer(person) is expected


def test_a_deactivated_account_may_not_comment(citizen, consultation):
    citizen.is_active = False
    assert not rules.may_comment(citizen, consultation, at=timezone.now())
