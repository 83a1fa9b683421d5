import re

import pytest
from django.core.files.base import ContentFile

from drafts import selectors
from drafts.models import Rendition, Section, Version
from drafts.selectors import PagePanels, SectionPanel
from drafts.services import rendition_store
from drafts.tests.conftest import PNDA_V1, PNDA_V2, publish

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def versions(tech_user):
    """Versions 1 and 2; their renditions stay pending (the rendering never runs in a test)."""
    first = publish(tech_user, PNDA_V1, "Primer borrador", change_summary="Para *consulta*.")
    second = publish(tech_user, PNDA_V2, "Segundo borrador", change_summary="Nuevo análisis.")
    return first, second


def rendition(version: Version, fmt: str) -> Rendition:
    return version.renditions.get(format=fmt)


def make_ready(version: Version, fmt: str, content: bytes = b"%PDF-1.7 contenido") -> Rendition:
    return rendition_store(rendition=rendition(version, fmt), content=content)


def make_failed(version: Version, fmt: str) -> Rendition:
    item = rendition(version, fmt)
    item.status = Rendition.Status.FAILED
    item.error = "OSError: sin fuentes"
    item.save()
    return item


def assert_strict_csp_friendly(html: str) -> None:
    assert "<script" not in html
    assert 'style="' not in html
    assert not re.search(r"\son[a-z]+=", html)


# The list -------------------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_version_list_answers_in_both_languages(client, versions, prefix):
    response = client.get(f"{prefix}/borradores/")
    assert response.status_code == 200
    assert "Primer borrador" in response.text
    assert "Segundo borrador" in response.text


def test_version_list_shows_every_version_newest_first_with_status_date_and_summary(
    client, versions
):
    html = client.get("/en/borradores/").text
    assert html.index("Segundo borrador") < html.index("Primer borrador")
    assert '<span class="tag tag--current">Current draft</span>' in html
    assert '<span class="tag tag--planned">Superseded</span>' in html
    assert re.search(r'<time datetime="[^"]+-06:00">[^<]+ CST</time>', html)
    assert "<p>Para <em>consulta</em>.</p>" in html
    assert 'href="/en/borradores/1/comparar/2/"' in html
    assert 'href="/en/borradores/2/"' in html
    assert_strict_csp_friendly(html)


def test_version_list_links_ready_downloads_and_says_which_are_being_prepared(client, versions):
    first, second = versions
    make_ready(second, "pdf")
    make_failed(second, "docx")
    html = client.get("/en/borradores/").text
    assert 'href="/en/borradores/2/descargar/pdf/"' in html
    assert "/borradores/2/descargar/docx/" not in html
    assert "/borradores/1/descargar/" not in html
    assert "being prepared" in html
    assert "not available" in html


def test_version_list_says_so_when_nothing_has_been_published(client, db):
    response = client.get("/en/borradores/")
    assert response.status_code == 200
    assert "No version of the PNDA has been published yet" in response.text


# One version ----------------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_version_page_answers_in_both_languages(client, versions, prefix):
    response = client.get(f"{prefix}/borradores/2/")
    assert response.status_code == 200
    assert "<h1>Segundo borrador</h1>" in response.text


def test_version_page_shows_its_header_who_published_it_and_the_change_summary(client, versions):
    html = client.get("/en/borradores/1/").text
    assert "Version 1" in html
    assert "Política Nacional de Datos Abiertos" in html
    assert "<dd>Técnica</dd>" in html
    assert re.search(r"<time datetime=\"[^\"]+\">[^<]+ CST</time>", html)
    assert "<p>Para <em>consulta</em>.</p>" in html
    assert_strict_csp_friendly(html)


def test_version_page_shows_each_section_with_its_anchor_heading_level_and_permalink(
    client, versions
):
    html = client.get("/en/borradores/1/").text
    assert re.search(r'<section class="[^"]*" id="introduccion">\s*<h2 ', html)
    assert re.search(
        r'id="diagnostico-y-problema--problemas-identificados">\s*<h3 class="version-section__heading" lang="es-MX">Problemas identificados</h3>',
        html,
    )
    assert "<p>Los datos públicos se publican sin estándares comunes.</p>" in html
    assert 'href="/en/borradores/1/#objetivos"' in html
    assert html.count('class="version-section__panels"') == 4  # the slot, empty for now


def test_version_page_has_a_table_of_contents_nested_by_level(client, versions):
    html = client.get("/en/borradores/1/").text
    toc = html.split('class="version-toc"')[1].split("</nav>")[0]
    assert re.findall(r'href="#([^"]+)"', toc) == [
        "introduccion",
        "diagnostico-y-problema",
        "diagnostico-y-problema--problemas-identificados",
        "objetivos",
    ]
    nested = toc.split('href="#diagnostico-y-problema"')[1].split('href="#objetivos"')[0]
    assert '<ol class="version-toc__list">' in nested


