"""abramos/wsgi.py: a worker freezes its long-lived objects once, when warm."""

import gc

from django.dispatch import Signal

from abramos import wsgi


def test_the_worker_freezes_what_it_holds_once_after_its_warm_up(monkeypatch):
    frozen = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(wsgi._served))
    monkeypatch.setattr(gc, "collect", lambda *args: 0)
    monkeypatch.setattr(wsgi, "_served", 0)
    # A private signal: sending the global request_finished would run its other receivers
    # (close_old_connections touches the database, which this test has no access to).
    finished = Signal()
    finished.connect(wsgi._freeze_when_warm, dispatch_uid=wsgi._UID)
    for _ in range(wsgi.WARM_UP_REQUESTS + 30):
        finished.send(sender=None)
    assert frozen == [wsgi.WARM_UP_REQUESTS]  # once, at the end of the warm-up, never again
    assert wsgi._served == wsgi.WARM_UP_REQUESTS  # and it stops counting
