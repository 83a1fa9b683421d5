"""Fixtures shared by the consultation tests (colleagues import from here too).

People: `tech_user` (Technical Group), `moderator` (group "Moderación"), `citizen` (verified
e-mail), `unverified`, `superuser`, `anonymous`. Things: `version` (published, 3 sections) and
`consultation` (open now, two months).
"""

import datetime

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import AnonymousUser, Group
from django.utils import timezone

from abramos import roles
from abramos.accounts.models import User
from consultation.models import Consultation
from drafts.tests.conftest import publish

PNDA = """# Introducción

La Política Nacional de Datos Abiertos orienta a los organismos garantes.

# Diagnóstico y problema

Los datos públicos se publican sin estándares comunes.

# Objetivos

Definir criterios, procedimientos y estándares.
"""

PASSWORD = "clave-segura-123"


def make_user(email: str, *, verified: bool = True, groups=(), **extra) -> User:
    """A user; `verified` adds allauth's primary, verified EmailAddress."""
    roles.apply_roles()
    user = User.objects.create_user(email, PASSWORD, **extra)
    if verified:
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return User.objects.get(pk=user.pk)  # fresh: permission cache


@pytest.fixture
def tech_user(db) -> User:
    return make_user(
        "tecnico@example.mx",
        groups=[roles.TECHNICAL_GROUP],
        display_name="Técnica",
        is_staff=True,
    )


@pytest.fixture
def moderator(db) -> User:
    return make_user(
        "modera@example.mx", groups=[roles.MODERATION], display_name="Moderadora", is_staff=True
    )


@pytest.fixture
def citizen(db) -> User:
    return make_user("ana@example.mx", display_name="Ana", sector="academia", state="14")


@pytest.fixture
def other_citizen(db) -> User:
    return make_user("beto@example.mx", display_name="Beto")


@pytest.fixture
def unverified(db) -> User:
    return make_user("sin-confirmar@example.mx", verified=False, display_name="Sin confirmar")


@pytest.fixture
def superuser(db) -> User:
    user = User.objects.create_superuser("admin@example.mx", PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.fixture
def anonymous() -> AnonymousUser:
    return AnonymousUser()


@pytest.fixture
def version(tech_user, django_capture_on_commit_callbacks):
    """A published version with three sections."""
    with django_capture_on_commit_callbacks(execute=True):
        return publish(tech_user, PNDA, "Borrador para consulta")


@pytest.fixture
def consultation(version) -> Consultation:
    """Open now: started an hour ago, closes in two months."""
    now = timezone.now()
    return Consultation.objects.create(
        version=version,
        title="Consulta pública de la PNDA",
        opens_at=now - datetime.timedelta(hours=1),
        closes_at=now + datetime.timedelta(days=61),
    )
