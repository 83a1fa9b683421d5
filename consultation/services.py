"""Writes on the consultation. Each checks its rule on the server, validates, and stores first:
mail and other slow work happen in Celery tasks started after the transaction commits."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from abramos import geo, metrics
from abramos.markup import markup_problems
from abramos.queue import enqueue_on_commit
from consultation import rules
from consultation.models import (
    Answer,
    Comment,
    CommentEdit,
    Consultation,
    Flag,
    ModerationAction,
    Notification,
    NotificationPreference,
    Session,
    Support,
)
from drafts.models import Section

MAX_COMMENT_LENGTH = 10_000
MAX_ANSWER_LENGTH = 10_000
# Corrections to one comment in its 15 minutes: each earlier text stays on its page.
MAX_EDITS = 5


class RateLimited(ValidationError):
    """Too many comments in a short time."""


def _clean_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Write your comment before sending it.")})
    if len(body) > MAX_COMMENT_LENGTH:
        raise ValidationError(
            {
                "body": _("A comment can have at most %(max)s characters.")
                % {"max": MAX_COMMENT_LENGTH}
            }
        )
    _check_markup(body, field="body")
    return body


def _check_markup(text: str, *, field: str) -> None:
    # What the renderer would show as written (abramos/markup.py) is refused with the reason,
    # before anything is stored: the person keeps their text in the form and can fix it.
    problems = markup_problems(text)
    if problems:
        raise ValidationError({field: [_("This text cannot be shown as you wrote it.")] + problems})


# Asked for every comment sent: the ORM's aggregate with two FILTER clauses took longer to build
# than PostgreSQL took to answer it (a test compares it with the ORM's answer).
_REPEAT_AND_RATE_SQL = (
    'SELECT COUNT(*) FILTER (WHERE c."created_at" >= %s), '
    'MAX(c."id") FILTER (WHERE c."client_token" = %s AND c."client_token" <> \'\') '
    'FROM "consultation_comment" c WHERE c."author_id" = %s'
)


def _check_repeat_and_rate(user, client_token: str, *, at: datetime.datetime) -> Comment | None:
    """The comment this form already stored (the same `client_token`), if any; otherwise
    raises RateLimited when the person has sent too many lately (1 query, 2 for a repeat)."""
    count, seconds = settings.CONSULTATION_RATE_LIMIT
    since = at - datetime.timedelta(seconds=seconds)
    with connection.cursor() as cursor:
        since = connection.ops.adapt_datetimefield_value(since)  # as the ORM would send it
        cursor.execute(_REPEAT_AND_RATE_SQL, [since, client_token, user.pk])
        recent, repeat = cursor.fetchone()
    if repeat is not None:
        return Comment.objects.get(pk=repeat)
    if recent >= count:
        raise RateLimited(
            _(
                "You have sent %(count)s comments in the last %(minutes)s minutes. Please wait a "
                "few minutes and send it again: your text is kept in the form."
            )
            % {"count": count, "minutes": seconds // 60}
        )
    return None


_READ_HERE = ("consultation", "version", "section", "parent", "author")


def comment_create(
    *,
    actor,
    consultation: Consultation,
    body: str,
    section: Section | None = None,
    parent: Comment | None = None,
    client_token: str = "",
    at: datetime.datetime | None = None,
) -> Comment:
    """A comment on a section (or the whole version), or a reply to a comment."""
    try:
        return _comment_create(
            actor=actor, consultation=consultation, body=body, section=section, parent=parent,
            client_token=client_token, at=at,
        )  # fmt: skip
    except IntegrityError:
        # The same submission arrived twice at once, and the other request stored it: what this
        # one wrote is undone whole (its transaction, or its savepoint inside a caller's), with
        # no savepoint of its own around the INSERT (two statements less for every comment),
        # and the person gets the comment that was stored.
        stored = (
            Comment.objects.filter(author=actor, client_token=client_token[:64]).first()
            if client_token
            else None
        )
        if stored is None:
            raise  # another constraint (PostgreSQL checks foreign keys when it commits)
        return stored


@transaction.atomic
def _comment_create(*, actor, consultation, body, section, parent, client_token, at) -> Comment:
    at = at or timezone.now()
    if parent is not None:
        if not rules.may_reply(actor, parent, at=at):
            raise PermissionDenied(_("This comment does not take replies now."))
        consultation, section = parent.consultation, parent.section
    elif not rules.may_comment(actor, consultation, at=at):
        raise PermissionDenied(_("The consultation does not take comments now."))
    if section is not None and section.version_id != consultation.version_id:
        raise ValidationError({"section": _("That section is not part of this version.")})
    # A form sent twice (the same client_token) and the rate limit, in one query; before the
    # text is rendered, so a refused comment costs the server nothing more.
    existing = _check_repeat_and_rate(actor, client_token, at=at)
    if existing is not None:
        return existing
    body = _clean_body(body)
    comment = Comment(
        consultation=consultation,
        # The version as read already (the search index reads it): no query for it again.
        version=parent.version if parent is not None else consultation.version,
        section=section,
        parent=parent,
        author=actor,
        channel=Comment.Channel.ONLINE,
        body=body,
        created_at=at,
        client_token=client_token[:64],
    )
    # The constraints are the database's: a concurrent duplicate submission (same client_token)
    # must reach the IntegrityError that comment_create catches, not fail full_clean's own
    # lookup in the race window. The related rows were read in this request (the consultation
    # and its version, the section, the parent, the actor): checking that each still exists
    # would cost a query apiece, and the foreign keys refuse one that went meanwhile.
    comment.full_clean(exclude=_READ_HERE, validate_constraints=False)
    comment.save()
    metrics.comment_posted(reply=parent is not None)
    if parent is not None:
        Comment.objects.filter(pk=parent.pk).update(reply_count=F("reply_count") + 1)
        if parent.author_id and parent.author_id != actor.pk:
            notification_create(
                user=parent.author, kind=Notification.Kind.REPLY, comment=comment,
                frequency=getattr(parent, AUTHOR_FREQUENCY, None),
            )  # fmt: skip
    return comment


@transaction.atomic
def comment_edit(
    *, actor, comment: Comment, body: str, at: datetime.datetime | None = None
) -> Comment:
    if not rules.may_edit(actor, comment, at=at):
        raise PermissionDenied(
            _(
                "A comment can only be edited by its author, for 15 minutes, and not once the "
                "Technical Group has answered it."
            )
        )
    if CommentEdit.objects.filter(comment=comment).count() >= MAX_EDITS:
        raise ValidationError(
            {
                "body": _(
                    "A comment can be corrected %(max)s times. To say more, reply to it or "
                    "write a new comment."
                )
                % {"max": MAX_EDITS}
            }
        )
    body = _clean_body(body)
    if body == comment.body:
        return comment
    at = at or timezone.now()
    # The earlier text stays on the comment's page.
    CommentEdit.objects.create(
        comment=comment,
        body=comment.body,
        written_at=comment.edited_at or comment.created_at,
        replaced_at=at,
    )
    comment.body = body
    comment.edited_at = at
    comment.full_clean()
    comment.save(update_fields=["body", "edited_at"])
    return comment


@transaction.atomic
def comment_withdraw(*, actor, comment: Comment, at: datetime.datetime | None = None) -> Comment:
    """The author withdraws a comment: it stays in the record as withdrawn."""
    if not rules.may_withdraw(actor, comment, at=at):
        raise PermissionDenied(
            _("Only the author can withdraw a visible comment, while the consultation is open.")
        )
    comment.status = Comment.Status.WITHDRAWN
    comment.save(update_fields=["status"])
    return comment


@transaction.atomic
def support_add(*, actor, comment: Comment) -> bool:
    """Give support; returns False when the person had already supported the comment."""
    if not rules.may_support(actor, comment):
        raise PermissionDenied(_("You cannot support this comment."))
    try:
        with transaction.atomic():
            Support.objects.create(comment=comment, user=actor)
    except IntegrityError:
        return False
    Comment.objects.filter(pk=comment.pk).update(support_count=F("support_count") + 1)
    return True


@transaction.atomic
def support_remove(*, actor, comment: Comment) -> bool:
    """Take one's support back, while the consultation is open (the count is part of the record)."""
    if not rules.may_comment(actor, comment.consultation):
        raise PermissionDenied(_("Supports can only change while the consultation is open."))
    deleted, _count = Support.objects.filter(comment=comment, user=actor).delete()
    if deleted:
        Comment.objects.filter(pk=comment.pk).update(support_count=F("support_count") - 1)
    return bool(deleted)


