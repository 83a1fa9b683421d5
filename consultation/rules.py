"""Who may do what in the consultation, depending on the state of things.

Each rule takes the person and the object and answers True or False; views and services both ask
them, and tests check them against the whole role matrix (anonymous, unverified, citizen,
moderator, Technical Group, superuser).
"""

from __future__ import annotations

import datetime

from abramos.reader_pages import verified_email
from consultation.models import Comment, Consultation

MODERATE = "consultation.moderate_comment"
ANSWER = "consultation.add_answer"
RECORD_IN_PERSON = "consultation.add_session"


def has_verified_email(user) -> bool:
    """Asked once per request (abramos.reader_pages.verified_email remembers it)."""
    return verified_email(user)


def may_comment(user, consultation: Consultation, *, at: datetime.datetime | None = None) -> bool:
    """A signed-in person with a verified e-mail, while the consultation is open."""
    return consultation.is_open(at=at) and has_verified_email(user)


def _commenting(user, comment: Comment, at, commenting: bool | None) -> bool:
    """`may_comment` for the comment's consultation, or the answer a page already asked once
    for every comment it shows (consultation.selectors), so it is not asked per comment."""
    if commenting is not None:
        return commenting
    return may_comment(user, comment.consultation, at=at)


def may_reply(
    user, comment: Comment, *, at: datetime.datetime | None = None, commenting: bool | None = None
) -> bool:
    return (
        comment.status == Comment.Status.VISIBLE
        and comment.parent_id is None
        and _commenting(user, comment, at, commenting)
    )


def may_edit(user, comment: Comment, *, at: datetime.datetime | None = None) -> bool:
    """The author, for 15 minutes after posting, while the comment is visible and has no
    published answer (the answer must keep answering the words it read)."""
    return (
        user.is_authenticated
        and comment.author_id == user.pk
        and comment.channel == Comment.Channel.ONLINE
        and comment.may_be_edited(at=at)
        and comment.consultation.is_open(at=at)
        and not has_published_answer(comment)
    )


def has_published_answer(comment: Comment) -> bool:
    try:
        answer = comment.answer
    except Comment.answer.RelatedObjectDoesNotExist:
        return False
    return answer is not None and answer.is_published


def may_withdraw(user, comment: Comment, *, at: datetime.datetime | None = None) -> bool:
    """The author, while the comment is visible and the consultation open: once it closes, its
    comments are the record the report is made of. (Deleting the account still anonymises.)"""
    return (
        user.is_authenticated
        and comment.author_id == user.pk
        and comment.status == Comment.Status.VISIBLE
        and comment.consultation.is_open(at=at)
    )


def may_support(
    user, comment: Comment, *, at: datetime.datetime | None = None, commenting: bool | None = None
) -> bool:
    return (
        comment.status == Comment.Status.VISIBLE
        and comment.author_id != user.pk
        and _commenting(user, comment, at, commenting)
    )


def may_flag(user, comment: Comment) -> bool:
    return (
        user.is_authenticated
        and user.is_active
        and comment.status == Comment.Status.VISIBLE
        and comment.author_id != user.pk
    )


def may_moderate(user) -> bool:
    return user.is_authenticated and user.has_perm(MODERATE)


def may_answer(user) -> bool:
    return user.is_authenticated and user.has_perm(ANSWER)
