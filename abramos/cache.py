"""The page cache: whole responses of anonymous reads, invalidated whenever public content changes.

What anonymous readers see changes only when content changes (DESIGN.md), so the portal keeps the
full response of an anonymous GET in the cache (Redis in production, local memory in development)
under a key made of the address and the language, together with the *generations* of the tables
its rendering read (recorded from the SQL it ran): a token per table, stored in the cache and
replaced after every committed save, delete or `update()` of a model that public pages show
(`@shown_on_public_pages`), and one for everything, which `invalidate()` renews. A new comment
therefore makes the pages that read comments stale at once (the version page, the consultation's
figures) and leaves the others in the cache (the spending pages, the process). Its author,
signed in, never gets one of these pages (the version page they read is made for them from a
page shared by signed-in readers, with what they wrote in it: abramos/reader_pages.py). The next
anonymous request for a stale page renders it again; while it does (it holds a lock in the
cache, at most `_LOCK_SECONDS`), other anonymous readers of that page are served the copy they
had (`X-Page-Cache: stale`), so a burst of readers right after a comment costs one render, not
one each, and sees the comment within the time that render takes. With no copy at all they wait
for it up to `_WAIT_SECONDS`, then render themselves.
`PAGE_CACHE_SECONDS` (default 60, 0 turns the cache off) bounds how long a page lives anyway, for
what changes with time alone (a consultation that closes at midnight, "3 days left"). Under a
stream of changes (people commenting every moment) a page is rendered again at most once every
`PAGE_REFRESH_SECONDS` (default 0.5): a copy younger than that is served as it is, so a change
reaches anonymous readers within that time and one rendering, and the renders do not take every
core.

Pages are kept gzipped (compressed once, when stored) and sent that way to every client that
accepts it; `Vary: Accept-Encoding` says so. What is not cached is compressed by Django's
GZipMiddleware, which pads each response with random bytes against BREACH.

A response is stored only when nothing in it belongs to one person:

- the request carries no session or messages cookie (a signed-in person, or one with a message
  waiting, never gets one of these pages: abramos/reader_pages.py serves signed-in readers);
- it is a GET with status 200, HTML, CSV, JSON or a feed, and not under the admin, the account
  pages or the consultation's staff pages (a streamed download, a dataset, is kept once it has
  all been sent, if it is at most `_STREAM_MAX` bytes);
- it sets no cookie and used no CSRF token (a page with a form, /contacto/ for one, is rendered
  for every request: caching it would hand everybody the same token);
- the view did not mark it private, no-cache or no-store.

A page is kept under its path and only the query parameters its view reads, as the view declares
them with `@reads_query("q", "pagina")` (a view that declares none reads none). Other parameters
are dropped before the view runs, so a page is the same for `?x=1` as without it: 1,000 requests
with 1,000 made-up parameters used to render and store 1,000 copies of a page, and a parameter
echoed into its links (`?orden=...&x=...`) would have been served to everyone.

Every stored page carries an `ETag` (a hash of its bytes) and `Cache-Control: public, max-age=0,
must-revalidate`, so a browser or a CDN asks again every time and gets a 304 while the page is
unchanged. A model opts in with `@shown_on_public_pages` (naming the fields no public page shows)
and a `PublicQuerySet`, whose `update()` invalidates too; writes that skip every signal
(`bulk_create`, the demo loaders) call `invalidate()` themselves.

The cache is an optimisation, never a dependency: when Redis is down every request is rendered.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import re
import time
from collections.abc import Callable, Iterable
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.core.cache import caches
from django.db import connection, models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified, QueryDict
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.connection import ConnectionProxy
from django.utils.http import parse_http_date_safe
from django.views.decorators.cache import never_cache

from abramos import metrics

logger = logging.getLogger(__name__)
# The "pages" cache: the same Redis as the default one, but an operation Redis does not answer
# raises here (no IGNORE_EXCEPTIONS), so each use below says what "no answer" means for it.
cache = ConnectionProxy(caches, "pages")

_CACHEABLE_TYPES = (
    "text/html",
    "text/csv",
    "application/json",
    "application/atom+xml",
    "application/rss+xml",
    "application/xml",
)
# Headers that describe one response or one person, never replayed from the cache.
_NOT_STORED = {"set-cookie", "date"}
MAX_QUERY_STRING = 256  # longer query strings are rendered, not stored: no cache flooding
_GZIP_FROM = 1024  # bytes; smaller pages are stored as they are
_STREAM_MAX = 4 * 1024 * 1024  # a streamed download larger than this is never kept
_ACCEPTS_GZIP = re.compile(r"\bgzip\b")
# After a change, one process renders a page again (it holds the lock for at most this long)
# while the others serve the previous copy; with no copy at all they wait up to _WAIT_SECONDS.
_LOCK_SECONDS = 10
_WAIT_SECONDS = 2.0


def seconds() -> int:
    """How long a page is kept (PAGE_CACHE_SECONDS; 0: the cache is off)."""
    return getattr(settings, "PAGE_CACHE_SECONDS", 60)


# Never looked up nor stored: the admin, the health probe and the account pages, which this
# project's own URLconf and allauth serve. Other apps' private pages say so themselves
# (`@private`, which the authorisation matrix checks for every page that is not public).
_SKIPPED_PREFIXES = ("/admin/", "/salud/", "/cuenta/")


def _skipped(path: str) -> bool:
    for code, _name in settings.LANGUAGES:
        prefix = f"/{code}/"
        if path.startswith(prefix):
            path = path[len(prefix) - 1 :]
            break
    return path.startswith(_SKIPPED_PREFIXES)


# Content generation ---------------------------------------------------------------------------


def namespace() -> str:
    # Two sites sharing one Redis (a test run beside a development server, say) never see each
    # other's pages or generations, whatever their KEY_PREFIX.
    return f"pagecache:{connection.settings_dict['NAME']}"


# Every table that public pages read has a generation of its own, renewed after every committed
# write to it; a page is kept with the generations of the tables its rendering read (recorded
# from the SQL it ran), and with the global one, which `invalidate()` renews for writes that skip
# the signals. A comment then makes the version page and the consultation's figures stale, and
# leaves the spending pages and the process alone. A test crawls every public page and fails
# when one reads a table whose writes would not make it stale (tests/test_links.py).
EVERYTHING = "*"
_STAMP_PART = re.compile(r"([*\w]+)=(\w+)")
_READ_TABLE = re.compile(r'\b(?:FROM|JOIN)\s+"?(\w+)"?', re.IGNORECASE)


def generation_key(table: str = EVERYTHING) -> str:
    return _generation_keys(namespace())[table]


@lru_cache(maxsize=8)
def _generation_keys(space: str) -> dict[str, str]:
    """Table (or EVERYTHING) -> the key of its generation, in the namespace `space`."""
    keys = {EVERYTHING: f"{space}:generation"}
    keys.update({table: f"{space}:generation:{table}" for table in tracked_tables()})
    return keys


def _new_token() -> int:
    # Unique, never reused: a generation lost from the cache cannot bring back old pages. An
    # integer: the cache stores and reads it as it is, where a string would be pickled.
    return time.time_ns()


def generation(table: str = EVERYTHING) -> str:
    """The current generation of `table` (of everything by default)."""
    return generations(tables=(table,)).tokens[table]


def generation_keys(tables: Iterable[str] | None = None) -> list[str]:
    """The keys of the generations of `tables` (None: of every table) and the global one: a
    page's lookup reads them with the page, in one round trip."""
    keys = _generation_keys(namespace())
    if tables is None:
        return list(keys.values())
    return [keys[EVERYTHING], *(keys[t] for t in tables if t in keys)]


