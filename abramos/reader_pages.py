"""Signed-in readers of a shared page: one rendering per kind of reader, and each person's own
parts filled in per request.

A signed-in reader's version page differs from every other signed-in reader's in a few places
only: the CSRF token, the client token of each comment form, and the comments the reader wrote
or supported (their actions: edit, withdraw, "Remove my support"). So a view marked
`@shared_with_readers` is rendered for a *kind* of reader (signed in, e-mail verified or not) by
a stand-in that has no name, no e-mail, no comments and no supports (`SharedReader`), with
placeholders where the tokens go and a slot around each part that may belong to someone
(`<!--slot:NAME-->...<!--/slot:NAME-->` in the template). That rendering, the *shared page*, is
kept in the page cache's Redis under the address, the language and the kind of reader, with the
generations of the tables it read (abramos.cache); for each request it is taken from
there and made personal:

- every placeholder gets this request's CSRF token, or a client token made of a new random
  part and the form's own suffix (`{{ client_token }}-s12`), so every form of every page is
  different (consultation.services stores a comment sent twice once);
- each registered personaliser (`register_personaliser`; consultation registers the comments)
  returns the slots that differ for this person, rendered for them, from what the shared page
  noted while it was rendered (`note()`: which comments it shows).

The real person is never in the shared page: templates and rules see the stand-in while it is
rendered, so even a template that printed `user.email` would print nothing. A test signs in two
people with the caches warm and checks that neither receives the other's tokens or actions.

Freshness is the page cache's: after a change one request renders the page again (it holds a
lock; at most once every PAGE_REFRESH_SECONDS) while others are served the page they had. What a
reader wrote is on their next page at once, whatever page they are served: the personaliser
reads the reader's comments and supports for every request (one query) and fills in, for them,
the actions of each comment of theirs the page shows (edit, withdraw, "Remove my support"),
decided from what the page noted of it without another query; it reads and renders for them
each such thread that changed since the page was rendered (an edit, a support, a reply), and
each panel where they commented since and where that comment shows. Two exceptions, each until
the page is rendered again (about a second): a support the reader withdrew leaves nothing to
read, so the count beside that comment still includes it (the button already says "Support");
and a comment in a section that shows its first comments only (or on a full page of them) is
not shown there anyway, so only the section's count lags, as it does for everyone. With Redis
down every page is rendered for its request. A message waiting for the reader ("Your comment
was published") is a slot too.
"""

from __future__ import annotations

import gzip
import logging
import re
import secrets
import struct
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache as memoise

from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.cache import patch_vary_headers
from django.utils.crypto import salted_hmac
from isal import isal_zlib

from abramos import cache as page_cache

logger = logging.getLogger(__name__)

_WAIT_SECONDS = 2.0
_NOT_STORED = {"set-cookie", "date", "content-length"}


# Placeholders ---------------------------------------------------------------------------------


@memoise
def placeholders() -> tuple[str, str]:
    """(CSRF token, client token) stand-ins for what differs per request in HTML rendered to be
    shared. Derived from SECRET_KEY: the same in every process and never sent to anyone, so
    nobody can write one into a comment. (The salt is the one consultation.fragments used
    before this module existed: fragments cached under it stay valid.)"""
    return tuple(
        "ph" + salted_hmac("consultation.fragments", name).hexdigest()[:32]
        for name in ("csrf", "client_token")
    )


def new_client_token() -> str:
    """The random part of a form's client token (32 hex digits)."""
    return uuid.uuid4().hex


def personalise(html: str, csrf_token: str, client_token: str | None = None) -> str:
    """`html` with this request's CSRF token and `client_token` (a new one by default) where
    the placeholders are."""
    csrf, token = placeholders()
    if csrf in html:
        html = html.replace(csrf, csrf_token)
    if token in html:
        html = html.replace(token, client_token or new_client_token())
    return html


# Slots ----------------------------------------------------------------------------------------

_SLOT_NAME = re.compile(r"[a-z0-9_.-]{1,64}")


