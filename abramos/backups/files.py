"""Files of a backup: hashed in chunks, copied out of a storage, named only inside the backup."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

from django.core.files.storage import Storage

from abramos.backups import BackupError

CHUNK = 1024 * 1024


def file_digest(path: Path) -> tuple[int, str]:
    """(size, SHA-256) of a file, read in chunks."""
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def copy_out(source, target: Path) -> tuple[int, str]:
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


def inside(folder: Path, relative: str) -> Path:
    """The file of a manifest entry; an entry that points outside the backup is refused."""
    path = (folder / relative).resolve()
    if not path.is_relative_to(folder.resolve()) or path == folder.resolve():
        raise BackupError(f"The manifest names a file outside the backup: {relative!r}.")
    return path


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"
