"""System checks of our own settings, run by `manage.py check` (with `--deploy` for these)."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, register

# Hosts that only ever mean "this machine" (compared with SITE_ROOT, never bound to).
_LOOPBACK = {"127.0.0.1", "localhost", "::1", "0.0.0.0"}  # noqa: S104  # nosec B104


@register(Tags.security, deploy=True)
def site_root_is_public(app_configs=None, **kwargs) -> list[Error]:
    """Absolute links (renditions, e-mails, "Permanent address", the data export, the open data
    catalogue) are built from SITE_ROOT: a loopback address there sends every reader to their own
    machine."""
    if settings.DEBUG:
        return []
    host = urlsplit(settings.SITE_ROOT).hostname or ""
    if host in _LOOPBACK:
        return [
            Error(
                f"SITE_ROOT is {settings.SITE_ROOT!r}, a loopback address, while DEBUG is off.",
                hint="Set SITE_ROOT to the site's public address, such as https://abramosmexico.mx.",
                id="abramos.E001",
            )
        ]
    return []
