"""The production shape on loopback (deploy/cluster.py): HAProxy, two web nodes, two Celery
workers and beat, PostgreSQL, a private Redis and an S3-compatible bucket (moto).

What must hold whichever node answers: a person signs up on one node and comments through the
other; an anonymous reader of the other node sees a new comment within a second; a file uploaded
through one node downloads through the other; killing a node under load loses no accepted
comment and its traffic moves; a rolling restart under load fails no request.

The tests share one cluster (about 20 s to start) and run in this file's order.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
import uuid
from email import message_from_bytes

import psycopg
import pytest
import requests

from conftest import require_service
from deploy.cluster import PYTHON, ROOT, Cluster
from deploy.rolling import roll
from tests import soak

pytestmark = pytest.mark.services

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PEOPLE = 12
# The soak's seed, run in the cluster's environment: a published version with an open
# consultation and PEOPLE signed-in sessions, printed as JSON.
SEED = (
    "import json, django; django.setup(); from tests.soak import _seed; print(json.dumps(_seed()))"
)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    url = os.environ.get("DATABASE_URL", "")
    require_service(url.startswith("postgres"), "the cluster test needs PostgreSQL (DATABASE_URL)")
    require_service(
        bool(shutil.which("haproxy")), "the cluster test needs haproxy (apt-get install haproxy)"
    )
    require_service(bool(shutil.which("redis-server")), "the cluster test needs redis-server")
    # The load's people comment far faster than a person may (CONSULTATION_RATE_*), as in soak.py.
    cluster = Cluster.create(
        tmp_path_factory.mktemp("cluster"), url, CONSULTATION_RATE_COUNT="100000"
    )
    try:
        cluster.up(demo=False)
        yield cluster
    finally:
        if os.environ.get("KEEP_CLUSTER_LOGS"):
            print("cluster logs in", cluster.work)
        cluster.down()


@pytest.fixture(scope="module")
def seeded(cluster):
    """The soak's seed in the cluster: a published version with an open consultation and
    PEOPLE signed-in sessions."""
    return soak.seed_in(cluster.env, PEOPLE)


def _database(cluster):
    return psycopg.connect(cluster.state["env"]["DATABASE_URL"], autocommit=True)


def _session(key: str) -> requests.Session:
    session = requests.Session()
    session.cookies.set("sessionid", key, domain="127.0.0.1")
    return session


def _csrf(session: requests.Session, url: str) -> str:
    response = session.get(url, timeout=10)
    assert response.status_code == 200, (url, response.status_code)
    return CSRF.search(response.text).group(1)


def _comment(session, base: str, info: dict, body: str, section: int = 0):
    """A comment on a section: the version page shows a section's first three (PER_SECTION)."""
    data = {
        "csrfmiddlewaretoken": _csrf(session, base + info["page"]),
        "section": info["anchors"][section],
        "body": body,
        "client_token": uuid.uuid4().hex,
    }
    return session.post(
        f"{base}/consulta/comentar/{info['number']}/", data=data, allow_redirects=False,
        headers={"Referer": base + info["page"]}, timeout=10,
    )  # fmt: skip