def fill_slots(page: str, parts: dict[str, str]) -> str:
    """`page` with the content of each slot named in `parts` replaced (a part that carries its
    slot's markers, as a panel rendered again does, loses them). A name the page does not have
    is left out (the page changed since), and a slot inside one replaced is left to it."""
    if not parts:
        return page
    found = []
    for name, html in parts.items():
        if not _SLOT_NAME.fullmatch(name):
            raise ValueError(f"bad slot name {name!r}")
        opening, closing = f"<!--slot:{name}-->", f"<!--/slot:{name}-->"
        start = page.find(opening)
        if start < 0:
            continue
        start += len(opening)
        end = page.find(closing, start)
        if end < 0:
            continue
        inner = html.strip()
        if inner.startswith(opening) and inner.endswith(closing):
            html = inner[len(opening) : -len(closing)]
        found.append((start, end, html))
    pieces, at = [], 0
    for start, end, html in sorted(found, key=lambda f: (f[0], -f[1])):
        if start < at:
            continue  # inside a slot already replaced
        pieces += [page[at:start], html]
        at = end
    pieces.append(page[at:])
    return "".join(pieces)


# The stand-in reader --------------------------------------------------------------------------


class _Nobody:
    """A primary key equal to none: the stand-in wrote nothing, supported nothing."""

    def __eq__(self, other):
        return False

    def __ne__(self, other):
        return True

    def __hash__(self):
        return 0

    def __repr__(self):
        return "<nobody>"


NOBODY = _Nobody()


class SharedReader:
    """Who a shared page is rendered for: signed in, with a verified e-mail or not, and nothing
    else (no name, no e-mail, no permission, no comment, no support)."""

    is_authenticated = True
    is_anonymous = False
    is_active = True
    is_staff = False
    is_superuser = False
    pk = id = NOBODY

    def __init__(self, verified: bool):
        self.shared_verified_email = verified

    def has_perm(self, perm, obj=None) -> bool:
        return False

    def has_perms(self, perms, obj=None) -> bool:
        return False

    def has_module_perms(self, app_label) -> bool:
        return False

    def get_username(self) -> str:
        return ""

    def __str__(self) -> str:
        return ""


def verified_email(user) -> bool:
    """Whether `user` is signed in, active and has a verified e-mail address. The stand-in
    answers at once, and so does a request that asked already (`_kind`); otherwise the answer
    comes from the cache, where it is kept for a minute and forgotten whenever one of the
    person's addresses is saved or deleted, or from one query when the cache has none."""
    if not user.is_authenticated or not user.is_active:
        return False
    if isinstance(user, SharedReader):
        return user.shared_verified_email
    known = getattr(user, "_reader_pages_verified", None)
    if isinstance(known, bool):
        return known
    return _kind(user) == "verified"


def _verified_in_database(user) -> bool:
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user, verified=True).exists()


# What a rendering notes, and the personalisers --------------------------------------------------


@dataclass
class _Rendering:
    notes: dict = field(default_factory=dict)


def shared(request) -> bool:
    """Whether `request` is rendering a shared page (for SharedReader, with placeholders)."""
    return isinstance(getattr(request, "_shared_rendering", None), _Rendering)


def note(request, key: str, value) -> None:
    """Keep `value` with the shared page being rendered, for the personalisers (it must be
    picklable). Does nothing when `request` is not rendering a shared page."""
    rendering = getattr(request, "_shared_rendering", None)
    if isinstance(rendering, _Rendering):
        rendering.notes[key] = value


Personaliser = Callable[..., dict[str, str]]
_personalisers: list[Personaliser] = []


def register_personaliser(function: Personaliser) -> Personaliser:
    """`function(request, notes)` returns {slot name: HTML} for the person of `request` (its
    tokens as placeholders), from what the shared page noted."""
    if function not in _personalisers:
        _personalisers.append(function)
    return function


def shared_with_readers(view):
    """Marks a public view whose signed-in readers share one rendering per kind of reader (see
    the module docstring). Its templates put what belongs to one person in slots."""
    view.shared_with_readers = True
    return view


# The middleware -------------------------------------------------------------------------------


