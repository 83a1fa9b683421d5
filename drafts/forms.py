"""Public forms of the approved policy: checking a copy, recording an adoption, filtering the
register."""

from __future__ import annotations

import re

from django import forms
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.core.validators import URLValidator
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from abramos import geo
from abramos.forms import (
    HONEYPOT_MESSAGE,
    FilterForm,
    HoneypotMixin,
    linked_text,
    name_field,
    reply_email_field,
)
from drafts.models import Adoption, Version
from drafts.services import policy as policy_services

VERIFY_MAX_BYTES = 50 * 1024 * 1024
_HEX = re.compile(r"[0-9a-f]*")
_SHA256_LENGTH = 64


# Verifying a copy ------------------------------------------------------------------------------


class SizeLimitUploadHandler(FileUploadHandler):
    """Stops reading an uploaded file past VERIFY_MAX_BYTES, so a huge upload is never stored,
    even in a temporary file; the form then says it was too large."""

    def __init__(self, request=None):
        super().__init__(request)
        self.exceeded = False

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > VERIFY_MAX_BYTES:
            self.exceeded = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None


def _max_size_text() -> str:
    return filesizeformat(VERIFY_MAX_BYTES)


class VerifyForm(forms.Form):
    """A file to check, or the SHA-256 of one: exactly one of the two."""

    file = forms.FileField(
        label=_("File to check"),
        required=False,
        help_text=lazy(
            lambda: (
                gettext(
                    "The PDF, DOCX, HTML or Markdown file, up to %(size)s. It is not kept: we only "
                    "compute its SHA-256."
                )
                % {"size": _max_size_text()}
            ),
            str,
        )(),
        error_messages={"empty": _("The file is empty. Choose the file you want to check.")},
    )
    sha256 = forms.CharField(
        label=_("Or paste its SHA-256"),
        required=False,
        max_length=200,
        help_text=_("64 characters, digits 0–9 and letters a–f. Spaces and capitals don’t matter."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "off"}
        ),
    )

    def __init__(self, *args, too_large: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.too_large = too_large

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if self.too_large or (upload is not None and upload.size > VERIFY_MAX_BYTES):
            raise forms.ValidationError(
                gettext("The file is larger than %(size)s. Paste its SHA-256 instead.")
                % {"size": _max_size_text()},
                code="too_large",
            )
        return upload

    def clean_sha256(self) -> str:
        value = "".join(self.cleaned_data.get("sha256", "").split()).lower()
        if not value:
            return ""
        if not _HEX.fullmatch(value):
            raise forms.ValidationError(
                _(
                    "A SHA-256 is written with the digits 0–9 and the letters a–f only. Copy it "
                    "again, without other characters."
                ),
                code="not_hex",
            )
        if len(value) != _SHA256_LENGTH:
            raise forms.ValidationError(
                gettext("A SHA-256 has 64 characters; this one has %(count)s.")
                % {"count": len(value)},
                code="length",
            )
        return value

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        if cleaned.get("file") and cleaned.get("sha256"):
            raise forms.ValidationError(
                _("Check one thing at a time: upload a file or paste a SHA-256, not both."),
                code="both",
            )
        if not cleaned.get("file") and not cleaned.get("sha256"):
            self.add_error(
                "file", forms.ValidationError(_("Choose a file, or paste its SHA-256."), "none")
            )
        return cleaned


# Recording an adoption -------------------------------------------------------------------------


class _WebAddressField(forms.URLField):
    # Only web addresses: no javascript:, data:, ftp: or mailto: links in the public register.
    default_validators = [URLValidator(schemes=["http", "https"])]


class AdoptionForm(HoneypotMixin, forms.Form):
    institution = forms.CharField(
        label=_("Name of the institution"),
        max_length=Adoption._meta.get_field("institution").max_length,
        help_text=_(
            "The guarantor agency or obligated subject that adopted the policy, as it is "
            "officially called."
        ),
        error_messages={"required": _("Enter the name of the institution.")},
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    order = forms.ChoiceField(
        label=_("Order of government"),
        choices=Adoption.Order.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the order of government."),
            "invalid_choice": _("Choose federal, state or municipal."),
        },
    )
    branch = forms.ChoiceField(
        label=_("Branch or kind of institution"),
        choices=[("", pgettext_lazy("branch", "Choose one")), *Adoption.Branch.choices],
        error_messages={
            "required": _("Choose the branch or kind of institution."),
            "invalid_choice": _("Choose a branch from the list."),
        },
    )
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[
            ("", pgettext_lazy("state", "Choose the state")),
            *geo.state_choices(outside=False),
        ],
        help_text=_("For state and municipal institutions. Leave it empty for a federal one."),
        error_messages={"invalid_choice": _("Choose one of the 32 states from the list.")},
    )
    adopted_on = forms.DateField(
        label=_("Date it was adopted"),
        help_text=_("The date of the agreement or publication, for example 15/01/2024."),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Enter the date the policy was adopted."),
            "invalid": _("Enter a real date, for example 15/01/2024."),
        },
    )
    evidence_url = _WebAddressField(
        label=_("Link to the evidence"),
        required=False,
        max_length=Adoption._meta.get_field("evidence_url").max_length,
        assume_scheme="https",
        help_text=_(
            "Where the adoption can be seen: the agreement, minutes or official publication. "
            "It helps us confirm it sooner."
        ),
        error_messages={"invalid": _("Enter a web address that starts with https:// or http://.")},
        widget=forms.URLInput(attrs={"inputmode": "url", "spellcheck": "false"}),
    )
    contact_name = name_field(
        _("Your name"),
        max_length=Adoption._meta.get_field("contact_name").max_length,
        required=_("Enter the name of a person we can contact."),
    )
    contact_email = reply_email_field(
        _("Your e-mail address"),
        help_text=_("An institutional address, if you have one."),
        max_length=Adoption._meta.get_field("contact_email").max_length,
        required=_("Enter an e-mail address we can write to."),
        invalid=_("Enter an e-mail address like nombre@institucion.gob.mx."),
    )
    privacy_accepted = forms.BooleanField(
        label=linked_text(
            _(
                'I have read the <a href="%(url)s">privacy notice</a> and agree that these contact '
                "details are used only to confirm this adoption."
            ),
            url="privacy:notice",
        ),
        error_messages={
            "required": _("Accept the privacy notice so that we can record the adoption.")
        },
    )

    def __init__(self, *args, version: Version, **kwargs):
        super().__init__(*args, **kwargs)
        self.version = version

    def clean_institution(self) -> str:
        return " ".join(self.cleaned_data["institution"].split())

    def clean(self):
        cleaned = super().clean()
        if self.is_bot:
            raise forms.ValidationError(HONEYPOT_MESSAGE, code="honeypot")
        if "order" in cleaned and cleaned["order"] == Adoption.Order.FEDERAL:
            cleaned["state"] = ""
        errors = policy_services.adoption_errors(
            version=self.version,
            order=cleaned.get("order", ""),
            state=cleaned.get("state", ""),
            adopted_on=cleaned.get("adopted_on"),
        )
        for field, messages in errors.items():
            if field not in self.errors:
                for message in messages:
                    self.add_error(field, message)
        return cleaned

    def adoption_data(self) -> dict:
        """The keyword arguments of policy_services.adoption_submit."""
        names = ["institution", "order", "branch", "state", "adopted_on", "evidence_url"]
        names += ["contact_name", "contact_email"]
        return {name: self.cleaned_data[name] for name in names}


# Filtering the register ------------------------------------------------------------------------


class AdoptionFilterForm(FilterForm):
    """GET filters above the register of confirmed adoptions."""

    orden = forms.ChoiceField(
        label=_("Order of government"),
        required=False,
        choices=[("", pgettext_lazy("order", "All")), *Adoption.Order.choices],
    )
    entidad = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("", pgettext_lazy("state", "All")), *geo.state_choices(outside=False)],
    )

    def filters(self) -> dict[str, str]:
        """`order` and `state` for the selector; an invalid one is ignored, the other applies."""
        chosen = super().filters()
        return {
            key: chosen[name]
            for name, key in (("orden", "order"), ("entidad", "state"))
            if chosen.get(name)
        }
