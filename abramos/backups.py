"""Backups that restore (#16): `manage.py backup` writes one, `manage.py restore` rebuilds a
database and a media folder from it and proves they hold what was backed up (README: Copias de
seguridad).

A backup is a folder:

    manifest.json      what the folder holds; written last, so a folder without it is no backup
    database.dump      PostgreSQL: `pg_dump --format=custom`
    database.sqlite3   or SQLite (the newcomer's database): a copy made with sqlite3's backup API
    media/<name>       every file of the media storage (`default_storage`), under its own name

The manifest, for example:

    {
      "format": "abramos-backup",
      "format_version": 1,
      "created_at": "2026-12-06T03:00:00Z",
      "git_commit": "b35a66a24b72a845d79e6c63eafd9a26c535a89d",
      "database": {
        "engine": "postgresql",
        "file": "database.dump",
        "server_version": "15.20",
        "tables": {"consultation_comment": 212, "django_migrations": 96, ...},
        "migrations": {"consultation": "0012_comment_client_token", ...}
      },
      "media": {"storage": "django.core.files.storage.FileSystemStorage", "files": 31},
      "files": {
        "database.dump": {"size": 1048576, "sha256": "9f86d0..."},
        "media/versiones/pnda-version-1.pdf": {"size": 80412, "sha256": "2c26b4..."}
      }
    }

The row counts and the migrations are read from the very data that is dumped: on PostgreSQL in
one REPEATABLE READ transaction whose snapshot `pg_dump --snapshot` shares, on SQLite from the
copy. So a restore that finds other counts has lost rows; it never blames a site that kept
taking comments while the dump ran. Files are hashed in chunks, never read whole.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess  # nosec B404
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import dj_database_url
import psycopg
from django.conf import settings
from django.core.files import File
from django.core.files.storage import Storage
from django.db import connections
from psycopg import sql

FORMAT = "abramos-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA = "media"
CHUNK = 1024 * 1024

Log = Callable[[str], None]


class BackupError(Exception):
    """The backup or the restore cannot go on; the message says why and what to do."""


@dataclass
class RestoreSummary:
    tables: int = 0
    rows: int = 0
    media_files: int = 0
    media_bytes: int = 0
    mismatches: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


# --- files ---------------------------------------------------------------------------------


def file_digest(path: Path) -> tuple[int, str]:
    """(size, SHA-256) of a file, read in chunks."""
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def _copy_out(source, target: Path) -> tuple[int, str]:
    """Copy an open file into `target`, hashing as it goes."""
    digest, size = hashlib.sha256(), 0
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as out:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
    return size, digest.hexdigest()


def storage_files(storage: Storage, folder: str = "") -> Iterator[str]:
    """Every file name in a storage, walking its folders (works for S3 as for a folder)."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # a media folder nothing was ever written to
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for name in sorted(folders):
        yield from storage_files(storage, f"{folder}/{name}" if folder else name)


def _inside(folder: Path, relative: str) -> Path:
    """The file of a manifest entry; an entry that points outside the backup is refused."""
    path = (folder / relative).resolve()
    if not path.is_relative_to(folder.resolve()) or path == folder.resolve():
        raise BackupError(f"The manifest names a file outside the backup: {relative!r}.")
    return path


# --- databases ----------------------------------------------------------------------------

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


def _engine(database: dict[str, Any]) -> str:
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


def _backup_postgresql(database: dict[str, Any], target: Path) -> dict[str, Any]:
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


def _backup_sqlite(alias: str, target: Path) -> dict[str, Any]:
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


# --- backup -------------------------------------------------------------------------------


def default_folder() -> Path:
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    return Path(settings.BACKUP_DIR) / stamp


def _git_commit() -> str | None:
    git = shutil.which("git")
    if git is None:
        return None
    result = subprocess.run(  # noqa: S603  # nosec B603
        [git, "-C", str(settings.BASE_DIR), "rev-parse", "HEAD"],
        capture_output=True,
        text=True,
        timeout=10,
        check=False,
    )
    if result.returncode != 0:
        return None
    return result.stdout.strip() or None


