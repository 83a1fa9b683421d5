"""The consultation's admin: sessions and their in-person contributions, and the public records
(comments, answers, flags, moderation) that nobody deletes."""

import pytest

from consultation import services
from consultation.models import Answer, Comment, Flag, ModerationAction, Notification
from consultation.tests.staff_fixtures import *  # noqa: F403 (fixtures)
from consultation.tests.staff_fixtures import make_comment

# The admin has no /en/ prefix: it always speaks the site language.
MODELS = [
    "consultation",
    "session",
    "comment",
    "answer",
    "flag",
    "moderationaction",
    "notificationpreference",
    "notification",
]


@pytest.fixture
def records(tech_user, moderator, flagged, session, django_capture_on_commit_callbacks):
    """One of each: a session, a flagged, hidden, answered comment, its action and notification."""
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_save(
            actor=tech_user, comment=flagged, outcome="incorporated", body="Sí", publish=True
        )
    services.comment_hide(actor=moderator, comment=flagged, reason="Prueba")
    return {
        "consultation": flagged.consultation,
        "session": session,
        "comment": flagged,
        "answer": flagged.answer,
        "flag": Flag.objects.get(),
        "moderationaction": ModerationAction.objects.get(),
        "notification": Notification.objects.get(),
    }


def contribution_url(session) -> str:
    return f"/admin/consultation/session/{session.pk}/contribution/"


@pytest.mark.parametrize("model", MODELS)
def test_the_technical_group_opens_every_list_page(client, tech_user, records, model):
    client.force_login(tech_user)
    response = client.get(f"/admin/consultation/{model}/")
    # The Technical Group has no view permission on moderation actions or notifications.
    expected = (
        403 if model in {"moderationaction", "notificationpreference", "notification"} else 200
    )
    assert response.status_code == expected


@pytest.mark.parametrize("model", ["consultation", "session", "comment", "answer", "flag"])
def test_the_technical_group_opens_every_change_page(client, tech_user, records, model):
    client.force_login(tech_user)
    assert client.get(f"/admin/consultation/{model}/{records[model].pk}/change/").status_code == 200


@pytest.mark.parametrize("model", MODELS)
def test_a_superuser_opens_every_list_and_change_page(client, superuser, records, model):
    client.force_login(superuser)
    assert client.get(f"/admin/consultation/{model}/").status_code == 200
    if model in records:
        url = f"/admin/consultation/{model}/{records[model].pk}/change/"
        assert client.get(url).status_code == 200


