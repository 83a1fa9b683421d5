"""The demo PNDA, loaded by `python manage.py load_demo` after the strategy app's demo.

Publishes the five versions through `drafts.services.version_publish`, as the Technical Group
would, with their historical dates; then records the approval and the adoptions. Idempotent: the
versions are published only into an empty PNDA (no version, empty working copy), and the approval
and adoptions are created only when missing, so a second run writes nothing and never undoes
what staff changed in the admin. It only asks again for the renditions a previous run could not
prepare (a renderer that failed), which leaves the ready ones untouched.
"""

import re
from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from abramos.queue import enqueue_on_commit
from drafts.demo import data
from drafts.models import Adoption, Approval, Rendition, Version, WorkingCopy
from drafts.services import version_publish
from drafts.tasks import render_version

DEMO_DIR = Path(__file__).resolve().parent


def load(command) -> None:
    """Called by `load_demo` (abramos/management/commands/load_demo.py) inside its transaction."""
    DraftsDemo(command).run()


class DraftsDemo:
    def __init__(self, command):
        self.stdout = command.stdout
        self.style = command.style
        self.verbosity = command.verbosity

    def run(self) -> None:
        self.written = 0
        # Fetched afresh: a user's permission cache must not predate the group strategy added.
        self.publisher = get_user_model().objects.get(email=data.PUBLISHER_EMAIL)
        self._publish_versions()
        approved = Version.objects.filter(label=data.APPROVED_LABEL).first()
        if approved is None:
            self._say(self.style.WARNING("PNDA demo: no approved demo version, no approval."))
            return
        self._approval(approved)
        self._adoptions(approved)
        self._say(
            self.style.SUCCESS(
                f"Demo PNDA loaded: {Version.objects.count()} versions, "
                f"{Adoption.objects.count()} adoptions ({self.written} rows written)."
            )
        )

    def _say(self, message: str) -> None:
        if self.verbosity:
            self.stdout.write(message)

    def _publish_versions(self) -> None:
        copy = WorkingCopy.objects.order_by("pk").first() or WorkingCopy()
        if Version.objects.exists() or copy.body.strip():
            self._finish_renditions()
            return  # the PNDA already has a life of its own: never overwrite it
        zone = ZoneInfo(settings.TIME_ZONE)
        last = len(data.VERSIONS) - 1
        for index, (filename, label, day, summary) in enumerate(data.VERSIONS):
            published_at = datetime.combine(day, time(12, 0), tzinfo=zone)
            copy.body = (DEMO_DIR / filename).read_text(encoding="utf-8")
            # The working copy's history shows the text saved shortly before each publication.
            copy._history_date = published_at - timedelta(minutes=30)
            copy._history_user = self.publisher
            copy._change_reason = f"Texto de la versión «{label}»"
            copy.save()
            version_publish(
                actor=self.publisher,
                label=label,
                change_summary=summary,
                status=Version.Status.APPROVED if index == last else Version.Status.CONSULTATION,
                working_copy=copy,
                published_at=published_at,
                is_demo=True,  # the texts were written for the demo (each one says so)
            )
            self.written += 1
        self._publish_trial(copy)

    def _publish_trial(self, copy: WorkingCopy) -> None:
        """The trial draft, published now: the approved text under the note that says what it
        is (the note replaces the approved text's own demo note, the first quote). Published
        from a copy that is never saved: the working copy keeps the approved text."""
        approved = (DEMO_DIR / data.VERSIONS[-1][0]).read_text(encoding="utf-8")
        quote = re.compile(r"^(?:>.*\n)+", re.MULTILINE)
        trial = WorkingCopy(title=copy.title, body=quote.sub(data.TRIAL_NOTE + "\n", approved, 1))
        version_publish(
            actor=self.publisher,
            label=data.TRIAL_LABEL,
            change_summary=data.TRIAL_SUMMARY,
            status=Version.Status.CONSULTATION,
            working_copy=trial,
            is_demo=True,
        )
        self.written += 1

    def _finish_renditions(self) -> None:
        """Render again what a previous run could not (the task leaves ready files alone)."""
        labels = [label for _file, label, _day, _summary in data.VERSIONS] + [data.TRIAL_LABEL]
        unfinished = (
            Rendition.objects.filter(version__label__in=labels)
            .exclude(status=Rendition.Status.READY)
            .values_list("version_id", flat=True)
            .distinct()
        )
        for version_pk in unfinished:
            enqueue_on_commit(render_version, version_pk)

    def _approval(self, version: Version) -> None:
        if Approval.objects.filter(version=version).exists():
            return
        approval = Approval(version=version, **data.APPROVAL)
        approval._history_user = self.publisher
        approval.full_clean()
        approval.save()
        self.written += 1

    def _adoptions(self, version: Version) -> None:
        existing = set(version.adoptions.values_list("institution", flat=True))
        for institution, order, branch, state, adopted_on, status in data.ADOPTIONS:
            if institution in existing:
                continue
            confirmed = status == Adoption.Status.CONFIRMED
            adoption = Adoption(
                version=version,
                institution=institution,
                order=order,
                branch=branch,
                state=state,
                adopted_on=adopted_on,
                status=status,
                reviewed_by=self.publisher if confirmed else None,
                reviewed_at=timezone.now() if confirmed else None,
                is_demo=True,
                **data.ADOPTION_CONTACT,
            )
            adoption._history_user = self.publisher
            adoption.full_clean()
            adoption.save()
            self.written += 1
