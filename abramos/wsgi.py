"""The WSGI application, as gunicorn runs it (Procfile).

Python's cyclic garbage collector, in its full collections, walks every object a process holds:
in a worker that has served a few requests some 160,000 of them (Django, the apps, compiled
templates, translation catalogues), about 70 ms of a request's time every few dozen requests
(bench/RESULTS.md). Once the worker is warm, `gc.freeze()` moves what is there by then, which
lives as long as the process, out of the collector's sight; what requests create is still
collected as before.
"""

import gc
import os

from django.core.signals import request_finished
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "abramos.settings")
application = get_wsgi_application()

WARM_UP_REQUESTS = 20  # by then the templates and catalogues a worker uses are loaded
_served = 0
_UID = "abramos.wsgi.freeze"


def _freeze_when_warm(signal, **kwargs) -> None:
    global _served
    _served += 1
    if _served == WARM_UP_REQUESTS:
        gc.collect()
        gc.freeze()
        # The signal that called (request_finished in a worker; a private one in its test).
        signal.disconnect(dispatch_uid=_UID)


gc.freeze()  # what the imports made
request_finished.connect(_freeze_when_warm, dispatch_uid=_UID)
