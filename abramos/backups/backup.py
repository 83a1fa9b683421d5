"""`backup_write`: a backup folder (abramos/backups/__init__.py says what it holds)."""

from __future__ import annotations

import datetime
import json
import shutil
import subprocess  # nosec B404
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.storage import Storage
from django.db import connections

from abramos.backups import FORMAT, FORMAT_VERSION, MANIFEST, MEDIA, BackupError
from abramos.backups.databases import backup_postgresql, backup_sqlite, engine_of
from abramos.backups.files import copy_out, file_digest, inside, megabytes, storage_files

Log = Callable[[str], None]


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


def backup_write(*, folder: Path, alias: str, storage: Storage, log: Log) -> dict[str, Any]:
    """Write a backup of the database `alias` and of `storage` into `folder` (new or empty)."""
    if folder.exists() and any(folder.iterdir()):
        raise BackupError(f"{folder} is not empty: a backup goes into a new folder.")
    # It holds personal data (e-mail addresses, password hashes): for its owner's eyes only.
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    folder.chmod(0o700)
    database = connections[alias].settings_dict
    engine = engine_of(database)
    created_at = datetime.datetime.now(datetime.UTC).replace(microsecond=0)

    name = "database.dump" if engine == "postgresql" else "database.sqlite3"
    if engine == "postgresql":
        db_info = backup_postgresql(database, folder / name)
    else:
        db_info = backup_sqlite(alias, folder / name)
    files = {}
    size, sha256 = file_digest(folder / name)
    files[name] = {"size": size, "sha256": sha256}
    log(
        f"Database ({engine}): {len(db_info['tables'])} tables, "
        f"{sum(db_info['tables'].values())} rows, {megabytes(size)} in {name}."
    )

    # The files after the database: every file the dump names was there when it was dumped (a
    # file added since is copied too, harmless; one deleted since the listing is left out).
    media_bytes = 0
    for media_name in storage_files(storage):
        key = f"{MEDIA}/{media_name}"
        try:
            with storage.open(media_name, "rb") as source:
                size, sha256 = copy_out(source, inside(folder, key))
        except FileNotFoundError:
            log(f"Media: {media_name} was deleted during the backup; left out.")
            continue
        files[key] = {"size": size, "sha256": sha256}
        media_bytes += size
    media_count = len(files) - 1
    log(f"Media: {media_count} files, {megabytes(media_bytes)}.")

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
