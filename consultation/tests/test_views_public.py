"""The public pages of the consultation: the version page with its comments, the actions on a
comment and /consulta/."""

import datetime

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from consultation import services
from consultation.models import Comment, Flag, Session, Support
from consultation.tests.conftest import make_user


def _en(path: str) -> str:
    """The English page: assertions on msgids hold whatever the Spanish catalogue says."""
    return "/en" + path


def _page_url(consultation) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return consultation.version.get_absolute_url()


def _create_url(consultation):
    with translation.override(settings.LANGUAGE_CODE):
        return reverse("consultation:comment-create", args=[consultation.version.number])


def _section(consultation, index=0):
    return consultation.version.sections.order_by("order")[index]


def test_the_version_page_shows_the_consultation_and_a_comment_form_to_a_verified_citizen(
    client, citizen, consultation
):
    client.force_login(citizen)
    response = client.get(consultation.version.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert consultation.title in html
    assert '<progress class="progress"' in html
    assert 'name="client_token"' in html
    assert "csrfmiddlewaretoken" in html
    assert html.count('name="body"') == 4  # three sections and the version as a whole


def test_a_verified_citizen_comments_on_a_section_and_lands_on_the_comment(
    client, citizen, consultation
):
    client.force_login(citizen)
    section = _section(consultation, 1)
    response = client.post(
        _create_url(consultation),
        {
            "body": "Hace falta un catálogo nacional.",
            "section": section.anchor,
            "client_token": "t1",
        },
    )
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == comment.get_absolute_url()
    assert comment.section == section and comment.author == citizen
    page = client.get(consultation.version.get_absolute_url()).content.decode()
    assert "Hace falta un catálogo nacional." in page
    assert f'id="comentario-{comment.pk}"' in page


def test_a_comment_on_the_version_as_a_whole_has_no_section(client, citizen, consultation):
    client.force_login(citizen)
    client.post(_create_url(consultation), {"body": "En general, bien.", "section": "version"})
    assert Comment.objects.get().section is None


def test_anonymous_people_are_asked_to_log_in_and_get_no_form(client, consultation):
    response = client.get(_en(_page_url(consultation)))
    html = response.content.decode()
    assert "Log in to comment" in html
    assert 'name="body"' not in html
    response = client.post(_create_url(consultation), {"body": "Hola"})
    assert response.status_code == 302 and "/cuenta/login/" in response["Location"]
    assert not Comment.objects.exists()


def test_an_unverified_account_is_asked_to_confirm_and_cannot_comment(
    client, unverified, consultation
):
    client.force_login(unverified)
    html = client.get(_en(_page_url(consultation))).content.decode()
    assert "Confirm your e-mail address" in html
    assert 'name="body"' not in html
    response = client.post(_create_url(consultation), {"body": "Hola"})
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_a_closed_consultation_says_when_it_closed_and_offers_no_form(
    client, citizen, consultation
):
    consultation.opens_at = timezone.now() - datetime.timedelta(days=60)
    consultation.closes_at = timezone.now() - datetime.timedelta(days=1)
    consultation.save()
    client.force_login(citizen)
    html = client.get(_en(_page_url(consultation))).content.decode()
    assert "The consultation closed on" in html
    assert 'name="body"' not in html
    assert client.post(_create_url(consultation), {"body": "Tarde"}).status_code == 403


def test_an_upcoming_consultation_says_when_it_opens(client, citizen, consultation):
    consultation.opens_at = timezone.now() + datetime.timedelta(days=2)
    consultation.save()
    client.force_login(citizen)
    html = client.get(_en(_page_url(consultation))).content.decode()
    assert "The consultation opens on" in html
    assert 'name="body"' not in html


def test_the_rate_limit_keeps_the_typed_text_and_says_why(settings, client, citizen, consultation):
    settings.CONSULTATION_RATE_LIMIT = (1, 600)
    client.force_login(citizen)
    client.post(_create_url(consultation), {"body": "Primero."})
    typed = "Mi segundo comentario, largo y pensado."
    response = client.post(_en(_create_url(consultation)), {"body": typed, "client_token": "x"})
    html = response.content.decode()
    assert response.status_code == 429
    assert typed in html
    assert "error-summary" in html and "Please wait a few minutes" in html
    assert Comment.objects.count() == 1


def test_an_empty_comment_re_renders_the_form_with_the_error(client, citizen, consultation):
    client.force_login(citizen)
    response = client.post(_create_url(consultation), {"body": "  "})
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
    assert not Comment.objects.exists()


def test_a_double_submission_with_the_same_token_stores_once(client, citizen, consultation):
    client.force_login(citizen)
    data = {"body": "Una sola vez.", "client_token": "b" * 32}
    first = client.post(_create_url(consultation), data)
    second = client.post(_create_url(consultation), data)
    assert first["Location"] == second["Location"]
    assert Comment.objects.count() == 1


def test_get_on_an_action_is_not_allowed(client, citizen, consultation):
    client.force_login(citizen)
    assert client.get(_create_url(consultation)).status_code == 405


@pytest.fixture
def comment(consultation, other_citizen):
    return services.comment_create(
        actor=other_citizen,
        consultation=consultation,
        section=_section(consultation),
        body="Los datos deben ser gratuitos.",
    )


def test_a_citizen_replies_to_a_comment(client, citizen, comment):
    client.force_login(citizen)
    url = reverse("consultation:comment-reply", args=[comment.pk])
    response = client.post(url, {"body": "Coincido.", "client_token": "r1"})
    reply = Comment.objects.get(parent=comment)
    assert response["Location"] == reply.get_absolute_url()
    html = client.get(comment.version.get_absolute_url()).content.decode()
    assert "Coincido." in html


def test_a_reply_asks_about_the_e_mail_once_and_then_the_cache_knows(client, citizen, comment):
    client.force_login(citizen)
    url = reverse("consultation:comment-reply", args=[comment.pk])
    client.get("/")  # the session and the user are read: not what is counted

    def e_mail_queries(token):
        with CaptureQueriesContext(connection) as queries:
            response = client.post(url, {"body": f"Coincido {token}.", "client_token": token})
        assert response.status_code == 302
        return [q["sql"] for q in queries.captured_queries if "account_emailaddress" in q["sql"]]

    assert len(e_mail_queries("r1")) == 1
    assert e_mail_queries("r2") == []  # remembered (abramos.reader_pages.verified_email)


def test_an_address_no_longer_verified_is_refused_at_the_next_post(client, citizen, comment):
    from allauth.account.models import EmailAddress

    client.force_login(citizen)
    url = reverse("consultation:comment-reply", args=[comment.pk])
    assert client.post(url, {"body": "Coincido.", "client_token": "r1"}).status_code == 302
    address = EmailAddress.objects.get(user=citizen)
    address.verified = False
    address.save()  # what allauth and the admin do: the remembered answer is forgotten
    response = client.post(url, {"body": "Otra vez.", "client_token": "r2"})
    assert response.status_code == 403
    assert not Comment.objects.filter(parent=comment, body="Otra vez.").exists()


@pytest.mark.parametrize("body", ["Coincido.", ""])
def test_a_comment_that_takes_no_replies_refuses_one_whether_the_form_is_valid_or_not(
    client, citizen, comment, moderator, body
):
    services.comment_hide(actor=moderator, comment=comment, reason="Datos personales")
    client.force_login(citizen)
    url = reverse("consultation:comment-reply", args=[comment.pk])
    response = client.post(url, {"body": body, "client_token": "r1"})
    assert response.status_code == 403
    assert not Comment.objects.filter(parent=comment).exists()


def test_the_author_edits_within_15_minutes(client, other_citizen, comment):
    client.force_login(other_citizen)
    url = reverse("consultation:comment-edit", args=[comment.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"body": "Texto nuevo."})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.body == "Texto nuevo."


def test_editing_after_15_minutes_is_refused(client, other_citizen, comment):
    Comment.objects.filter(pk=comment.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=16)
    )
    client.force_login(other_citizen)
    url = reverse("consultation:comment-edit", args=[comment.pk])
    assert client.post(url, {"body": "Tarde."}).status_code == 403
    comment.refresh_from_db()
    assert comment.body == "Los datos deben ser gratuitos."


