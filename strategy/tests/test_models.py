import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from strategy.models import Activity, Document, Progress, Stage
from strategy.tests.factories import (
    ActionFactory,
    ActivityFactory,
    DocumentFactory,
    MembershipFactory,
    StageFactory,
    ThematicTableFactory,
)

pytestmark = pytest.mark.django_db

NOV_1 = datetime.date(2021, 11, 1)
MAR_15 = datetime.date(2022, 3, 15)


@pytest.fixture
def stage():
    return StageFactory(number=1, start_date=NOV_1, end_date=MAR_15)


@pytest.mark.parametrize(
    ("at", "status"),
    [
        (datetime.date(2021, 10, 31), Stage.Status.PLANNED),
        (NOV_1, Stage.Status.CURRENT),
        (datetime.date(2022, 1, 20), Stage.Status.CURRENT),
        (MAR_15, Stage.Status.CURRENT),
        (datetime.date(2022, 3, 16), Stage.Status.DONE),
    ],
)
def test_stage_status_at_a_date_follows_its_start_and_end(stage, at, status):
    assert stage.status_at(at) == status


def test_progress_runs_from_the_first_stage_start_to_the_last_stage_end():
    StageFactory(
        number=1, start_date=datetime.date(2022, 1, 1), end_date=datetime.date(2022, 1, 31)
    )
    StageFactory(
        number=2, start_date=datetime.date(2022, 2, 1), end_date=datetime.date(2022, 2, 28)
    )
    StageFactory(
        number=3, start_date=datetime.date(2022, 3, 1), end_date=datetime.date(2022, 4, 11)
    )
    progress = Stage.objects.progress(at=datetime.date(2022, 2, 20))
    assert progress.start == datetime.date(2022, 1, 1)
    assert progress.end == datetime.date(2022, 4, 11)
    assert progress.total_days == 100
    assert progress.elapsed_days == 50
    assert progress.fraction == 0.5
    assert progress.percent == 50


def test_progress_is_zero_before_the_process_and_whole_after_it(stage):
    assert Stage.objects.progress(at=datetime.date(2020, 1, 1)).fraction == 0
    assert Stage.objects.progress(at=datetime.date(2030, 1, 1)).fraction == 1


def test_progress_of_loaded_stages_matches_the_queryset(stage):
    StageFactory(
        number=2, start_date=datetime.date(2022, 3, 16), end_date=datetime.date(2023, 12, 15)
    )
    at = datetime.date(2022, 8, 1)
    assert Progress.of_stages(Stage.objects.all(), at=at) == Stage.objects.progress(at=at)


def test_progress_is_none_without_stages():
    assert Stage.objects.progress(at=NOV_1) is None
    assert Progress.of_stages([], at=NOV_1) is None


def test_current_stages_are_those_running_at_a_date(stage):
    StageFactory(
        number=2, start_date=datetime.date(2022, 3, 16), end_date=datetime.date(2023, 12, 15)
    )
    assert list(Stage.objects.current(at=datetime.date(2022, 1, 1))) == [stage]


def test_description_html_is_rendered_and_sanitised_on_save(stage):
    stage.description = "Instalación del **Grupo Impulsor**<script>alert(1)</script>"
    stage.save()
    stage.refresh_from_db()
    assert "<strong>Grupo Impulsor</strong>" in stage.description_html
    assert "<script" not in stage.description_html


def test_description_html_follows_a_save_with_update_fields():
    activity = ActivityFactory(description="antes")
    activity.description = "*después*"
    activity.save(update_fields=["description"])
    activity.refresh_from_db()
    assert activity.description_html == "<p><em>después</em></p>"


def test_a_stage_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        StageFactory(start_date=MAR_15, end_date=NOV_1)


def test_stage_numbers_are_unique(stage):
    with pytest.raises(IntegrityError), transaction.atomic():
        Stage.objects.create(
            number=1, name="Otra", slug="otra", months="x", start_date=NOV_1, end_date=MAR_15
        )


def test_an_activity_cannot_end_before_it_starts(stage):
    with pytest.raises(IntegrityError), transaction.atomic():
        ActivityFactory(stage=stage, start_date=MAR_15, end_date=NOV_1)


