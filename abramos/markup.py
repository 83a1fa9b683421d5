"""The one place that turns Markdown written by people or staff into HTML.

Markdown with a fixed set of extensions, then bleach with an explicit allow-list of tags,
attributes and URL schemes. Headings get ids derived from their text, stable while the text does
not change and unique within a document. Nothing else in the project calls markdown or bleach.

Rendering costs at most about linear time in the length of the text, whatever the text is
(bench/markup.py measures it; abramos/tests/test_markup_cost.py holds it). Python-Markdown alone
does not: it looks for the end of a link from every `[` to the end of the paragraph, so 10,000
`[` took 9 s, and nests lists one Python call per marker, so `1. ` written 3,000 times on one line
raised RecursionError. Here:

- a link, image or reference is tried only where a `]` (and, for its address, a `)`) follows at
  all, which C finds at once; past that, all the link parsing of one text shares a budget of
  characters scanned (`_scan_budget`, a few times the text's length), and once it is spent the
  remaining `[` are shown as written; code spans (a run of backticks looking for its closing run)
  share the same budget;
- lists and quotes nest at most `MAX_NESTING` levels: a deeper marker is shown as written;
- bleach finds bare addresses with its own pattern, its repetitions bounded (`_bounded_url_re`:
  `a-b.` written 2,500 times took 10 s);
- should the parser still recurse too deep, the text is shown escaped, as plain paragraphs;
- the text is normalised as Python-Markdown's first step does (a lone carriage return is a new
  line, its control characters are dropped) before the caps look at its lines.

What was neutralised is reported by `markup_problems()`, so the services where people write refuse
such a text with the reason instead of storing what they would not recognise.
"""

import logging
import re
import threading
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache, partial

import bleach
import markdown
from bleach import html5lib_shim
from bleach.linkifier import TLDS, LinkifyFilter
from django.conf import settings
from django.utils.html import escape, format_html, linebreaks
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from markdown.blockprocessors import HashHeaderProcessor, HRProcessor
from markdown.extensions import Extension
from markdown.extensions.tables import TableProcessor
from markdown.inlinepatterns import (
    BacktickInlineProcessor,
    ImageInlineProcessor,
    ImageReferenceInlineProcessor,
    LinkInlineProcessor,
    ReferenceInlineProcessor,
    ShortImageReferenceInlineProcessor,
    ShortReferenceInlineProcessor,
)

logger = logging.getLogger(__name__)

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
# Lists and quotes inside one another, at most: deeper markers are shown as written.
MAX_NESTING = 10
_MAX_INDENT = 4 * MAX_NESTING
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


def _bounded_url_re() -> re.Pattern:
    """bleach's address pattern (bleach.linkifier.build_url_re), with every repetition bounded.

    Its `\\(*` and `([\\w-]+\\.)+` backtrack from every word: `a-b.` written 2,500 times took
    10 s, 10,000 `(` 1.2 s. Bounded (labels of at most 63 characters as in DNS, at most 12 of
    them, at most 8 opening parentheses before the address), each attempt costs a constant.
    """
    return re.compile(
        r"""\({{0,8}}  # opening parentheses, dropped again by the linkifier
        \b(?<![@.])(?:(?:{protocols}):/{{0,3}}(?:(?:\w{{1,64}}:)?\w{{1,64}}@)?)?  # http://
        ([\w-]{{1,63}}\.){{1,12}}(?:{tlds})(?:\:[0-9]{{1,5}})?(?!\.\w)\b  # xx.yy.tld(:##)?
        (?:[/?][^\s\{{\}}\|\\\^`<>"]*)?  # /path/zz
        """.format(
            # Only the schemes a link may have here: bleach's own list holds `data` too.
            protocols="|".join(sorted(ALLOWED_PROTOCOLS)),
            tlds="|".join(sorted(TLDS)),
        ),
        re.IGNORECASE | re.VERBOSE | re.UNICODE,
    )


_URL_RE = _bounded_url_re()


def _new_cleaner() -> bleach.Cleaner:
    cleaner = bleach.Cleaner(
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
        strip_comments=True,
        filters=[
            partial(
                LinkifyFilter,
                callbacks=[_set_rel],
                skip_tags={"pre", "code"},
                url_re=_URL_RE,
            )
        ],
    )
    cleaner.walker = _LinearWalker
    return cleaner


