"""Fixtures for the drafts app: a Technical Group member and published versions."""

import pytest
from django.contrib.auth.models import Group

from abramos import roles
from abramos.accounts.models import User
from drafts.models import WorkingCopy
from drafts.services import version_publish

PNDA_V1 = """# Introducción

La Política Nacional de Datos Abiertos orienta a los organismos garantes.

# Diagnóstico y problema

## Problemas identificados

Los datos públicos se publican sin estándares comunes.

# Objetivos

Definir criterios, procedimientos y estándares.
"""

PNDA_V2 = """# Introducción

La Política Nacional de Datos Abiertos orienta a los organismos garantes y sujetos obligados.

# Diagnóstico y problema

## Problemas identificados

Los datos públicos se publican sin estándares comunes.

# Análisis de alternativas

Tres alternativas de solución.
"""


@pytest.fixture
def tech_user(db) -> User:
    """A staff member in the Technical Group (its permissions come from abramos.roles)."""
    roles.apply_roles()
    user = User.objects.create_user(
        "tecnico@example.mx", "clave-segura-123", display_name="Técnica", is_staff=True
    )
    user.groups.add(Group.objects.get(name=roles.TECHNICAL_GROUP))
    return User.objects.get(pk=user.pk)  # fresh: permission cache


@pytest.fixture
def citizen(db) -> User:
    return User.objects.create_user("ana@example.mx", "clave-segura-123", display_name="Ana")


def publish(actor, text: str, label: str, **kwargs):
    copy = WorkingCopy.current()
    copy.body = text
    copy.save()
    return version_publish(actor=actor, label=label, working_copy=copy, **kwargs)


@pytest.fixture
def two_versions(tech_user, django_capture_on_commit_callbacks):
    """Versions 1 and 2 of a small PNDA, renditions rendered (Celery runs eagerly in tests)."""
    with django_capture_on_commit_callbacks(execute=True):
        first = publish(tech_user, PNDA_V1, "Primer borrador")
    with django_capture_on_commit_callbacks(execute=True):
        second = publish(tech_user, PNDA_V2, "Segundo borrador")
    return first, second
