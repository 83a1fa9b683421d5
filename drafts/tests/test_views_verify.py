"""/politica/verificar/: upload a file or paste a SHA-256 and learn whether it is an official
rendition, and of which version. Nothing is stored; bad input gets a clear message."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from drafts import forms
from drafts.models import Rendition
from drafts.tests import policy_fixtures
from drafts.tests.policy_fixtures import approve, sha256

pytestmark = pytest.mark.django_db

# Fixtures shared by the policy tests (drafts/tests/policy_fixtures.py).
_spanish = policy_fixtures._spanish
approved_version = policy_fixtures.approved_version
draft_version = policy_fixtures.draft_version
fast_render = policy_fixtures.fast_render
media_root = policy_fixtures.media_root
real_pdf_only = policy_fixtures.real_pdf_only

URL = "/politica/verificar/"


@pytest.fixture
def official_pdf(tech_user, django_capture_on_commit_callbacks, real_pdf_only):
    """The approved version's PDF, rendered by WeasyPrint, as stored."""
    version = approve(tech_user, django_capture_on_commit_callbacks)
    rendition = version.renditions.get(format="pdf")
    with rendition.file.open("rb") as handle:
        return rendition, handle.read()


def _upload(client, content: bytes, name: str = "politica.pdf"):
    return client.post(URL, {"file": SimpleUploadedFile(name, content), "sha256": ""})


def test_the_form_is_a_multipart_post_with_csrf(client, db):
    response = client.get(URL)
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in response.text
    assert 'method="post"' in response.text
    assert "csrfmiddlewaretoken" in response.text
    assert response.context["result"] is None


def test_the_stored_pdf_is_recognised_as_official(client, official_pdf):
    rendition, content = official_pdf
    response = _upload(client, content)
    assert response.status_code == 200
    result = response.context["result"]
    assert result["rendition"] == rendition
    assert result["sha256"] == rendition.sha256 == sha256(content)
    text = response.text
    assert "PDF" in text
    assert "Política aprobada" in text
    assert f'href="{rendition.version.get_absolute_url()}"' in text
    assert f'href="{rendition.get_absolute_url()}"' in text
    assert rendition.sha256 in text


def test_its_sha256_is_recognised_whatever_the_case_and_spaces(client, official_pdf):
    rendition, _content = official_pdf
    pasted = " " + " ".join(rendition.sha256[i : i + 8] for i in range(0, 64, 8)).upper() + "\n"
    response = client.post(URL, {"sha256": pasted})
    assert response.context["result"]["rendition"] == rendition
    assert rendition.sha256 in response.text


