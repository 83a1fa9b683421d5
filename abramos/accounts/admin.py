from allauth.account.models import EmailAddress
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from abramos.accounts import services
from abramos.accounts.models import User


class UserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "display_name")

    def clean_email(self) -> str:
        return User.objects.normalize_email(self.cleaned_data["email"]).lower()


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"

    def clean_email(self) -> str:
        return User.objects.normalize_email(self.cleaned_data["email"]).lower()


class EmailAddressInline(admin.TabularInline):
    model = EmailAddress
    extra = 0
    fields = ("email", "verified", "primary")


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """People log in by e-mail: no username, first or last name."""

    form = UserEditForm
    add_form = UserCreationForm
    list_display = ("email", "display_name", "sector", "state", "is_staff", "date_joined")
    list_filter = ("is_staff", "is_superuser", "is_active", "sector", "state", "groups")
    search_fields = ("email", "display_name", "organisation")
    ordering = ("-date_joined",)
    date_hierarchy = "date_joined"
    readonly_fields = ("last_login", "date_joined", "anonymised_at")
    inlines = [EmailAddressInline]
    actions = ["anonymise"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Public profile"), {"fields": ("display_name", "sector", "state", "organisation")}),
        (
            _("Privacy"),
            {"fields": ("privacy_accepted_at", "privacy_notice_version", "anonymised_at")},
        ),
        (
            _("Permissions"),
            {
                "fields": (
                    "is_active",
                    "is_staff",
                    "is_superuser",
                    "groups",
                    "user_permissions",
                ),
            },
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "display_name", "usable_password", "password1", "password2"),
            },
        ),
    )

    def get_inlines(self, request, obj):
        # A new user has no addresses yet; allauth creates the first one at log-in.
        return self.inlines if obj else []

    @admin.action(description=_("Anonymise the selected accounts"), permissions=["change"])
    def anonymise(self, request, queryset):
        count = 0
        for user in queryset.filter(anonymised_at__isnull=True):
            services.user_anonymise(user=user, actor=request.user)
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d account anonymised.", "%(count)d accounts anonymised.", count)
            % {"count": count},
            messages.SUCCESS,
        )
