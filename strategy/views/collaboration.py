"""/colabora/: organisations offer to strengthen the policy with talent, experience, standards or
infrastructure. The Technical Group decides in the admin (strategy/admin.py)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods, require_safe

from abramos.public_forms import public_form
from strategy import services
from strategy.forms import CollaborationOfferForm


@require_http_methods(["GET", "HEAD", "POST"])
def collaborate(request: HttpRequest) -> HttpResponse:
    return public_form(
        request,
        form_class=CollaborationOfferForm,
        template="strategy/collaboration_form.html",
        context={"contact_email": settings.CONTACT_EMAIL},
        submit=lambda form, ip: services.collaboration_offer_create(
            **form.offer_data(),
            language=get_language() or settings.LANGUAGE_CODE,
            client_ip=ip,
        ),
        thanks="strategy:collaborate-thanks",
    )


@require_safe
def collaborate_thanks(request: HttpRequest) -> HttpResponse:
    return render(
        request, "strategy/collaboration_thanks.html", {"contact_email": settings.CONTACT_EMAIL}
    )