def test_a_file_with_one_byte_changed_is_not_official(client, official_pdf):
    _rendition, content = official_pdf
    changed = bytearray(content)
    changed[len(changed) // 2] ^= 0x01
    response = _upload(client, bytes(changed))
    assert response.status_code == 200
    result = response.context["result"]
    assert result["rendition"] is None
    assert result["sha256"] == sha256(bytes(changed))
    assert 'class="result result--unknown"' in response.text
    assert f'href="{reverse("drafts:policy")}#descargas"' in response.text


def test_an_unknown_sha256_is_not_official(client, approved_version):
    response = client.post(URL, {"sha256": "ab" * 32})
    assert response.context["result"]["rendition"] is None
    assert "ab" * 32 in response.text


def test_a_draft_rendition_is_official_and_said_to_be_a_draft(client, approved_version):
    draft_md = Rendition.objects.get(version__number=1, format="md")
    response = client.post(URL, {"sha256": draft_md.sha256})
    result = response.context["result"]
    assert result["rendition"] == draft_md
    assert not result["rendition"].version.is_approved
    assert "Primer borrador" in response.text
    assert (
        "the approved text is version 2, a later one"
        in client.post("/en" + URL, {"sha256": draft_md.sha256}).text
    )


def test_a_draft_published_after_the_approval_is_said_to_be_later(
    client, approved_version, tech_user, django_capture_on_commit_callbacks
):
    from drafts.tests.conftest import PNDA_V2, publish

    with django_capture_on_commit_callbacks(execute=True):
        later = publish(tech_user, PNDA_V2 + "\n\nReforma.\n", "Propuesta de reforma")
    rendition = Rendition.objects.get(version=later, format="md")
    html = client.post("/en" + URL, {"sha256": rendition.sha256}).text
    assert "published after the approved policy (version 2)" in html
    assert "the approved text is a later version" not in html


def test_a_failed_rendition_hash_is_never_confirmed(client, approved_version):
    pdf = approved_version.renditions.get(format="pdf")
    digest = pdf.sha256
    pdf.status = Rendition.Status.FAILED
    pdf.save()
    assert client.post(URL, {"sha256": digest}).context["result"]["rendition"] is None


@pytest.mark.parametrize(
    ("pasted", "message"),
    [
        ("z" * 64, "0–9"),
        ("sha256:" + "a" * 64, "0–9"),
        ("a" * 63, "63"),
        ("a" * 65, "65"),
        ("<script>alert(1)</script>", "0–9"),
    ],
)
def test_a_malformed_sha256_gets_a_clear_error(client, approved_version, pasted, message):
    response = client.post(URL, {"sha256": pasted})
    assert response.status_code == 200
    assert response.context["result"] is None
    errors = response.context["form"].errors["sha256"]
    assert len(errors) == 1 and message in errors[0]
    assert 'class="error-summary"' in response.text
    assert "<script>alert(1)</script>" not in response.text


def test_nothing_to_check_gets_a_clear_error(client, db):
    response = client.post(URL, {"sha256": "   "})
    assert response.context["result"] is None
    assert response.context["form"].errors["file"]


def test_a_file_and_a_hash_together_are_refused(client, approved_version):
    response = client.post(
        URL, {"file": SimpleUploadedFile("a.pdf", b"%PDF-1.7 x"), "sha256": "a" * 64}
    )
    assert response.context["result"] is None
    assert response.context["form"].non_field_errors()


def test_an_empty_file_gets_a_clear_error(client, db):
    response = _upload(client, b"")
    assert response.context["result"] is None
    assert response.context["form"].errors["file"]


def test_a_file_over_the_limit_is_refused_without_being_read_whole(client, db, monkeypatch):
    monkeypatch.setattr(forms, "VERIFY_MAX_BYTES", 1024)
    response = _upload(client, b"x" * 5000)
    assert response.status_code == 200
    assert response.context["result"] is None
    errors = response.context["form"].errors["file"]
    assert len(errors) == 1 and "1.0\xa0KB" in errors[0]


def test_the_upload_handler_stops_reading_past_the_limit(monkeypatch):
    from django.core.files.uploadhandler import StopUpload

    monkeypatch.setattr(forms, "VERIFY_MAX_BYTES", 100)
    handler = forms.SizeLimitUploadHandler()
    assert handler.receive_data_chunk(b"x" * 60, 0) == b"x" * 60
    with pytest.raises(StopUpload):
        handler.receive_data_chunk(b"x" * 60, 60)
    assert handler.exceeded


def test_a_file_at_the_limit_is_checked(client, db, monkeypatch):
    monkeypatch.setattr(forms, "VERIFY_MAX_BYTES", 1024)
    response = _upload(client, b"x" * 1024)
    assert response.context["result"]["sha256"] == sha256(b"x" * 1024)


def test_the_upload_is_not_stored(client, official_pdf, media_root):
    _rendition, content = official_pdf
    before = sorted(p for p in media_root.rglob("*"))
    _upload(client, content + b"otro", name="copia.pdf")
    assert sorted(p for p in media_root.rglob("*")) == before


def test_posting_without_the_csrf_token_is_refused(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post(URL, {"sha256": "a" * 64})
    assert response.status_code == 403


def test_posting_with_the_csrf_token_works(db):
    client = Client(enforce_csrf_checks=True)
    token = client.get(URL).context["csrf_token"]
    response = client.post(URL, {"sha256": "a" * 64, "csrfmiddlewaretoken": str(token)})
    assert response.status_code == 200
    assert response.context["result"]["rendition"] is None


def test_other_methods_are_not_allowed(client, db):
    assert client.put(URL).status_code == 405
