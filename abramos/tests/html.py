"""Reading HTML in tests as a browser would build it: every element with its attributes."""

from html.parser import HTMLParser


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, {name: value or "" for name, value in attrs}))


def elements(html: str) -> list[tuple[str, dict[str, str]]]:
    """(tag, attributes) of every start tag in `html`, in document order."""
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser.found
