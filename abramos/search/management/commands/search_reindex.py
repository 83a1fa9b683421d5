"""`python manage.py search_reindex [kind ...]`: rebuild the search index from the records."""

from django.core.management.base import BaseCommand, CommandError

from abramos.search import index
from abramos.search.registry import providers


class Command(BaseCommand):
    help = "Rebuild the search index (every kind, or the kinds given)."

    def add_arguments(self, parser):
        parser.add_argument("kinds", nargs="*", help="kinds to re-index (default: every kind)")

    def handle(self, *args, **options):
        known = [provider.kind for provider in providers()]
        unknown = set(options["kinds"]) - set(known)
        if unknown:
            raise CommandError(
                f"Unknown kinds: {', '.join(sorted(unknown))}. Known: {', '.join(known)}."
            )
        total = index.rebuild(options["kinds"] or None)
        if options["verbosity"]:
            self.stdout.write(f"{total} entries indexed.")
