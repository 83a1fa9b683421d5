"""The staff side's AdminSite: a signed-in person without staff access gets 403, not a log-in form.

Django's admin sends such a person to its log-in page; for a citizen who followed a link that is
a confusing dead end, and every editing and publishing path should answer plainly that it is
forbidden. Permissions themselves are checked by each ModelAdmin as usual.
"""

from functools import wraps

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _


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
            return wrapped(request, *args, **kwargs)

        return inner
