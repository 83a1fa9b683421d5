from urllib.parse import urlsplit

import pytest

from abramos.markup import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    MAX_NESTING,
    STRUCTURE,
    _cleaner,
    _render,
    markup_problems,
    render_markdown,
    slugify_heading,
)
from abramos.tests.html import elements

# Payloads from the OWASP XSS filter evasion cheat sheet and bleach's own test-suite, written as a
# person would paste them into a comment or a staff member into a draft.
XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=http://xss.example/xss.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    '<img src="javascript:alert(1)">',
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<body onload=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JAVASCRIPT:alert(1)">click</a>',
    '<a href="jav&#x09;ascript:alert(1)">click</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '[click](http://example.com "title" onmouseover="alert(1)")',
    "![x](javascript:alert(1))",
    '![x](x" onerror="alert(1))',
    '<a href="http://example.com" onclick="alert(1)">x</a>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<style>body{background:url(javascript:alert(1))}</style>",
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<input autofocus onfocus="alert(1)">',
    '<details open ontoggle="alert(1)">',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<link rel="stylesheet" href="javascript:alert(1)">',
    "<<script>script>alert(1)<</script>/script>",
    '"><script>alert(1)</script>',
    "<!--<script>alert(1)</script>-->",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '<video><source onerror="alert(1)"></video>',
    '<h2 id="contenido" onclick="alert(1)">Robar el ancla</h2>',
    "`<script>alert(1)</script>`",
    "    <script>alert(1)</script>",
]


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_markup_neutralises_xss_payload(payload):
    html = render_markdown(payload)
    for tag, attrs in elements(html):
        assert tag in ALLOWED_TAGS, (payload, html)
        for name, value in attrs.items():
            assert not name.startswith("on"), (payload, html)
            assert name in ALLOWED_ATTRIBUTES.get(tag, []) or (name == "id" and tag[0] == "h")
            if name == "href":
                scheme = urlsplit(value.strip()).scheme.lower()
                assert scheme in ("http", "https", "mailto", ""), (payload, html)
                assert "script" not in value.lower(), (payload, html)
    assert all(attrs.get("id") != "contenido" for _tag, attrs in elements(html))


def test_corpus_has_at_least_thirty_payloads():
    assert len(set(XSS_PAYLOADS)) >= 30


def test_markdown_formatting_survives():
    html = render_markdown("**datos** y _abiertos_\n\n- uno\n- dos\n\n> cita")
    assert "<strong>datos</strong>" in html
    assert "<em>abiertos</em>" in html
    assert "<li>uno</li>" in html
    assert "<blockquote>" in html


def test_links_get_nofollow_noopener():
    html = render_markdown("[INAI](https://home.inai.org.mx) y https://datos.gob.mx")
    assert html.count('rel="nofollow noopener"') == 2
    assert 'href="https://home.inai.org.mx"' in html
    assert 'href="https://datos.gob.mx"' in html


def test_mailto_links_are_allowed():
    html = render_markdown("[escríbenos](mailto:abramosmexico@inai.org.mx)")
    assert 'href="mailto:abramosmexico@inai.org.mx"' in html


def test_headings_get_stable_unique_ids():
    text = "# Diagnóstico\n\ntexto\n\n## Problemas identificados\n\n## Diagnóstico\n"
    html = render_markdown(text)
    assert '<h2 id="diagnostico">Diagnóstico</h2>' in html
    assert '<h3 id="problemas-identificados">Problemas identificados</h3>' in html
    assert '<h3 id="diagnostico-2">Diagnóstico</h3>' in html
    assert render_markdown(text) == html


def test_heading_slug_is_ascii_and_never_empty():
    assert slugify_heading("Ejes transversales: ¿qué y cómo?") == "ejes-transversales-que-y-como"
    assert slugify_heading("¿¡!?") == "seccion"


def test_empty_text_renders_empty():
    assert render_markdown("") == ""


