import datetime

import pytest

from strategy.models import Activity
from strategy.selectors import process_stages
from strategy.tests.factories import ActivityFactory, StageFactory
from strategy.timeline import LABEL_WIDTH, WIDTH, build_timeline

pytestmark = pytest.mark.django_db


@pytest.fixture
def stages():
    one = StageFactory(
        number=1, start_date=datetime.date(2021, 11, 1), end_date=datetime.date(2022, 3, 15)
    )
    two = StageFactory(
        number=2, start_date=datetime.date(2022, 3, 16), end_date=datetime.date(2023, 12, 15)
    )
    ActivityFactory(stage=one, start_date=datetime.date(2021, 11, 1), status=Activity.Status.DONE)
    ActivityFactory(
        stage=two,
        title="Una actividad con un título muy largo que no cabe en la columna de etiquetas",
        start_date=datetime.date(2022, 4, 1),
        end_date=datetime.date(2022, 5, 31),
    )
    return process_stages(at=datetime.date(2022, 1, 1))


def test_timeline_places_stages_and_activities_on_one_axis(stages):
    timeline = build_timeline(stages, at=datetime.date(2022, 1, 1))
    first, second = timeline.bands
    assert first.x == LABEL_WIDTH
    assert second.x + second.width == pytest.approx(timeline.plot_right, abs=0.2)
    assert first.x + first.width == pytest.approx(second.x, abs=0.2)
    assert timeline.activity_count == 2
    milestone, bar = first.bars[0], second.bars[0]
    assert milestone.milestone and milestone.done
    assert not bar.milestone and not bar.done
    assert bar.width > 10
    assert bar.label.startswith("2.1 ") and bar.label.endswith("…")
    assert bar.title.endswith("etiquetas")


def test_timeline_marks_today_only_inside_the_calendar(stages):
    assert build_timeline(stages, at=datetime.date(2022, 1, 1)).today_x is not None
    assert build_timeline(stages, at=datetime.date(2030, 1, 1)).today_x is None


def test_timeline_labels_every_year_without_leaving_the_picture(stages):
    timeline = build_timeline(stages, at=datetime.date(2022, 1, 1))
    assert [label.year for label in timeline.years] == [2021, 2022, 2023]
    assert all(LABEL_WIDTH <= label.x <= WIDTH for label in timeline.years)


def test_no_stages_no_timeline():
    assert build_timeline([], at=datetime.date(2022, 1, 1)) is None
