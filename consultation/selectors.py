"""Reads for the consultation's public pages, each in a fixed number of queries.

`comment_panels` fills the slots of the version page (registered in ConsultationConfig.ready):
for every section its comment count and its first comments (or, with `?seccion=<anchor>`, every
comment of that one section, 50 a page), with their authors, published answers and replies.
Whatever the number of comments it makes the same queries: the consultation, the counts, the
comments (a window function keeps the first N of each section), the replies, the reader's
supports and whether the reader's e-mail is verified. What it renders, each comment and each
section's panel, comes from the cache when nothing it shows has changed (consultation.fragments).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Count, F, Prefetch, Q, Window
from django.db.models.functions import RowNumber
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone

from abramos import geo
from abramos.accounts.models import Sector
from consultation import fragments, rules
from consultation.forms import new_client_token
from consultation.models import (
    Comment,
    CommentEdit,
    Consultation,
    Flag,
    ModerationAction,
    Session,
    Support,
)
from drafts.models import Section, Version
from drafts.selectors import SectionPanel

# The whole version shows a few comments per section and a link to all of them: a page with 60
# sections and thousands of comments stays light (bench/RESULTS.md).
PER_SECTION = 3
PER_PAGE = 50
WHOLE_VERSION = "version"  # the `seccion` value for comments on the version as a whole


@dataclass
class Filters:
    # The query parameters read by from_request: the page cache keys on these alone.
    PARAMS = ("seccion", "sector", "estado", "respondidos", "pagina")

    section: str = ""
    sector: str = ""
    state: str = ""
    answered: str = ""  # "si", "no" or ""
    page: int = 1

    @classmethod
    def from_request(cls, request: HttpRequest | None) -> Filters:
        if request is None:
            return cls()
        get = request.GET
        sector = get.get("sector", "")
        state = get.get("estado", "")
        answered = get.get("respondidos", "")
        try:
            page = max(1, int(get.get("pagina", "1")))
        except ValueError:
            page = 1
        return cls(
            section=get.get("seccion", "")[:250],
            sector=sector if sector in Sector.values else "",
            state=state if state in dict(geo.state_choices()) else "",
            answered=answered if answered in ("si", "no") else "",
            page=page,
        )

    @property
    def active(self) -> bool:
        return bool(self.sector or self.state or self.answered)

    def q(self) -> Q:
        q = Q()
        if self.sector:
            # Only what the comments show (abramos/accounts/public.py): filtering on a hidden
            # sector would tell who belongs to it.
            q &= Q(author__sector=self.sector, author__show_sector=True) | Q(
                participant_sector=self.sector, participant_consent=True
            )
        if self.state:
            q &= Q(author__state=self.state, author__show_state=True) | Q(
                participant_state=self.state, participant_consent=True
            )
        if self.answered == "si":
            q &= Q(answer__published_at__isnull=False)
        elif self.answered == "no":
            q &= Q(answer__isnull=True) | Q(answer__published_at__isnull=True)
        return q


@dataclass
class CommentBlock:
    """The comments of one section (or of the version as a whole, `section=None`)."""

    key: str
    section: Section | None
    count: int = 0
    comments: list[Comment] = field(default_factory=list)
    shown_all: bool = False  # the per-section page: every comment, paginated
    page_obj: object | None = None

    @property
    def has_more(self) -> bool:
        return not self.shown_all and self.count > len(self.comments)


@dataclass
class ReaderState:
    """What the person reading may do, asked once for the page."""

    consultation: Consultation
    may_comment: bool
    verified: bool
    authenticated: bool
    now: datetime.datetime
    supported: set[int] = field(default_factory=set)


def consultation_for(version: Version) -> Consultation | None:
    return Consultation.objects.filter(version=version).first()


def _reader(request: HttpRequest | None, consultation: Consultation) -> ReaderState:
    user = getattr(request, "user", None)
    authenticated = bool(user and user.is_authenticated)
    verified = rules.has_verified_email(user) if authenticated else False
    now = timezone.now()
    return ReaderState(
        consultation=consultation,
        may_comment=verified and consultation.is_open(at=now),
        verified=verified,
        authenticated=authenticated,
        now=now,
    )


def comment_blocks(
    version: Version, sections: list[Section], request: HttpRequest | None
) -> tuple[ReaderState | None, Filters, dict[str, CommentBlock]]:
    """Every section's comment block, keyed by anchor (WHOLE_VERSION for the version itself)."""
    consultation = consultation_for(version)
    filters = Filters.from_request(request)
    if consultation is None:
        return None, filters, {}
    reader = _reader(request, consultation)
    by_pk = {s.pk: s for s in sections}
    blocks = {s.anchor: CommentBlock(key=s.anchor, section=s) for s in sections}
    blocks[WHOLE_VERSION] = CommentBlock(key=WHOLE_VERSION, section=None)

    def key_of(section_id):
        return by_pk[section_id].anchor if section_id in by_pk else WHOLE_VERSION

    top = Comment.objects.filter(version=version, parent__isnull=True).filter(filters.q())
    for row in top.order_by().values("section_id").annotate(n=Count("pk")):
        blocks[key_of(row["section_id"])].count += row["n"]

    focus = blocks.get(filters.section)
    rows = top.annotate(
        row=Window(RowNumber(), partition_by=F("section_id"), order_by=[F("created_at"), F("pk")])
    )
    if focus is None:
        rows = rows.filter(row__lte=PER_SECTION)
    else:
        focus.shown_all = True
        focus.page_obj = Paginator(range(focus.count), PER_PAGE).get_page(filters.page)
        first, last = focus.page_obj.start_index(), focus.page_obj.end_index()
        section_id = focus.section.pk if focus.section else None
        in_focus = Q(section_id=section_id) if section_id else Q(section__isnull=True)
        # Only the focused section's page: the others show their count and a link back.
        rows = rows.filter(in_focus).filter(row__gte=first, row__lte=last)
    # The window runs over the comment table alone; only the comments it picks are joined to
    # their authors, answers and sessions (13 ms to 4 ms on the 5,000-comment version).
    comments = list(
        Comment.objects.filter(pk__in=rows.values("pk"))
        .select_related("author", "answer")
        .order_by("created_at", "pk")
    )
    by_id = {c.pk: c for c in comments}
    for comment in comments:
        comment.reply_list = []
        comment.version = version
        blocks[key_of(comment.section_id)].comments.append(comment)
    if by_id:
        replies = Comment.objects.filter(parent_id__in=by_id).select_related("author", "answer")
        for reply in replies.order_by("created_at", "pk"):
            reply.version = version
            reply.consultation = consultation
            by_id[reply.parent_id].reply_list.append(reply)
        if reader.authenticated:
            reader.supported = set(
                Support.objects.filter(user=request.user, comment_id__in=by_id).values_list(
                    "comment_id", flat=True
                )
            )
    user = getattr(request, "user", None)
    for comment in comments:
        comment.consultation = consultation
        _attach_actions(comment, user, reader)
        for reply in comment.reply_list:
            _attach_actions(reply, user, reader)
    return reader, filters, blocks


