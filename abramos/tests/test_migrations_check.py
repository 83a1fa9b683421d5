"""Migrations a rolling deploy can run while the previous release serves (abramos/migrations_check)."""

import pytest
from django.core.management import CommandError, call_command
from django.db import migrations, models

from abramos.migrations_check import check, problems_of


def _migration(*ops, contracts: str = ""):
    class Migration(migrations.Migration):
        operations = list(ops)

    migration = Migration("0099_release", "consultation")
    if contracts:
        migration.contracts = contracts
    return migration


def test_the_project_s_migrations_keep_the_rule(capsys):
    assert check() == []
    call_command("check_migrations")
    assert "only add" in capsys.readouterr().out


@pytest.mark.parametrize(
    "operation",
    [
        migrations.RemoveField("comment", "body"),
        migrations.DeleteModel("Support"),
        migrations.RenameField("comment", "body", "text"),
        migrations.RenameModel("Support", "Endorsement"),
        migrations.AlterModelTable("comment", "comments"),
        migrations.AlterField("comment", "body", models.TextField(db_column="texto")),
        migrations.AddField("comment", "mood", models.CharField(max_length=10, default="")),
        migrations.RunSQL("ALTER TABLE consultation_comment DROP COLUMN body"),
    ],
    ids=lambda op: type(op).__name__,
)
def test_what_the_previous_release_would_trip_on_is_refused(operation):
    (problem,) = problems_of("consultation", _migration(operation))
    assert problem.migration == "0099_release"
    # Marked as the later release's step, once no running code reads it: allowed.
    assert problems_of("consultation", _migration(operation, contracts="Since 2027-02.")) == []


@pytest.mark.parametrize(
    "operation",
    [
        migrations.AddField("comment", "mood", models.CharField(max_length=10, null=True)),
        migrations.AddField("comment", "mood", models.CharField(max_length=10, db_default="")),
        migrations.CreateModel("Mood", [("id", models.BigAutoField(primary_key=True))]),
        migrations.AddIndex(
            "comment", models.Index(fields=["created_at"], name="comment_created_idx")
        ),
        migrations.RunSQL("CREATE INDEX comment_body_idx ON consultation_comment (body)"),
    ],
    ids=lambda op: type(op).__name__,
)
def test_what_only_adds_passes(operation):
    assert problems_of("consultation", _migration(operation)) == []


def test_the_command_names_each_problem(monkeypatch):
    from abramos import migrations_check
    from abramos.management.commands import check_migrations

    problems = migrations_check.problems_of(
        "consultation", _migration(migrations.RemoveField("comment", "body"))
    )
    monkeypatch.setattr(check_migrations, "check", lambda: problems)
    with pytest.raises(CommandError, match=r"consultation\.0099_release: Remove field body"):
        call_command("check_migrations")
