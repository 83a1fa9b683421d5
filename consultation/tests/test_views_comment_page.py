"""Every comment has a permanent page that contains it, its replies, its official answer, the
section text it was written on, and where the change it asked for landed."""

import pytest
from django.urls import reverse

from consultation import services
from consultation.models import Comment
from consultation.tests.conftest import PNDA
from drafts.tests.conftest import publish

pytestmark = pytest.mark.django_db


def test_a_comment_beyond_the_first_few_of_its_section_is_on_its_own_page(
    client, citizen, consultation
):
    section = consultation.version.sections.order_by("order").first()
    comments = [
        services.comment_create(
            actor=citizen, consultation=consultation, section=section, body=f"Idea número {n}."
        )
        for n in range(6)
    ]
    last = comments[-1]
    version_page = client.get(consultation.version.get_absolute_url()).text
    assert f'id="comentario-{last.pk}"' not in version_page  # only the first few are there
    assert last.get_absolute_url() == reverse("consultation:comment-detail", args=[last.pk])
    page = client.get(last.get_absolute_url()).text
    assert f'id="comentario-{last.pk}"' in page
    assert "Idea número 5." in page
    assert section.heading in page
    assert f'href="{consultation.version.get_absolute_url()}#{section.anchor}"' in page


def test_the_page_of_a_reply_shows_its_thread_and_the_answer_and_where_it_landed(
    client, citizen, other_citizen, tech_user, consultation, django_assert_max_num_queries
):
    top = services.comment_create(actor=citizen, consultation=consultation, body="Propuesta.")
    reply = services.comment_create(
        actor=other_citizen, consultation=consultation, parent=top, body="De acuerdo."
    )
    later = publish(tech_user, PNDA + "\n# Anexo\n\nNuevo.\n", "Otra").sections.last()
    services.answer_save(
        actor=tech_user, comment=top, outcome="incorporated", body="Lo incluimos.",
        target_section=later, publish=True,
    )  # fmt: skip
    with django_assert_max_num_queries(12):
        response = client.get(reply.get_absolute_url())
    html = response.text
    assert response.status_code == 200
    for text in ("Propuesta.", "De acuerdo.", "Lo incluimos."):
        assert text in html
    assert f'id="comentario-{reply.pk}"' in html and f'id="comentario-{top.pk}"' in html
    assert f'href="{later.version.get_absolute_url()}#{later.anchor}"' in html


def test_the_author_finds_the_actions_on_the_page_and_others_do_not(client, citizen, consultation):
    comment = services.comment_create(actor=citizen, consultation=consultation, body="Mío.")
    edit = reverse("consultation:comment-edit", args=[comment.pk])
    assert edit not in client.get(comment.get_absolute_url()).text
    client.force_login(citizen)
    assert edit in client.get(comment.get_absolute_url()).text


def test_after_an_action_the_person_lands_on_the_comments_page(client, citizen, consultation):
    comment = services.comment_create(actor=citizen, consultation=consultation, body="Mío.")
    client.force_login(citizen)
    response = client.post(
        reverse("consultation:comment-edit", args=[comment.pk]), {"body": "Otro."}
    )
    assert response["Location"] == comment.get_absolute_url()


def test_a_hidden_comment_keeps_its_page_with_the_public_reason(
    client, citizen, moderator, consultation
):
    comment = services.comment_create(actor=citizen, consultation=consultation, body="Spam.")
    services.comment_hide(actor=moderator, comment=comment, reason="Publicidad")
    html = client.get(comment.get_absolute_url()).text
    assert "Publicidad" in html and "Spam." not in html


def test_an_unknown_comment_is_a_404(client, db):
    assert client.get(reverse("consultation:comment-detail", args=[999999])).status_code == 404


def test_links_to_comments_from_search_and_e_mail_lead_to_their_pages(
    client, citizen, other_citizen, consultation, django_capture_on_commit_callbacks
):
    from django.core import mail

    top = services.comment_create(actor=citizen, consultation=consultation, body="Quetzales.")
    with django_capture_on_commit_callbacks(execute=True):
        reply = services.comment_create(
            actor=other_citizen, consultation=consultation, parent=top, body="Respuesta."
        )
    found = client.get("/buscar/", {"q": "quetzales"}).text
    assert f'href="{top.get_absolute_url()}"' in found
    (email,) = [m for m in mail.outbox if m.to == [citizen.email]]
    assert reply.get_absolute_url() in email.body  # the reply's page holds the whole thread
    assert Comment.objects.count() == 2


def test_every_edit_keeps_the_earlier_text_on_the_comments_page(client, citizen, consultation):
    comment = services.comment_create(actor=citizen, consultation=consultation, body="Primera.")
    services.comment_edit(actor=citizen, comment=comment, body="Segunda.")
    services.comment_edit(actor=citizen, comment=comment, body="Tercera.")
    html = client.get(comment.get_absolute_url()).text
    assert 'id="versiones-anteriores"' in html
    assert html.index("Primera.") < html.index("Segunda.")  # in the order they were replaced
    assert "Tercera." in html
    version_page = client.get(consultation.version.get_absolute_url()).text
    assert f'href="{comment.get_absolute_url()}#versiones-anteriores"' in version_page


def test_an_answered_comment_can_no_longer_be_edited_but_can_be_withdrawn(
    client, citizen, tech_user, consultation
):
    from django.core.exceptions import PermissionDenied

    comment = services.comment_create(actor=citizen, consultation=consultation, body="Texto.")
    services.answer_save(
        actor=tech_user, comment=comment, outcome="incorporated", body="Sí.", publish=True
    )
    comment.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.comment_edit(actor=citizen, comment=comment, body="Cambiado.")
    client.force_login(citizen)
    html = client.get(comment.get_absolute_url()).text
    assert reverse("consultation:comment-edit", args=[comment.pk]) not in html
    assert reverse("consultation:comment-withdraw", args=[comment.pk]) in html
    assert (
        client.post(
            reverse("consultation:comment-edit", args=[comment.pk]), {"body": "X"}
        ).status_code
        == 403
    )
    comment.refresh_from_db()
    assert comment.body == "Texto."


@pytest.mark.parametrize("how", ["hidden", "withdrawn"])
def test_a_hidden_or_withdrawn_comment_shows_none_of_its_earlier_texts(
    client, citizen, moderator, consultation, how
):
    comment = services.comment_create(actor=citizen, consultation=consultation, body="Insulto.")
    services.comment_edit(actor=citizen, comment=comment, body="Versión nueva.")
    if how == "hidden":
        services.comment_hide(actor=moderator, comment=comment, reason="Ofensivo")
    else:
        services.comment_withdraw(actor=citizen, comment=comment)
    html = client.get(comment.get_absolute_url()).text
    assert "Insulto." not in html and "Versión nueva." not in html


def test_a_comment_can_be_corrected_a_few_times_only(citizen, consultation):
    from django.core.exceptions import ValidationError

    from consultation.models import CommentEdit
    from consultation.services import MAX_EDITS

    comment = services.comment_create(actor=citizen, consultation=consultation, body="0")
    for n in range(1, MAX_EDITS + 1):
        services.comment_edit(actor=citizen, comment=comment, body=str(n))
    with pytest.raises(ValidationError):
        services.comment_edit(actor=citizen, comment=comment, body="otra vez")
    comment.refresh_from_db()
    assert comment.body == str(MAX_EDITS)
    assert CommentEdit.objects.filter(comment=comment).count() == MAX_EDITS