def _attach_actions(comment: Comment, user, reader: ReaderState) -> None:
    """What the reader may do with a comment, without a query per comment.

    The same answers as consultation.rules (whose e-mail check queries the database), reusing
    the verified-and-open answer asked once for the page; the views ask the rules again.
    """
    visible = comment.status == Comment.Status.VISIBLE
    own = reader.authenticated and comment.author_id == user.pk
    comment.can_reply = visible and comment.parent_id is None and reader.may_comment
    comment.can_edit = (
        own
        and comment.channel == Comment.Channel.ONLINE
        and comment.may_be_edited(at=reader.now)
        and reader.consultation.is_open(at=reader.now)
        and not rules.has_published_answer(comment)
    )
    comment.can_withdraw = own and visible and reader.consultation.is_open(at=reader.now)
    comment.can_support = visible and not own and reader.may_comment
    comment.can_flag = reader.authenticated and visible and not own and user.is_active
    comment.supported = comment.pk in reader.supported


def comment_panels(version: Version, sections: list[Section], request: HttpRequest | None):
    """The provider for drafts.selectors.register_section_panels (see the module docstring).

    Page-level panels (the banner with the filters, and the comments on the version as a
    whole) go on `version.consultation_panels_top` / `_bottom`, read by the version template.
    """
    reader, filters, blocks = comment_blocks(version, sections, request)
    if reader is None:
        return {}
    # Only a signed-in reader gets forms on comments; asking an anonymous page for a token would
    # set the CSRF cookie and keep it out of the page cache.
    csrf_token = get_token(request) if reader.authenticated else ""
    common = {"reader": reader, "filters": filters, "consultation": reader.consultation}
    version.consultation_panels_top = [
        SectionPanel(
            "consultation/panels/version_top.html",
            {**common, "sections": sections, "sector_choices": Sector.choices,
             "state_choices": geo.state_choices(), "focus": blocks.get(filters.section)},
        )
    ]  # fmt: skip
    whole = blocks[WHOLE_VERSION]
    # Each comment form carries a client token of its own (consultation.forms.new_client_token):
    # a new one here, a placeholder in the section panels, which are cached and get theirs
    # when they are taken from the cache (consultation.fragments.personalise).
    token = new_client_token() if reader.may_comment else ""
    version.consultation_panels_bottom = [
        SectionPanel(SECTION_PANEL, {**common, "block": whole, "client_token": token})
    ]
    placeholder = fragments.placeholders()[1] if reader.may_comment else ""
    panels = {
        s.anchor: SectionPanel(
            SECTION_PANEL, {**common, "block": blocks[s.anchor], "client_token": placeholder}
        )
        for s in sections
        # A section without comments shows nothing unless the reader may write the first one.
        if blocks[s.anchor].count or reader.may_comment
    }
    keys = fragments.comment_keys([c for block in blocks.values() for c in block.comments])
    fragments.attach_html(whole.comments, csrf_token, keys)
    _panels_html(version, panels, reader, filters, keys, csrf_token)
    return {s.pk: panels[s.anchor] for s in sections if s.anchor in panels}


