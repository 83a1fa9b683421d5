from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "abramos.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from abramos import limits

        # allauth's rate limits and used authenticator codes live in the database (limits.py).
        limits.use_for_allauth()
