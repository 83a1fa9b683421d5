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

    The template hides it (`.honeypot`); the view asks `form.refused_as_bot()` first and, when
    it says so, shows the form again (status 400) without storing anything.
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
        self.add_error(
            None,
            _(
                "The form could not be sent: a field that must stay empty was filled in, "
                "as automatic form fillers do. Check your answers and send it again."
            ),
        )
        return True