def test_a_membership_needs_a_working_group_or_a_thematic_table():
    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipFactory(working_group=None, thematic_table=None)


def test_a_membership_cannot_be_in_a_group_and_a_table_at_once():
    table = ThematicTableFactory()
    membership = MembershipFactory.build(working_group=table.working_group, thematic_table=table)
    membership.person.save()
    membership.organisation.save()
    with pytest.raises(ValidationError, match="grupo de trabajo o una mesa temática, no ambos"):
        membership.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        membership.save()


def test_a_membership_in_a_thematic_table_alone_is_valid():
    table = ThematicTableFactory()
    membership = MembershipFactory(working_group=None, thematic_table=table)
    membership.full_clean()
    assert list(table.memberships.all()) == [membership]


def test_immediate_actions_have_unique_orders():
    ActionFactory(order=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        ActionFactory(order=1)


def test_upcoming_activities_are_planned_ones_not_over_yet_soonest_first(stage):
    at = datetime.date(2022, 1, 15)
    later = ActivityFactory(stage=stage, start_date=datetime.date(2022, 3, 1))
    running = ActivityFactory(
        stage=stage, start_date=datetime.date(2022, 1, 1), end_date=datetime.date(2022, 2, 1)
    )
    ActivityFactory(stage=stage, start_date=datetime.date(2022, 1, 2))  # one day, over
    ActivityFactory(stage=stage, start_date=datetime.date(2022, 2, 1), status=Activity.Status.DONE)
    assert list(Activity.objects.upcoming(at=at)) == [running, later]


def test_done_and_recent_activities(stage):
    done = ActivityFactory(stage=stage, start_date=NOV_1, status=Activity.Status.DONE)
    newer = ActivityFactory(stage=stage, start_date=datetime.date(2021, 12, 1))
    ActivityFactory(stage=stage, start_date=datetime.date(2022, 2, 1))
    assert list(Activity.objects.done()) == [done]
    assert list(Activity.objects.recent(at=datetime.date(2022, 1, 1))) == [newer, done]


def test_a_document_stores_its_file_size_on_save():
    document = DocumentFactory(file__data=b"x" * 1234)
    assert document.size == 1234
    assert document.extension == "TXT"
    document.file.delete(save=False)
    document.save()
    assert document.size is None


def test_activity_location_does_not_repeat_the_state(stage):
    activity = ActivityFactory.build(stage=stage, place="Ciudad de México", state="09")
    assert activity.location == "Ciudad de México"
    activity.place = "Foro regional"
    assert activity.location == "Foro regional, Ciudad de México"
    activity.state = ""
    assert activity.location == "Foro regional"


def test_saving_an_activity_records_its_history(stage):
    activity = ActivityFactory(stage=stage)
    activity.title = "Nuevo título"
    activity.save()
    assert activity.history.count() == 2
    assert activity.history.first().title == "Nuevo título"


def test_public_models_have_addresses(stage):
    activity = ActivityFactory(stage=stage, slug="foro")
    document = DocumentFactory(slug="minuta", activity=activity)
    action = ActionFactory(order=3)
    membership = MembershipFactory()
    assert stage.get_absolute_url() == "/proceso/#etapa-1"
    assert activity.get_absolute_url() == "/proceso/actividades/foro/"
    assert document.get_absolute_url() == "/proceso/actividades/foro/"
    assert document.get_download_url() == "/proceso/documentos/minuta/descargar/"
    assert action.get_absolute_url() == "/politica-nacional/#accion-3"
    assert membership.get_absolute_url().startswith("/participantes/#persona-")
    assert membership.working_group.get_absolute_url().startswith("/participantes/#grupo-")
    assert membership.organisation.get_absolute_url().startswith("/participantes/#organizacion-")
    assert str(stage).startswith("1. ")
    assert str(action).startswith("3. ")


def test_a_document_without_activity_points_to_the_process_page():
    document = DocumentFactory(slug="resumen")
    assert document.get_absolute_url() == "/proceso/#documento-resumen"
    assert Document.objects.get().filename == "minuta.txt"
