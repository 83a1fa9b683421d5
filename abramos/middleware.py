"""Security headers that Django 5.2 does not set by itself, requests no view should see, and the
id that ties a response to its log lines."""

import re
import secrets

from django.core.exceptions import BadRequest

from abramos import logs

# No inline script or style anywhere on the public site (see DESIGN.md); the admin's own
# templates still carry a few style attributes, so only they may use inline styles.
_CSP_PUBLIC = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
_CSP_ADMIN = _CSP_PUBLIC.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
_PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/admin/"

    def __call__(self, request):
        response = self.get_response(request)
        is_admin = request.path.startswith(self.admin_prefix)
        response.headers.setdefault(
            "Content-Security-Policy", _CSP_ADMIN if is_admin else _CSP_PUBLIC
        )
        response.headers.setdefault("Permissions-Policy", _PERMISSIONS_POLICY)
        return response


class RejectNullCharactersMiddleware:
    """A NUL character in the address or its query is refused with a 400 before any view runs.

    No page of the portal takes one, and PostgreSQL refuses to compare a text holding one: a view
    that looked it up (`/borradores/5/descargar/pdf%00/`) answered 500. Forms refuse NUL in
    their own fields (Django's CharField).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if "\x00" in request.path or "%00" in query or "\x00" in query:
            raise BadRequest("NUL character in the address")
        return self.get_response(request)


# What an incoming id may be: the uuid HAProxy makes (README, "Metrics and logs") fits; anything
# else (too long, a space, a line break that would forge a log line) is replaced by a new id.
_SAFE_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


class RequestIdMiddleware:
    """Every request gets an id: the `X-Request-ID` our load balancer sends, when it is a safe
    token, or a new one. The view reads it as `request.request_id`, every log line written while
    the request is served carries it (abramos.logs), the response sends it back in
    `X-Request-ID` and the 500 page shows it, so a person reporting a problem can quote it.

    Outside the page cache and the shared pages (near the top of MIDDLEWARE): a page served from
    the cache carries an id as well."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("x-request-id", "")
        # 128 random bits in hex, as a uuid4's hex but without building a UUID (a few µs less
        # on every cached page).
        request_id = incoming if _SAFE_ID.fullmatch(incoming) else secrets.token_hex(16)
        request.request_id = request_id
        # Until the response is closed (abramos.logs.request_finished): Django logs a 4xx after
        # the middlewares, and a streamed body is made after them too.
        logs.request_id.set(request_id)
        response = self.get_response(request)
        response["X-Request-ID"] = request_id
        return response
