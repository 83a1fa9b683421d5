"""The portal's own Prometheus metrics, and what `/metricas/` shows.

django-prometheus counts requests by view, method and status, with their latency, and the
database's queries (its middlewares and database backend, see settings). Beside them, prefixed
`abramos_`:

    abramos_page_cache_requests_total{state}      hit, stale or miss: what X-Page-Cache says
    abramos_comments_posted_total{kind}           comment or reply, once its transaction committed
    abramos_celery_tasks_total{task, outcome}     succeeded, failed or retried
    abramos_celery_queue_length{queue}            tasks waiting in each queue (Redis)
    abramos_mail_outbox_oldest_seconds            age of the oldest message still to be sent (0: none)
    abramos_mail_outbox_pending                   messages still to be sent
    abramos_mail_outbox_failed                    messages given up on after Message.MAX_ATTEMPTS

The counters are counted where things happen, in the process they happen in, at the cost of a
lock and an addition (the page cache serves thousands of pages a second). The last four are read
when Prometheus asks, one Redis round trip and one query per scrape; when Redis or the database
does not answer they are left out (logged), and the scrape still succeeds.

Who may read them: an address in METRICS_ALLOWED_NETWORKS (the client's address as
abramos.http computes it behind our proxies), or someone the admin lets in. Anyone else gets the
site's 404, as for an address that does not exist.

With several gunicorn workers, each counts in its own memory: set PROMETHEUS_MULTIPROC_DIR to an
empty folder (prometheus_client's multiprocess mode; gunicorn.conf.py tidies it) and /metricas/
adds up every process on the machine, the Celery worker's too when it shares the folder. Without
it, a Celery worker's task outcomes stay in the worker (in eager mode tasks run in the web
process and are counted there).
"""

from __future__ import annotations

import functools
import ipaddress
import logging
import os
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from prometheus_client import REGISTRY, CollectorRegistry, Counter, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector

from abramos.http import client_ip

logger = logging.getLogger(__name__)

# Counted as it happens ----------------------------------------------------------------------------

_PAGE_CACHE = Counter(
    "abramos_page_cache_requests_total",
    "Anonymous reads answered by the page cache, by what X-Page-Cache says (hit, stale, miss).",
    ["state"],
)
# Bound once: the hot path only adds (no label lookup per request).
_PAGE_CACHE_STATES = {state: _PAGE_CACHE.labels(state) for state in ("hit", "stale", "miss")}

_COMMENTS = Counter(
    "abramos_comments_posted_total",
    "Comments and replies posted on the site, counted once their transaction committed.",
    ["kind"],
)
_COMMENT_KINDS = {kind: _COMMENTS.labels(kind) for kind in ("comment", "reply")}

_TASKS = Counter(
    "abramos_celery_tasks_total",
    "Celery tasks run, by task and outcome (succeeded, failed, retried).",
    ["task", "outcome"],
)


def page_cache_served(state: str) -> None:
    """abramos.cache answered a read with `state` (hit, stale or miss)."""
    _PAGE_CACHE_STATES[state].inc()


def comment_posted(*, reply: bool) -> None:
    """Count a comment (or reply) when the transaction that stores it commits, not before: a
    comment rolled back was never posted."""
    transaction.on_commit(_COMMENT_KINDS["reply" if reply else "comment"].inc)


def _task_succeeded(sender=None, **kwargs) -> None:
    _TASKS.labels(sender.name, "succeeded").inc()


def _task_failed(sender=None, **kwargs) -> None:
    _TASKS.labels(sender.name, "failed").inc()


def _task_retried(sender=None, **kwargs) -> None:
    _TASKS.labels(sender.name, "retried").inc()


def connect_signals() -> None:
    """Called once from AbramosConfig.ready(): the web processes (eager tasks) and the Celery
    workers count the tasks they run."""
    from celery import signals

    signals.task_success.connect(_task_succeeded, dispatch_uid="abramos.metrics.succeeded")
    signals.task_failure.connect(_task_failed, dispatch_uid="abramos.metrics.failed")
    signals.task_retry.connect(_task_retried, dispatch_uid="abramos.metrics.retried")


# Read when Prometheus asks ----------------------------------------------------------------------


