from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from abramos.roles import TECHNICAL_GROUP
from strategy.models import (
    Action,
    Activity,
    Document,
    Membership,
    Organisation,
    Person,
    Stage,
    ThematicTable,
    WorkingGroup,
)
from tests.demo import load_demo

pytestmark = pytest.mark.django_db

MODELS = [
    Stage,
    Activity,
    Document,
    Action,
    WorkingGroup,
    ThematicTable,
    Organisation,
    Person,
    Membership,
]


def _counts():
    counts = {model.__name__: model.objects.count() for model in MODELS}
    counts.update({f"history of {model.__name__}": model.history.count() for model in MODELS})
    counts["users"] = get_user_model().objects.count()
    return counts


def _files(media_root: Path) -> list[Path]:
    return sorted(path for path in media_root.rglob("*") if path.is_file())


def test_load_demo_twice_changes_nothing(settings, capsys):
    load_demo()
    first, files = _counts(), _files(settings.MEDIA_ROOT)
    load_demo()
    assert _counts() == first
    assert _files(settings.MEDIA_ROOT) == files
    assert "0 rows written" in capsys.readouterr().out


def test_load_demo_loads_the_process_of_the_seeds():
    load_demo()
    assert list(Stage.objects.values_list("name", "months")) == [
        ("Preparación y apertura", "Noviembre – Marzo"),
        ("Desarrollo de trabajos", "Marzo – Diciembre"),
        ("Cierre y presentación", "Diciembre – Enero"),
    ]
    assert Activity.objects.filter(stage__number=1).count() == 4
    assert Activity.objects.filter(stage__number=2).count() == 9
    assert Activity.objects.filter(stage__number=3).count() == 3
    assert Activity.objects.filter(title__contains="Open Data Day 2023").exists()
    assert Activity.objects.get(slug="publicacion-en-el-dof").stage.number == 3
    assert list(Action.objects.values_list("order", flat=True)) == [1, 2, 3, 4]
    assert Action.objects.get(order=4).title == (
        "Identificación de actores e instituciones que conformarán las mesas temáticas"
    )
    assert WorkingGroup.objects.get(slug="grupo-impulsor").purpose == (
        "Definir las directrices generales, y dar seguimiento a la estrategia Abramos México."
    )
    assert ThematicTable.objects.filter(working_group__slug="grupo-especializado").count() == 3
    # The seeds name one person, the portal's contact: no invented record is about him.
    assert not Person.objects.filter(name__contains="Alcalá").exists()
    assert (
        Membership.objects.filter(
            role="enlace técnico", working_group__slug="grupo-tecnico"
        ).count()
        >= 2
    )
    real = Organisation.objects.filter(is_demo=False)
    assert set(real.values_list("acronym", flat=True)) == {"INAI", "SNT"}


def test_load_demo_attaches_the_seed_documents_with_their_files():
    load_demo()
    kinds = set(Document.objects.values_list("kind", flat=True))
    assert {"strategy", "summary", "methodology", "critical_path"} <= kinds
    strategy = Document.objects.get(kind="strategy")
    with strategy.file.open("rb") as handle:
        assert "Estrategia para la construcción" in handle.read().decode()
    assert all(document.size for document in Document.objects.all())


def test_activity_statuses_follow_the_dates():
    load_demo()
    for activity in Activity.objects.all():
        expected = "done" if activity.last_date < timezone.localdate() else "planned"
        assert activity.status == expected


def test_load_demo_creates_technical_group_staff_accounts(capsys):
    load_demo()
    user = get_user_model().objects.get(email="tecnico@abramos.mx")
    assert user.is_staff and not user.is_superuser
    assert user.groups.filter(name=TECHNICAL_GROUP).exists()
    assert user.has_perm("strategy.change_activity")
    assert "tecnico@abramos.mx" in capsys.readouterr().out


def test_home_page_names_the_three_stages_after_load_demo(client):
    load_demo()
    html = client.get("/").text
    for name in ("Preparación y apertura", "Desarrollo de trabajos", "Cierre y presentación"):
        assert name in html


# With DEBUG off (a server): refused, or random secrets printed once ---------------------------


def test_load_demo_refuses_with_debug_off_and_creates_nothing(settings):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError, match="--allow-demo-with-debug-off"):
        call_command("load_demo", verbosity=0)
    assert not Stage.objects.exists()
    assert not get_user_model().objects.exists()


def _published_secret_in_use(user) -> bool:
    from allauth.mfa.models import Authenticator
    from allauth.mfa.utils import decrypt

    from strategy.demo.data import STAFF_TOTP_SECRET

    totp = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    return decrypt(totp.data["secret"]) == STAFF_TOTP_SECRET


@pytest.mark.without_staff_authenticator
def test_with_debug_off_and_the_flag_staff_get_random_secrets_printed_once(settings, capsys):
    from django.core.management import call_command

    from consultation.demo.data import MODERATOR_EMAIL
    from strategy.demo.data import STAFF, STAFF_PASSWORD

    settings.DEBUG = False
    call_command("load_demo", allow_debug_off=True)
    first = capsys.readouterr().out
    staff = get_user_model().objects.filter(email__in=[a["email"] for a in STAFF])
    assert staff.count() == len(STAFF)
    for user in staff:
        assert not user.check_password(STAFF_PASSWORD)
        assert not _published_secret_in_use(user)
        assert user.email in first
    assert STAFF_PASSWORD not in first and "demo_totp" not in first
    assert not get_user_model().objects.get(email=MODERATOR_EMAIL).check_password(STAFF_PASSWORD)
    assert first.count("authenticator secret") == len(STAFF) + 1  # and the moderator

    call_command("load_demo", allow_debug_off=True)
    second = capsys.readouterr().out
    assert "authenticator secret" not in second
    assert "nothing shown again" in second


@pytest.mark.without_staff_authenticator
def test_published_secrets_left_by_a_development_load_are_replaced_with_debug_off(settings, capsys):
    from django.core.management import call_command

    from strategy.demo.data import STAFF, STAFF_PASSWORD

    load_demo(verbosity=0)  # with DEBUG on: the published password and secret
    user = get_user_model().objects.get(email=STAFF[0]["email"])
    assert user.check_password(STAFF_PASSWORD) and _published_secret_in_use(user)

    settings.DEBUG = False
    call_command("load_demo", allow_debug_off=True)
    user.refresh_from_db()
    assert not user.check_password(STAFF_PASSWORD)
    assert not _published_secret_in_use(user)
    assert "authenticator secret" in capsys.readouterr().out


def test_demo_totp_refuses_with_debug_off(settings):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("demo_totp")
