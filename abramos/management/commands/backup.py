"""`python manage.py backup [--output FOLDER]` (`make backup`): the database and the media files,
with a manifest of their SHA-256 sums, row counts and migrations (abramos/backups/).

By default the backup goes into a new folder named by the UTC time inside BACKUP_DIR (`backups/`
in the project). PostgreSQL is dumped with pg_dump; SQLite, the newcomer's database, is copied
with sqlite3's backup API, so the same commands work on a laptop.
"""

import time
from pathlib import Path

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from abramos.backups import BackupError
from abramos.backups.backup import backup_write, default_folder


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump, or a copy of the SQLite file) and the media files into "
        "a new folder, with manifest.json: the SHA-256 and size of every file, the rows of every "
        "table, the migrations applied and the git commit. `manage.py restore` reads it."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            help="The folder to write (new or empty). Default: BACKUP_DIR/<UTC time>/.",
        )
        parser.add_argument(
            "--database",
            default=DEFAULT_DB_ALIAS,
            help="The database alias to back up (default: %(default)s).",
        )

    def handle(self, *args, **options):
        start = time.monotonic()
        folder = options["output"] or default_folder()
        log = self.stdout.write if options["verbosity"] else lambda message: None
        try:
            manifest = backup_write(
                folder=folder, alias=options["database"], storage=default_storage, log=log
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        total = sum(entry["size"] for entry in manifest["files"].values())
        log(
            f"Backup written to {folder} ({len(manifest['files'])} files, "
            f"{total / 1_000_000:.1f} MB) in {time.monotonic() - start:.1f} s."
        )
