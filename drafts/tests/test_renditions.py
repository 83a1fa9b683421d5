"""The four renderers: what each file holds, that it is deterministic, and that PDF rendering
never reaches the network."""

import datetime
import io
import re
import zipfile

import docx
import pypdf
import pytest
from django.utils import timezone

from drafts import renditions
from drafts.tests import policy_fixtures
from drafts.tests.conftest import publish

pytestmark = pytest.mark.django_db

# Fixtures shared by the policy tests (drafts/tests/policy_fixtures.py).
_spanish = policy_fixtures._spanish
media_root = policy_fixtures.media_root

PNDA = """Texto de presentación antes del primer título.

# Introducción

La Política Nacional de Datos Abiertos orienta a los **organismos garantes** y a los *sujetos
obligados*. Consulta [el sitio](https://datos.gob.mx).

# Diagnóstico y problema

## Problemas identificados

- Datos sin **estándares** comunes
- Publicación irregular
    - en los estados
    - en los municipios

### Causas

1. Falta de capacidades
2. Falta de presupuesto

> Los datos abiertos son un bien público.

# Objetivos

1. Definir criterios
2. Establecer procedimientos

| Eje | Meta |
| --- | --- |
| Apertura | 2025 |
"""

PUBLISHED_AT = datetime.datetime(2023, 11, 10, 16, 30, tzinfo=datetime.UTC)  # 10:30 CST


@pytest.fixture
def version(tech_user):
    # Outside captured on-commit callbacks the render task does not run: each test renders.
    return publish(
        tech_user,
        PNDA,
        "Política aprobada",
        change_summary="Versión final.",
        published_at=PUBLISHED_AT,
    )


@pytest.fixture
def address(version, settings):
    return f"{settings.SITE_ROOT}/borradores/{version.number}/"


def _pdf_text(data: bytes) -> tuple[pypdf.PdfReader, list[str]]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return reader, [page.extract_text() for page in reader.pages]


def test_pdf_opens_and_holds_the_label_address_and_sections(version, address):
    reader, pages = _pdf_text(renditions.render(version, "pdf"))
    everything = "\n".join(pages)
    assert len(pages) >= 3  # cover, contents, text
    assert version.title in pages[0]
    assert "Política aprobada" in pages[0]
    assert address in pages[0]
    assert "10 de noviembre de 2023" in pages[0] and "10:30" in pages[0]
    for heading in ["Introducción", "Diagnóstico y problema", "Problemas identificados", "Causas"]:
        assert heading in everything
    assert "organismos garantes" in everything
    assert address in pages[-1]  # the footer of every text page carries the address


def test_pdf_contents_page_gives_page_numbers(version):
    _reader, pages = _pdf_text(renditions.render(version, "pdf"))
    contents = pages[1]
    for heading in ["Introducción", "Diagnóstico y problema", "Objetivos"]:
        assert re.search(rf"{heading}[ .…]*\d+", contents), contents


def test_pdf_dates_come_from_the_publication_not_the_clock(version):
    reader, _pages = _pdf_text(renditions.render(version, "pdf"))
    assert reader.metadata["/CreationDate"].startswith("D:20231110103000-06'00")
    assert reader.metadata["/Title"] == f"{version.title} · Política aprobada"


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html", "md"])
def test_rendering_is_deterministic(version, fmt):
    assert renditions.render(version, fmt) == renditions.render(version, fmt)


def test_rendering_does_not_depend_on_the_request_language(version):
    from django.utils import translation

    spanish = renditions.render(version, "html")
    with translation.override("en"), timezone.override("UTC"):
        assert renditions.render(version, "html") == spanish


def test_an_unknown_format_is_refused(version):
    with pytest.raises(ValueError, match="epub"):
        renditions.render(version, "epub")


def test_the_pdf_fetcher_refuses_the_network_and_files_outside_static():
    fetcher = renditions.local_only_fetcher()
    for url in ["https://example.com/logo.png", "http://127.0.0.1/x.css", "data:,x"]:
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    with pytest.raises(ValueError):
        fetcher.fetch("file:///etc/passwd")
    with pytest.raises(ValueError):
        fetcher.fetch((renditions.STATIC_DIR / ".." / "manage.py").resolve().as_uri())
    response = fetcher.fetch((renditions.STATIC_DIR / "img" / "logo.svg").as_uri())
    assert b"<svg" in response.read()
    response.close()


