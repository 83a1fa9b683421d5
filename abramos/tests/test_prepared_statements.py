"""On PostgreSQL a statement that a connection runs again is prepared, and so planned, once per
connection (abramos/settings.py, DATABASE_PREPARED). Fails (never skips) in CI without it."""

import pytest
from django.db import connection

from abramos.accounts.models import User
from conftest import require_service

pytestmark = pytest.mark.django_db


def _prepared(fragment: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s", [f"%{fragment}%"]
        )
        return cursor.fetchone()[0]


def test_a_query_run_again_is_prepared_once_and_answers_as_before():
    require_service(connection.vendor == "postgresql", "DATABASE_URL is not PostgreSQL")
    people = [User.objects.create_user(f"p{n}@example.mx", None) for n in range(7)]
    # The same SQL with other parameters: the sign-in reads a person by key on every request.
    found = [User.objects.get(pk=person.pk).email for person in people]
    assert found == [person.email for person in people]
    assert _prepared('FROM "accounts_user" WHERE "accounts_user"."id" = $1') == 1
