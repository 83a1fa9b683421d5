"""The staff pages on the public site: moderation queue, triage and answers."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from consultation import services
from consultation.models import Answer, Comment, Flag, ModerationAction, Notification
from consultation.tests.staff_fixtures import *  # noqa: F403 (fixtures)
from consultation.tests.staff_fixtures import make_comment


def _path(name: str, *args) -> str:
    # The Spanish path, whatever language an earlier request left active.
    with translation.override("es-mx"):
        return reverse(name, args=args)


QUEUE = _path("consultation:moderation-queue")
TRIAGE = _path("consultation:triage")


def hide_url(comment):
    return _path("consultation:comment-hide", comment.pk)


def restore_url(comment):
    return _path("consultation:comment-restore", comment.pk)


def answer_url(comment):
    return _path("consultation:answer-edit", comment.pk)


def en(url: str) -> str:
    """The English page: texts are asserted by their msgids, whatever the Spanish catalogue."""
    return f"/en{url}"


# Moderation ------------------------------------------------------------------------------------


def test_the_queue_shows_flagged_comments_with_their_reasons_and_counts(client, moderator, flagged):
    client.force_login(moderator)
    response = client.get(en(QUEUE))
    assert response.status_code == 200
    html = response.text
    assert "Contiene datos personales" in html
    assert "1 flag" in html
    assert hide_url(flagged) in html


def test_a_moderator_hides_with_a_reason_and_restores_and_both_actions_are_recorded(
    client, moderator, flagged
):
    client.force_login(moderator)
    response = client.post(hide_url(flagged), {f"c{flagged.pk}-reason": "Datos personales"})
    assert response.status_code == 302
    assert response["Location"] == QUEUE
    flagged.refresh_from_db()
    assert flagged.status == Comment.Status.HIDDEN
    assert flagged.hidden_reason == "Datos personales"
    assert Flag.objects.get(comment=flagged).resolved_at is not None

    response = client.post(restore_url(flagged), {f"c{flagged.pk}-reason": "Se editó"})
    assert response.status_code == 302
    flagged.refresh_from_db()
    assert flagged.status == Comment.Status.VISIBLE
    assert flagged.hidden_reason == ""

    hide, restore = ModerationAction.objects.order_by("created_at", "pk")
    assert (hide.action, hide.actor, hide.reason) == ("hide", moderator, "Datos personales")
    assert (restore.action, restore.actor) == ("restore", moderator)
    assert hide.created_at is not None and restore.created_at >= hide.created_at
    assert Comment.objects.filter(pk=flagged.pk).exists()  # nothing is deleted

    html = client.get(QUEUE).text
    assert "Moderadora" in html and "Datos personales" in html


def test_hiding_without_a_reason_shows_a_clear_error_and_changes_nothing(
    client, moderator, flagged
):
    client.force_login(moderator)
    response = client.post(en(hide_url(flagged)), {f"c{flagged.pk}-reason": "   "})
    assert response.status_code == 400
    assert "Give the public reason for hiding this comment." in response.text
    assert 'class="error-summary"' in response.text
    flagged.refresh_from_db()
    assert flagged.status == Comment.Status.VISIBLE
    assert not ModerationAction.objects.exists()


def test_a_citizen_cannot_hide_or_restore_and_nothing_changes(client, citizen, flagged):
    client.force_login(citizen)
    assert client.get(QUEUE).status_code == 403
    assert client.post(hide_url(flagged), {f"c{flagged.pk}-reason": "x"}).status_code == 403
    flagged.refresh_from_db()
    assert flagged.status == Comment.Status.VISIBLE
    with pytest.raises(PermissionDenied):
        services.comment_hide(actor=citizen, comment=flagged, reason="r")
    assert client.post(restore_url(flagged)).status_code == 403
    assert not ModerationAction.objects.exists()


def test_anonymous_people_are_sent_to_log_in(client, flagged):
    response = client.get(QUEUE)
    assert response.status_code == 302
    assert "/cuenta/" in response["Location"]


def test_hide_and_restore_only_take_post(client, moderator, flagged):
    client.force_login(moderator)
    assert client.get(hide_url(flagged)).status_code == 405
    assert client.get(restore_url(flagged)).status_code == 405


def test_restoring_a_visible_comment_says_why_and_records_nothing(client, moderator, comment):
    client.force_login(moderator)
    response = client.post(en(restore_url(comment)), follow=True)
    assert "Only a hidden comment can be restored." in response.text
    assert not ModerationAction.objects.exists()


def test_the_queue_makes_a_bounded_number_of_queries(
    client, moderator, consultation, citizen, other_citizen, django_assert_max_num_queries
):
    for i in range(30):
        c = make_comment(consultation, citizen, body=f"Comentario {i}")
        Flag.objects.create(comment=c, user=other_citizen, reason=f"Motivo {i}")
    for i in range(30):
        make_comment(consultation, citizen, body=f"Oculto {i}", status="hidden", hidden_reason="x")
    client.force_login(moderator)
    with django_assert_max_num_queries(12):
        assert client.get(QUEUE).status_code == 200


# Triage ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["citizen", "moderator"])
def test_only_the_technical_group_reaches_triage_and_answers(client, request, who, comment):
    client.force_login(request.getfixturevalue(who))
    assert client.get(TRIAGE).status_code == 403
    assert client.get(answer_url(comment)).status_code == 403
    response = client.post(answer_url(comment), {"outcome": "incorporated", "body": "Sí"})
    assert response.status_code == 403
    assert client.post(mark_read_url(comment), {"read": "1"}).status_code == 403
    assert not Answer.objects.exists()
    comment.refresh_from_db()
    assert not comment.read_by_staff


@pytest.mark.parametrize("who", ["citizen", "moderator"])
def test_the_answer_service_refuses_anyone_outside_the_technical_group(request, who, comment):
    with pytest.raises(PermissionDenied):
        services.answer_save(
            actor=request.getfixturevalue(who), comment=comment, outcome="incorporated", body="Sí"
        )


def _triage_ids(client, **params):
    response = client.get(TRIAGE, params)
    assert response.status_code == 200
    return {c.pk for c in response.context["page"].object_list}


def test_triage_filters_return_the_right_comments(
    client, tech_user, consultation, citizen, other_citizen, session, later_version
):
    sections = list(consultation.version.sections.order_by("order"))
    online = make_comment(consultation, citizen, section=sections[0])  # academia, Jalisco (14)
    other = make_comment(consultation, other_citizen, section=sections[1], read_by_staff=True)
    in_person = services.contribution_record(
        actor=tech_user,
        session=session,
        body="Dicho en el foro",
        section=sections[1],
        participant_sector="private",
        participant_state="09",
    )
    Flag.objects.create(comment=other, user=citizen, reason="Spam")
    services.answer_save(
        actor=tech_user, comment=online, outcome="incorporated", body="Gracias", publish=True
    )
    services.answer_save(actor=tech_user, comment=in_person, outcome="partially", body="Borrador")
    client.force_login(tech_user)

    assert _triage_ids(client) == {online.pk, other.pk, in_person.pk}
    # A version without a consultation is not a choice: that filter is ignored, the others apply.
    assert _triage_ids(client, version=later_version.pk, channel="in_person") == {in_person.pk}
    assert _triage_ids(client, version=consultation.version.pk) == {
        online.pk,
        other.pk,
        in_person.pk,
    }
    assert _triage_ids(client, section=sections[1].pk) == {other.pk, in_person.pk}
    assert _triage_ids(client, sector="academia") == {online.pk}
    assert _triage_ids(client, sector="private") == {in_person.pk}
    assert _triage_ids(client, state="14") == {online.pk}
    assert _triage_ids(client, state="09") == {in_person.pk}
    assert _triage_ids(client, channel="in_person") == {in_person.pk}
    assert _triage_ids(client, channel="online") == {online.pk, other.pk}
    assert _triage_ids(client, flagged="yes") == {other.pk}
    assert _triage_ids(client, flagged="no") == {online.pk, in_person.pk}
    assert _triage_ids(client, answered="yes") == {online.pk}
    assert _triage_ids(client, answered="draft") == {in_person.pk}
    assert _triage_ids(client, answered="no") == {other.pk, in_person.pk}
    # Publishing the answer marked `online` as read.
    assert _triage_ids(client, read="read") == {online.pk, other.pk}
    assert _triage_ids(client, read="unread") == {in_person.pk}
    assert _triage_ids(client, channel="online", flagged="yes") == {other.pk}


def mark_read_url(comment) -> str:
    return reverse("consultation:comment-mark-read", args=[comment.pk])


def test_marking_as_read_is_a_post_and_returns_to_the_same_filters(client, tech_user, comment):
    client.force_login(tech_user)
    response = client.post(mark_read_url(comment), {"read": "1", "query": "channel=online&page=1"})
    assert response.status_code == 302
    assert response["Location"] == f"{TRIAGE}?channel=online&page=1"
    comment.refresh_from_db()
    assert comment.read_by_staff
    client.post(mark_read_url(comment), {"read": "0"})
    comment.refresh_from_db()
    assert not comment.read_by_staff
    assert client.get(mark_read_url(comment)).status_code == 405
    assert client.post(TRIAGE, {"read": "1"}).status_code == 405
    missing = reverse("consultation:comment-mark-read", args=[comment.pk + 1000])
    assert client.post(missing, {"read": "1"}).status_code == 404


def test_triage_is_paginated_by_50_with_a_bounded_number_of_queries(
    client, tech_user, consultation, citizen, other_citizen, session, django_assert_max_num_queries
):
    sections = list(consultation.version.sections.all())
    comments = [
        Comment(
            consultation=consultation,
            version=consultation.version,
            section=sections[i % len(sections)],
            author=citizen,
            body=f"Comentario {i}",
            body_html=f"<p>Comentario {i}</p>",
        )
        for i in range(150)
    ] + [
        Comment(
            consultation=consultation,
            version=consultation.version,
            channel="in_person",
            session=session,
            participant_name=f"Persona {i}",
            body=f"Aporte {i}",
        )
        for i in range(50)
    ]
    Comment.objects.bulk_create(comments)
    for c in Comment.objects.all()[:40]:
        Flag.objects.create(comment=c, user=other_citizen, reason="Revisar")
        Answer.objects.create(comment=c, outcome="incorporated", body="Sí", author=tech_user)
    client.force_login(tech_user)
    with django_assert_max_num_queries(15):
        response = client.get(TRIAGE)
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 200
    assert len(response.context["page"].object_list) == 50
    with django_assert_max_num_queries(15):
        response = client.get(TRIAGE, {"page": 4, "flagged": "no", "sector": "academia"})
    assert response.status_code == 200


# Answers ---------------------------------------------------------------------------------------


def test_the_answer_page_shows_the_comment_and_only_later_sections(
    client, tech_user, comment, later_version
):
    client.force_login(tech_user)
    response = client.get(answer_url(comment))
    assert response.status_code == 200
    assert "Propongo publicar los datos" in response.text
    choices = response.context["form"].fields["target_section"].choices
    groups = [label for label, _options in choices[1:]]
    assert groups == [str(later_version)]


def test_a_draft_answer_is_saved_and_is_not_public(client, tech_user, comment):
    client.force_login(tech_user)
    response = client.post(
        answer_url(comment),
        {"outcome": "not_incorporated", "body": "Aún lo revisamos", "draft": "1"},
    )
    assert response.status_code == 302
    answer = Answer.objects.get(comment=comment)
    assert answer.published_at is None and not answer.is_published
    assert not Notification.objects.exists()


def test_publishing_an_answer_notifies_the_comments_author(
    client, tech_user, comment, later_version, django_capture_on_commit_callbacks
):
    client.force_login(tech_user)
    target = later_version.sections.order_by("order").last()
    with django_capture_on_commit_callbacks():
        response = client.post(
            answer_url(comment),
            {
                "outcome": "incorporated",
                "body": "Se **incorporó** en la nueva sección.",
                "target_section": target.pk,
                "publish": "1",
            },
        )
    assert response.status_code == 302
    answer = Answer.objects.get(comment=comment)
    assert answer.is_published
    assert answer.target_section == target
    assert answer.author == tech_user
    assert "<strong>incorporó</strong>" in answer.body_html
    notification = Notification.objects.get()
    assert notification.user == comment.author
    assert notification.kind == Notification.Kind.ANSWER
    assert notification.comment == comment


def test_the_target_section_must_be_of_a_later_version(client, tech_user, comment):
    same_version_section = comment.version.sections.order_by("order").last()
    client.force_login(tech_user)
    response = client.post(
        answer_url(comment),
        {
            "outcome": "incorporated",
            "body": "Texto que no se pierde",
            "target_section": same_version_section.pk,
            "publish": "1",
        },
    )
    assert response.status_code == 400
    assert not Answer.objects.exists()
    with pytest.raises(ValidationError):
        services.answer_save(
            actor=tech_user,
            comment=comment,
            outcome="incorporated",
            body="x",
            target_section=same_version_section,
        )


def test_a_failed_answer_shows_errors_and_keeps_the_typed_text(client, tech_user, comment):
    client.force_login(tech_user)
    response = client.post(answer_url(comment), {"body": "Lo que escribí", "publish": "1"})
    assert response.status_code == 400
    assert 'class="error-summary"' in response.text
    assert "Lo que escribí" in response.text
    assert 'aria-invalid="true"' in response.text
    assert not Answer.objects.exists()


def test_the_answer_page_makes_a_bounded_number_of_queries(
    client, tech_user, comment, later_version, django_assert_max_num_queries
):
    client.force_login(tech_user)
    with django_assert_max_num_queries(12):
        assert client.get(answer_url(comment)).status_code == 200


# Every staff path ------------------------------------------------------------------------------


def test_a_citizen_gets_403_on_every_staff_path(client, citizen, comment):
    client.force_login(citizen)
    for url in (QUEUE, TRIAGE, answer_url(comment)):
        assert client.get(url).status_code == 403, url
    for url in (
        hide_url(comment),
        restore_url(comment),
        mark_read_url(comment),
        answer_url(comment),
    ):
        assert client.post(url).status_code == 403, url


def test_a_moderator_keeps_a_reported_comment_visible_with_a_note(
    client, moderator, citizen, consultation
):
    from consultation.models import Flag, ModerationAction

    comment = services.comment_create(actor=citizen, consultation=consultation, body="Crítica.")
    services.flag_create(actor=moderator, comment=comment, reason="Me parece ofensivo.")
    client.force_login(moderator)
    url = reverse("consultation:flags-dismiss", args=[comment.pk])
    refused = client.post(url, {f"d{comment.pk}-note": ""})
    assert refused.status_code == 400
    assert Flag.objects.filter(resolved_at__isnull=True).count() == 1
    response = client.post(url, {f"d{comment.pk}-note": "Es una crítica, no un ataque."})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == "visible"
    assert not Flag.objects.filter(resolved_at__isnull=True).exists()
    action = ModerationAction.objects.get()
    assert action.action == "dismiss" and action.reason == "Es una crítica, no un ataque."
    queue = client.get(reverse("consultation:moderation-queue")).text
    assert "Es una crítica, no un ataque." in queue  # in the moderation history
