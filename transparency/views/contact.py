"""/contacto/: who is responsible, and a form to write to them."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods, require_safe

from abramos.public_forms import public_form
from transparency import services
from transparency.forms import ContactForm


def _context() -> dict:
    # The real contact the strategy gives, from settings: never the demo's people.
    return {
        "contact_person": settings.CONTACT_PERSON,
        "contact_person_role": settings.CONTACT_PERSON_ROLE,
        "contact_email": settings.CONTACT_EMAIL,
    }


@require_http_methods(["GET", "HEAD", "POST"])
def contact(request: HttpRequest) -> HttpResponse:
    return public_form(
        request,
        form_class=ContactForm,
        template="transparency/contact_form.html",
        context=_context(),
        submit=lambda form, ip: services.contact_message_create(
            **form.message_data(), client_ip=ip
        ),
        thanks="transparency:contact-thanks",
    )


@require_safe
def contact_thanks(request: HttpRequest) -> HttpResponse:
    return render(
        request, "transparency/contact_thanks.html", {"contact_email": settings.CONTACT_EMAIL}
    )
