"""/buscar/: the results page, its messages, its safety and its number of queries."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from consultation import services
from consultation.models import Comment

pytestmark = pytest.mark.django_db

URL = "/buscar/"


def test_the_search_address_is_stable_in_both_languages():
    assert reverse("search:results") == "/buscar/"


def test_an_empty_query_answers_200_with_a_message(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert 'class="search-empty" role="status"' in response.content.decode()
    english = client.get("/en" + URL).content.decode()
    assert "Type what you are looking for" in english
    assert client.get(URL, {"q": "   "}).status_code == 200


def test_a_thousand_character_query_answers_200_with_a_message(client, version):
    response = client.get(URL, {"q": "datos " * 166 + "abc"})
    assert response.status_code == 200
    assert response.context["shortened"]
    english = client.get("/en" + URL, {"q": "x" * 1000}).content.decode()
    assert "Your search was very long" in english
    assert response.context["query"]
    assert len(response.context["query"]) <= 200
    assert client.get(URL, {"q": "x" * 1000}).status_code == 200


def test_odd_queries_and_parameters_never_fail(client, version):
    # A NUL no person types is refused before any view runs (abramos/middleware.py).
    assert client.get(URL, {"q": "\x00"}).status_code == 400
    for params in [
        {"q": "a & b | c:* !"},
        {"q": '"datos'},
        {"q": "-datos"},
        {"q": "datos", "tipo": "nada", "version": "x", "pagina": "-1"},
        {"q": "datos", "tipo": "seccion", "pagina": "999999999999"},
    ]:
        assert client.get(URL, params).status_code == 200, params


def test_the_page_title_holds_the_query_and_results_are_grouped(client, version):
    response = client.get(URL, {"q": "datos abiertos"})
    body = response.content.decode()
    assert "<title>«datos abiertos»: resultados de la búsqueda" in body
    assert 'id="resultados-seccion"' in body
    assert f'href="/borradores/{version.number}/#datos-abiertos"' in body
    assert "<mark>abiertos</mark>" in body.lower() or "<mark>Abiertos</mark>" in body


def test_the_english_page_links_to_english_pages(client, version):
    response = client.get("/en/buscar/", {"q": "datos abiertos"})
    assert response.status_code == 200
    assert f'href="/en/borradores/{version.number}/#datos-abiertos"' in response.content.decode()


def test_the_excerpt_of_a_comment_with_a_script_shows_it_escaped(
    client, consultation, section, citizen
):
    services.comment_create(
        actor=citizen, consultation=consultation, section=section,
        body='Ojo: `<script>alert("xss")</script>` en el ocelote.',
    )  # fmt: skip
    body = client.get(URL, {"q": "ocelote"}).content.decode()
    assert "<mark>ocelote</mark>" in body
    assert '<script>alert("xss")' not in body
    assert "&lt;script&gt;" in body


def test_kind_and_version_filters_work_without_javascript(client, version):
    body = client.get(URL, {"q": "datos", "tipo": "seccion", "version": version.number}).content
    body = body.decode()
    assert '<option value="seccion" selected>' in body
    assert f'<option value="{version.number}" selected>' in body


@pytest.mark.parametrize("count", [10, 300])
def test_the_results_page_makes_a_bounded_number_of_queries(
    client, consultation, section, citizen, django_assert_max_num_queries, count
):
    Comment.objects.bulk_create(
        Comment(
            consultation=consultation, version=consultation.version, section=section,
            author=citizen, body=f"El dato abierto {n} del puma.", body_html=f"<p>El dato abierto {n} del puma.</p>",
        )
        for n in range(count)
    )  # fmt: skip
    call_command("search_reindex", verbosity=0)
    # Counts per kind, the results shown, the versions of the filter.
    with django_assert_max_num_queries(3):
        response = client.get(URL, {"q": "datos abiertos"})
    assert response.context["search"].counts["comentario"] == count
    with django_assert_max_num_queries(3):
        client.get(URL, {"q": "puma", "tipo": "comentario", "pagina": 2})


def test_every_page_has_the_header_search_box(client):
    body = client.get("/").content.decode()
    assert '<form class="site-search" role="search" method="get" action="/buscar/"' in body
    assert '<label for="site-search-q"' in body