@dataclass
class _Shared:
    generation: str  # abramos.cache.Generations.stamp: the generations of the tables it read
    started: int  # time.time_ns() when its rendering began
    headers: list[tuple[str, str]]
    body: bytes
    notes: dict

    @property
    def stamp(self) -> tuple[str, int]:
        return (self.generation, self.started)

    def with_tokens(self, csrf_token: bytes, client_token: bytes) -> bytes:
        """The body with these tokens for the placeholders: the body is cut at them once per
        process, then joined for each request (two passes of `replace` over 730 KB took
        longer)."""
        pieces = self.__dict__.get("_pieces")
        if pieces is None:
            pieces = self.__dict__["_pieces"] = _cut(self.body)
        tokens = (csrf_token, client_token)
        return b"".join(p if isinstance(p, bytes) else tokens[p] for p in pieces)

    def __getstate__(self):
        state = dict(self.__dict__)
        state.pop("_pieces", None)  # rebuilt where it is used, never sent to Redis
        return state


def _cut(body: bytes) -> list:
    """`body` as bytes and placeholder indexes (0: the CSRF token, 1: the client token)."""
    csrf, token = (p.encode() for p in placeholders())
    pieces: list = []
    at = 0
    for match in re.finditer(re.escape(csrf) + b"|" + re.escape(token), body):
        pieces += [body[at : match.start()], 0 if match.group() == csrf else 1]
        at = match.end()
    pieces.append(body[at:])
    return pieces


# Each process keeps the last shared pages it used: a request then reads from Redis only which
# page is current (a few bytes), not the page (some 400 KB for the largest version).
_LOCAL_PAGES = 16
_local: dict[str, _Shared] = {}
_local_lock = threading.Lock()  # gunicorn's threaded workers share it


def _remember(key: str, shared_page: _Shared) -> None:
    with _local_lock:
        _local.pop(key, None)
        _local[key] = shared_page
        while len(_local) > _LOCAL_PAGES:
            _local.pop(next(iter(_local)))


def verified_key(user_pk) -> str:
    """Where the cache keeps whether the person `user_pk` has a verified address (`_kind`)."""
    return f"{page_cache.namespace()}:verified:{user_pk}"


def knows_verified(user, known) -> None:
    """What the cache held at `verified_key(user.pk)`, read by the caller in a round trip it
    made anyway (abramos.accounts.signed_in): this request asks no more. Anything but True or
    False (nothing kept) leaves it to be asked when a rule needs it."""
    if isinstance(known, bool):
        user._reader_pages_verified = known


_UNASKED = object()


def _kind(user, known=_UNASKED) -> str:
    """ "verified" or "unverified": remembered in the cache for a minute at most, and forgotten
    whenever one of the person's e-mail addresses is saved or deleted (`connect_signals`).
    `known`: the cache's answer (None: it had none), when the caller read it already."""
    key = verified_key(user.pk)
    if known is _UNASKED:
        try:
            known = page_cache.cache.get(key)
        except Exception:
            known = None
    if not isinstance(known, bool):
        known = user.is_active and _verified_in_database(user)
        try:
            page_cache.cache.set(key, known, timeout=60)
        except Exception:
            logger.warning("reader pages: could not remember %s", key, exc_info=True)
    # For what this request shows (which forms): the personalisers ask again, without a query.
    user._reader_pages_verified = known
    return "verified" if known else "unverified"


def _forget_verified(sender, instance, **kwargs) -> None:
    try:
        page_cache.cache.delete(verified_key(instance.user_id))
    except Exception:
        logger.warning("reader pages: could not forget %s", instance.user_id, exc_info=True)


def connect_signals() -> None:
    """Called once from AbramosConfig.ready()."""
    from allauth.account.models import EmailAddress
    from django.db.models.signals import post_delete, post_save

    post_save.connect(_forget_verified, sender=EmailAddress, dispatch_uid="abramos.reader.email")
    post_delete.connect(
        _forget_verified, sender=EmailAddress, dispatch_uid="abramos.reader.email_d"
    )


