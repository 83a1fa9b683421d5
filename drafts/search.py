"""What drafts offers to the search (abramos.search): the sections of every published version.

Registered from `DraftsConfig.ready()`. A section's heading is its title (matched first), its
text the body; the link goes to the version page at the section's anchor. Versions and sections
never change once published, so creating a section is all the index has to follow.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from abramos.search.registry import Doc, Provider, register
from abramos.search.text import from_html
from drafts.models import Section, Version


def _section_documents(section: Section):
    version = section.version
    yield Doc(
        title=section.heading,
        body=from_html(section.body_html),
        url=section.get_absolute_url(),
        context=f"{version.number}. {version.label}",
        version=version.number,
    )


def _versions():
    return Version.objects.order_by("-number").values_list("number", "label")


def register_all() -> None:
    register(
        Provider(
            kind="seccion",
            label=_("Sections of the policy"),
            item_label=_("Section"),
            model=Section,
            documents=_section_documents,
            queryset=lambda: Section.objects.select_related("version").iterator(chunk_size=500),
            versions=_versions,
            order=10,
        )
    )