# A Cleaner keeps its HTML parser's state while it works, so threads must not share one (a
# threaded gunicorn worker failed with "pop from empty list" when two requests did): one each.
_per_thread = threading.local()


def _cleaner() -> bleach.Cleaner:
    cleaner = getattr(_per_thread, "cleaner", None)
    if cleaner is None:
        cleaner = _per_thread.cleaner = _new_cleaner()
    return cleaner


class _LinearWalker(html5lib_shim.getTreeWalker("etree")):
    """html5lib's walker over the parsed HTML (the one bleach uses), finding an element's place
    among its siblings in constant time.

    The original counts and searches all the siblings each time it climbs back up
    (`list(parents[-1]).count(parent)`, then `.index(parent)`): quadratic in the number of
    siblings that have children, so a table of 5,000 rows took 0.74 s to sanitise. The tree does
    not change while it is walked, so each parent's places are computed once.
    """

    def __init__(self, tree):
        super().__init__(tree)
        self._places: dict[int, dict[int, int]] = {}

    def getParentNode(self, node):  # noqa: N802 (html5lib's name)
        if isinstance(node, tuple) and node[3] != "text" and len(node[2]) > 1:
            parents = node[2]
            parent = parents.pop()
            siblings = parents[-1]
            places = self._places.get(id(siblings))
            if places is None:
                places = {id(child): i for i, child in enumerate(siblings)}
                self._places[id(siblings)] = places
            return parent, places[id(parent)], parents, None
        return super().getParentNode(node)


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


# What a text can hold that the renderer shows as written rather than as Markdown.
NESTING, BRACKETS, BACKTICKS, STRUCTURE = "nesting", "brackets", "backticks", "structure"
_PROBLEM_MESSAGES = {
    NESTING: _(
        "It has lists or quotes inside one another more than %(max)s levels deep: use fewer "
        "levels (fewer “>”, “-” or “1.” at the start of a line)."
    ),
    BRACKETS: _(
        "It has too many “[” or “(” that are never closed for the text to be read as links: "
        "close them or remove the ones you do not need."
    ),
    BACKTICKS: _(
        "It has too many runs of “`” that are never closed for the text to be read as code: "
        "close them or remove the ones you do not need."
    ),
    STRUCTURE: _("Its formatting is too complex to be shown: simplify it."),
}


@dataclass
class _Render:
    """What one rendering may still spend, and what it had to show as written.

    The parsers that read ahead for a closing mark (links, images, references, code spans) read
    at most `cut(...)` of the text and are charged what they read with `spend(...)`."""

    scan_left: int
    problems: set[str] = field(default_factory=set)

    def cut(self, data: str, index: int, *, at_least: int = 0) -> str:
        limit = max(at_least, index + self.scan_left)
        return data if limit >= len(data) else data[:limit]

    def spend(self, chars: int, *, found: bool, cut: str, data: str, problem: str) -> None:
        self.scan_left = max(0, self.scan_left - max(0, chars))
        if not found and len(cut) < len(data):  # the budget, not the text, ran out
            self.problems.add(problem)


def _scan_budget(text: str) -> int:
    # Characters that the parsers reading ahead may read, over the whole text: a link is read a
    # few times (text, address, reference), a page of them far less than this.
    return 20_000 + 4 * len(text)


class _BoundedLinkParsing:
    """Python-Markdown's link, image and reference parsing, with a bounded cost.

    The original reads forward from each `[` to its `]` and from the `(` to its `)`, to the end of
    the paragraph when there is none: quadratic in the number of `[`. Here a scan starts only
    when the closing character exists further on (a C-speed `find`), reads at most what the
    render's budget has left, and is charged to it.
    """

    def _spend(self, chars: int, *, found: bool, cut: str, data: str) -> None:
        self.md.abramos_render.spend(chars, found=found, cut=cut, data=data, problem=BRACKETS)

    def getText(self, data, index):  # noqa: N802 (Python-Markdown's name)
        if data.find("]", index) == -1:
            return "", index, False
        cut = self.md.abramos_render.cut(data, index)
        text, end, handled = super().getText(cut, index)
        self._spend(end - index, found=handled, cut=cut, data=data)
        return text, end, handled

    def getLink(self, data, index):  # noqa: N802
        if data.find(")", index) == -1:
            return "", None, index, False
        cut = self.md.abramos_render.cut(data, index)
        href, title, end, handled = super().getLink(cut, index)
        self._spend(end - index, found=handled, cut=cut, data=data)
        return href, title, end, handled

    def evalId(self, data, index, text):  # noqa: N802
        cut = self.md.abramos_render.cut(data, index)
        id_, end, handled = super().evalId(cut, index, text)
        self._spend(end - index, found=handled, cut=cut, data=data)
        return id_, end, handled


