"""`python manage.py load_demo`: the demo process, from the seeds, in every app that has one.

Each app that offers demo content has a `demo` module with `load(command)`; they run in
INSTALLED_APPS order (strategy before drafts before consultation), in one transaction, and each
is idempotent: running the command twice changes nothing.

The demo's staff accounts have a password and an authenticator secret published in this
repository, so the command runs only with DEBUG on (`make run`). On a server with DEBUG off it
refuses, unless told with `--allow-demo-with-debug-off` (a public demonstration site): then the
staff accounts get random passwords and authenticator secrets, printed once, and any demo staff
account still holding the published ones is given new ones.
"""

from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation

from abramos import demo

ALLOW_FLAG = "--allow-demo-with-debug-off"


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
    help = (
        "Load the Abramos México demo process (the real content of the strategy documents and "
        "invented content to try the portal with). Runs only with DEBUG on, unless "
        f"{ALLOW_FLAG} is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            ALLOW_FLAG,
            action="store_true",
            dest="allow_debug_off",
            help=(
                "Load the demo on a server with DEBUG off (a public demonstration site). The "
                "demo staff accounts get random passwords and authenticator secrets, printed once."
            ),
        )

    @transaction.atomic
    def handle(self, *args, **options):
        if not settings.DEBUG and not options["allow_debug_off"]:
            raise CommandError(
                "load_demo loads invented content and staff accounts whose password and "
                "authenticator secret are published in the repository, so it runs only with "
                "DEBUG=1. A production site starts without it (README: Production). For a public "
                f"demonstration site with DEBUG off, run it with {ALLOW_FLAG}: the demo staff then "
                "get random passwords and authenticator secrets, printed once."
            )
        self.verbosity = options["verbosity"]
        # With DEBUG off, nobody may sign in with what the repository publishes.
        self.random_staff_secrets = not settings.DEBUG
        # The Spanish texts go in the Spanish fields, whatever language the shell runs in; the
        # loaders write the English ones by name (`name_en`, strategy/translation.py).
        with translation.override(settings.LANGUAGE_CODE):
            for load in demo_loaders():
                load(self)
        # Every page says it is a demonstration site from now on (abramos/demo.py).
        demo.mark_loaded()
        # The loaders write many rows with bulk_create, which sends no signals: index them all.
        if apps.is_installed("abramos.search"):
            from abramos.search.index import rebuild

            rebuild()
