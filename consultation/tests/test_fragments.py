"""The comment fragments of the version page (consultation/fragments.py): rendered once, taken
from the cache afterwards, and never stale, never someone else's."""

import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.test.signals import template_rendered

from abramos.accounts.models import User
from consultation import fragments, services
from consultation.models import Comment
from consultation.tests.conftest import make_user

COMMENT_TEMPLATE = "consultation/includes/comment.html"
PANEL_TEMPLATE = "consultation/panels/section.html"


@pytest.fixture
def commented(consultation, citizen, other_citizen):
    """Two comments on the first section, one by each citizen, and a reply to the first."""
    section = consultation.version.sections.order_by("order").first()
    first = services.comment_create(
        actor=citizen, consultation=consultation, section=section, body="Primer *comentario*."
    )
    second = services.comment_create(
        actor=other_citizen, consultation=consultation, section=section, body="Segundo."
    )
    reply = services.comment_create(
        actor=other_citizen, consultation=consultation, parent=first, body="Una respuesta."
    )
    return first, second, reply


def _renders(client: Client, path: str, template: str = COMMENT_TEMPLATE) -> tuple[str, int]:
    """The page, and how many times `template` (a comment's) was rendered for it."""
    names = []

    def listen(sender, template, **kwargs):
        names.append(template.name)

    template_rendered.connect(listen)
    try:
        response = client.get(path)
    finally:
        template_rendered.disconnect(listen)
    assert response.status_code == 200
    return response.content.decode(), names.count(template)


def _comment_html(html: str, comment: Comment, *, replies: bool = True) -> str:
    """One comment's article, with its replies or without them."""
    start = html.index(f'id="comentario-{comment.pk}"')
    depth, at = 0, start
    for match in re.finditer(r"<article\b|</article>", html[start:]):
        depth += 1 if match.group(0) == "<article" else -1
        at = start + match.end()
        if depth == 0:
            break
    article = html[start:at]
    return article if replies else article.split('<ol class="plain-list comment__replies"')[0]


def test_each_comment_is_rendered_once_then_comes_from_the_cache(
    client, consultation, commented, settings
):
    settings.PAGE_CACHE_SECONDS = 0  # the whole-page cache would hide the fragments
    path = consultation.version.get_absolute_url()
    first_html, first_renders = _renders(client, path)
    second_html, second_renders = _renders(client, path)
    assert first_renders == 3  # two comments and the reply inside the first
    assert second_renders == 0
    assert second_html == first_html
    assert "Primer <em>comentario</em>." in second_html and "Una respuesta." in second_html


@pytest.mark.parametrize(
    "change, shown",
    [
        (lambda c, actors: services.comment_withdraw(actor=actors["citizen"], comment=c),
         "Withdrawn by its author."),
        (lambda c, actors: services.comment_hide(actor=actors["moderator"], comment=c,
                                                 reason="Contiene datos personales"),
         "Hidden by moderation: Contiene datos personales"),
        (lambda c, actors: services.comment_edit(actor=actors["citizen"], comment=c,
                                                 body="Texto corregido."),
         "Texto corregido."),
        (lambda c, actors: services.support_add(actor=actors["third"], comment=c), "1 support"),
        (lambda c, actors: User.objects.filter(pk=c.author_id).update(display_name="Ana María"),
         "Ana María"),
        (lambda c, actors: services.answer_save(actor=actors["tech"], comment=c,
                                                outcome="incorporated", body="Lo incorporamos.",
                                                publish=True),
         "Lo incorporamos."),
        (lambda c, actors: services.comment_create(actor=actors["third"],
                                                   consultation=c.consultation, parent=c,
                                                   body="Otra respuesta más."),
         "Otra respuesta más."),
    ],
    ids=["withdrawn", "hidden", "edited", "supported", "renamed", "answered", "replied"],
)  # fmt: skip
def test_a_change_to_anything_a_comment_shows_shows_at_once(
    client, consultation, commented, citizen, moderator, tech_user, settings, change, shown
):
    settings.PAGE_CACHE_SECONDS = 0
    first = commented[0]
    actors = {
        "citizen": citizen,
        "moderator": moderator,
        "tech": tech_user,
        "third": make_user("carla@example.mx", display_name="Carla"),
    }
    path = "/en" + consultation.version.get_absolute_url()
    before, _ = _renders(client, path)
    assert shown not in _comment_html(before, first)
    change(Comment.objects.get(pk=first.pk), actors)
    after, renders = _renders(client, path)
    assert shown in _comment_html(after, first)
    assert renders >= 1  # the changed comment was rendered again, not served from the cache