# The tables each page read when it was last seen in this process (page key -> tables), so that
# a lookup asks Redis for those generations only, not all 40-odd of them: that took 80 us per
# hit. A page whose stamp names a table not asked for costs a second round trip, once.
_READ_BY_PAGE: dict[str, tuple[str, ...]] = {}
_READ_BY_PAGE_MAX = 4096


def tables_read(key: str) -> tuple[str, ...] | None:
    """What the page kept under `key` read when this process last saw it (None: unknown)."""
    return _READ_BY_PAGE.get(key)


def remember_tables_read(key: str, stamp) -> None:
    if not isinstance(stamp, str):
        return
    tables = tuple(t for t, _token in _STAMP_PART.findall(stamp) if t != EVERYTHING)
    if _READ_BY_PAGE.get(key) != tables:
        if len(_READ_BY_PAGE) >= _READ_BY_PAGE_MAX:
            # The oldest; a threaded worker's other thread may be doing the same.
            with suppress(RuntimeError, StopIteration):
                _READ_BY_PAGE.pop(next(iter(_READ_BY_PAGE)), None)
        _READ_BY_PAGE[key] = tables


def generations_for_page(found: dict, read, key: str, stamp) -> Generations:
    """The generations to judge the page kept under `key` by, from a lookup that asked for
    those of the tables `read` (None: all): all of them when its `stamp` (None: no page) names
    others, since it reads other tables now. Remembers what it read."""
    current = generations(found, read)
    if stamp is not None:
        if not current.knows(stamp):
            current = generations()
        remember_tables_read(key, stamp)
    return current


