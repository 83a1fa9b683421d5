"""gunicorn's settings beyond the Procfile's flags: gunicorn reads ./gunicorn.conf.py by itself.

- Its log lines, the access log too, are JSON like the portal's (abramos/logs.py): an access line
  carries the request's id (the response's X-Request-ID), so it can be found beside the lines
  the request wrote. `LOG_FORMAT=text` (or DEBUG on, as settings reads it) keeps gunicorn's own.
- With PROMETHEUS_MULTIPROC_DIR set, every worker keeps its metrics in that folder and
  /metricas/ adds them up (abramos/metrics.py): files left by processes of an earlier run are
  removed at start (their counts restart, which Prometheus expects), and a worker that exits is
  marked dead. Without it, nothing here touches metrics.
"""

import glob
import os

from gunicorn import glogging

_DEBUG = os.environ.get("DEBUG", "").strip().lower() in ("1", "true", "yes", "on")
_JSON = os.environ.get("LOG_FORMAT", "text" if _DEBUG else "json") == "json"


class JsonLogger(glogging.Logger):
    """gunicorn's error log and access log through abramos.logs.JsonFormatter."""

    def setup(self, cfg):
        super().setup(cfg)
        from abramos.logs import JsonFormatter

        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                handler.setFormatter(JsonFormatter())

    def access(self, resp, req, environ, request_time):
        if not self.access_log_enabled:
            return
        try:
            atoms = self.atoms(resp, req, environ, request_time)
            status = str(atoms["s"])
            fields = {
                "method": atoms["m"],
                "path": atoms["U"],
                "query": atoms["q"] or "",
                "status": int(status) if status.isdigit() else status,
                "bytes": atoms["B"],
                "duration_ms": round(atoms["D"] / 1000, 1),
                "remote": atoms["h"],
                "forwarded_for": atoms.get("{x-forwarded-for}i", ""),
                "referer": atoms["f"],
                "user_agent": atoms["a"],
            }
            self.access_log.info(
                "%s %s %s",
                fields["method"],
                fields["path"],
                status,
                extra={"request_id": atoms.get("{x-request-id}o", ""), "fields": fields},
            )
        except Exception:  # as gunicorn's own: a log line never fails a response
            self.exception("could not write the access log")


if _JSON:
    logger_class = JsonLogger


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def on_starting(server):
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if not folder:
        return
    os.makedirs(folder, exist_ok=True)
    # prometheus_client names them <kind>_<pid>.db; a Celery worker sharing the folder keeps its.
    for path in glob.glob(os.path.join(folder, "*.db")):
        pid = os.path.basename(path)[: -len(".db")].rpartition("_")[2]
        if pid.isdigit() and not _running(int(pid)):
            os.remove(path)


def child_exit(server, worker):
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)


def post_worker_init(worker):
    """The application is loaded (Django set up, every module imported) and lives as long as the
    worker: the garbage collector stops going through it (gc.freeze) and starts a collection
    every 10,000 new objects instead of 700. Under the soak's load the collector took 5% of a
    worker's CPU, about 1% after (bench/RESULTS.md)."""
    import gc

    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)
