"""Account forms: the profile asked at sign-up and on "Mis datos", and the deletion check.

`SignupForm` is the base allauth builds its own sign-up form on (ACCOUNT_SIGNUP_FORM_CLASS), so
it adds fields and the `signup()` hook, nothing that allauth's form would override.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from abramos import geo
from abramos.accounts import services
from abramos.accounts.models import Sector, User
from abramos.accounts.names import validate_public_name
from abramos.forms import linked_text


class _ProfileFields(forms.Form):
    """The public profile: the same fields and rules at sign-up and on "Mis datos"."""

    display_name = forms.CharField(
        label=_("Public name"),
        max_length=User._meta.get_field("display_name").max_length,
        help_text=_("Shown beside your comments. It can be your name or a pseudonym."),
        error_messages={"required": _("Enter the name to show beside your comments.")},
        widget=forms.TextInput(attrs={"autocomplete": "nickname", "spellcheck": "false"}),
    )
    sector = forms.ChoiceField(
        label=_("Sector"),
        choices=[("", pgettext_lazy("sector", "Choose your sector")), *Sector.choices],
        help_text=_(
            "Counted in statistics by sector, which identify nobody; shown beside your name only "
            "if you choose it below."
        ),
        error_messages={
            "required": _("Choose the sector you belong to."),
            "invalid_choice": _("Choose a sector from the list."),
        },
    )
    state = forms.ChoiceField(
        label=_("State"),
        choices=[("", pgettext_lazy("state", "Choose your state")), *geo.state_choices()],
        help_text=_(
            "Where you live, for statistics by state; shown beside your name only if you choose "
            "it below. Choose “Outside Mexico” if you live abroad."
        ),
        error_messages={
            "required": _("Choose the state where you live, or “Outside Mexico”."),
            "invalid_choice": _("Choose one of the 32 states from the list, or “Outside Mexico”."),
        },
    )
    organisation = forms.CharField(
        label=_("Organisation"),
        required=False,
        max_length=User._meta.get_field("organisation").max_length,
        help_text=_("The institution, company or group you belong to, if any. Never published."),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    # Off unless the person turns them on (abramos/accounts/public.py).
    show_sector = forms.BooleanField(label=_("Show my sector beside my name"), required=False)
    show_state = forms.BooleanField(label=_("Show my state beside my name"), required=False)

    def clean_display_name(self) -> str:
        # CharField strips, so a name of spaces arrives empty; collapse inner runs of spaces too.
        name = " ".join(self.cleaned_data["display_name"].split())
        if not name:
            raise forms.ValidationError(
                _("Enter the name to show beside your comments."), code="required"
            )
        if name != self.initial.get("display_name"):  # a name chosen before the rule may stay
            validate_public_name(name)
        return name

    def profile(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name in _ProfileFields.base_fields}


class SignupForm(_ProfileFields):
    """Profile and privacy consent, added to allauth's e-mail and password fields."""

    field_order = [
        "email",
        "display_name",
        "password1",
        "password2",
        "sector",
        "state",
        "organisation",
        "show_sector",
        "show_state",
        "privacy_accepted",
    ]

    privacy_accepted = forms.BooleanField(
        label=linked_text(
            _('I have read and accept the <a href="%(url)s">privacy notice</a>.'),
            url="privacy:notice",
        ),
        help_text=linked_text(
            _('There is also a <a href="%(url)s">short version</a> of the notice.'),
            url="privacy:simplified",
        ),
        error_messages={"required": _("Accept the privacy notice to create your account.")},
    )

    def signup(self, request, user: User) -> None:
        """allauth's hook, called once the user row exists (inside the sign-up request)."""
        services.user_signup_complete(user=user, **self.profile())


class ProfileForm(_ProfileFields):
    """The profile on "Mis datos"."""

    @classmethod
    def for_user(cls, user: User, data=None) -> "ProfileForm":
        initial = {name: getattr(user, name) for name in cls.base_fields}
        return cls(data=data, initial=initial)


class AccountDeleteForm(forms.Form):
    """Asks for the password again, so a borrowed session cannot delete the account."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        help_text=_("Type your current password to confirm that you want to delete the account."),
        error_messages={"required": _("Enter your password to delete your account.")},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user: User, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(
                _("The password is not correct. Type your current password."), code="invalid"
            )
        return password