SECTION_PANEL = "consultation/panels/section.html"


def _panel_key(block: CommentBlock, version, reader, filters, keys) -> tuple:
    """Everything consultation/panels/section.html reads for a section's block."""
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


def _panels_html(version, panels: dict, reader, filters, keys, csrf_token: str) -> None:
    """Each section's panel rendered once and then taken from the cache (see
    consultation.fragments): a page of 60 sections renders none of them while nothing changes."""
    csrf_placeholder = fragments.placeholders()[0]

    def render(anchor: str) -> str:
        panel = panels[anchor]
        fragments.attach_raw_html(panel.context["block"].comments, keys)
        context = {"panel": panel, "version": version, "csrf_token": csrf_placeholder}
        return render_to_string(SECTION_PANEL, context)

    items = {
        anchor: _panel_key(panel.context["block"], version, reader, filters, keys)
        for anchor, panel in panels.items()
    }
    for anchor, html in fragments.cached_html(items, render, csrf_token).items():
        panels[anchor].html = html


def overview() -> dict:
    """The consultation page: the current (or newest) consultation, its sessions and its
    headline figures (from consultation.report, like the report itself)."""
    from consultation import report

    consultation = report.current_consultation()
    sessions = []
    totals = None
    if consultation is not None:
        sessions = list(Session.objects.filter(consultation=consultation).order_by("state", "date"))
        totals = report.totals(consultation)
    return {
        "consultation": consultation,
        "sessions": sessions,
        "totals": totals,
        "definitions": report.DEFINITIONS,
        "now": timezone.now(),
    }


# What the version page's comment panels read from the address (drafts.selectors docstring).
comment_panels.query_params = Filters.PARAMS


