"""The demo process as `make run` loads it, for tests.

`load_demo` refuses to run with DEBUG off (abramos/management/commands/load_demo.py): its staff
accounts have a published password and authenticator secret. Tests run with DEBUG off, so they
load the demo as a developer does, with DEBUG on for the command.
"""

from django.core.management import call_command
from django.test import override_settings


def load_demo(**options) -> None:
    with override_settings(DEBUG=True):
        call_command("load_demo", **options)
