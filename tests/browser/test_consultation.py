"""A person takes part in the consultation from sign-up to reading the Technical Group's answer."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from abramos import roles
from consultation.models import Comment, Consultation
from consultation.tests.conftest import PASSWORD, make_user
from drafts.tests.conftest import PNDA_V1, publish
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def open_consultation(live_server, transactional_db, django_capture_on_commit_callbacks):
    tech = make_user(
        "tecnico@example.mx", groups=[roles.TECHNICAL_GROUP], display_name="Técnica", is_staff=True
    )
    with django_capture_on_commit_callbacks(execute=True):
        version = publish(tech, PNDA_V1, "Primer borrador")
    consultation = Consultation.objects.create(
        version=version,
        title="Consulta pública del primer borrador",
        opens_at=timezone.now() - timedelta(hours=1),
        closes_at=timezone.now() + timedelta(days=60),
    )
    other = make_user("luis@example.mx", display_name="Luis", sector="academia", state="14")
    Comment.objects.create(
        consultation=consultation,
        version=version,
        section=version.sections.get(anchor="introduccion"),
        author=other,
        body="Falta mencionar a los municipios.",
    )
    make_user("modera@example.mx", groups=[roles.MODERATION], display_name="Modera", is_staff=True)
    return version


def _open(form) -> None:
    """Open the <details> that holds a form (a section without comments shows it open)."""
    details = form.locator("xpath=ancestor::details[1]")
    if details.get_attribute("open") is None:
        details.locator("summary").click()


def _log_in(page: Page, base: str, email: str) -> None:
    log_in(page, base, email, PASSWORD)


def test_a_person_comments_replies_supports_and_reads_the_answer(
    live_server, open_consultation, browser
):
    base = live_server.url
    version = open_consultation
    person = browser.new_context().new_page()

    # Sign up and confirm the e-mail address from the message the site sent.
    person.goto(base + "/cuenta/signup/")
    person.fill("#id_email", "ana@example.mx")
    person.fill("#id_password1", "una-clave-muy-segura-2026")
    person.fill("#id_password2", "una-clave-muy-segura-2026")
    person.fill("#id_display_name", "Ana Participante")
    person.select_option("#id_sector", "civil_society")
    person.select_option("#id_state", "20")
    person.check("#id_privacy_accepted")
    person.locator("main form button[type=submit]").last.click()
    link = re.search(r"https?://\S+/cuenta/confirm-email/\S+/", mail.outbox[-1].body)[0]
    person.goto(link.replace("http://127.0.0.1:8000", base).replace("http://testserver", base))
    person.locator("main form button[type=submit]").first.click()

    # Comment on a section, reply to another comment, support it.
    person.goto(base + version.get_absolute_url())
    form = person.locator(
        "form.comment-form:has(input[name=section][value='diagnostico-y-problema--problemas-identificados'])"
    )
    _open(form)
    form.locator("textarea[name=body]").fill("Propongo un catálogo mínimo de datos por municipio.")
    form.locator("button[type=submit]").click()
    expect(
        person.get_by_text("Propongo un catálogo mínimo de datos por municipio.")
    ).to_be_visible()
    # She lands on her comment's own page, which always holds it; back to the version to reply.
    expect(person).to_have_url(re.compile(r"/consulta/comentarios/\d+/$"))
    # The confirmation is on the first screen, where the page lands.
    notice = person.get_by_role("status")
    expect(notice).to_be_in_viewport()
    person.goto(base + version.get_absolute_url())

    others = Comment.objects.get(body="Falta mencionar a los municipios.")
    reply = person.locator(f"form[action$='/consulta/comentarios/{others.pk}/responder/']")
    _open(reply)
    reply.locator("textarea[name=body]").fill("De acuerdo: también los municipios pequeños.")
    reply.locator("button[type=submit]").click()
    expect(person.get_by_text("De acuerdo: también los municipios pequeños.")).to_be_visible()
    person.locator(f"form[action$='/consulta/comentarios/{others.pk}/apoyar/'] button").click()
    others.refresh_from_db()
    assert others.support_count == 1

    # She flags Luis's comment; a moderator hides it with a public reason.
    person.goto(base + f"/consulta/comentarios/{others.pk}/reportar/")
    person.fill("#id_reason", "Contiene datos personales de un tercero.")
    person.locator("main form button[type=submit]").last.click()

    moderator = browser.new_context().new_page()
    _log_in(moderator, base, "modera@example.mx")
    moderator.goto(base + "/consulta/moderacion/")
    hide = moderator.locator(f"form[action$='/consulta/moderacion/{others.pk}/ocultar/']")
    hide.locator("input:not([type=hidden]), textarea").first.fill("Datos personales de un tercero")
    hide.locator("button[type=submit]").click()
    others.refresh_from_db()
    assert others.status == Comment.Status.HIDDEN

    # The Technical Group answers Ana's comment.
    mine = Comment.objects.get(body__startswith="Propongo un catálogo")
    tech = browser.new_context().new_page()
    _log_in(tech, base, "tecnico@example.mx")
    tech.goto(base + f"/consulta/atencion/{mine.pk}/")
    tech.check("input[name=outcome][value=incorporated]")
    tech.fill("#id_body", "Lo incorporamos en la sección de objetivos.")
    tech.locator("button[name=publish]").click()

    # Ana sees the answer and the hidden comment's public reason.
    person.goto(base + version.get_absolute_url())
    expect(person.get_by_text("Lo incorporamos en la sección de objetivos.")).to_be_visible()
    expect(person.get_by_text(re.compile("Datos personales de un tercero"))).to_be_visible()
    expect(person.get_by_text("Falta mencionar a los municipios.")).to_have_count(0)
    # …and she was told by e-mail (after the confirmation message): the answer notification.
    to_ana = [message for message in mail.outbox if message.to == ["ana@example.mx"]]
    assert len(to_ana) == 2
    assert "Lo incorporamos en la sección de objetivos." in to_ana[-1].body