def test_someone_else_cannot_edit_or_withdraw(client, citizen, comment):
    client.force_login(citizen)
    assert client.get(reverse("consultation:comment-edit", args=[comment.pk])).status_code == 403
    url = reverse("consultation:comment-withdraw", args=[comment.pk])
    assert client.post(url).status_code == 403


def test_withdrawing_asks_first_then_keeps_the_row_without_its_text(client, other_citizen, comment):
    client.force_login(other_citizen)
    url = reverse("consultation:comment-withdraw", args=[comment.pk])
    assert client.get(url).status_code == 200
    comment.refresh_from_db()
    assert comment.status == Comment.Status.VISIBLE
    client.post(url)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.WITHDRAWN
    html = client.get(_en(_page_url(comment.consultation))).content.decode()
    assert "Withdrawn by its author" in html
    assert "Los datos deben ser gratuitos." not in html


def test_a_hidden_comment_shows_the_reason_without_its_text(client, moderator, comment):
    services.comment_hide(actor=moderator, comment=comment, reason="Datos personales")
    html = client.get(_en(_page_url(comment.consultation))).content.decode()
    assert "Hidden by moderation: Datos personales" in html
    assert "Los datos deben ser gratuitos." not in html


def test_support_toggles_and_counts_once(client, citizen, comment):
    client.force_login(citizen)
    url = reverse("consultation:comment-support", args=[comment.pk])
    client.post(url)
    comment.refresh_from_db()
    assert comment.support_count == 1
    page = client.get(_en(_page_url(comment.consultation))).content.decode()
    assert "Remove my support" in page
    client.post(url)
    comment.refresh_from_db()
    assert comment.support_count == 0 and not Support.objects.exists()


