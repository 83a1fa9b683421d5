"""What differs between PostgreSQL and SQLite: the dump and its row counts, the restore, the
checks on a target. A database is Django's settings dictionary (`connections[alias].settings_dict`,
or `dj_database_url.parse(url)`)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess  # nosec B404
from pathlib import Path
from typing import Any

import psycopg
from django.db import connections
from psycopg import sql

from abramos.backups import BackupError

# libpq's names for what Django's settings hold, and the variables pg_dump and pg_restore read.
_LIBPQ_ENV = {
    "host": "PGHOST",
    "port": "PGPORT",
    "user": "PGUSER",
    "password": "PGPASSWORD",
    "dbname": "PGDATABASE",
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "options": "PGOPTIONS",
}


def engine_of(database: dict[str, Any]) -> str:
    engine = database["ENGINE"]
    if engine.endswith("postgresql"):
        return "postgresql"
    if engine.endswith("sqlite3"):
        return "sqlite"
    raise BackupError(f"Backups know PostgreSQL and SQLite, not {engine}.")


def _pg_params(database: dict[str, Any], dbname: str | None = None) -> dict[str, str]:
    params = {
        "dbname": dbname or database["NAME"],
        "user": database.get("USER"),
        "password": database.get("PASSWORD"),
        "host": database.get("HOST"),
        "port": database.get("PORT"),
    }
    params.update((k, v) for k, v in database.get("OPTIONS", {}).items() if k in _LIBPQ_ENV)
    return {k: str(v) for k, v in params.items() if v not in (None, "")}


def _pg_connect(database: dict[str, Any], dbname: str | None = None, **kwargs):
    return psycopg.connect(**_pg_params(database, dbname), **kwargs)


def _pg_tool(name: str, args: list[str], database: dict[str, Any]) -> None:
    """Run pg_dump or pg_restore with the connection in libpq's variables (no password in ps)."""
    program = shutil.which(name)
    if program is None:
        raise BackupError(f"{name} is not installed (Debian: apt-get install postgresql-client).")
    env = {**os.environ, "PGCONNECT_TIMEOUT": "10"}
    env.update((_LIBPQ_ENV[k], v) for k, v in _pg_params(database).items())
    result = subprocess.run(  # noqa: S603  # nosec B603
        [program, "--no-password", *args], env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{name} failed ({result.returncode}):\n{result.stderr.strip()}")


def _pg_tables(cursor) -> list[tuple[str, str]]:
    cursor.execute(
        "SELECT schemaname, tablename FROM pg_catalog.pg_tables "
        "WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2"
    )
    return list(cursor.fetchall())


def _pg_counts(cursor) -> dict[str, int]:
    counts = {}
    for schema, table in _pg_tables(cursor):
        cursor.execute(
            sql.SQL("SELECT count(*) FROM {}.{}").format(
                sql.Identifier(schema), sql.Identifier(table)
            )
        )
        counts[table if schema == "public" else f"{schema}.{table}"] = cursor.fetchone()[0]
    return counts


def _sqlite_counts(cursor) -> dict[str, int]:
    cursor.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name"
    )
    counts = {}
    for (table,) in cursor.fetchall():
        quoted = '"' + table.replace('"', '""') + '"'
        # A name read from the database itself, quoted: no outside input reaches the query.
        query = f"SELECT count(*) FROM {quoted}"  # noqa: S608  # nosec B608
        counts[table] = cursor.execute(query).fetchone()[0]
    return counts


def _migrations(cursor, counts: dict[str, int]) -> dict[str, str]:
    """The last migration applied in each app (django_migrations, in the order applied)."""
    if "django_migrations" not in counts:
        return {}
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
    return dict(cursor.fetchall())


