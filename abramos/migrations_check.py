"""A release's migrations must work with the release still running (README, "Releases").

A rolling deploy (deploy/rolling) migrates first, then restarts the web nodes one at a time: for
a while the previous release runs on the new schema. So a release's migrations only add ("expand"):
they never drop or rename a table or a column, and a column they add takes a database default or
NULL, because the previous release inserts rows without it. Taking something away ("contract")
is a migration of a later release, once no running code reads it, and says so:

    class Migration(migrations.Migration):
        contracts = "The release of 2027-02-01 stopped reading Comment.old_field."

`manage.py check_migrations` lists every operation of the project's migrations that breaks the
rule without that line; a test keeps the list empty. Migrations shipped before the rule (all of
them applied together, with the site stopped) are listed in BEFORE_THE_RULE.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import models
from django.db.migrations import Migration, operations
from django.db.migrations.loader import MigrationLoader

# The apps whose migrations are the project's (labels), and the last migration of each that
# shipped before the rule.
BEFORE_THE_RULE = {
    "abramos": "0001",
    "accounts": "0005",
    "search": "0003",
    "mail": "0001",
    "strategy": "0004",
    "drafts": "0005",
    "consultation": "0006",
    "transparency": "0002",
}
_DESTRUCTIVE_SQL = re.compile(r"\b(DROP|RENAME|TRUNCATE)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Problem:
    app: str
    migration: str
    operation: str
    why: str

    def __str__(self) -> str:
        return f"{self.app}.{self.migration}: {self.operation}: {self.why}"


def _add_field_problem(operation: operations.AddField) -> str:
    field = operation.field
    if field.many_to_many or field.null:
        return ""
    if getattr(field, "db_default", models.NOT_PROVIDED) is not models.NOT_PROVIDED:
        return ""
    return (
        "a new column without a database default or NULL: the previous release inserts rows "
        "without it (give it db_default=…, or null=True)"
    )


def problems_of(app: str, migration: Migration) -> list[Problem]:
    """What in `migration` the previous release would trip on, unless it declares `contracts`."""
    if getattr(migration, "contracts", ""):
        return []
    found = []
    for operation in migration.operations:
        why = ""
        if isinstance(operation, operations.RemoveField | operations.DeleteModel):
            why = "drops what the previous release reads"
        elif isinstance(operation, operations.RenameField | operations.RenameModel):
            why = "renames what the previous release reads"
        elif isinstance(operation, operations.AlterModelTable):
            why = "moves a table the previous release reads"
        elif isinstance(operation, operations.AlterField) and operation.field.db_column:
            why = "may rename a column the previous release reads (db_column)"
        elif isinstance(operation, operations.AddField):
            why = _add_field_problem(operation)
        elif isinstance(operation, operations.RunSQL) and _DESTRUCTIVE_SQL.search(
            str(operation.sql)
        ):
            why = "SQL that drops or renames"
        if why:
            found.append(Problem(app, migration.name, operation.describe(), why))
    return found


def check(loader: MigrationLoader | None = None) -> list[Problem]:
    loader = loader or MigrationLoader(None, ignore_no_migrations=True)
    found = []
    for (app, name), migration in sorted(loader.disk_migrations.items()):
        if app not in BEFORE_THE_RULE or name[:4] <= BEFORE_THE_RULE[app]:
            continue
        found.extend(problems_of(app, migration))
    return found
