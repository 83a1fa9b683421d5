"""The view of a public form that stores what a person sends: contact and collaboration.

GET shows the empty form. A POST that filled the honeypot is refused and stored nowhere (400); an
invalid one comes back with its errors beside the fields and the text kept; a valid one goes to
`submit(form, client_ip)`, a service, and then to the thanks page. Past the rate limit the
service raises `RateLimited`: the form comes back with the message and the text kept (429).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from abramos.http import client_ip
from abramos.ratelimit import RateLimited


def public_form(
    request: HttpRequest,
    *,
    form_class: type[forms.Form],
    template: str,
    context: dict[str, Any],
    submit: Callable[[forms.Form, str], Any],
    thanks: str,
) -> HttpResponse:
    def show(form: forms.Form, status: int = 200) -> HttpResponse:
        return render(request, template, {**context, "form": form}, status=status)

    if request.method != "POST":
        return show(form_class())
    form = form_class(request.POST)
    if form.refused_as_bot():  # stored nowhere
        return show(form, status=400)
    if not form.is_valid():
        return show(form)
    try:
        submit(form, client_ip(request))
    except RateLimited as exc:
        form.add_error(None, exc.messages)
        return show(form, status=429)
    return redirect(thanks)
