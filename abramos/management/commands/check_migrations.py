"""`python manage.py check_migrations`: the release's migrations work with the release still
running (abramos/migrations_check.py). Run it before `migrate` and `deploy/rolling`."""

from django.core.management.base import BaseCommand, CommandError

from abramos.migrations_check import check


class Command(BaseCommand):
    help = "Refuse migrations that drop or rename what the previous release reads."

    def handle(self, *args, **options):
        problems = check()
        if problems:
            lines = "\n".join(f"  {problem}" for problem in problems)
            raise CommandError(
                "These migrations would break the release still running during a rolling "
                f"deploy:\n{lines}\nMove them to a later release and mark that migration with "
                '`contracts = "..."` (abramos/migrations_check.py says how).'
            )
        self.stdout.write("The migrations only add: the running release works with them.")