def _confirmation_link(cluster, email: str, seconds: float = 30) -> str:
    """The path of the link in the message to `email`, once a worker has written it out."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for path in (cluster.work / "mail").glob("*.log"):
            for raw in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
                message = message_from_bytes(raw.strip())
                if email not in str(message["To"]):
                    continue
                for part in message.walk():
                    if part.get_content_type() == "text/plain":
                        text = part.get_payload(decode=True).decode(part.get_content_charset())
                        found = re.search(r"https?://[^/\s]+(/cuenta/confirm-email/[-:\w]+/)", text)
                        if found:
                            return found.group(1)
        time.sleep(0.2)
    raise AssertionError(f"no confirmation message to {email} after {seconds} s")


def test_a_person_signs_up_on_one_node_and_comments_through_the_other(cluster, seeded):
    one, other = cluster.node_url("web1"), cluster.node_url("web2")
    person = requests.Session()
    email = f"ana.{uuid.uuid4().hex[:8]}@cluster.example.mx"
    response = person.post(
        one + "/cuenta/signup/",
        data={
            "csrfmiddlewaretoken": _csrf(person, one + "/cuenta/signup/"),
            "email": email,
            "password1": "una-clave-muy-segura-2026",
            "password2": "una-clave-muy-segura-2026",
            "display_name": "Ana del Clúster",
            "sector": "academia",
            "state": "20",
            "privacy_accepted": "on",
        },
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 302, response.text[:2000]

    # The confirmation link from the message a worker sent, opened on the second node.
    link = _confirmation_link(cluster, email)
    response = person.post(
        other + link, data={"csrfmiddlewaretoken": _csrf(person, other + link)},
        allow_redirects=False, timeout=10,
    )  # fmt: skip
    assert response.status_code == 302

    body = f"Comentario desde el otro nodo {uuid.uuid4().hex[:6]}"
    response = _comment(person, other, seeded, body)
    assert response.status_code == 302, response.text[:2000]
    assert "/consulta/comentarios/" in response.headers["Location"]
    with _database(cluster) as db:
        (author,) = db.execute(
            "SELECT u.email FROM consultation_comment c JOIN accounts_user u ON u.id = c.author_id "
            "WHERE c.body = %s",
            [body],
        ).fetchone()
    assert author == email
    # Her own comment on the first node's page, which she reads signed in.
    assert body in person.get(one + seeded["page"], timeout=10).text


def test_the_limit_on_wrong_passwords_counts_across_both_nodes(cluster):
    """Wrong passwords sent to one node and then the other add up (abramos/limits.py keeps the
    counts in the database): the right password after them does not sign in on either node."""
    email = f"limite.{uuid.uuid4().hex[:8]}@cluster.example.mx"
    subprocess.run(
        [PYTHON, "-c", PERSON.format(email=email, password=PASSWORD)], cwd=ROOT,
        env=cluster.env, check=True,
    )  # fmt: skip
    person = requests.Session()
    # As the balancer sends it: the site's own host name (allauth's key for the count holds it).
    person.headers["Host"] = cluster.site.removeprefix("http://")
    nodes = [cluster.node_url("web1"), cluster.node_url("web2")]

    def log_in(base: str, password: str) -> requests.Response:
        return person.post(
            base + "/cuenta/login/",
            data={
                "csrfmiddlewaretoken": _csrf(person, base + "/cuenta/login/"),
                "login": email,
                "password": password,
            },
            allow_redirects=False,
            timeout=30,
        )

    # The password is right: it signs in, before the wrong ones.
    assert log_in(nodes[1], PASSWORD).status_code == 302
    assert "sessionid" in person.cookies
    person.cookies.clear()
    for attempt in range(6):
        assert log_in(nodes[attempt % 2], f"intento-{attempt}").status_code == 200
    for base in nodes:
        response = log_in(base, PASSWORD)
        assert response.status_code in (200, 429)
        assert "sessionid" not in person.cookies


PASSWORD = "una-clave-correcta-2026"
# A person with a password and a verified address, made in the cluster's database.
PERSON = """
import django; django.setup()
from allauth.account.models import EmailAddress
from abramos.accounts.models import User
user = User.objects.create_user("{email}", "{password}", display_name="Persona con límite")
EmailAddress.objects.create(user=user, email="{email}", verified=True, primary=True)
"""


def test_an_anonymous_reader_of_the_other_node_sees_a_new_comment_within_a_second(cluster, seeded):
    writer = _session(seeded["sessions"][0])
    reader = requests.Session()
    page = cluster.node_url("web2") + seeded["page"]
    assert reader.get(page, timeout=10).status_code == 200  # the page is in the cache
    waits = []
    for n in range(3):
        body = f"Nuevo comentario número {n} {uuid.uuid4().hex[:6]}"
        response = _comment(writer, cluster.node_url("web1"), seeded, body, section=-1 - n)
        assert response.status_code == 302
        posted = time.monotonic()
        while body not in reader.get(page, timeout=10).text:
            assert time.monotonic() - posted < 5, "not seen after 5 s"
            time.sleep(0.02)
        waits.append(time.monotonic() - posted)
    print(f"seen by anonymous readers of the other node after {[round(w, 3) for w in waits]} s")
    assert max(waits) < 1.0


def _pdf() -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )


def test_a_file_uploaded_through_one_node_downloads_through_the_other(cluster, seeded):
    key = subprocess.run(
        [PYTHON, "-c", UPLOADER], cwd=ROOT, env=cluster.env, check=True, capture_output=True,
        text=True,
    ).stdout.strip().splitlines()[-1]  # fmt: skip
    staff = _session(key)
    one, other = cluster.node_url("web1"), cluster.node_url("web2")
    add = one + "/admin/strategy/document/add/"
    slug = f"acta-{uuid.uuid4().hex[:6]}"
    content = _pdf() + uuid.uuid4().hex.encode()
    response = staff.post(
        add,
        data={
            "csrfmiddlewaretoken": _csrf(staff, add),
            "title_es_mx": "Acta de la sesión del clúster",
            "slug": slug,
            "kind": "minutes",
            "date": "2026-12-01",
        },
        files={"file": ("acta.pdf", content, "application/pdf")},
        headers={"Referer": add},
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 302, response.text[:3000]
    download = requests.get(f"{other}/proceso/documentos/{slug}/descargar/", timeout=10)
    assert download.status_code == 200, download.status_code
    assert download.content == content
    # Kept in the bucket, not on either node's disk.
    with _database(cluster) as db:
        (name,) = db.execute(
            "SELECT file FROM strategy_document WHERE slug = %s", [slug]
        ).fetchone()
    assert not (ROOT / "media" / name).exists()


# A staff member who may add documents (no two-step verification needed for that), with a
# session, printed.
UPLOADER = """
import django; django.setup()
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.models import Permission
from django.contrib.sessions.backends.db import SessionStore
from abramos.accounts.models import User
user = User.objects.create_user("archivo@cluster.example.mx", None, is_staff=True)
user.user_permissions.add(*Permission.objects.filter(
    content_type__app_label="strategy", codename__in=["add_document", "view_document", "change_document"]))
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print(session.session_key)
"""


def test_killing_a_node_under_load_loses_no_accepted_comment(cluster, seeded):
    before = {name: int(row["stot"]) for name, row in cluster.servers().items()}
    load = soak.Load(cluster.site, seeded, seconds=12)
    time.sleep(4)
    killed_at = time.monotonic()
    cluster.kill("web1")
    assert cluster.balancer_sees("web1", "DOWN", 10)
    noticed = time.monotonic() - killed_at
    served_by_web2 = int(cluster.servers()["web2"]["stot"])
    results = load.finish()
    after = cluster.servers()
    accepted, once, twice = soak.stored_once(cluster.state["env"]["DATABASE_URL"], results)
    print(
        f"node killed under load: {len(results.latencies['read'])} reads, "
        f"{len(results.latencies['post'])} posts, {len(results.errors)} failed "
        f"({results.errors[:3]}); {accepted} comments accepted, {once} stored once, {twice} "
        f"twice; the balancer marked it down after {noticed:.2f} s"
    )
    assert accepted > 0 and once == accepted and twice == 0
    # The balancer moved the traffic: web2 went on serving after web1 was marked down.
    assert int(after["web2"]["stot"]) > served_by_web2 > before["web2"]
    # Requests the balancer could not send again fail: those whose answer the killed node had
    # begun to send, and any POST but a comment's (deploy/haproxy.cfg). At most what the node
    # had in hand (a request per gunicorn worker), and only at the moment it died.
    assert len(results.errors) <= int(cluster.state["env"]["WEB_CONCURRENCY"])
    for error in results.errors:
        # The connection dropped (soak.Browser is http.client), or the balancer's 502/503/504.
        assert re.search(
            r"IncompleteRead|RemoteDisconnected|ConnectionResetError|BrokenPipeError|: 50[234]$",
            error,
        ), error
    cluster.start("web1")
    assert cluster.balancer_sees("web1", "UP", 30)


def test_a_rolling_restart_under_load_fails_no_request(cluster, seeded):
    pids = dict(cluster.state["processes"])
    load = soak.Load(cluster.site, seeded, seconds=25)
    time.sleep(2)
    started = time.monotonic()
    roll(cluster)
    rolled = time.monotonic() - started
    results = load.finish()
    accepted, once, twice = soak.stored_once(cluster.state["env"]["DATABASE_URL"], results)
    requests_made = len(results.latencies["read"]) + len(results.latencies["post"])
    print(
        f"rolling restart in {rolled:.1f} s under load: {requests_made} requests, "
        f"{len(results.errors)} failed; {accepted} comments accepted, {once} stored once"
    )
    for name in ("web1", "web2", "worker1", "worker2", "beat"):
        assert cluster.state["processes"][name] != pids[name], f"{name} was not restarted"
    assert rolled < 23, "the load ended before the restart did"
    assert results.errors == []
    assert accepted > 0 and once == accepted and twice == 0
    assert {row["status"] for row in cluster.servers().values()} == {"UP"}


def test_the_workers_deliver_mail_after_the_restart(cluster, seeded):
    """The restarted workers consume the queues: a reply's notification reaches the outbox."""
    writer, author = _session(seeded["sessions"][1]), _session(seeded["sessions"][2])
    response = _comment(author, cluster.site, seeded, f"Una propuesta {uuid.uuid4().hex[:6]}")
    pk = int(re.search(r"/consulta/comentarios/(\d+)/", response.headers["Location"]).group(1))
    reply_url = f"{cluster.site}/consulta/comentarios/{pk}/responder/"
    response = writer.post(
        reply_url,
        data={
            "csrfmiddlewaretoken": _csrf(writer, cluster.site + seeded["page"]),
            "body": "Una respuesta tras el reinicio.",
            "client_token": uuid.uuid4().hex,
        },
        headers={"Referer": cluster.site + seeded["page"]},
        allow_redirects=False,
        timeout=10,
    )
    assert response.status_code == 302
    with _database(cluster) as db:

        def sent() -> bool:
            row = db.execute(
                "SELECT sent_at FROM consultation_notification WHERE comment_id = "
                "(SELECT id FROM consultation_comment WHERE parent_id = %s ORDER BY id DESC LIMIT 1)",
                [pk],
            ).fetchone()
            return bool(row and row[0])

        deadline = time.monotonic() + 30
        while not sent():
            assert time.monotonic() < deadline, "no worker delivered the notification"
            time.sleep(0.2)


