from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from abramos import geo
from abramos.cache import PublicQuerySet, shown_on_public_pages
from abramos.demo import DemoMarked

ANONYMOUS_NAME = "Participante anónimo"
# The privacy notice in force; recorded with each consent. Change it when the notice changes.
PRIVACY_NOTICE_VERSION = "2026-11"


class Sector(models.TextChoices):
    ACADEMIA = "academia", _("Academia")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    GOVERNMENT = "government", _("Government or guarantor agency")
    PRIVATE = "private", _("Private sector")
    COMMUNITY = "community", _("Open data community")
    INDIVIDUAL = "individual", _("Individual")


class UserManager(BaseUserManager.from_queryset(PublicQuerySet)):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


@shown_on_public_pages(private_fields={"last_login", "password"})
class User(DemoMarked, AbstractUser):
    """A person with an account: logs in by e-mail; the profile shows who they are publicly."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("e-mail address"), unique=True)
    display_name = models.CharField(
        _("public name"),
        max_length=80,
        help_text=_("Shown beside your comments. It can be your name or a pseudonym."),
    )
    sector = models.CharField(_("sector"), max_length=20, choices=Sector, blank=True)
    state = models.CharField(
        _("state"), max_length=2, choices=geo.state_choices(), blank=True,
        help_text=_("Entidad federativa where you live, stored by its INEGI code."),
    )  # fmt: skip
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    # Shown beside the public name only when the person turns them on (abramos/accounts/public.py).
    show_sector = models.BooleanField(_("show my sector beside my name"), default=False)
    show_state = models.BooleanField(_("show my state beside my name"), default=False)
    # When what is public about the person last changed (name, what is shown beside it, deletion):
    # the comment datasets' Last-Modified reads it, so no copy of them is kept past a change.
    public_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    privacy_accepted_at = models.DateTimeField(
        _("privacy notice accepted at"), null=True, blank=True
    )
    privacy_notice_version = models.CharField(
        _("privacy notice version"), max_length=20, blank=True
    )
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name or self.email

    def get_absolute_url(self) -> str:
        return reverse("accounts:my-data")

    @property
    def public_name(self) -> str:
        return ANONYMOUS_NAME if self.anonymised_at else self.display_name

    @property
    def public(self):
        """What is shown beside this person's contributions (abramos/accounts/public.py)."""
        from abramos.accounts import public

        return public.of_account(
            name=self.display_name, sector=self.sector, state=self.state,
            show_sector=self.show_sector, show_state=self.show_state,
            anonymised=self.anonymised_at is not None,
        )  # fmt: skip

    def get_state_display_name(self) -> str:
        return geo.state_name(self.state)


class LimitEntry(models.Model):
    """One count or marker of the limits that protect accounts and forms (abramos/limits.py):
    failed log-ins, second-factor codes and their reuse, password resets, contact and
    collaboration messages per address. In the database, so that the limits hold while Redis is
    down and are shared by every web node; expired rows are purged every hour."""

    key = models.CharField(max_length=250, primary_key=True)
    value = models.JSONField()
    expires = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("limit count")
        verbose_name_plural = _("limit counts")

    def __str__(self) -> str:
        return self.key