def test_an_older_version_shows_a_banner_linking_to_the_newest_and_the_comparison(client, versions):
    html = client.get("/en/borradores/1/").text
    banner = html.split('class="notice notice--warning version-newer"')[1].split("</div>")[0]
    assert "There is a newer version of this text" in banner
    assert "“Segundo borrador”" in banner
    assert 'href="/en/borradores/2/"' in banner
    assert 'href="/en/borradores/1/comparar/2/"' in banner


def test_the_newest_version_has_no_banner(client, versions):
    assert "version-newer" not in client.get("/en/borradores/2/").text


def test_downloads_box_says_a_file_is_being_prepared_and_links_to_nothing(client, versions):
    html = client.get("/en/borradores/2/").text
    box = html.split('class="downloads"')[1].split("</section>")[0]
    assert box.count("Being prepared") == 4
    assert "href=" not in box


def test_downloads_box_links_a_ready_file_with_its_size_and_sha256(client, versions):
    ready = make_ready(versions[1], "pdf", b"x" * 2048)
    html = client.get("/en/borradores/2/").text
    box = html.split('class="downloads"')[1].split("</section>")[0]
    assert 'href="/en/borradores/2/descargar/pdf/"' in box
    assert "2.0\xa0KB" in box
    assert f"<code>{ready.sha256}</code>" in box
    assert box.count("Being prepared") == 3


def test_downloads_box_says_a_failed_file_is_not_available_never_a_broken_link(client, versions):
    make_failed(versions[1], "docx")
    html = client.get("/en/borradores/2/").text
    box = html.split('class="downloads"')[1].split("</section>")[0]
    assert "Not available; the Technical Group has been notified." in box
    assert "descargar/docx" not in box


def test_an_unknown_version_is_not_found(client, versions):
    assert client.get("/borradores/9/").status_code == 404


def test_other_apps_can_fill_the_slot_of_each_section(client, versions, monkeypatch):
    monkeypatch.setattr(selectors, "_section_panel_providers", [])

    def comments(version, sections, request):
        first = sections[0]
        return PagePanels(
            sections={first.pk: SectionPanel("drafts/includes/version_status.html", {"n": 1})}
        )

    selectors.register_section_panels(comments)
    html = client.get("/en/borradores/2/").text
    slot = html.split('data-section="introduccion">')[1].split("</div>")[0]
    assert '<span class="tag tag--current">Current draft</span>' in slot


# Downloads ------------------------------------------------------------------------------------


