"""What a person reads follows the state of the process: the tense, the warning that dates may
change, each stage's plan beside what happened, and the calls at the top of the home page."""

import datetime

import pytest
from django.utils import timezone

from abramos.cache import invalidate
from strategy.home import HomeCall, register_home_call
from strategy.models import Stage

pytestmark = pytest.mark.django_db


def _end_the_process(stages, today):
    """Move every stage into the past, keeping their order."""
    for offset, stage in zip((600, 400, 200), stages, strict=True):
        Stage.objects.filter(pk=stage.pk).update(
            start_date=today - datetime.timedelta(days=offset),
            end_date=today - datetime.timedelta(days=offset - 150),
        )


def test_before_the_end_the_pages_speak_of_the_future_and_warn_of_adjustments(client, three_stages):
    home = client.get("/").text
    assert "México construye en público su Política Nacional de Datos Abiertos" in home
    policy = client.get("/politica-nacional/").text
    assert "Qué contendrá la política" in policy and "será un documento" in policy
    assert "Las fechas previstas podrían tener ajustes." in client.get("/proceso/").text


def test_after_the_end_they_speak_of_the_past_and_no_longer_warn(client, three_stages, today):
    _end_the_process(three_stages, today)
    home = client.get("/").text
    assert "México construyó en público su Política Nacional de Datos Abiertos" in home
    policy = client.get("/politica-nacional/").text
    assert "Qué contiene la política" in policy and "es un documento" in policy
    assert "Qué contendrá" not in policy and "será un documento" not in policy
    assert "podrían tener ajustes" not in client.get("/proceso/").text


def test_each_stage_shows_its_plan_beside_what_happened(client, three_stages):
    stage = three_stages[0]
    stage.planned_start = datetime.date(2021, 11, 1)
    stage.planned_end = datetime.date(2022, 3, 31)
    stage.save()
    html = client.get("/proceso/").text
    assert "noviembre de 2021" in html and "marzo de 2022" in html  # the plan
    assert "Previsto" in html and "Real" in html
    assert "En curso" in html  # stage 2 runs today: "since…; expected to end on…"
    assert 'class="tl-plan"' in html and 'class="tl-actual"' in html  # on the timeline too


def test_a_plan_with_one_end_or_ending_before_it_starts_is_refused(three_stages):
    from django.core.exceptions import ValidationError

    stage = three_stages[0]
    stage.planned_start = datetime.date(2022, 3, 1)
    with pytest.raises(ValidationError):
        stage.full_clean()
    stage.planned_end = datetime.date(2021, 3, 1)
    with pytest.raises(ValidationError):
        stage.full_clean()


def test_other_apps_put_their_calls_on_top_of_the_home_page_in_order(client, monkeypatch):
    monkeypatch.setattr("strategy.home._providers", [])
    register_home_call(lambda request: None)  # nothing to say now: no empty box
    register_home_call(
        lambda request: HomeCall(20, "strategy/tests/call.html", {"text": "segunda"})
    )
    register_home_call(
        lambda request: HomeCall(10, "strategy/tests/call.html", {"text": "primera"})
    )
    html = client.get("/").text
    assert html.index("llamada primera") < html.index("llamada segunda")


def test_the_home_page_calls_to_comment_while_open_and_to_download_once_approved(client):
    from tests.demo import load_demo

    load_demo(verbosity=0)
    html = client.get("/").text
    assert html.index("Abierta a comentarios") < html.index("Descarga la política aprobada")
    assert "4 instituciones la han adoptado hasta ahora" in html
    from consultation.models import Consultation

    Consultation.objects.filter(is_demo=True).update(closes_at=timezone.now())
    invalidate()  # update() sends no signal; on a site the page lives PAGE_CACHE_SECONDS at most
    html = client.get("/").text
    assert "Abierta a comentarios" not in html and "Leer y comentar" not in html
    assert "Descarga la política aprobada" in html
