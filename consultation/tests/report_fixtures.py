"""Data for the report and open data tests: a small consultation with one of everything, the
demo, and a way to add many comments at once."""

import datetime
import io
from types import SimpleNamespace

import pytest
from django.core.management.base import OutputWrapper
from django.core.management.color import no_style
from django.utils import timezone

from consultation import services
from consultation.models import Answer, Comment, Consultation, Session, Support
from consultation.tests.conftest import make_user

__all__ = ["record", "session"]  # the fixtures, for `import *`


def load_demo() -> Consultation:
    import consultation.demo
    import drafts.demo
    import strategy.demo

    command = SimpleNamespace(stdout=OutputWrapper(io.StringIO()), style=no_style(), verbosity=0)
    strategy.demo.load(command)
    drafts.demo.load(command)
    consultation.demo.load(command)
    return Consultation.objects.select_related("version").get(version__number=3)


def add_many_comments(consultation: Consultation, n: int) -> None:
    """`n` more comments by `n // 5` new people, with replies, supports and answers (bulk)."""
    sections = list(consultation.version.sections.all())
    people = [
        make_user(f"persona{i}@example.mx", display_name=f"Persona {i}", sector="academia",
                  state=f"{1 + i % 32:02d}")
        for i in range(max(n // 5, 2))
    ]  # fmt: skip
    now = timezone.now()
    comments = Comment.objects.bulk_create(
        Comment(
            consultation=consultation,
            version_id=consultation.version_id,
            section=sections[i % len(sections)] if i % 7 else None,
            author=people[i % len(people)],
            body=f"Comentario {i}",
            body_html=f"<p>Comentario {i}</p>",
            created_at=now,
        )
        for i in range(n)
    )
    Comment.objects.bulk_create(
        Comment(
            consultation=consultation,
            version_id=consultation.version_id,
            section=parent.section,
            parent=parent,
            author=people[(i + 1) % len(people)],
            body="Respuesta",
            created_at=now,
        )
        for i, parent in enumerate(comments[: n // 4])
    )
    Support.objects.bulk_create(
        Support(comment=comment, user=people[(i + 2) % len(people)])
        for i, comment in enumerate(comments[: n // 2])
    )
    tech = make_user(f"tecnico{n}@example.mx", display_name="Técnico")
    Answer.objects.bulk_create(
        Answer(
            comment=comment,
            outcome=Answer.Outcome.values[i % 4],
            body="Gracias",
            author=tech,
            published_at=now if i % 2 else None,
        )
        for i, comment in enumerate(comments[: n // 3])
    )


@pytest.fixture
def session(consultation) -> Session:
    return Session.objects.create(
        consultation=consultation,
        kind=Session.Kind.REGIONAL_FORUM,
        title="Foro regional Occidente",
        date=datetime.date.today(),
        state="14",
    )


@pytest.fixture
def record(consultation, session, citizen, other_citizen, tech_user, moderator):
    """One of everything: 4 comments (one hidden, one withdrawn, one in person), a reply, a
    support, a published answer and a draft one."""
    sections = list(consultation.version.sections.order_by("order"))
    first = services.comment_create(
        actor=citizen, consultation=consultation, section=sections[0], body="Primero."
    )
    second = services.comment_create(
        actor=citizen, consultation=consultation, section=sections[1], body="Segundo."
    )
    hidden = services.comment_create(
        actor=other_citizen, consultation=consultation, section=sections[1], body="Grosería."
    )
    services.comment_hide(actor=moderator, comment=hidden, reason="Lenguaje ofensivo")
    withdrawn = services.comment_create(
        actor=other_citizen, consultation=consultation, body="Me arrepiento."
    )
    services.comment_withdraw(actor=other_citizen, comment=withdrawn)
    in_person = services.contribution_record(
        actor=tech_user, session=session, section=sections[0], body="Dicho en el foro.",
        participant_name="Rosa", participant_sector="civil_society", participant_state="20",
        participant_consent=True,
    )  # fmt: skip
    reply = services.comment_create(
        actor=other_citizen, consultation=consultation, parent=first, body="De acuerdo."
    )
    services.support_add(actor=other_citizen, comment=first)
    services.answer_save(
        actor=tech_user, comment=first, outcome=Answer.Outcome.INCORPORATED,
        body="Lo incorporamos.", publish=True,
    )  # fmt: skip
    services.answer_save(
        actor=tech_user, comment=second, outcome=Answer.Outcome.NOT_INCORPORATED,
        body="Borrador de respuesta.",
    )  # fmt: skip
    return SimpleNamespace(
        first=first, second=second, hidden=hidden, withdrawn=withdrawn, in_person=in_person,
        reply=reply,
    )  # fmt: skip
