"""A Celery worker for the fault tests, with one fault switched on by the environment.

`python -m tests.faults.worker -A abramos worker ...` runs the real worker (the project's tasks,
settings and Celery configuration) after wrapping one slow step, so a test can kill the process
in the middle of it: `FAULTS_PAUSE=mail` pauses inside the e-mail backend before anything is
written, `FAULTS_PAUSE=pdf` inside the PDF renderer. The first process to get there writes its pid
to `FAULTS_MARKER` and sleeps; later runs (the task delivered again) go straight through. Nothing
here is in the production code.
"""

import os
import sys
import time
from pathlib import Path


def _pause_once() -> None:
    marker = Path(os.environ["FAULTS_MARKER"])
    try:
        with marker.open("x") as handle:  # exclusive: only the first run pauses
            handle.write(str(os.getpid()))
    except FileExistsError:
        return
    time.sleep(float(os.environ.get("FAULTS_PAUSE_SECONDS", "60")))


def _install_fault(kind: str) -> None:
    if kind == "mail":
        from django.core.mail.backends import filebased

        send = filebased.EmailBackend.send_messages

        def slow_send(self, messages):
            _pause_once()
            return send(self, messages)

        filebased.EmailBackend.send_messages = slow_send
    elif kind == "pdf":
        from drafts import renditions

        render = renditions.render

        def slow_render(version, fmt):
            if fmt == "pdf":
                _pause_once()
            return render(version, fmt)

        renditions.render = slow_render
    elif kind:
        raise SystemExit(f"unknown FAULTS_PAUSE {kind!r}")


def _fast_redelivery() -> None:
    """Look for abandoned messages every second instead of every 100 (kombu's default sweep); the
    visibility timeout itself comes from the project's CELERY_VISIBILITY_TIMEOUT."""
    from abramos.celery import app

    options = dict(app.conf.broker_transport_options or {})
    options.update(unacked_restore_interval=1, unacked_restore_throttle=1)
    app.conf.broker_transport_options = options


if __name__ == "__main__":
    import django

    django.setup()
    _install_fault(os.environ.get("FAULTS_PAUSE", ""))
    _fast_redelivery()
    from celery.__main__ import main

    sys.argv = ["celery", *sys.argv[1:]]
    sys.exit(main())
