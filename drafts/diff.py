"""What changed between two texts of the PNDA: section by section, and word by word inside a
section.

Sections are matched by their anchor (stable while the heading path does not change, see
`drafts.sections`). A section is *added* or *removed* when its anchor is in only one of the two
texts, *changed* when its heading, level or text differs, *moved* when its place among the
sections both texts share changed (a section can be changed and moved at once) and *unchanged*
otherwise. Words are compared on the Markdown source.

Every piece of text is escaped here; the only markup this module writes is its own `<ins>`,
`<del>` and the visually hidden labels that make the changes understandable without colour.
It works on anything shaped like a section (`drafts.models.Section` or
`drafts.sections.ParsedSection`), so the admin compares the working copy's history with it too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Protocol

from django.core.exceptions import ValidationError
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from abramos.markup import (
    DEL_END,
    DEL_START,
    INS_END,
    INS_START,
    render_markdown,
    render_marked_markdown,
    sanitised,
)
from drafts.sections import OPENING_ANCHOR, ParsedSection, split_sections

ADDED = "added"
REMOVED = "removed"
CHANGED = "changed"
UNCHANGED = "unchanged"

# A word, or one punctuation mark, with the space after it: "garantes." and "garantes y" share
# "garantes".
_WORD = re.compile(r"(\w+|[^\w\s])(\s*)")
_BLOCK_MARKS = {"-", "*", "+", ">", "|", "#"}
_SHORT = 3  # unchanged runs shorter than this between two changes are folded into them


class SectionLike(Protocol):
    anchor: str
    heading: str
    level: int
    body: str


@dataclass
class SectionChange:
    """One section in the comparison; `old` or `new` is None when it was added or removed."""

    kind: str
    old: SectionLike | None
    new: SectionLike | None
    moved: bool = False
    previously_after: str | None = None  # heading the moved section followed before
    heading_diff: SafeString | None = None
    body_diff: SafeString | None = None
    # The same changes, formatted as the text reads (drafts.diff.formatted_diff).
    formatted: SafeString | None = None
    is_run = False

    @property
    def section(self) -> SectionLike:
        return self.new or self.old

    @property
    def anchor(self) -> str:
        return self.section.anchor

    @property
    def heading(self) -> str:
        return self.section.heading

    @property
    def level(self) -> int:
        return self.section.level

    @property
    def level_changed(self) -> bool:
        return bool(self.old and self.new and self.old.level != self.new.level)

    @property
    def source(self) -> SafeString:
        """The Markdown of an added or removed section, escaped, its paragraphs unwrapped."""
        return word_diff(self.section.body, self.section.body)


@dataclass
class UnchangedRun:
    """Consecutive sections that did not change, shown folded."""

    changes: list[SectionChange]
    is_run = True
    kind = UNCHANGED

    def __len__(self) -> int:
        return len(self.changes)


@dataclass
class Comparison:
    changes: list[SectionChange]
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def items(self) -> list[SectionChange | UnchangedRun]:
        """The changes in reading order, with runs of unchanged sections folded together."""
        items: list[SectionChange | UnchangedRun] = []
        for change in self.changes:
            if change.kind == UNCHANGED and not change.moved:
                if items and items[-1].is_run:
                    items[-1].changes.append(change)
                else:
                    items.append(UnchangedRun([change]))
            else:
                items.append(change)
        return items

    @property
    def has_changes(self) -> bool:
        return any(c.kind != UNCHANGED or c.moved for c in self.changes)


def _changes(old: str, new: str):
    """The two texts' words compared: ("equal" | REMOVED | ADDED, tokens) in reading order."""
    before, after = _tokens(old), _tokens(new)
    matcher = SequenceMatcher(
        None, [word for word, _space in before], [word for word, _space in after], autojunk=False
    )
    for op, i1, i2, j1, j2 in _coalesce(matcher.get_opcodes()):
        if op == "equal":
            yield "equal", after[j1:j2]
            continue
        if i2 > i1:
            yield REMOVED, before[i1:i2]
        if j2 > j1:
            yield ADDED, after[j1:j2]