@pytest.mark.django_db
def test_a_save_limited_to_the_source_also_writes_its_html():
    from strategy.models import Stage

    stage = Stage.objects.create(
        number=9, name="Etapa de prueba", slug="prueba", months="Enero – Marzo",
        start_date="2030-01-01", end_date="2030-03-31", description="*antes*",
    )  # fmt: skip
    assert stage.description_html == "<p><em>antes</em></p>"
    stage.description = "**después**"
    stage.save(update_fields=["description"])
    stage.refresh_from_db()
    assert stage.description_html == "<p><strong>después</strong></p>"
    stage.name = "Otro nombre"
    stage.description = "sin guardar"
    stage.save(update_fields=["name"])
    stage.refresh_from_db()
    assert stage.description_html == "<p><strong>después</strong></p>"


# Bounded cost (abramos/markup.py): what changes for a reader, and what does not.


def test_html_written_in_the_text_is_shown_as_written():
    html = render_markdown("Uso <b>negritas</b> y a < b, <http://datos.gob.mx>")
    assert "&lt;b&gt;negritas&lt;/b&gt;" in html
    assert "a &lt; b" in html
    assert 'href="http://datos.gob.mx"' in html  # autolinks still work


def test_many_links_and_citations_render_in_full_and_are_not_refused():
    links = " ".join(f"[fuente {i}](https://datos.gob.mx/{i})" for i in range(300))
    citations = " ".join(f"Según [{i}] y [sic]" for i in range(500))
    text = f'{links}\n\n{citations}\n\n[una nota](https://a.mx "título") y ![imagen](x.png)'
    html = render_markdown(text)
    assert html.count('href="https://datos.gob.mx/') == 300
    assert "[499]" in html and "[sic]" in html
    assert markup_problems(text) == []


def test_lists_nest_up_to_the_limit_and_deeper_markers_are_shown_as_written():
    allowed = "".join("    " * level + "- nivel\n" for level in range(MAX_NESTING))
    assert render_markdown(allowed).count("<ul>") == MAX_NESTING
    assert markup_problems(allowed) == []
    too_deep = "1. " * (MAX_NESTING + 5) + "fondo"
    html = render_markdown(too_deep)
    assert html.count("<ol>") == MAX_NESTING and "fondo" in html
    assert markup_problems(too_deep)
    quotes = "> " * 200 + "cita"
    assert "cita" in render_markdown(quotes) and markup_problems(quotes)


def test_a_horizontal_rule_of_many_dashes_is_a_rule_not_a_deep_list():
    html = render_markdown("antes\n\n" + "- " * 40 + "\n\ndespués")
    assert "<hr>" in html
    assert markup_problems("- " * 40) == []


def test_brackets_that_would_cost_more_than_the_budget_are_refused_and_shown_as_written():
    text = "[" * 5000 + "]"
    html = render_markdown(text)
    assert html.count("[") == 5000
    assert markup_problems(text)


@pytest.mark.parametrize(
    "text",
    [
        "| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |",
        "| a |\n|---|\n| 1 |\n| 2 |",
        "| a |\n|---|\n| 1 |\nno es fila\n| 3 |",
        "a | b\n--|--\n1 | 2",
        "| a | b |\n| no |\n",
        "título\n-\n-\n-",
        "una línea",
    ],
)
def test_tables_are_recognised_as_python_markdown_recognises_them(text):
    import markdown

    from abramos.markup import _BoundedTableTest

    original = markdown.Markdown(extensions=["tables"]).parser.blockprocessors["table"]
    bounded = _BoundedTableTest(original.parser, original.config)
    assert bounded.test(None, text) == original.test(None, text)
    assert bounded.separator == original.separator and bounded.border == original.border


def test_sanitising_walks_the_tree_as_html5lib_does():
    import bleach

    html = render_markdown(
        "# T\n\n| a | *b* |\n|---|---|\n| [x](https://a.mx) | **y** |\n\n- *uno*\n- **dos**\n\n"
        "> cita con [enlace](https://b.mx)\n\n    código <b>\n\nhttps://datos.gob.mx y a.b-c.mx"
    )
    reference = bleach.Cleaner(
        tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, strip=True, strip_comments=True
    )
    assert _cleaner().clean(html) == _cleaner().clean(reference.clean(html))


