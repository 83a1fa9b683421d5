"""`python manage.py restore FOLDER [--database-url URL] [--media-root DIR] [--replace]`
(`make restore BACKUP=FOLDER`): a database and media files rebuilt from a backup that
`manage.py backup` wrote, then compared with its manifest (abramos/backups/).

First every file is checked against the manifest's SHA-256: a missing or altered file stops the
restore before anything changes. The target is DATABASE_URL's database and the media storage
unless told otherwise; a database that has tables or a storage that holds files is refused
unless --replace is given (the database is then dropped and created again, the files deleted).
Then the rows of every table and the migrations are compared with the manifest: any difference
is an error (exit status 1).
"""

import time
from pathlib import Path

from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from abramos.backups import BackupError
from abramos.backups.restore import backup_restore, read_manifest, target_database, verify


class Command(BaseCommand):
    help = (
        "Restore a backup written by `manage.py backup`: check every file's SHA-256, rebuild the "
        "database and the media files, compare the rows of every table with the manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, help="The backup folder (holds manifest.json).")
        parser.add_argument(
            "--database-url",
            help="The database to rebuild, as a URL (default: the --database alias, DATABASE_URL).",
        )
        parser.add_argument(
            "--database",
            default=DEFAULT_DB_ALIAS,
            help="The database alias to rebuild when no --database-url is given (default: %(default)s).",
        )
        parser.add_argument(
            "--media-root",
            type=Path,
            help="The folder to put the media files in (default: the media storage, MEDIA_ROOT).",
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Drop a database that has tables and delete the media files already there.",
        )
        parser.add_argument(
            "--check-only",
            action="store_true",
            help="Only check the backup's files against its manifest; change nothing.",
        )

    def handle(self, *args, **options):
        start = time.monotonic()
        folder = options["folder"]
        log = self.stdout.write if options["verbosity"] else lambda message: None
        try:
            if options["check_only"]:
                manifest = read_manifest(folder)
                count, size = verify(folder, manifest)
                log(f"{folder}: {count} files ({size / 1_000_000:.1f} MB), all as backed up.")
                return
            if options["media_root"]:
                storage = FileSystemStorage(location=options["media_root"])
                media_label = str(options["media_root"])
            else:
                storage = default_storage
                media_label = str(getattr(storage, "location", storage.__class__.__name__))
            database = target_database(options["database_url"], options["database"])
            summary = backup_restore(
                folder=folder,
                database=database,
                storage=storage,
                media_label=media_label,
                replace=options["replace"],
                log=log,
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        for note in summary.notes:
            log(note)
        if summary.mismatches:
            raise CommandError(
                f"The restored data differs from the manifest of {folder}:\n  "
                + "\n  ".join(summary.mismatches)
            )
        manifest = read_manifest(folder)
        log(
            f"Restored {folder} (made {manifest['created_at']}, commit "
            f"{manifest['git_commit'] or 'unknown'}) in {time.monotonic() - start:.1f} s: "
            f"{summary.tables} tables and {summary.rows} rows as in the manifest, "
            f"{summary.media_files} media files."
        )
