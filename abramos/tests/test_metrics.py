"""Prometheus metrics at /metricas/ (abramos/metrics.py): only for the allowed networks and staff,
django-prometheus's request metrics and the portal's own, read through the endpoint as
Prometheus reads them."""

import datetime
import uuid

import pytest
from celery.exceptions import Retry
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families

from abramos.cache import public_view
from abramos.mail.models import Message
from abramos.mail.tasks import deliver
from consultation.models import Comment
from consultation.services import comment_create
from consultation.tests.conftest import make_user

pytestmark = pytest.mark.django_db

URL = "/metricas/"
STRANGER = "203.0.113.7"  # an address on the internet (documentation range)


def _scrape() -> dict[tuple[str, tuple], float]:
    """Every sample /metricas/ shows, as the machine itself asks for them."""
    response = Client().get(URL)
    assert response.status_code == 200
    samples = {}
    for family in text_string_to_metric_families(response.content.decode()):
        for sample in family.samples:
            samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return samples


def _value(samples: dict, name: str, **labels) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


# Who may read them -------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["get", "head", "post", "put", "delete"])
def test_a_stranger_gets_the_404_of_an_address_that_does_not_exist(method):
    client = Client(REMOTE_ADDR=STRANGER)
    response = getattr(client, method)(URL)
    unknown = getattr(client, method)("/no-existe/")
    assert response.status_code == unknown.status_code == 404
    if method != "head":
        assert "Página no encontrada" in response.content.decode()
    assert "django_http" not in response.content.decode()


def test_a_signed_in_citizen_gets_a_404_too():
    client = Client(REMOTE_ADDR=STRANGER)
    client.force_login(make_user("ana@example.mx", display_name="Ana"))
    assert client.get(URL).status_code == 404


def test_the_machine_itself_reads_the_metrics_and_no_cache_keeps_them():
    response = Client().get(URL)  # REMOTE_ADDR 127.0.0.1
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=")  # exposition format
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert public_view(URL, "es-mx") is None  # the page cache neither looks it up nor stores it
    text = response.content.decode()
    assert "django_http_requests_total_by_view_transport_method" in text
    assert "django_http_requests_latency_seconds_by_view_method" in text
    assert "django_db_execute_total" in text  # the database backend is instrumented
    assert "abramos_page_cache_requests_total" in text


def test_staff_read_the_metrics_from_anywhere_and_may_only_read(staff):
    client = Client(REMOTE_ADDR=STRANGER)
    client.force_login(staff)
    assert client.get(URL).status_code == 200
    assert client.post(URL).status_code == 405


