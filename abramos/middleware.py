"""Security headers that Django 5.2 does not set by itself, and requests no view should see."""

from django.core.exceptions import BadRequest

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
