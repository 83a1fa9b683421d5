import datetime as dt

from django.template import Context, Template
from django.utils import timezone


def _render(text: str, **context) -> str:
    return Template(text).render(Context(context))


def test_iso_writes_a_moment_to_the_second_in_mexico_city_time():
    moment = dt.datetime(2023, 3, 4, 18, 30, 15, 987654, tzinfo=dt.UTC)
    assert _render("{{ m|iso }}", m=moment) == "2023-03-04T12:30:15-06:00"


def test_iso_writes_a_day_as_a_day_and_nothing_for_none():
    assert _render("{{ d|iso }}", d=dt.date(2023, 10, 9)) == "2023-10-09"
    assert _render("{{ d|iso }}", d=None) == ""


def test_the_filters_are_available_in_every_template_without_load():
    assert _render("{{ m|iso }}", m=timezone.now()).count(":") >= 3
