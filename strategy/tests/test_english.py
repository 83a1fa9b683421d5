"""The process content in English (strategy/translation.py, drafts/translation.py, abramos/i18n.py).

Staff write each text in both languages in the admin; `/en/` shows the English, or the Spanish
with a notice when nobody has written the English yet; the open data and the official files keep
the Spanish record.
"""

from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation
from modeltranslation.translator import translator

from drafts.models import Approval
from strategy.models import Activity, Document, Stage, ThematicTable, WorkingGroup
from tests.demo import load_demo

pytestmark = pytest.mark.django_db

NOTICE = 'id="sin-traduccion"'


@pytest.fixture
def demo():
    # The official files are rendered by their own tests; these only read pages.
    with mock.patch("drafts.services.versions.enqueue_on_commit"):
        load_demo(verbosity=0)
    cache.clear()


def _get(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response.text


def test_the_demo_has_english_for_every_translated_field(demo):
    missing = []
    for model in translator.get_registered_models(abstract=False):
        fields = translator.get_options_for_model(model).all_fields
        for obj in model.objects.all():
            for name in fields:
                spanish, english = getattr(obj, f"{name}_es_mx"), getattr(obj, f"{name}_en")
                if spanish and not english:
                    missing.append(f"{model.__name__} {obj.pk} {name}")
    assert missing == []
    assert Stage.objects.count() == 3 and Approval.objects.count() == 1


@pytest.mark.parametrize(
    ("path", "english", "spanish"),
    [
        ("/en/proceso/", ["Preparation and opening", "Installation of the Driving Group",
                          "Construction of the base documents"],
         ["Preparación y apertura", "Instalación del Grupo Impulsor"]),
        ("/en/participantes/", ["Driving Group", "Specialized Group",
                                "Diagnosis and problems", "Set the general guidelines"],
         ["Grupo Impulsor", "Diagnóstico y problemática"]),
        ("/en/politica/", ["National Council of the National System of Transparency",
                           "Official Gazette of the Federation) on 10 November 2023"],
         ["Consejo Nacional del Sistema", "lo que formaliza su aplicación"]),
        ("/en/politica-nacional/", ["Review and closing of the strategy and the critical path",
                                    "Leads to the <strong>methodology</strong>"],
         ["Revisión y cierre de estrategia", "Da lugar a la"]),
        ("/en/transparencia/documentos/", ["Methodology of the Abramos México strategy",
                                           "The three stages of the construction process"],
         ["Metodología de la estrategia", "Las tres etapas del proceso"]),
    ],
)  # fmt: skip
def test_english_pages_show_the_english_content(client, demo, path, english, spanish):
    text = _get(client, path)
    for words in english:
        assert words in text, words
    for words in spanish:
        assert words not in text, words
    assert NOTICE not in text


def test_an_activity_page_in_english(client, demo):
    activity = Activity.objects.get(slug="foros-regionales")
    with translation.override("en"):
        path = activity.get_absolute_url()
    assert path.startswith("/en/")
    text = _get(client, path)
    assert "Regional forums in the states" in text
    assert "Regional venues in the states" in text
    assert "Foros regionales" not in text


def test_spanish_pages_keep_the_spanish(client, demo):
    text = _get(client, "/proceso/")
    assert "Preparación y apertura" in text
    assert "Preparation and opening" not in text
    assert NOTICE not in text


def test_missing_english_shows_the_spanish_and_says_so_also_from_the_cache(client, demo):
    Activity.objects.filter(slug="foros-regionales").update(title_en="", description_en=None)
    cache.clear()
    for _ in range(2):  # the second answer comes from the page cache
        text = _get(client, "/en/proceso/")
        assert "Foros regionales en las entidades federativas" in text
        assert NOTICE in text
        assert "has not been translated into English yet, and is shown in Spanish" in text
    assert NOTICE not in _get(client, "/proceso/")
    assert "<!--abramos:untranslated-->" not in text


def test_staff_write_both_languages_in_the_admin(client, demo):
    client.force_login(get_user_model().objects.get(email="tecnico@abramos.mx"))
    table = ThematicTable.objects.get(slug="mesa-diagnostico-y-problematica")
    url = reverse("admin:strategy_thematictable_change", args=[table.pk])
    form = _get(client, url)
    assert 'name="name_es_mx"' in form and 'name="name_en"' in form
    assert 'name="description_en"' in form and 'name="name"' not in form
    assert "Nombre (español)" in form and "Nombre (inglés)" in form  # in words, not codes
    data = {
        "name_es_mx": "Diagnóstico",
        "name_en": "Diagnosis",
        "slug": table.slug,
        "working_group": table.working_group_id,
        "order": 1,
        "description_es_mx": "Texto en **español**.",
        "description_en": "Text in **English**.",
        "memberships-TOTAL_FORMS": 0,
        "memberships-INITIAL_FORMS": 0,
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    table.refresh_from_db()
    assert (table.name_es_mx, table.name_en) == ("Diagnóstico", "Diagnosis")
    # Each language renders its own Markdown.
    assert table.description_html_es_mx == "<p>Texto en <strong>español</strong>.</p>"
    assert table.description_html_en == "<p>Text in <strong>English</strong>.</p>"
    # The history keeps both languages.
    assert table.history.first().name_en == "Diagnosis"

    # Without the Spanish the form is refused, and nothing changes.
    response = client.post(url, {**data, "name_es_mx": "", "name_en": "Other"})
    assert response.status_code == 200
    assert "name_es_mx" in response.context["adminform"].form.errors
    table.refresh_from_db()
    assert table.name_en == "Diagnosis"


def test_an_empty_english_description_renders_nothing_so_the_page_falls_back(demo):
    group = WorkingGroup.objects.get(slug="grupo-tecnico")
    group.description_en = ""
    group.save()
    assert group.description_html_en == ""
    with translation.override("en"):
        assert group.description_html == group.description_html_es_mx != ""


def test_the_open_data_keeps_the_spanish_record_under_en(client, demo):
    for prefix in ("", "/en"):
        response = client.get(f"{prefix}/datos/etapas.csv")
        text = b"".join(response.streaming_content).decode()
        assert "Preparación y apertura" in text
        assert "Preparation and opening" not in text
    document = Document.objects.get(slug="ruta-critica")
    assert document.title_en == "Critical path"


@pytest.mark.parametrize(
    ("path", "day"),
    [("/en/politica/", "9 October 2023"), ("/politica/", "9 de octubre de 2023")],
)
def test_dates_follow_one_style_per_language(client, demo, path, day):
    text = _get(client, path)
    assert day in text
    assert "Oct. 9, 2023" not in text


def test_the_search_finds_and_shows_activities_in_the_visitors_language(client, demo):
    text = _get(client, "/en/buscar/?q=regional+forums")
    assert "Regional forums in the states" in text
    assert "Foros regionales en las entidades federativas" not in text
    text = _get(client, "/buscar/?q=foros+regionales")
    assert "Foros regionales en las entidades federativas" in text
    assert "Regional forums in the states" not in text
