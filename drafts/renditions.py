"""Renderers of a published version: PDF, DOCX, standalone HTML and Markdown.

`render(version, fmt)` returns the file's bytes. A rendition is an official copy whose SHA-256 the
portal publishes, so the same version always renders to the same bytes on the same machine:
nothing depends on the clock (dates come from `version.published_at`), the request, the active
language or time zone (always Spanish and America/Mexico_City, the document's own), and the
DOCX archive is rewritten with fixed timestamps. What does change the bytes: `SITE_ROOT` (the
address printed in every file), the templates, and for PDF the WeasyPrint version and the fonts
installed (DejaVu in CI, `fonts-dejavu-core`).

Nothing here touches the network: WeasyPrint gets a URL fetcher that only reads the portal's own
`static/` folder, and the HTML file carries its styles inside it.
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
from dataclasses import dataclass
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.request import url2pathname
from zoneinfo import ZoneInfo

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from drafts.models import Section, Version
from drafts.services.policy import approval_of

DOCUMENT_LANGUAGE = "es-mx"
DOCUMENT_ZONE = ZoneInfo("America/Mexico_City")
STATIC_DIR = Path(settings.BASE_DIR) / "static"


@dataclass(frozen=True)
class _Context:
    version: Version
    sections: list[Section]
    published: datetime  # in America/Mexico_City
    published_text: str  # "10 de noviembre de 2023 a las 10:15 CST"
    address: str  # SITE_ROOT + the version's page
    verify_address: str
    approval: object | None = None  # drafts.models.Approval: who approved it, the Diario Oficial
    issuer: str = ""  # who issues the document: the approving body, or the Technical Group

    def as_dict(self) -> dict:
        items = [
            {"section": section, "tag": f"h{min(section.level + 1, 6)}"}
            for section in self.sections
        ]
        return {
            "version": self.version,
            "sections": self.sections,
            "items": items,
            "toc": [item for item in items if item["section"].level <= 3],
            "published": self.published,
            "created_iso": self.published.replace(microsecond=0).isoformat(),
            "published_text": self.published_text,
            "address": self.address,
            "verify_address": self.verify_address,
            "site_name": settings.SITE_NAME,
            "approval": self.approval,
            "issuer": self.issuer,
            "subtitle": subtitle(self.version),
        }


def subtitle(version: Version) -> str:
    """The label under the title, without the title again: "Política Nacional de Datos Abiertos
    (versión aprobada)" under that title reads "Versión aprobada"."""
    label = version.label.strip()
    if version.title and label.startswith(version.title):
        rest = label[len(version.title) :].strip(" ()·,-–")
        if rest:
            return rest[0].upper() + rest[1:]
    return label


def render(version: Version, fmt: str) -> bytes:
    """The bytes of `version` as `fmt` (one of Rendition.Format's values)."""
    try:
        renderer = _RENDERERS[fmt]
    except KeyError:
        raise ValueError(f"Unknown rendition format: {fmt!r}") from None
    with translation.override(DOCUMENT_LANGUAGE), timezone.override(DOCUMENT_ZONE):
        return renderer(_context(version))


def _context(version: Version) -> _Context:
    published = timezone.localtime(version.published_at, DOCUMENT_ZONE)
    text = _("%(date)s %(zone)s") % {
        "date": formats.date_format(published, "DATETIME_FORMAT"),
        "zone": published.strftime("%Z"),
    }
    approval = approval_of(version)
    return _Context(
        version=version,
        sections=list(version.sections.order_by("order")),
        published=published,
        published_text=text,
        address=settings.SITE_ROOT + version.get_absolute_url(),
        verify_address=settings.SITE_ROOT + reverse("drafts:verify"),
        approval=approval,
        issuer=approval.approving_body if approval else settings.OPENDATA_PUBLISHER,
    )


# PDF -------------------------------------------------------------------------------------------


