"""`load_demo` publishes the demo PNDA: five versions that really differ, approval, adoptions."""

import datetime

import pytest

from drafts.demo import data
from drafts.models import Adoption, Approval, Rendition, Section, Version, WorkingCopy
from drafts.tests.conftest import publish
from strategy.models import Activity
from tests.demo import load_demo

pytestmark = pytest.mark.django_db

LABELS = [
    "Primer borrador",
    "Segundo borrador",
    "Tercer borrador",
    "Cuarto borrador",
    "Política Nacional de Datos Abiertos (versión aprobada)",
]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _counts() -> dict[str, int]:
    return {
        "versions": Version.objects.count(),
        "sections": Section.objects.count(),
        "renditions": Rendition.objects.count(),
        "ready renditions": Rendition.objects.filter(status=Rendition.Status.READY).count(),
        "approvals": Approval.objects.count(),
        "adoptions": Adoption.objects.count(),
        "history of the working copy": WorkingCopy.history.count(),
        "history of approvals": Approval.history.count(),
        "history of adoptions": Adoption.history.count(),
    }


def _anchors(version: Version) -> list[str]:
    return list(version.sections.order_by("order").values_list("anchor", flat=True))


def test_load_demo_twice_changes_nothing_and_renders_every_version_once(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        load_demo(verbosity=0)
    first = _counts()
    files = dict(Rendition.objects.values_list("pk", "sha256"))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        load_demo(verbosity=0)
    assert _counts() == first
    assert first["versions"] == 6  # the five of the process and the trial draft
    assert first["renditions"] == first["ready renditions"] == 6 * len(Rendition.Format.values)
    assert dict(Rendition.objects.values_list("pk", "sha256")) == files
    assert callbacks == []  # nothing left to render, nothing enqueued


def test_the_five_versions_end_superseded_and_approved_with_their_dates():
    load_demo(verbosity=0)
    versions = list(
        Version.objects.exclude(label=data.TRIAL_LABEL)
        .order_by("number")
        .select_related("published_by")
    )
    assert [(v.number, v.label) for v in versions] == list(enumerate(LABELS, start=1))
    assert [v.status for v in versions] == [Version.Status.SUPERSEDED] * 4 + [
        Version.Status.APPROVED
    ]
    dates = [v.published_at.date() for v in versions]
    assert dates == sorted(dates)
    assert {d.year for d in dates[:4]} <= {2022, 2023}
    assert dates[-1] == datetime.date(2023, 10, 9)
    assert {v.published_by.email for v in versions} == {data.PUBLISHER_EMAIL}
    assert all(v.change_summary_html for v in versions)


def test_each_version_has_six_to_twelve_sections_with_unique_anchors_for_repeated_headings():
    load_demo(verbosity=0)
    for version in Version.objects.all():
        assert 6 <= version.sections.count() <= 12, version
    approved = Version.objects.latest_approved()
    objetivos = approved.sections.filter(heading="Objetivo")
    assert objetivos.count() == 2
    assert len(set(objetivos.values_list("anchor", flat=True))) == 2
    assert set(
        Version.objects.get(number=3).sections.filter(level=1).values_list("heading", flat=True)
    ) >= {
        "Introducción",
        "Diagnóstico y problema",
        "Análisis de alternativas",
        "Planeación y diseño",
    }


def test_the_trial_draft_is_published_now_for_comments_and_says_what_it_is():
    load_demo(verbosity=0)
    trial = Version.objects.get(label=data.TRIAL_LABEL)
    assert trial.is_demo and trial.status == Version.Status.CONSULTATION
    assert trial.number == 6
    assert "Borrador de prueba de la demostración" in trial.body
    assert "Texto de demostración." not in trial.body
    # The approved policy stays the approved one, and the working copy keeps its text.
    assert Version.objects.latest_approved().number == 5
    assert WorkingCopy.current().body == Version.objects.latest_approved().body


def test_consecutive_versions_add_remove_reword_and_move_sections():
    load_demo(verbosity=0)
    versions = list(Version.objects.exclude(label=data.TRIAL_LABEL).order_by("number"))
    moved = 0
    for older, newer in zip(versions, versions[1:], strict=False):
        before, after = _anchors(older), _anchors(newer)
        assert set(after) - set(before), f"{newer} adds no section"
        assert set(before) - set(after), f"{newer} removes no section"
        kept = [anchor for anchor in after if anchor in before]
        old_bodies = dict(older.sections.values_list("anchor", "body"))
        reworded = [
            s for s in newer.sections.filter(anchor__in=kept) if s.body != old_bodies[s.anchor]
        ]
        assert reworded, f"{newer} rewords no section it keeps"
        moved += kept != [anchor for anchor in before if anchor in after]
    assert moved >= 1


def test_the_approval_and_the_adoptions_are_recorded():
    load_demo(verbosity=0)
    approval = Approval.objects.select_related("version").get()
    assert approval.version == Version.objects.latest_approved()
    assert approval.approved_on == datetime.date(2023, 10, 9)
    assert approval.dof_published_on == datetime.date(2023, 11, 10)
    assert approval.approving_body.startswith("Consejo Nacional del Sistema Nacional")
    assert "9 de octubre de 2023" in approval.agreement
    confirmed = Adoption.objects.confirmed()
    assert confirmed.count() >= 3
    assert {a.order for a in confirmed} >= {Adoption.Order.FEDERAL, Adoption.Order.STATE}
    assert len({a.state for a in confirmed if a.state}) >= 2
    assert all(a.reviewed_by and a.reviewed_at for a in confirmed)
    assert Adoption.objects.filter(status=Adoption.Status.PENDING).count() == 1
    assert all(a.adopted_on > approval.approved_on for a in Adoption.objects.all())


def test_the_process_calendar_agrees_with_the_approval():
    load_demo(verbosity=0)
    approval = Approval.objects.get()
    assert Activity.objects.get(slug="aprobacion-por-el-snt").start_date == approval.approved_on
    assert (
        Activity.objects.get(slug="publicacion-en-el-dof").start_date == approval.dof_published_on
    )
    for number, label in ((1, "primer"), (2, "segundo"), (3, "tercer"), (4, "cuarto")):
        activity = Activity.objects.get(slug=f"{label}-borrador-de-la-pnda")
        published = Version.objects.get(number=number).published_at.date()
        assert activity.start_date <= published <= activity.end_date


def test_the_working_copy_holds_the_approved_text_with_its_history():
    load_demo(verbosity=0)
    copy = WorkingCopy.current()
    assert copy.body == Version.objects.latest_approved().body
    history = list(copy.history.order_by("history_date"))
    assert len(history) == 5
    assert history[0].history_date.year == 2022
    assert history[-1].history_user.email == data.PUBLISHER_EMAIL


def test_load_demo_leaves_a_pnda_that_staff_already_published_alone(tech_user):
    from drafts.tests.conftest import PNDA_V1

    publish(tech_user, PNDA_V1, "Borrador del equipo")
    load_demo(verbosity=0)
    assert list(Version.objects.values_list("label", flat=True)) == ["Borrador del equipo"]
    assert not Approval.objects.exists()
    assert WorkingCopy.current().body == PNDA_V1
