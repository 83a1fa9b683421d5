from datetime import timedelta

from celery import shared_task
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from drafts import renditions
from drafts.models import Rendition
from drafts.services import rendition_fail, rendition_store

# A PDF of the longest policy takes seconds: past the soft limit the attempt is recorded as
# failed and retried, past the hard one the pool process is replaced.
RENDER_SOFT_SECONDS, RENDER_HARD_SECONDS = 240, 300


# Tries of one rendition in all, the task's own retries and the sweeps' together. Each is counted
# before rendering, so one killed by the hard time limit (or with its worker) counts too.
MAX_ATTEMPTS = 6


@shared_task
def render_pending(older_than_seconds: int = 600) -> int:
    """Start again the renditions left pending: the broker was down at publication, or the worker
    rendering one was killed (its message stays unacknowledged in Redis for the visibility
    timeout, an hour). Celery beat runs it every minute for what was last handed out more than
    ten minutes ago, and every worker as it starts for everything pending (drafts/apps.py). A
    rendition being rendered right now holds its row lock and is skipped; one started twice is
    still made once (render_rendition)."""
    now = timezone.now()
    stale = now - timedelta(seconds=older_than_seconds)
    with transaction.atomic():
        pks = list(
            Rendition.objects.filter(status=Rendition.Status.PENDING)
            .filter(
                Q(queued_at__lte=stale)
                | Q(queued_at__isnull=True, version__published_at__lte=stale)
            )
            .select_for_update(skip_locked=True, of=("self",))
            .values_list("pk", flat=True)[:200]
        )
        Rendition.objects.filter(pk__in=pks).update(queued_at=now)
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


@shared_task(
    bind=True,
    max_retries=3,
    default_retry_delay=30,
    soft_time_limit=RENDER_SOFT_SECONDS,
    time_limit=RENDER_HARD_SECONDS,
)
def render_rendition(self, rendition_pk: int) -> bool:
    """Render one format of a version. Idempotent: a ready rendition is left as it is."""
    Rendition.objects.filter(pk=rendition_pk, status=Rendition.Status.PENDING).update(
        attempts=F("attempts") + 1
    )
    with transaction.atomic():
        rendition = (
            Rendition.objects.select_for_update()
            .select_related("version")
            .filter(pk=rendition_pk)
            .first()
        )
        if rendition is None or rendition.status != Rendition.Status.PENDING:
            return False
        if rendition.attempts > MAX_ATTEMPTS:
            error = RuntimeError(f"no rendering finished in {MAX_ATTEMPTS} attempts")
            rendition_fail(rendition=rendition, error=error, final=True)
            return False
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