@transaction.atomic
def flag_create(*, actor, comment: Comment, reason: str) -> Flag:
    if not rules.may_flag(actor, comment):
        raise PermissionDenied(_("You cannot flag this comment."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Tell the moderators why this comment should be reviewed.")}
        )
    flag, _created = Flag.objects.get_or_create(
        comment=comment, user=actor, defaults={"reason": reason[:500]}
    )
    return flag


def comment_mark_read(*, actor, comment: Comment, read: bool) -> None:
    """Mark a comment as read by the Technical Group on the triage page, or unread again. A staff
    flag on the comment, not part of the public record: no history, and no public page changes
    (an `update`, which renews no cached page)."""
    if not rules.may_answer(actor):
        raise PermissionDenied(_("Only the Technical Group marks comments as read."))
    Comment.objects.filter(pk=comment.pk).update(read_by_staff=read)


@transaction.atomic
def comment_hide(*, actor, comment: Comment, reason: str) -> Comment:
    """Hide a comment with a public reason; the text stays in the record."""
    if not rules.may_moderate(actor):
        raise PermissionDenied(_("Only moderators can hide comments."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the public reason for hiding this comment.")})
    comment.status = Comment.Status.HIDDEN
    comment.hidden_reason = reason[:300]
    comment.save(update_fields=["status", "hidden_reason"])
    ModerationAction.objects.create(
        comment=comment, action=ModerationAction.Action.HIDE, reason=reason[:300], actor=actor
    )
    Flag.objects.filter(comment=comment, resolved_at__isnull=True).update(
        resolved_at=timezone.now()
    )
    return comment


@transaction.atomic
def flags_dismiss(*, actor, comment: Comment, note: str) -> Comment:
    """The moderators read the reports and keep the comment visible: the reports are closed and
    the decision is recorded with its note."""
    if not rules.may_moderate(actor):
        raise PermissionDenied(_("Only moderators can decide on reports."))
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Say why the comment stays visible.")})
    if comment.status != Comment.Status.VISIBLE:
        raise ValidationError(_("Only a visible comment can be kept visible."))
    closed = Flag.objects.filter(comment=comment, resolved_at__isnull=True).update(
        resolved_at=timezone.now()
    )
    if not closed:
        raise ValidationError(_("This comment has no open reports."))
    ModerationAction.objects.create(
        comment=comment, action=ModerationAction.Action.DISMISS, reason=note[:300], actor=actor
    )
    return comment


@transaction.atomic
def comment_restore(*, actor, comment: Comment, reason: str = "") -> Comment:
    if not rules.may_moderate(actor):
        raise PermissionDenied(_("Only moderators can restore comments."))
    if comment.status != Comment.Status.HIDDEN:
        raise ValidationError(_("Only a hidden comment can be restored."))
    comment.status = Comment.Status.VISIBLE
    comment.hidden_reason = ""
    comment.save(update_fields=["status", "hidden_reason"])
    ModerationAction.objects.create(
        comment=comment, action=ModerationAction.Action.RESTORE, reason=reason[:300], actor=actor
    )
    Flag.objects.filter(comment=comment, resolved_at__isnull=True).update(
        resolved_at=timezone.now()
    )
    return comment


@transaction.atomic
def answer_save(
    *,
    actor,
    comment: Comment,
    outcome: str,
    body: str,
    target_section: Section | None = None,
    publish: bool = False,
) -> Answer:
    """Draft (or publish) the Technical Group's answer to a comment."""
    if not rules.may_answer(actor):
        raise PermissionDenied(_("Only the Technical Group answers comments."))
    if target_section is not None and target_section.version.number <= comment.version.number:
        raise ValidationError(
            {"target_section": _("The section must belong to a later version than the comment's.")}
        )
    answer = Answer.objects.filter(comment=comment).first() or Answer(comment=comment, author=actor)
    was_published = answer.is_published
    answer.outcome = outcome
    answer.body = (body or "").strip()
    if len(answer.body) > MAX_ANSWER_LENGTH:
        raise ValidationError(
            {
                "body": _("An answer can have at most %(max)s characters.")
                % {"max": MAX_ANSWER_LENGTH}
            }
        )
    _check_markup(answer.body, field="body")
    answer.target_section = target_section
    answer.author = actor
    if publish and not was_published:
        answer.published_at = timezone.now()
    answer.full_clean()
    answer.save()
    if answer.is_published and not was_published:
        Comment.objects.filter(pk=comment.pk).update(read_by_staff=True)
        if comment.author_id:
            notification_create(user=comment.author, kind=Notification.Kind.ANSWER, comment=comment)
    return answer


@transaction.atomic
def contribution_record(
    *,
    actor,
    session: Session,
    body: str,
    section: Section | None = None,
    participant_name: str = "",
    participant_sector: str = "",
    participant_state: str = "",
    participant_consent: bool = False,
) -> Comment:
    """A contribution collected at an in-person session, recorded by staff on the person's behalf."""
    if not actor.has_perm(rules.RECORD_IN_PERSON):
        raise PermissionDenied(_("Only the Technical Group records in-person contributions."))
    consultation = session.consultation
    if section is not None and section.version_id != consultation.version_id:
        raise ValidationError({"section": _("That section is not part of this version.")})
    if participant_state and participant_state not in dict(geo.state_choices()):
        raise ValidationError({"participant_state": _("Choose a state from the list.")})
    if participant_name.strip() and not participant_consent:
        # A name is personal data: recorded only with the participant's agreement.
        raise ValidationError(
            {
                "participant_name": _(
                    "Record the name only if the participant agreed to be named: tick the box "
                    "above, or leave the name empty."
                )
            }
        )
    comment = Comment(
        consultation=consultation,
        version_id=consultation.version_id,
        section=section,
        channel=Comment.Channel.IN_PERSON,
        session=session,
        participant_name=participant_name.strip(),
        participant_sector=participant_sector,
        participant_state=participant_state,
        participant_consent=participant_consent,
        body=_clean_body(body),
        created_at=timezone.now(),
    )
    comment.full_clean()
    comment.save()
    return comment


AUTHOR_FREQUENCY = "author_frequency"


def with_author_frequency(comments):
    """`comments` with how each one's author wants to hear of it (AUTHOR_FREQUENCY), read with
    the comment: a reply then asks no query of its own for it (`notification_create`)."""
    return comments.annotate(**{
        AUTHOR_FREQUENCY: Coalesce(
            "author__notification_preference__frequency",
            Value(NotificationPreference.Frequency.IMMEDIATE),
        )
    })  # fmt: skip


def notification_create(
    *, user, kind: str, comment: Comment | None = None, consultation=None, url="", frequency=None
):
    """Store a notification, then deliver it by Celery if the person wants mail at once.

    Stored first: a broker that is down delays the mail and loses nothing, and the comment that
    caused it is never refused because of it. `frequency`: the person's choice, when the caller
    read it in this request with something else (`with_author_frequency`); else read here.
    """
    from consultation.tasks import deliver_notification

    if frequency is None:
        preference = NotificationPreference.objects.filter(user=user).first()
        frequency = (
            preference.frequency if preference else NotificationPreference.Frequency.IMMEDIATE
        )
    if frequency == NotificationPreference.Frequency.NONE or not user.is_active:
        return None
    notification = Notification.objects.create(
        user=user,
        kind=kind,
        comment=comment,
        consultation=consultation or (comment.consultation if comment else None),
        url=url or (comment.get_absolute_url() if comment else ""),
    )
    if frequency == NotificationPreference.Frequency.IMMEDIATE:
        enqueue_on_commit(deliver_notification, notification.pk)
    return notification


@transaction.atomic
def notification_preference_set(*, actor, frequency: str) -> NotificationPreference:
    """How `actor` hears about replies and answers: at once, in a daily digest, or not at all.

    Notifications already stored and not yet sent follow the new choice: the digest carries
    them, the periodic sweep delivers them at once, or they stay unsent.
    """
    if frequency not in NotificationPreference.Frequency.values:
        raise ValidationError({"frequency": _("Choose one of the options.")})
    preference = NotificationPreference.objects.filter(user=actor).first()
    if preference is None:
        preference = NotificationPreference(user=actor)
    preference.frequency = frequency
    preference.full_clean()
    preference.save()
    return preference


OPEN_PERMISSION = "consultation.add_consultation"


def consultation_open(
    *, actor, version, title: str, opens_at: datetime.datetime, closes_at: datetime.datetime
) -> Consultation:
    """Open `version` for comments between `opens_at` and `closes_at` (the publish form does it
    with the publication, drafts/publishing.py)."""
    if not actor.has_perm(OPEN_PERMISSION):
        raise PermissionDenied(_("Only the Technical Group may open a consultation."))
    if closes_at <= opens_at:
        raise ValidationError(
            {"consultation_closes_at": _("The window must close after it opens.")}
        )
    if closes_at <= timezone.now():
        raise ValidationError({"consultation_closes_at": _("The window must close in the future.")})
    # One consultation takes comments at a time: the newer draft's window closes the older one
    # (its draft is superseded by the same publication).
    now = timezone.now()
    for other in Consultation.objects.open(at=now).exclude(version=version):
        other.closes_at = max(now, other.opens_at + datetime.timedelta(seconds=1))
        other.save(update_fields=["closes_at"])
    consultation = Consultation(
        version=version,
        title=(title or "").strip()
        or _("Public consultation: “%(label)s”") % {"label": version.label},
        opens_at=opens_at,
        closes_at=closes_at,
    )
    consultation.full_clean()
    consultation.save()
    return consultation
