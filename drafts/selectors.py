"""Reads for the version pages: each returns everything its page shows in a fixed number of
queries, whatever the number of versions or sections.

Other apps add to these pages without drafts importing them (data flows one way: consultation
reads drafts). The consultation app registers, in its `AppConfig.ready()`:

    from drafts.selectors import register_section_panels

    register_section_panels(comment_panels)

where `comment_panels(version, sections, request)` returns `PagePanels`: panels above the text
(`top`), below it (`bottom`) and in the slot of each section that has something to show
(`sections`, by section pk), in a fixed number of queries for all of them. The page carries them
(`VersionPage.top_panels`, `.bottom_panels`, and each section's slot); no app writes attributes
on the version. Each panel's template is rendered with `version`, `section` and `panel` (its
data in `panel.context`), unless its provider rendered it already (`panel.html`). The comparison
page has the same hook, `register_change_panels(provider)`, called with `(old, new, changes,
request)` and returning `{anchor: SectionPanel}`, to show beside each changed section the
comments that led to it. Providers that have nothing to show return nothing: no placeholder, no
fake data. A provider that reads query parameters (filters, a page number) names them in
`provider.query_params`: the page cache keeps the version page under those and drops any other
(abramos.cache.reads_query).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.http import HttpRequest

from drafts.diff import Comparison, compare_sections
from drafts.models import Rendition, Section, Version

# Downloads are listed in this order (the model orders them alphabetically).
FORMAT_ORDER = {fmt: i for i, fmt in enumerate(Rendition.Format.values)}


@dataclass
class SectionPanel:
    template_name: str
    context: dict = field(default_factory=dict)
    html: str = ""  # already rendered (by its provider, from a cache): shown instead


@dataclass
class PagePanels:
    """What a provider adds to a version page."""

    top: list[SectionPanel] = field(default_factory=list)
    bottom: list[SectionPanel] = field(default_factory=list)
    sections: dict[int, SectionPanel] = field(default_factory=dict)  # by section pk


SectionPanelProvider = Callable[..., PagePanels | dict | None]
_section_panel_providers: list[SectionPanelProvider] = []
_change_panel_providers: list[SectionPanelProvider] = []


def register_section_panels(provider: SectionPanelProvider) -> SectionPanelProvider:
    if provider not in _section_panel_providers:
        _section_panel_providers.append(provider)
    return provider


def section_panel_query() -> set[str]:
    """The query parameters the registered section-panel providers read."""
    return {
        name
        for provider in _section_panel_providers
        for name in getattr(provider, "query_params", ())
    }


def register_change_panels(provider: SectionPanelProvider) -> SectionPanelProvider:
    if provider not in _change_panel_providers:
        _change_panel_providers.append(provider)
    return provider


@dataclass
class TocNode:
    section: Section
    children: list[TocNode] = field(default_factory=list)


@dataclass
class VersionPage:
    version: Version
    sections: list[Section]
    toc: list[TocNode]
    renditions: list[Rendition]
    newest: Version | None  # the newest version, when it is not this one
    top_panels: list[SectionPanel] = field(default_factory=list)
    bottom_panels: list[SectionPanel] = field(default_factory=list)


@dataclass
class VersionComparison:
    old: Version
    new: Version
    comparison: Comparison


def version_list() -> list[Version]:
    """Every version, newest first, with who published it and its renditions (2 queries).

    Each version gets `previous`: the version before it, to compare with (or None).
    """
    versions = list(
        Version.objects.published()
        .select_related("published_by")
        .prefetch_related(Prefetch("renditions", queryset=Rendition.objects.all()))
    )
    for i, version in enumerate(versions):
        version.previous = versions[i + 1] if i + 1 < len(versions) else None
        version.downloads = _sorted_renditions(version.renditions.all())
    return versions


def version_page(number: int, *, request: HttpRequest | None = None) -> VersionPage:
    """One version by sections, with its contents, downloads and the newest version (4 queries).

    Raises Version.DoesNotExist.
    """
    version = Version.objects.select_related("published_by").get(number=number)
    sections = list(Section.objects.filter(version=version).order_by("order"))
    for section in sections:
        section.version = version  # get_absolute_url without a query per section
        section.heading_tag = min(section.level + 1, 6)
        section.panels = []
    renditions = _sorted_renditions(Rendition.objects.filter(version=version))
    for rendition in renditions:
        rendition.version = version
    newest = Version.objects.published().only("number", "label").first()
    page = VersionPage(
        version=version,
        sections=sections,
        toc=_toc(sections),
        renditions=renditions,
        newest=newest if newest and newest.number > version.number else None,
    )
    by_pk = {section.pk: section for section in sections}
    for provider in _section_panel_providers:
        panels = provider(version, sections, request)
        if panels is None:
            continue
        page.top_panels.extend(panels.top)
        page.bottom_panels.extend(panels.bottom)
        for pk, panel in panels.sections.items():
            if pk in by_pk and panel is not None:
                by_pk[pk].panels.append(panel)
    return page


def version_comparison(a: int, b: int, *, request: HttpRequest | None = None) -> VersionComparison:
    """Versions `a` (older) and `b` (newer) compared section by section (2 queries).

    Raises Version.DoesNotExist when either is unknown.
    """
    sections = Prefetch("sections", queryset=Section.objects.order_by("order"))
    versions = {
        v.number: v
        for v in Version.objects.filter(number__in=[a, b])
        .select_related("published_by")
        .prefetch_related(sections)
    }
    if a not in versions or b not in versions:
        raise Version.DoesNotExist(f"No version {a if a not in versions else b}")
    old, new = versions[a], versions[b]
    comparison = compare_sections(list(old.sections.all()), list(new.sections.all()))
    for change in comparison.changes:
        change.panels = []
    _attach_panels(
        _change_panel_providers,
        comparison.changes,
        lambda c: c.anchor,
        old,
        new,
        comparison.changes,
        request,
    )
    return VersionComparison(old=old, new=new, comparison=comparison)


def _sorted_renditions(renditions) -> list[Rendition]:
    return sorted(renditions, key=lambda r: FORMAT_ORDER.get(r.format, len(FORMAT_ORDER)))


def _toc(sections: list[Section]) -> list[TocNode]:
    """Sections nested by level; a jump (# then ###) nests under the nearest shallower one."""
    roots: list[TocNode] = []
    stack: list[TocNode] = []
    for section in sections:
        node = TocNode(section)
        while stack and stack[-1].section.level >= section.level:
            stack.pop()
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    return roots


def _attach_panels(providers, items, key, *args) -> None:
    by_key = {key(item): item for item in items}
    for provider in providers:
        for item_key, panel in (provider(*args) or {}).items():
            if item_key in by_key and panel is not None:
                by_key[item_key].panels.append(panel)