def queue_names() -> list[str]:
    """The Celery queues the portal sends to (with CELERY_QUEUE_SUFFIX, as they are in Redis)."""
    names = {settings.CELERY_TASK_DEFAULT_QUEUE}
    names.update(route["queue"] for route in settings.CELERY_TASK_ROUTES.values())
    return sorted(names)


def _redis_keys(queue: str) -> list[str]:
    # kombu keeps a queue's messages in one Redis list per priority step: the queue's own name
    # for priority 0 (every task of ours), then name + separator + step.
    from kombu.transport.redis import Channel

    return [queue] + [f"{queue}{Channel.sep}{step}" for step in Channel.priority_steps if step]


def _queue_lengths(url: str, queues: Iterable[str]) -> dict[str, int]:
    import redis

    client = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)
    try:
        pipe = client.pipeline(transaction=False)
        keys = {queue: _redis_keys(queue) for queue in queues}
        for queue_keys in keys.values():
            for key in queue_keys:
                pipe.llen(key)
        answers = iter(pipe.execute())
        return {queue: sum(next(answers) for _ in queue_keys) for queue, queue_keys in keys.items()}
    finally:
        client.close()


class _ReadAtScrape:
    """The gauges that are a state of the site, not of a process: asked for at each scrape."""

    def collect(self):
        yield from self._queues()
        yield from self._outbox()

    @staticmethod
    def _queues():
        family = GaugeMetricFamily(
            "abramos_celery_queue_length",
            "Tasks waiting in each Celery queue (Redis LLEN at scrape time).",
            labels=["queue"],
        )
        url = settings.CELERY_BROKER_URL
        if url.startswith(("redis://", "rediss://")):
            try:
                lengths = _queue_lengths(url, queue_names())
            except Exception:  # the broker down must not fail the scrape; /salud/ says so
                logger.warning("metrics: could not read the Celery queues", exc_info=True)
            else:
                for queue, length in lengths.items():
                    family.add_metric([queue], length)
        yield family

    @staticmethod
    def _outbox():
        from django.db.models import Count, Min, Q
        from django.utils import timezone

        from abramos.mail.models import Message

        trying = Q(attempts__lt=Message.MAX_ATTEMPTS)
        try:
            row = Message.objects.filter(sent_at__isnull=True).aggregate(
                oldest=Min("created_at", filter=trying),
                pending=Count("pk", filter=trying),
                failed=Count("pk", filter=~trying),
            )
        except Exception:  # the database down must not fail the scrape either
            logger.warning("metrics: could not read the mail outbox", exc_info=True)
            return
        age = (timezone.now() - row["oldest"]).total_seconds() if row["oldest"] else 0.0
        yield GaugeMetricFamily(
            "abramos_mail_outbox_oldest_seconds",
            "Age of the oldest e-mail still to be sent, in seconds (0: none waiting).",
            value=max(age, 0.0),
        )
        yield GaugeMetricFamily(
            "abramos_mail_outbox_pending", "E-mails still to be sent.", value=row["pending"]
        )
        yield GaugeMetricFamily(
            "abramos_mail_outbox_failed",
            "E-mails given up on after their last attempt (they wait for staff in the admin).",
            value=row["failed"],
        )


class _ThisProcess:
    """Everything this process counted (prometheus_client's default registry)."""

    def collect(self):
        return REGISTRY.collect()


def exposition() -> bytes:
    """The text Prometheus reads: every process's counters (this one's, or every process on the
    machine in multiprocess mode) and the gauges read now."""
    registry = CollectorRegistry(auto_describe=False)
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        MultiProcessCollector(registry)
    else:
        registry.register(_ThisProcess())
    registry.register(_ReadAtScrape())
    return generate_latest(registry)


# Who may read them ---------------------------------------------------------------------------


@functools.cache
def _networks(allowed: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(network, strict=False) for network in allowed)


def may_read(request: HttpRequest) -> bool:
    """From an allowed network (Prometheus, the machine itself), or someone the admin lets in."""
    try:
        address = ipaddress.ip_address(client_ip(request))
    except ValueError:
        address = None
    if address is not None:
        mapped = getattr(address, "ipv4_mapped", None)  # ::ffff:127.0.0.1 on a dual-stack bind
        networks = _networks(tuple(settings.METRICS_ALLOWED_NETWORKS))
        if any(address in net or (mapped and mapped in net) for net in networks):
            return True
    from django.contrib import admin

    return admin.site.has_permission(request)