@dataclass
class CommentPage:
    """A comment's own page: the comment (or the reply, within its thread), what it was written
    on, and where the change it asked for landed."""

    comment: Comment  # the top of the thread, with `reply_list`
    focus: Comment  # the comment the address names (the top one, or one of its replies)
    section: Section | None
    landed_in: Section | None  # a section of a later version, from the published answer
    reader: ReaderState
    # The earlier texts of the comments of the thread that were edited: (comment, [edits]).
    earlier: list[tuple[Comment, list[CommentEdit]]] = field(default_factory=list)


def comment_page(pk: int, request: HttpRequest | None) -> CommentPage:
    """Raises Comment.DoesNotExist. A fixed number of queries, whatever the thread's length."""
    related = ("author", "answer", "answer__target_section__version", "version", "section")
    focus = Comment.objects.select_related("consultation", *related).get(pk=pk)
    top = focus
    if focus.parent_id:
        top = Comment.objects.select_related("consultation", *related).get(pk=focus.parent_id)
    reader = _reader(request, top.consultation)
    top.reply_list = list(
        Comment.objects.filter(parent=top).select_related(*related).order_by("created_at", "pk")
    )
    thread = [top, *top.reply_list]
    if reader.authenticated:
        reader.supported = set(
            Support.objects.filter(user=request.user, comment__in=thread).values_list(
                "comment_id", flat=True
            )
        )
    for comment in thread:
        comment.consultation = top.consultation
        _attach_actions(comment, request.user if reader.authenticated else None, reader)
    landed = top.answer.target_section if rules.has_published_answer(top) else None
    edits: dict[int, list[CommentEdit]] = {}
    # Only of visible comments: a hidden or withdrawn comment keeps none of its words public.
    shown = [c for c in thread if c.status == Comment.Status.VISIBLE]
    for edit in CommentEdit.objects.filter(comment__in=shown).order_by("replaced_at", "pk"):
        edits.setdefault(edit.comment_id, []).append(edit)
    return CommentPage(
        comment=top,
        focus=focus,
        section=top.section,
        landed_in=landed,
        reader=reader,
        earlier=[(c, edits[c.pk]) for c in thread if c.pk in edits],
    )


def open_flags() -> Count:
    """The reports on a comment that no moderator has decided yet."""
    return Count("flags", filter=Q(flags__resolved_at__isnull=True), distinct=True)


def triage_comments():
    """Every comment for the Technical Group's triage page, with its open reports counted (the
    page's filters narrow it; the staff desk counts the same rows)."""
    return (
        Comment.objects.select_related("author", "section", "version", "session", "answer")
        .annotate(open_flags=open_flags())
        .order_by("-created_at", "-pk")
    )


@dataclass
class ModerationQueue:
    """The moderators' page: reported comments (most reports first, with their open reports),
    the latest hidden ones and the latest decisions."""

    flagged: list[Comment]
    hidden: list[Comment]
    actions: list[ModerationAction]


def moderation_queue(*, hidden_shown: int = 100, actions_shown: int = 20) -> ModerationQueue:
    """Three queries and a prefetch, whatever the number of reports."""
    related = ("author", "section", "version", "session")
    open_reports = Flag.objects.filter(resolved_at__isnull=True).select_related("user")
    flagged = (
        reported_comments()
        .select_related(*related)
        .prefetch_related(Prefetch("flags", queryset=open_reports, to_attr="unresolved_flags"))
        .order_by("-open_flags", "created_at")
    )
    hidden = (
        Comment.objects.select_related(*related)
        .filter(status=Comment.Status.HIDDEN)
        .order_by("-created_at")
    )
    actions = ModerationAction.objects.select_related("actor", "comment").order_by(
        "-created_at", "-pk"
    )
    return ModerationQueue(
        flagged=list(flagged),
        hidden=list(hidden[:hidden_shown]),
        actions=list(actions[:actions_shown]),
    )


def reported_comments():
    """Visible comments with reports waiting for a decision: the moderation queue, and the count
    the staff desk shows for it."""
    return (
        Comment.objects.filter(status=Comment.Status.VISIBLE)
        .annotate(open_flags=open_flags())
        .filter(open_flags__gt=0)
    )
