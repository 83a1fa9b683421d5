"""Sign-up, comment and reply with the keyboard alone: Tab to move, type, Space and Enter."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from playwright.sync_api import Page, expect

from consultation.models import Comment
from tests.browser.test_consultation import open_consultation  # noqa: F401 - a fixture

pytestmark = pytest.mark.browser


def _tab_to(page: Page, selector: str, *, limit: int = 400) -> None:
    """Press Tab until the element matching `selector` has the focus, as a keyboard user would."""
    for _ in range(limit):
        if page.evaluate(
            "s => document.activeElement && document.activeElement.matches(s)", selector
        ):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def _choose(page: Page, selector: str, label: str) -> None:
    """Pick an option of a focused <select> by typing the start of its label."""
    _tab_to(page, selector)
    page.keyboard.type(label)


def test_a_person_signs_up_comments_and_replies_with_the_keyboard_alone(
    live_server,
    open_consultation,  # noqa: F811
    page: Page,
):
    base = live_server.url
    version = open_consultation

    page.goto(base + "/cuenta/signup/")
    for selector, text in [
        ("#id_email", "teclado@example.mx"),
        ("#id_password1", "una-clave-muy-segura-2026"),
        ("#id_password2", "una-clave-muy-segura-2026"),
        ("#id_display_name", "Tere Teclado"),
    ]:
        _tab_to(page, selector)
        page.keyboard.type(text)
    _choose(page, "#id_sector", "Academia")
    _choose(page, "#id_state", "Oaxaca")
    _tab_to(page, "#id_privacy_accepted")
    page.keyboard.press("Space")
    _tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    link = re.search(r"https?://\S+/cuenta/confirm-email/\S+/", mail.outbox[-1].body)[0]
    page.goto(re.sub(r"^https?://[^/]+", base, link))
    _tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    # A comment on a section: open its form (a <summary>) with Enter, type, submit with Enter.
    page.goto(base + version.get_absolute_url())
    section = "diagnostico-y-problema--problemas-identificados"
    form = f"form.comment-form:has(input[name=section][value='{section}'])"
    if page.locator(f"details:has({form})").first.get_attribute("open") is None:
        _tab_to(page, f"details:has({form}) > summary")
        page.keyboard.press("Enter")
    _tab_to(page, f"{form} textarea[name=body]")
    page.keyboard.type("Con el teclado: pido datos por municipio.")
    _tab_to(page, f"{form} button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Con el teclado: pido datos por municipio.")).to_be_visible()

    # A reply to someone else's comment, back on the version page (the comment's own page is
    # where posting lands).
    page.goto(base + version.get_absolute_url())
    other = Comment.objects.get(body="Falta mencionar a los municipios.")
    reply = f"form[action$='/consulta/comentarios/{other.pk}/responder/']"
    if page.locator(f"details:has({reply})").first.get_attribute("open") is None:
        _tab_to(page, f"details:has({reply}) > summary")
        page.keyboard.press("Enter")
    _tab_to(page, f"{reply} textarea[name=body]")
    page.keyboard.type("Respondo con el teclado.")
    _tab_to(page, f"{reply} button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Respondo con el teclado.")).to_be_visible()

    person = get_user_model().objects.get(email="teclado@example.mx")
    assert (person.display_name, person.sector, person.state) == ("Tere Teclado", "academia", "20")
    mine = Comment.objects.filter(author=person)
    assert mine.count() == 2
    assert mine.filter(parent=other).count() == 1
    assert mine.get(parent__isnull=True).section.anchor == section