def test_a_ready_rendition_downloads_as_an_attachment_with_its_type(client, versions):
    ready = make_ready(versions[0], "pdf", b"%PDF-1.7 uno")
    response = client.get("/borradores/1/descargar/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="pnda-version-1.pdf"'
    assert response["ETag"] == f'"{ready.sha256}"'
    assert b"".join(response.streaming_content) == b"%PDF-1.7 uno"


def test_text_renditions_download_as_utf8(client, versions):
    make_ready(versions[0], "md", "# Introducción\n".encode())
    response = client.get("/en/borradores/1/descargar/md/")
    assert response["Content-Type"] == "text/markdown; charset=utf-8"


@pytest.mark.parametrize(
    "path",
    [
        "/borradores/1/descargar/docx/",  # being prepared
        "/borradores/1/descargar/html/",  # failed
        "/borradores/1/descargar/exe/",  # no such format
        "/borradores/7/descargar/pdf/",  # no such version
    ],
)
def test_a_download_that_is_not_ready_or_does_not_exist_is_not_found(client, versions, path):
    make_ready(versions[0], "pdf")
    make_failed(versions[0], "html")
    assert client.get(path).status_code == 404


def test_a_download_whose_file_is_gone_from_storage_is_not_found(client, versions):
    ready = make_ready(versions[0], "pdf")
    ready.file.storage.delete(ready.file.name)
    assert client.get("/borradores/1/descargar/pdf/").status_code == 404


# The comparison -------------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_comparison_answers_in_both_languages(client, versions, prefix):
    assert client.get(f"{prefix}/borradores/1/comparar/2/").status_code == 200


def test_comparison_names_the_added_removed_and_changed_sections_with_a_summary(client, versions):
    html = client.get("/en/borradores/1/comparar/2/").text
    assert "Changes from version 1 to version 2" in html
    for count in (
        "1 section added",
        "1 section removed",
        "1 section changed",
        "0 sections moved",
        "2 sections unchanged",
    ):
        assert count in html
    added = html.split('id="cambio-analisis-de-alternativas"')[1].split("</article>")[0]
    assert "Added section" in added and "<p>Tres alternativas de solución.</p>" in added
    removed = html.split('id="cambio-objetivos"')[1].split("</article>")[0]
    assert "Removed section" in removed
    changed = html.split('id="cambio-introduccion"')[1].split("</article>")[0]
    assert (
        '<ins><span class="visually-hidden">added text: </span>y sujetos obligados</ins>.'
        in changed
    )
    assert "organismos garantes <ins>" in changed
    # Formatted as it reads (paragraphs, not Markdown source), the source kept one click away.
    opening = 'class="prose change__diff change__formatted" lang="es-MX">'
    formatted = changed.split(opening)[1].split("</div>")[0]
    assert formatted.lstrip().startswith("<p>") and "<ins>" in formatted
    assert "<summary>The same changes in the Markdown source</summary>" in changed
    assert 'href="/en/borradores/2/#introduccion"' in changed
    assert "2 sections without changes" in html
    assert "How to read the changes" in html
    assert_strict_csp_friendly(html)


def test_comparison_escapes_the_text_it_shows(client, tech_user):
    publish(tech_user, "# Uno\n\nTexto.\n", "Primero")
    publish(tech_user, "# Uno\n\nTexto <img src=x onerror=alert(1)>.\n", "Segundo")
    html = client.get("/en/borradores/1/comparar/2/").text
    changed = html.split('id="cambio-uno"')[1].split("</article>")[0]
    assert "<img" not in changed
    assert "&lt;img" in changed


def test_comparison_in_reverse_order_redirects_to_the_older_version_first(client, versions):
    response = client.get("/en/borradores/2/comparar/1/")
    assert response.status_code == 302
    assert response["Location"] == "/en/borradores/1/comparar/2/"


def test_comparing_a_version_with_itself_says_so(client, versions):
    response = client.get("/en/borradores/2/comparar/2/")
    assert response.status_code == 200
    assert "with itself" in response.text
    assert 'href="/en/borradores/1/comparar/2/"' in response.text


@pytest.mark.parametrize(
    "path", ["/borradores/1/comparar/5/", "/borradores/4/comparar/5/", "/borradores/6/comparar/6/"]
)
def test_comparison_with_an_unknown_version_is_not_found(client, versions, path):
    assert client.get(path).status_code == 404


def test_each_changed_section_has_an_empty_slot_for_the_consultation(client, versions):
    html = client.get("/en/borradores/1/comparar/2/").text
    assert html.count('class="change__panels"') == 3  # added, removed and changed


# Query counts ---------------------------------------------------------------------------------


def pnda_text(sections: int, edition: int) -> str:
    """A PNDA of `sections` sections at three heading levels; later editions reword some."""
    parts = []
    for n in range(sections):
        marks = "#" * (1 + n % 3)
        word = "revisado" if edition > 1 and n % 4 == 0 else "original"
        parts.append(f"{marks} Apartado {n}\n\nTexto {word} del apartado {n}, con *énfasis*.\n")
    if edition > 1:
        parts.append("# Apartado nuevo\n\nAñadido en esta edición.\n")
    return "\n".join(parts)


@pytest.mark.parametrize(("sections", "editions"), [(5, 3), (60, 8)])
def test_pages_make_the_same_few_queries_whatever_the_number_of_sections_and_versions(
    client, tech_user, django_assert_max_num_queries, sections, editions
):
    for edition in range(1, editions + 1):
        publish(tech_user, pnda_text(sections, edition), f"Borrador {edition}")
    make_ready(Version.objects.get(number=3), "pdf")
    make_failed(Version.objects.get(number=2), "docx")
    assert Section.objects.filter(version__number=2).count() == sections + 1
    with django_assert_max_num_queries(2):
        assert client.get("/borradores/").status_code == 200
    # 4 for the version, plus 1: the consultation app's section panels ask whether the version
    # is under consultation (consultation.presenters.comment_panels).
    with django_assert_max_num_queries(5):
        assert client.get("/borradores/2/").status_code == 200
    # 2 for the comparison, plus 1: the consultation app's change panels load the answers that
    # point to the newer version's sections (consultation.presenters).
    with django_assert_max_num_queries(3):
        assert client.get("/borradores/1/comparar/3/").status_code == 200


def test_uploaded_files_go_to_the_tests_own_folder(settings, versions):
    item = rendition(versions[0], "md")
    item.file.save("x.md", ContentFile(b"x"), save=False)
    assert str(settings.MEDIA_ROOT) in item.file.path


def test_the_version_page_shows_the_sha256_of_every_real_rendition(client, two_versions):
    import hashlib

    second = two_versions[1]
    html = client.get(second.get_absolute_url()).text
    renditions = list(second.renditions.all())
    assert len(renditions) == 4
    for rendition in renditions:
        assert rendition.is_ready
        with rendition.file.open("rb") as handle:
            assert hashlib.sha256(handle.read()).hexdigest() == rendition.sha256
        assert rendition.sha256 in html
        assert rendition.get_absolute_url() in html


def test_on_the_english_site_the_spanish_text_says_it_is_spanish(client, versions):
    """Screen readers pronounce the policy's text in Spanish on /en/ pages (the document is
    written in Spanish; the page around it is English)."""
    html = client.get("/en/borradores/2/").text
    assert '<html lang="en">' in html
    assert 'class="version-section__heading" lang="es-MX"' in html
    assert 'class="version-section__body prose" lang="es-MX"' in html
