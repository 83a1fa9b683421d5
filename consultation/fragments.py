"""The comments of a version page, each rendered once and then taken from the cache.

The whole-version page of a large consultation shows about 190 comments, and rendering each
through its template was most of a signed-in reader's server time (bench/RESULTS.md). So every
top-level comment, with its replies, is rendered once and kept in the cache (Redis in
production) under a key made of *everything the template shows*: the comment's text, status,
author's public name, sector and state, dates, supports, the published answer, its replies'
own keys, what the reader may do with it (support, edit, withdraw, report, reply: the
`CommentView` of consultation.selectors), the language,
the time zone and the template's source. The key is the content: a change to any of these makes
a new key, so nothing has to be invalidated and a changed comment can never be served stale.
Unused keys expire after a day.

What belongs to one request is rendered as a placeholder (abramos.reader_pages.placeholders) and
filled in for the whole page when it goes out (abramos.reader_pages): the CSRF token, and the
random part of each form's client token (what keeps a comment sent twice from being stored
twice; each form adds its own suffix). All comments of a page come in one `get_many` and the
missing ones go back in one `set_many`. With the cache down, every comment is rendered.
"""

from __future__ import annotations

import hashlib
import logging
from functools import cache as memoise

from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist
from django.template.loader import get_template, render_to_string
from django.utils import timezone, translation

from abramos.markup import sanitised
from abramos.reader_pages import placeholders

logger = logging.getLogger(__name__)

TEMPLATE = "consultation/includes/comment.html"
ACTIONS_TEMPLATE = "consultation/includes/comment_actions.html"
_TEMPLATES = (TEMPLATE, ACTIONS_TEMPLATE, "consultation/includes/when.html")
SECONDS = 24 * 3600


def _templates_digest() -> str:
    return template_digest(*_TEMPLATES)


def _iso(moment) -> str:
    return moment.isoformat() if moment else ""


def _answer(view) -> tuple:
    try:
        answer = view.comment.answer
    except ObjectDoesNotExist:
        return ()
    if answer is None or answer.published_at is None:
        return ()
    return (answer.outcome, answer.body_html)


def _visible_body(view) -> str:
    comment = view.comment
    return comment.body_html if comment.status == comment.Status.VISIBLE else ""


def _replies(view) -> tuple:
    return tuple(_fingerprint(reply) for reply in view.replies)


def _of_comment(name: str):
    return lambda view: getattr(view.comment, name)


def _of_view(name: str):
    return lambda view: getattr(view, name)


# What consultation/includes/comment.html reads of a comment's view (`view.can_support`) and of
# the comment itself (`comment.status`), each with what goes into the key for it: the key is built
# from these and nothing else, and a test renders the template through recording proxies and fails
# on a read that is not declared here, or a declared one it never makes (test_fragments.py).
KEY_PARTS = {
    "comment.pk": _of_comment("pk"),
    "comment.parent_id": _of_comment("parent_id"),
    "comment.status": _of_comment("status"),
    "comment.channel": _of_comment("channel"),
    "comment.public_author_name": _of_comment("public_author_name"),
    # The codes behind the translated names (the language is in the key): reading the codes is
    # cheap, their names are not.
    "comment.public_sector": lambda view: view.comment.public_participant.sector,
    "comment.public_state_name": lambda view: view.comment.public_participant.state,
    "comment.created_at": lambda view: _iso(view.comment.created_at),
    "comment.edited_at": lambda view: _iso(view.comment.edited_at),
    "comment.body_html": _visible_body,
    "comment.hidden_reason": _of_comment("hidden_reason"),
    "comment.support_count": _of_comment("support_count"),
    "comment.answer": _answer,
    "can_support": _of_view("can_support"),
    "supported": _of_view("supported"),
    "can_edit": _of_view("can_edit"),
    "can_withdraw": _of_view("can_withdraw"),
    "can_flag": _of_view("can_flag"),
    "can_reply": _of_view("can_reply"),
    "replies": _replies,
}


def _fingerprint(view) -> tuple:
    return tuple(part(view) for part in KEY_PARTS.values())


def _digest(*parts) -> str:
    raw = repr((translation.get_language(), timezone.get_current_timezone_name(), *parts))
    return hashlib.blake2b(raw.encode(), digest_size=20).hexdigest()


def _key(view) -> str:
    return "comment:" + _digest(_templates_digest(), _fingerprint(view))


def _render(view) -> str:
    csrf, token = placeholders()
    context = {"view": view, "csrf_token": csrf, "client_token": token}
    return str(render_to_string(TEMPLATE, context))


def _get_many(keys) -> dict | None:
    """What the cache holds of `keys`, or None when it cannot be reached."""
    try:
        return cache.get_many(list(keys))
    except Exception:  # the cache is an optimisation, never a dependency
        logger.warning("fragments: cache unavailable", exc_info=True)
        return None


def _set_many(fragments: dict) -> None:
    if fragments:
        try:
            cache.set_many(fragments, timeout=SECONDS)
        except Exception:
            logger.warning("fragments: could not store", exc_info=True)


def comment_keys(views: list) -> dict[int, str]:
    return {view.pk: _key(view) for view in views}


def attach_html(views: list, keys: dict[int, str] | None = None) -> None:
    """Sets `view.html` on each top-level comment's view (its replies inside), from the cache
    where it can, with the placeholders in (the page fills them when it goes out)."""
    keys = keys or comment_keys(views)
    if not views:
        return
    stored = _get_many(keys[v.pk] for v in views)
    missing = {}
    for view in views:
        key = keys[view.pk]
        html = stored.get(key) if stored is not None else None
        if html is None:
            html = missing[key] = _render(view)
        view.html = sanitised(html)
    if stored is not None:
        _set_many(missing)


def cached_html(items: dict[str, tuple], render) -> dict[str, str]:
    """Larger fragments (a section's comment panel) by the same rule: `items` maps a name to
    the parts of its key, everything its rendering reads; `render(name)` renders one, with the
    placeholders (`placeholders()`) where the request's tokens go, filled when the page goes
    out."""
    keys = {name: "fragment:" + _digest(*parts) for name, parts in items.items()}
    stored = _get_many(keys.values())
    missing, out = {}, {}
    for name, key in keys.items():
        html = stored.get(key) if stored is not None else None
        if html is None:
            html = missing[key] = str(render(name))
        out[name] = sanitised(html)
    if stored is not None:
        _set_many(missing)
    return out


@memoise
def template_digest(*names: str) -> str:
    sources = "\x00".join(get_template(name).template.source for name in names)
    return hashlib.blake2b(sources.encode(), digest_size=8).hexdigest()
