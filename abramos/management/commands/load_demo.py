"""`python manage.py load_demo`: the demo process, from the seeds, in every app that has one.

Each app that offers demo content has a `demo` module with `load(command)`; they run in
INSTALLED_APPS order (strategy before drafts before consultation), in one transaction, and each
is idempotent: running the command twice changes nothing.
"""

from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


def demo_loaders():
    for app in apps.get_app_configs():
        try:
            module = import_module(f"{app.name}.demo")
        except ModuleNotFoundError as exc:
            if exc.name == f"{app.name}.demo":
                continue
            raise
        if hasattr(module, "load"):
            yield module.load


class Command(BaseCommand):
    help = "Load the Abramos México demo process (real content from the strategy documents)."

    @transaction.atomic
    def handle(self, *args, **options):
        self.verbosity = options["verbosity"]
        for load in demo_loaders():
            load(self)
        # The loaders write many rows with bulk_create, which sends no signals: index them all.
        if apps.is_installed("abramos.search"):
            from abramos.search.index import rebuild

            rebuild()
