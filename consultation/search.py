"""What the consultation offers to the search (abramos.search): comments, replies and in-person
contributions, and the Technical Group's published answers.

Registered from `ConsultationConfig.ready()`. A hidden comment is never indexed (nor the answer
to it); a withdrawn one only as withdrawn, without its text. Saving a comment (posting, editing,
withdrawing, hiding, restoring) or an answer (drafting, publishing) re-indexes it, so the results
follow moderation in the same transaction.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from abramos.search.registry import Doc, Provider, register
from abramos.search.text import from_html
from consultation.models import Answer, Comment
from drafts.models import version_texts

# Spanish data, like the rest of the index: what a withdrawn comment is found by.
WITHDRAWN_TEXT = "Comentario retirado por su autor."


def _context(comment: Comment) -> str:
    version = comment.version
    label = f"{version.number}. {version.label}"
    return f"{label} · {comment.section.heading}" if comment.section_id else label


def _comment_documents(comment: Comment):
    if comment.status == Comment.Status.HIDDEN:
        return
    withdrawn = comment.status == Comment.Status.WITHDRAWN
    yield Doc(
        title="",
        body=WITHDRAWN_TEXT if withdrawn else from_html(comment.body_html),
        url=comment.get_absolute_url(),
        context=_context(comment),
        version=comment.version.number,
        status="withdrawn" if withdrawn else "",
    )


def _answer_documents(answer: Answer):
    comment = answer.comment
    if not answer.is_published or comment.status == Comment.Status.HIDDEN:
        return
    yield Doc(
        title="",
        body=from_html(answer.body_html),
        url=comment.get_absolute_url(),
        context=_context(comment),
        version=comment.version.number,
    )


def register_all() -> None:
    register(
        Provider(
            kind="comentario",
            label=_("Comments and replies"),
            item_label=_("Comment"),
            model=Comment,
            documents=_comment_documents,
            queryset=lambda: (
                Comment.objects.exclude(status=Comment.Status.HIDDEN)
                .select_related("version", "section")
                .defer(*version_texts())
                .iterator(chunk_size=1000)
            ),
            order=20,
        )
    )
    register(
        Provider(
            kind="respuesta",
            label=_("Answers of the Technical Group"),
            item_label=_("Answer"),
            model=Answer,
            documents=_answer_documents,
            queryset=lambda: (
                Answer.objects.filter(published_at__isnull=False)
                .exclude(comment__status=Comment.Status.HIDDEN)
                .select_related("comment__version", "comment__section")
                .iterator(chunk_size=1000)
            ),
            # Hiding or restoring a comment hides or restores its answer.
            related={Comment: lambda comment: Answer.objects.filter(comment=comment)},
            order=30,
        )
    )
