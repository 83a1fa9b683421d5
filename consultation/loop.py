"""The loop from "what you said" to "what changed": beside each changed section of a comparison,
the comments whose published answers point to that section of the newer version."""

from __future__ import annotations

from collections import defaultdict

from consultation.models import Answer, Comment
from drafts.selectors import SectionPanel


def answered_comments_panels(old, new, changes, request=None) -> dict:
    """{anchor: SectionPanel} for the changed sections of `new` that answers point to (1 query)."""
    answers = (
        Answer.objects.filter(
            published_at__isnull=False,
            target_section__version=new,
            comment__version__number__gte=old.number,
            comment__version__number__lt=new.number,
        )
        .exclude(comment__status=Comment.Status.HIDDEN)
        .select_related("comment__author", "comment__version", "comment__section", "target_section")
        .order_by("comment__created_at")
    )
    by_anchor: dict[str, list[Answer]] = defaultdict(list)
    for answer in answers:
        by_anchor[answer.target_section.anchor].append(answer)
    return {
        anchor: SectionPanel("consultation/panels/change.html", {"answers": items})
        for anchor, items in by_anchor.items()
    }
