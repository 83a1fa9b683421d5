"""Playwright drives Debian's chromium (Playwright's own browser download does not work here)."""

import contextlib
import os
import shutil

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from conftest import require_service
from tests.demo import load_demo

CHROMIUM_ARGS = [
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    path = shutil.which("chromium") or "/usr/bin/chromium"
    require_service(
        os.path.exists(path), "Debian's chromium is not installed (apt-get install chromium)"
    )
    return {**browser_type_launch_args, "executable_path": path, "args": CHROMIUM_ARGS}


@pytest.fixture
def portal(live_server, transactional_db):
    """The live portal with the demo process loaded.

    Without rendering the demo's 24 official files (WeasyPrint, about 3 s of each browser
    test's setup): no browser test downloads them, the pages show them as being prepared, and
    drafts/tests/test_renditions.py and test_demo.py test the rendering itself."""
    from unittest import mock

    with mock.patch("drafts.services.versions.enqueue_on_commit"):
        load_demo(verbosity=0)
    return live_server


def log_in(page, base: str, email: str, password: str, next_url: str = "") -> None:
    """Log in through the site's form; staff then type the code of their authenticator app."""
    from abramos.mfa import current_totp_code
    from strategy.demo.data import STAFF_TOTP_SECRET

    page.goto(base + "/cuenta/login/" + (f"?next={next_url}" if next_url else ""))
    page.fill("#id_login", email)
    page.fill("#id_password", password)
    page.locator("main form button[type=submit]").first.click()
    # Wait for the answer to the form (a slow machine may not have navigated yet).
    page.wait_for_url(lambda url: "/cuenta/login/" not in url)
    # A code typed as its 30-second period ends can arrive stale, as with a real app: the
    # person reads the next code and types it again.
    for _ in range(3):
        if "/2fa/authenticate/" not in page.url:
            return
        page.fill("#id_code", current_totp_code(STAFF_TOTP_SECRET))
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_load_state()
        with contextlib.suppress(PlaywrightTimeoutError):  # still on the code page: next code
            page.wait_for_url(lambda url: "/2fa/authenticate/" not in url, timeout=10_000)
    assert "/2fa/authenticate/" not in page.url, "the authenticator code was refused"
