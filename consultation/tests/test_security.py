"""Comments are untrusted: what people type never runs on the version page, every change needs a
POST with a CSRF token, and the page makes the same number of queries however many comments."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from abramos.tests.html import elements
from abramos.tests.test_markup import XSS_PAYLOADS
from consultation import services
from consultation.models import Comment
from consultation.tests.conftest import make_user


def _scripts(html: str) -> list[dict]:
    return [attrs for tag, attrs in elements(html) if tag == "script"]


def _handlers(html: str) -> list[str]:
    return [name for _tag, attrs in elements(html) for name in attrs if name.startswith("on")]


def _dangerous_urls(html: str) -> list[str]:
    return [
        value
        for _tag, attrs in elements(html)
        for name, value in attrs.items()
        if name in ("href", "src", "action", "formaction") and "script:" in value.lower()
    ]


def test_the_xss_corpus_posted_as_comments_renders_no_script_or_handler(
    client, settings, citizen, consultation
):
    settings.CONSULTATION_RATE_LIMIT = (10_000, 600)
    url = consultation.version.get_absolute_url()
    baseline = client.get(url).content.decode()
    client.force_login(citizen)
    create = reverse("consultation:comment-create", args=[consultation.version.number])
    for i, payload in enumerate(XSS_PAYLOADS):
        client.post(create, {"body": payload, "section": "version", "client_token": f"x{i}"})
    assert Comment.objects.count() == len(XSS_PAYLOADS)
    first = Comment.objects.first()
    reply_url = reverse("consultation:comment-reply", args=[first.pk])
    client.post(reply_url, {"body": XSS_PAYLOADS[0], "client_token": "r"})
    client.logout()
    html = client.get(url, {"seccion": "version"}).content.decode()
    assert _scripts(html) == _scripts(baseline)
    assert _handlers(html) == []
    assert _dangerous_urls(html) == []
    assert all(attrs.get("src") for attrs in _scripts(html))  # no inline script


def test_the_page_has_no_inline_styles_or_scripts(client, citizen, consultation):
    services.comment_create(actor=citizen, consultation=consultation, body="Hola")
    client.force_login(citizen)
    html = client.get(consultation.version.get_absolute_url()).content.decode()
    assert not [tag for tag, attrs in elements(html) if "style" in attrs or tag == "style"]
    assert _handlers(html) == []
    assert all(attrs.get("src") for attrs in _scripts(html))


def test_actions_refuse_a_post_without_a_csrf_token(citizen, consultation):
    client = Client(enforce_csrf_checks=True)
    client.force_login(citizen)
    create = reverse("consultation:comment-create", args=[consultation.version.number])
    assert client.post(create, {"body": "Sin token"}).status_code == 403
    assert not Comment.objects.exists()


@pytest.mark.parametrize("name", ["comment-support", "comment-reply"])
def test_changing_actions_do_not_answer_get(client, citizen, consultation, name):
    comment = services.comment_create(actor=citizen, consultation=consultation, body="Hola")
    client.force_login(citizen)
    assert client.get(reverse(f"consultation:{name}", args=[comment.pk])).status_code == 405


def _fill(consultation, n: int) -> None:
    """n comments spread over the version's sections (and the version as a whole), with replies,
    supports counters and some published answers."""
    sections = [*consultation.version.sections.all(), None]
    authors = [make_user(f"p{i}@example.mx", display_name=f"P{i}") for i in range(5)]
    now = timezone.now()
    Comment.objects.bulk_create(
        Comment(
            consultation=consultation, version=consultation.version,
            section=sections[i % len(sections)], author=authors[i % len(authors)],
            body=f"c{i}", body_html=f"<p>c{i}</p>", created_at=now + datetime.timedelta(seconds=i),
            support_count=i % 3,
        )
        for i in range(n)
    )  # fmt: skip
    parents = list(Comment.objects.order_by("pk")[:20])
    Comment.objects.bulk_create(
        Comment(
            consultation=consultation, version=consultation.version, section=p.section,
            parent=p, author=authors[0], body="r", body_html="<p>r</p>",
        )
        for p in parents
    )  # fmt: skip
    for p in parents[:3]:
        services.answer_save(
            actor=make_user(f"t{p.pk}@example.mx", groups=["Grupo Técnico"]),
            comment=p, outcome="incorporated", body="Sí", publish=True,
        )  # fmt: skip


@pytest.fixture
def many_sections_consultation(tech_user, django_capture_on_commit_callbacks):
    """A consultation on a version of 20 sections."""
    from consultation.models import Consultation
    from drafts.tests.conftest import publish

    text = "\n".join(f"# Sección {i}\n\nTexto de la sección {i}.\n" for i in range(20))
    with django_capture_on_commit_callbacks(execute=True):
        version = publish(tech_user, text, "Veinte secciones")
    now = timezone.now()
    return Consultation.objects.create(
        version=version, title="Consulta", opens_at=now - datetime.timedelta(hours=1),
        closes_at=now + datetime.timedelta(days=60),
    )  # fmt: skip


MAX_QUERIES = 12  # 4 for drafts, session and user, 6 for the consultation


@pytest.mark.parametrize("n", [20, 2000])
def test_the_version_page_makes_the_same_queries_with_20_or_2000_comments(
    client, citizen, many_sections_consultation, django_assert_max_num_queries, n
):
    _fill(many_sections_consultation, n)
    client.force_login(citizen)
    url = many_sections_consultation.version.get_absolute_url()
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(url)
    assert response.status_code == 200
    with django_assert_max_num_queries(MAX_QUERIES):
        client.get(url, {"seccion": "seccion-3", "sector": "academia", "respondidos": "no"})


def test_the_overview_makes_a_fixed_number_of_queries(
    client, consultation, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        assert client.get(reverse("consultation:overview")).status_code == 200
