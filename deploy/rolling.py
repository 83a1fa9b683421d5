"""`deploy/rolling`: a release without a failed request, one node at a time.

For each web node: the balancer stops sending it new requests (maintenance), the node finishes the
ones it has, stops (gunicorn's graceful shutdown), starts again on the new code, answers its
check, and the balancer sends it requests again; only then the next node. Then each Celery
worker gets a warm shutdown (its task finishes; tasks are acknowledged late, so none is lost)
and starts again, and beat last.

Run the release's migrations before (`manage.py migrate`): the code still running must work
with them, so a release's migrations only add (README, "Releases"; `manage.py
check_migrations` holds it).

    deploy/rolling <cluster.json>     # the state `deploy/cluster.py` wrote

On this machine the nodes are processes of `deploy/cluster.py`; in production the stop and start
of a node are its service manager's (systemd), and the balancer steps are the same.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from deploy.cluster import NODES, WORKERS, Cluster, wait


def _say(what: str) -> None:
    print(f"[rolling {time.strftime('%H:%M:%S')}] {what}", flush=True)


def restart_node(cluster: Cluster, node: str) -> None:
    # Maintenance, not drain: the requests the node has go on to their end, and when it comes
    # back its checks bring it UP, which hands it the requests waiting in the balancer's queue.
    # Back from `drain` it took none of them: the waiting requests stayed queued behind the
    # other node, drained in its turn, for the queue's 30 s (they answered 503).
    cluster.balancer(f"set server nodes/{node} state maint")
    # Nothing in flight on the node, and nothing waiting for it in the balancer's queue.
    if not wait(
        lambda: cluster.servers()[node]["scur"] == "0" and cluster.servers()[node]["qcur"] == "0",
        60,
        0.05,
    ):
        raise RuntimeError(f"{node} still had requests after 60 s")
    _say(f"{node} out of the balancer, nothing in hand")
    if not cluster.stop(node):
        raise RuntimeError(f"{node} did not stop within its graceful timeout")
    cluster.start(node)
    if not wait(lambda: cluster.node_ready(node), 60):
        raise RuntimeError(f"{node} did not start again")
    cluster.balancer(f"set server nodes/{node} state ready")
    if not cluster.balancer_sees(node, "UP", 30):
        raise RuntimeError(f"the balancer did not take {node} back")
    _say(f"{node} serves again")


def restart_worker(cluster: Cluster, name: str) -> None:
    if not cluster.stop(name, seconds=300):  # a PDF rendering may take minutes
        raise RuntimeError(f"{name} did not finish its task")
    cluster.start(name)
    _say(f"{name} started again")


def roll(cluster: Cluster) -> None:
    for node in NODES:
        restart_node(cluster, node)
    for worker in WORKERS:
        restart_worker(cluster, worker)
    restart_worker(cluster, "beat")


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    roll(Cluster.load(Path(argv[0])))
    _say("done")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
