"""The consultation's writes: the window to the second, verification, the edit window,
withdrawal, support, the rate limit and double submissions."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from consultation import services
from consultation.models import Comment, Support

BODY = "Propongo que los catálogos usen DCAT."


def test_a_comment_one_second_before_the_close_is_accepted(citizen, consultation):
    at = consultation.closes_at - datetime.timedelta(seconds=1)
    comment = services.comment_create(actor=citizen, consultation=consultation, body=BODY, at=at)
    assert comment.pk and comment.created_at == at


def test_a_comment_at_the_closing_second_is_accepted(citizen, consultation):
    services.comment_create(
        actor=citizen, consultation=consultation, body=BODY, at=consultation.closes_at
    )
    assert Comment.objects.count() == 1


def test_a_comment_one_second_after_the_close_is_refused(citizen, consultation):
    at = consultation.closes_at + datetime.timedelta(seconds=1)
    with pytest.raises(PermissionDenied):
        services.comment_create(actor=citizen, consultation=consultation, body=BODY, at=at)
    assert not Comment.objects.exists()


def test_a_comment_before_the_opening_is_refused(citizen, consultation):
    at = consultation.opens_at - datetime.timedelta(seconds=1)
    with pytest.raises(PermissionDenied):
        services.comment_create(actor=citizen, consultation=consultation, body=BODY, at=at)
    assert not Comment.objects.exists()


def test_an_unverified_account_cannot_comment(unverified, consultation):
    with pytest.raises(PermissionDenied):
        services.comment_create(actor=unverified, consultation=consultation, body=BODY)
    assert not Comment.objects.exists()


def test_an_empty_comment_is_refused(citizen, consultation):
    with pytest.raises(ValidationError):
        services.comment_create(actor=citizen, consultation=consultation, body="   ")


def test_a_section_of_another_version_is_refused(citizen, consultation, tech_user):
    from consultation.tests.conftest import PNDA
    from drafts.tests.conftest import publish

    other = publish(tech_user, PNDA + "\n# Anexo\n\nTexto.\n", "Otra").sections.first()
    with pytest.raises(ValidationError):
        services.comment_create(actor=citizen, consultation=consultation, section=other, body=BODY)


def test_the_author_can_edit_within_15_minutes(citizen, consultation):
    comment = services.comment_create(actor=citizen, consultation=consultation, body=BODY)
    at = comment.created_at + datetime.timedelta(minutes=14)
    services.comment_edit(actor=citizen, comment=comment, body="Texto corregido.", at=at)
    comment.refresh_from_db()
    assert comment.body == "Texto corregido." and "corregido" in comment.body_html
    assert comment.edited_at == at


def test_editing_after_15_minutes_is_refused(citizen, consultation):
    comment = services.comment_create(actor=citizen, consultation=consultation, body=BODY)
    at = comment.created_at + datetime.timedelta(minutes=15, seconds=1)
    with pytest.raises(PermissionDenied):
        services.comment_edit(actor=citizen, comment=comment, body="Otro texto.", at=at)
    comment.refresh_from_db()
    assert comment.body == BODY


def test_someone_else_cannot_edit_a_comment(citizen, other_citizen, consultation):
    comment = services.comment_create(actor=citizen, consultation=consultation, body=BODY)
    with pytest.raises(PermissionDenied):
        services.comment_edit(actor=other_citizen, comment=comment, body="Otro texto.")


def test_withdrawing_keeps_the_row_as_withdrawn(citizen, consultation):
    comment = services.comment_create(actor=citizen, consultation=consultation, body=BODY)
    services.comment_withdraw(actor=citizen, comment=comment)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.WITHDRAWN
    assert comment.body == BODY  # the record keeps it; the page does not show it


def test_one_support_per_person_and_the_counter_follows(citizen, other_citizen, consultation):
    comment = services.comment_create(actor=citizen, consultation=consultation, body=BODY)
    assert services.support_add(actor=other_citizen, comment=comment) is True
    assert services.support_add(actor=other_citizen, comment=comment) is False
    comment.refresh_from_db()
    assert comment.support_count == 1
    assert Support.objects.filter(comment=comment).count() == 1
    assert services.support_remove(actor=other_citizen, comment=comment) is True
    comment.refresh_from_db()
    assert comment.support_count == 0


def test_the_author_cannot_support_their_own_comment(citizen, consultation):
    comment = services.comment_create(actor=citizen, consultation=consultation, body=BODY)
    with pytest.raises(PermissionDenied):
        services.support_add(actor=citizen, comment=comment)


def test_the_rate_limit_refuses_with_a_clear_message_and_stores_nothing(
    settings, citizen, consultation
):
    settings.CONSULTATION_RATE_LIMIT = (2, 600)
    for i in range(2):
        services.comment_create(actor=citizen, consultation=consultation, body=f"{BODY} {i}")
    with pytest.raises(services.RateLimited) as error:
        services.comment_create(actor=citizen, consultation=consultation, body="Uno más.")
    assert "2" in error.value.messages[0]
    assert Comment.objects.count() == 2


def test_the_rate_and_repeat_query_answers_as_the_orm_does(
    settings, citizen, other_citizen, consultation
):
    """services._check_repeat_and_rate asks in SQL of its own: the count of recent comments (the
    first second of the window included) and the repeated token are the ORM's."""
    from django.db import connection
    from django.db.models import Count, Max, Q

    now = datetime.datetime.now(datetime.UTC).replace(microsecond=250_000)
    window = datetime.timedelta(seconds=600)
    for minutes, token in ((30, "viejo"), (10, "borde"), (5, "a" * 32), (1, "")):
        services.comment_create(
            actor=citizen, consultation=consultation, body=f"{BODY} {minutes}",
            client_token=token, at=now - datetime.timedelta(minutes=minutes),
        )  # fmt: skip
    services.comment_create(
        actor=other_citizen, consultation=consultation, body=BODY, client_token="b" * 32, at=now
    )
    for token in ("a" * 32, "viejo", "b" * 32, "", "nunca"):
        since = now - window  # exactly the "borde" comment's moment
        with connection.cursor() as cursor:
            cursor.execute(
                services._REPEAT_AND_RATE_SQL,
                [connection.ops.adapt_datetimefield_value(since), token, citizen.pk],
            )
            raw = cursor.fetchone()
        orm = Comment.objects.filter(author=citizen).aggregate(
            recent=Count("pk", filter=Q(created_at__gte=since)),
            repeat=Max("pk", filter=Q(client_token=token) & ~Q(client_token="")),
        )
        assert raw == (orm["recent"], orm["repeat"]) and orm["recent"] == 3, token
    settings.CONSULTATION_RATE_LIMIT = (3, 600)
    with pytest.raises(services.RateLimited):
        services.comment_create(actor=citizen, consultation=consultation, body="Otro.", at=now)
    repeated = services.comment_create(
        actor=citizen, consultation=consultation, body="Otra vez.", client_token="a" * 32, at=now
    )
    assert repeated.body == f"{BODY} 5"  # the stored one, not a new one


