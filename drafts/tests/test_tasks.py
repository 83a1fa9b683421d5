"""The render tasks: publishing renders every format, failures are retried then shown to staff,
and a ready rendition is never rendered twice."""

import hashlib

import pytest
from django.urls import reverse

from drafts import renditions
from drafts.models import Rendition
from drafts.tasks import render_rendition, render_version
from drafts.tests import policy_fixtures
from drafts.tests.conftest import PNDA_V1, publish
from drafts.tests.policy_fixtures import fake_render

pytestmark = pytest.mark.django_db

# Fixtures shared by the policy tests (drafts/tests/policy_fixtures.py).
_spanish = policy_fixtures._spanish
fast_render = policy_fixtures.fast_render
media_root = policy_fixtures.media_root


@pytest.fixture
def retries_run_eagerly():
    """Eager Celery re-raises a task's Retry when CELERY_TASK_EAGER_PROPAGATES is on (the
    project's setting), so the retry never runs; without propagation an eager task retries in
    place, as a worker would after the countdown."""
    from abramos.celery import app

    propagates = app.conf.task_eager_propagates
    app.conf.task_eager_propagates = False
    yield
    app.conf.task_eager_propagates = propagates


def test_publishing_renders_all_four_formats_with_size_and_sha256_of_the_stored_file(
    tech_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        version = publish(tech_user, PNDA_V1, "Primer borrador")
    stored = {r.format: r for r in Rendition.objects.filter(version=version)}
    assert set(stored) == {"pdf", "docx", "html", "md"}
    for rendition in stored.values():
        assert rendition.status == Rendition.Status.READY
        assert rendition.attempts == 1
        assert rendition.error == ""
        assert rendition.rendered_at is not None
        with rendition.file.open("rb") as handle:
            content = handle.read()
        assert rendition.size == len(content) > 0
        assert rendition.sha256 == hashlib.sha256(content).hexdigest()
    with stored["pdf"].file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"


def test_nothing_is_rendered_before_the_publication_commits(tech_user, fast_render):
    version = publish(tech_user, PNDA_V1, "Primer borrador")  # on-commit callbacks not run
    assert set(version.renditions.values_list("status", flat=True)) == {"pending"}


def test_a_failing_renderer_is_retried_then_marked_failed_and_shown_to_staff(
    tech_user, client, django_capture_on_commit_callbacks, monkeypatch, retries_run_eagerly
):
    calls = []

    def broken_pdf(version, fmt):
        if fmt == "pdf":
            calls.append(fmt)
            raise RuntimeError("Pango no está instalado")
        return fake_render(version, fmt)

    monkeypatch.setattr(renditions, "render", broken_pdf)
    with django_capture_on_commit_callbacks(execute=True):
        version = publish(tech_user, PNDA_V1, "Primer borrador")

    pdf = Rendition.objects.get(version=version, format="pdf")
    assert len(calls) == 1 + render_rendition.max_retries
    assert pdf.status == Rendition.Status.FAILED
    assert pdf.attempts == 1 + render_rendition.max_retries
    assert pdf.error == "RuntimeError: Pango no está instalado"
    assert not pdf.file and pdf.sha256 == ""
    others = Rendition.objects.filter(version=version).exclude(format="pdf")
    assert set(others.values_list("status", flat=True)) == {"ready"}

    client.force_login(tech_user)
    response = client.get(reverse("admin:drafts_rendition_changelist"), {"status__exact": "failed"})
    assert response.status_code == 200
    assert "RuntimeError: Pango no está instalado" in response.text
    detail = client.get(reverse("admin:drafts_rendition_change", args=[pdf.pk]))
    assert "Pango no está instalado" in detail.text


def test_a_renderer_that_recovers_on_a_retry_ends_ready(
    tech_user, django_capture_on_commit_callbacks, monkeypatch, retries_run_eagerly
):
    failures = {"docx": 2}

    def flaky(version, fmt):
        if failures.get(fmt):
            failures[fmt] -= 1
            raise OSError("disco lleno")
        return fake_render(version, fmt)

    monkeypatch.setattr(renditions, "render", flaky)
    with django_capture_on_commit_callbacks(execute=True):
        version = publish(tech_user, PNDA_V1, "Primer borrador")
    docx = Rendition.objects.get(version=version, format="docx")
    assert docx.status == Rendition.Status.READY
    assert docx.attempts == 3
    assert docx.error == ""


def test_rendering_again_leaves_a_ready_rendition_untouched(
    tech_user, django_capture_on_commit_callbacks, fast_render, monkeypatch
):
    with django_capture_on_commit_callbacks(execute=True):
        version = publish(tech_user, PNDA_V1, "Primer borrador")
    before = {
        r.pk: (r.file.name, r.sha256, r.size, r.rendered_at, r.attempts)
        for r in Rendition.objects.all()
    }

    def must_not_render(version, fmt):
        raise AssertionError("a ready rendition was rendered again")

    monkeypatch.setattr(renditions, "render", must_not_render)
    assert render_version.apply(args=[version.pk]).get() == 0
    for pk in before:
        assert render_rendition.apply(args=[pk]).get() is False
    after = {
        r.pk: (r.file.name, r.sha256, r.size, r.rendered_at, r.attempts)
        for r in Rendition.objects.all()
    }
    assert after == before


def test_rendering_an_unknown_rendition_does_nothing(db):
    assert render_rendition.apply(args=[987654]).get() is False