@dataclass(frozen=True)
class Generations:
    """The generations at one moment: table (or EVERYTHING) -> token."""

    tokens: dict[str, str]

    def stamp(self, tables: Iterable[str]) -> str:
        """What a page rendered from now on is kept under, having read `tables`: the global
        generation and that of each public table among them (of every public table when one
        was derived from them: the search index)."""
        tables = set(tables)
        if tables & _DERIVED:
            tables.update(tracked_tables())
        kept = sorted(tables.intersection(tracked_tables()))
        return ";".join(f"{t}={self.tokens[t]}" for t in (EVERYTHING, *kept))

    @property
    def complete(self) -> bool:
        """Whether these are the generations of every table (not of some only)."""
        return len(self.tokens) == len(tracked_tables()) + 1

    def knows(self, stamp) -> bool:
        """Whether these generations include every one `stamp` names (a lookup that asked for
        some only)."""
        if not isinstance(stamp, str):
            return True  # nothing to know: it is not current anyway
        return all(t in self.tokens for t, _token in _STAMP_PART.findall(stamp))

    def holds(self, stamp) -> bool:
        """Whether a page kept under `stamp` is current: nothing it read changed since."""
        if not isinstance(stamp, str) or not stamp.startswith(EVERYTHING + "="):
            return False  # an older release's, or none
        return all(self.tokens.get(t) == token for t, token in _STAMP_PART.findall(stamp))


def generations(found: dict | None = None, tables: Iterable[str] | None = None) -> Generations:
    """The current generations of `tables` (None: of every table) and the global one, from
    `found` (a `get_many` of `generation_keys(tables)` with whatever else the caller needed in
    the same round trip) or from the cache. One the cache lost is started again with a new
    token: pages rendered under the lost one are stale."""
    keys = _generation_keys(namespace())
    if tables is not None:
        keys = {t: keys[t] for t in (EVERYTHING, *tables) if t in keys}
    if found is None:
        found = cache.get_many(list(keys.values()))
    tokens = {table: found.get(key) for table, key in keys.items()}
    missing = [table for table, token in tokens.items() if token is None]
    if missing:
        for table in missing:
            cache.add(keys[table], _new_token(), timeout=None)
        again = cache.get_many([keys[t] for t in missing])
        for table in missing:
            tokens[table] = again.get(keys[table]) or _new_token()
    return Generations({table: str(token) for table, token in tokens.items()})


class _Reads:
    """The tables the SQL run inside `recording_reads()` named (the execute wrapper)."""

    def __init__(self) -> None:
        self.tables: set[str] = set()

    def __call__(self, execute, sql, params, many, context):
        self.tables.update(_READ_TABLE.findall(sql))
        return execute(sql, params, many, context)


@contextmanager
def recording_reads():
    """`with recording_reads() as reads:` ... `reads.tables`: the tables queried inside."""
    reads = _Reads()
    with connection.execute_wrapper(reads):
        yield reads


def invalidate(model=None) -> None:
    """The cached pages that read `model`'s tables are stale from now on (every page, without a
    model: for writes that skip the signals, such as `bulk_create`).

    Renewed at once (what this transaction reads next, and a test inside one, is fresh) and
    again when the transaction commits: a page another request rendered meanwhile from the
    data as it was before the commit is stored under the first token, never under the last.
    """
    if model is None:
        tables = [EVERYTHING]
    else:  # a table no public page reads (a link to a model none shows) has no generation
        tables = sorted(_tables(model).intersection(tracked_tables()))
        if not tables:
            return
    _bump(tables)
    connection_ = transaction.get_connection()
    if connection_.in_atomic_block:
        # One renewal when the transaction commits, however many writes it made (a reply saves
        # the reply, counts it on its parent and indexes it).
        for _savepoints, callback, _robust in reversed(connection_.run_on_commit):
            if isinstance(callback, _OnCommit):
                callback.tables.update(tables)
                return
    transaction.on_commit(_OnCommit(tables), robust=True)


