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

`backup.backup_write` writes one, `restore.backup_restore` reads one back; `databases` holds what
differs between PostgreSQL and SQLite, `files` the hashing and the walk through a storage.
"""

FORMAT = "abramos-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA = "media"


class BackupError(Exception):
    """The backup or the restore cannot go on; the message says why and what to do."""
