"""Forms of the staff pages (moderation, triage, answers) and of the admin's in-person
contribution page. They only validate input: the writes are in consultation.services."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from abramos import geo
from abramos.accounts.models import Sector
from consultation.models import Answer, Comment
from consultation.services import MAX_ANSWER_LENGTH
from drafts.models import Section, Version

_ANY = [("", _("Any"))]


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_("Public reason"),
        max_length=300,
        help_text=_("Shown in place of the comment: “hidden by moderation: <reason>”."),
        error_messages={"required": _("Give the public reason for hiding this comment.")},
    )


class DismissForm(forms.Form):
    note = forms.CharField(
        label=_("Why it stays visible"),
        max_length=300,
        help_text=_("Recorded with the decision in the moderation history."),
        error_messages={"required": _("Say why the comment stays visible.")},
    )


class RestoreForm(forms.Form):
    reason = forms.CharField(label=_("Note (optional)"), max_length=300, required=False)


class TriageFilterForm(forms.Form):
    """The filters of the triage list: a GET form, every field optional."""

    version = forms.ModelChoiceField(
        label=_("Version"), queryset=Version.objects.none(), required=False, empty_label=_("Any")
    )
    section = forms.ModelChoiceField(
        label=_("Section"), queryset=Section.objects.none(), required=False, empty_label=_("Any")
    )
    sector = forms.ChoiceField(label=_("Sector"), choices=_ANY + Sector.choices, required=False)
    state = forms.ChoiceField(label=_("State"), required=False)
    channel = forms.ChoiceField(
        label=_("Channel"), choices=_ANY + Comment.Channel.choices, required=False
    )
    flagged = forms.ChoiceField(
        label=_("Flags"),
        choices=_ANY + [("yes", _("Flagged")), ("no", _("Not flagged"))],
        required=False,
    )
    answered = forms.ChoiceField(
        label=_("Answer"),
        choices=_ANY
        + [
            ("yes", _("Answer published")),
            ("draft", _("Draft answer")),
            ("no", _("No answer yet")),
        ],
        required=False,
    )
    read = forms.ChoiceField(
        label=_("Read status"),
        choices=_ANY + [("unread", _("Unread")), ("read", _("Read"))],
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].queryset = Version.objects.filter(consultation__isnull=False)
        self.fields["section"].queryset = Section.objects.filter(
            version__consultation__isnull=False
        ).select_related("version")
        self.fields["section"].label_from_instance = lambda section: (
            f"{section.version.number}. {section.heading}"
        )
        self.fields["state"].choices = _ANY + geo.state_choices()

    def filter(self, comments):
        """The comments that match the valid filters (an invalid one is ignored, and says why)."""
        if not self.is_bound:
            return comments
        self.is_valid()
        data = dict.fromkeys(self.fields, "") | {
            name: value for name, value in self.cleaned_data.items() if value is not None
        }
        if data["version"]:
            comments = comments.filter(version=data["version"])
        if data["section"]:
            comments = comments.filter(section=data["section"])
        if data["sector"]:
            comments = comments.filter(
                Q(channel=Comment.Channel.ONLINE, author__sector=data["sector"])
                | Q(channel=Comment.Channel.IN_PERSON, participant_sector=data["sector"])
            )
        if data["state"]:
            comments = comments.filter(
                Q(channel=Comment.Channel.ONLINE, author__state=data["state"])
                | Q(channel=Comment.Channel.IN_PERSON, participant_state=data["state"])
            )
        if data["channel"]:
            comments = comments.filter(channel=data["channel"])
        if data["flagged"] == "yes":
            comments = comments.filter(open_flags__gt=0)
        elif data["flagged"] == "no":
            comments = comments.filter(open_flags=0)
        if data["answered"] == "yes":
            comments = comments.filter(answer__published_at__isnull=False)
        elif data["answered"] == "draft":
            comments = comments.filter(answer__isnull=False, answer__published_at__isnull=True)
        elif data["answered"] == "no":
            comments = comments.filter(
                Q(answer__isnull=True) | Q(answer__published_at__isnull=True)
            )
        if data["read"] == "read":
            comments = comments.filter(read_by_staff=True)
        elif data["read"] == "unread":
            comments = comments.filter(read_by_staff=False)
        return comments


class AnswerForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=Answer.Outcome.choices, widget=forms.RadioSelect
    )
    body = forms.CharField(
        label=_("Answer"),
        max_length=MAX_ANSWER_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Markdown. Explain what became of the comment, and why."),
        error_messages={"required": _("Write the answer before saving it.")},
    )
    target_section = forms.TypedChoiceField(
        label=_("Section where the change landed"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("A section of a later version, when the comment changed the text."),
    )

    def __init__(self, *args, comment: Comment, **kwargs):
        super().__init__(*args, **kwargs)
        self.comment = comment
        # Sections of later versions only, grouped by version.
        sections = Section.objects.filter(
            version__number__gt=comment.version.number
        ).select_related("version")
        groups: dict[str, list[tuple[int, str]]] = {}
        for section in sections.order_by("version__number", "order"):
            groups.setdefault(str(section.version), []).append((section.pk, section.heading))
        self.fields["target_section"].choices = [("", _("No section"))] + list(groups.items())
        self._sections = {section.pk: section for section in sections}

    def clean_target_section(self) -> Section | None:
        pk = self.cleaned_data["target_section"]
        return self._sections.get(pk) if pk else None


class ContributionForm(forms.Form):
    """A contribution collected at an in-person session (recorded in the admin)."""

    section = forms.ModelChoiceField(
        label=_("Section"),
        queryset=Section.objects.none(),
        required=False,
        empty_label=_("The version as a whole"),
    )
    participant_consent = forms.BooleanField(
        label=_("The participant agreed that their name, sector and state be published"),
        required=False,
        help_text=_(
            "Ask first. Without their agreement the contribution is published as “Participant "
            "at an in-person session”, and the name is not recorded; sector and state are still "
            "counted in the report's statistics."
        ),
    )
    participant_name = forms.CharField(
        label=_("Participant's name"),
        max_length=120,
        required=False,
        help_text=_("Only with the participant's agreement (above)."),
    )
    participant_sector = forms.ChoiceField(
        label=_("Participant's sector"),
        choices=[("", "---------")] + Sector.choices,
        required=False,
    )
    participant_state = forms.ChoiceField(label=_("Participant's state"), required=False)
    body = forms.CharField(
        label=_("Contribution"),
        widget=forms.Textarea(attrs={"rows": 8, "class": "vLargeTextField"}),
        help_text=_("Markdown. What the participant said, as close to their words as possible."),
    )

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = Section.objects.filter(
            version_id=session.consultation.version_id
        ).order_by("order")
        self.fields["participant_state"].choices = [("", "---------")] + geo.state_choices()
