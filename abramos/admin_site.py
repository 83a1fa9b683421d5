"""The staff side's AdminSite: a signed-in person without staff access gets 403, not a log-in form.

Django's admin sends such a person to its log-in page; for a citizen who followed a link that is
a confusing dead end, and every editing and publishing path should answer plainly that it is
forbidden. Permissions themselves are checked by each ModelAdmin as usual.

Staff who can edit or publish the policy or answer comments must have two-factor authentication
(abramos.mfa); the admin's own log-in form is replaced by the site's, which asks for the code.
"""

from functools import wraps
from urllib.parse import urlencode

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from abramos import mfa


class AdminSite(admin.AdminSite):
    site_header = _("Abramos México · Administration")
    site_title = "Abramos México"
    index_title = _("Technical Group")

    def admin_view(self, view, cacheable=False):
        wrapped = super().admin_view(view, cacheable)

        @wraps(view)
        def inner(request, *args, **kwargs):
            if request.user.is_authenticated and not self.has_permission(request):
                raise PermissionDenied
            if mfa.mfa_missing(request.user):
                return mfa.redirect_to_activation(request)
            return wrapped(request, *args, **kwargs)

        return inner

    def index(self, request, extra_context=None):
        """The admin's home page opens with the desk: what waits for this person, and where."""
        from abramos import staff_desk

        extra_context = {**(extra_context or {}), "desk": staff_desk.items(request.user)}
        return super().index(request, extra_context)

    def login(self, request, extra_context=None):
        """The site's log-in (allauth), which asks for the second factor; never a password-only form."""
        next_url = request.GET.get("next") or reverse("admin:index")
        return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")