def _key(request, kind: str) -> str:
    raw = "|".join(
        (request.scheme, request.get_host(), getattr(request, "LANGUAGE_CODE", ""), kind,
         request.get_full_path())
    )  # fmt: skip
    return f"{page_cache.namespace()}:reader:{page_cache.digest(raw)}"


@register_personaliser
def personal_messages(request, notes: dict) -> dict[str, str]:
    """The messages waiting for this reader (base.html's slot `mensajes`), shown once: the
    shared page is rendered without anybody's (abramos.context_processors)."""
    storage = getattr(request, "_messages", None)
    if storage is None or not len(storage):
        return {}
    return {"mensajes": render_to_string("includes/messages.html", {"messages": storage})}


def _gzip(body: bytes) -> bytes:
    """Gzipped fast (ISA-L, level 1: a page is compressed for every reader; 0.3 ms for the
    730 KB signed-in version page, where zlib takes 1.8 ms for a larger result), with a
    random-length file name in the header against BREACH, as Django's GZipMiddleware pads."""
    name = secrets.token_hex(1 + secrets.randbelow(50)).encode()
    header = b"\x1f\x8b\x08" + bytes([gzip.FNAME]) + b"\x00\x00\x00\x00\x00\xff" + name + b"\x00"
    deflated = isal_zlib.compress(body, level=1, wbits=-15)
    trailer = struct.pack("<II", isal_zlib.crc32(body), len(body) & 0xFFFFFFFF)
    return header + deflated + trailer


def _shared_view(request) -> bool:
    view = page_cache.public_view(request.path_info, getattr(request, "LANGUAGE_CODE", ""))
    return getattr(view, "shared_with_readers", False)


