"""Reads for the consultation's pages, each in a fixed number of queries. They only read: what
the version page renders of them is made in consultation.presenters.

`comment_blocks` reads, for the version page, every section's comment count and its first
comments (or, with `?seccion=<anchor>`, every comment of that one section, 50 a page), with their
authors, published answers and replies, each as a `CommentView` with what the reader may do with
it (consultation.rules, asked with the page's `ReaderState`). Whatever the number of comments it
makes the same queries: the consultation, the counts, the comments (a window function keeps the
first N of each section), the replies, the reader's supports and whether the reader's e-mail is
verified.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, F, Prefetch, Q, Window
from django.db.models.functions import RowNumber
from django.http import HttpRequest
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from abramos import geo, reader_pages
from abramos.accounts.models import Sector
from consultation import rules
from consultation.models import (
    Answer,
    Comment,
    CommentEdit,
    Consultation,
    Flag,
    ModerationAction,
    Session,
    Support,
)
from drafts.models import Section, Version

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
class CommentView:
    """A comment as one reader sees it on a page: the record, what the reader may do with it
    (from consultation.rules, asked once for the page), its replies, and its rendered HTML on
    the version page (consultation.fragments). Templates read these, never attributes set on
    the model: a misspelt name fails instead of rendering nothing."""

    comment: Comment
    can_reply: bool = False
    can_edit: bool = False
    can_withdraw: bool = False
    can_support: bool = False
    can_flag: bool = False
    supported: bool = False
    replies: list[CommentView] = field(default_factory=list)
    html: str = ""

    @property
    def pk(self) -> int:
        return self.comment.pk


@dataclass
class CommentBlock:
    """The comments of one section (or of the version as a whole, `section=None`)."""

    key: str
    section: Section | None
    count: int = 0
    comments: list[CommentView] = field(default_factory=list)
    shown_all: bool = False  # the per-section page: every comment, paginated
    page_obj: object | None = None

    @property
    def has_more(self) -> bool:
        return not self.shown_all and self.count > len(self.comments)

    @property
    def shows_next(self) -> bool:
        """Whether a comment written now would be among those this block shows (the newest come
        last): while it shows fewer than PER_SECTION, or, on a section's own page, on its last
        page while that has room. Otherwise it would change the count alone."""
        if self.shown_all:
            page = self.page_obj
            return page is None or (
                page.number == page.paginator.num_pages and len(self.comments) < PER_PAGE
            )
        return self.count < PER_SECTION


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
    version: Version,
    sections: list[Section],
    request: HttpRequest | None,
    *,
    only: set[str] | None = None,
    supported: set[int] | None = None,
) -> tuple[ReaderState | None, Filters, dict[str, CommentBlock]]:
    """Every section's comment block, keyed by anchor (WHOLE_VERSION for the version itself);
    with `only`, the comments and counts of those blocks alone (the others stay empty);
    `supported`: the reader's supports, when the caller read them already."""
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
    if only is not None:
        wanted = Q(section_id__in=[s.pk for s in sections if s.anchor in only])
        if WHOLE_VERSION in only:
            wanted |= Q(section__isnull=True)
        top = top.filter(wanted)
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
    views = {c.pk: CommentView(c) for c in comments}
    for comment in comments:
        comment.version = version  # the relation's cache: no query per comment
        comment.consultation = consultation
        blocks[key_of(comment.section_id)].comments.append(views[comment.pk])
    if views:
        replies = Comment.objects.filter(parent_id__in=views).select_related("author", "answer")
        for reply in replies.order_by("created_at", "pk"):
            reply.version = version
            reply.consultation = consultation
            views[reply.parent_id].replies.append(CommentView(reply))
        if supported is not None:
            reader.supported = supported
        elif reader.authenticated and not reader_pages.shared(request):
            reader.supported = set(
                Support.objects.filter(user=request.user, comment_id__in=views).values_list(
                    "comment_id", flat=True
                )
            )
    user = getattr(request, "user", None)
    for view in views.values():
        _set_actions(view, user, reader)
        for reply in view.replies:
            _set_actions(reply, user, reader)
    return reader, filters, blocks