def word_diff(old: str, new: str) -> SafeString:
    """`new` with the words taken out of `old` in <del> and the words put in, in <ins>."""
    parts = [
        escape(_join(tokens)) if kind == "equal" else _mark(kind, tokens)
        for kind, tokens in _changes(old, new)
    ]
    return sanitised("".join(parts))  # every piece above is escaped


def formatted_diff(old: str, new: str) -> SafeString:
    """`new` formatted as it reads (headings, emphasis, lists, tables), with what was taken out
    of `old` in <del> and what was put in, in <ins>, rendered through abramos.markup instead of
    shown as Markdown source.

    The texts are compared block by block (paragraphs, lists, tables, quotes). A changed plain
    paragraph, or an item of a plain list, shows its words marked, as `word_diff` does; any
    other changed block (a table, a nested list, a paragraph with a link or code) is shown
    whole: the old one struck out, the new one inserted. So a mark never lands inside a link's
    address, a table's separator or a heading's markers."""
    before, after = _paragraphs(old), _paragraphs(new)
    matcher = SequenceMatcher(
        None, [_squeezed(b) for b in before], [_squeezed(b) for b in after], autojunk=False
    )
    html: list[str] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            html.append(render_markdown("\n\n".join(after[j1:j2])))
            continue
        olds, news = before[i1:i2], after[j1:j2]
        if op == "replace" and len(olds) == len(news):
            html += [_changed_block(a, b) for a, b in zip(olds, news, strict=True)]
            continue
        html += [_whole(REMOVED, block) for block in olds]
        html += [_whole(ADDED, block) for block in news]
    return sanitised("\n".join(html))  # each piece rendered and cleaned by abramos.markup


# A plain list item: a marker at the start of the line and text without links, code or HTML.
_ITEM = re.compile(r"^([-*+]|\d+[.)])\s+(.*)$")
_NOT_PLAIN = re.compile(r"\]\(|https?://|www\.|<|`|^\s|^#|^>|\|")


def _paragraphs(text: str) -> list[str]:
    return [block.strip("\n") for block in re.split(r"\n[ \t]*\n", (text or "").strip()) if block]


def _squeezed(block: str) -> str:
    return " ".join(block.split())


def _plain(text: str) -> bool:
    return not any(_NOT_PLAIN.search(line) for line in text.split("\n"))


def _changed_block(old: str, new: str) -> str:
    """One changed block: its words marked when it is a plain paragraph or a plain list (item
    by item), otherwise the old block struck out and the new one inserted."""
    old, new = _unwrap(old), _unwrap(new)
    old_lines, new_lines = old.split("\n"), new.split("\n")
    if _plain(old) and _plain(new):
        old_items = [_ITEM.match(line) for line in old_lines]
        new_items = [_ITEM.match(line) for line in new_lines]
        source = None
        if not any(old_items) and not any(new_items):  # two paragraphs
            source = _inline(old, new)
        elif all(old_items) and all(new_items):  # two flat lists, compared item by item
            source = _list(old_items, new_items)
        if source is not None:
            return render_marked_markdown(
                source, added=_("added text:"), removed=_("removed text:")
            )
    return _whole(REMOVED, old) + _whole(ADDED, new)


def _unwrap(block: str) -> str:
    """A list item's hard-wrapped continuation lines joined to it (an indented line that does
    not start an item of its own); a nested item keeps its indentation."""
    lines: list[str] = []
    for line in block.split("\n"):
        if lines and line[:1].isspace() and not _ITEM.match(line.strip()):
            lines[-1] = f"{lines[-1]} {line.strip()}"
        else:
            lines.append(line)
    return "\n".join(lines)


def _inline(old: str, new: str) -> str:
    """A plain paragraph's words, marked, with the spacing of the text around them."""
    changes = list(_changes(_squeezed(old), _squeezed(new)))
    parts = []
    for index, (kind, tokens) in enumerate(changes):
        text = _join(tokens)
        if kind == "equal":
            parts.append(text)
            continue
        words = text.rstrip()
        start, end = (DEL_START, DEL_END) if kind == REMOVED else (INS_START, INS_END)
        following = changes[index + 1][0] if index + 1 < len(changes) else None
        # Removed words followed by added ones: a space between the two marks.
        space = " " if following == ADDED else text[len(words) :]
        parts.append(f"{start}{words}{end}{space}")
    return "".join(parts).strip()


