"""What the consultation shows on drafts' pages, rendered: the panels of the version page (the
banner with the filters, the comments on the version as a whole, and each section's comments)
and, beside each changed section of a comparison, the comments whose answers point to it.

Selectors (consultation.selectors) only read; this module turns what they read into panels:
it renders HTML through the fragment cache (consultation.fragments), builds the panels' cache
keys, and puts the CSRF and client-token placeholders where each request's tokens go. Both
providers are registered with drafts in ConsultationConfig.ready().
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Max
from django.http import HttpRequest
from django.template.loader import render_to_string

from abramos import geo, reader_pages
from abramos.accounts.models import Sector
from consultation import fragments
from consultation.models import Answer, Comment
from consultation.selectors import (
    WHOLE_VERSION,
    CommentBlock,
    Filters,
    Noted,
    comment_blocks,
    comment_marks,
    comment_threads,
    noted_actions,
    noted_consultation,
)
from drafts.models import Section, Version, version_texts
from drafts.selectors import PagePanels, SectionPanel

SECTION_PANEL = "consultation/panels/section.html"


def comment_panels(version: Version, sections: list[Section], request: HttpRequest | None):
    """The provider for drafts.selectors.register_section_panels (see the module docstring):
    the banner with the filters on top, the comments on the version as a whole below, and each
    section's comments in its slot. Forms carry placeholders for the request's tokens, filled
    when the page goes out (abramos.reader_pages). Each panel and each top-level comment is a
    slot of the page, which `personal_comments` fills for a reader who wrote or supported
    something in it."""
    shared = reader_pages.shared(request)
    # Read before the comments: a comment written after this is new to the page's reader.
    last = _last_comment(version) if shared else 0
    reader, filters, blocks = comment_blocks(version, sections, request)
    if reader is None:
        return None
    panels, csrf = _section_panels(version, sections, blocks, reader, filters)
    top = [
        SectionPanel(
            "consultation/panels/version_top.html",
            {"reader": reader, "filters": filters, "consultation": reader.consultation,
             "sections": sections, "sector_choices": Sector.choices,
             "state_choices": geo.state_choices(), "focus": blocks.get(filters.section)},
        )
    ]  # fmt: skip
    whole = panels.pop(WHOLE_VERSION)
    shown = [c for block in blocks.values() for c in block.comments]
    keys = fragments.comment_keys(shown)
    fragments.attach_html(whole.context["block"].comments, keys)
    _panels_html(version, panels, reader, filters, keys, csrf)
    if shared:
        # What the personaliser needs to find this reader's comments and supports on the page.
        reader_pages.note(request, SHOWN, {
            "version": version.pk,
            "last": last,
            "comments": {r.pk: c.pk for c in shown for r in (c, *c.replies)},
            # What the rules read of each, to decide a reader's actions without a query.
            "noted": {r.pk: Noted.of(r) for c in shown for r in (c, *c.replies)},
            "consultation": noted_consultation(reader.consultation),
            "sections": {c.pk: c.comment.section_id for c in shown},
            # The panels where a comment written now would show (None: the version as a whole).
            "open": {b.section.pk if b.section else None for b in blocks.values() if b.shows_next},
        })  # fmt: skip
    return PagePanels(
        top=top,
        bottom=[whole],
        sections={s.pk: panels[s.anchor] for s in sections if s.anchor in panels},
    )


def _last_comment(version: Version) -> int:
    return Comment.objects.filter(version=version).aggregate(last=Max("pk"))["last"] or 0


def _section_panels(version, sections, blocks, reader, filters, anchors=None):
    """{anchor: SectionPanel} for the blocks (those in `anchors`, or all), WHOLE_VERSION's
    always when it is among them, and the CSRF placeholder their forms carry."""
    # Only a signed-in reader gets forms; an anonymous page has no token (a token would set the
    # CSRF cookie and keep the page out of the page cache).
    csrf, client_token = reader_pages.placeholders() if reader.authenticated else ("", "")
    context = {"reader": reader, "filters": filters, "consultation": reader.consultation,
               "client_token": client_token if reader.may_comment else ""}  # fmt: skip
    wanted = anchors if anchors is not None else {s.anchor for s in sections} | {WHOLE_VERSION}
    return {
        anchor: SectionPanel(SECTION_PANEL, {**context, "block": blocks[anchor]})
        for anchor in blocks
        if anchor in wanted
        # A section without comments shows nothing unless the reader may write the first one.
        and (anchor == WHOLE_VERSION or blocks[anchor].count or reader.may_comment)
    }, csrf


SHOWN = "consultation.shown"


@reader_pages.register_personaliser
def personal_comments(request: HttpRequest, notes: dict) -> dict[str, str]:
    """The slots of a shared version page that differ for this reader (1 query when none do):

    - the actions of each comment shown that they wrote or supported (edit, withdraw, "Remove
      my support"), decided for them from what the page noted of it, without another query;
    - each thread where one of those changed since the page was rendered (edited, withdrawn,
      supported: its text or count differs), and each thread where they replied since, read
      and rendered for them;
    - each panel where they commented since the page was rendered and where that comment shows.

    A panel that shows its first comments only (or a page of them that is full) would change
    nothing but its count: that comes with the next rendering, for the reader as for everyone
    (PAGE_REFRESH_SECONDS)."""
    shown = notes.get(SHOWN)
    if not shown:
        return {}
    comments = shown["comments"]
    noted = shown.get("noted")  # None: a page stored before the notes said: threads then
    open_panels = shown.get("open")  # None: a page stored before the notes said
    marks = comment_marks(request.user, shown["version"])
    threads, panels, actions = set(), set(), {}
    for pk, mark in marks.items():
        if pk in comments:
            if noted is not None and pk in noted and noted[pk].state == mark.state:
                actions[pk] = noted[pk]
            else:
                threads.add(comments[pk])
        elif pk > shown["last"]:  # written since the page was rendered
            if mark.parent_id is None:
                if open_panels is None or mark.section_id in open_panels:
                    panels.add(mark.section_id)  # None: on the version as a whole
            elif mark.parent_id in comments:
                threads.add(comments[mark.parent_id])
    supported = {pk for pk, mark in marks.items() if mark.supported}
    parts = _panels_for(request, shown["version"], panels, supported) if panels else {}
    # A thread inside a panel rendered again is part of it already, and so are the actions
    # inside a thread or a panel rendered again.
    in_panels = {top for top, section in shown.get("sections", {}).items() if section in panels}
    threads -= in_panels
    if threads:
        views = comment_threads(threads, request, supported)
        fragments.attach_html(views)
        parts.update({comment_slot(view.pk): view.html for view in views})
    rendered = threads | in_panels
    actions = {pk: row for pk, row in actions.items() if comments[pk] not in rendered}
    if actions:
        csrf, _ = reader_pages.placeholders()
        for view in noted_actions(actions, shown["consultation"], request, supported):
            context = {"view": view, "csrf_token": csrf}
            parts[actions_slot(view.pk)] = render_to_string(fragments.ACTIONS_TEMPLATE, context)
    return parts


def _panels_for(
    request: HttpRequest, version_id: int, section_ids: set, supported: set[int]
) -> dict[str, str]:
    """The panels of these sections (None: the version as a whole), as the reader sees them
    (`supported`: their supports on the version)."""
    sections = list(
        Section.objects.filter(version_id=version_id)
        .select_related("version")
        .defer(*version_texts())  # nothing here reads them: a copy per section otherwise
        .order_by("order")
    )
    if not sections and None not in section_ids:
        return {}
    version = sections[0].version if sections else Version.objects.get(pk=version_id)
    for section in sections:
        section.version = version
    anchors = {s.anchor for s in sections if s.pk in section_ids}
    if None in section_ids:
        anchors.add(WHOLE_VERSION)
    reader, filters, blocks = comment_blocks(
        version, sections, request, only=anchors, supported=supported
    )
    if reader is None:
        return {}
    panels, csrf = _section_panels(version, sections, blocks, reader, filters, anchors)
    keys = fragments.comment_keys([c for a in panels for c in blocks[a].comments])
    _panels_html(version, panels, reader, filters, keys, csrf)
    return {panel_slot(blocks[a].section): panel.html for a, panel in panels.items()}


def comment_slot(pk: int) -> str:
    return f"comentario-{pk}"


def actions_slot(pk: int) -> str:
    return f"acciones-{pk}"


def panel_slot(section: Section | None) -> str:
    return f"panel-{section.pk if section else 'v'}"


# What consultation/panels/section.html (and section_body.html) may read when a section's panel
# is cached, each covered by `_panel_key`: directly, or as a function of what it holds (the
# section is the one its key names; `has_more` follows from the count, the page and the comments;
# `active` from the filters; a page's neighbours from its number and count). A test renders the
# panel through recording proxies and fails on any other read (test_fragments.py).
PANEL_READS = frozenset({
    "version.number", "version.get_absolute_url",
    "block.key", "block.section", "block.count", "block.shown_all", "block.has_more",
    "block.comments", "block.page_obj",
    "filters.sector", "filters.state", "filters.answered", "filters.active",
    "reader.may_comment",
})  # fmt: skip


def _panel_key(block: CommentBlock, version, reader, filters, keys) -> tuple:
    """Everything consultation/panels/section.html reads for a section's block (PANEL_READS)."""
    page = block.page_obj
    return (
        fragments.template_digest(SECTION_PANEL, "consultation/panels/section_body.html"),
        version.number,
        version.get_absolute_url(),
        block.key,
        block.count,
        block.shown_all,
        (page.number, page.paginator.num_pages) if page else None,
        (filters.sector, filters.state, filters.answered),
        reader.may_comment,
        tuple(keys[c.pk] for c in block.comments),
    )


def _panels_html(version, panels: dict, reader, filters, keys, csrf: str) -> None:
    """Each section's panel rendered once and then taken from the cache (see
    consultation.fragments): a page of 60 sections renders none of them while nothing changes."""

    def render(anchor: str) -> str:
        panel = panels[anchor]
        fragments.attach_html(panel.context["block"].comments, keys)
        context = {"panel": panel, "version": version, "csrf_token": csrf}
        return render_to_string(SECTION_PANEL, context)

    items = {
        anchor: _panel_key(panel.context["block"], version, reader, filters, keys)
        for anchor, panel in panels.items()
    }
    for anchor, html in fragments.cached_html(items, render).items():
        panels[anchor].html = html


# What the version page's comment panels read from the address (drafts.selectors docstring).
comment_panels.query_params = Filters.PARAMS


# The loop from "what you said" to "what changed" ------------------------------------------------


def answered_comments_panels(old, new, changes, request=None) -> dict:
    """{anchor: SectionPanel} for the changed sections of `new` that answers point to (1 query)."""
    answers = (
        Answer.objects.filter(
            published_at__isnull=False,
            target_section__version=new,
            comment__version__number__gte=old.number,
            comment__version__number__lt=new.number,
        )
        .exclude(comment__status=Comment.Status.HIDDEN)
        .select_related("comment__author", "comment__version", "comment__section", "target_section")
        .order_by("comment__created_at")
    )
    by_anchor: dict[str, list[Answer]] = defaultdict(list)
    for answer in answers:
        by_anchor[answer.target_section.anchor].append(answer)
    return {
        anchor: SectionPanel("consultation/panels/change.html", {"answers": items})
        for anchor, items in by_anchor.items()
    }
