"""Uploads accept only what they should, by content and size, and the site gives them back as
downloads that a browser never renders (abramos.uploads)."""

import datetime
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from abramos import roles, uploads
from consultation.tests.conftest import make_user
from strategy.models import Document
from transparency.demo.loader import receipt_pdf
from transparency.models import validate_pdf

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
XLSX = _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
ODT = _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})
CSV = "clave,nombre\n14,Jalisco\n31,Yucatán\n".encode()


def _upload(name: str, content: bytes) -> SimpleUploadedFile:
    # The browser's Content-Type is whatever the person's machine says: never trusted.
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (PDF, "pdf"),
        (DOCX, "docx"),
        (XLSX, "xlsx"),
        (ODT, "odt"),
        (CSV, "text"),
        (HTML, None),
        (b"  <svg onload=alert(1)>", None),
        (b"\x89PNG\r\n\x1a\n\x00\x00", None),
        (b"MZ\x90\x00\x03\x00", None),
        (_zip({"evil.html": HTML}), None),
        (b"", None),
    ],
)
def test_the_kind_is_read_from_the_content(content, kind):
    assert uploads.detect(io.BytesIO(content)) == kind


@pytest.mark.parametrize(
    ("name", "content"),
    [("acta.pdf", PDF), ("minuta.docx", DOCX), ("datos.xlsx", XLSX), ("nota.odt", ODT)]
    + [("estados.csv", CSV), ("notas.txt", CSV)],
)
def test_the_documents_of_the_process_are_accepted(name, content):
    uploads.validate_document(_upload(name, content))


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("acta.pdf", HTML, "upload_wrong_type"),
        ("acta.html", HTML, "upload_wrong_type"),
        ("imagen.pdf", b"\x89PNG\r\n\x1a\n\x00\x00", "upload_wrong_type"),
        ("acta.docx", PDF, "upload_name_mismatch"),
        ("acta.html", PDF, "upload_name_mismatch"),
        ("acta.pdf", b"", "upload_empty"),
    ],
)
def test_a_document_whose_content_is_not_accepted_is_refused(name, content, code):
    with pytest.raises(ValidationError) as error:
        uploads.validate_document(_upload(name, content))
    assert error.value.code == code


def test_a_document_over_the_size_limit_is_refused(settings):
    settings.UPLOAD_DOCUMENT_MAX_BYTES = 1000
    uploads.validate_document(_upload("acta.pdf", PDF + b"0" * (1000 - len(PDF))))
    with pytest.raises(ValidationError) as error:
        uploads.validate_document(_upload("acta.pdf", PDF + b"0" * 1000))
    assert error.value.code == "upload_too_large"


def test_a_receipt_must_be_a_pdf_by_content_and_within_its_limit(settings):
    settings.UPLOAD_RECEIPT_MAX_BYTES = 2000
    validate_pdf(_upload("factura.pdf", PDF))
    for content, code in [
        (HTML, "receipt_not_pdf"),
        (DOCX, "receipt_not_pdf"),
        (PDF + b"0" * 2000, "receipt_too_large"),
    ]:
        with pytest.raises(ValidationError) as error:
            validate_pdf(_upload("factura.pdf", content))
        assert error.value.code == code


# Through the admin ------------------------------------------------------------------------------


@pytest.fixture
def technical(db):
    return make_user("tecnico@example.mx", groups=[roles.TECHNICAL_GROUP], is_staff=True)


def _document_form(file) -> dict:
    return {
        "title_es_mx": "Minuta de la mesa de diálogo",
        "slug": "minuta-mesa",
        "kind": Document.Kind.MINUTES,
        "date": "2024-03-15",
        "description_es_mx": "",
        "file": file,
    }


def test_the_admin_refuses_a_document_that_is_html_named_pdf(client, technical):
    client.force_login(technical)
    url = reverse("admin:strategy_document_add")
    response = client.post(url, _document_form(_upload("minuta.pdf", HTML)))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors.as_data()["file"]
    assert [error.code for error in errors] == ["upload_wrong_type"]
    assert not Document.objects.exists()