class _BoundedTableTest(TableProcessor):
    """The tables extension's test, reading only the rows it looks at.

    The original splits and strips the whole block to look at its first two rows (and, for a
    one-column table, the rows up to the first without a pipe). A block is tested again each
    time another processor takes its first lines (a setext heading: `-` and a new line written
    5,000 times took 0.44 s), so that cost was quadratic. The same rows are handed over, no more.
    """

    def _piped(self, row: str) -> bool:
        row = row.strip(" ")
        return row.startswith("|") or self.RE_END_BORDER.search(row) is not None

    def test(self, parent, block):
        lines = _lines(block)
        rows = [next(lines), next(lines, None)]
        if rows[1] is None:
            return super().test(parent, block)
        if self._piped(rows[0]):
            row = rows[1]
            while self._piped(row) and (row := next(lines, None)) is not None:
                rows.append(row)
        return super().test(parent, "\n".join(rows))


class _FirstMatch:
    """The first match of a pattern in a block, remembered for the rests of that block.

    Python-Markdown tests each block for a `#` heading or a horizontal rule on any of its lines,
    and tests a block again after each of its first lines that another processor takes (a
    setext heading, a paragraph): with no match at all, every test read the whole block again
    (0.36 s for `-` and a new line written 5,000 times). What is tested then is the rest of the
    block tested before, starting at one of its lines, so the first match found there answers:
    none, or where to look.
    """

    def __init__(self, pattern: re.Pattern):
        self.pattern = pattern
        self.forget()

    def forget(self) -> None:
        """Nothing remembered: the next block is tested whole (a new text)."""
        self._block: str | None = None
        self._first: int | None = None

    def search(self, block: str) -> re.Match | None:
        previous = self._block
        offset = -1 if previous is None else len(previous) - len(block)
        if (
            offset >= 0
            and (offset == 0 or previous[offset - 1] == "\n")
            and previous.endswith(block)
        ):
            if self._first is None:
                return None
            if self._first >= offset - 1:  # a heading's match starts at the new line before it
                return self.pattern.search(block, max(0, self._first - offset))
        match = self.pattern.search(block)
        self._block, self._first = block, (match.start() if match else None)
        return match


class _RememberedHeadings(HashHeaderProcessor):
    def __init__(self, parser):
        super().__init__(parser)
        self._search = _FirstMatch(self.RE)

    def test(self, parent, block):
        return self._search.search(block) is not None


class _RememberedRules(HRProcessor):
    def __init__(self, parser):
        super().__init__(parser)
        self._search = _FirstMatch(self.SEARCH_RE)

    def test(self, parent, block):
        self.match = self._search.search(block)
        return self.match is not None


def _lines(text: str):
    start = 0
    while True:
        end = text.find("\n", start)
        if end == -1:
            yield text[start:]
            return
        yield text[start:end]
        start = end + 1


class _BoundedCodeSpans(BacktickInlineProcessor):
    """Python-Markdown's code spans, sharing the render's scan budget. The original looks for the
    closing run of backticks from every opening one to the end of the paragraph (`` ``a` ``
    written 2,500 times took 0.6 s)."""

    def __init__(self, pattern, md):
        super().__init__(pattern)
        self.md = md

    def find_code_spans(self, start, text):  # (Python-Markdown's name)
        render = self.md.abramos_render
        opening = start
        while opening < len(text) and text[opening] == "`":
            opening += 1
        # The opening run is always read whole, so that an exhausted budget still moves on.
        cut = render.cut(text, start, at_least=opening)
        found_start, end = super().find_code_spans(start, cut)
        scanned = (end if end is not None else len(cut)) - start
        render.spend(scanned, found=end is not None, cut=cut, data=text, problem=BACKTICKS)
        return found_start, end


