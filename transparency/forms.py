from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from abramos.forms import (
    FilterForm,
    HoneypotMixin,
    linked_text,
    name_field,
    reply_email_field,
)
from strategy.models import Activity, Document, Stage
from transparency.models import Category, ContactMessage

# Sorting the list of expenses: the value in the address → the ORM ordering.
SORTS = {
    "fecha": ("date", "pk"),
    "-fecha": ("-date", "-pk"),
    "monto": ("amount", "pk"),
    "-monto": ("-amount", "-pk"),
    "concepto": ("concept", "pk"),
    "-concepto": ("-concept", "-pk"),
}
DEFAULT_SORT = "-fecha"

_DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


class _DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _stage_field() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=_("Stage"),
        required=False,
        queryset=Stage.objects.all(),
        to_field_name="number",
        empty_label=pgettext_lazy("stage", "All"),
        error_messages={
            "invalid_choice": _("That stage does not exist. Choose one from the list.")
        },
    )


class _ActivityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Activity) -> str:
        return f"{obj.stage.number}. {obj.title}"


def _activity_field() -> _ActivityChoiceField:
    return _ActivityChoiceField(
        label=_("Activity"),
        required=False,
        queryset=Activity.objects.select_related("stage").order_by("stage__number", "start_date"),
        to_field_name="slug",
        empty_label=pgettext_lazy("activity", "All"),
        error_messages={
            "invalid_choice": _("That activity does not exist. Choose one from the list.")
        },
    )


class ExpenseFilterForm(FilterForm):
    etapa = _stage_field()
    categoria = forms.ChoiceField(
        label=_("Category"),
        required=False,
        choices=[("", pgettext_lazy("category", "All")), *Category.choices],
        error_messages={
            "invalid_choice": _("That category does not exist. Choose one from the list.")
        },
    )
    actividad = _activity_field()
    desde = forms.DateField(
        label=_("From"),
        required=False,
        input_formats=_DATE_INPUT_FORMATS,
        widget=_DateInput(),
        error_messages={"invalid": _("Write a real date, for example 2022-10-17.")},
    )
    hasta = forms.DateField(
        label=_("To"),
        required=False,
        input_formats=_DATE_INPUT_FORMATS,
        widget=_DateInput(),
        error_messages={"invalid": _("Write a real date, for example 2022-12-09.")},
    )
    orden = forms.ChoiceField(
        required=False,
        choices=[(key, key) for key in SORTS],
        widget=forms.HiddenInput,
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("desde"), cleaned.get("hasta")
        if start and end and start > end:
            self.add_error(
                "hasta", _("The end date is before the start date. Write a later end date.")
            )
            # Neither bound is applied: guessing which one was meant would hide expenses.
            self.add_error("desde", _("The start date is after the end date."))
        return cleaned

    def sort(self) -> str:
        value = self.filters().get("orden")
        return value if value in SORTS else DEFAULT_SORT


class DocumentFilterForm(FilterForm):
    tipo = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", pgettext_lazy("kind", "All")), *Document.Kind.choices],
        error_messages={"invalid_choice": _("That kind does not exist. Choose one from the list.")},
    )
    etapa = _stage_field()
    actividad = _activity_field()


# Contact -----------------------------------------------------------------------------------------


_field = ContactMessage._meta.get_field


class ContactForm(HoneypotMixin, forms.Form):
    name = name_field(
        _("Your name"),
        max_length=_field("name").max_length,
        too_long=_("Your name can have at most %(limit_value)d characters."),
    )
    email = reply_email_field(
        _("Your e-mail address"),
        help_text=_("We answer to this address. It is never published."),
        max_length=_field("email").max_length,
    )
    subject = forms.CharField(
        label=_("Subject"),
        max_length=_field("subject").max_length,
        error_messages={
            "required": _("Write what your message is about."),
            "max_length": _("The subject can have at most %(limit_value)d characters."),
        },
    )
    message = forms.CharField(
        label=_("Message"),
        max_length=_field("message").max_length,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": _("Write your message."),
            "max_length": _(
                "The message can have at most %(limit_value)d characters (it has %(show_value)d)."
            ),
        },
    )
    privacy_consent = forms.BooleanField(
        label=linked_text(
            _(
                'I have read the <a href="%(url)s">privacy notice</a> and agree that my name and '
                "e-mail address are used only to answer this message."
            ),
            url="privacy:notice",
        ),
        error_messages={
            "required": _("Accept the privacy notice so that we can store and answer your message.")
        },
    )

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())

    def clean_subject(self) -> str:
        return " ".join(self.cleaned_data["subject"].split())

    def clean_message(self) -> str:
        message = self.cleaned_data["message"].strip()
        if not message:
            raise forms.ValidationError(_("Write your message."), code="required")
        return message

    def message_data(self) -> dict:
        """The keyword arguments of services.contact_message_create."""
        names = ["name", "email", "subject", "message", "privacy_consent"]
        return {name: self.cleaned_data[name] for name in names}