def test_the_admin_refuses_a_document_over_the_limit(client, technical, settings):
    settings.UPLOAD_DOCUMENT_MAX_BYTES = 100
    client.force_login(technical)
    url = reverse("admin:strategy_document_add")
    response = client.post(url, _document_form(_upload("minuta.pdf", PDF + b"0" * 100)))
    assert response.status_code == 200
    assert not Document.objects.exists()


def test_the_admin_stores_a_good_document(client, technical):
    client.force_login(technical)
    response = client.post(
        reverse("admin:strategy_document_add"), _document_form(_upload("minuta.pdf", PDF))
    )
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.file.name.endswith(".pdf")
    assert document.size == len(PDF)


# Served as downloads ---------------------------------------------------------------------------


def _assert_download(response, content_type: str, filename: str) -> None:
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith("attachment;")
    assert filename in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_a_document_downloads_as_an_attachment_of_its_real_type(client):
    document = Document(title="Estrategia", slug="estrategia", kind="strategy")
    document.date = datetime.date(2024, 1, 10)
    document.file.save("estrategia.pdf", ContentFile(PDF), save=True)
    response = client.get(document.get_download_url())
    _assert_download(response, "application/pdf", "estrategia.pdf")
    assert b"".join(response.streaming_content) == PDF


@pytest.mark.django_db
def test_a_stored_file_that_is_not_what_its_name_says_downloads_as_bytes(client):
    # A file put in storage some other way than the admin (or before these checks existed).
    document = Document(title="Acta", slug="acta", kind="minutes", date=datetime.date(2024, 1, 1))
    document.file.save("acta.pdf", ContentFile(HTML), save=True)
    response = client.get(document.get_download_url())
    _assert_download(response, "application/octet-stream", "acta.pdf")


@pytest.mark.django_db
def test_a_receipt_downloads_as_a_pdf_attachment(client):
    from transparency.tests.factories import ExpenseFactory

    expense = ExpenseFactory()
    response = client.get(reverse("transparency:expense-receipt", kwargs={"pk": expense.pk}))
    _assert_download(response, "application/pdf", f"comprobante-gasto-{expense.pk}.pdf")
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


@pytest.mark.django_db
def test_uploaded_files_are_not_reachable_under_media_url(client, settings):
    """Only the download views serve uploads; MEDIA_URL is not routed by the project."""
    document = Document(title="Acta", slug="acta", kind="minutes", date=datetime.date(2024, 1, 1))
    document.file.save("acta.pdf", ContentFile(PDF), save=True)
    assert client.get(settings.MEDIA_URL + document.file.name).status_code == 404


# "Verificar una copia": hashed, never stored ---------------------------------------------------


@pytest.mark.django_db
def test_verifying_refuses_an_empty_file_and_stores_nothing(client, settings):
    response = client.post(reverse("drafts:verify"), {"file": _upload("copia.pdf", b"")})
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert response.context["result"] is None
    assert not any(settings.MEDIA_ROOT.rglob("*"))


@pytest.mark.django_db
def test_verifying_refuses_a_file_over_the_limit(client, monkeypatch, settings):
    from drafts import forms

    monkeypatch.setattr(forms, "VERIFY_MAX_BYTES", 1024)
    response = client.post(
        reverse("drafts:verify"), {"file": _upload("copia.pdf", receipt_pdf(["x"]) + b"0" * 2048)}
    )
    assert response.context["form"].errors["file"]
    assert not any(settings.MEDIA_ROOT.rglob("*"))


@pytest.mark.django_db
def test_verifying_a_good_file_only_hashes_it(client, settings):
    response = client.post(reverse("drafts:verify"), {"file": _upload("copia.pdf", PDF)})
    assert response.status_code == 200
    assert response.context["result"]["sha256"]
    assert not any(settings.MEDIA_ROOT.rglob("*"))
