"""What only PostgreSQL does: the unaccent extension, the Spanish configuration without accents,
the GIN index and the web search syntax. Fails (never skips) in CI without PostgreSQL."""

import pytest
from django.db import connection

from abramos.search import index
from abramos.search.selectors import search
from conftest import require_service

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _postgresql():
    require_service(connection.vendor == "postgresql", "DATABASE_URL is not PostgreSQL")


def _one(sql: str, *params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def test_the_migration_creates_unaccent_the_spanish_configuration_and_the_gin_index():
    assert _one("SELECT count(*) FROM pg_extension WHERE extname = 'unaccent'") == 1
    assert _one("SELECT count(*) FROM pg_ts_config WHERE cfgname = 'es_unaccent'") == 1
    assert "USING gin (search_vector)" in _one(
        "SELECT indexdef FROM pg_indexes WHERE indexname = 'search_entry_vector_gin'"
    )


def test_the_configuration_ignores_accents_and_stems_in_spanish():
    assert _one("SELECT to_tsvector('es_unaccent', 'Información') @@ "
                "websearch_to_tsquery('es_unaccent', 'informacion')")  # fmt: skip
    assert _one("SELECT to_tsvector('es_unaccent', 'municipio') @@ "
                "websearch_to_tsquery('es_unaccent', 'municipios')")  # fmt: skip


def test_the_stored_vector_weights_the_heading_above_the_text(version):
    from abramos.search.models import Entry

    entry = Entry.objects.get(kind="seccion", title="Datos abiertos")
    assert "'dat':1A" in _one(
        "SELECT search_vector::text FROM search_entry WHERE id = %s", entry.pk
    )


def test_web_search_syntax_excludes_words_and_matches_phrases(version):
    assert "Datos abiertos" in [
        r.entry.title for g in search("datos -estandares").groups for r in g.results
    ]
    assert "Estándares" not in [
        r.entry.title for g in search("datos -estandares").groups for r in g.results
    ]
    assert search('"participacion ciudadana"').counts == {"seccion": 1}


def test_the_stored_vector_is_what_djangos_search_vectors_give():
    """abramos.search.index writes the vector's SQL by hand (cheaper to build for each new
    comment than Django's expressions): both give the same vector, accents, weights and an empty
    text too."""
    from django.contrib.postgres.search import SearchVector
    from django.db.models import TextField, Value

    from abramos.search.models import Entry

    for title, body in (
        ("Información pública ", "Los municipios publican sus datos abiertos. "),
        ("", "Sólo cuerpo, con «comillas» y 'apóstrofos' "),
        ("Título", ""),
    ):
        entry = Entry.objects.create(kind="prueba", object_key=title or "vacío", title=title)
        Entry.objects.filter(pk=entry.pk).update(search_vector=index._vector(title, body))
        expected = Entry.objects.annotate(
            django=SearchVector(Value(title, output_field=TextField()), weight="A",
                                config="es_unaccent")
            + SearchVector(Value(body, output_field=TextField()), weight="B",
                           config="es_unaccent")
        ).get(pk=entry.pk)  # fmt: skip
        assert str(expected.search_vector) == str(expected.django) != ""