def _pdf(context: _Context) -> bytes:
    import weasyprint  # imported here: it is slow to load and only the render worker needs it

    html = render_to_string("drafts/rendition/version_pdf.html", context.as_dict())
    document = weasyprint.HTML(
        string=html,
        base_url=STATIC_DIR.as_uri() + "/",
        url_fetcher=local_only_fetcher(),
    )
    # The creation date comes from <meta name="dcterms.created"> (the publication time) and no
    # random /ID is written, so the same version gives the same bytes.
    return document.write_pdf(pdf_tags=True)


def local_only_fetcher():
    """A WeasyPrint URL fetcher that reads files under `static/` and nothing else."""
    return _local_only_fetcher_class()()


@functools.cache
def _local_only_fetcher_class():
    import weasyprint

    class LocalOnlyFetcher(weasyprint.URLFetcher):
        def fetch(self, url, headers=None):
            if not url.startswith("file:"):
                raise ValueError(f"Renditions do not fetch external resources: {url}")
            path = Path(url2pathname(url.removeprefix("file:").split("?")[0])).resolve()
            if not path.is_relative_to(STATIC_DIR.resolve()):
                raise ValueError(f"Renditions only read the portal's static files: {url}")
            return super().fetch(path.as_uri(), headers)

    return LocalOnlyFetcher


# Standalone HTML -------------------------------------------------------------------------------


def _html(context: _Context) -> bytes:
    html = render_to_string("drafts/rendition/version_standalone.html", context.as_dict())
    return html.encode("utf-8")


# Markdown --------------------------------------------------------------------------------------


def _markdown(context: _Context) -> bytes:
    version = context.version
    header = [
        f"**{version.title}**",
        _("%(label)s (version %(number)s), published on %(date)s.")
        % {"label": version.label, "number": version.number, "date": context.published_text},
        _("Official address: <%(address)s>") % {"address": context.address},
        "* * *",
    ]
    body = version.body.replace("\r\n", "\n").strip("\n")
    return ("\n\n".join([*header, body]) + "\n").encode("utf-8")


# DOCX ------------------------------------------------------------------------------------------


def _docx(context: _Context) -> bytes:
    import docx
    from docx.shared import Pt

    version = context.version
    document = docx.Document()
    document.styles["Normal"].font.name = "Calibri"
    document.styles["Normal"].font.size = Pt(11)

    document.add_heading(version.title, level=0)
    document.add_paragraph(subtitle(version), style="Subtitle")
    for term, value in _official_facts(context):
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{term}: ").bold = True
        paragraph.add_run(value)
    document.add_paragraph(
        _(
            "This file is a copy of the official text for you to adapt. Its SHA-256 will no "
            "longer match the official one once you edit it: check the official files at "
            "%(address)s"
        )
        % {"address": context.verify_address},
        style="Quote",
    )
    writer = _DocxWriter(document)
    for section in context.sections:
        document.add_heading(section.heading, level=min(section.level, 9))
        writer.write_html(section.body_html)

    properties = document.core_properties
    properties.title = f"{version.title} · {version.label}"
    properties.subject = version.label
    properties.author = settings.SITE_NAME
    properties.last_modified_by = settings.SITE_NAME
    properties.language = "es-MX"
    properties.identifier = context.address
    properties.revision = version.number
    properties.created = version.published_at
    properties.modified = version.published_at
    properties.comments = context.address

    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip(buffer.getvalue(), stamp=context.published)


def _official_facts(context: _Context) -> list[tuple[str, str]]:
    """The facts the PDF and HTML show (drafts/rendition/official_facts.html), as text."""
    version, approval = context.version, context.approval
    facts = [
        (_("Issued by"), context.issuer),
        (_("Version"), f"{version.number}, {context.published_text}"),
    ]
    if approval is not None:
        text = formats.date_format(approval.approved_on)
        if approval.approving_body != context.issuer:
            text = f"{approval.approving_body}, {text}"
        facts.append(
            (_("Approved"), f"{text}. {approval.agreement}" if approval.agreement else text)
        )
        if approval.dof_published_on:
            day = formats.date_format(approval.dof_published_on)
            text = _("Published on %(day)s") % {"day": day}
            if approval.dof_url:
                text += f": {approval.dof_url}"
            facts.append((_("Diario Oficial"), text))
    facts.append((_("Permanent address"), context.address))
    return facts


