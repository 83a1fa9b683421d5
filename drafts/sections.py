"""Split a PNDA text into sections by its Markdown headings, with anchors stable across versions.

A section's anchor is built from its heading path (the headings above it and its own), so it
stays the same in the next version while that path does not change, wherever the section moves;
two sections with the same path get -2, -3… in order. Text before the first heading becomes an
opening section named after the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from abramos.markup import slugify_heading

_ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_MAX_ANCHOR = 200
OPENING_ANCHOR = "presentacion"


@dataclass(frozen=True)
class ParsedSection:
    order: int
    level: int
    heading: str
    path: str
    anchor: str
    body: str


def split_sections(text: str, *, title: str = "") -> list[ParsedSection]:
    """The sections of `text`; raises ValidationError for an empty text or one with no heading."""
    if not text or not text.strip():
        raise ValidationError(_("The text is empty: there is nothing to publish."), code="empty")
    blocks = _blocks(text)
    if not any(level for level, _heading, _lines in blocks):
        raise ValidationError(
            _(
                "The text has no headings. Start each section with a Markdown heading "
                "(# Title, ## Subtitle…) so that people can comment on it."
            ),
            code="no_headings",
        )
    sections: list[ParsedSection] = []
    stack: list[tuple[int, str]] = []
    seen: dict[str, int] = {}
    for level, heading, lines in blocks:
        body = "\n".join(lines).strip("\n")
        if level == 0:
            if not body.strip():
                continue
            heading, level, path_parts = title or heading, 1, [OPENING_ANCHOR]
        else:
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, heading))
            path_parts = [slugify_heading(text) for _lvl, text in stack]
        base = "--".join(path_parts)[:_MAX_ANCHOR].strip("-") or OPENING_ANCHOR
        seen[base] = seen.get(base, 0) + 1
        anchor = base if seen[base] == 1 else f"{base}-{seen[base]}"
        path = " › ".join(text for _lvl, text in stack) if level and stack else heading
        sections.append(
            ParsedSection(
                order=len(sections) + 1,
                level=level,
                heading=heading,
                path=path,
                anchor=anchor,
                body=body,
            )
        )
    return sections


def _blocks(text: str) -> list[tuple[int, str, list[str]]]:
    """(level, heading, lines) for the text before the first heading (level 0) and each heading."""
    blocks: list[tuple[int, str, list[str]]] = [(0, "", [])]
    fence = None
    for line in text.replace("\r\n", "\n").split("\n"):
        fence_match = _FENCE.match(line)
        if fence_match:
            marker = fence_match[1][0]
            fence = None if fence == marker else (fence or marker)
        heading = None if fence else _ATX_HEADING.match(line)
        if heading:
            blocks.append((len(heading[1]), heading[2].strip(), []))
        else:
            blocks[-1][2].append(line)
    return blocks