class _OnCommit:
    """The tables to renew when the transaction commits. A savepoint rolled back drops the
    callback registered inside it, and the next write registers another; tables added to one
    registered outside it are renewed anyway, which is only one renewal too many."""

    def __init__(self, tables: Iterable[str]) -> None:
        self.tables = set(tables)

    def __call__(self) -> None:
        _bump(sorted(self.tables))


def _bump(tables: Iterable[str]) -> None:
    token = _new_token()
    try:
        cache.set_many({generation_key(t): token for t in tables}, timeout=None)
    except Exception:  # the cache being down must never fail a write; pages expire anyway
        logger.warning("page cache: could not renew the content generation", exc_info=True)


# Models whose rows public pages show, each with the fields no public page shows (a staff flag,
# the time of a log-in): `@shown_on_public_pages` in each app's models.py, and the history of
# each (the datasets say when a record last changed). A write to any other model (a report, a
# notification, a preference, a message to the Technical Group) leaves the cached pages alone.
_PUBLIC: dict[type, frozenset[str]] = {}


def shown_on_public_pages(model=None, *, private_fields: Iterable[str] = ()):
    """Class decorator for a model that public pages show: saving, deleting or `update()`-ing
    its rows makes the cached pages that read its table stale, unless only `private_fields`
    changed. Its queryset should be (or derive from) `PublicQuerySet`, so that `update()` does
    too."""

    def mark(cls):
        _PUBLIC[cls] = frozenset(private_fields)
        _public.cache_clear()
        tracked_tables.cache_clear()
        _generation_keys.cache_clear()
        return cls

    return mark(model) if model is not None else mark


# Tables written from the public models' own writes (their signals) and rebuilt in bulk (the
# search index): a page that reads one depends on every public table.
_DERIVED: set[str] = set()


def derived_from_public_models(model):
    """Class decorator for a model whose rows are made from public models' rows whenever those
    change (the search index): a page that reads it is renewed by any public change."""
    _DERIVED.add(model._meta.db_table)
    return model


def derived_tables() -> frozenset[str]:
    return frozenset(_DERIVED)


@lru_cache(maxsize=1)
def _public() -> dict[type, frozenset[str]]:
    """`_PUBLIC` with each model's history (django-simple-history, registered once the apps
    are ready): asked from the first write or page on."""
    models_ = dict(_PUBLIC)
    for model in _PUBLIC:
        manager = getattr(model._meta, "simple_history_manager_attribute", None)
        if manager and hasattr(model, manager):
            models_.setdefault(getattr(model, manager).model, frozenset())
    return models_


def public_models() -> dict[type, frozenset[str]]:
    return dict(_public())


def _tables(model) -> set[str]:
    """The tables a write through `model` may change: its own, its parents' (multi-table
    inheritance) and its many-to-many ones."""
    meta = model._meta.concrete_model._meta
    tables = {meta.db_table} | {parent._meta.db_table for parent in meta.get_parent_list()}
    tables |= {field.remote_field.through._meta.db_table for field in meta.local_many_to_many}
    return tables


@lru_cache(maxsize=1)
def tracked_tables() -> tuple[str, ...]:
    """Every table with a generation of its own: those of the public models."""
    return tuple(sorted(set().union(*(_tables(model) for model in _public()))))


def shows_change(model, fields: Iterable[str] | None) -> bool:
    """Whether a write to `fields` of `model` (None: all of them) changes what public pages
    show: the model is shown on them and a field other than its private ones changed."""
    private = _public().get(getattr(model, "_meta", None) and model._meta.concrete_model)
    if private is None:
        return False
    return not fields or not set(fields) <= private


class PublicQuerySet(models.QuerySet):
    """`update()` skips the save signals: it renews the cached pages itself, when the model is
    shown on public pages and a public field changed (abramos.cache.shown_on_public_pages)."""

    def update(self, **kwargs):
        rows = super().update(**kwargs)
        if rows and shows_change(self.model, kwargs):
            invalidate(self.model)
        return rows

    update.alters_data = True


