"""`backup_restore`: a database and a media storage rebuilt from a backup folder, checked first
and compared after (abramos/backups/__init__.py says what the folder holds)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.files import File
from django.core.files.storage import Storage
from django.db import connections

from abramos.backups import FORMAT, FORMAT_VERSION, MANIFEST, MEDIA, BackupError
from abramos.backups.databases import (
    describe,
    engine_of,
    has_tables,
    restore_postgresql,
    restore_sqlite,
    restored_state,
)
from abramos.backups.files import file_digest, inside, megabytes, storage_files

Log = Callable[[str], None]


@dataclass
class RestoreSummary:
    tables: int = 0
    rows: int = 0
    media_files: int = 0
    media_bytes: int = 0
    mismatches: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


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
        path = inside(folder, relative)
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


def _media_names(manifest: dict[str, Any]) -> list[tuple[str, str]]:
    prefix = f"{MEDIA}/"
    return [
        (key, key[len(prefix) :]) for key in sorted(manifest["files"]) if key.startswith(prefix)
    ]


def backup_restore(
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
    log(f"Checked {count} files ({megabytes(size)}) against the manifest: all as backed up.")

    engine = engine_of(database)
    backed_up = manifest["database"]["engine"]
    if engine != backed_up:
        raise BackupError(f"The backup holds a {backed_up} database; the target is {engine}.")
    in_memory = str(database["NAME"]) in ("", ":memory:") or "mode=memory" in str(database["NAME"])
    if engine == "sqlite" and in_memory:
        raise BackupError("The target must be a SQLite file, not a database in memory.")
    described = describe(engine, database)
    if not replace and has_tables(engine, database):
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

    dump = inside(folder, manifest["database"]["file"])
    if engine == "postgresql":
        restore_postgresql(database, dump, replace)
    else:
        restore_sqlite(database, dump)
    log(f"Database restored into {described}.")

    for name in existing:
        storage.delete(name)
    summary = RestoreSummary()
    for key, name in _media_names(manifest):
        with inside(folder, key).open("rb") as handle:
            saved = storage.save(name, File(handle, name=name))
        expected = manifest["files"][key]["size"]
        if saved != name or storage.size(saved) != expected:
            summary.mismatches.append(
                f"media {name}: stored as {saved}, {storage.size(saved)} bytes"
            )
        summary.media_files += 1
        summary.media_bytes += expected
    log(
        f"Media: {summary.media_files} files ({megabytes(summary.media_bytes)}) into {media_label}."
    )

    counts, migrations = restored_state(engine, database)
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
