"""Forms of the public consultation pages: they only collect and clean what people type; the
rules and the writes are in consultation.rules and consultation.services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from abramos.reader_pages import new_client_token
from consultation.models import NotificationPreference
from consultation.services import MAX_COMMENT_LENGTH

Frequency = NotificationPreference.Frequency


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"),
        help_text=_("You can use Markdown. Your public name, sector and state are shown with it."),
        max_length=MAX_COMMENT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Write your comment before sending it.")},
    )
    section = forms.CharField(widget=forms.HiddenInput, required=False, max_length=250)
    client_token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, prefix=None, **kwargs):
        super().__init__(*args, prefix=prefix, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("client_token", new_client_token())


class ReplyForm(CommentForm):
    body = forms.CharField(
        label=_("Your reply"),
        max_length=MAX_COMMENT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write your reply before sending it.")},
    )


class EditForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"),
        max_length=MAX_COMMENT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Write your comment before sending it.")},
    )


class FlagForm(forms.Form):
    reason = forms.CharField(
        label=_("Why should the moderators review this comment?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Tell the moderators why this comment should be reviewed.")},
    )


class NotificationPreferenceForm(forms.Form):
    frequency = forms.ChoiceField(
        label=_("When should we e-mail you?"),
        help_text=_(
            "About replies to your comments, the Technical Group's answers, a new version that "
            "changed a section you commented on, and the consultation opening and closing."
        ),
        choices=[
            (Frequency.IMMEDIATE, _("At once, one e-mail for each thing")),
            (Frequency.DAILY, _("Once a day, in one e-mail (at 8:00, Mexico City time)")),
            (Frequency.NONE, _("Never: I will check the site myself")),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose when we should e-mail you."),
            "invalid_choice": _("Choose one of the options: at once, once a day, or never."),
        },
    )
