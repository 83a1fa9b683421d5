"""`load_demo` opens the demo consultation on the third draft: fast, complete, idempotent."""

from types import SimpleNamespace

import pytest
from django.core.management.base import OutputWrapper
from django.core.management.color import no_style

from consultation.models import (
    Answer,
    Comment,
    Consultation,
    ModerationAction,
    Notification,
    Session,
    Support,
)
from tests.demo import load_demo

pytestmark = pytest.mark.django_db

MODELS = [Consultation, Session, Comment, Answer, Support, ModerationAction, Notification]


def _counts() -> dict:
    return {model.__name__: model.objects.count() for model in MODELS}


def _quiet_command():
    import io

    return SimpleNamespace(stdout=OutputWrapper(io.StringIO()), style=no_style(), verbosity=0)


def test_load_demo_opens_the_consultation_of_the_third_draft_fast_and_once():
    import consultation.demo
    import drafts.demo
    import strategy.demo

    command = _quiet_command()
    strategy.demo.load(command)
    drafts.demo.load(command)
    consultation.demo.load(command)

    demo = Consultation.objects.get(version__number=3)
    assert demo.version.number == 3
    assert (demo.opens_at.date().isoformat(), demo.closes_at.date().isoformat()) == (
        "2023-03-04",
        "2023-05-05",  # 4 May, 23:59:59 in Mexico City, is 5 May in UTC
    )
    comments = Comment.objects.filter(consultation=demo)
    online = comments.filter(channel=Comment.Channel.ONLINE)
    assert 200 <= online.filter(parent__isnull=True).count() <= 400
    assert 50 <= online.filter(parent__isnull=False).count() <= 150
    assert comments.filter(channel=Comment.Channel.IN_PERSON).count() >= 30
    assert Session.objects.values("state").distinct().count() >= 5
    assert set(Session.objects.values_list("kind", flat=True)) == set(Session.Kind.values)
    assert set(Answer.objects.values_list("outcome", flat=True)) == set(Answer.Outcome.values)
    assert not Answer.objects.filter(published_at__isnull=True).exists()
    assert set(Answer.objects.values_list("author__email", flat=True)) == {"tecnico@abramos.mx"}
    hidden = comments.filter(status=Comment.Status.HIDDEN)
    assert 1 <= hidden.count() <= 10 and not hidden.filter(hidden_reason="").exists()
    assert ModerationAction.objects.count() == hidden.count()
    assert Support.objects.count() > 100
    # Every sector and many states took part online; the rendered Markdown is stored.
    authors = online.values("author__sector").distinct().count()
    assert authors == 6
    assert online.values("author__state").distinct().count() >= 20
    assert not comments.filter(body_html="").exists()
    # Counters match the rows.
    sample = online.filter(support_count__gt=0).first()
    assert sample.support_count == Support.objects.filter(comment=sample).count()


def test_load_demo_twice_changes_nothing():
    load_demo(verbosity=0)
    first = _counts()
    assert first["Comment"] > 300
    load_demo(verbosity=0)
    assert _counts() == first
