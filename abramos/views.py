import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponseServerError,
    JsonResponse,
)
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe
from kombu import Connection
from prometheus_client import CONTENT_TYPE_LATEST

from abramos import demo, metrics
from abramos.cache import private

logger = logging.getLogger(__name__)


def _check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _check_cache() -> None:
    cache.set("salud:ping", "pong", 10)
    if cache.get("salud:ping") != "pong":
        raise RuntimeError("the cache did not return what was stored")


def _check_broker() -> None:
    if settings.CELERY_BROKER_URL.startswith("memory://"):
        return  # eager: tasks run in the process itself
    with Connection(settings.CELERY_BROKER_URL, connect_timeout=3) as conn:
        conn.ensure_connection(max_retries=1, timeout=3)


@never_cache
@require_safe
def health(request: HttpRequest) -> JsonResponse:
    """Database, cache and broker status, as JSON: 200 when all are up, 503 naming what failed.

    Public (load balancers probe it), so it says "ok" or "error" per part and nothing else: what
    failed and why goes to the log, with the request's id."""
    status = {}
    failing = []
    for name, check in (
        ("database", _check_database),
        ("cache", _check_cache),
        ("broker", _check_broker),
    ):
        try:
            check()
        except Exception:  # every failure is reported, whatever its kind
            logger.exception("health: the %s check failed", name)
            status[name] = "error"
            failing.append(name)
        else:
            status[name] = "ok"
    body = {"status": "error" if failing else "ok", "failing": failing, "checks": status}
    return JsonResponse(body, status=503 if failing else 200)


@csrf_exempt  # it never writes; a refused token would tell a stranger the address exists
@private
def metrics_export(request: HttpRequest) -> HttpResponse:
    """Prometheus metrics (abramos/metrics.py), for the allowed networks and staff; for anyone
    else the same 404 as an address that does not exist, whatever the method."""
    if not metrics.may_read(request):
        raise Http404
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    return HttpResponse(metrics.exposition(), content_type=CONTENT_TYPE_LATEST)


def bad_request(request: HttpRequest, exception=None):
    # Django's own 400 view checks the CSRF token, which reads the form again: a form in another
    # encoding than UTF-8 then failed a second time, inside the error page, and became a 500.
    return render(request, "400.html", status=400)


def permission_denied(request: HttpRequest, exception=None):
    # The reason a view gave (PermissionDenied("...")), in the visitor's language, when it gave one.
    message = str(exception) if exception and str(exception) else ""
    return render(request, "403.html", {"exception_message": message}, status=403)


def csrf_failure(request: HttpRequest, reason: str = ""):
    return render(request, "403_csrf.html", status=403)


def page_not_found(request: HttpRequest, exception=None):
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest):
    # Rendered without the request: no context processor or database query can fail again. Only
    # the request's id goes in (abramos.middleware.RequestIdMiddleware), for the person to quote.
    context = {"request_id": getattr(request, "request_id", "")}
    return HttpResponseServerError(loader.get_template("500.html").render(context))


@require_safe
def demo_notice(request: HttpRequest):
    """What is invented and what is real, while demo content is loaded (the banner links here)."""
    if not demo.demo_loaded():
        raise Http404
    return render(request, "demo_notice.html", {"counts": demo.counts()})


@never_cache
@require_safe
def node_alive(request: HttpRequest) -> HttpResponse:
    """The load balancer's check of one web node: this process answers. It asks nothing of the
    database, the cache or the broker: they are shared by every node, and a node taken out of
    the balancer for Redis being down would take every node out with it (`/salud/` reports them)."""
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")
