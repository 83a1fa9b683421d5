"""The comparison shows, beside a changed section, the comments whose answers point to it."""

import pytest
from django.contrib.auth.models import Group

from abramos import roles
from consultation import services
from drafts.tests.conftest import PNDA_V2, publish

pytestmark = pytest.mark.django_db


def test_a_comment_answered_with_a_later_section_appears_beside_that_change(
    client, citizen, consultation, tech_user, django_capture_on_commit_callbacks
):
    old = consultation.version
    section = old.sections.order_by("order").first()
    comment = services.comment_create(
        actor=citizen, consultation=consultation, section=section, body="Hace falta un glosario."
    )
    tech_user.groups.add(Group.objects.get(name=roles.TECHNICAL_GROUP))
    with django_capture_on_commit_callbacks(execute=True):
        new = publish(tech_user, PNDA_V2, "Segundo borrador")
    target = new.sections.get(anchor=section.anchor)
    services.answer_save(
        actor=tech_user,
        comment=comment,
        outcome="incorporated",
        body="Lo añadimos.",
        target_section=target,
        publish=True,
    )

    html = client.get(f"/en/borradores/{old.number}/comparar/{new.number}/").text
    loop = html.split('class="change-loop"')[1].split("</aside>")[0]
    assert "1 comment led to this change" in loop
    assert comment.get_absolute_url() in loop
    assert "Hace falta un glosario." in loop


def test_a_draft_answer_or_a_hidden_comment_is_not_shown_beside_the_change(
    client, citizen, consultation, tech_user, moderator, django_capture_on_commit_callbacks
):
    old = consultation.version
    section = old.sections.order_by("order").first()
    comment = services.comment_create(
        actor=citizen, consultation=consultation, section=section, body="Texto a ocultar."
    )
    with django_capture_on_commit_callbacks(execute=True):
        new = publish(tech_user, PNDA_V2, "Segundo borrador")
    target = new.sections.get(anchor=section.anchor)
    services.answer_save(
        actor=tech_user, comment=comment, outcome="incorporated", body="Borrador.",
        target_section=target,
    )  # fmt: skip
    html = client.get(f"/en/borradores/{old.number}/comparar/{new.number}/").text
    assert 'class="change-loop"' not in html

    services.answer_save(
        actor=tech_user, comment=comment, outcome="incorporated", body="Publicada.",
        target_section=target, publish=True,
    )  # fmt: skip
    services.comment_hide(actor=moderator, comment=comment, reason="Fuera de tema")
    html = client.get(f"/en/borradores/{old.number}/comparar/{new.number}/").text
    assert 'class="change-loop"' not in html
