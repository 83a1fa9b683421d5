"""Text as the search sees it: the same normalisation for the index, the query and the excerpt.

Lower-cased, accents removed ("Información" → "informacion"), and a tiny Spanish plural stemmer
("municipios" → "municipio", "nacionales" → "nacional") so the SQLite fallback finds what
PostgreSQL's Spanish stemmer finds. Excerpts are built here: the text is escaped first, then the
matching words are wrapped in <mark>, so the HTML is safe whatever the text holds.
"""

from __future__ import annotations

import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import SafeString

from abramos.markup import sanitised

# A query longer than this is cut (politely: the page says so); it is still searched.
MAX_QUERY_LENGTH = 200
# At most this many words are matched: each is one LIKE on SQLite.
MAX_TERMS = 10

_WORD = re.compile(r"\w+", re.UNICODE)
# Control characters (NUL among them) never reach the database: PostgreSQL rejects NUL in text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Words too common to search for or to highlight (PostgreSQL's Spanish configuration drops them).
STOPWORDS = frozenset(
    [
        "a",
        "al",
        "con",
        "de",
        "del",
        "e",
        "el",
        "en",
        "es",
        "la",
        "las",
        "lo",
        "los",
        "o",
        "para",
        "por",
        "que",
        "se",
        "su",
        "sus",
        "u",
        "un",
        "una",
        "unas",
        "unos",
        "y",
    ]
)


def clean_query(raw: str) -> tuple[str, bool]:
    """The query as searched, and whether it had to be shortened."""
    text = _CONTROL.sub(" ", raw or "")
    text = " ".join(text.split())
    if len(text) <= MAX_QUERY_LENGTH:
        return text, False
    cut = text[:MAX_QUERY_LENGTH]
    # Cut at a word boundary when there is one, so no half word is searched.
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut, True


def normalise(text: str) -> str:
    """Lower-case, without accents or other combining marks; "ñ" becomes "n"."""
    decomposed = unicodedata.normalize("NFKD", (text or "").lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def stem(word: str) -> str:
    """A normalised word without its Spanish plural ending: "datos" → "dato"."""
    if len(word) > 4 and word.endswith("es"):
        return word[:-2]
    if len(word) > 3 and word.endswith("s"):
        return word[:-1]
    return word


def plain(text: str) -> str:
    """The normalised words of a text, separated by single spaces (the SQLite column)."""
    return " ".join(_WORD.findall(normalise(text)))


def terms(query: str) -> list[str]:
    """The stems a query searches for: no stopwords, no excluded words ("-palabra"), no repeats."""
    found: list[str] = []
    for token in (query or "").split():
        if token.startswith("-"):
            continue
        for word in _WORD.findall(normalise(token)):
            if word in STOPWORDS or word == "or":
                continue
            term = stem(word)
            if term not in found:
                found.append(term)
    return found[:MAX_TERMS]


def _matches(word: str, search_terms: list[str]) -> bool:
    """Whether a word of the text answers one of the terms: the same stem, or a close variant
    ("abierta" for "abierto"), as PostgreSQL's Spanish stemmer would also match."""
    base = stem(normalise(word))
    for term in search_terms:
        if base == term or (len(term) >= 4 and base.startswith(term)):
            return True
        shorter = min(len(base), len(term))
        if (
            shorter >= 5
            and base[: shorter - 1] == term[: shorter - 1]
            and abs(len(base) - len(term)) <= 2
        ):
            return True
    return False


def excerpt(text: str, search_terms: list[str], *, words: int = 32) -> SafeString:
    """A short excerpt of `text` around its first match, escaped, matches in <mark>."""
    tokens = re.split(r"(\s+)", (text or "").strip())
    token_words = [t for t in tokens if t and not t.isspace()]
    if not token_words:
        return sanitised("")
    hits = [i for i, word in enumerate(token_words) if _word_hits(word, search_terms)]
    start = max(hits[0] - words // 3, 0) if hits else 0
    window = token_words[start : start + words]
    html = " ".join(_highlight_token(word, search_terms) for word in window)
    if start > 0:
        html = "… " + html
    if start + words < len(token_words):
        html += " …"
    # Every piece was escaped by _highlight_token; only our <mark> tags are added.
    return sanitised(html)


def _word_hits(token: str, search_terms: list[str]) -> bool:
    return any(_matches(word, search_terms) for word in _WORD.findall(token))


def _highlight_token(token: str, search_terms: list[str]) -> str:
    """One whitespace-free token, escaped, with its matching words wrapped in <mark>."""
    out = []
    position = 0
    for match in _WORD.finditer(token):
        out.append(escape(token[position : match.start()]))
        word = match.group(0)
        if _matches(word, search_terms):
            out.append(f"<mark>{escape(word)}</mark>")
        else:
            out.append(escape(word))
        position = match.end()
    out.append(escape(token[position:]))
    return "".join(out)


_TAG = re.compile(r"<[^>]*>")


def from_html(html: str) -> str:
    """The plain text of our own sanitised HTML (a `*_html` field), for the index."""
    import html as html_module

    return " ".join(html_module.unescape(_TAG.sub(" ", html or "")).split())
