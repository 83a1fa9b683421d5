"""Fixtures of the staff tests (moderation, triage, answers, admin), on top of conftest.py."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone, translation

from consultation.models import Comment, Flag, Session
from consultation.tests.conftest import PNDA
from drafts.tests.conftest import publish


def make_comment(consultation, author, body="Un comentario.", **extra) -> Comment:
    return Comment.objects.create(
        consultation=consultation,
        version=consultation.version,
        author=author,
        body=body,
        **extra,
    )


@pytest.fixture
def comment(consultation, citizen) -> Comment:
    return make_comment(
        consultation,
        citizen,
        body="Propongo publicar los datos en formatos abiertos.",
        section=consultation.version.sections.order_by("order").first(),
    )


@pytest.fixture
def flagged(comment, other_citizen) -> Comment:
    Flag.objects.create(comment=comment, user=other_citizen, reason="Contiene datos personales")
    return comment


@pytest.fixture
def later_version(consultation, tech_user, django_capture_on_commit_callbacks):
    """Version 2, published after the consultation on version 1."""
    with django_capture_on_commit_callbacks(execute=True):
        return publish(tech_user, PNDA + "\n# Anexos\n\nTablas.\n", "Segundo borrador")


@pytest.fixture
def session(consultation) -> Session:
    return Session.objects.create(
        consultation=consultation,
        kind=Session.Kind.REGIONAL_FORUM,
        title="Foro regional Occidente",
        date=timezone.localdate() - datetime.timedelta(days=1),
        state="14",
        place="Guadalajara",
    )


@pytest.fixture(autouse=True)
def _site_language_after_each_test():
    """A request leaves its language active in the thread; later tests reverse URLs in it."""
    yield
    translation.activate(settings.LANGUAGE_CODE)