def test_the_author_cannot_support_their_own_comment(client, other_citizen, comment):
    client.force_login(other_citizen)
    response = client.post(reverse("consultation:comment-support", args=[comment.pk]))
    assert response.status_code == 403
    comment.refresh_from_db()
    assert comment.support_count == 0


def test_a_flag_needs_a_reason(client, citizen, comment):
    client.force_login(citizen)
    url = reverse("consultation:comment-flag", args=[comment.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"reason": ""}).status_code == 400
    response = client.post(url, {"reason": "Es spam"})
    assert response["Location"] == comment.get_absolute_url()
    assert Flag.objects.get().reason == "Es spam"


def test_a_published_answer_shows_under_the_comment(client, tech_user, comment):
    services.answer_save(
        actor=tech_user, comment=comment, outcome="incorporated", body="Lo incluimos.",
        publish=True,
    )  # fmt: skip
    html = client.get(_en(_page_url(comment.consultation))).content.decode()
    assert "Lo incluimos." in html and "Incorporated" in html
    assert html.count('class="official-badge"') == 1  # the seal, on the answer only


def test_no_comment_can_show_the_seal_of_the_official_answers(client, consultation):
    # A name is text, escaped: it cannot draw the seal, whatever it holds.
    user = make_user("imita@example.org", display_name='<span class="official-badge">Ana</span>')
    services.comment_create(
        actor=user, consultation=consultation, body='<span class="official-badge">Sello</span>'
    )
    from abramos.tests.html import elements

    html = client.get(_page_url(consultation)).content.decode()
    assert "official-badge" in html  # the text is there, as text
    assert not [tag for tag, attrs in elements(html) if attrs.get("class") == "official-badge"]


def test_the_answered_filter_keeps_only_answered_comments(client, tech_user, consultation, comment):
    services.comment_create(actor=tech_user, consultation=consultation, body="Sin respuesta.")
    services.answer_save(
        actor=tech_user, comment=comment, outcome="incorporated", body="Sí.", publish=True
    )
    url = comment.version.get_absolute_url()
    answered = client.get(url, {"respondidos": "si"}).content.decode()
    assert "Los datos deben ser gratuitos." in answered and "Sin respuesta." not in answered
    unanswered = client.get(url, {"respondidos": "no"}).content.decode()
    assert "Los datos deben ser gratuitos." not in unanswered and "Sin respuesta." in unanswered


def test_the_sector_filter_keeps_only_that_sector(client, consultation, citizen, other_citizen):
    citizen.show_sector = True  # filters read only what comments show (accounts/public.py)
    citizen.save()
    services.comment_create(actor=citizen, consultation=consultation, body="Desde la academia.")
    services.comment_create(actor=other_citizen, consultation=consultation, body="Sin sector.")
    html = client.get(
        consultation.version.get_absolute_url(), {"sector": "academia"}
    ).content.decode()
    assert "Desde la academia." in html and "Sin sector." not in html


def test_a_section_shows_its_first_comments_and_links_to_all_of_them(client, consultation):
    section = _section(consultation)
    author = make_user("muchos@example.mx", display_name="Muchos")
    now = timezone.now()
    Comment.objects.bulk_create(
        Comment(
            consultation=consultation, version=consultation.version, section=section,
            author=author, body=f"c{i}", body_html=f"<p>Comentario número {i:02d}</p>",
            created_at=now + datetime.timedelta(seconds=i),
        )
        for i in range(60)
    )  # fmt: skip
    url = consultation.version.get_absolute_url()
    html = client.get(url).content.decode()
    assert "Comentario número 02" in html and "Comentario número 03" not in html
    assert f"?seccion={section.anchor}" in html
    page_one = client.get(url, {"seccion": section.anchor}).content.decode()
    assert "Comentario número 49" in page_one and "Comentario número 50" not in page_one
    page_two = client.get(url, {"seccion": section.anchor, "pagina": 2}).content.decode()
    assert "Comentario número 59" in page_two and "Comentario número 49" not in page_two


def test_the_overview_shows_the_window_the_version_and_the_sessions(client, consultation):
    Session.objects.create(
        consultation=consultation, kind="regional_forum", title="Foro regional Occidente",
        date=datetime.date(2026, 12, 3), state="14", place="Guadalajara",
    )  # fmt: skip
    response = client.get(reverse("consultation:overview"))
    html = response.content.decode()
    assert response.status_code == 200
    assert consultation.title in html and "Foro regional Occidente" in html
    assert "Jalisco" in html and '<progress class="progress"' in html
    assert consultation.version.get_absolute_url() in html


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_pages_answer_in_spanish_and_english(client, consultation, comment, prefix):
    assert client.get(prefix + reverse("consultation:overview")).status_code == 200
    assert client.get(prefix + _page_url(consultation)).status_code == 200


def test_the_overview_without_a_consultation_says_so(client, db):
    with translation.override(settings.LANGUAGE_CODE):
        url = reverse("consultation:overview")
    response = client.get(_en(url))
    assert response.status_code == 200
    assert "There is no public consultation yet" in response.content.decode()
