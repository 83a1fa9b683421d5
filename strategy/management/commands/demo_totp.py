"""`python manage.py demo_totp`: the current two-step verification code of the demo staff.

The demo's Technical Group accounts can edit the policy, so the admin asks them for a code from
an authenticator app. Someone trying the demo without such an app reads it here. Demo only: the
secret is public (strategy/demo/data.py); a real account has its own.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from abramos.mfa import current_totp_code
from strategy.demo import data


class Command(BaseCommand):
    help = "Print the current authenticator code of the demo staff accounts."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            # With DEBUG off the demo staff have random secrets (load_demo): this would be wrong,
            # and it would tell anyone the code of an account that still had the published one.
            raise CommandError("demo_totp runs only with DEBUG=1, like the demo it belongs to.")
        self.stdout.write(current_totp_code(data.STAFF_TOTP_SECRET))