def test_each_node_gives_its_metrics_to_the_machine_and_the_balancer_hides_them(cluster, seeded):
    assert requests.get(cluster.site + "/metricas/", timeout=10).status_code == 404
    response = requests.get(cluster.site + "/", timeout=10)
    assert re.fullmatch(r"[0-9a-f-]{36}", response.headers["X-Request-ID"])  # the balancer's
    posted = 0
    for node in ("web1", "web2"):
        metrics = requests.get(cluster.node_url(node) + "/metricas/", timeout=10)
        assert metrics.status_code == 200
        # Every gunicorn worker of the node, added up.
        found = re.findall(r'^abramos_comments_posted_total\{kind="(?:comment|reply)"\} (\S+)$',
                           metrics.text, re.MULTILINE)  # fmt: skip
        posted += sum(float(n) for n in found)
    with _database(cluster) as db:
        (stored,) = db.execute("SELECT count(*) FROM consultation_comment").fetchone()
    # The nodes count what they stored since they last started (the rolling restart).
    assert 0 < posted <= stored


def test_the_cluster_serves_static_files_from_every_node(cluster):
    page = requests.get(cluster.site + "/", timeout=10).text
    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', page).group(1)
    for node in ("web1", "web2"):
        assert requests.get(cluster.node_url(node) + stylesheet, timeout=10).status_code == 200
