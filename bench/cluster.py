"""`make bench-cluster`: the cluster's figures (deploy/cluster.py), for bench/RESULTS.md.

Throughput through HAProxy of the version page, anonymous and signed in, with one web node (the
other in maintenance) and with two; then a node killed under the soak's load, and a rolling
restart under it, counted. On a two-core machine two nodes cannot add CPU: the point is that
nothing breaks and the numbers are known.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/abramos python -m bench.cluster

Needs PostgreSQL, redis-server, haproxy and wrk. Prints a summary and one JSON line.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from deploy.cluster import ROOT, Cluster
from deploy.rolling import roll
from tests import soak

SEED = (
    "import json, django; django.setup(); from tests.soak import _seed; print(json.dumps(_seed()))"
)
DURATION = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = 8


def _say(message: str) -> None:
    print(f"[bench-cluster] {message}", flush=True)


def _wrk(url: str, cookie: str = "") -> dict:
    env = dict(os.environ)
    if cookie:
        cookies = Path(tempfile.mkstemp(prefix="abramos-cookies-")[1])
        cookies.write_text(cookie + "\n")
        env["BENCH_COOKIES"] = str(cookies)
    command = [
        "wrk", "-t1", f"-c{CONNECTIONS}", f"-d{DURATION}s", "--timeout", "10s",
        "-s", str(ROOT / "bench" / "wrk" / "report.lua"), url,
    ]  # fmt: skip
    out = subprocess.run(  # noqa: S603 - wrk, with the arguments above
        command, capture_output=True, text=True, env=env, check=True
    ).stdout
    line = next(line for line in out.splitlines() if line.startswith("BENCH "))
    return json.loads(line.removeprefix("BENCH "))


def _throughput(cluster: Cluster, info: dict, nodes: int) -> dict:
    cluster.balancer(f"set server nodes/web2 state {'ready' if nodes == 2 else 'maint'}")
    if nodes == 2:
        cluster.balancer_sees("web2", "UP")
    url = cluster.site + info["page"]
    cookie = f"sessionid={info['sessions'][0]}"
    _wrk(url)  # warm both nodes' workers and the caches
    figures = {"anonymous": _wrk(url), "signed_in": _wrk(url, cookie)}
    return {
        kind: {"rps": round(f["requests"] / f["seconds"], 1), "p50_ms": f["p50_ms"], "p95_ms": f["p95_ms"],
               "errors": f["errors"]}
        for kind, f in figures.items()
    }  # fmt: skip


def _failover(cluster: Cluster, info: dict) -> dict:
    database = cluster.state["env"]["DATABASE_URL"]
    load = soak.Load(cluster.site, info, seconds=15)
    time.sleep(5)
    killed = time.monotonic()
    cluster.kill("web1")
    cluster.balancer_sees("web1", "DOWN", 10)
    noticed = time.monotonic() - killed
    results = load.finish()
    accepted, once, twice = soak.stored_once(database, results)
    print("  failover errors:", results.errors[:5], flush=True)
    cluster.start("web1")
    cluster.balancer_sees("web1", "UP", 30)
    return {
        "requests": len(results.latencies["read"]) + len(results.latencies["post"]),
        "failed": len(results.errors),
        "marked_down_after_s": round(noticed, 2),
        "comments_accepted": accepted,
        "stored_once": once,
        "stored_twice": twice,
    }


def _rolling(cluster: Cluster, info: dict) -> dict:
    database = cluster.state["env"]["DATABASE_URL"]
    load = soak.Load(cluster.site, info, seconds=30)
    time.sleep(2)
    started = time.monotonic()
    roll(cluster)
    took = time.monotonic() - started
    results = load.finish()
    accepted, once, twice = soak.stored_once(database, results)
    print("  rolling errors:", results.errors[:5], flush=True)
    return {
        "seconds": round(took, 1),
        "requests": len(results.latencies["read"]) + len(results.latencies["post"]),
        "failed": len(results.errors),
        "comments_accepted": accepted,
        "stored_once": once,
        "stored_twice": twice,
    }


def main() -> int:
    cluster = Cluster.create(CONSULTATION_RATE_COUNT="1000000")
    try:
        _say("starting HAProxy, two web nodes, two workers and beat")
        cluster.up(demo=False)
        info = soak.seed_in(cluster.env, 50)
        summary = {
            "name": "cluster",
            "web_workers_per_node": int(cluster.state["env"]["WEB_CONCURRENCY"]),
        }
        for nodes in (1, 2):
            _say(
                f"version page through the balancer, {nodes} node(s), wrk {CONNECTIONS} connections"
            )
            summary[f"nodes_{nodes}"] = _throughput(cluster, info, nodes)
        _say("a node killed under the soak's load")
        summary["failover"] = _failover(cluster, info)
        _say("a rolling restart under the soak's load")
        summary["rolling"] = _rolling(cluster, info)
    finally:
        cluster.down()
    for nodes in (1, 2):
        for kind, f in summary[f"nodes_{nodes}"].items():
            print(f"  {nodes} node(s), {kind:9}: {f['rps']:8.1f} req/s, p50 {f['p50_ms']} ms, "
                  f"p95 {f['p95_ms']} ms, {f['errors']} errors")  # fmt: skip
    print(f"  failover: {summary['failover']}")
    print(f"  rolling:  {summary['rolling']}")
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
