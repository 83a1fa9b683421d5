"""Signed-in readers of the version page share one rendering per kind of reader, made personal
per request (abramos/reader_pages.py): what each one receives is theirs, and what they wrote is
on the next page they read."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from abramos import cache as page_cache
from abramos import reader_pages
from consultation import selectors, services
from consultation.models import Comment
from consultation.tests.conftest import make_user
from consultation.tests.test_fragments import _renders

PAGE = "drafts/version_detail.html"
TOKEN = re.compile(r'name="client_token" value="([^"]+)"')


@pytest.fixture(autouse=True)
def _kept(settings):
    settings.PAGE_CACHE_SECONDS = 60


def _get(client: Client, path: str) -> tuple[str, int]:
    """The page, and whether its template was rendered for it (1) or it was shared (0)."""
    return _renders(client, path, PAGE)


def _signed_in(user) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def _csrf(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]


def _slot(html: str, name: str) -> str:
    start = html.index(f"<!--slot:{name}-->")
    return html[start : html.index(f"<!--/slot:{name}-->", start)]


def _thread(html: str, comment: Comment) -> str:
    return _slot(html, f"comentario-{comment.pk}")


def test_verified_readers_share_one_rendering_and_each_gets_their_own_parts(
    consultation, citizen, other_citizen
):
    section = consultation.version.sections.order_by("order").first()
    ana_comment = services.comment_create(
        actor=citizen, consultation=consultation, section=section, body="De Ana."
    )
    beto_comment = services.comment_create(
        actor=other_citizen, consultation=consultation, section=section, body="De Beto."
    )
    services.support_add(actor=other_citizen, comment=ana_comment)
    path = consultation.version.get_absolute_url()
    ana, beto = _signed_in(citizen), _signed_in(other_citizen)

    first, rendered = _get(ana, path)
    assert rendered == 1
    second, rendered = _get(beto, path)
    assert rendered == 0  # Beto's page is the shared one, made his

    # Each may edit and withdraw their own comment only; Beto supported Ana's.
    assert "/editar/" in _thread(first, ana_comment)
    assert "/editar/" not in _thread(first, beto_comment)
    assert "/editar/" in _thread(second, beto_comment)
    assert "/editar/" not in _thread(second, ana_comment)
    assert "Quitar mi apoyo" in _thread(second, ana_comment)
    assert "Quitar mi apoyo" not in first
    # Tokens: no placeholder left, every form's client token different, nobody else's.
    for html in (first, second):
        assert not any(p in html for p in reader_pages.placeholders())
    first_tokens, second_tokens = TOKEN.findall(first), TOKEN.findall(second)
    assert len(set(first_tokens)) == len(first_tokens) >= 3
    assert not set(first_tokens) & set(second_tokens)
    assert _csrf(first) != _csrf(second)


def test_a_shared_page_costs_a_fixed_number_of_queries(consultation, citizen, other_citizen):
    services.comment_create(actor=citizen, consultation=consultation, body="Uno.")
    path = consultation.version.get_absolute_url()
    _get(_signed_in(citizen), path)
    beto = _signed_in(other_citizen)
    _get(beto, path)
    with CaptureQueriesContext(connection) as queries:
        _, rendered = _get(beto, path)
    assert rendered == 0
    # Their comments and supports here (the person, the session and whether their e-mail is
    # verified come from the cache).
    assert len(queries) == 1, [q["sql"] for q in queries]


def _actions(html: str, comment: Comment) -> str:
    return _slot(html, f"acciones-{comment.pk}")


def test_a_reader_whose_comment_is_shown_gets_its_actions_without_another_query(
    consultation, citizen, other_citizen
):
    section = consultation.version.sections.order_by("order").first()
    anas = services.comment_create(
        actor=citizen, consultation=consultation, section=section, body="De Ana."
    )
    betos = services.comment_create(
        actor=other_citizen, consultation=consultation, parent=anas, body="Sí."
    )
    path = consultation.version.get_absolute_url()
    _get(_signed_in(other_citizen), path)  # the shared page, kept
    ana = _signed_in(citizen)
    _get(ana, path)
    with CaptureQueriesContext(connection) as queries:
        html, rendered = _get(ana, path)
    assert rendered == 0
    # Her comments and supports (the person comes from the cache): her comment's actions are
    # decided from what the page noted of it, and the thread around them is the shared one.
    assert len(queries) == 1, [q["sql"] for q in queries]
    assert "/editar/" in _actions(html, anas) and "/retirar/" in _actions(html, anas)
    assert "Apoyar" not in _actions(html, anas)  # not her own
    assert "/editar/" not in _actions(html, betos) and "Apoyar" in _actions(html, betos)
    assert "Sí." in _thread(html, anas)
    assert not any(p in html for p in reader_pages.placeholders())


def test_a_comment_of_the_reader_that_changed_since_the_page_was_rendered_is_read_again(
    consultation, citizen, other_citizen, settings, monkeypatch
):
    """The page is not rendered again yet (someone else is at it): what changed in a comment
    the reader wrote (their edit, a reply to it) is on their next page, from the database."""
    section = consultation.version.sections.order_by("order").first()
    anas = services.comment_create(
        actor=citizen, consultation=consultation, section=section, body="De Ana."
    )
    path = consultation.version.get_absolute_url()
    ana, beto = _signed_in(citizen), _signed_in(other_citizen)
    _get(beto, path)  # the shared page, kept
    monkeypatch.setattr(reader_pages.ReaderPageMiddleware, "_lock", staticmethod(lambda key: False))
    services.comment_edit(actor=citizen, comment=anas, body="De Ana, corregido.")
    services.comment_create(
        actor=other_citizen, consultation=consultation, parent=anas, body="Respuesta de Beto."
    )
    with CaptureQueriesContext(connection) as queries:
        html, rendered = _get(ana, path)
    assert rendered == 0
    # The person (her first page), her comments and supports, and her thread, read again.
    assert len(queries) == 3, [q["sql"] for q in queries]
    thread = _thread(html, anas)
    assert "De Ana, corregido." in thread and "Respuesta de Beto." in thread
    assert "/editar/" in _actions(html, anas)
    carla = _signed_in(make_user("carla@example.mx", display_name="Carla"))
    theirs, rendered = _get(carla, path)
    assert rendered == 0 and "De Ana, corregido." not in theirs  # with the next rendering


def test_actions_decided_from_the_notes_are_those_read_from_the_database(
    consultation, citizen, other_citizen, tech_user, monkeypatch
):
    """Parity: for each kind of comment a reader may have on the page (theirs, fresh or past
    its 15 minutes, answered, a reply of theirs, one they supported, someone else's), the
    actions decided from what the page noted equal those of the thread read and rendered for
    them."""
    import datetime

    from django.utils import timezone

    from consultation import presenters
    from consultation.models import Answer

    first, second, third = consultation.version.sections.order_by("order")[:3]
    fresh = services.comment_create(
        actor=citizen, consultation=consultation, section=first, body="Reciente."
    )
    old = services.comment_create(
        actor=citizen,
        consultation=consultation,
        section=second,
        body="De hace una hora.",
        at=timezone.now() - datetime.timedelta(hours=1),
    )
    answered = services.comment_create(
        actor=citizen, consultation=consultation, section=third, body="Respondido."
    )
    Answer.objects.create(
        comment=answered, outcome="incorporated", body="Sí.", author=tech_user,
        published_at=timezone.now(),
    )  # fmt: skip
    betos = services.comment_create(
        actor=other_citizen, consultation=consultation, section=first, body="De Beto."
    )
    reply = services.comment_create(
        actor=citizen, consultation=consultation, parent=betos, body="Respuesta de Ana."
    )
    supported = services.comment_create(
        actor=other_citizen, consultation=consultation, section=second, body="Apoyado."
    )
    services.support_add(actor=citizen, comment=supported)
    path = consultation.version.get_absolute_url()
    _get(_signed_in(other_citizen), path)  # the shared page, kept
    ana = _signed_in(citizen)
    noted, rendered = _get(ana, path)
    assert rendered == 0
    # The same page with every comment of hers read again from the database (as when each
    # changed since the rendering): her threads rendered for her.
    real_marks = presenters.comment_marks

    def changed(user, version_id):
        marks = real_marks(user, version_id)
        for mark in marks.values():
            mark.state = ("changed",)
        return marks

    monkeypatch.setattr(presenters, "comment_marks", changed)
    read, rendered = _get(ana, path)
    assert rendered == 0
    tokens = re.compile(r'value="[^"]+"')
    for comment in (fresh, old, answered, betos, reply, supported):
        assert tokens.sub("", _actions(noted, comment)) == tokens.sub("", _actions(read, comment))
    assert "/editar/" in _actions(noted, fresh) and "/retirar/" in _actions(noted, fresh)
    assert "/editar/" not in _actions(noted, old) and "/retirar/" in _actions(noted, old)
    assert "/editar/" not in _actions(noted, answered)
    assert "/editar/" in _actions(noted, reply)
    assert "Quitar mi apoyo" in _actions(noted, supported)
    assert "/editar/" not in _actions(noted, betos) and "Apoyar" in _actions(noted, betos)


def test_the_form_of_a_shared_page_publishes_once_and_its_author_sees_it_next(
    consultation, citizen, other_citizen
):
    path = consultation.version.get_absolute_url()
    _get(_signed_in(citizen), path)  # the shared page, kept
    beto = _signed_in(other_citizen)
    html, rendered = _get(beto, path)
    assert rendered == 0
    section = consultation.version.sections.order_by("order")[1]
    textarea = html.index(f'id="comentar-{section.anchor}"')
    form = html[html.rindex("<form", 0, textarea) : html.index("</form>", textarea)]
    data = {
        "csrfmiddlewaretoken": _csrf(form),
        "client_token": TOKEN.search(form)[1],
        "section": section.anchor,
        "body": "Escrito en una página compartida.",
    }
    action = re.search(r'action="([^"]+)"', form)[1]
    assert beto.post(action, data).status_code == 302
    assert beto.post(action, data).status_code == 302  # sent twice: stored once
    assert Comment.objects.filter(body="Escrito en una página compartida.").count() == 1
    beto.cookies.pop("messages", None)  # no message waiting: the shared path, not a lone one
    after, rendered = _get(beto, path)
    assert rendered == 1  # the generation changed: this request renders the page again
    assert "Escrito en una página compartida." in after
    ana_page, rendered = _get(_signed_in(citizen), path)
    assert rendered == 0 and "Escrito en una página compartida." in ana_page


def test_a_reader_served_the_page_as_it_was_sees_what_they_wrote_since(
    consultation, citizen, other_citizen, monkeypatch
):
    """While another request renders the page again, the others are served the one there
    was: what the reader wrote since is rendered for them in it (its panel, its thread)."""
    first, second = consultation.version.sections.order_by("order")[:2]
    anas = services.comment_create(
        actor=citizen, consultation=consultation, section=first, body="De Ana."
    )
    path = consultation.version.get_absolute_url()
    ana, beto = _signed_in(citizen), _signed_in(other_citizen)
    _get(ana, path)  # the shared page, kept
    _get(beto, path)
    # Someone else is rendering it again all along: everybody gets the page there was.
    monkeypatch.setattr(reader_pages.ReaderPageMiddleware, "_lock", staticmethod(lambda key: False))
    services.comment_create(
        actor=other_citizen, consultation=consultation, section=second, body="Nuevo de Beto."
    )
    services.comment_create(
        actor=other_citizen, consultation=consultation, parent=anas, body="Respuesta de Beto."
    )
    services.support_add(actor=other_citizen, comment=anas)
    with CaptureQueriesContext(connection) as queries:
        mine, rendered = _get(beto, path)
    assert rendered == 0
    # The panel's sections are read without the policy's text (a copy per section).
    assert not any('"drafts_version"."body"' in q["sql"] for q in queries)
    panel = _slot(mine, f"panel-{second.pk}")
    assert "Nuevo de Beto." in panel and "1 comentario sobre esta sección" in panel
    assert "/editar/" in panel  # his, with his actions
    thread = _thread(mine, anas)
    assert "Respuesta de Beto." in thread and "Quitar mi apoyo" in thread
    assert mine.count(f'id="comentarios-{second.anchor}"') == 1
    theirs, rendered = _get(ana, path)
    assert rendered == 0  # the page as it was: Beto's news reach Ana with the next rendering
    assert "Nuevo de Beto." not in theirs
    # Her own thread changed (a reply, a support): it is read and rendered for her.
    assert "Respuesta de Beto." in _thread(theirs, anas)


def test_a_comment_the_panel_would_not_show_costs_no_rendering_for_its_author(
    consultation, citizen, other_citizen, monkeypatch
):
    """A section that shows its first comments only: a new one there would change its count
    alone, which the next rendering brings to everyone (its author too); its own page, with
    room on its last page, shows it to its author at once."""
    first, second = consultation.version.sections.order_by("order")[:2]
    for n in range(selectors.PER_SECTION):
        services.comment_create(
            actor=citizen, consultation=consultation, section=first, body=f"Primero {n}."
        )
    path = consultation.version.get_absolute_url()
    focus = f"{path}?seccion={first.anchor}"
    beto = _signed_in(other_citizen)
    _get(_signed_in(citizen), path)  # the shared pages, kept
    _get(_signed_in(citizen), focus)
    _get(beto, path)
    monkeypatch.setattr(reader_pages.ReaderPageMiddleware, "_lock", staticmethod(lambda key: False))
    services.comment_create(
        actor=other_citizen, consultation=consultation, section=first, body="Cuarto, de Beto."
    )
    with CaptureQueriesContext(connection) as queries:
        mine, rendered = _get(beto, path)
    assert rendered == 0
    assert len(queries) == 1, [q["sql"] for q in queries]  # as when he wrote nothing
    panel = mine[mine.index(f"<!--slot:panel-{first.pk}-->") :]
    assert "Cuarto, de Beto." not in panel
    assert f"{selectors.PER_SECTION} comentarios sobre esta sección" in panel
    on_its_page, rendered = _get(beto, focus)
    assert rendered == 0 and "Cuarto, de Beto." in on_its_page
    assert "/editar/" in on_its_page  # his, with his actions


def test_unverified_readers_have_a_page_of_their_own_kind(consultation, citizen, unverified):
    other = make_user("otra-sin-confirmar@example.mx", verified=False, display_name="Otra")
    path = consultation.version.get_absolute_url()
    _get(_signed_in(citizen), path)
    html, rendered = _get(_signed_in(unverified), path)
    assert rendered == 1  # not the verified readers' page
    assert "comment-form" not in html and "Confirma tu correo</a> para comentar" in html
    again, rendered = _get(_signed_in(other), path)
    assert rendered == 0 and "comment-form" not in again


def test_a_waiting_message_is_shown_to_its_reader_alone_and_once(
    consultation, citizen, other_citizen
):
    from django.contrib.messages import constants
    from django.contrib.messages.storage.cookie import CookieStorage
    from django.http import HttpRequest, HttpResponse

    path = consultation.version.get_absolute_url()
    _get(_signed_in(citizen), path)
    beto = _signed_in(other_citizen)
    request, response = HttpRequest(), HttpResponse()
    storage = CookieStorage(request)
    storage.add(constants.SUCCESS, "Mensaje sólo para Beto.")
    storage.update(response)
    beto.cookies["messages"] = response.cookies["messages"].value
    html, rendered = _get(beto, path)
    assert rendered == 0 and "Mensaje sólo para Beto." in html  # the shared page, his slot
    assert not any(p in html for p in reader_pages.placeholders())
    again, _ = _get(beto, path)
    assert "Mensaje sólo para Beto." not in again  # shown once
    later, _ = _get(_signed_in(citizen), path)
    assert "Mensaje sólo para Beto." not in later


def test_with_redis_not_answering_each_page_is_rendered_for_its_reader(
    consultation, citizen, monkeypatch
):
    def down(*args, **kwargs):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(page_cache.cache, "get_many", down)
    monkeypatch.setattr(page_cache.cache, "set", down)
    path = consultation.version.get_absolute_url()
    ana = _signed_in(citizen)
    for _ in range(2):
        html, rendered = _get(ana, path)
        assert rendered == 1 and "comment-form" in html
        assert not any(p in html for p in reader_pages.placeholders())


def test_the_stand_in_reader_is_nobody():
    reader = reader_pages.SharedReader(verified=True)
    assert reader.is_authenticated and reader.pk != 1 and reader.pk != None  # noqa: E711
    assert not reader.has_perm("consultation.moderate_comment")
    assert reader_pages.verified_email(reader) is True
    assert not hasattr(reader, "email")


def test_slots_are_filled_by_name_and_a_missing_one_changes_nothing():
    page = "a<!--slot:x-->old<!--/slot:x-->b<!--slot:y-->keep<!--/slot:y-->c"
    assert (
        reader_pages.fill_slots(page, {"x": "new", "z": "gone"})
        == "a<!--slot:x-->new<!--/slot:x-->b<!--slot:y-->keep<!--/slot:y-->c"
    )
    with pytest.raises(ValueError):
        reader_pages.fill_slots(page, {"x-->": "bad"})


def test_a_reader_who_confirms_their_e_mail_gets_the_forms_at_once(consultation, unverified):
    from allauth.account.models import EmailAddress

    path = consultation.version.get_absolute_url()
    reader = _signed_in(unverified)
    html, _ = _get(reader, path)
    assert "comment-form" not in html
    EmailAddress.objects.update_or_create(
        user=unverified, email=unverified.email, defaults={"verified": True, "primary": True}
    )
    html, _ = _get(reader, path)
    assert "comment-form" in html


def test_a_shared_page_goes_out_gzipped_and_padded_to_a_browser_that_accepts_it(
    consultation, citizen
):
    import gzip

    path = consultation.version.get_absolute_url()
    ana = _signed_in(citizen)
    plain = ana.get(path)
    packed = ana.get(path, headers={"accept-encoding": "gzip, deflate, br"})
    assert "Content-Encoding" not in plain and packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"] and "private" in packed["Cache-Control"]
    body = packed.content
    assert int(packed["Content-Length"]) == len(body)
    assert body[3] & gzip.FNAME  # a random-length name: the length tells nothing (BREACH)
    html = gzip.decompress(body).decode()
    assert "comment-form" in html and "</html>" in html
    assert not any(p in html for p in reader_pages.placeholders())


def test_a_comment_cannot_write_a_slot_of_the_page(consultation, citizen, other_citizen):
    section = consultation.version.sections.order_by("order").first()
    target = services.comment_create(
        actor=citizen, consultation=consultation, section=section, body="El de Ana."
    )
    services.support_add(actor=other_citizen, comment=target)
    for body in (
        f"<!--slot:comentario-{target.pk}-->robado<!--/slot:comentario-{target.pk}-->",
        f"`<!--slot:comentario-{target.pk}-->`",
        f"<!--slot:acciones-{target.pk}-->robado<!--/slot:acciones-{target.pk}-->",
    ):
        services.comment_create(actor=other_citizen, consultation=consultation, body=body)
    path = consultation.version.get_absolute_url()
    html, _ = _get(_signed_in(other_citizen), path)
    assert html.count(f"<!--slot:comentario-{target.pk}-->") == 1
    assert html.count(f"<!--slot:acciones-{target.pk}-->") == 1
    assert "Quitar mi apoyo" in _thread(html, target) and "robado" not in _thread(html, target)
    assert "Quitar mi apoyo" in _actions(html, target)


def test_a_shared_page_is_rendered_again_at_most_once_in_the_refresh_time(
    consultation, citizen, other_citizen, settings
):
    settings.PAGE_REFRESH_SECONDS = 60
    path = consultation.version.get_absolute_url()
    _get(_signed_in(citizen), path)
    services.comment_create(actor=citizen, consultation=consultation, body="Otro más.")
    page, rendered = _get(_signed_in(other_citizen), path)
    assert rendered == 0 and "Otro más." not in page  # rendered less than a minute ago
    settings.PAGE_REFRESH_SECONDS = 0
    page, rendered = _get(_signed_in(other_citizen), path)
    assert rendered == 1 and "Otro más." in page


def test_each_language_has_its_own_shared_page(consultation, citizen, other_citizen):
    path = consultation.version.get_absolute_url()
    _get(_signed_in(citizen), path)
    english, rendered = _get(_signed_in(other_citizen), "/en" + path)
    assert rendered == 1 and "My account" in english and "Mi cuenta" not in english
    spanish, rendered = _get(_signed_in(other_citizen), path)
    assert rendered == 0 and "Mi cuenta" in spanish
