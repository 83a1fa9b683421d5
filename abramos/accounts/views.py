import json

from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from django.views.generic import TemplateView

from abramos.accounts import personal_data, services
from abramos.accounts.forms import AccountDeleteForm, ProfileForm
from abramos.accounts.models import ANONYMOUS_NAME, PRIVACY_NOTICE_VERSION


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def my_data(request: HttpRequest) -> HttpResponse:
    """ "Mis datos": what the site holds about the person, their profile, export and deletion."""
    user = request.user
    form = ProfileForm.for_user(user, data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.user_profile_update(user=user, actor=user, **form.profile())
        messages.success(request, _("Your profile has been saved."))
        return redirect("accounts:my-data")
    email_addresses = EmailAddress.objects.filter(user=user).order_by("-primary", "email")
    return render(
        request,
        "accounts/user_my_data.html",
        {"form": form, "email_addresses": email_addresses},
    )


@never_cache
@login_required
@require_GET
def export(request: HttpRequest) -> HttpResponse:
    """Everything the site holds about the person, as a JSON file to keep."""
    data = personal_data.export(request.user)
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    filename = f"abramos-mexico-mis-datos-{timezone.localdate():%Y-%m-%d}.json"
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest) -> HttpResponse:
    """Delete (anonymise) the account, once the person has typed their password again."""
    user = request.user
    if request.method == "POST":
        # The same limit allauth puts on re-authentication: no guessing the password here.
        limited = ratelimit.consume_or_429(request, action="reauthenticate", user=user)
        if limited:
            return limited
        form = AccountDeleteForm(request.POST, user=user)
        if form.is_valid():
            services.user_anonymise(user=user, actor=user)
            get_adapter(request).logout(request)
            messages.success(
                request,
                _(
                    "Your account has been deleted. Your personal data has been removed; "
                    "your public contributions remain, signed by an anonymous participant."
                ),
            )
            return redirect("strategy:home")
    else:
        form = AccountDeleteForm(user=user)
    return render(
        request,
        "accounts/user_delete.html",
        {"form": form, "anonymous_name": ANONYMOUS_NAME},
    )


class PrivacyNoticeView(TemplateView):
    extra_context = {"notice_version": PRIVACY_NOTICE_VERSION, "anonymous_name": ANONYMOUS_NAME}