def test_behind_our_proxy_the_allowed_network_is_the_clients_not_the_balancers(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.METRICS_ALLOWED_NETWORKS = ["10.20.0.0/16"]
    balancer = Client(REMOTE_ADDR="10.0.0.9")
    assert balancer.get(URL, headers={"x-forwarded-for": "10.20.3.4"}).status_code == 200
    assert balancer.get(URL, headers={"x-forwarded-for": STRANGER}).status_code == 404
    # An entry the client wrote itself, left of the one our balancer added, proves nothing.
    forged = balancer.get(URL, headers={"x-forwarded-for": f"10.20.3.4, {STRANGER}"})
    assert forged.status_code == 404


def test_an_ipv4_address_seen_through_an_ipv6_socket_is_allowed_as_itself():
    assert Client(REMOTE_ADDR="::ffff:127.0.0.1").get(URL).status_code == 200


# What they count ----------------------------------------------------------------------------------


def test_a_page_served_by_the_page_cache_is_counted_as_a_miss_then_a_hit(settings, consultation):
    settings.PAGE_CACHE_SECONDS = 60
    url = consultation.version.get_absolute_url()
    before = _scrape()
    client = Client()
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"
    after = _scrape()
    for state in ("miss", "hit"):
        name = "abramos_page_cache_requests_total"
        assert _value(after, name, state=state) == _value(before, name, state=state) + 1


def test_comments_and_replies_are_counted_once_posted(
    client, consultation, django_capture_on_commit_callbacks
):
    citizen = make_user("ana@example.mx", display_name="Ana")
    client.force_login(citizen)
    name = "abramos_comments_posted_total"
    before = _scrape()
    with django_capture_on_commit_callbacks(execute=True):
        create = reverse("consultation:comment-create", args=[consultation.version.number])
        client.post(create, {"body": "Hace falta un catálogo.", "client_token": "t1"})
        comment = Comment.objects.get()
        reply = reverse("consultation:comment-reply", args=[comment.pk])
        client.post(reply, {"body": "Coincido.", "client_token": "r1"})
        client.post(reply, {"body": "Coincido.", "client_token": "r1"})  # sent twice: one reply
    after = _scrape()
    assert Comment.objects.count() == 2
    assert _value(after, name, kind="comment") == _value(before, name, kind="comment") + 1
    assert _value(after, name, kind="reply") == _value(before, name, kind="reply") + 1


def test_a_comment_whose_transaction_rolled_back_was_never_posted(
    consultation, django_capture_on_commit_callbacks
):
    citizen = make_user("ana@example.mx", display_name="Ana")
    before = _scrape()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        comment_create(actor=citizen, consultation=consultation, body="No llega.")
        transaction.set_rollback(True)
    after = _scrape()
    name = "abramos_comments_posted_total"
    assert _value(after, name, kind="comment") == _value(before, name, kind="comment")


def test_celery_task_outcomes_are_counted(settings):
    task, name = "abramos.mail.tasks.deliver", "abramos_celery_tasks_total"
    before = _scrape()
    sent = Message.objects.create(to="ana@example.mx", subject="Hola", body_text="Texto")
    deliver.apply(args=[sent.pk])
    # An SMTP server that refuses: retried, and once the retries are spent, failed.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", 1, False
    refused = Message.objects.create(to="beto@example.mx", subject="Hola", body_text="Texto")
    with pytest.raises(Retry):
        deliver.apply(args=[refused.pk], throw=False)
    assert deliver.apply(args=[refused.pk], retries=deliver.max_retries, throw=False).failed()
    after = _scrape()
    for outcome in ("succeeded", "retried", "failed"):
        assert _value(after, name, task=task, outcome=outcome) == (
            _value(before, name, task=task, outcome=outcome) + 1
        ), outcome


def test_the_outbox_says_how_long_the_oldest_message_has_waited_in_one_query(
    django_assert_num_queries,
):
    now = timezone.now()
    Message.objects.create(to="a@example.mx", subject="Enviado", body_text="x", sent_at=now)
    waiting = Message.objects.create(to="b@example.mx", subject="Espera", body_text="x")
    Message.objects.create(to="c@example.mx", subject="Reciente", body_text="x")
    given_up = Message.objects.create(
        to="d@example.mx", subject="Fallido", body_text="x", attempts=Message.MAX_ATTEMPTS
    )
    # created_at is set on insert (auto_now_add): the ages are written afterwards.
    Message.objects.filter(pk=waiting.pk).update(created_at=now - datetime.timedelta(hours=2))
    Message.objects.filter(pk=given_up.pk).update(created_at=now - datetime.timedelta(days=3))
    with django_assert_num_queries(1):
        samples = _scrape()
    oldest = _value(samples, "abramos_mail_outbox_oldest_seconds")
    assert 7200 <= oldest < 7200 + 60
    assert _value(samples, "abramos_mail_outbox_pending") == 2
    assert _value(samples, "abramos_mail_outbox_failed") == 1


def test_an_empty_outbox_is_zero_seconds_old():
    samples = _scrape()
    assert ("abramos_mail_outbox_oldest_seconds", ()) in samples
    assert _value(samples, "abramos_mail_outbox_oldest_seconds") == 0


def test_without_redis_there_are_no_queues_to_count_and_the_scrape_still_succeeds(settings):
    settings.CELERY_BROKER_URL = "memory://"  # the embedded default: eager tasks
    samples = _scrape()
    assert not [key for key in samples if key[0] == "abramos_celery_queue_length"]


def test_a_broker_that_does_not_answer_never_fails_the_scrape(settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    samples = _scrape()
    assert not [key for key in samples if key[0] == "abramos_celery_queue_length"]
    assert ("abramos_mail_outbox_pending", ()) in samples


@pytest.mark.services
def test_queue_lengths_are_read_from_redis(settings, redis_url):
    import redis
    from kombu.transport.redis import Channel

    suffix = f"-test-{uuid.uuid4().hex[:8]}"
    settings.CELERY_BROKER_URL = redis_url
    settings.CELERY_TASK_DEFAULT_QUEUE = f"default{suffix}"
    settings.CELERY_TASK_ROUTES = {
        "abramos.mail.tasks.*": {"queue": f"mail{suffix}"},
        "drafts.tasks.render_rendition": {"queue": f"render{suffix}"},
    }
    server = redis.Redis.from_url(redis_url)
    keys = [f"default{suffix}", f"default{suffix}{Channel.sep}3", f"mail{suffix}"]
    try:
        server.lpush(keys[0], "a", "b")
        server.lpush(keys[1], "c")  # a message sent with a priority: its own list
        server.lpush(keys[2], "d")
        samples = _scrape()
    finally:
        server.delete(*keys)
        server.close()
    name = "abramos_celery_queue_length"
    assert _value(samples, name, queue=f"default{suffix}") == 3
    assert _value(samples, name, queue=f"mail{suffix}") == 1
    assert (name, (("queue", f"render{suffix}"),)) in samples  # an empty queue says 0
    assert _value(samples, name, queue=f"render{suffix}") == 0
