"""Pieces of the forms shared by several apps: linked labels, the honeypot, and a service's errors
put back on the form that called it."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from abramos.markup import link_sentence


def linked_text(sentence: str, **url_names: str) -> SafeString:
    """A label or help text of ours that links pages of the portal, built when it is shown (in
    the reader's language): `sentence` is lazily translated and holds `%(name)s` for each URL
    name given, e.g. `linked_text(_('... the <a href="%(url)s">privacy notice</a>.'),
    url="privacy:notice")`. The sentence is never user text; the URLs are escaped."""

    def build() -> SafeString:
        urls = {name: reverse(url_name) for name, url_name in url_names.items()}
        return link_sentence(str(sentence), **urls)

    return lazy(build, SafeString)()


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Put the errors a service raised beside the form's fields they name, and the rest (or an
    error that names no field) above the form: the person sees each where it applies."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)


NAME_REQUIRED = _("Write your name.")
NAME_TOO_LONG = _("The name can have at most %(limit_value)d characters.")
EMAIL_REQUIRED = _("Write an e-mail address we can answer to.")
EMAIL_INVALID = _("Write an e-mail address like nombre@ejemplo.mx.")


def name_field(
    label, *, max_length: int, required=NAME_REQUIRED, too_long=NAME_TOO_LONG
) -> forms.CharField:
    """A person's name on a public form: bounded like its column, filled in by the browser."""
    return forms.CharField(
        label=label,
        max_length=max_length,
        error_messages={"required": required, "max_length": too_long},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )


def reply_email_field(
    label,
    *,
    max_length: int,
    help_text="",
    required=EMAIL_REQUIRED,
    invalid=EMAIL_INVALID,
) -> forms.EmailField:
    """The address a public form's answer goes to: bounded like its column, filled in by the
    browser, never spell-checked."""
    return forms.EmailField(
        label=label,
        help_text=help_text,
        max_length=max_length,
        error_messages={"required": required, "invalid": invalid},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )


class FilterForm(forms.Form):
    """GET filters above a list: an invalid value is reported beside its field and ignored (the
    other filters still apply), never a crash."""

    def filters(self) -> dict:
        """The values that passed validation; a field with an error counts as not chosen."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {
            name: cleaned.get(name) or None
            for name in self.fields
            if name not in self.errors and name in cleaned
        }


class _EmptyTextInput(forms.TextInput):
    """Never shows a value back: a filled honeypot is cleared when the form is shown again."""

    def format_value(self, value):
        return None


HONEYPOT_MESSAGE = _(
    "The form could not be sent: a field that must stay empty was filled in, "
    "as automatic form fillers do. Check your answers and send it again."
)


class HoneypotMixin(forms.Form):
    """A field hidden from people (and from assistive technology) that bots fill in.

    The template hides it (`.honeypot`). Either the view asks `form.refused_as_bot()` first and,
    when it says so, shows the form again (status 400) without storing anything, or the form's
    `clean()` raises HONEYPOT_MESSAGE when `is_bot` (the adoption form).
    """

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=_EmptyTextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get(self.add_prefix("website"), "").strip())

    def refused_as_bot(self) -> bool:
        """True, with an error on the form, when the honeypot was filled in. The message says
        what happened without teaching a robot the rule."""
        if not self.is_bot:
            return False
        self.is_valid()
        self.add_error(None, HONEYPOT_MESSAGE)
        return True
