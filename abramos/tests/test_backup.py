"""Backups that restore (abramos/backups/): `manage.py backup`, then `manage.py restore` into a
new database and a new media folder, gives the same site, page for page and download for
download; a damaged backup, or a target that already holds data, is refused and nothing changes.

The tests commit what they write (`transaction=True`): pg_dump reads the database from another
process. The round trip runs on SQLite without any service (the newcomer's database) and on
PostgreSQL (marked `services`); the refusals run on whichever database the suite runs on.
"""

from __future__ import annotations

import difflib
import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse
from psycopg import sql

from abramos.accounts.models import User
from abramos.backups.files import storage_files
from abramos.tests.site_snapshot import snapshot
from conftest import require_service
from consultation import services
from consultation.models import Comment, Consultation
from consultation.tests.conftest import make_user
from drafts.models import Rendition
from tests.demo import load_demo

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]


def _vendor() -> str:
    return connection.vendor


@pytest.fixture
def restore_target(tmp_path) -> Iterator[str]:
    """The URL of a new, empty database of the suite's kind: a SQLite file, or on PostgreSQL
    `<test database>_restored`, created here with psycopg and dropped afterwards."""
    if _vendor() == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    db = connection.settings_dict
    name = f"{db['NAME']}_restored"
    params = {
        "host": db["HOST"] or "127.0.0.1",
        "port": db["PORT"] or 5432,
        "user": db["USER"],
        "password": db["PASSWORD"] or None,
    }

    def recreate(create: bool) -> None:
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
            if create:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))

    recreate(create=True)
    password = f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
    yield f"postgres://{quote(db['USER'], safe='')}{password}@{params['host']}:{params['port']}/{name}"
    recreate(create=False)


