"""What the consultation holds about one person, for "Mis datos" (abramos/accounts/personal_data.py):
their comments and replies with every earlier text, supports, reports, notification preference
and notifications. Registered in ConsultationConfig.ready()."""

from __future__ import annotations

from abramos.accounts import personal_data
from consultation.models import (
    Comment,
    CommentEdit,
    Flag,
    Notification,
    NotificationPreference,
    Support,
)
from drafts.models import version_texts


def _comments(user) -> list[dict]:
    comments = (
        Comment.objects.filter(author=user)
        .select_related("version", "section", "answer")
        .defer(*version_texts())
        .order_by("created_at", "pk")
    )
    edits: dict[int, list[dict]] = {}
    for edit in CommentEdit.objects.filter(comment__author=user).order_by("replaced_at", "pk"):
        edits.setdefault(edit.comment_id, []).append(
            {"text": edit.body, "written_at": edit.written_at, "replaced_at": edit.replaced_at}
        )
    rows = []
    for comment in comments:
        answer = getattr(comment, "answer", None)
        rows.append(
            {
                "id": comment.pk,
                "address": comment.get_absolute_url(),
                "consultation": comment.consultation_id,
                "version": comment.version.number,
                "section": comment.section.heading if comment.section_id else None,
                "reply_to": comment.parent_id,
                "created_at": comment.created_at,
                "edited_at": comment.edited_at,
                "status": comment.status,
                "hidden_reason": comment.hidden_reason,
                "text": comment.body,
                "earlier_texts": edits.get(comment.pk, []),
                "supports": comment.support_count,
                "answer": (
                    {"outcome": answer.outcome, "text": answer.body, "at": answer.published_at}
                    if answer is not None and answer.published_at
                    else None
                ),
            }
        )
    return rows


def _supports(user) -> list[dict]:
    return [
        {"comment": comment, "at": at}
        for comment, at in Support.objects.filter(user=user)
        .order_by("created_at")
        .values_list("comment_id", "created_at")
    ]


def _flags(user) -> list[dict]:
    return [
        {
            "comment": f.comment_id,
            "reason": f.reason,
            "at": f.created_at,
            "resolved_at": f.resolved_at,
        }
        for f in Flag.objects.filter(user=user).order_by("created_at", "pk")
    ]


def _notification_preference(user) -> str | None:
    preference = NotificationPreference.objects.filter(user=user).first()
    return preference.frequency if preference else None


def _notifications(user) -> list[dict]:
    return [
        {"kind": n.kind, "comment": n.comment_id, "address": n.url, "created_at": n.created_at,
         "sent_at": n.sent_at}
        for n in Notification.objects.filter(user=user).order_by("created_at", "pk")
    ]  # fmt: skip


def register_all() -> None:
    personal_data.register("comments_and_replies", _comments)
    personal_data.register("supports", _supports)
    personal_data.register("reports_to_moderation", _flags)
    personal_data.register("notification_preference", _notification_preference)
    personal_data.register("notifications", _notifications)
