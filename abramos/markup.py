"""The one place that turns Markdown written by people or staff into HTML.

Markdown with a fixed set of extensions, then bleach with an explicit allow-list of tags,
attributes and URL schemes. Headings get ids derived from their text, stable while the text does
not change and unique within a document. Nothing else in the project calls markdown or bleach.
"""

import re
import unicodedata
from functools import partial

import bleach
import markdown
from bleach.linkifier import LinkifyFilter
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "strong", "em", "b", "i", "code", "pre", "blockquote",
        "ul", "ol", "li", "a", "h2", "h3", "h4", "h5", "h6",
        "table", "thead", "tbody", "tr", "th", "td", "abbr", "sup", "sub", "del", "ins",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": ["href", "title", "rel"],
    "abbr": ["title"],
    "th": ["align"],
    "td": ["align"],
    "ol": ["start"],
}  # fmt: skip
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
_EXTENSIONS = ["markdown.extensions.tables", "markdown.extensions.sane_lists"]
_HEADING = re.compile(r"<(h[2-6])>(.*?)</\1>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def slugify_heading(text: str) -> str:
    """ASCII slug of a heading's text: 'Diagnóstico y problemática' -> 'diagnostico-y-problematica'."""
    text = _TAG.sub("", text)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug or "seccion"


def _set_rel(attrs, new=False):
    href_key = (None, "href")
    if href_key in attrs:
        attrs[(None, "rel")] = "nofollow noopener"
    return attrs


_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
    filters=[partial(LinkifyFilter, callbacks=[_set_rel], skip_tags={"pre", "code"})],
)


def _shift_headings(html: str) -> str:
    # The page owns its <h1>; a "# Title" written in Markdown becomes an <h2>.
    return re.sub(r"<(/?)h([1-5])(\s|>)", lambda m: f"<{m[1]}h{int(m[2]) + 1}{m[3]}", html)


def _add_heading_ids(html: str) -> str:
    seen: dict[str, int] = {}

    def replace(match: re.Match) -> str:
        tag, inner = match[1], match[2]
        slug = slugify_heading(inner)
        seen[slug] = seen.get(slug, 0) + 1
        if seen[slug] > 1:
            slug = f"{slug}-{seen[slug]}"
        return f'<{tag} id="{slug}">{inner}</{tag}>'

    return _HEADING.sub(replace, html)


def render_markdown(text: str) -> str:
    """Markdown from a person or staff member -> safe HTML for a `*_html` field."""
    if not text:
        return ""
    html = markdown.markdown(text, extensions=_EXTENSIONS, output_format="html")
    html = _shift_headings(html)
    html = _cleaner.clean(html)
    return _add_heading_ids(html)


class RenderedMarkdown:
    """Model mixin: fill each `*_html` field from its Markdown source on every save.

    `markdown_fields` maps source → target (`{"body": "body_html"}`). Every write path, the admin
    included, renders the same way; a save limited by `update_fields` renders (and writes) the
    HTML of the sources it names, and leaves the others alone.
    """

    markdown_fields: dict[str, str] = {}

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        for source, target in self.markdown_fields.items():
            if update_fields is not None and source not in update_fields:
                continue
            setattr(self, target, render_markdown(getattr(self, source)))
            if update_fields is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], target}
        super().save(*args, **kwargs)


def sanitised(html: str) -> SafeString:
    """Mark HTML as safe that this module produced (a `*_html` field), that was escaped piece by
    piece (the diff), or that our own templates rendered, autoescaping, and the cache kept (a
    comment's fragment, consultation/fragments.py). The one place the project calls `mark_safe`, so a security scan has one
    line to review."""
    # Only for HTML sanitised or escaped by our own code.
    return mark_safe(html)  # noqa: S308  # nosec B308 B703


def link_sentence(text: str, **urls: str) -> SafeString:
    """A sentence of ours (from the catalogue) holding links: `_('Read the <a href="%(url)s">notice</a>')`.

    Only the URLs vary, and they are escaped; the sentence itself is never user text.
    """
    return sanitised(text % {name: escape(url) for name, url in urls.items()})