def test_bare_addresses_are_still_linked():
    html = render_markdown("Ver datos.gob.mx, https://www.inegi.org.mx/app/(tabla) y a-b.c-d.mx.")
    assert 'href="http://datos.gob.mx"' in html
    assert 'href="https://www.inegi.org.mx/app/(tabla)"' in html
    assert 'href="http://a-b.c-d.mx"' in html


def test_a_text_too_deep_for_the_parser_is_shown_as_plain_escaped_text(monkeypatch):
    import markdown

    def too_deep(self, source):
        raise RecursionError

    monkeypatch.setattr(markdown.Markdown, "convert", too_deep)
    _render.cache_clear()
    text = "Una <b>idea</b>\n\notra (sin caché)"
    assert render_markdown(text) == "<p>Una &lt;b&gt;idea&lt;/b&gt;</p>\n\n<p>otra (sin caché)</p>"
    assert markup_problems(text)
    _render.cache_clear()


def _plain_python_markdown(text: str) -> str:
    import markdown

    md = markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md.convert(text)


_PIECES = [
    "# Título", "## Sub", "texto", "otra línea", "-", "=", "***", "- - -", "- uno", "* dos",
    "1. tres", "> cita", "> > doble", "| a | b |", "|---|---|", "| 1 | 2 |", "|", "    código",
    "[enlace](https://a.mx)", "[nota]", "[nota]: https://b.mx", "![img](x.png)", "**negrita**",
    "_it_", "`code`", "<b>", "a < b", "\\\\[", "#no es título", "",
]  # fmt: skip


def test_for_ordinary_text_the_bounded_parser_reads_exactly_as_python_markdown():
    import random

    import markdown

    from abramos.markup import _EXTENSIONS, _Render, _scan_budget

    chooser = random.Random(2026)
    for _ in range(400):
        text = "\n".join(chooser.choice(_PIECES) for _ in range(chooser.randint(1, 30)))
        md = markdown.Markdown(extensions=_EXTENSIONS, output_format="html")
        md.abramos_render = _Render(scan_left=_scan_budget(text))
        assert md.convert(text) == _plain_python_markdown(text), text


def test_threads_render_at_the_same_time_without_sharing_a_parser():
    # A threaded gunicorn worker renders comments in several threads at once.
    from concurrent.futures import ThreadPoolExecutor

    texts = [f"**{n}** [enlace](https://a.mx/{n})\n\n- uno\n- dos\n\n" * 40 for n in range(40)]
    _render.cache_clear()
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(render_markdown, texts))
    _render.cache_clear()
    assert results == [render_markdown(text) for text in texts]


def test_each_text_renders_as_if_it_were_the_first_on_its_thread():
    """One parser per thread, reset before each text: a link reference defined in one text makes
    no link in the next."""
    defines = "[fuente]: https://example.org/datos\n\nTexto con [fuente]."
    uses = "Solo cito [fuente] sin definirla."
    _render.cache_clear()
    assert 'href="https://example.org/datos"' in render_markdown(defines)
    html = render_markdown(uses)
    assert html == "<p>Solo cito [fuente] sin definirla.</p>"
    _render.cache_clear()
    assert render_markdown(uses) == html  # the same, with nothing rendered before it


def test_a_rendering_that_failed_inside_a_list_leaves_nothing_for_the_next_text(monkeypatch):
    """A text that broke off inside a list item (the parser's state says "inside a list") must
    not make the next text on the thread render as if it were inside one."""
    from markdown.blockprocessors import ParagraphProcessor

    real_run = ParagraphProcessor.run

    def breaks_inside_a_list(self, parent, blocks):
        if self.parser.state.isstate("list"):
            raise RecursionError
        return real_run(self, parent, blocks)

    monkeypatch.setattr(ParagraphProcessor, "run", breaks_inside_a_list)
    _render.cache_clear()
    assert STRUCTURE in _render("- una idea\n\n    con un párrafo dentro")[1]
    monkeypatch.undo()
    assert render_markdown("Hola\n\nmundo") == "<p>Hola</p>\n<p>mundo</p>"
    assert render_markdown("- a\n- b") == "<ul>\n<li>a</li>\n<li>b</li>\n</ul>"
    _render.cache_clear()
