"""A Technical Group member edits and publishes the PNDA in the admin; a visitor compares the new
version with the one before and downloads its PDF."""

import re
from io import BytesIO
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from strategy.demo.data import STAFF_PASSWORD
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser

LABEL = "Quinto borrador de prueba"
TYPED = "Las personas usuarias proponen cada año los conjuntos de datos prioritarios."


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Rendered files go to the test's own folder (autouse: set before `portal` loads the demo)."""
    settings.MEDIA_ROOT = tmp_path / "media"


def test_technical_group_publishes_a_version_a_visitor_compares_and_downloads(
    portal, page: Page, new_context
):
    # The Technical Group member logs in and lands on the one working copy.
    # The admin's log-in is the site's: password, then the code of the authenticator app.
    page.goto(portal.url + "/admin/login/?next=/admin/drafts/workingcopy/")
    expect(page).to_have_url(re.compile(r"/cuenta/login/\?next="))
    log_in(page, portal.url, "tecnico@abramos.mx", STAFF_PASSWORD, "/admin/drafts/workingcopy/")
    expect(page).to_have_url(re.compile(r"/admin/drafts/workingcopy/\d+/change/$"))

    # Types a new paragraph at the end of the text and saves.
    body = page.locator("#id_body")
    body.click()
    body.press("Control+End")
    body.press_sequentially("\n\n" + TYPED)
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    expect(page.locator("#id_body")).to_have_value(re.compile(re.escape(TYPED)))

    # Publishes it: label and summary on the intermediate page, then the one primary button.
    page.locator("a[href$='/publish/']").click()
    page.locator("#id_label").fill(LABEL)
    page.locator("#id_change_summary").fill("Prueba de publicación desde el navegador.")
    page.locator("form input[type=submit].default").click()
    expect(page).to_have_url(re.compile(r"/admin/drafts/version/\d+/change/$"))
    expect(page.locator(".messagelist .success")).to_contain_text(LABEL)

    # An anonymous visitor, in a browser context of their own, finds it first in the list...
    visitor = new_context(accept_downloads=True).new_page()
    visitor.goto(portal.url + "/borradores/")
    newest = visitor.locator("li.version-item").first
    expect(newest).to_contain_text(LABEL)

    # ...compares it with the version before: the typed words are marked as inserted...
    newest.locator("a[href*='/comparar/']").click()
    expect(visitor).to_have_url(re.compile(r"/borradores/6/comparar/7/$"))
    expect(visitor.locator(".change__formatted ins").filter(has_text=TYPED)).to_be_visible()

    # ...and downloads its PDF from the list.
    visitor.goto(portal.url + "/borradores/")
    with visitor.expect_download() as download_info:
        newest.get_by_role("link", name=re.compile(r"^PDF")).click()
    download = download_info.value
    assert download.suggested_filename == "pnda-version-7.pdf"
    content = Path(download.path()).read_bytes()
    assert content.startswith(b"%PDF")
    assert LABEL in PdfReader(BytesIO(content)).pages[0].extract_text()
