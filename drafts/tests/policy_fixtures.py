"""Fixtures for the tests of the approved policy, renditions and adoptions.

Imported by name into each test module that uses them (they could move to conftest.py).
"""

import datetime
import hashlib

import pytest
from django.utils import timezone

from drafts import renditions
from drafts.models import Adoption, Approval, Version
from drafts.tests.conftest import PNDA_V1, PNDA_V2, publish

APPROVING_BODY = "Consejo Nacional del Sistema Nacional de Transparencia"
AGREEMENT = "CONAIP/SNT/ACUERDO/ORD02-09/10/2023-05"
APPROVED_ON = datetime.date(2023, 10, 9)
DOF_ON = datetime.date(2023, 11, 10)
DOF_URL = "https://www.dof.gob.mx/nota_detalle.php?codigo=5708157&fecha=10/11/2023"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Rendered files go to the test's own folder, never to the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SITE_ROOT = "https://abramos.example.mx"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def _spanish():
    from django.utils import translation

    with translation.override("es-mx"):
        yield


def fake_render(version, fmt: str) -> bytes:
    """Cheap, distinct bytes per version and format (WeasyPrint takes about a second)."""
    return f"{fmt} of version {version.number}: {version.label}\n".encode()


@pytest.fixture
def fast_render(monkeypatch):
    monkeypatch.setattr(renditions, "render", fake_render)
    return fake_render


@pytest.fixture
def real_pdf_only(monkeypatch):
    """WeasyPrint for PDF, the cheap fake for the other formats."""
    real = renditions.render
    monkeypatch.setattr(
        renditions,
        "render",
        lambda version, fmt: real(version, fmt) if fmt == "pdf" else fake_render(version, fmt),
    )


def approve(tech_user, capture, text: str = PNDA_V2, label: str = "Política aprobada"):
    """Publish an approved version (renditions rendered on commit) and its approval record."""
    with capture(execute=True):
        version = publish(tech_user, text, label, status=Version.Status.APPROVED)
    Approval.objects.create(
        version=version,
        approving_body=APPROVING_BODY,
        agreement=AGREEMENT,
        approved_on=APPROVED_ON,
        dof_published_on=DOF_ON,
        dof_url=DOF_URL,
    )
    return Version.objects.get(pk=version.pk)


@pytest.fixture
def draft_version(tech_user, django_capture_on_commit_callbacks, fast_render):
    with django_capture_on_commit_callbacks(execute=True):
        return publish(tech_user, PNDA_V1, "Primer borrador")


@pytest.fixture
def approved_version(tech_user, django_capture_on_commit_callbacks, fast_render, draft_version):
    """Version 1 (a draft, now superseded) and version 2, approved, with cheap renditions."""
    return approve(tech_user, django_capture_on_commit_callbacks)


def make_adoption(version, **fields) -> Adoption:
    values = {
        "institution": "Instituto de Transparencia de Jalisco",
        "order": Adoption.Order.STATE,
        "branch": Adoption.Branch.AUTONOMOUS,
        "state": "14",
        "adopted_on": datetime.date(2024, 1, 15),
        "evidence_url": "https://itei.org.mx/acuerdo-pnda",
        "contact_name": "Lucía Contacto Privado",
        "contact_email": "lucia.privado@itei.org.mx",
        "status": Adoption.Status.CONFIRMED,
        **fields,
    }
    if values["status"] != Adoption.Status.PENDING:
        values.setdefault("reviewed_at", timezone.now())
    return Adoption.objects.create(version=version, **values)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
