"""The home page's call while a consultation is open (strategy/home.py): read and comment, with
the time left. Registered in ConsultationConfig.ready(); one query."""

from __future__ import annotations

from django.utils import timezone

from consultation.models import Consultation
from strategy.home import HomeCall


def open_consultation_call(request) -> HomeCall | None:
    now = timezone.now()
    consultation = Consultation.objects.select_related("version").newest_open(at=now)
    if consultation is None:
        return None
    return HomeCall(
        order=10,
        template_name="consultation/home_call.html",
        context={"consultation": consultation, "now": now},
    )
