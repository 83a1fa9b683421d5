import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

from abramos import geo
from abramos.accounts.models import Sector
from abramos.forms import FilterForm, HoneypotMixin, linked_text, name_field, reply_email_field
from strategy.models import MEXICO, CollaborationOffer, Stage


class ParticipantFilterForm(FilterForm):
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


# Collaboration -----------------------------------------------------------------------------------


def _folded(text: str) -> str:
    """Lowercase without accents or dots: 'México', 'MEXICO' and 'méxico.' compare equal."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isalnum() or c == " ").casefold().strip()


_MEXICO_NAMES = {"mexico", "mx", "mex", "estados unidos mexicanos", "republica mexicana"}
# An organisation, not a person, offers to collaborate.
_ORGANISATION_SECTORS = [(v, label) for v, label in Sector.choices if v != Sector.INDIVIDUAL]
_offer_field = CollaborationOffer._meta.get_field


class CollaborationOfferForm(HoneypotMixin, forms.Form):
    organisation_name = forms.CharField(
        label=_("Name of the organisation"),
        max_length=_offer_field("organisation_name").max_length,
        error_messages={
            "required": _("Write the name of the organisation."),
            "max_length": _("The name can have at most %(limit_value)d characters."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    sector = forms.ChoiceField(
        label=_("Sector"),
        choices=[("", _("Choose a sector")), *_ORGANISATION_SECTORS],
        error_messages={
            "required": _("Choose the sector of the organisation."),
            "invalid_choice": _("That sector does not exist. Choose one from the list."),
        },
    )
    country = forms.CharField(
        label=_("Country"),
        initial=MEXICO,
        max_length=_offer_field("country").max_length,
        help_text=_("Where the organisation is based."),
        error_messages={
            "required": _("Write the country where the organisation is based."),
            "max_length": _("The country can have at most %(limit_value)d characters."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "country-name"}),
    )
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("", _("Choose a state")), *geo.state_choices(outside=False)],
        help_text=_("Only for organisations based in Mexico."),
        error_messages={
            "required": _("Choose the state where the organisation is based."),
            "invalid_choice": _("That state does not exist. Choose one from the list."),
        },
    )
    contribution = forms.ChoiceField(
        label=_("What does the organisation offer?"),
        choices=CollaborationOffer.Contribution.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose what the organisation offers."),
            "invalid_choice": _("Choose one of the kinds of contribution in the list."),
        },
    )
    description = forms.CharField(
        label=_("Describe the offer"),
        help_text=_(
            "What the organisation would bring, to which part of the policy, and when. "
            "If the offer is accepted, this text is published with the organisation's name."
        ),
        max_length=_offer_field("description").max_length,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": _("Describe what the organisation offers."),
            "max_length": _(
                "The description can have at most %(limit_value)d characters "
                "(it has %(show_value)d)."
            ),
        },
    )
    contact_name = name_field(
        _("Contact person"),
        max_length=_offer_field("contact_name").max_length,
        required=_("Write the name of the person we can talk to."),
    )
    contact_email = reply_email_field(
        _("Contact e-mail address"),
        help_text=_("We send the acknowledgement and our answer here. It is never published."),
        max_length=_offer_field("contact_email").max_length,
    )
    privacy_consent = forms.BooleanField(
        label=linked_text(
            _(
                'I have read the <a href="%(url)s">privacy notice</a> and agree that the contact '
                "person's name and e-mail address are used only to answer this offer. They are "
                "never published."
            ),
            url="privacy:notice",
        ),
        error_messages={
            "required": _("Accept the privacy notice so that we can store and answer your offer.")
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The state is required of organisations in Mexico (the country shown first).
        country = self.data.get(self.add_prefix("country")) if self.is_bound else MEXICO
        self.fields["state"].required = _folded(country or "") in _MEXICO_NAMES

    def clean_organisation_name(self) -> str:
        return " ".join(self.cleaned_data["organisation_name"].split())

    def clean_contact_name(self) -> str:
        return " ".join(self.cleaned_data["contact_name"].split())

    def clean_country(self) -> str:
        country = " ".join(self.cleaned_data["country"].split())
        return MEXICO if _folded(country) in _MEXICO_NAMES else country

    def clean_description(self) -> str:
        description = self.cleaned_data["description"].strip()
        if not description:
            raise forms.ValidationError(
                _("Describe what the organisation offers."), code="required"
            )
        return description

    def clean(self):
        cleaned = super().clean()
        country, state = cleaned.get("country"), cleaned.get("state")
        if country and country != MEXICO and state:
            self.add_error(
                "state",
                _("States are only for organisations in Mexico: leave it empty or write México."),
            )
        return cleaned

    def offer_data(self) -> dict:
        """The keyword arguments of services.collaboration_offer_create."""
        names = [
            "organisation_name",
            "sector",
            "country",
            "state",
            "contribution",
            "description",
            "contact_name",
            "contact_email",
            "privacy_consent",
        ]
        return {name: self.cleaned_data[name] for name in names}


class CollaborationDecisionForm(forms.Form):
    """The admin's intermediate page: the reason of an acceptance (optional) or a refusal."""

    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "class": "vLargeTextField"}),
    )

    def __init__(self, *args, accept: bool, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["reason"]
        if accept:
            field.label = _("Message to the organisation")
            field.help_text = _(
                "Optional: next steps or whom they will work with. Sent by e-mail with the "
                "acceptance; never published."
            )
        else:
            field.required = True
            field.label = _("Reason for declining")
            field.help_text = _(
                "Required: the organisation receives it by e-mail. It is never published."
            )
            field.error_messages["required"] = _(
                "Write why the offer is declined: the organisation receives it."
            )