# The reader's supports are found by the person first, then their comments by key, whatever the
# planner believes of the comment table: while a consultation fills up, its statistics lag and
# PostgreSQL, asked to join the supports to the version's comments, read every comment of the
# version (3 ms on the soak's 1,700 comments, 0.3 ms this way). ANY(ARRAY(...)) makes it read
# the supports once, then the comments by their primary key; the version is checked in Python.
_MARKS_SQL = (
    'SELECT 0, c."id", c."version_id", c."section_id", c."parent_id", c."status", '
    'c."edited_at", c."support_count", c."reply_count" FROM "consultation_comment" c '
    'WHERE c."author_id" = %s AND c."version_id" = %s '
    'UNION ALL SELECT 1, c."id", c."version_id", c."section_id", c."parent_id", c."status", '
    'c."edited_at", c."support_count", c."reply_count" FROM "consultation_comment" c '
    'WHERE c."id" '
)
_SUPPORTED_POSTGRESQL = (
    '= ANY(ARRAY(SELECT s."comment_id" FROM "consultation_support" s WHERE s."user_id" = %s))'
)
_SUPPORTED_OTHERS = (
    'IN (SELECT s."comment_id" FROM "consultation_support" s WHERE s."user_id" = %s)'
)


@dataclass
class Mark:
    """A comment of a version that the reader wrote or supported, and what of it may have
    changed since a page showed it (`state`: its status, edit, supports and replies, compared
    with `Noted.state`)."""

    supported: bool
    section_id: int | None
    parent_id: int | None
    state: tuple = ()


def comment_marks(user, version_id: int) -> dict[int, Mark]:
    """The comments of a version that `user` wrote or supported, by pk (1 query).

    Written in SQL: asked for every signed-in reader of a version page, and the ORM's union of
    two annotated querysets took longer to build (1.7 ms) than to run."""
    marks: dict[int, Mark] = {}
    with connection.cursor() as cursor:
        supported = (
            _SUPPORTED_POSTGRESQL if connection.vendor == "postgresql" else _SUPPORTED_OTHERS
        )
        cursor.execute(_MARKS_SQL + supported, [user.pk, version_id, user.pk])
        for is_support, pk, version, section_id, parent_id, *state in cursor.fetchall():
            if version != version_id:
                continue  # a support on another version's comment
            mark = marks.setdefault(pk, Mark(False, section_id, parent_id, _state(*state)))
            mark.supported = mark.supported or bool(is_support)
    return marks


def _state(status: str, edited_at, support_count: int, reply_count: int) -> tuple:
    return (status, _seconds(edited_at), support_count, reply_count)


def _seconds(moment) -> float | None:
    """A moment as the ORM or a raw query gives it (SQLite's raw rows: text, or naive UTC) in
    one form, to compare them."""
    if moment is None:
        return None
    if isinstance(moment, str):
        moment = parse_datetime(moment)
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment.timestamp()


@dataclass(frozen=True)
class Noted:
    """What a shared version page noted of a comment it shows: all that consultation.rules read
    to decide what a reader may do with it, so the actions of a reader's own comments and of
    those they supported are decided again for them without reading the comment
    (`noted_actions`). Picklable: it is kept with the page."""

    author_id: int | None
    parent_id: int | None
    status: str
    channel: str
    created_at: datetime.datetime
    answer_published_at: datetime.datetime | None
    state: tuple  # what may change after the page was rendered (`Mark.state`)

    @classmethod
    def of(cls, view: CommentView) -> Noted:
        comment = view.comment
        answered = rules.has_published_answer(comment)
        return cls(
            author_id=comment.author_id,
            parent_id=comment.parent_id,
            status=comment.status,
            channel=comment.channel,
            created_at=comment.created_at,
            answer_published_at=comment.answer.published_at if answered else None,
            state=_state(
                comment.status, comment.edited_at, comment.support_count, comment.reply_count
            ),
        )


def noted_consultation(consultation: Consultation) -> tuple:
    """What `noted_actions` needs of the page's consultation (whether it is open)."""
    return (consultation.pk, consultation.opens_at, consultation.closes_at)


