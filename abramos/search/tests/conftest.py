"""Fixtures of the search tests: a small published PNDA whose words the tests look for, an open
consultation on it, and the people of the consultation's own tests."""

import datetime

import pytest
from django.utils import timezone

from consultation.models import Consultation
from consultation.tests.conftest import citizen, moderator, tech_user  # noqa: F401
from drafts.tests.conftest import publish

PNDA = """# Información pública

Toda la información en posesión de los sujetos obligados es pública.

# Datos abiertos

Un dato abierto es un dato digital de carácter público, accesible en línea.

# Participación ciudadana

La participación ciudadana fortalece la política en cada municipio del país.

# Estándares

Los datos abiertos requieren estándares. Datos abiertos, datos abiertos y más datos abiertos
para todos los organismos garantes.
"""

PNDA_NEXT = (
    PNDA
    + """
# Interoperabilidad

Los catálogos de los estados siguen un esquema común de metadatos.
"""
)


@pytest.fixture
def version(tech_user, django_capture_on_commit_callbacks):  # noqa: F811
    with django_capture_on_commit_callbacks(execute=True):
        return publish(tech_user, PNDA, "Primer borrador")


@pytest.fixture
def consultation(version) -> Consultation:
    now = timezone.now()
    return Consultation.objects.create(
        version=version,
        title="Consulta pública",
        opens_at=now - datetime.timedelta(hours=1),
        closes_at=now + datetime.timedelta(days=61),
    )


@pytest.fixture
def section(version):
    return version.sections.get(anchor="datos-abiertos")
