import pytest

from strategy.tests.factories import DocumentFactory

pytestmark = pytest.mark.django_db


def test_download_serves_the_file_as_an_attachment(client):
    DocumentFactory(slug="ruta-critica", file__filename="ruta-critica.md", file__data=b"# Ruta")
    response = client.get("/proceso/documentos/ruta-critica/descargar/")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="ruta-critica.md"'
    assert b"".join(response.streaming_content) == b"# Ruta"


def test_download_also_answers_under_the_english_prefix(client):
    DocumentFactory(slug="resumen")
    assert client.get("/en/proceso/documentos/resumen/descargar/").status_code == 200


def test_a_document_without_file_is_not_found(client):
    DocumentFactory(slug="sin-archivo", file=None)
    assert client.get("/proceso/documentos/sin-archivo/descargar/").status_code == 404


def test_a_file_gone_from_storage_is_not_found(client):
    document = DocumentFactory(slug="borrado")
    document.file.storage.delete(document.file.name)
    assert client.get("/proceso/documentos/borrado/descargar/").status_code == 404


def test_an_unknown_document_is_not_found(client):
    assert client.get("/proceso/documentos/no-existe/descargar/").status_code == 404