def noted_actions(
    noted: dict[int, Noted], consultation: tuple, request: HttpRequest, supported: set[int]
) -> list[CommentView]:
    """The comments `noted` (pk: what a page noted of it) as the reader of `request` sees them:
    what they may do with each, decided by consultation.rules as for a page rendered for them,
    from what was noted instead of the database (no query)."""
    pk, opens_at, closes_at = consultation
    on = Consultation(id=pk, opens_at=opens_at, closes_at=closes_at)
    reader = _reader(request, on)
    reader.supported = supported
    views = []
    for comment_pk, row in sorted(noted.items()):
        comment = Comment(
            id=comment_pk,
            author_id=row.author_id,
            parent_id=row.parent_id,
            status=row.status,
            channel=row.channel,
            created_at=row.created_at,
        )
        comment.consultation = on
        answer = Answer(published_at=row.answer_published_at) if row.answer_published_at else None
        Comment.answer.related.set_cached_value(comment, answer)
        view = CommentView(comment)
        _set_actions(view, request.user, reader)
        views.append(view)
    return views


def comment_threads(pks, request: HttpRequest, supported: set[int]) -> list[CommentView]:
    """The top-level comments `pks` with their replies, each with what the reader of `request`
    may do with it; `supported`: the reader's supports among them (1 query for the comments and
    their replies, and 1 for whether the reader's e-mail is verified unless the request or the
    cache knows it already: abramos.reader_pages.verified_email)."""
    # Not the version: nothing a thread shows or decides reads it, and joined to every row it
    # would bring the whole text of the policy along with each comment.
    rows = (
        Comment.objects.filter(Q(pk__in=pks) | Q(parent_id__in=pks))
        .select_related("author", "answer", "consultation")
        .order_by("created_at", "pk")
    )
    rows = list(rows)
    views = {c.pk: CommentView(c) for c in rows if c.pk in pks}
    for reply in rows:
        if reply.pk not in views and reply.parent_id in views:
            views[reply.parent_id].replies.append(CommentView(reply))
    by_consultation: dict[int, ReaderState] = {}
    user = request.user
    for view in views.values():
        consultation = view.comment.consultation
        if consultation.pk not in by_consultation:
            by_consultation[consultation.pk] = _reader(request, consultation)
            by_consultation[consultation.pk].supported = supported
        reader = by_consultation[consultation.pk]
        for item in (view, *view.replies):
            _set_actions(item, user, reader)
    return sorted(views.values(), key=lambda v: v.pk)


def _set_actions(view: CommentView, user, reader: ReaderState) -> None:
    """What the reader may do with a comment: consultation.rules, with the one answer that
    queries (a verified e-mail, while the consultation is open) asked once for the page
    (`reader.may_comment`). A parity test runs the role matrix through both paths."""
    comment = view.comment
    person = user if reader.authenticated else AnonymousUser()
    at, commenting = reader.now, reader.may_comment
    view.can_reply = rules.may_reply(person, comment, at=at, commenting=commenting)
    view.can_edit = rules.may_edit(person, comment, at=at)
    view.can_withdraw = rules.may_withdraw(person, comment, at=at)
    view.can_support = rules.may_support(person, comment, at=at, commenting=commenting)
    view.can_flag = rules.may_flag(person, comment)
    view.supported = comment.pk in reader.supported


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


@dataclass
class CommentPage:
    """A comment's own page: the comment (or the reply, within its thread), what it was written
    on, and where the change it asked for landed."""

    comment: Comment  # the top of the thread
    view: CommentView  # the thread as the reader sees it: the top, its replies, the actions
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
    replies = list(
        Comment.objects.filter(parent=top).select_related(*related).order_by("created_at", "pk")
    )
    thread = [top, *replies]
    view = CommentView(top, replies=[CommentView(reply) for reply in replies])
    if reader.authenticated:
        reader.supported = set(
            Support.objects.filter(user=request.user, comment__in=thread).values_list(
                "comment_id", flat=True
            )
        )
    user = request.user if reader.authenticated else None
    for comment in thread:
        comment.consultation = top.consultation
    for item in (view, *view.replies):
        _set_actions(item, user, reader)
    landed = top.answer.target_section if rules.has_published_answer(top) else None
    edits: dict[int, list[CommentEdit]] = {}
    # Only of visible comments: a hidden or withdrawn comment keeps none of its words public.
    shown = [c for c in thread if c.status == Comment.Status.VISIBLE]
    for edit in CommentEdit.objects.filter(comment__in=shown).order_by("replaced_at", "pk"):
        edits.setdefault(edit.comment_id, []).append(edit)
    return CommentPage(
        comment=top,
        view=view,
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