def backup(*, folder: Path, alias: str, storage: Storage, log: Log) -> dict[str, Any]:
    """Write a backup of the database `alias` and of `storage` into `folder` (new or empty)."""
    if folder.exists() and any(folder.iterdir()):
        raise BackupError(f"{folder} is not empty: a backup goes into a new folder.")
    # It holds personal data (e-mail addresses, password hashes): for its owner's eyes only.
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    folder.chmod(0o700)
    database = connections[alias].settings_dict
    engine = _engine(database)
    created_at = datetime.datetime.now(datetime.UTC).replace(microsecond=0)

    name = "database.dump" if engine == "postgresql" else "database.sqlite3"
    if engine == "postgresql":
        db_info = _backup_postgresql(database, folder / name)
    else:
        db_info = _backup_sqlite(alias, folder / name)
    files = {}
    size, sha256 = file_digest(folder / name)
    files[name] = {"size": size, "sha256": sha256}
    log(
        f"Database ({engine}): {len(db_info['tables'])} tables, "
        f"{sum(db_info['tables'].values())} rows, {_megabytes(size)} in {name}."
    )

    # The files after the database: every file the dump names was there when it was dumped (a
    # file added since is copied too, harmless; one deleted since the listing is left out).
    media_bytes = 0
    for media_name in storage_files(storage):
        key = f"{MEDIA}/{media_name}"
        try:
            with storage.open(media_name, "rb") as source:
                size, sha256 = _copy_out(source, _inside(folder, key))
        except FileNotFoundError:
            log(f"Media: {media_name} was deleted during the backup; left out.")
            continue
        files[key] = {"size": size, "sha256": sha256}
        media_bytes += size
    media_count = len(files) - 1
    log(f"Media: {media_count} files, {_megabytes(media_bytes)}.")

    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": created_at.isoformat().replace("+00:00", "Z"),
        "git_commit": _git_commit(),
        "database": {"engine": engine, "file": name, **db_info},
        "media": {
            "storage": f"{storage.__class__.__module__}.{storage.__class__.__qualname__}",
            "files": media_count,
        },
        "files": files,
    }
    # Last: a folder without its manifest (a backup cut short) is never taken for a backup.
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return manifest


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


# --- restore ------------------------------------------------------------------------------


def read_manifest(folder: Path) -> dict[str, Any]:
    path = folder / MANIFEST
    if not path.is_file():
        raise BackupError(
            f"{folder} holds no {MANIFEST}: it is not a backup, or an unfinished one."
        )
    try:
        manifest = json.loads(path.read_text())
    except ValueError as exc:
        raise BackupError(f"{path} is not valid JSON: {exc}.") from None
    if manifest.get("format") != FORMAT or manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"{path} is not a backup this code reads (format {manifest.get('format')!r}, version "
            f"{manifest.get('format_version')!r}; this code reads {FORMAT!r} version {FORMAT_VERSION})."
        )
    return manifest


def verify(folder: Path, manifest: dict[str, Any]) -> tuple[int, int]:
    """Check every file of the manifest (size and SHA-256); (files, bytes) when all match."""
    problems, total = [], 0
    if manifest["database"]["file"] not in manifest["files"]:
        problems.append(f"{manifest['database']['file']}: not in the manifest's files")
    for relative, expected in sorted(manifest["files"].items()):
        path = _inside(folder, relative)
        if not path.is_file():
            problems.append(f"{relative}: missing")
            continue
        size, sha256 = file_digest(path)
        if (size, sha256) != (expected["size"], expected["sha256"]):
            problems.append(
                f"{relative}: altered (SHA-256 {sha256}, the manifest says {expected['sha256']})"
            )
        total += size
    if problems:
        raise BackupError(
            f"The backup in {folder} does not match its manifest; nothing was restored:\n  "
            + "\n  ".join(problems)
        )
    return len(manifest["files"]), total


def target_database(url: str | None, alias: str) -> dict[str, Any]:
    if url:
        return dj_database_url.parse(url)
    return connections[alias].settings_dict


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


def _has_tables(engine: str, database: dict[str, Any]) -> bool:
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


def _describe(engine: str, database: dict[str, Any]) -> str:
    if engine == "sqlite":
        return f"the SQLite file {database['NAME']}"
    return f"the PostgreSQL database {database['NAME']} on {database.get('HOST') or 'localhost'}"


def _restore_postgresql(database: dict[str, Any], dump: Path, replace: bool) -> None:
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


def _restore_sqlite(database: dict[str, Any], copy: Path) -> None:
    target = Path(database["NAME"])
    target.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(f"file:{copy}?mode=ro", uri=True) as source:
        destination = sqlite3.connect(target)
        # The backup API replaces the whole database, in one transaction of its own.
        source.backup(destination)
        destination.close()
    source.close()


