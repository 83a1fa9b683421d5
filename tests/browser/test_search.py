"""A visitor searches from the header of any page, sees the results grouped by kind and opens a
section of the policy at its anchor."""

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def test_a_visitor_searches_from_the_header_and_opens_a_section_at_its_anchor(portal, page: Page):
    page.goto(portal.url + "/proceso/")
    search_box = page.get_by_role("search", name=re.compile("sitio|site", re.I)).locator(
        "input[type=search]"
    )
    search_box.fill("datos abiertos")
    search_box.press("Enter")

    expect(page).to_have_url(re.compile(r"/buscar/\?q=datos\+abiertos$"))
    expect(page).to_have_title(re.compile("datos abiertos"))
    sections = page.locator("#resultados-seccion")
    expect(sections).to_be_visible()
    expect(page.locator("#resultados-comentario")).to_be_visible()
    expect(sections.locator("mark").first).to_be_visible()

    link = sections.locator(".search-result__title a").first
    href = link.get_attribute("href")
    anchor = href.split("#", 1)[1]
    link.click()
    expect(page).to_have_url(re.compile(rf"/borradores/\d+/#{re.escape(anchor)}$"))
    expect(page.locator(f"[id='{anchor}']")).to_be_in_viewport()