def backup_postgresql(database: dict[str, Any], target: Path) -> dict[str, Any]:
    with _pg_connect(database) as conn:
        conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        conn.read_only = True
        with conn.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot(), current_setting('server_version')")
            snapshot, version = cursor.fetchone()
            counts = _pg_counts(cursor)
            migrations = _migrations(cursor, counts)
            # pg_dump sees exactly what was counted, while this transaction stays open.
            _pg_tool(
                "pg_dump",
                ["--format=custom", f"--snapshot={snapshot}", f"--file={target}"],
                database,
            )
        conn.rollback()
    return {"server_version": version, "tables": counts, "migrations": migrations}


def backup_sqlite(alias: str, target: Path) -> dict[str, Any]:
    connection = connections[alias]
    connection.ensure_connection()
    with sqlite3.connect(target) as copy:
        # A consistent copy even while the site writes: the backup API restarts if it must.
        connection.connection.backup(copy)
        cursor = copy.cursor()
        counts = _sqlite_counts(cursor)
        migrations = _migrations(cursor, counts)
    copy.close()
    return {"server_version": sqlite3.sqlite_version, "tables": counts, "migrations": migrations}


def _pg_exists(database: dict[str, Any]) -> bool:
    with _pg_maintenance(database) as conn:
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database["NAME"]])
        return found.fetchone() is not None


def _pg_maintenance(database: dict[str, Any]):
    """A connection for CREATE and DROP DATABASE: to `postgres`, else `template1`."""
    try:
        return _pg_connect(database, "postgres", autocommit=True)
    except psycopg.OperationalError:
        return _pg_connect(database, "template1", autocommit=True)


def has_tables(engine: str, database: dict[str, Any]) -> bool:
    if engine == "postgresql":
        if not _pg_exists(database):
            return False
        with _pg_connect(database) as conn, conn.cursor() as cursor:
            return bool(_pg_tables(cursor))
    path = Path(database["NAME"])
    if not path.exists():
        return False
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        found = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' LIMIT 1").fetchone()
    conn.close()
    return found is not None


def describe(engine: str, database: dict[str, Any]) -> str:
    if engine == "sqlite":
        return f"the SQLite file {database['NAME']}"
    return f"the PostgreSQL database {database['NAME']} on {database.get('HOST') or 'localhost'}"


def restore_postgresql(database: dict[str, Any], dump: Path, replace: bool) -> None:
    name = sql.Identifier(database["NAME"])
    with _pg_maintenance(database) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [database["NAME"]]
        ).fetchone()
        if exists and replace:
            try:
                conn.execute(sql.SQL("DROP DATABASE {}").format(name))
            except psycopg.errors.ObjectInUse:
                raise BackupError(
                    f"{database['NAME']} is in use: stop the web and Celery processes, then "
                    "restore again (nothing was changed)."
                ) from None
        if not exists or replace:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(name))
    # Objects belong to whoever restores (the site's own role), whoever owned them before.
    _pg_tool(
        "pg_restore",
        ["--no-owner", "--no-acl", "--exit-on-error", "--single-transaction",
         f"--dbname={database['NAME']}", str(dump)],
        database,
    )  # fmt: skip


def restore_sqlite(database: dict[str, Any], copy: Path) -> None:
    target = Path(database["NAME"])
    target.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(f"file:{copy}?mode=ro", uri=True) as source:
        destination = sqlite3.connect(target)
        # The backup API replaces the whole database, in one transaction of its own.
        source.backup(destination)
        destination.close()
    source.close()


def restored_state(engine: str, database: dict[str, Any]) -> tuple[dict[str, int], dict[str, str]]:
    if engine == "postgresql":
        with _pg_connect(database) as conn, conn.cursor() as cursor:
            counts = _pg_counts(cursor)
            return counts, _migrations(cursor, counts)
    with sqlite3.connect(f"file:{database['NAME']}?mode=ro", uri=True) as conn:
        cursor = conn.cursor()
        counts = _sqlite_counts(cursor)
        migrations = _migrations(cursor, counts)
    conn.close()
    return counts, migrations