def _restored_state(engine: str, database: dict[str, Any]) -> tuple[dict[str, int], dict[str, str]]:
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


def _media_names(manifest: dict[str, Any]) -> list[tuple[str, str]]:
    prefix = f"{MEDIA}/"
    return [
        (key, key[len(prefix) :]) for key in sorted(manifest["files"]) if key.startswith(prefix)
    ]


def restore(
    *,
    folder: Path,
    database: dict[str, Any],
    storage: Storage,
    media_label: str,
    replace: bool,
    log: Log,
) -> RestoreSummary:
    """Check the backup in `folder`, rebuild `database` and `storage` from it, compare the rows.

    Refuses before changing anything when a file is missing or altered, when the database or
    the storage already hold something (unless `replace`), or when the engines differ."""
    manifest = read_manifest(folder)
    count, size = verify(folder, manifest)
    log(f"Checked {count} files ({_megabytes(size)}) against the manifest: all as backed up.")

    engine = _engine(database)
    backed_up = manifest["database"]["engine"]
    if engine != backed_up:
        raise BackupError(f"The backup holds a {backed_up} database; the target is {engine}.")
    in_memory = str(database["NAME"]) in ("", ":memory:") or "mode=memory" in str(database["NAME"])
    if engine == "sqlite" and in_memory:
        raise BackupError("The target must be a SQLite file, not a database in memory.")
    described = _describe(engine, database)
    if not replace and _has_tables(engine, database):
        raise BackupError(
            f"The target, {described}, already has tables; nothing was changed. Restore into a "
            "new database, or give --replace to drop it and rebuild it from the backup."
        )
    existing = list(storage_files(storage))
    if existing and not replace:
        raise BackupError(
            f"The media storage ({media_label}) already holds {len(existing)} files; nothing was "
            "changed. Restore into an empty one, or give --replace to delete them first."
        )

    dump = _inside(folder, manifest["database"]["file"])
    if engine == "postgresql":
        _restore_postgresql(database, dump, replace)
    else:
        _restore_sqlite(database, dump)
    log(f"Database restored into {described}.")

    for name in existing:
        storage.delete(name)
    summary = RestoreSummary()
    for key, name in _media_names(manifest):
        with _inside(folder, key).open("rb") as handle:
            saved = storage.save(name, File(handle, name=name))
        expected = manifest["files"][key]["size"]
        if saved != name or storage.size(saved) != expected:
            summary.mismatches.append(
                f"media {name}: stored as {saved}, {storage.size(saved)} bytes"
            )
        summary.media_files += 1
        summary.media_bytes += expected
    log(
        f"Media: {summary.media_files} files ({_megabytes(summary.media_bytes)}) into {media_label}."
    )

    counts, migrations = _restored_state(engine, database)
    wanted = manifest["database"]["tables"]
    summary.tables, summary.rows = len(counts), sum(counts.values())
    for table in sorted(set(wanted) | set(counts)):
        if wanted.get(table) != counts.get(table):
            summary.mismatches.append(
                f"table {table}: {counts.get(table, 'missing')} rows, the manifest says "
                f"{wanted.get(table, 'no such table')}"
            )
    if migrations != manifest["database"]["migrations"]:
        summary.mismatches.append(
            f"migrations: {migrations}, the manifest says {manifest['database']['migrations']}"
        )
    summary.notes.extend(_migration_notes(migrations))
    return summary


def _migration_notes(applied: dict[str, str]) -> list[str]:
    """What the code in this checkout says of the restored migrations: it has newer ones (run
    migrate), or the backup was made by newer code (deploy that commit first)."""
    from django.db.migrations.loader import MigrationLoader

    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    unknown = [
        f"{app}.{name}" for app, name in sorted(applied.items()) if (app, name) not in graph.nodes
    ]
    leaves = dict(graph.leaf_nodes())
    behind = [f"{app}.{leaf}" for app, leaf in sorted(leaves.items()) if applied.get(app) != leaf]
    notes = []
    if unknown:
        notes.append(
            f"Migrations this code does not have ({', '.join(unknown)}): the backup was made by "
            "newer code; deploy its commit (the manifest's git_commit) before serving it."
        )
    elif behind:
        notes.append(
            f"This code has newer migrations ({', '.join(behind)}): run manage.py migrate."
        )
    return notes


def elapsed(start: float) -> str:
    return f"{time.monotonic() - start:.1f} s"
