from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "abramos.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from abramos import limits
        from abramos.accounts import signed_in

        # allauth's rate limits and used authenticator codes live in the database (limits.py).
        limits.use_for_allauth()
        # A copy of the signed-in person is used only until their row changes (signed_in.py).
        signed_in.connect_signals()