class ReaderPageMiddleware:
    """Serves signed-in readers of `@shared_with_readers` views from a shared rendering (see
    the module docstring). Goes after authentication, messages and allauth (the person is known)
    and before UntranslatedNoticeMiddleware (a shared page keeps its notice)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method not in ("GET", "HEAD")
            or not _shared_view(request)
            or not request.user.is_authenticated
            or len(request.META.get("QUERY_STRING", "")) > page_cache.MAX_QUERY_STRING
            or not page_cache.keep_read_parameters(request)
        ):
            return self.get_response(request)
        return self._shared(request)

    def _shared(self, request):
        seconds = page_cache.seconds()
        if seconds <= 0:
            kind = _kind(request.user)
            key = _key(request, kind)
            return self._made_personal(request, self._render(request, kind, key, None, 0))
        try:
            kind, key, stored, current = self._lookup(request)
        except Exception:
            logger.warning("reader pages: cache unavailable", exc_info=True)
            kind = _kind(request.user)
            key = _key(request, kind)
            return self._made_personal(request, self._render(request, kind, key, None, 0))
        if stored is None:
            stored = self._first(request, kind, key, seconds)
        elif (
            not current.holds(stored.generation)
            and not page_cache.fresh_enough(stored.started / 1e9)
            and self._lock(key)
        ):
            # Stale: this request renders it again; others meanwhile get the one there is.
            try:
                stored = self._render(request, kind, key, page_cache.generations(), seconds)
            finally:
                self._unlock(key)
        return self._made_personal(request, stored)

    def _made_personal(self, request, stored):
        if not isinstance(stored, _Shared):
            return _with_tokens(request, stored)  # not shareable (an error page): as it is
        return self._personal(request, stored)

    def _first(self, request, kind: str, key: str, seconds: int):
        """No shared page yet: rendered here when this request takes the lock, otherwise the one
        being rendered, waited for up to `_WAIT_SECONDS` (then rendered here too)."""
        deadline = time.monotonic() + _WAIT_SECONDS
        while True:
            if self._lock(key):
                try:
                    return self._render(request, kind, key, page_cache.generations(), seconds)
                finally:
                    self._unlock(key)
            if time.monotonic() > deadline:
                return self._render(request, kind, key, page_cache.generations(), seconds)
            time.sleep(0.01)
            try:
                stamp = page_cache.cache.get(key)
                stored = self._page(key, stamp) if isinstance(stamp, tuple) else None
            except Exception:
                return self._render(request, kind, key, None, 0)
            if stored is not None:
                return stored

    @staticmethod
    def _lookup(request):
        """The reader's kind, the shared page's key, the page to start from (or None) and the
        current generations, in one round trip to Redis."""
        verified = verified_key(request.user.pk)
        keys = {kind: _key(request, kind) for kind in ("verified", "unverified")}
        # The generations of what each shared page read when this process last saw it (all of
        # them when it has not seen one).
        read = [page_cache.tables_read(key) for key in keys.values()]
        read = None if None in read else sorted(set().union(*read))
        found = page_cache.cache.get_many(
            [verified, *page_cache.generation_keys(read), *keys.values()]
        )
        kind = _kind(request.user, found.get(verified))
        stamp = found.get(keys[kind])
        stored = ReaderPageMiddleware._page(keys[kind], stamp) if isinstance(stamp, tuple) else None
        current = page_cache.generations_for_page(
            found, read, keys[kind], stored.generation if stored is not None else None
        )
        return kind, keys[kind], stored, current

    @staticmethod
    def _page(key: str, stamp: tuple) -> _Shared | None:
        """The shared page `stamp` names: this process's copy, or Redis's."""
        stored = _local.get(key)
        if stored is None or stored.stamp != stamp:
            stored = page_cache.cache.get(f"{key}:page")
            if not isinstance(stored, _Shared) or stored.stamp != stamp:
                return None  # replaced meanwhile, or an older release's
            _remember(key, stored)
        return stored

    def _render(self, request, kind: str, key: str, current, seconds: int):
        """Rendered for the stand-in of `kind`; stored under `key` with the `current`
        generations (page_cache.Generations) of the tables it read, unless `current` is None."""
        person = request.user
        request.user = SharedReader(verified=kind == "verified")
        request._shared_rendering = rendering = _Rendering()
        started = time.time_ns()
        try:
            with page_cache.recording_reads() as reads:
                response = self.get_response(request)
        finally:
            request.user = person
            del request._shared_rendering
        if (
            response.status_code != 200
            or response.streaming
            or response.cookies
            or response.has_header("Content-Encoding")
            or not response.get("Content-Type", "").startswith("text/html")
        ):
            return response
        headers = [(k, v) for k, v in response.items() if k.lower() not in _NOT_STORED]
        stamp = current.stamp(reads.tables) if current is not None else ""
        stored = _Shared(stamp, started, headers, response.content, rendering.notes)
        if seconds > 0 and current is not None:
            page_cache.remember_tables_read(key, stamp)
            try:
                page_cache.cache.set_many(
                    {f"{key}:page": stored, key: stored.stamp}, timeout=seconds
                )
                _remember(key, stored)
            except Exception:
                logger.warning("reader pages: could not store %s", key, exc_info=True)
        return stored

    @staticmethod
    def _personal(request, stored: _Shared):
        from django.http import HttpResponse

        parts: dict[str, str] = {}
        for personaliser in _personalisers:
            parts.update(personaliser(request, stored.notes) or {})
        csrf_token = get_token(request)
        if parts:
            body = personalise(fill_slots(stored.body.decode(), parts), csrf_token).encode()
        else:
            body = stored.with_tokens(csrf_token.encode(), new_client_token().encode())
        response = HttpResponse(status=200)
        for name, value in stored.headers:
            response[name] = value
        if page_cache.accepts_gzip(request):
            body = _gzip(body)
            response["Content-Encoding"] = "gzip"
            patch_vary_headers(response, ("Accept-Encoding",))
        response.content = body
        response["Content-Length"] = str(len(body))
        return response

    # The page cache's render lock (abramos.cache), under this page's key.
    _lock = staticmethod(page_cache.take_render_lock)
    _unlock = staticmethod(page_cache.release_render_lock)


def _with_tokens(request, response):
    """A page of a shared view rendered for one request: its placeholders get the tokens."""
    if response.streaming or not response.get("Content-Type", "").startswith("text/html"):
        return response
    csrf, token = placeholders()
    content = response.content
    if csrf.encode() in content or token.encode() in content:
        text = personalise(content.decode(response.charset), get_token(request))
        response.content = text.encode(response.charset)
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
    return response
