"""A person filters the spending by stage and category, and checks the sum against the rows."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

_PESOS = re.compile(r"^\$([\d,]+\.\d{2}) MXN$")


def _pesos(text: str) -> Decimal:
    match = _PESOS.match(text.strip())
    assert match, f"not an amount in pesos: {text!r}"
    return Decimal(match.group(1).replace(",", ""))


@pytest.mark.django_db(transaction=True)
def test_the_sum_shown_equals_the_rows_after_filtering_by_stage_and_category(portal, page: Page):
    page.goto(f"{portal.url}/transparencia/")
    expect(page.locator("h1")).to_be_visible()
    page.select_option("#id_etapa", "2")
    page.select_option("#id_categoria", "travel")
    page.get_by_role("button", name=re.compile("filtros|filters", re.I)).click()
    page.wait_for_url(re.compile(r"etapa=2.*categoria=travel"))

    shown_total = _pesos(page.locator("#total-filtrado").inner_text())
    shown_count = int(page.locator("#numero-gastos").inner_text())
    amounts = []
    while True:
        cells = page.locator("#tabla-gastos tbody td.expense-amount").all_inner_texts()
        amounts += [_pesos(text) for text in cells]
        stages = page.locator("#tabla-gastos tbody tr td:nth-child(4)").all_inner_texts()
        assert all(("2" in text) for text in stages)
        following = page.locator(".pagination a[rel=next]")
        if not following.count():
            break
        following.click()
        page.wait_for_load_state()

    assert shown_count == len(amounts) > 0
    assert shown_total == sum(amounts, Decimal("0.00"))