def test_a_double_submission_with_the_same_token_stores_once(citizen, consultation):
    first = services.comment_create(
        actor=citizen, consultation=consultation, body=BODY, client_token="a" * 32
    )
    second = services.comment_create(
        actor=citizen, consultation=consultation, body=BODY, client_token="a" * 32
    )
    assert first.pk == second.pk
    assert Comment.objects.count() == 1


def test_a_reply_counts_on_its_parent(citizen, other_citizen, consultation):
    parent = services.comment_create(actor=citizen, consultation=consultation, body=BODY)
    reply = services.comment_create(
        actor=other_citizen, consultation=consultation, parent=parent, body="De acuerdo."
    )
    parent.refresh_from_db()
    assert reply.parent == parent and reply.section_id == parent.section_id
    assert parent.reply_count == 1


def test_a_flag_needs_a_reason_and_is_stored_once_per_person(citizen, other_citizen, consultation):
    comment = services.comment_create(actor=citizen, consultation=consultation, body=BODY)
    with pytest.raises(ValidationError):
        services.flag_create(actor=other_citizen, comment=comment, reason=" ")
    services.flag_create(actor=other_citizen, comment=comment, reason="Ofensivo")
    services.flag_create(actor=other_citizen, comment=comment, reason="Ofensivo")
    assert comment.flags.count() == 1


def test_a_support_cannot_be_taken_back_after_the_close(citizen, other_citizen, consultation):
    comment = services.comment_create(actor=citizen, consultation=consultation, body=BODY)
    services.support_add(actor=other_citizen, comment=comment)
    now = datetime.datetime.now(datetime.UTC)
    consultation.opens_at = now - datetime.timedelta(days=70)
    consultation.closes_at = now - datetime.timedelta(days=1)
    consultation.save()
    comment.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.support_remove(actor=other_citizen, comment=comment)
    comment.refresh_from_db()
    assert comment.support_count == 1
    assert Support.objects.filter(comment=comment).count() == 1


def test_a_comment_cannot_be_withdrawn_once_the_consultation_closed(citizen, consultation):
    comment = services.comment_create(actor=citizen, consultation=consultation, body=BODY)
    after = consultation.closes_at + datetime.timedelta(seconds=1)
    with pytest.raises(PermissionDenied):
        services.comment_withdraw(actor=citizen, comment=comment, at=after)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.VISIBLE


def test_once_closed_the_withdraw_page_refuses_and_the_link_is_gone(client, citizen, consultation):
    from django.urls import reverse

    comment = services.comment_create(actor=citizen, consultation=consultation, body=BODY)
    Consultation = type(consultation)
    Consultation.objects.filter(pk=consultation.pk).update(
        closes_at=consultation.opens_at + datetime.timedelta(minutes=1)
    )
    client.force_login(citizen)
    url = reverse("consultation:comment-withdraw", args=[comment.pk])
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    assert url not in client.get(consultation.version.get_absolute_url()).text
    comment.refresh_from_db()
    assert comment.status == Comment.Status.VISIBLE
