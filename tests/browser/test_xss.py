"""XSS through every field a person can fill, rendered in chromium: no payload runs.

The XSS corpus (abramos/tests/test_markup.py) is stored through each field people write in:
comments and replies, the public name and organisation of an account, contact messages (read by
staff in the admin), flag reasons (read by moderators) and the names of people who spoke at an
in-person session. Then the public and staff pages that show them are opened in chromium with the
Content-Security-Policy switched off (`bypass_csp`): what keeps the payloads inert must be the
escaping and the sanitiser, not only the CSP. Every `alert(…)` of the corpus would open a dialog;
the marker payloads would set `window.__xss` or the title. Neither may happen, and no <script>
or event-handler attribute from a payload may reach the DOM.
"""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from abramos import roles
from abramos.tests.test_markup import XSS_PAYLOADS
from consultation.models import Comment, Consultation, Flag, Session
from tests.browser.conftest import log_in
from tests.roles import PASSWORD, make_user
from transparency.models import ContactMessage

pytestmark = pytest.mark.browser

MARKERS = [
    "<script>window.__xss=1</script>",
    '"><img src=x onerror="window.__xss=1">',
    "'><svg onload=\"document.title='XSS'\">",
    "</textarea><script>document.title='XSS'</script>",
    '<iframe src="javascript:parent.__xss=1"></iframe>',
    "{{ 7|add:7 }}<b onmouseover=window.__xss=1>hover</b>",
]
PAYLOADS = XSS_PAYLOADS + MARKERS

# Scripts or handlers that only a payload could have put in the page.
_DOM_CHECK = """() => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    if (el.tagName === 'SCRIPT' && /alert|__xss|xss\\.example|document\\.title/.test(
        el.textContent + ' ' + (el.getAttribute('src') || ''))) bad.push(el.outerHTML);
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase(), value = attr.value.toLowerCase();
      if (name.startsWith('on')) bad.push(el.tagName + ' ' + name);
      if (['href', 'src', 'action', 'formaction', 'data', 'srcdoc'].includes(name)
          && /^\\s*(javascript|vbscript|data:text\\/html)/.test(value)) bad.push(el.tagName + ' ' + name + '=' + value);
    }
  }
  return bad;
}"""


def _short(payload: str, limit: int) -> str:
    return payload[:limit]


@pytest.fixture
def stored(portal, django_capture_on_commit_callbacks):
    """The corpus written through every field, on the demo process with its consultation open."""
    now = timezone.now()
    consultation = Consultation.objects.order_by("pk").first()
    consultation.opens_at = now - datetime.timedelta(days=1)
    consultation.closes_at = now + datetime.timedelta(days=30)
    consultation.save()
    version = consultation.version
    moderator = make_user("xss-modera@example.mx", groups=[roles.MODERATION], is_staff=True)
    technical = make_user("xss-tecnico@example.mx", groups=[roles.TECHNICAL_GROUP], is_staff=True)
    session = Session.objects.filter(consultation=consultation).order_by("pk").first()
    people = []
    for number, payload in enumerate(PAYLOADS):
        person = make_user(f"xss-{number}@example.mx")
        person.display_name = _short(payload, 80)
        person.organisation = _short(payload, 200)
        person.save()
        people.append(person)
        comment = Comment.objects.create(
            consultation=consultation, version=version, author=person, body=payload
        )
        Comment.objects.create(
            consultation=consultation, version=version, author=person, parent=comment,
            body=payload,
        )  # fmt: skip
        Flag.objects.create(comment=comment, user=moderator, reason=_short(payload, 500))
        ContactMessage.objects.create(
            name=_short(payload, 200), email=f"xss-{number}@example.mx",
            subject=_short(payload, 200), message=payload, privacy_consent=True,
        )  # fmt: skip
        if session is not None:
            Comment.objects.create(
                consultation=consultation, version=version, session=session,
                channel=Comment.Channel.IN_PERSON, participant_name=_short(payload, 120),
                body=payload,
            )  # fmt: skip
    on_version = Comment.objects.filter(version=version, parent=None, section=None).count()
    return {
        "pages": on_version // 50 + 1,
        "version": version,
        "moderator": moderator,
        "technical": technical,
        "person": people[0],
        "contact": ContactMessage.objects.order_by("pk").last(),
    }


def _assert_nothing_runs(page, url: str, dialogs: list[str], payloads_shown: bool = True) -> str:
    page.goto(url)
    page.wait_for_load_state("load")
    # Hover and focus what might carry a handler, as a person reading the page would.
    page.mouse.move(10, 10)
    assert dialogs == [], f"{url}: a payload opened a dialog: {dialogs[:3]}"
    assert page.evaluate("() => window.__xss") is None, f"{url}: a payload set window.__xss"
    assert page.title() != "XSS", f"{url}: a payload changed the title"
    # The payloads are on the page, as text.
    content = page.content()
    if payloads_shown:
        assert "xss" in content.lower(), f"{url}: the stored payloads are not on this page"
    injected = page.evaluate(_DOM_CHECK)
    assert injected == [], f"{url}: payload markup reached the DOM: {injected[:5]}"
    return content


def test_no_payload_runs_on_the_pages_that_show_what_people_wrote(portal, stored, browser):
    base = portal.url
    version = stored["version"]
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    # The public version page: comments, replies, public names, in-person participants.
    shown = []
    for number in range(1, stored["pages"] + 1):
        url = f"{base}{version.get_absolute_url()}?seccion=version&pagina={number}"
        shown.append(_assert_nothing_runs(page, url, dialogs, payloads_shown=False))
    assert any("xss" in content.lower() for content in shown), "no payload on the version page"

    # The person's own data: public name and organisation in the form.
    log_in(page, base, stored["person"].email, PASSWORD)
    _assert_nothing_runs(page, f"{base}/cuenta/mis-datos/", dialogs)
    context.clear_cookies()

    # Moderators read flag reasons, comments and names in the queue.
    log_in(page, base, stored["moderator"].email, PASSWORD)
    _assert_nothing_runs(page, f"{base}/consulta/moderacion/", dialogs)
    context.clear_cookies()

    # The Technical Group reads comments in triage and contact messages in the admin.
    log_in(page, base, stored["technical"].email, PASSWORD)
    _assert_nothing_runs(page, f"{base}/consulta/atencion/", dialogs)
    _assert_nothing_runs(page, f"{base}/admin/transparency/contactmessage/", dialogs)
    contact = stored["contact"]
    _assert_nothing_runs(
        page, f"{base}/admin/transparency/contactmessage/{contact.pk}/change/", dialogs
    )
    _assert_nothing_runs(page, f"{base}/admin/consultation/comment/", dialogs)
    context.close()
