"""One definition of what a reader may do: the version page asks consultation.rules once per
comment with the page's precomputed reader state (consultation.selectors._set_actions); asked
directly, comment by comment, the rules must give the same answers for every role."""

import datetime

import pytest
from django.test import RequestFactory
from django.utils import timezone

from consultation import rules, selectors, services
from consultation.models import Comment

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "unverified", "citizen", "other_citizen", "moderator", "tech_user",
         "superuser"]  # fmt: skip


@pytest.fixture
def thread(consultation, citizen, other_citizen, tech_user, moderator):
    """A fresh comment, an old one (past the edit window), its reply, a hidden and a withdrawn
    one, and one with a published answer."""
    section = consultation.version.sections.order_by("order").first()

    def comment(author, body, **kwargs):
        return services.comment_create(
            actor=author, consultation=consultation, section=section, body=body, **kwargs
        )

    comment(citizen, "Recién escrito.")
    old = comment(citizen, "Escrito hace rato.", at=timezone.now() - datetime.timedelta(minutes=50))
    comment(other_citizen, "Una respuesta.", parent=old)
    hidden = comment(other_citizen, "Se ocultará.")
    services.comment_hide(actor=moderator, comment=hidden, reason="Prueba")
    withdrawn = comment(citizen, "Se retirará.")
    services.comment_withdraw(actor=citizen, comment=withdrawn)
    answered = comment(citizen, "Tendrá respuesta.")
    services.answer_save(
        actor=tech_user, comment=answered, outcome="incorporated", body="Se incorpora.",
        target_section=None, publish=True,
    )  # fmt: skip
    return consultation


@pytest.mark.parametrize("role", ROLES)
def test_the_page_and_the_rules_agree_for_every_role(request, thread, role):
    user = request.getfixturevalue(role)
    section = thread.version.sections.order_by("order").first()
    # The section's own page: every comment, not the first three.
    web = RequestFactory().get(thread.version.get_absolute_url(), {"seccion": section.anchor})
    web.user = user
    sections = list(thread.version.sections.order_by("order"))
    _reader, _filters, blocks = selectors.comment_blocks(thread.version, sections, web)
    views = [v for block in blocks.values() for top in block.comments for v in (top, *top.replies)]
    assert len(views) == Comment.objects.count() == 6
    for view in views:
        comment = Comment.objects.select_related("consultation", "answer").get(pk=view.pk)
        expected = {
            "can_reply": rules.may_reply(user, comment),
            "can_edit": rules.may_edit(user, comment),
            "can_withdraw": rules.may_withdraw(user, comment),
            "can_support": rules.may_support(user, comment),
            "can_flag": rules.may_flag(user, comment),
        }
        actual = {name: getattr(view, name) for name in expected}
        assert actual == expected, (role, comment.body)
    # The matrix is not trivially false: the author may edit the fresh comment and withdraw her
    # visible ones; another verified person may reply, support and report.
    if role == "citizen":
        assert sum(v.can_edit for v in views) == 1  # the fresh one (the other has an answer)
        assert any(v.can_withdraw for v in views)
    if role == "other_citizen":
        assert any(v.can_reply for v in views) and any(v.can_support for v in views)
        assert any(v.can_flag for v in views)
