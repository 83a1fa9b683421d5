"""abramos/wsgi.py: a worker freezes its long-lived objects once, when warm."""

import gc

from django.core.signals import request_finished

from abramos import wsgi


def test_the_worker_freezes_what_it_holds_once_after_its_warm_up(monkeypatch):
    frozen = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(wsgi._served))
    monkeypatch.setattr(gc, "collect", lambda *args: 0)
    monkeypatch.setattr(wsgi, "_served", 0)
    request_finished.connect(wsgi._freeze_when_warm, dispatch_uid="abramos.wsgi.freeze")
    try:
        for _ in range(wsgi.WARM_UP_REQUESTS + 30):
            request_finished.send(sender=None)
    finally:
        request_finished.disconnect(dispatch_uid="abramos.wsgi.freeze")
    assert frozen == [wsgi.WARM_UP_REQUESTS]  # once, at the end of the warm-up, never again
    assert wsgi._served == wsgi.WARM_UP_REQUESTS  # and it stops counting
