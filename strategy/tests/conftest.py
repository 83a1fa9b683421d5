import pytest


@pytest.fixture(autouse=True)
def _default_language():
    """A request under /en/ leaves English active in the thread; each test starts in Spanish."""
    from django.utils import translation

    with translation.override("es-mx"):
        yield


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded files of a test go to its own folder, never to the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def today():
    from django.utils import timezone

    return timezone.localdate()


@pytest.fixture
def three_stages(today):
    """Stage 1 is over, stage 2 runs today, stage 3 is still to come."""
    import datetime

    from strategy.tests.factories import StageFactory

    days = datetime.timedelta
    names = ["Preparación y apertura", "Desarrollo de trabajos", "Cierre y presentación"]
    spans = [(-200, -101), (-100, 100), (101, 160)]
    return [
        StageFactory(
            number=number,
            name=name,
            slug=f"etapa-{number}",
            start_date=today + days(start),
            end_date=today + days(end),
        )
        for number, (name, (start, end)) in enumerate(zip(names, spans, strict=True), start=1)
    ]
