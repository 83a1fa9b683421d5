"""`python manage.py demo_totp`: the current two-step verification code of the demo staff.

The demo's Technical Group accounts can edit the policy, so the admin asks them for a code from
an authenticator app. Someone trying the demo without such an app reads it here. Demo only: the
secret is public (strategy/demo/data.py); a real account has its own.
"""

from django.core.management.base import BaseCommand

from abramos.mfa import current_totp_code
from strategy.demo import data


class Command(BaseCommand):
    help = "Print the current authenticator code of the demo staff accounts."

    def handle(self, *args, **options):
        self.stdout.write(current_totp_code(data.STAFF_TOTP_SECRET))