def _docx(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def test_docx_holds_title_label_address_and_headings_with_their_levels(version, address):
    document = _docx(renditions.render(version, "docx"))
    styled = [(p.style.name, p.text) for p in document.paragraphs]
    assert ("Title", version.title) in styled
    assert ("Subtitle", "Política aprobada") in styled
    assert any(address in text for _style, text in styled)
    assert ("Heading 1", "Introducción") in styled
    assert ("Heading 1", "Diagnóstico y problema") in styled
    assert ("Heading 2", "Problemas identificados") in styled
    assert ("Heading 3", "Causas") in styled
    assert ("Heading 1", "Objetivos") in styled
    assert document.core_properties.created == PUBLISHED_AT


def test_docx_maps_lists_emphasis_quotes_links_and_tables(version):
    document = _docx(renditions.render(version, "docx"))
    paragraphs = document.paragraphs
    by_text = {p.text: p for p in paragraphs}
    assert by_text["Datos sin estándares comunes"].style.name == "List Bullet"
    assert by_text["en los estados"].style.name == "List Bullet 2"
    assert by_text["Falta de capacidades"].style.name == "List Number"
    assert by_text["Los datos abiertos son un bien público."].style.name == "Quote"
    intro = next(p for p in paragraphs if p.text.startswith("La Política Nacional"))
    assert [r.text for r in intro.runs if r.bold] == ["organismos garantes"]
    assert [r.text for r in intro.runs if r.italic] == ["sujetos obligados"]
    assert "el sitio (https://datos.gob.mx)" in intro.text
    assert "\n" not in intro.text and "  " not in intro.text
    table = document.tables[0]
    assert [cell.text for cell in table.rows[1].cells] == ["Apertura", "2025"]


def test_docx_numbered_lists_each_start_at_one(version):
    document = _docx(renditions.render(version, "docx"))
    first = next(p for p in document.paragraphs if p.text == "Falta de capacidades")
    second = next(p for p in document.paragraphs if p.text == "Definir criterios")
    first_id = first._p.pPr.numPr.numId.val
    second_id = second._p.pPr.numPr.numId.val
    assert first_id != second_id
    numbering = document.part.numbering_part.element
    for num_id in (first_id, second_id):
        num = numbering.num_having_numId(num_id)
        assert num.lvlOverride_lst[0].startOverride.val == 1


def test_docx_archive_members_are_dated_with_the_publication(version):
    data = renditions.render(version, "docx")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        dates = {item.date_time for item in archive.infolist()}
    assert dates == {(2023, 11, 10, 10, 30, 0)}


def test_standalone_html_is_self_contained_spanish_and_script_free(version, address):
    html = renditions.render(version, "html").decode("utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="es-MX">' in html
    assert "<style>" in html
    assert "<script" not in html.lower()
    assert not re.search(r"\son[a-z]+\s*=", html)
    assert not re.search(r"<(img|iframe|object)\b|rel=\"stylesheet\"", html)  # nothing to fetch
    assert f'<link rel="canonical" href="{address}">' in html
    assert "Política aprobada" in html
    assert f'href="{address}"' in html
    assert "10 de noviembre de 2023" in html
    for section in version.sections.all():
        assert f'id="{section.anchor}"' in html
        assert f'href="#{section.anchor}"' in html


def test_markdown_is_the_body_with_a_small_header(version, address):
    text = renditions.render(version, "md").decode("utf-8")
    header, body = text.split("* * *\n\n", 1)
    assert header.startswith(f"**{version.title}**")
    assert "Política aprobada" in header
    assert f"<{address}>" in header
    assert "10 de noviembre de 2023" in header
    assert body == version.body.strip("\n") + "\n"


def test_a_rendition_that_never_finishes_ends_failed_instead_of_being_sent_for_ever(
    tech_user, django_capture_on_commit_callbacks
):
    from drafts.models import Rendition
    from drafts.tasks import MAX_ATTEMPTS, render_pending, render_rendition
    from drafts.tests.conftest import PNDA_V1, publish

    with django_capture_on_commit_callbacks(execute=False):
        version = publish(tech_user, PNDA_V1, "Borrador")
    pdf = Rendition.objects.get(version=version, format="pdf")
    # Each attempt was killed by the hard time limit: counted, and nothing else was written.
    Rendition.objects.filter(pk=pdf.pk).update(attempts=MAX_ATTEMPTS)
    assert render_rendition.apply(args=[pdf.pk]).get() is False
    pdf.refresh_from_db()
    assert pdf.status == Rendition.Status.FAILED and "attempts" in pdf.error
    assert render_pending.apply(kwargs={"older_than_seconds": 0}).get() == 3  # the others only


def test_the_sweep_sends_a_rendition_again_only_once_it_has_waited(
    tech_user, django_capture_on_commit_callbacks, monkeypatch
):
    from drafts.tasks import render_pending, render_rendition
    from drafts.tests.conftest import PNDA_V1, publish

    with django_capture_on_commit_callbacks(execute=False):
        publish(tech_user, PNDA_V1, "Borrador")
    sent = []
    monkeypatch.setattr(render_rendition, "delay", lambda pk: sent.append(pk))
    assert render_pending.apply(kwargs={"older_than_seconds": 0}).get() == 4
    # Handed out just now: the minute's sweep leaves them to the workers that have them.
    assert render_pending.apply().get() == 0
    assert len(sent) == 4


def test_the_official_copy_says_who_issues_it_its_approval_and_the_diario_oficial(version, address):
    from drafts.models import Approval

    Approval.objects.create(
        version=version,
        approving_body="Consejo Nacional del Sistema Nacional de Transparencia",
        agreement="Acuerdo CONAIP/SNT/ACUERDO/ORD01-09/10/2023-05",
        approved_on=datetime.date(2023, 10, 9),
        dof_published_on=datetime.date(2023, 11, 10),
        dof_url="https://www.dof.gob.mx/nota_detalle.php?codigo=1",
    )
    version.refresh_from_db()
    _reader, pages = _pdf_text(renditions.render(version, "pdf"))
    cover = " ".join(pages[0].split())
    assert "Emite" in cover and "Consejo Nacional del Sistema Nacional de Transparencia" in cover
    assert "Aprobada" in cover
    squeezed = cover.replace(" ", "")  # a long agreement number wraps where it can
    assert "9deoctubrede2023.AcuerdoCONAIP/SNT/ACUERDO/ORD01-09/10/2023-05" in squeezed
    assert "Publicada el 10 de noviembre de 2023" in cover and "dof.gob.mx" in cover
    assert address in cover
    # The title once: the label under it does not repeat it.
    assert cover.count(version.title) == 1
    html = renditions.render(version, "html").decode()
    assert "Acuerdo CONAIP/SNT/ACUERDO/ORD01-09/10/2023-05" in html
    assert 'href="https://www.dof.gob.mx/nota_detalle.php?codigo=1"' in html
    document = docx.Document(io.BytesIO(renditions.render(version, "docx")))
    text = "\n".join(p.text for p in document.paragraphs[:12])
    assert "Emite: Consejo Nacional del Sistema Nacional de Transparencia" in text
    assert "Diario Oficial: Publicada el 10 de noviembre de 2023" in text


def test_a_draft_is_issued_by_the_technical_group_and_names_no_approval(version, settings):
    _reader, pages = _pdf_text(renditions.render(version, "pdf"))
    cover = " ".join(pages[0].split())
    assert "Emite" in cover and settings.OPENDATA_PUBLISHER in cover
    assert "Aprobada" not in cover and "Diario Oficial" not in cover


def test_recording_the_approval_renders_the_official_files_again(
    tech_user, admin_client, django_capture_on_commit_callbacks
):
    from drafts.models import Rendition, Version

    with django_capture_on_commit_callbacks(execute=True):
        version = publish(tech_user, PNDA, "Versión aprobada", status=Version.Status.APPROVED)
    before = dict(Rendition.objects.filter(version=version).values_list("format", "sha256"))
    assert all(before.values())
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/admin/drafts/approval/add/",
            {
                "version": version.pk,
                "approving_body_es_mx": "Consejo Nacional del SNT",
                "agreement": "",
                "approved_on": "2023-10-09",
                "dof_published_on": "",
                "dof_url": "",
                "notes_es_mx": "",
            },
        )
    assert response.status_code == 302
    after = dict(Rendition.objects.filter(version=version).values_list("format", "sha256"))
    assert set(after) == set(before)
    assert after["pdf"] != before["pdf"] and after["html"] != before["html"]
    assert set(Rendition.objects.filter(version=version).values_list("status", flat=True)) == {
        "ready"
    }


def test_only_what_the_files_print_renders_them_again_and_removing_the_approval_does_too(
    tech_user, admin_client, django_capture_on_commit_callbacks
):
    from drafts.models import Approval, Rendition, Version

    with django_capture_on_commit_callbacks(execute=True):
        version = publish(tech_user, PNDA, "Versión aprobada", status=Version.Status.APPROVED)
    approval = Approval.objects.create(
        version=version, approving_body="Consejo", approved_on=datetime.date(2023, 10, 9)
    )
    form = {
        "version": version.pk, "approving_body_es_mx": "Consejo", "agreement": "",
        "approved_on": "2023-10-09", "dof_published_on": "", "dof_url": "",
        "notes_es_mx": "Una nota que no se imprime.",
    }  # fmt: skip

    def rendered():
        return dict(Rendition.objects.filter(version=version).values_list("format", "rendered_at"))

    before = rendered()
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(f"/admin/drafts/approval/{approval.pk}/change/", form)
    assert rendered() == before  # only the notes changed: the files stay as published
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            f"/admin/drafts/approval/{approval.pk}/change/",
            {**form, "approving_body_en": "National Council", "notes_en": "A note."},
        )
    assert rendered() == before  # the files are in Spanish: the English texts are not printed
    assert Approval.objects.get().approving_body_en == "National Council"
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(f"/admin/drafts/approval/{approval.pk}/delete/", {"post": "yes"})
    assert not Approval.objects.exists()
    after = rendered()
    assert all(after[fmt] > before[fmt] for fmt in before)  # rendered again, without it