def test_the_moderators_see_the_moderation_record_but_cannot_change_it(client, moderator, records):
    client.force_login(moderator)
    action = records["moderationaction"]
    assert client.get("/admin/consultation/moderationaction/").status_code == 200
    html = client.get(f"/admin/consultation/moderationaction/{action.pk}/change/").text
    assert 'name="_save"' not in html
    assert client.get("/admin/consultation/moderationaction/add/").status_code == 403
    response = client.post(
        f"/admin/consultation/moderationaction/{action.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 403
    assert ModerationAction.objects.filter(pk=action.pk).exists()


def test_nobody_deletes_a_comment_in_the_admin(client, superuser, records):
    comment = records["comment"]
    client.force_login(superuser)
    url = f"/admin/consultation/comment/{comment.pk}/delete/"
    assert client.get(url).status_code == 403
    assert client.post(url, {"post": "yes"}).status_code == 403
    response = client.post(
        "/admin/consultation/comment/",
        {"action": "delete_selected", "_selected_action": [comment.pk], "post": "yes"},
    )
    assert Comment.objects.filter(pk=comment.pk).exists()
    assert response.status_code in {200, 302}
    html = client.get("/admin/consultation/comment/").text
    assert 'value="delete_selected"' not in html
    assert "/admin/consultation/comment/add/" not in html


def test_the_technical_group_changes_only_the_triage_field_of_a_comment(client, tech_user, comment):
    client.force_login(tech_user)
    url = f"/admin/consultation/comment/{comment.pk}/change/"
    response = client.post(url, {"read_by_staff": "on", "body": "Cambiado", "status": "hidden"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.read_by_staff
    assert comment.body == "Propongo publicar los datos en formatos abiertos."
    assert comment.status == Comment.Status.VISIBLE


def test_answers_are_shown_in_the_admin_and_edited_on_the_staff_page(client, tech_user, records):
    client.force_login(tech_user)
    answer = records["answer"]
    html = client.get(f"/admin/consultation/answer/{answer.pk}/change/").text
    assert f"/consulta/atencion/{answer.comment_id}/" in html
    assert client.get("/admin/consultation/answer/add/").status_code == 403
    assert Answer.objects.count() == 1


def test_a_contribution_recorded_from_the_admin_is_in_person_and_linked_to_its_session(
    client, tech_user, session
):
    client.force_login(tech_user)
    assert session.consultation.version.sections.exists()
    section = session.consultation.version.sections.order_by("order").first()
    change = client.get(f"/admin/consultation/session/{session.pk}/change/").text
    assert contribution_url(session) in change
    assert client.get(contribution_url(session)).status_code == 200
    response = client.post(
        contribution_url(session),
        {
            "section": section.pk,
            "participant_consent": "on",
            "participant_name": "María López",
            "participant_sector": "civil_society",
            "participant_state": "14",
            "body": "Que los datos de **salud** se publiquen cada mes.",
            "_save": "1",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"/admin/consultation/session/{session.pk}/change/"
    contribution = Comment.objects.get()
    assert contribution.channel == Comment.Channel.IN_PERSON
    assert contribution.session == session
    assert contribution.author is None
    assert contribution.section == section
    assert contribution.public_author_name == "María López"
    assert "<strong>salud</strong>" in contribution.body_html
    # The session's page lists what was recorded there.
    assert "María López" in client.get(f"/admin/consultation/session/{session.pk}/change/").text


def test_a_name_without_the_participants_agreement_is_refused(client, tech_user, session):
    client.force_login(tech_user)
    data = {"participant_name": "María López", "body": "Bien.", "_save": "1"}
    response = client.post(contribution_url(session), data)
    assert response.status_code == 200
    assert "participant_name" in response.context["form"].errors
    assert not Comment.objects.exists()
    # Without a name, the contribution is recorded and signed as the rule says.
    client.post(contribution_url(session), {**data, "participant_name": ""})
    contribution = Comment.objects.get()
    assert not contribution.participant_consent
    assert contribution.public_author_name == "Participante en sesión presencial"


def test_an_empty_contribution_is_refused_and_records_nothing(client, tech_user, session):
    client.force_login(tech_user)
    response = client.post(contribution_url(session), {"body": "", "_save": "1"})
    assert response.status_code == 200
    assert 'class="errornote"' in response.text
    assert not Comment.objects.exists()


def test_a_moderator_cannot_record_contributions(client, moderator, session):
    client.force_login(moderator)
    assert client.get(contribution_url(session)).status_code == 403
    assert client.post(contribution_url(session), {"body": "x"}).status_code == 403
    assert not Comment.objects.exists()


@pytest.mark.parametrize("model", MODELS)
def test_a_citizen_gets_403_on_every_admin_path_of_the_consultation(
    client, citizen, records, model
):
    client.force_login(citizen)
    assert client.get(f"/admin/consultation/{model}/").status_code == 403
    assert client.get(f"/admin/consultation/{model}/add/").status_code == 403
    if model in records:
        pk = records[model].pk
        assert client.get(f"/admin/consultation/{model}/{pk}/change/").status_code == 403
        assert client.post(f"/admin/consultation/{model}/{pk}/delete/").status_code == 403
    assert client.get(contribution_url(records["session"])).status_code == 403


def test_the_comment_list_makes_a_bounded_number_of_queries(
    client, tech_user, consultation, citizen, session, django_assert_max_num_queries
):
    section = consultation.version.sections.first()
    for i in range(60):
        make_comment(consultation, citizen, body=f"Comentario {i}", section=section)
        services.contribution_record(actor=tech_user, session=session, body=f"Aporte {i}")
    client.force_login(tech_user)
    with django_assert_max_num_queries(22):
        assert client.get("/admin/consultation/comment/").status_code == 200
    with django_assert_max_num_queries(14):
        url = f"/admin/consultation/session/{session.pk}/change/"
        assert client.get(url).status_code == 200
