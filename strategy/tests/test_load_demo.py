from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
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
    call_command("load_demo")
    first, files = _counts(), _files(settings.MEDIA_ROOT)
    call_command("load_demo")
    assert _counts() == first
    assert _files(settings.MEDIA_ROOT) == files
    assert "0 rows written" in capsys.readouterr().out


def test_load_demo_loads_the_process_of_the_seeds():
    call_command("load_demo")
    assert list(Stage.objects.values_list("name", "months")) == [
        ("Preparación y apertura", "Noviembre – Marzo"),
        ("Desarrollo de trabajos", "Marzo – Diciembre"),
        ("Cierre y presentación", "Diciembre – Enero"),
    ]
    assert Activity.objects.filter(stage__number=1).count() == 3
    assert Activity.objects.filter(stage__number=2).count() == 10
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
    alcala = Membership.objects.get(person__name="Adrián Alcalá Méndez")
    assert alcala.working_group.name == "Grupo Impulsor"
    assert alcala.person.position == "Comisionado del INAI"
    assert (
        Membership.objects.filter(
            role="enlace técnico", working_group__slug="grupo-tecnico"
        ).count()
        >= 2
    )
    assert Organisation.objects.filter(kind=Organisation.Kind.GUARANTOR).count() == 2


def test_load_demo_attaches_the_seed_documents_with_their_files():
    call_command("load_demo")
    kinds = set(Document.objects.values_list("kind", flat=True))
    assert {"strategy", "summary", "methodology", "critical_path"} <= kinds
    strategy = Document.objects.get(kind="strategy")
    with strategy.file.open("rb") as handle:
        assert "Estrategia para la construcción" in handle.read().decode()
    assert all(document.size for document in Document.objects.all())


def test_activity_statuses_follow_the_dates():
    call_command("load_demo")
    for activity in Activity.objects.all():
        expected = "done" if activity.last_date < timezone.localdate() else "planned"
        assert activity.status == expected


def test_load_demo_creates_technical_group_staff_accounts(capsys):
    call_command("load_demo")
    user = get_user_model().objects.get(email="tecnico@abramos.mx")
    assert user.is_staff and not user.is_superuser
    assert user.groups.filter(name=TECHNICAL_GROUP).exists()
    assert user.has_perm("strategy.change_activity")
    assert "tecnico@abramos.mx" in capsys.readouterr().out


def test_home_page_names_the_three_stages_after_load_demo(client):
    call_command("load_demo")
    html = client.get("/").text
    for name in ("Preparación y apertura", "Desarrollo de trabajos", "Cierre y presentación"):
        assert name in html
