"""The HTML of every public page is valid, in Spanish and English (the Nu HTML checker)."""

import json
import subprocess

import pytest

from conftest import require_service
from tests.checkers import VNU, java
from tests.demo import load_demo
from tests.public_pages import public_pages

pytestmark = pytest.mark.services


@pytest.fixture
def vnu() -> list[str]:
    require_service(VNU.exists(), "vnu-jar is not installed (make install runs npm ci)")
    require_service(java() is not None, "Java is not installed (the Nu HTML checker needs it)")
    return [java(), "-jar", str(VNU)]


@pytest.mark.django_db
def test_every_public_page_is_valid_html(client, vnu, tmp_path):
    load_demo(verbosity=0)
    files = {}
    for language in ("es-mx", "en"):
        for path in public_pages(language):
            response = client.get(path)
            assert response.status_code == 200, path
            name = tmp_path / f"page{len(files):03d}.html"
            name.write_bytes(response.content)
            files[str(name)] = path
    assert len(files) >= 20

    result = subprocess.run(
        [*vnu, "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [
        f"{files.get(m.get('url', '').removeprefix('file:'), m.get('url'))} "
        f"line {m.get('lastLine')}: {m['message']}"
        for m in messages
        if m.get("type") == "error"
    ]
    assert errors == [], "\n".join(errors)
