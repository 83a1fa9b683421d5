"""What a notification says, and who hears about what.

A stored Notification becomes an e-mail (Spanish, text and HTML) in the mail outbox
(abramos.mail), either on its own (`notification_message`, sent by the task that delivers the
notification) or grouped with the others of the day (`digest_message`). This module also finds
who should hear about a consultation's opening and closing (`reminders_create`) and about a new
version that changed a section they commented on (`notify_new_version`), and connects the
latter to the publication of a version.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.defaultfilters import truncatechars
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from abramos.mail.models import Message
from abramos.mail.services import message_queue, message_store
from abramos.queue import enqueue_on_commit
from consultation.models import Comment, Consultation, Notification
from drafts.models import Section, Version

EXCERPT_LENGTH = 300
REMINDER_KINDS = {
    # kind: how long before the close it is sent (None: at the opening)
    Notification.Kind.OPENING: None,
    Notification.Kind.CLOSING_7: datetime.timedelta(days=7),
    Notification.Kind.CLOSING_1: datetime.timedelta(days=1),
}
# An "opened" reminder arriving weeks later would be noise: only in the first days.
OPENING_GRACE = datetime.timedelta(days=7)


def _absolute(url: str) -> str:
    return settings.SITE_ROOT + url if url.startswith("/") else url


def _local(moment: datetime.datetime) -> str:
    local = timezone.localtime(moment)
    return f"{date_format(local, 'DATETIME_FORMAT')} {date_format(local, 'T')}"


def _content(notification: Notification) -> dict:
    """Subject, paragraphs, an optional quoted excerpt and the link text of one notification."""
    kind, comment = notification.kind, notification.comment
    section = comment.section.heading if comment and comment.section_id else _("the whole version")
    quote = ""
    if kind == Notification.Kind.REPLY:
        subject = _("%(name)s replied to your comment") % {"name": comment.public_author_name}
        lines = [
            _("%(name)s replied to your comment on “%(section)s”:")
            % {"name": comment.public_author_name, "section": section}
        ]
        quote = truncatechars(comment.body, EXCERPT_LENGTH)
        action = _("Read the reply")
    elif kind == Notification.Kind.ANSWER:
        answer = getattr(comment, "answer", None)
        outcome = answer.get_outcome_display() if answer else ""
        subject = _("The Technical Group answered your comment: %(outcome)s") % {"outcome": outcome}
        lines = [
            _("The Technical Group answered your comment on “%(section)s”.") % {"section": section},
            _("Outcome: %(outcome)s.") % {"outcome": outcome},
        ]
        quote = truncatechars(answer.body, EXCERPT_LENGTH) if answer else ""
        action = _("Read the answer")
    elif kind == Notification.Kind.NEW_VERSION:
        subject = _("A new version changed a section you commented on")
        lines = [
            _(
                "A new version of the National Open Data Policy changed the section “%(section)s”, "
                "on which you commented."
            )
            % {"section": section},
            _("The comparison shows what changed between the two versions."),
        ]
        action = _("See what changed")
    else:  # the reminders: only they read the consultation
        consultation = notification.consultation or (comment.consultation if comment else None)
        title = consultation.title if consultation else ""
        closes = _local(consultation.closes_at) if consultation else ""
        if kind == Notification.Kind.OPENING:
            subject = _("The consultation “%(title)s” is open") % {"title": title}
            lines = [
                _("The consultation “%(title)s” is open for comments until %(closes)s.")
                % {"title": title, "closes": closes}
            ]
        else:
            days = 7 if kind == Notification.Kind.CLOSING_7 else 1
            subject = translation.ngettext(
                "The consultation closes in %(days)s day",
                "The consultation closes in %(days)s days",
                days,
            ) % {"days": days}
            lines = [
                _("The consultation “%(title)s” takes comments until %(closes)s.")
                % {"title": title, "closes": closes},
                _("There is still time to comment, reply and support other comments."),
            ]
        action = _("Go to the consultation")
    return {
        "notification": notification,
        "subject": subject,
        "lines": lines,
        "quote": quote,
        "action": action,
        "url": _absolute(notification.url),
    }


def _context(user) -> dict:
    return {
        "user": user,
        "SITE_ROOT": settings.SITE_ROOT,
        "preferences_url": _absolute(reverse("consultation:notification-preferences")),
    }


def notification_message(notification: Notification) -> Message:
    """Store the e-mail of one notification in the outbox, pending: the task that delivers the
    notification sends it (consultation.tasks.deliver_notification)."""
    with translation.override(settings.LANGUAGE_CODE):
        context = {**_context(notification.user), **_content(notification)}
        text = render_to_string("consultation/email/notification.txt", context)
        html = render_to_string("consultation/email/notification.html", context)
    return message_store(
        to=notification.user.email, subject=context["subject"], body_text=text, body_html=html
    )


def digest_message(user, notifications: list[Notification]) -> None:
    """Queue one e-mail with every notification of the day for a person."""
    with translation.override(settings.LANGUAGE_CODE):
        items = [_content(notification) for notification in notifications]
        subject = translation.ngettext(
            "Your daily summary: %(count)s notification",
            "Your daily summary: %(count)s notifications",
            len(items),
        ) % {"count": len(items)}
        context = {**_context(user), "items": items, "subject": subject}
        text = render_to_string("consultation/email/digest.txt", context)
        html = render_to_string("consultation/email/digest.html", context)
    message_queue(to=user.email, subject=subject, body_text=text, body_html=html)


def _create_once(**kwargs) -> Notification | None:
    """notification_create, in a savepoint: a reminder already stored (by a concurrent run) is
    skipped instead of breaking the whole run."""
    from consultation.services import notification_create

    try:
        with transaction.atomic():
            return notification_create(**kwargs)
    except IntegrityError:
        return None


def _reminder_due(consultation: Consultation, at: datetime.datetime) -> str | None:
    """The one reminder a consultation calls for at this moment, if any."""
    if not consultation.is_open(at=at):
        return None
    left = consultation.closes_at - at
    if left <= REMINDER_KINDS[Notification.Kind.CLOSING_1]:
        return Notification.Kind.CLOSING_1
    if left <= REMINDER_KINDS[Notification.Kind.CLOSING_7]:
        return Notification.Kind.CLOSING_7
    if at - consultation.opens_at <= OPENING_GRACE:
        return Notification.Kind.OPENING
    return None


def _participants(consultation: Consultation, kind: str):
    """Who hears about this consultation: who commented in it online and, at the opening, who
    took part in an earlier consultation (they asked to be kept informed by taking part)."""
    from django.contrib.auth import get_user_model

    comments = Comment.objects.filter(channel=Comment.Channel.ONLINE, author__isnull=False)
    if kind == Notification.Kind.OPENING:
        comments = comments.filter(consultation__opens_at__lte=consultation.opens_at)
    else:
        comments = comments.filter(consultation=consultation)
    already = Notification.objects.filter(consultation=consultation, kind=kind).values("user")
    return (
        get_user_model()
        .objects.filter(is_active=True, pk__in=comments.values("author"))
        .exclude(pk__in=already)
        .order_by("pk")
    )


def reminders_create(*, at: datetime.datetime | None = None) -> int:
    """Opening and closing reminders due now, once per person and consultation."""
    at = at or timezone.now()
    created = 0
    for consultation in Consultation.objects.open(at=at).select_related("version"):
        kind = _reminder_due(consultation, at)
        if kind is None:
            continue
        url = consultation.version.get_absolute_url()
        for user in _participants(consultation, kind):
            if _create_once(user=user, kind=kind, consultation=consultation, url=url):
                created += 1
    return created


def _changed_anchors(version: Version, previous: Version) -> set[str]:
    """Anchors of the previous version whose text changed, or that are gone, in `version`."""
    new = dict(Section.objects.filter(version=version).values_list("anchor", "body"))
    old = Section.objects.filter(version=previous).values_list("anchor", "body")
    return {
        anchor for anchor, body in old if anchor not in new or new[anchor].strip() != body.strip()
    }


def notify_new_version(version: Version) -> int:
    """Tell the people who commented on a section of an earlier version that the new one changed
    it (or removed it), with a link to the comparison. Idempotent: once per person and section."""
    previous = Version.objects.filter(number__lt=version.number).order_by("-number").first()
    if previous is None:
        return 0
    anchors = _changed_anchors(version, previous)
    if not anchors:
        return 0
    compare = reverse("drafts:version-compare", args=[previous.number, version.number])
    # The comments on those anchors in any earlier version: a section keeps its anchor.
    comments = (
        Comment.objects.filter(
            channel=Comment.Channel.ONLINE,
            author__isnull=False,
            author__is_active=True,
            parent__isnull=True,
            version__number__lt=version.number,
            section__anchor__in=anchors,
        )
        .exclude(status=Comment.Status.WITHDRAWN)
        .select_related("author", "section", "consultation")
        .order_by("author_id", "section__anchor", "-version__number", "pk")
    )
    done = set(
        Notification.objects.filter(kind=Notification.Kind.NEW_VERSION, url__startswith=compare)
        .values_list("user_id", "url")
    )  # fmt: skip
    created = 0
    for comment in comments:
        url = f"{compare}#{comment.section.anchor}"
        if (comment.author_id, url) in done:
            continue
        done.add((comment.author_id, url))
        if _create_once(
            user=comment.author, kind=Notification.Kind.NEW_VERSION, comment=comment, url=url
        ):
            created += 1
    return created


def version_published(version: Version) -> None:
    """drafts' on-publish hook (registered in ConsultationConfig.ready()): once the publication
    commits, tell the people whose commented sections the new version changed."""
    from consultation.tasks import notify_new_version_task

    enqueue_on_commit(notify_new_version_task, version.pk)
