"""Pieces of the public forms shared by several apps (contact, collaboration)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class _EmptyTextInput(forms.TextInput):
    """Never shows a value back: a filled honeypot is cleared when the form is shown again."""

    def format_value(self, value):
        return None


class HoneypotMixin(forms.Form):
    """A field hidden from people (and from assistive technology) that bots fill in.

    The template hides it (`.honeypot`); the view refuses a submission with `form.is_bot`
    without storing anything.
    """

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=_EmptyTextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get(self.add_prefix("website"), "").strip())
