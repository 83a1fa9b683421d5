from datetime import timedelta

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from drafts import renditions
from drafts.models import Rendition
from drafts.services import rendition_fail, rendition_store


@shared_task
def render_pending() -> int:
    """Celery beat: start renditions left pending (broker down at publication, worker lost)."""
    stale = timezone.now() - timedelta(minutes=10)
    pks = list(
        Rendition.objects.filter(
            status=Rendition.Status.PENDING, version__published_at__lt=stale
        ).values_list("pk", flat=True)[:200]
    )
    for pk in pks:
        render_rendition.delay(pk)
    return len(pks)


@shared_task
def render_version(version_pk: int) -> int:
    """Start rendering every rendition of a version that is not ready yet."""
    pks = list(
        Rendition.objects.filter(version_id=version_pk)
        .exclude(status=Rendition.Status.READY)
        .values_list("pk", flat=True)
    )
    for pk in pks:
        render_rendition.delay(pk)
    return len(pks)


@shared_task(bind=True, max_retries=3, default_retry_delay=30)
def render_rendition(self, rendition_pk: int) -> bool:
    """Render one format of a version. Idempotent: a ready rendition is left as it is."""
    with transaction.atomic():
        rendition = (
            Rendition.objects.select_for_update()
            .select_related("version")
            .filter(pk=rendition_pk)
            .first()
        )
        if rendition is None or rendition.is_ready:
            return False
        rendition.attempts += 1
        try:
            content = renditions.render(rendition.version, rendition.format)
        except Exception as exc:  # any renderer failure is recorded, then retried
            final = self.request.retries >= self.max_retries
            rendition_fail(rendition=rendition, error=exc, final=final)
            error = exc
        else:
            rendition_store(rendition=rendition, content=content)
            return True
    if final:
        return False
    raise self.retry(exc=error)