class _Bounded(Extension):
    # Made once: a class made per render would be work (and garbage) for every comment.
    _PROCESSORS = tuple(
        (type(f"Bounded{base.__name__}", (_BoundedLinkParsing, base), {}), name, priority)
        for base, name, priority in (
            (ReferenceInlineProcessor, "reference", 170),
            (LinkInlineProcessor, "link", 160),
            (ImageInlineProcessor, "image_link", 150),
            (ImageReferenceInlineProcessor, "image_reference", 140),
            (ShortReferenceInlineProcessor, "short_reference", 130),
            (ShortImageReferenceInlineProcessor, "short_image_ref", 125),
        )
    )

    def extendMarkdown(self, md):  # noqa: N802
        for bounded, name, priority in self._PROCESSORS:
            pattern = md.inlinePatterns[name].pattern
            md.inlinePatterns.register(bounded(pattern, md), name, priority)
        table = md.parser.blockprocessors["table"]
        backtick = md.inlinePatterns["backtick"]
        md.inlinePatterns.register(_BoundedCodeSpans(backtick.pattern, md), "backtick", 190)
        md.parser.blockprocessors.register(_BoundedTableTest(md.parser, table.config), "table", 75)
        headings, rules = _RememberedHeadings(md.parser), _RememberedRules(md.parser)
        md.parser.blockprocessors.register(headings, "hashheader", 70)
        md.parser.blockprocessors.register(rules, "hr", 50)
        md.abramos_remembered = (headings._search, rules._search)
        # HTML written in the text is shown as written, not parsed: Markdown covers what people
        # and staff format, and Python's HTML parser looks for the end of every unclosed tag to
        # the end of the text (`<a ` written 3,333 times took 0.7 s).
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")


_EXTENSIONS = ["markdown.extensions.tables", "markdown.extensions.sane_lists", _Bounded()]

_HORIZONTAL_RULE = re.compile(
    r"[ ]{0,3}(?:(?:-+[ ]{0,2}){3,}|(?:_+[ ]{0,2}){3,}|(?:\*+[ ]{0,2}){3,})[ ]*$"
)
# A quote or list marker at the start of what is left of a line.
_CONTAINER = re.compile(r"[ ]*(?:>|(?:[*+-]|[0-9]+\.)(?=[ ]))[ ]*")


def _cap_nesting(text: str, render: _Render) -> str:
    """Show as written the quote and list markers nested deeper than MAX_NESTING (one Python call
    each in the parser), and indent no line deeper than that many levels."""
    lines = text.split("\n")
    for number, line in enumerate(lines):
        indent = len(line) - len(line.lstrip(" "))
        if indent > _MAX_INDENT:
            line, indent = line[indent - _MAX_INDENT :], _MAX_INDENT
            render.problems.add(NESTING)
        if _HORIZONTAL_RULE.match(line):
            lines[number] = line
            continue
        depth, position = indent // 4, 0
        while (marker := _CONTAINER.match(line, position)) and marker.end() > position:
            depth += 1
            if depth > MAX_NESTING:
                at = marker.start() + len(marker[0]) - len(marker[0].lstrip(" "))
                if line[at].isdigit():
                    at = line.index(".", at)
                line = f"{line[:at]}\\{line[at:]}"
                render.problems.add(NESTING)
                break
            position = marker.end()
        lines[number] = line
    return "\n".join(lines)


def _markdown() -> markdown.Markdown:
    """This thread's parser, as new: making one took half the time of rendering a comment, so
    each thread keeps one and resets it (Python-Markdown's way to reuse a parser) before each
    text, with what reset() leaves: the block parser's state (the list items it is inside of)
    and what our processors remember of the last text. A text whose rendering failed leaves no
    parser behind (`_render`)."""
    md = getattr(_per_thread, "markdown", None)
    if md is None:
        md = _per_thread.markdown = markdown.Markdown(extensions=_EXTENSIONS, output_format="html")
    md.reset()
    del md.parser.state[:]
    for remembered in md.abramos_remembered:
        remembered.forget()
    return md


