"""Public names that would pass for the process itself (abramos/accounts/names.py)."""

import pytest
from django.core.exceptions import ValidationError

from abramos.accounts import services
from abramos.accounts.names import impersonates_the_process
from abramos.accounts.tests.factories import UserFactory

IMPERSONATING = [
    "Grupo Técnico", "GRUPO  TÉCNICO", "grupo-tecnico", "GrupoTécnico", "Grupo T3cnico",
    "Grupо Técnico",  # a Cyrillic о
    "El Grupo Técnico informa", "Grupo Impulsor", "Grupo Especializado", "Technical Group",
    "Moderación", "moderador", "Moderadora Ana", "Abramos México", "abramos-mexico.mx",
    "Ana (oficial)", "Cuenta OFICIAL", "Official", "Admin", "Administrador del sitio",
    "Participante anónimo", "Participante en sesión presencial",
    "Grupo Тécnico",  # a Cyrillic capital Т
    "Grupo Técnıco",  # a dotless ı
    "Ana (ofi\u00adcial)", "Mode\u00adración",  # soft hyphens, invisible
    "Equipo de Moderadores", "Los Oficiales",
]  # fmt: skip
ORDINARY = [
    "Ana López", "Colectivo Datos Abiertos", "Técnica en datos", "Oficialía de partes",
    "Grupo de vecinos de Tlalpan", "Moderna", "Abraham Méndez", "Luis 2024",
]  # fmt: skip


@pytest.mark.parametrize("name", IMPERSONATING)
def test_a_name_that_reads_as_the_institution_is_refused(name):
    assert impersonates_the_process(name)


@pytest.mark.parametrize("name", ORDINARY)
def test_ordinary_names_and_pseudonyms_are_accepted(name):
    assert not impersonates_the_process(name)


@pytest.mark.django_db
def test_the_profile_service_refuses_it_too_and_changes_nothing():
    user = UserFactory(display_name="Ana")
    with pytest.raises(ValidationError):
        services.user_profile_update(
            user=user, actor=user, display_name="Grupo Técnico", sector=user.sector,
            state=user.state,
        )  # fmt: skip
    user.refresh_from_db()
    assert user.display_name == "Ana"


@pytest.mark.django_db
def test_sign_up_refuses_it_and_creates_no_account(client):
    from abramos.accounts.models import User
    from abramos.accounts.tests.test_views_signup import SIGNUP_URL, signup_data

    response = client.post(SIGNUP_URL, signup_data(display_name="Moderación"))
    assert response.status_code == 200
    assert "display_name" in response.context["form"].errors
    assert not User.objects.filter(email="ana@example.org").exists()
