"""/colabora/: organisations offer to strengthen the policy with talent, experience, standards or
infrastructure. The Technical Group decides in the admin (strategy/admin.py)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods, require_safe

from abramos.http import client_ip
from strategy import services
from strategy.forms import CollaborationOfferForm


def _render(request: HttpRequest, form: CollaborationOfferForm, *, status: int = 200):
    context = {"form": form, "contact_email": settings.CONTACT_EMAIL}
    return render(request, "strategy/collaboration_form.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def collaborate(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _render(request, CollaborationOfferForm())
    form = CollaborationOfferForm(request.POST)
    if form.refused_as_bot():  # stored nowhere
        return _render(request, form, status=400)
    if not form.is_valid():
        return _render(request, form)
    try:
        services.collaboration_offer_create(
            **form.offer_data(),
            language=get_language() or settings.LANGUAGE_CODE,
            client_ip=client_ip(request),
        )
    except services.RateLimited as exc:
        form.add_error(None, exc.messages)
        return _render(request, form, status=429)
    return redirect("strategy:collaborate-thanks")


@require_safe
def collaborate_thanks(request: HttpRequest) -> HttpResponse:
    return render(
        request, "strategy/collaboration_thanks.html", {"contact_email": settings.CONTACT_EMAIL}
    )
