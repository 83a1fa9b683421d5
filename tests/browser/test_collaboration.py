"""An organisation offers to collaborate at /colabora/; the Technical Group accepts it in the admin;
the organisation then appears among the allies on /participantes/."""

import re

import pytest
from playwright.sync_api import Page, expect

from strategy.demo.data import STAFF, STAFF_PASSWORD
from tests.browser.conftest import log_in

ORGANISATION = "Observatorio Ciudadano de Datos de Oaxaca"


@pytest.mark.django_db(transaction=True)
def test_an_offer_goes_from_the_form_to_accepted_to_the_participants_page(
    portal, page: Page, browser
):
    from strategy.models import CollaborationOffer

    # An organisation fills the form, forgets the consent, is told, and sends it.
    page.goto(f"{portal.url}/colabora/")
    page.fill("#id_organisation_name", ORGANISATION)
    page.select_option("#id_sector", "civil_society")
    expect(page.locator("#id_country")).to_have_value("México")
    page.select_option("#id_state", "20")  # Oaxaca
    page.get_by_label(re.compile(r"^\s*(Experiencia|Experience)\s*$")).check()
    page.fill("#id_description", "Talleres sobre datos de obra pública en municipios de Oaxaca.")
    page.fill("#id_contact_name", "Rosa Martínez")
    page.fill("#id_contact_email", "rosa@example.org")
    page.locator("form.collaboration-form button[type=submit]").click()
    page.wait_for_load_state()
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.locator("#id_description")).to_have_value(re.compile("obra pública"))
    page.locator("#id_privacy_consent").check()
    page.locator("form.collaboration-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/colabora/gracias/$"))
    expect(page.locator("h1")).to_be_visible()
    offer = CollaborationOffer.objects.get(organisation_name=ORGANISATION)
    assert offer.is_pending

    # Not public yet.
    page.goto(f"{portal.url}/participantes/")
    expect(page.locator("#aliados")).not_to_contain_text(ORGANISATION)

    # A member of the Technical Group logs in, opens the offer and accepts it.
    staff = browser.new_context().new_page()
    change = f"/admin/strategy/collaborationoffer/{offer.pk}/change/"
    log_in(staff, portal.url, STAFF[0]["email"], STAFF_PASSWORD, next_url=change)
    staff.goto(portal.url + change)
    expect(staff.locator("#content")).to_contain_text(ORGANISATION)
    staff.locator(".submit-row a", has_text=re.compile("^(Aceptar|Accept)$")).click()
    staff.wait_for_url(re.compile(r"/aceptar/$"))
    staff.fill("#id_reason", "Bienvenidas: les escribimos para la primera mesa.")
    staff.locator("input[type=submit].default").click()
    staff.wait_for_url(re.compile(r"/change/$"))
    expect(staff.locator(".messagelist")).to_contain_text(ORGANISATION)
    offer.refresh_from_db()
    assert offer.status == CollaborationOffer.Status.ACCEPTED
    assert offer.decided_by.email == STAFF[0]["email"]

    # The organisation is now among the allies, without its contact details.
    page.goto(f"{portal.url}/participantes/")  # a full load (a #fragment alone would not)
    ally = page.locator(f"#aliado-{offer.pk}")
    expect(ally).to_contain_text(ORGANISATION)
    expect(ally).to_contain_text("Oaxaca")
    expect(page.locator("#aliados")).not_to_contain_text("rosa@example.org")
    expect(page.locator("#aliados")).not_to_contain_text("Rosa Martínez")
