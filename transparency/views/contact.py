"""/contacto/: who is responsible, and a form to write to them."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from abramos.http import client_ip
from transparency import services
from transparency.forms import ContactForm


def _render(request: HttpRequest, form: ContactForm, *, status: int = 200) -> HttpResponse:
    context = {
        "form": form,
        # The real contact the strategy gives, from settings: never the demo's people.
        "contact_person": settings.CONTACT_PERSON,
        "contact_person_role": settings.CONTACT_PERSON_ROLE,
        "contact_email": settings.CONTACT_EMAIL,
    }
    return render(request, "transparency/contact_form.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def contact(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _render(request, ContactForm())
    form = ContactForm(request.POST)
    if form.refused_as_bot():  # stored nowhere
        return _render(request, form, status=400)
    if not form.is_valid():
        return _render(request, form)
    try:
        services.contact_message_create(**form.message_data(), client_ip=client_ip(request))
    except services.RateLimited as exc:
        form.add_error(None, exc.messages)
        return _render(request, form, status=429)
    return redirect("transparency:contact-thanks")


@require_safe
def contact_thanks(request: HttpRequest) -> HttpResponse:
    return render(
        request, "transparency/contact_thanks.html", {"contact_email": settings.CONTACT_EMAIL}
    )
