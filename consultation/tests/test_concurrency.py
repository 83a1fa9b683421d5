"""100 comments posted at once all land, none twice (PostgreSQL: real row locks and constraints).

First against the service contract (threads with their own database connections), then over
HTTP against a live server, as browsers would post them.
"""

import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings as django_settings
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from conftest import require_service
from consultation import services
from consultation.models import Comment, Consultation
from consultation.tests.conftest import make_user

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

POSTS = 100
PEOPLE = 10
THREADS = 20


@pytest.fixture
def postgresql(transactional_db):
    require_service(connection.vendor == "postgresql", "concurrency needs PostgreSQL")


@pytest.fixture
def people(postgresql, consultation, settings):
    settings.CONSULTATION_RATE_LIMIT = (POSTS, 600)  # ten comments each, at once
    return [make_user(f"persona{i}@example.mx", display_name=f"Persona {i}") for i in range(PEOPLE)]


def _in_thread(function):
    """Run in a worker thread with its own connection, closed afterwards."""

    def run(*args):
        try:
            return function(*args)
        finally:
            connections.close_all()

    return run


def _post_through_service(consultation_pk: int, user, n: int, token: str):
    consultation = Consultation.objects.select_related("version").get(pk=consultation_pk)
    section = consultation.version.sections.order_by("order")[n % 3]
    return services.comment_create(
        actor=user,
        consultation=consultation,
        section=section,
        body=f"Comentario simultáneo número {n}.",
        client_token=token,
    ).pk


def test_a_hundred_comments_at_once_through_the_service_all_land_once(people, consultation):
    jobs = [(consultation.pk, people[n % PEOPLE], n, f"token-{n}") for n in range(POSTS)]
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        pks = list(pool.map(lambda job: _in_thread(_post_through_service)(*job), jobs))

    assert len(set(pks)) == POSTS
    assert Comment.objects.count() == POSTS
    bodies = Comment.objects.values_list("body", flat=True)
    assert sorted(bodies) == sorted(f"Comentario simultáneo número {n}." for n in range(POSTS))


def test_the_same_submission_twice_at_once_stores_one_comment(people, consultation):
    user = people[0]
    jobs = [(consultation.pk, user, 0, "doble-clic")] * 8
    with ThreadPoolExecutor(max_workers=8) as pool:
        pks = list(pool.map(lambda job: _in_thread(_post_through_service)(*job), jobs))

    assert len(set(pks)) == 1
    assert Comment.objects.filter(author=user).count() == 1


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the 302 to the comment is the answer we want to see


_OPENER = urllib.request.build_opener(_NoRedirect)


def _browser(user) -> tuple[str, str]:
    """The Cookie header of a signed-in browser (session and CSRF cookies), and its CSRF token."""
    client = Client()
    client.force_login(user)
    session = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    csrf = "a" * 32  # a CSRF secret: the cookie and the form field carry the same value
    cookie = f"{django_settings.SESSION_COOKIE_NAME}={session}; {django_settings.CSRF_COOKIE_NAME}={csrf}"
    return cookie, csrf


def _post_over_http(url: str, cookie: str, csrf: str, anchor: str, n: int, token: str) -> int:
    data = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": csrf,
            "body": f"Comentario por la red número {n}.",
            "section": anchor,
            "client_token": token,
        }
    ).encode()
    try:
        request = urllib.request.Request(url, data=data, headers={"Cookie": cookie})  # noqa: S310 - the live server's http URL
        with _OPENER.open(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_a_hundred_comments_posted_at_once_against_a_live_server_all_land_once(
    people, consultation, live_server
):
    url = live_server.url + reverse(
        "consultation:comment-create", args=[consultation.version.number]
    )
    anchors = list(consultation.version.sections.order_by("order").values_list("anchor", flat=True))
    browsers = [_browser(user) for user in people]
    jobs = []
    for n in range(POSTS):
        cookie, csrf = browsers[n % PEOPLE]
        jobs.append((url, cookie, csrf, anchors[n % len(anchors)], n, f"red-{n}"))
    # Each person's double click: the same submission sent twice.
    jobs += jobs[:PEOPLE]

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        statuses = list(pool.map(lambda job: _in_thread(_post_over_http)(*job), jobs))

    assert statuses == [302] * len(jobs)
    assert Comment.objects.count() == POSTS
    bodies = sorted(Comment.objects.values_list("body", flat=True))
    assert bodies == sorted(f"Comentario por la red número {n}." for n in range(POSTS))