@lru_cache(maxsize=16)
def _render(text: str) -> tuple[str, frozenset[str]]:
    # Kept for the last few texts: a service checks a text (markup_problems) and the model's
    # save renders the same text a moment later.
    if not text:
        return "", frozenset()
    render = _Render(scan_left=_scan_budget(text))
    # What Python-Markdown's first preprocessor does (NormalizeWhitespace), done before the
    # caps so that they see the lines the parser will: a lone \r is a new line there.
    normal = text.replace("\x02", "").replace("\x03", "")
    normal = normal.replace("\r\n", "\n").replace("\r", "\n").expandtabs(4)
    source = _cap_nesting(normal, render)
    md = _markdown()
    md.abramos_render = render
    try:
        html = md.convert(source)
    except BaseException as error:
        # Left halfway through a text: the next one gets a new parser.
        _per_thread.markdown = None
        if not isinstance(error, RecursionError):
            raise
        # A structure the caps above did not foresee: the words still reach the reader.
        logger.warning("markup too deeply nested, shown as plain text (%s characters)", len(text))
        render.problems.add(STRUCTURE)
        return linebreaks(text, autoescape=True), frozenset(render.problems)
    html = _shift_headings(html)
    html = _cleaner().clean(html)
    return _add_heading_ids(html), frozenset(render.problems)


def render_markdown(text: str) -> str:
    """Markdown from a person or staff member -> safe HTML for a `*_html` field."""
    return _render(text)[0]


# Around the words a comparison marks (drafts/diff.py): private-use characters no one types, that
# Markdown leaves alone as text, turned into <ins>/<del> once the text is rendered.
INS_START, INS_END, DEL_START, DEL_END = "\ue000", "\ue001", "\ue002", "\ue003"
DIFF_MARKS = (INS_START, INS_END, DEL_START, DEL_END)


def render_marked_markdown(text: str, *, added: str, removed: str) -> SafeString:
    """Markdown whose inserted and removed words are wrapped in DIFF_MARKS -> safe HTML, formatted
    as it will read, the changes in <ins> and <del> with a hidden word for screen readers
    (`added`, `removed`). A change that crosses an emphasis or a link is closed and reopened
    where HTML requires it (the second clean balances the tags)."""
    html = _render(text)[0]
    for mark, tag in zip(DIFF_MARKS, (
        format_html('<ins><span class="visually-hidden">{} </span>', added), "</ins>",
        format_html('<del><span class="visually-hidden">{} </span>', removed), "</del>",
    ), strict=True):  # fmt: skip
        html = html.replace(mark, tag)
    return sanitised(_diff_cleaner().clean(html))


def _diff_cleaner() -> bleach.Cleaner:
    cleaner = getattr(_per_thread, "diff_cleaner", None)
    if cleaner is None:
        cleaner = _per_thread.diff_cleaner = bleach.Cleaner(
            tags=ALLOWED_TAGS | {"span"},
            attributes={**ALLOWED_ATTRIBUTES, "span": ["class"]},
            protocols=ALLOWED_PROTOCOLS,
            strip=True,
            strip_comments=True,
        )
    return cleaner


def markup_problems(text: str) -> list[str]:
    """Why the renderer would show part of `text` as written instead of formatted (messages for
    the person who wrote it); empty when it renders as Markdown throughout."""
    problems = _render(text)[1]
    return [
        str(_PROBLEM_MESSAGES[problem]) % {"max": MAX_NESTING}
        for problem in _PROBLEM_MESSAGES  # in the order written there
        if problem in problems
    ]


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
            pairs = self._markdown_pairs(source, target)
            for each_source, each_target in pairs:
                setattr(self, each_target, render_markdown(getattr(self, each_source)))
            if update_fields is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], *(t for _s, t in pairs)}
        super().save(*args, **kwargs)

    def _markdown_pairs(self, source: str, target: str) -> list[tuple[str, str]]:
        """`[(source, target)]`, or one pair per language when both fields are translated
        (`description_es_mx` → `description_html_es_mx`, …; strategy/translation.py): each
        language renders its own text, and an empty one stays empty so the page falls back."""
        names = {field.name for field in self._meta.concrete_fields}
        pairs = [
            (f"{source}_{suffix}", f"{target}_{suffix}")
            for suffix in (code.replace("-", "_") for code, _name in settings.LANGUAGES)
        ]
        if all(s in names and t in names for s, t in pairs):
            return pairs
        return [(source, target)]


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
