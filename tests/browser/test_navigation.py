import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def test_a_visitor_follows_the_navigation_and_switches_to_english(portal, page: Page):
    page.goto(portal.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "es-MX")
    for stage in ("Preparación y apertura", "Desarrollo de trabajos", "Cierre y presentación"):
        expect(page.get_by_text(stage).first).to_be_visible()

    nav = page.get_by_role("navigation", name=re.compile("Navegación principal|Main navigation"))
    nav.get_by_role("link", name="Proceso", exact=True).click()
    expect(page).to_have_url(portal.url + "/proceso/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("svg[role=img]").first).to_be_visible()

    nav.get_by_role("link", name="Participantes").click()
    expect(page).to_have_url(portal.url + "/participantes/")
    expect(page.get_by_text("Grupo Impulsor").first).to_be_visible()

    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(portal.url + "/en/participantes/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("navigation", name="Main navigation")).to_be_visible()
    expect(page.get_by_role("link", name="Español")).to_be_visible()