def test_each_reader_sees_their_own_actions_and_never_anothers(
    client, consultation, commented, citizen, other_citizen, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    first, second, _reply = commented
    path = "/en" + consultation.version.get_absolute_url()
    services.support_add(actor=citizen, comment=second)
    pages = {}
    for person in (citizen, other_citizen, None):
        reader = Client()
        if person:
            reader.force_login(person)
        pages[person.email if person else "anonymous"] = _renders(reader, path)[0]
    ana, beto, anonymous = pages["ana@example.mx"], pages["beto@example.mx"], pages["anonymous"]
    # Ana wrote the first comment: she may edit and withdraw it, not support or report it.
    own = _comment_html(ana, first, replies=False)
    assert "Edit" in own and "Withdraw" in own
    assert "Report" not in own and ">Support<" not in own
    assert "Remove my support" in _comment_html(ana, second)
    # Beto sees Ana's comment as anyone else's, and his own support button on it.
    theirs = _comment_html(beto, first, replies=False)
    assert "Edit" not in theirs and "Report" in theirs and ">Support<" in theirs
    assert "Remove my support" not in beto
    # Nobody signed in: no form, no token, nothing to do.
    assert "csrfmiddlewaretoken" not in anonymous and "<form" not in _comment_html(anonymous, first)


def test_two_people_never_get_each_others_name_tokens_or_actions_with_the_cache_warm(
    consultation, citizen, settings
):
    """Ana and Beto read the same version page in turns, after an anonymous reader and each other
    warmed the comment and panel caches: each page carries only its reader's CSRF secret, fresh
    client tokens, and that reader's supports; neither name appears in the other's page."""
    from django.middleware.csrf import _unmask_cipher_token

    settings.PAGE_CACHE_SECONDS = 60
    section = consultation.version.sections.order_by("order").first()
    ones = [
        services.comment_create(
            actor=citizen, consultation=consultation, section=section, body=f"Comentario {n}."
        )
        for n in (1, 2)
    ]
    ana = make_user("ana.lectora@example.mx", display_name="Ana Lectora Única")
    beto = make_user("beto.lector@example.mx", display_name="Beto Lector Único")
    services.support_add(actor=ana, comment=ones[0])
    services.support_add(actor=beto, comment=ones[1])
    path = consultation.version.get_absolute_url()
    Client().get(path)  # an anonymous reader first
    readers = {ana: Client(), beto: Client()}
    for person, reader in readers.items():
        reader.force_login(person)
    seen_tokens: set[str] = set()
    for person in (ana, beto, ana, beto):
        reader = readers[person]
        other = beto if person is ana else ana
        html = reader.get(path).content.decode()
        assert person.display_name not in html and other.display_name not in html
        secret = reader.cookies[settings.CSRF_COOKIE_NAME].value
        other_cookie = readers[other].cookies.get(settings.CSRF_COOKIE_NAME)
        masked = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        assert masked and {_unmask_cipher_token(t) for t in masked} == {secret}
        assert other_cookie is None or other_cookie.value != secret
        tokens = re.findall(r'name="client_token" value="([0-9a-f]{32}-[rsv][0-9]*)"', html)
        assert tokens and not seen_tokens & set(tokens)  # new ones, never someone else's
        seen_tokens.update(tokens)
        mine = ones[0] if person is ana else ones[1]
        theirs = ones[1] if person is ana else ones[0]
        assert "Quitar mi apoyo" in _comment_html(html, mine)
        assert "Quitar mi apoyo" not in _comment_html(html, theirs)


def test_the_forms_in_cached_comments_carry_this_requests_tokens(
    consultation, commented, other_citizen, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    first = commented[0]
    path = consultation.version.get_absolute_url()
    reader = Client(enforce_csrf_checks=True)
    reader.force_login(other_citizen)
    _renders(reader, path)  # fills the cache
    html, renders = _renders(reader, path)
    assert renders == 0
    secret, token = fragments.placeholders()
    assert secret not in html and token not in html
    tokens = re.findall(r'name="client_token" value="([0-9a-f]{32}-[rsv][0-9]*)"', html)
    assert len(tokens) == len(set(tokens)) >= 2  # every form its own token
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', _comment_html(html, first))
    reply_form = _comment_html(html, first)
    action = re.search(r'<form method="post" action="([^"]+/responder/)"', reply_form)
    assert action, reply_form
    client_token = re.search(
        r'name="client_token" value="([0-9a-f]{32}-[rsv][0-9]*)"', reply_form
    ).group(1)
    response = reader.post(
        action.group(1),
        {
            "csrfmiddlewaretoken": csrf.group(1),
            "client_token": client_token,
            "body": "Respondo desde una página de la caché.",
        },
    )
    assert response.status_code == 302
    assert Comment.objects.filter(parent=first, body__startswith="Respondo desde").count() == 1


def test_a_comment_that_writes_a_placeholder_gets_nothing_from_it(
    client, consultation, citizen, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    secret, token = fragments.placeholders()
    # Nobody can know them (SECRET_KEY); even so, text is escaped text, never a slot.
    services.comment_create(
        actor=citizen, consultation=consultation, body=f"csrf0placeholder {secret[:8]} token"
    )
    html, _ = _renders(client, consultation.version.get_absolute_url())
    assert secret not in html and token not in html


def test_with_the_cache_down_every_comment_is_rendered(
    client, consultation, commented, settings, monkeypatch
):
    settings.PAGE_CACHE_SECONDS = 0

    def down(*args, **kwargs):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(cache, "get_many", down)
    html, renders = _renders(client, consultation.version.get_absolute_url())
    assert renders == 3
    assert "Primer <em>comentario</em>." in html and "Segundo." in html


def test_each_sections_panel_is_rendered_once_too_and_its_form_works_from_the_cache(
    consultation, commented, other_citizen, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    path = consultation.version.get_absolute_url()
    reader = Client(enforce_csrf_checks=True)
    reader.force_login(other_citizen)
    _, first = _renders(reader, path, PANEL_TEMPLATE)
    html, second = _renders(reader, path, PANEL_TEMPLATE)
    assert first == 4  # three sections (the reader may comment on each) and the whole version
    assert second == 1  # only the whole version's, which says who may comment
    section = consultation.version.sections.order_by("order")[1]
    textarea = html.index(f'id="comentar-{section.anchor}"')
    form = html[html.rindex("<form", 0, textarea) : html.index("</form>", textarea)]
    tokens = re.findall(r'name="client_token" value="([0-9a-f]{32}-[rsv][0-9]*)"', html)
    assert len(tokens) == len(set(tokens))
    response = reader.post(
        re.search(r'action="([^"]+)"', form).group(1),
        {
            "csrfmiddlewaretoken": re.search(r'csrfmiddlewaretoken" value="([^"]+)"', form)[1],
            "client_token": re.search(r'client_token" value="([0-9a-f]{32}-[rsv][0-9]*)"', form)[1],
            "section": section.anchor,
            "body": "Comento desde un panel que vino de la caché.",
        },
    )
    assert response.status_code == 302
    after, renders = _renders(reader, path, PANEL_TEMPLATE)
    assert renders == 2  # that section's panel again (one more comment), and the whole version's
    assert "Comento desde un panel que vino de la caché." in after


class _Recording:
    """A comment's view, or the comment, that notes every attribute the template reads of it
    (`can_support`, `comment.status`), replies included."""

    def __init__(self, target, reads: set[str], prefix: str = ""):
        object.__setattr__(self, "_target", target)
        object.__setattr__(self, "_reads", reads)
        object.__setattr__(self, "_prefix", prefix)

    def __getattr__(self, name):
        self._reads.add(self._prefix + name)
        value = getattr(self._target, name)
        if name == "replies":
            return [_Recording(reply, self._reads) for reply in value]
        if name == "comment":
            return _Recording(value, self._reads, "comment.")
        return value


def test_the_comment_template_reads_exactly_what_its_cache_key_is_made_of(commented, tech_user):
    """A field read by the template but missing from the key would serve a stale comment; one
    in the key but never read makes keys change for nothing."""
    from django.template.loader import render_to_string
    from django.utils import timezone

    from consultation.models import Answer
    from consultation.selectors import CommentView

    first, _second, reply = commented
    Answer.objects.create(
        comment=first, outcome=Answer.Outcome.INCORPORATED, body="Se incorpora.",
        author=tech_user, published_at=timezone.now(),
    )  # fmt: skip
    first = Comment.objects.select_related("answer").get(pk=first.pk)
    reads: set[str] = set()
    # Every branch: each status, every action offered, an edit, a reply and an answer.
    for status in (Comment.Status.VISIBLE, Comment.Status.HIDDEN, Comment.Status.WITHDRAWN):
        for comment in (first, reply):
            comment.status, comment.hidden_reason = status, "Motivo"
            comment.edited_at = timezone.now()
        flags = ("can_support", "supported", "can_edit", "can_withdraw", "can_flag")
        every = dict.fromkeys(flags, True)
        view = CommentView(first, can_reply=True, replies=[CommentView(reply, **every)], **every)
        context = {"view": _Recording(view, reads), "csrf_token": "t", "client_token": "c"}
        render_to_string(COMMENT_TEMPLATE, context)
    reads.discard("comment")  # the `with` that names it
    assert reads == set(fragments.KEY_PARTS)


def test_a_sections_cached_panel_reads_only_what_its_key_covers(commented, citizen, settings):
    """Rendered for a signed-in reader who may comment, with filters, on a section's page (every
    branch the cached panel has), the panel template reads nothing its key does not cover."""
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    from consultation import presenters, selectors

    first = commented[0]
    version = first.version
    sections = list(version.sections.order_by("order"))
    request = RequestFactory().get(
        version.get_absolute_url(), {"seccion": first.section.anchor, "sector": "academia"}
    )
    request.user = citizen
    reader, filters, blocks = selectors.comment_blocks(version, sections, request)
    reads: set[str] = set()
    for block in (blocks[first.section.anchor], blocks[sections[-1].anchor]):
        context = {
            "block": _Recording(block, reads, "block."),
            "reader": _Recording(reader, reads, "reader."),
            "filters": _Recording(filters, reads, "filters."),
            "consultation": _Recording(reader.consultation, reads, "consultation."),
            "client_token": "c",
        }
        panel = presenters.SectionPanel(presenters.SECTION_PANEL, context)
        render_to_string(
            presenters.SECTION_PANEL,
            {"panel": panel, "version": _Recording(version, reads, "version."), "csrf_token": "t"},
        )
    assert reads and reads <= presenters.PANEL_READS, reads - presenters.PANEL_READS