def _restored_snapshot(database_url: str, media: Path, extra_paths: list[str]) -> dict:
    """The site as the restored database and media folder serve it, read by another process."""
    env = {
        key: value
        for key, value in os.environ.items()
        # Its own local-memory cache: nothing the original put in Redis may be read back; and
        # the media restored in MEDIA_ROOT, never a bucket.
        if key not in ("REDIS_URL", "CELERY_BROKER_URL", "DEBUG", "MEDIA_BUCKET")
    }
    env.update(DATABASE_URL=database_url, MEDIA_ROOT=str(media), PAGE_CACHE_SECONDS="0")
    result = subprocess.run(
        [sys.executable, "-m", "abramos.tests.site_snapshot", *extra_paths],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _differences(original: dict[str, str], restored: dict[str, str]) -> list[str]:
    problems = []
    for path in sorted(set(original) | set(restored)):
        a, b = original.get(path, ""), restored.get(path, "")
        if a != b:
            diff = difflib.unified_diff(a.splitlines(), b.splitlines(), lineterm="", n=0)
            problems.append(f"{path}:\n" + "\n".join(list(diff)[2:12]))
    return problems


def _new_comments() -> list[str]:
    """A comment, a reply and a comment on the whole version, in the consultation open now;
    the pages that show them."""
    consultation = Consultation.objects.newest_open()
    section = consultation.version.sections.order_by("order").first()
    reader = make_user("lectora-respaldo@example.mx", display_name="Lectora del respaldo")
    other = make_user("otro-respaldo@example.mx", display_name="Otro lector")
    first = services.comment_create(
        actor=reader, consultation=consultation, section=section,
        body="¿Qué **formatos abiertos** se exigen a los municipios?",
    )  # fmt: skip
    services.comment_create(
        actor=other, consultation=consultation, parent=first, body="Lo mismo pregunto yo."
    )
    services.comment_create(
        actor=other, consultation=consultation, body="Un comentario sobre toda la versión."
    )
    return [
        reverse("drafts:version-detail", args=[consultation.version.number]),
        reverse("consultation:comment-detail", args=[first.pk]),
        reverse("opendata:download", args=["comentarios", "csv"]),
    ]


def _round_trip(tmp_path: Path, settings, restore_target: str) -> None:
    # Caches in this process only, as the restored site has them: the comparison reads the
    # databases, not what a shared Redis holds (another test run may clear it meanwhile).
    local = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    settings.CACHES = {**settings.CACHES, "default": local, "pages": local}
    settings.PAGE_CACHE_SECONDS = 0  # pages from the database, not from the page cache
    load_demo(verbosity=0)  # its renditions are rendered as it commits (eager Celery)
    extra_paths = _new_comments()
    assert Comment.objects.filter(author__email__endswith="-respaldo@example.mx").count() == 3
    renditions = Rendition.objects.all()
    assert renditions.count() >= 24
    assert not renditions.exclude(status=Rendition.Status.READY).exists()
    original = snapshot(extra_paths)

    folder, media = tmp_path / "backup", tmp_path / "restored-media"
    call_command("backup", output=folder, verbosity=0)
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["database"]["tables"]["consultation_comment"] == Comment.objects.count()
    media_files = list(storage_files(default_storage))
    assert len(media_files) > renditions.count()  # the renditions, receipts and documents
    assert len(manifest["files"]) == 1 + len(media_files)
    call_command("restore", folder, database_url=restore_target, media_root=media, verbosity=0)
    restored = _restored_snapshot(restore_target, media, extra_paths)

    assert len(original["pages"]) >= 40
    assert all(page.startswith("200 ") for page in original["pages"].values())
    assert _differences(original["pages"], restored["pages"]) == []
    assert len(original["downloads"]) == renditions.count()
    assert restored["downloads"] == original["downloads"]
    for download in restored["downloads"].values():
        assert download["status"] == 200
        assert download["served"] == download["recorded"]


def test_a_sqlite_backup_restores_into_a_new_file_with_the_same_pages_and_downloads(
    tmp_path, settings, restore_target
):
    if _vendor() != "sqlite":
        pytest.skip("the SQLite round trip runs without DATABASE_URL (the newcomer's database)")
    _round_trip(tmp_path, settings, restore_target)


@pytest.mark.services
def test_a_postgresql_backup_restores_into_a_new_database_with_the_same_pages_and_downloads(
    tmp_path, settings, restore_target
):
    require_service(_vendor() == "postgresql", "DATABASE_URL is not PostgreSQL")
    _round_trip(tmp_path, settings, restore_target)


# --- what is refused ------------------------------------------------------------------------


def _small_site(tmp_path: Path) -> Path:
    """A person and a media file, backed up into tmp_path/backup."""
    make_user("persona@example.mx", display_name="Persona")
    default_storage.save("documentos/acta.txt", ContentFile(b"Acta de la sesion\n"))
    folder = tmp_path / "backup"
    call_command("backup", output=folder, verbosity=0)
    return folder


def _people(database_url: str) -> int | None:
    """The accounts in the target database; None when it has no tables (or does not exist)."""
    query = "SELECT count(*) FROM accounts_user"
    if database_url.startswith("sqlite:"):
        path = Path(database_url.removeprefix("sqlite:///"))
        if not path.exists():
            return None
        with closing(sqlite3.connect(path)) as conn:
            try:
                return conn.execute(query).fetchone()[0]
            except sqlite3.OperationalError:
                return None
    with psycopg.connect(database_url) as conn:
        try:
            return conn.execute(query).fetchone()[0]
        except psycopg.errors.UndefinedTable:
            return None


def test_restore_refuses_an_altered_or_missing_file_and_changes_nothing(tmp_path, restore_target):
    folder = _small_site(tmp_path)
    media = tmp_path / "restored-media"
    call_command("restore", folder, check_only=True, verbosity=0)
    (folder / "media" / "documentos" / "acta.txt").write_bytes(b"Acta alterada\n")
    with pytest.raises(CommandError, match=r"media/documentos/acta.txt: altered"):
        call_command("restore", folder, check_only=True)
    with pytest.raises(CommandError, match=r"media/documentos/acta.txt: altered"):
        call_command("restore", folder, database_url=restore_target, media_root=media)
    assert _people(restore_target) is None
    assert not media.exists()

    database = next(folder.glob("database.*"))
    database.unlink()
    with pytest.raises(CommandError, match=rf"{database.name}: missing"):
        call_command("restore", folder, database_url=restore_target, media_root=media)
    assert _people(restore_target) is None
    assert not media.exists()


def test_restore_refuses_a_database_with_tables_unless_told_to_replace_it(tmp_path, restore_target):
    folder = _small_site(tmp_path)
    media = tmp_path / "restored-media"
    call_command("restore", folder, database_url=restore_target, media_root=media, verbosity=0)
    assert _people(restore_target) == 1
    # The site goes on in the restored database; a second restore must not wipe that out.
    User.objects.create_user("despues@example.mx", "clave-segura-123")
    call_command("backup", output=tmp_path / "second", verbosity=0)
    (media / "nuevo.txt").write_bytes(b"escrito despues\n")

    with pytest.raises(CommandError, match="already has tables; nothing was changed"):
        call_command("restore", folder, database_url=restore_target, media_root=tmp_path / "m2")
    call_command("restore", tmp_path / "second", database_url=restore_target, media_root=media,
                 replace=True, verbosity=0)  # fmt: skip
    assert _people(restore_target) == 2
    assert (media / "nuevo.txt").exists() is False
    assert (media / "documentos" / "acta.txt").read_bytes() == b"Acta de la sesion\n"


def test_restore_refuses_a_media_folder_that_holds_files(tmp_path, restore_target):
    folder = _small_site(tmp_path)
    media = tmp_path / "restored-media"
    media.mkdir()
    (media / "ya-estaba.txt").write_bytes(b"\n")
    with pytest.raises(CommandError, match="already holds 1 files; nothing was changed"):
        call_command("restore", folder, database_url=restore_target, media_root=media)
    assert _people(restore_target) is None
    assert [p.name for p in media.iterdir()] == ["ya-estaba.txt"]


def test_restore_fails_when_the_rows_differ_from_the_manifest(tmp_path, restore_target):
    folder = _small_site(tmp_path)
    manifest_path = folder / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["database"]["tables"]["accounts_user"] += 1
    manifest_path.write_text(json.dumps(manifest))
    with pytest.raises(CommandError, match=r"table accounts_user: 1 rows, the manifest says 2"):
        call_command("restore", folder, database_url=restore_target, media_root=tmp_path / "m")


def test_backup_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "old.txt").write_text("")
    with pytest.raises(CommandError, match="is not empty"):
        call_command("backup", output=tmp_path)


