"""Beside a name the portal shows only what the person chose (abramos/accounts/public.py): the page,
the comment datasets, search, e-mails and the filters all follow the one rule, and the privacy
notice, the sign-up form and "Mis datos" say it in the same words."""

import csv
import io
import json
import re

import pytest
from django.core import mail

from abramos.accounts import public
from consultation import services
from consultation.tests.conftest import make_user

pytestmark = pytest.mark.django_db

SECTOR, SECTOR_LABEL = "academia", "Academia"
STATE, STATE_NAME = "32", "Zacatecas"


@pytest.fixture
def writer(db):
    return make_user("zoe@example.mx", display_name="Zoé Ruiz", sector=SECTOR, state=STATE)


def _comment_html(page: str, pk: int) -> str:
    start = page.index(f'id="comentario-{pk}"')
    return page[start : page.index("</article>", start)]


def _dataset_row(client, pk: int) -> tuple[dict, dict]:
    body = client.get("/datos/comentarios.csv").getvalue().decode()
    (row,) = [r for r in csv.DictReader(io.StringIO(body, newline="")) if r["id"] == str(pk)]
    objects = json.loads(client.get("/datos/comentarios.json").getvalue())
    (obj,) = [o for o in objects if o["id"] == pk]
    return row, obj


def _everything_public_about(client, consultation, comment) -> str:
    """Every place the comment appears to others, as one text."""
    page = client.get(consultation.version.get_absolute_url()).text
    row, obj = _dataset_row(client, comment.pk)
    found = client.get("/buscar/", {"q": "murciélagos"}).text
    results = re.findall(r'<li class="search-result.*?</li>', found, re.DOTALL)
    return "\n".join([_comment_html(page, comment.pk), str(row), str(obj), *results])


def test_sector_and_state_are_not_shown_unless_the_person_chose_them(
    client, writer, other_citizen, consultation, django_capture_on_commit_callbacks
):
    parent = services.comment_create(actor=other_citizen, consultation=consultation, body="Uno.")
    with django_capture_on_commit_callbacks(execute=True):
        reply = services.comment_create(
            actor=writer, consultation=consultation, parent=parent, body="Sobre murciélagos."
        )
    shown = _everything_public_about(client, consultation, reply)
    assert "Zoé Ruiz" in shown
    assert "murciélagos" in shown  # the search found it
    for private in (SECTOR_LABEL, STATE_NAME, f"'{SECTOR}'", f"'{STATE}'"):
        assert private not in shown, private
    (email,) = [m for m in mail.outbox if m.to == [other_citizen.email]]
    assert "Zoé Ruiz" in email.subject + email.body
    assert SECTOR_LABEL not in email.body and STATE_NAME not in email.body

    row, obj = _dataset_row(client, reply.pk)
    assert row["sector"] == "" and obj["sector"] is None
    assert obj["cve_ent"] is None and obj["nom_ent"] is None


def test_what_the_person_turns_on_is_shown_everywhere_the_name_is(client, writer, consultation):
    comment = services.comment_create(
        actor=writer, consultation=consultation, body="Sobre murciélagos."
    )
    writer.show_sector = writer.show_state = True
    writer.save()
    shown = _everything_public_about(client, consultation, comment)
    assert SECTOR_LABEL in shown and STATE_NAME in shown
    _row, obj = _dataset_row(client, comment.pk)
    assert obj["sector"] == SECTOR and obj["cve_ent"] == STATE


def test_filtering_by_sector_or_state_finds_only_what_is_shown(client, writer, consultation):
    comment = services.comment_create(actor=writer, consultation=consultation, body="Filtrable.")
    url = consultation.version.get_absolute_url()
    for params in ({"sector": SECTOR}, {"estado": STATE}):
        assert f'id="comentario-{comment.pk}"' not in client.get(url, params).text, params
    writer.show_sector = writer.show_state = True
    writer.save()
    for params in ({"sector": SECTOR}, {"estado": STATE}):
        assert f'id="comentario-{comment.pk}"' in client.get(url, params).text, params


def test_an_in_person_participant_is_named_only_with_their_agreement(
    tech_user, consultation, client
):
    from django.core.exceptions import ValidationError

    from consultation.models import Session

    session = Session.objects.create(
        consultation=consultation, title="Foro", kind=Session.Kind.REGIONAL_FORUM, state="31",
        date=consultation.opens_at.date(),
    )  # fmt: skip
    with pytest.raises(ValidationError):
        services.contribution_record(
            actor=tech_user, session=session, body="Sin permiso.", participant_name="Luz Pérez",
            participant_sector=SECTOR, participant_state="31",
        )  # fmt: skip
    anonymous = services.contribution_record(
        actor=tech_user, session=session, body="Anónima.", participant_sector=SECTOR,
        participant_state="31",
    )  # fmt: skip
    named = services.contribution_record(
        actor=tech_user, session=session, body="Con permiso.", participant_name="Luz Pérez",
        participant_sector=SECTOR, participant_state="31", participant_consent=True,
    )  # fmt: skip
    page = client.get(consultation.version.get_absolute_url()).text
    assert "Participante en sesión presencial" in _comment_html(page, anonymous.pk)
    assert SECTOR_LABEL not in _comment_html(page, anonymous.pk)
    assert "Luz Pérez" in _comment_html(page, named.pk)
    assert SECTOR_LABEL in _comment_html(page, named.pk)


def test_the_notice_sign_up_and_my_data_say_it_in_the_same_words(client, writer):
    notice = client.get("/aviso-de-privacidad/").text
    assert str(public.NOTICE) in notice
    signup = client.get("/cuenta/signup/").text
    assert str(public.PROMISE) in signup
    assert 'name="show_sector"' in signup and 'name="show_state"' in signup
    assert "checked" not in re.search(r'<input[^>]*name="show_sector"[^>]*>', signup)[0]
    client.force_login(writer)
    my_data = client.get("/cuenta/mis-datos/").text
    assert str(public.PROMISE) in my_data


def test_sign_up_can_turn_them_on_and_existing_accounts_start_with_them_off(client, writer):
    from abramos.accounts.models import User
    from abramos.accounts.tests.test_views_signup import SIGNUP_URL, signup_data

    assert not writer.show_sector and not writer.show_state
    client.post(SIGNUP_URL, signup_data(show_state="on"))
    created = User.objects.get(email="ana@example.org")
    assert created.show_state and not created.show_sector


def test_a_kept_copy_of_the_comments_dataset_is_renewed_when_an_author_changes_what_they_show(
    client, writer, consultation
):
    import datetime

    from django.utils import timezone

    from abramos.accounts import services as accounts
    from consultation.models import Comment

    comment = services.comment_create(actor=writer, consultation=consultation, body="Algo.")
    hour_ago = timezone.now() - datetime.timedelta(hours=1)
    Comment.objects.filter(pk=comment.pk).update(created_at=hour_ago)
    first = client.get("/datos/comentarios.csv")
    since = first["Last-Modified"]
    assert client.get("/datos/comentarios.csv", HTTP_IF_MODIFIED_SINCE=since).status_code == 304
    accounts.user_profile_update(
        user=writer, actor=writer, display_name=writer.display_name, sector=SECTOR, state=STATE,
        show_sector=True,
    )  # fmt: skip
    again = client.get("/datos/comentarios.csv", HTTP_IF_MODIFIED_SINCE=since)
    assert again.status_code == 200
    assert SECTOR in again.getvalue().decode()
