"""The Atom feed of the published versions of the PNDA (served by `transparency` at
/datos/versiones.atom), newest first. Registered from `DraftsConfig.ready()`."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext_lazy as _

from abramos.feeds import FEED_SIZE, Entry, FeedSource, register
from drafts.models import Version


def _version_entries() -> Iterator[Entry]:
    for version in Version.objects.published()[:FEED_SIZE]:
        summary = version.change_summary or version.title
        yield Entry(
            title=f"{version.label}: {version.title}",
            path=version.get_absolute_url(),
            published=version.published_at,
            summary=summary,
            categories=(version.get_status_display(),),
            key=f"version-{version.number}",
        )


def register_all() -> None:
    register(
        FeedSource(
            slug="versiones",
            title=_("Published versions of the National Open Data Policy"),
            description=_(
                "Each new version of the PNDA, from the first draft to the approved policy."
            ),
            link_url_name="drafts:version-list",
            entries=_version_entries,
        )
    )