def _fixed_zip(data: bytes, *, stamp: datetime) -> bytes:
    """The same archive with every member dated `stamp` (python-docx dates them 'now')."""
    date_time = (max(stamp.year, 1980), stamp.month, stamp.day, stamp.hour, stamp.minute, 0)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            member = zipfile.ZipInfo(item.filename, date_time=date_time)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            target.writestr(member, source.read(item.filename))
    return out.getvalue()


@dataclass
class _Node:
    tag: str
    attrs: dict
    children: list  # of _Node and str


class _TreeBuilder(HTMLParser):
    """A small tree of the sanitised HTML abramos.markup produces (a known, short tag list)."""

    _VOID = {"br", "hr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = _Node("root", {}, [])
        self._stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = _Node(tag, dict(attrs), [])
        self._stack[-1].children.append(node)
        if tag not in self._VOID:
            self._stack.append(node)

    def handle_endtag(self, tag):
        for index in range(len(self._stack) - 1, 0, -1):
            if self._stack[index].tag == tag:
                del self._stack[index:]
                return

    def handle_data(self, data):
        self._stack[-1].children.append(data)


_INLINE = {"strong", "b", "em", "i", "code", "a", "del", "ins", "sup", "sub", "abbr", "br"}
_SPACES = re.compile(r"\s+")


class _DocxWriter:
    """Maps a section's HTML to Word: paragraphs, lists (numbering restarts per list), quotes,
    tables, code; bold, italic, code, struck and inserted text; links as "text (address)"."""

    def __init__(self, document):
        self.document = document

    def write_html(self, html: str) -> None:
        builder = _TreeBuilder()
        builder.feed(html)
        builder.close()
        self._blocks(builder.root.children, style=None)

    def _blocks(self, nodes: list, *, style: str | None) -> None:
        loose: list = []  # inline content outside any block (e.g. a list item's own text)
        for node in nodes:
            if isinstance(node, str) or node.tag in _INLINE:
                loose.append(node)
                continue
            self._flush(loose, style)
            loose = []
            tag = node.tag
            if tag == "p":
                self._paragraph(node.children, style)
            elif tag in {"h2", "h3", "h4", "h5", "h6"}:
                self.document.add_heading(_plain(node), level=min(int(tag[1]), 9))
            elif tag in {"ul", "ol"}:
                self._list(node, depth=0)
            elif tag == "blockquote":
                self._blocks(node.children, style="Quote")
            elif tag == "pre":
                self._preformatted(node)
            elif tag == "table":
                self._table(node)
            elif tag == "hr":
                self.document.add_paragraph("* * *")
            else:
                self._blocks(node.children, style=style)
        self._flush(loose, style)

    def _flush(self, loose: list, style: str | None) -> None:
        if any(isinstance(n, _Node) or n.strip() for n in loose):
            self._paragraph(loose, style)

    def _paragraph(self, nodes: list, style: str | None):
        paragraph = self.document.add_paragraph(style=style)
        self._runs(paragraph, nodes, bold=False, italic=False, code=False, strike=False)
        _strip_paragraph(paragraph)
        return paragraph

    def _list(self, node: _Node, *, depth: int) -> None:
        ordered = node.tag == "ol"
        base = "List Number" if ordered else "List Bullet"
        style = base if depth == 0 else f"{base} {min(depth + 1, 3)}"
        num_id = (
            self._restart_numbering(style, int(node.attrs.get("start") or 1)) if ordered else None
        )
        for item in node.children:
            if not isinstance(item, _Node) or item.tag != "li":
                continue
            inline = [c for c in item.children if isinstance(c, str) or c.tag in _INLINE]
            blocks = [c for c in item.children if isinstance(c, _Node) and c.tag not in _INLINE]
            first = [c for c in blocks if c.tag == "p"][:1]
            paragraph = self._paragraph(inline + (first[0].children if first else []), style)
            if num_id is not None:
                _set_numbering(paragraph, num_id)
            for child in blocks:
                if first and child is first[0]:
                    continue
                if child.tag in {"ul", "ol"}:
                    self._list(child, depth=depth + 1)
                else:
                    self._blocks([child], style=None)

    def _restart_numbering(self, style: str, start: int) -> int:
        """A new numbering instance for one list, so each numbered list starts at `start`."""
        numbering = self.document.part.numbering_part.element
        style_num = self.document.styles[style].element.pPr.numPr.numId.val
        abstract_id = numbering.num_having_numId(style_num).abstractNumId.val
        num = numbering.add_num(abstract_id)
        num.add_lvlOverride(ilvl=0).add_startOverride(start)
        return num.numId

    def _preformatted(self, node: _Node) -> None:
        from docx.shared import Pt

        paragraph = self.document.add_paragraph(style="No Spacing")
        lines = _text(node).strip("\n").split("\n")
        for index, line in enumerate(lines):
            run = paragraph.add_run(line)
            run.font.name = "Courier New"
            run.font.size = Pt(9.5)
            if index < len(lines) - 1:
                run.add_break()

    def _table(self, node: _Node) -> None:
        rows = [n for n in _descendants(node) if n.tag == "tr"]
        if not rows:
            return
        cells = [
            [c for c in row.children if isinstance(c, _Node) and c.tag in {"td", "th"}]
            for row in rows
        ]
        width = max(len(row) for row in cells) or 1
        table = self.document.add_table(rows=len(rows), cols=width)
        table.style = "Table Grid"
        for r, row in enumerate(cells):
            for c, cell in enumerate(row):
                paragraph = table.cell(r, c).paragraphs[0]
                header = cell.tag == "th"
                self._runs(
                    paragraph, cell.children, bold=header, italic=False, code=False, strike=False
                )
                _strip_paragraph(paragraph)

    def _runs(self, paragraph, nodes, *, bold, italic, code, strike) -> None:
        from docx.shared import Pt

        for node in nodes:
            if isinstance(node, str):
                text = _SPACES.sub(" ", node)
                if not text:
                    continue
                run = paragraph.add_run(text)
                run.bold = bold or None
                run.italic = italic or None
                if strike:
                    run.font.strike = True
                if code:
                    run.font.name = "Courier New"
                    run.font.size = Pt(10)
                continue
            tag = node.tag
            if tag == "br":
                paragraph.add_run().add_break()
                continue
            self._runs(
                paragraph,
                node.children,
                bold=bold or tag in {"strong", "b", "th"},
                italic=italic or tag in {"em", "i"},
                code=code or tag == "code",
                strike=strike or tag == "del",
            )
            href = node.attrs.get("href") if tag == "a" else None
            if href and href.rstrip("/") != _plain(node).rstrip("/"):
                paragraph.add_run(f" ({href})")
            elif tag == "abbr" and node.attrs.get("title"):
                paragraph.add_run(f" ({node.attrs['title']})")


def _strip_paragraph(paragraph) -> None:
    """Trim the spaces HTML layout leaves at the edges of a paragraph."""
    runs = paragraph.runs
    for run in runs:
        run.text = run.text.lstrip()
        if run.text:
            break
    for run in reversed(runs):
        run.text = run.text.rstrip()
        if run.text:
            break


def _set_numbering(paragraph, num_id: int) -> None:
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = num_id


def _descendants(node: _Node):
    for child in node.children:
        if isinstance(child, _Node):
            yield child
            yield from _descendants(child)


def _text(node) -> str:
    if isinstance(node, str):
        return node
    return "".join(_text(child) for child in node.children)


def _plain(node) -> str:
    return _SPACES.sub(" ", _text(node)).strip()


_RENDERERS = {"pdf": _pdf, "docx": _docx, "html": _html, "md": _markdown}