def _on_change(sender, **kwargs) -> None:
    if kwargs.get("raw"):  # fixtures being loaded
        return
    if "instance" in kwargs and "action" in kwargs:  # m2m_changed: both ends, with the link
        if kwargs["action"].startswith("post_"):
            ends = (type(kwargs["instance"]), kwargs["model"])
            if any(shows_change(end, None) for end in ends):
                for end in ends:  # the owner's tables include the link table
                    invalidate(end)
        return
    if shows_change(sender, kwargs.get("update_fields")):
        invalidate(sender)


def _urls_changed(*, setting, **kwargs) -> None:
    if setting == "ROOT_URLCONF":  # tests that serve other URLs
        public_view.cache_clear()


def connect_signals() -> None:
    """Called once from AbramosConfig.ready(): every process that writes (web, Celery, admin
    commands) invalidates the pages."""
    from django.test.signals import setting_changed

    setting_changed.connect(_urls_changed, dispatch_uid="abramos.cache.urls_changed")
    post_save.connect(_on_change, dispatch_uid="abramos.cache.post_save")
    post_delete.connect(_on_change, dispatch_uid="abramos.cache.post_delete")
    m2m_changed.connect(_on_change, dispatch_uid="abramos.cache.m2m_changed")


# Query parameters -----------------------------------------------------------------------------


def reads_query(*names: str | Callable[[], Iterable[str]]):
    """Declare the query parameters a cacheable view reads: `@reads_query("q", "pagina")`, or a
    callable giving them, asked at each request (the version page's filters come from the
    consultation's panels). The page cache keeps the page under those alone, and the view sees
    no other (see the module docstring)."""

    def mark(view):
        view.page_cache_query = names
        return view

    return mark


def private(view):
    """For a view that is never public (a staff page, a person's preferences): the page cache
    neither looks it up nor stores it, and no other cache may keep it (`never_cache`: private,
    no-cache, no-store). The authorisation matrix checks that every page that is not public
    says so."""
    wrapped = never_cache(view)
    wrapped.page_cache_private = True
    return wrapped


