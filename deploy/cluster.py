"""`make cluster`: the production shape on this machine, on loopback.

HAProxy (deploy/haproxy.cfg) in front of two web nodes (gunicorn, each a process group with its
own port), two Celery workers and beat, all on one PostgreSQL database (`<name>_cluster` on the
server DATABASE_URL names), a private redis-server (cache, sessions' copies, broker) and the
media in an S3-compatible bucket (moto's server on loopback; a real bucket in production). The
nodes share nothing else: sessions, CSRF, the page cache and the rate limits work whichever node
answers.

    python -m deploy.cluster          # starts it, loads the demo, serves until Ctrl-C
    python -m deploy.rolling          # restarts it node by node while it serves (deploy/rolling)

What runs where is written to `<work>/cluster.json` (CLUSTER_STATE), which deploy/rolling and
the tests read. The test that drives it is tests/cluster/.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
HOST = "127.0.0.1"
NODES = ("web1", "web2")
WORKERS = ("worker1", "worker2")
BUCKET = "abramos-media"
# moto accepts any key; a real bucket gets its own from MEDIA_BUCKET_* (README, .env.example).
BUCKET_KEYS = {"MEDIA_BUCKET_ACCESS_KEY": "cluster", "MEDIA_BUCKET_SECRET_KEY": "cluster-secret"}
STATE_FILE = "cluster.json"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def wait(condition, seconds: float, step: float = 0.1) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(Exception):  # still starting
            if condition():
                return True
        time.sleep(step)
    return False


def answers(url: str, timeout: float = 2.0) -> bool:
    import urllib.request

    with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - loopback
        return response.status == 200


def database_beside(base: str, suffix: str) -> str:
    """A database of its own on the server `base` names: `abramos` gives `abramos<suffix>`."""
    parts = urlsplit(base)
    name = (parts.path.lstrip("/") or "abramos") + suffix
    return urlunsplit(parts._replace(path=f"/{name}"))


def recreate_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


class Cluster:
    """The processes of the cluster, started and stopped one by one.

    Every process runs in a session of its own, so a web node (gunicorn's master and its
    workers) is stopped, or killed, as one group."""

    def __init__(self, work: Path, state: dict) -> None:
        self.work = work
        self.state = state

    # -- building one ----------------------------------------------------------------------

    @classmethod
    def create(
        cls, work: Path | None = None, database_url: str = "", workers: int = 3, **extra: str
    ) -> Cluster:
        base = database_url or os.environ.get("DATABASE_URL", "")
        if not base.startswith("postgres"):
            sys.exit("the cluster needs DATABASE_URL pointing at a PostgreSQL server")
        missing = [tool for tool in ("haproxy", "redis-server") if not shutil.which(tool)]
        if missing:
            sys.exit(
                f"the cluster needs {' and '.join(missing)} (Debian: apt-get install {' '.join(missing)})"
            )
        work = work or Path(tempfile.mkdtemp(prefix="abramos-cluster-"))
        (work / "logs").mkdir(parents=True, exist_ok=True)
        ports = {name: free_port() for name in ("balancer", "redis", "bucket", *NODES)}
        site = f"http://{HOST}:{ports['balancer']}"
        redis_url = f"redis://{HOST}:{ports['redis']}/0"
        env = {
            "DJANGO_SETTINGS_MODULE": "abramos.settings",
            "DATABASE_URL": database_beside(base, "_cluster"),
            "REDIS_URL": redis_url,
            "CELERY_BROKER_URL": redis_url,
            "CELERY_TASK_ALWAYS_EAGER": "0",
            "CELERY_QUEUE_SUFFIX": "",
            "SECRET_KEY": os.environ.get("SECRET_KEY")
            or "cluster-only-key-never-used-by-a-real-site-0123456789abcdefghijklmnop",
            "DEBUG": "0",
            "ALLOWED_HOSTS": HOST,
            "SITE_ROOT": site,
            "CSRF_TRUSTED_ORIGINS": site,
            "TRUSTED_PROXY_COUNT": "1",
            "MEDIA_BUCKET": BUCKET,
            "MEDIA_BUCKET_ENDPOINT": f"http://{HOST}:{ports['bucket']}",
            "MEDIA_BUCKET_REGION": "us-east-1",
            **BUCKET_KEYS,
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(work / "mail"),
            "LOG_LEVEL": "WARNING",
            "WEB_CONCURRENCY": str(workers),
            **extra,
        }
        state = {
            "work": str(work),
            "site": site,
            "ports": ports,
            "env": env,
            "socket": str(work / "haproxy.sock"),
            "processes": {},
        }
        return cls(work, state)

    @classmethod
    def load(cls, path: Path) -> Cluster:
        state = json.loads(path.read_text())
        return cls(Path(state["work"]), state)

    @property
    def env(self) -> dict[str, str]:
        return {**os.environ, **self.state["env"]}

    @property
    def site(self) -> str:
        return self.state["site"]

    def node_url(self, node: str) -> str:
        return f"http://{HOST}:{self.state['ports'][node]}"

    def save(self) -> None:
        (self.work / STATE_FILE).write_text(json.dumps(self.state, indent=2))

    def manage(self, *args: str, **kwargs) -> subprocess.CompletedProcess:
        return subprocess.run(
            [PYTHON, "manage.py", *args], cwd=ROOT, env=self.env, check=True, **kwargs
        )

    # -- processes -------------------------------------------------------------------------

    def _command(self, name: str) -> list[str]:
        ports = self.state["ports"]
        if name in NODES:
            return [
                PYTHON, "-m", "gunicorn", "abramos.wsgi", "--bind", f"{HOST}:{ports[name]}",
                "--workers", self.state["env"]["WEB_CONCURRENCY"], "--timeout", "60",
                "--graceful-timeout", "30", "--error-logfile", "-",
            ]  # fmt: skip
        if name in WORKERS:
            return [
                PYTHON, "-m", "celery", "-A", "abramos", "worker", "--pool=solo",
                "-Q", "default,mail,render", "-n", f"{name}@%h", "--loglevel=WARNING",
                "--without-gossip", "--without-mingle",
            ]  # fmt: skip
        if name == "beat":
            schedule = self.work / "celerybeat-schedule"
            return [PYTHON, "-m", "celery", "-A", "abramos", "beat", "-s", str(schedule),
                    "--loglevel=WARNING"]  # fmt: skip
        if name == "redis":
            return ["redis-server", "--port", str(ports["redis"]), "--bind", HOST, "--save", "",
                    "--appendonly", "no"]  # fmt: skip
        if name == "bucket":
            return [PYTHON, "-m", "moto.server", "-H", HOST, "-p", str(ports["bucket"])]
        if name == "balancer":
            return ["haproxy", "-f", str(ROOT / "deploy" / "haproxy.cfg")]
        raise ValueError(name)

    def _balancer_env(self) -> dict[str, str]:
        ports = self.state["ports"]
        return {
            **os.environ,
            "ABRAMOS_BIND": f"{HOST}:{ports['balancer']}",
            "ABRAMOS_HOST": HOST,
            "ABRAMOS_WEB1": f"{HOST}:{ports['web1']}",
            "ABRAMOS_WEB2": f"{HOST}:{ports['web2']}",
            "ABRAMOS_NODE_MAXCONN": self.state["env"]["WEB_CONCURRENCY"],
            "HAPROXY_SOCKET": self.state["socket"],
        }

    def start(self, name: str) -> int:
        log = open(self.work / "logs" / f"{name}.log", "a")  # noqa: SIM115 - the child keeps it
        env = self._balancer_env() if name == "balancer" else self.env
        if name in NODES:
            # A node is a machine of its own: its gunicorn workers add up their metrics in a
            # folder of its own (README, "Metrics and logs"), emptied at each start.
            metrics = self.work / f"metrics-{name}"
            shutil.rmtree(metrics, ignore_errors=True)
            metrics.mkdir()
            env = {**env, "PROMETHEUS_MULTIPROC_DIR": str(metrics)}
        process = subprocess.Popen(
            self._command(name), cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        log.close()
        self.state["processes"][name] = process.pid
        self.save()
        return process.pid

    def running(self, name: str) -> bool:
        pid = self.state["processes"].get(name)
        if not pid:
            return False
        with contextlib.suppress(ChildProcessError):
            if os.waitpid(pid, os.WNOHANG) != (0, 0):
                return False  # our child, and it has ended
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        # Ended but not yet reaped by the process that started it (another `deploy/rolling`).
        with contextlib.suppress(OSError):
            return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
        return True

    def stop(self, name: str, sig: int = signal.SIGTERM, seconds: float = 40.0) -> bool:
        """Signal the process group; True once it has ended (a warm shutdown, with SIGTERM:
        gunicorn finishes its requests, a Celery worker its task)."""
        pid = self.state["processes"].get(name)
        if not pid:
            return True
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, sig)
        ended = wait(lambda: not self.running(name), seconds)
        if not ended:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGKILL)
            wait(lambda: not self.running(name), 5)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, signal.SIGKILL)  # what is left of the group (a gunicorn worker)
        return ended

    def kill(self, name: str) -> None:
        """As when the machine dies: every process of the node at once, nothing finished."""
        self.stop(name, signal.SIGKILL, seconds=5)

    def node_ready(self, node: str) -> bool:
        return answers(self.node_url(node) + "/salud/nodo/")

    # -- the balancer's runtime API --------------------------------------------------------

    def balancer(self, command: str) -> str:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(5)
            sock.connect(self.state["socket"])
            sock.sendall(command.encode() + b"\n")
            chunks = []
            while chunk := sock.recv(65536):
                chunks.append(chunk)
        return b"".join(chunks).decode()

    def servers(self) -> dict[str, dict[str, str]]:
        """The balancer's view of each node: status (UP, DOWN, DRAIN, MAINT), current sessions,
        requests queued and requests it was sent in all (`show stat`)."""
        lines = self.balancer("show stat").splitlines()
        header = lines[0].lstrip("# ").split(",")
        result = {}
        for line in lines[1:]:
            row = dict(zip(header, line.split(","), strict=False))
            if row.get("pxname") == "nodes" and row.get("svname") in NODES:
                result[row["svname"]] = row
        return result

    def balancer_sees(self, node: str, status: str, seconds: float = 20.0) -> bool:
        return wait(lambda: self.servers()[node]["status"].startswith(status), seconds)

    # -- the whole ---------------------------------------------------------------------------

    def up(self, *, demo: bool = True) -> Cluster:
        recreate_database(self.state["env"]["DATABASE_URL"])
        self.start("redis")
        self.start("bucket")
        if not wait(lambda: answers(self.state["env"]["MEDIA_BUCKET_ENDPOINT"] + "/"), 60):
            raise RuntimeError("the S3-compatible server did not start")
        self._create_bucket()
        self.manage("migrate", "--noinput", "-v0")
        self.manage("collectstatic", "--noinput", "-v0")
        if demo:
            # With DEBUG off the demo staff get random passwords, printed once: kept in the log.
            with open(self.work / "logs" / "load_demo.log", "w") as out:
                self.manage("load_demo", "--allow-demo-with-debug-off", stdout=out)
        for name in (*NODES, *WORKERS, "beat"):
            self.start(name)
        for node in NODES:
            if not wait(lambda node=node: self.node_ready(node), 60):
                raise RuntimeError(f"{node} did not start: see {self.work}/logs/{node}.log")
        self.start("balancer")
        if not wait(lambda: answers(self.site + "/salud/"), 30):
            raise RuntimeError(f"the balancer did not answer: see {self.work}/logs/balancer.log")
        for node in NODES:
            self.balancer_sees(node, "UP")
        return self

    def _create_bucket(self) -> None:
        import boto3

        env = self.state["env"]
        boto3.client(
            "s3",
            endpoint_url=env["MEDIA_BUCKET_ENDPOINT"],
            region_name=env["MEDIA_BUCKET_REGION"],
            aws_access_key_id=env["MEDIA_BUCKET_ACCESS_KEY"],
            aws_secret_access_key=env["MEDIA_BUCKET_SECRET_KEY"],
        ).create_bucket(Bucket=BUCKET)

    def down(self) -> None:
        for name in ("balancer", "beat", *WORKERS, *NODES, "bucket", "redis"):
            self.stop(name, seconds=20)


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def main() -> int:
    # Stopped by Ctrl-C or by a SIGTERM (a service manager, `timeout`): the processes, each in a
    # session of its own, are stopped too.
    signal.signal(signal.SIGTERM, _interrupt)
    cluster = Cluster.create().up(demo=True)
    print(f"The cluster answers on {cluster.site}/ (two web nodes behind HAProxy).")
    print(f"State: {cluster.work / STATE_FILE}; logs in {cluster.work / 'logs'}; the demo staff's")
    print(f"passwords in {cluster.work / 'logs' / 'load_demo.log'}.")
    print(f"Restart it node by node: deploy/rolling {cluster.work / STATE_FILE}. Ctrl-C stops it.")
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        cluster.down()
    return 0


if __name__ == "__main__":
    sys.exit(main())
