from django import forms
from django.utils.translation import gettext_lazy as _

from abramos.accounts.models import Sector
from strategy.models import Stage


class ParticipantFilterForm(forms.Form):
    """The GET filters of the participants page. An invalid value is reported and ignored."""

    sector = forms.ChoiceField(
        label=_("Sector"),
        required=False,
        choices=[("", _("All sectors")), *Sector.choices],
    )
    stage = forms.ModelChoiceField(
        label=_("Stage"),
        required=False,
        queryset=Stage.objects.all(),
        to_field_name="number",
        empty_label=_("All stages"),
    )

    def filters(self) -> dict:
        """The values that passed validation; a field with an error counts as not chosen."""
        self.is_valid()
        return {
            name: self.cleaned_data.get(name) or None
            for name in self.fields
            if name not in self.errors
        }
