from importlib import import_module

from celery import shared_task
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.utils import timezone


@shared_task
def delete_user_sessions(user_pk: int) -> int:
    """Delete the stored sessions of one user. Idempotent; returns how many were deleted.

    Session data is encoded, so the rows are read one by one; that is why this runs in a task.
    Only database-backed engines can be scanned: for the others the sessions are already dead,
    because the password hash they carry no longer matches (see `user_anonymise`).
    """
    store = import_module(settings.SESSION_ENGINE).SessionStore
    if not hasattr(store, "get_model_class"):
        return 0
    model = store.get_model_class()
    wanted = str(user_pk)
    doomed = [
        session.pk
        for session in model.objects.filter(expire_date__gt=timezone.now()).iterator()
        if session.get_decoded().get(SESSION_KEY) == wanted
    ]
    for key in doomed:
        store(key).delete()  # the row, and the cached copy when the engine keeps one
    return len(doomed)


@shared_task
def purge_expired_limits() -> int:
    """Delete the expired counts of the limits on log-ins and forms (abramos/limits.py)."""
    from django.core.cache import caches

    from abramos.limits import ALIAS

    return caches[ALIAS].purge_expired()
