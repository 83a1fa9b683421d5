"""Who is asking: the client's address, behind the load balancers we run.

Behind HAProxy (README: Production) every request reaches gunicorn from the balancer's address,
so limits keyed on REMOTE_ADDR put every visitor in one bucket. Each proxy appends the address it
received the request from to `X-Forwarded-For`; with `TRUSTED_PROXY_COUNT` proxies of ours in
front, the client is the entry that many places from the end. Entries further left were written
by the client and prove nothing; with no trusted proxy the header is ignored altogether.

    TRUSTED_PROXY_COUNT=1     # HAProxy in front of gunicorn

Used by our own limits (contact, collaboration) and by allauth's (its adapter), so both count
the same person the same way.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str:
    """The client's address as our last trusted proxy saw it, or the socket's address."""
    remote = request.META.get("REMOTE_ADDR", "")
    trusted = settings.TRUSTED_PROXY_COUNT
    forwarded = request.headers.get("x-forwarded-for", "")
    if trusted <= 0 or not forwarded:
        return remote
    entries = [entry.strip() for entry in forwarded.split(",")]
    if len(entries) < trusted:
        # Fewer hops than proxies of ours: not a request our proxies forwarded as configured.
        return remote
    return _valid(entries[-trusted]) or remote