@lru_cache(maxsize=4096)
def public_view(path: str, language: str):
    """The view of `path`, or None when no view has this address or its view is private.
    Resolving is a walk of the URL patterns: remembered per path (the patterns never change
    while a process runs). Also asked by abramos.reader_pages."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if getattr(match.func, "page_cache_private", False):
        return None
    return match.func


def _read_names(request: HttpRequest) -> set[str] | None:
    view = public_view(request.path_info, getattr(request, "LANGUAGE_CODE", ""))
    if view is None:
        return None
    declared = getattr(view, "page_cache_query", ())
    names: set[str] = set()
    for item in declared:
        names.update(item() if callable(item) else (item,))
    return names


def keep_read_parameters(request: HttpRequest) -> bool:
    """Drop from the request the parameters its view does not read; False when the address
    has no view (rendered, never stored: a 404) or a private one."""
    names = _read_names(request)
    if names is None:
        return False
    query = request.META.get("QUERY_STRING", "")
    if not query:
        return True
    kept = QueryDict(mutable=True)
    for name in sorted(names):
        values = request.GET.getlist(name)
        if values:
            kept.setlist(name, values)
    canonical = kept.urlencode()
    if canonical != query:
        request.GET = QueryDict(canonical)
        request.META["QUERY_STRING"] = canonical
    return True


# The middleware -------------------------------------------------------------------------------


def _personal(request: HttpRequest) -> bool:
    """A request that may see something of its own: a session (signed in or with a form in
    progress) or a message waiting to be shown."""
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies


def _key(request: HttpRequest) -> str:
    raw = "|".join(
        (
            request.scheme,
            request.get_host(),
            getattr(request, "LANGUAGE_CODE", ""),
            request.get_full_path(),
        )
    )
    return f"{namespace()}:page:{digest(raw)}"


def digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def _storable(request: HttpRequest, response: HttpResponse, *, streamed: bool = False) -> bool:
    if response.status_code != 200 or response.streaming != streamed or request.method != "GET":
        return False
    if response.cookies:
        # It belongs to this visitor. This covers every page that rendered a CSRF token: Django
        # sends the CSRF cookie with every response whose rendering called get_token().
        return False
    content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
    if content_type not in _CACHEABLE_TYPES:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    return not any(word in cache_control for word in ("private", "no-cache", "no-store"))


def _etag(body: bytes) -> str:
    return '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'


def _matches(request: HttpRequest, etag: str) -> bool:
    wanted = request.headers.get("if-none-match", "")
    if not wanted:
        return False
    tags = {tag.strip().removeprefix("W/") for tag in wanted.split(",")}
    return "*" in tags or etag in tags


@dataclass(frozen=True)
class _Stored:
    """One page in the cache: rendered under `generation` (`Generations.stamp`: the generations
    of the tables it read), its body kept gzipped (`gzipped`) when that is smaller."""

    generation: str
    headers: list[tuple[str, str]]
    body: bytes
    gzipped: bool
    etag: str
    rendered_at: float = 0.0  # time.time() when it was stored


def refresh_seconds() -> float:
    """A page rendered less than this long ago is served even when content changed since
    (PAGE_REFRESH_SECONDS, default 0.5 s): under a stream of changes a page is rendered again at
    most once in that time, not after every change, and a change shows within it."""
    return getattr(settings, "PAGE_REFRESH_SECONDS", 0.5)


def fresh_enough(rendered_at: float) -> bool:
    return time.time() - rendered_at < refresh_seconds()


def accepts_gzip(request: HttpRequest) -> bool:
    return bool(_ACCEPTS_GZIP.search(request.headers.get("accept-encoding", "")))


def _not_modified(request: HttpRequest, stored: _Stored) -> bool:
    """If-None-Match first (RFC 9110 13.2.2); else If-Modified-Since against the page's own
    Last-Modified, which the dataset downloads send."""
    if request.headers.get("if-none-match"):
        return _matches(request, stored.etag)
    since = parse_http_date_safe(request.headers.get("if-modified-since", ""))
    if since is None:
        return False
    modified = next((v for k, v in stored.headers if k.lower() == "last-modified"), None)
    modified = parse_http_date_safe(modified) if modified else None
    return modified is not None and modified <= since


def _replay(request: HttpRequest, stored: _Stored, state: str) -> HttpResponse:
    metrics.page_cache_served(state)
    if _not_modified(request, stored):
        response = HttpResponseNotModified()
        for name, value in stored.headers:
            if name.lower() in (
                "etag",
                "cache-control",
                "vary",
                "content-language",
                "last-modified",
            ):
                response[name] = value
        return response
    if stored.gzipped and accepts_gzip(request):
        response = HttpResponse(stored.body)
        for name, value in stored.headers:
            response[name] = value
        response["Content-Encoding"] = "gzip"
        response["ETag"] = f"W/{stored.etag}"  # not the same bytes as the identity body's
    else:
        body = gzip.decompress(stored.body) if stored.gzipped else stored.body
        response = HttpResponse(body)
        for name, value in stored.headers:
            response[name] = value
    response["Content-Length"] = str(len(response.content))
    response["X-Page-Cache"] = state
    return response


def _store(key: str, token: str, response: HttpResponse, seconds: int) -> _Stored:
    etag = _etag(response.content)
    response["ETag"] = etag
    if "Cache-Control" not in response:
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
    patch_vary_headers(response, ("Accept-Encoding",))
    headers = [
        (k, v) for k, v in response.items() if k.lower() not in _NOT_STORED | {"content-length"}
    ]
    body, gzipped = response.content, False
    if len(body) >= _GZIP_FROM:
        # mtime=0: the same page always compresses to the same bytes.
        packed = gzip.compress(body, compresslevel=6, mtime=0)
        if len(packed) < len(body):
            body, gzipped = packed, True
    stored = _Stored(token, headers, body, gzipped, etag, time.time())
    remember_tables_read(key, token)
    try:
        cache.set(key, stored, timeout=seconds)
    except Exception:
        logger.warning("page cache: could not store %s", key, exc_info=True)
    return stored


def _kept_once_sent(chunks, key: str, token: str, headers: list, seconds: int):
    """Yields the streamed body as it comes and, when all of it has gone out and it was at most
    `_STREAM_MAX` bytes, stores it like a page (memory stays bounded by that)."""
    kept: list[bytes] | None = []
    size = 0
    for chunk in chunks:
        if kept is not None:
            size += len(chunk)
            if size > _STREAM_MAX:
                kept = None
            else:
                kept.append(chunk)
        yield chunk
    if kept is not None:
        whole = HttpResponse(b"".join(kept))
        for name, value in headers:
            whole[name] = value
        _store(key, token, whole, seconds)


def take_render_lock(key: str) -> bool:
    """Whether this request renders the page kept under `key`: it took the lock, or Redis did
    not answer (nobody can hold a lock then, and nobody else's page can come: render at once).
    Also for the pages signed-in readers share (abramos.reader_pages)."""
    try:
        return bool(cache.add(f"{key}:rendering", 1, timeout=_LOCK_SECONDS))
    except Exception:
        logger.warning("page cache: no answer for the lock of %s", key, exc_info=True)
        return True


def release_render_lock(key: str) -> None:
    try:
        cache.delete(f"{key}:rendering")
    except Exception:
        logger.warning("page cache: could not release %s", key, exc_info=True)


class PageCacheMiddleware:
    """Serves anonymous reads from the cache and stores the ones that may be shared (see the
    module docstring). Goes right after LocaleMiddleware: the language is known, and a hit skips
    CSRF, authentication and messages, none of which an anonymous cached page needs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        kept_for = seconds()
        if (
            kept_for <= 0
            or request.method not in ("GET", "HEAD")
            or _personal(request)
            or _skipped(request.path_info)
            or len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_STRING
            or not keep_read_parameters(request)
        ):
            return self._uncached(request)
        try:
            key = _key(request)
            # One round trip to Redis for the page and the generations of what it read: most of
            # what a hit costs is waiting for it.
            read = tables_read(key)
            found = cache.get_many([key, *generation_keys(read)])
            stored = found.get(key)
            if not isinstance(stored, _Stored):  # nothing, or left by an older release
                stored = None
            stamp = stored.generation if stored is not None else None
            current = generations_for_page(found, read, key, stamp)
        except Exception:  # Redis down: render, as if nothing were cached
            logger.warning("page cache unavailable", exc_info=True)
            return self._uncached(request)
        if stored is not None and current.holds(stored.generation):
            return _replay(request, stored, "hit")
        if stored is not None and fresh_enough(stored.rendered_at):
            return _replay(request, stored, "stale")
        # Missing or rendered before a change to what it shows: one process renders it again
        # while the others keep serving the page they have (or wait a moment for the new one).
        if not take_render_lock(key):
            if stored is not None:
                return _replay(request, stored, "stale")
            fresh = self._wait(key)
            if fresh is not None:
                return _replay(request, fresh, "hit")
            return self._render(request, key, current, kept_for)  # the renderer is slow or gone
        try:
            return self._render(request, key, current, kept_for)
        finally:
            release_render_lock(key)

    def _render(self, request, key: str, current: Generations, seconds: int) -> HttpResponse:
        if not current.complete:  # some only: the page may read other tables now
            current = generations()
        with recording_reads() as reads:
            response = self.get_response(request)
        if _storable(request, response, streamed=True):
            # A download (a dataset): streamed as it is made, and kept once it has all gone
            # out, if it was not too large to hold. What it reads while it streams is not
            # recorded: it is kept as reading every table.
            headers = list(response.items())
            response.streaming_content = _kept_once_sent(
                response.streaming_content, key, current.stamp(tracked_tables()), headers,
                seconds,
            )  # fmt: skip
            response["X-Page-Cache"] = "miss"
            metrics.page_cache_served("miss")
            return response
        if not _storable(request, response):
            return response
        stored = _store(key, current.stamp(reads.tables), response, seconds)
        return _replay(request, stored, "miss")

    @staticmethod
    def _wait(key: str) -> _Stored | None:
        deadline = time.monotonic() + _WAIT_SECONDS
        while time.monotonic() < deadline:
            time.sleep(0.02)
            try:
                stored = cache.get(key)
            except Exception:
                return None
            if stored is not None:
                return stored
        return None

    def _uncached(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if _personal(request) and "Cache-Control" not in response:
            # Rendered for one person: no shared cache (a CDN, a proxy) may keep it.
            patch_cache_control(response, private=True)
            patch_vary_headers(response, ("Cookie",))
        return response
