from urllib.parse import urlsplit

import pytest
from django.template import Context, Template

from abramos.markup import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, render_markdown, slugify_heading
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
    assert 'id="contenido"' not in html


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


def test_template_filter_uses_the_markup_function():
    rendered = Template("{% load abramos %}{{ text|markdown }}").render(
        Context({"text": "**hola** <script>alert(1)</script>"})
    )
    assert "<strong>hola</strong>" in rendered
    assert "<script" not in rendered


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