def test_media_in_an_s3_bucket_is_backed_up_and_restored_into_another_bucket(
    tmp_path, settings, restore_target, monkeypatch
):
    """The files are read and written through the media storage, so a bucket works as a folder
    does (moto's S3 in this process)."""
    import boto3
    from moto import mock_aws

    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    files = {
        "versiones/pnda-version-1.pdf": b"%PDF-1.7 una version\n",
        "comprobantes/2024/factura.xml": b"<factura/>\n",
    }
    with mock_aws():
        for bucket in ("original", "restaurado"):
            boto3.client("s3").create_bucket(Bucket=bucket)

        def use_bucket(name: str) -> None:
            s3 = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {"bucket_name": name}}
            settings.STORAGES = {**settings.STORAGES, "default": s3}

        use_bucket("original")
        for name, content in files.items():
            default_storage.save(name, ContentFile(content))
        folder = tmp_path / "backup"
        call_command("backup", output=folder, verbosity=0)
        assert (folder / "media" / "comprobantes" / "2024" / "factura.xml").read_bytes() == (
            files["comprobantes/2024/factura.xml"]
        )

        use_bucket("restaurado")
        call_command("restore", folder, database_url=restore_target, verbosity=0)
        assert sorted(storage_files(default_storage)) == sorted(files)
        for name, content in files.items():
            with default_storage.open(name) as restored:
                assert restored.read() == content
