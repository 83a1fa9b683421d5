"""The supply chain: every installed package pinned with its hashes, runtime apart from the tools.

`make install` (and CI) install with `pip install --require-hashes`, which refuses a file where
one requirement lacks a pin or a hash; these checks say which line is wrong before that, and keep
the tests and code checks out of what production installs.
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Tools that a production server must not carry.
DEVELOPMENT_ONLY = {
    "pytest", "pytest-django", "pytest-playwright", "playwright", "ruff", "bandit",
    "frictionless", "factory-boy", "pip-audit", "pip-tools", "django-upgrade", "djhtml",
}  # fmt: skip


def _pins(path: Path) -> dict[str, str]:
    """`{name: version}` of a pip-compile output; fails on a requirement without pin or hash."""
    pins = {}
    text = path.read_text()
    for block in re.split(r"\n(?=\S)", text):
        first = block.split("\n", 1)[0].strip()
        if not first or first.startswith("#"):
            continue
        # With its extras (`celery[redis]==…`): the lock keeps them, which pip 23's resolver
        # needs in hash-checking mode (weasyprint asks for fonttools[woff]).
        match = re.fullmatch(r"([A-Za-z0-9_.\-]+)(?:\[[a-z0-9,\-]+\])?==([^\s;\\]+).*", first)
        assert match, f"{path.name}: not pinned: {first}"
        assert "--hash=sha256:" in block, f"{path.name}: no hash for {first}"
        pins[match[1].lower().replace("_", "-")] = match[2]
    return pins


def test_the_runtime_is_pinned_with_hashes_and_carries_no_tool():
    runtime = _pins(ROOT / "requirements.txt")
    assert {"django", "django-allauth", "weasyprint", "redis", "pyotp"} <= set(runtime)
    assert not DEVELOPMENT_ONLY & set(runtime)


def test_the_tools_are_pinned_with_hashes_at_the_runtimes_versions():
    runtime = _pins(ROOT / "requirements.txt")
    development = _pins(ROOT / "requirements-dev.txt")
    assert set(development) >= DEVELOPMENT_ONLY
    shared = set(runtime) & set(development)
    assert {name: development[name] for name in shared} == {name: runtime[name] for name in shared}


def test_what_the_project_uses_directly_is_named_in_the_runtime_input():
    wanted = (ROOT / "requirements.in").read_text()
    # The Redis client (used directly by tests and bench) and allauth's two-step extras, by name.
    assert re.search(r"^redis==", wanted, re.M)
    assert re.search(r"^django-allauth\[mfa\]==", wanted, re.M)


@pytest.mark.parametrize("name", ["requirements.in", "requirements-dev.in"])
def test_every_direct_requirement_is_pinned(name):
    for line in (ROOT / name).read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-c "):
            assert "==" in line, f"{name}: not pinned: {line}"
