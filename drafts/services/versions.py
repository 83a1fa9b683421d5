"""Writes on the PNDA: publishing the working copy as a version, recording renditions."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from abramos.queue import enqueue_on_commit
from drafts.models import Rendition, Section, Version, WorkingCopy
from drafts.publishing import on_publish_hooks, publish_steps
from drafts.sections import split_sections

PUBLISH_PERMISSION = "drafts.publish_version"


@transaction.atomic
def version_publish(
    *,
    actor,
    label: str,
    change_summary: str = "",
    status: str = Version.Status.CONSULTATION,
    working_copy: WorkingCopy | None = None,
    published_at: datetime | None = None,
    is_demo: bool = False,
    steps_data: Mapping[str, Any] | None = None,
) -> Version:
    """Publish the working copy as the next numbered version, whole or not at all.

    Splits the text into sections, supersedes the versions that were in consultation (and the
    previous approved one, when this one is approved), creates the renditions to be prepared and
    starts rendering them once the transaction commits. `published_at` defaults to now; the
    demo content passes the historical dates of the drafts, and `is_demo` (abramos/demo.py).
    With `steps_data` (the publish form's data), the steps other apps registered run inside
    the same transaction (drafts/publishing.py): the consultation window opens with it.
    """
    from drafts.tasks import render_version

    if not actor.has_perm(PUBLISH_PERMISSION):
        raise PermissionDenied(_("Only the Technical Group may publish versions of the PNDA."))
    copy = working_copy or WorkingCopy.current()
    label = (label or "").strip()
    if not label:
        raise ValidationError({"label": _("Give the version a label, e.g. “Segundo borrador”.")})
    parsed = split_sections(copy.body, title=copy.title)

    last = Version.objects.select_for_update().order_by("-number").first()
    version = Version(
        number=(last.number + 1) if last else 1,
        label=label,
        title=copy.title,
        published_at=published_at or timezone.now(),
        published_by=actor,
        change_summary=change_summary.strip(),
        status=status,
        body=copy.body,
        is_demo=is_demo,
    )
    version.full_clean()
    version.save()
    for item in parsed:
        Section(
            version=version,
            order=item.order,
            level=item.level,
            heading=item.heading[:300],
            path=item.path[:1000],
            anchor=item.anchor,
            body=item.body,
        ).save()

    superseded = [Version.Status.CONSULTATION]
    if status == Version.Status.APPROVED:
        superseded.append(Version.Status.APPROVED)
    Version.objects.filter(status__in=superseded).exclude(pk=version.pk).update(
        status=Version.Status.SUPERSEDED
    )
    for fmt in Rendition.Format.values:
        Rendition.objects.create(version=version, format=fmt)
    if steps_data is not None:
        for step in publish_steps():
            step.run(version=version, data=steps_data, actor=actor)
    for hook in on_publish_hooks():
        hook(version)
    enqueue_on_commit(render_version, version.pk)
    return version


@transaction.atomic
def rendition_store(*, rendition: Rendition, content: bytes) -> Rendition:
    """Store a rendered file with its size and SHA-256 and mark the rendition ready."""
    rendition.sha256 = hashlib.sha256(content).hexdigest()
    rendition.size = len(content)
    if rendition.file:
        rendition.file.delete(save=False)
    rendition.file.save(rendition.filename, ContentFile(content), save=False)
    rendition.status = Rendition.Status.READY
    rendition.error = ""
    rendition.rendered_at = timezone.now()
    rendition.save()
    return rendition


def rendition_fail(*, rendition: Rendition, error: Exception, final: bool) -> Rendition:
    """Record a failed attempt; after the last retry the rendition shows as failed to staff."""
    rendition.error = f"{error.__class__.__name__}: {error}"[:4000]
    if final:
        rendition.status = Rendition.Status.FAILED
    rendition.save(update_fields=["error", "status", "attempts"])
    return rendition


def sha256_of_upload(upload) -> str:
    """SHA-256 of an uploaded file, read in chunks (constant memory)."""
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    return digest.hexdigest()