def _list(old_items, new_items) -> str:
    """Two flat lists, item by item: kept, changed (words marked), removed or added items."""
    old_text = [match.group(2) for match in old_items]
    new_text = [match.group(2) for match in new_items]
    lines = []
    matcher = SequenceMatcher(None, old_text, new_text, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            lines += [f"{new_items[j].group(1)} {new_text[j]}" for j in range(j1, j2)]
        elif op == "replace" and i2 - i1 == j2 - j1:
            lines += [
                f"{new_items[j].group(1)} {_inline(old_text[i], new_text[j])}"
                for i, j in zip(range(i1, i2), range(j1, j2), strict=True)
            ]
        else:
            marker = (new_items[j1] if j1 < len(new_items) else old_items[i1]).group(1)
            lines += [f"{marker} {DEL_START}{old_text[i]}{DEL_END}" for i in range(i1, i2)]
            lines += [
                f"{new_items[j].group(1)} {INS_START}{new_text[j]}{INS_END}" for j in range(j1, j2)
            ]
    return "\n".join(lines)


def _whole(kind: str, block: str) -> str:
    """A whole block struck out or inserted, rendered on its own and wrapped (<del> and <ins>
    may hold a paragraph, a list or a table)."""
    tag, label = ("ins", _("added text:")) if kind == ADDED else ("del", _("removed text:"))
    return format_html(
        '<{} class="change__block"><span class="visually-hidden">{} </span>{}</{}>',
        tag, label, sanitised(render_markdown(block)), tag,
    )  # fmt: skip


def _tokens(text: str) -> list[tuple[str, str]]:
    """Words with the space after them; a line break inside a paragraph becomes a space (the
    source is hard-wrapped), a blank line stays a paragraph break and a line that starts a list
    item, a quote, a table row or a heading keeps its own line."""
    tokens = _WORD.findall(text or "")
    result = []
    for index, (word, space) in enumerate(tokens):
        if space.count("\n") >= 2:
            space = "\n\n"
        elif "\n" in space:
            following = tokens[index + 1][0] if index + 1 < len(tokens) else ""
            space = "\n" if _starts_block(following, tokens, index + 1) else " "
        result.append((word, space))
    return result


def _starts_block(word: str, tokens: list[tuple[str, str]], index: int) -> bool:
    if word in _BLOCK_MARKS:
        return True
    # "1." starts a numbered item
    return word.isdigit() and index + 1 < len(tokens) and tokens[index + 1][0] in {".", ")"}


def _coalesce(opcodes):
    """Fold two changes and the few unchanged words between them (fewer than three, and fewer
    than either change) into one: a rewritten sentence reads better as one removal and one
    addition than as a patchwork."""
    ops = list(opcodes)
    for index in range(1, len(ops) - 1):
        tag, i1, i2, j1, j2 = ops[index]
        before, after = ops[index - 1], ops[index + 1]
        if tag != "equal" or before[0] == "equal" or after[0] == "equal":
            continue
        if i2 - i1 < min(_SHORT, _size(before), _size(after)):
            ops[index] = ("replace", i1, i2, j1, j2)
    merged: list[tuple] = []
    for op in ops:
        if merged and op[0] != "equal" and merged[-1][0] != "equal":
            _tag, i1, _i2, j1, _j2 = merged[-1]
            merged[-1] = ("replace", i1, op[2], j1, op[4])
        else:
            merged.append(op)
    return merged


def _size(op) -> int:
    _tag, i1, i2, j1, j2 = op
    return max(i2 - i1, j2 - j1)


def _join(tokens: list[tuple[str, str]]) -> str:
    return "".join(word + space for word, space in tokens)


def _mark(kind: str, tokens: list[tuple[str, str]]) -> str:
    text = _join(tokens)
    words = text.rstrip()
    trailing = text[len(words) :]
    if kind == ADDED:
        html = format_html(
            '<ins><span class="visually-hidden">{} </span>{}</ins>', _("added text:"), words
        )
    else:
        html = format_html(
            '<del><span class="visually-hidden">{} </span>{}</del>', _("removed text:"), words
        )
    return html + escape(trailing)


def compare_sections(old: Sequence[SectionLike], new: Sequence[SectionLike]) -> Comparison:
    """The sections of `new` in order, each marked against `old`; removed ones where they were."""
    old_by_anchor = {s.anchor: s for s in old}
    new_by_anchor = {s.anchor: s for s in new}
    common_old = [s.anchor for s in old if s.anchor in new_by_anchor]
    common_new = [s.anchor for s in new if s.anchor in old_by_anchor]
    moved = _moved(common_old, common_new)
    previous_heading = {}
    for before, section in zip([None, *old], old, strict=False):
        previous_heading[section.anchor] = before.heading if before else None

    changes: list[SectionChange] = []
    for section in new:
        before = old_by_anchor.get(section.anchor)
        if before is None:
            changes.append(SectionChange(ADDED, None, section))
            continue
        change = _compare_pair(before, section)
        if section.anchor in moved:
            change.moved = True
            change.previously_after = previous_heading[section.anchor]
        changes.append(change)
    _place_removed(changes, old, new_by_anchor)
    counts = {
        ADDED: sum(c.kind == ADDED for c in changes),
        REMOVED: sum(c.kind == REMOVED for c in changes),
        CHANGED: sum(c.kind == CHANGED for c in changes),
        "moved": sum(c.moved for c in changes),
        UNCHANGED: sum(c.kind == UNCHANGED and not c.moved for c in changes),
    }
    return Comparison(changes=changes, counts=counts)


def compare_texts(old: str, new: str, *, title: str = "") -> Comparison:
    """Two Markdown texts compared as they would be published (the working copy's history).

    A text that could not be published (empty, or without headings) counts as no sections, or as
    one opening section, so that any two moments of the history can be compared.
    """
    return compare_sections(_sections_of(old, title), _sections_of(new, title))


def _sections_of(text: str, title: str) -> list[ParsedSection]:
    try:
        return split_sections(text, title=title)
    except ValidationError:
        if not (text or "").strip():
            return []
        return [ParsedSection(1, 1, title, title, OPENING_ANCHOR, text.strip("\n"))]


def _compare_pair(old: SectionLike, new: SectionLike) -> SectionChange:
    same_heading = old.heading == new.heading
    same_body = old.body.split() == new.body.split()  # a reflowed paragraph is not a change
    if same_heading and same_body and old.level == new.level:
        return SectionChange(UNCHANGED, old, new)
    return SectionChange(
        CHANGED,
        old,
        new,
        heading_diff=None if same_heading else word_diff(old.heading, new.heading),
        body_diff=None if same_body else word_diff(old.body, new.body),
        formatted=None if same_body else formatted_diff(old.body, new.body),
    )


def _moved(old_order: list[str], new_order: list[str]) -> set[str]:
    """Anchors outside the longest run of sections kept in the same relative order."""
    matcher = SequenceMatcher(None, old_order, new_order, autojunk=False)
    kept = {
        anchor
        for block in matcher.get_matching_blocks()
        for anchor in new_order[block.b : block.b + block.size]
    }
    return set(new_order) - kept


def _place_removed(
    changes: list[SectionChange], old: Sequence[SectionLike], new_by_anchor: dict
) -> None:
    """Put each removed section right after the section that preceded it in the old text."""
    position = {change.anchor: i for i, change in enumerate(changes)}
    inserts: dict[int, list[SectionChange]] = {}
    after = -1  # before the first section
    for section in old:
        if section.anchor in new_by_anchor:
            after = position[section.anchor]
        else:
            inserts.setdefault(after, []).append(SectionChange(REMOVED, section, None))
    for index in sorted(inserts, reverse=True):
        changes[index + 1 : index + 1] = inserts[index]
