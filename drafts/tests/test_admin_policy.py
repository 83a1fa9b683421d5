"""Admin of renditions, the approval and adoptions: staff confirm adoptions (and only they can),
render failed files again, and record the approval with its history."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from abramos.accounts.models import User
from drafts import renditions
from drafts.models import Adoption, Approval, Rendition
from drafts.services import policy as policy_services
from drafts.tests import policy_fixtures
from drafts.tests.policy_fixtures import fake_render, make_adoption

pytestmark = pytest.mark.django_db

# Fixtures shared by the policy tests (drafts/tests/policy_fixtures.py).
_spanish = policy_fixtures._spanish
approved_version = policy_fixtures.approved_version
draft_version = policy_fixtures.draft_version
fast_render = policy_fixtures.fast_render
media_root = policy_fixtures.media_root

ADOPTIONS = "admin:drafts_adoption_changelist"
RENDITIONS = "admin:drafts_rendition_changelist"


@pytest.fixture
def tech_client(client, tech_user):
    client.force_login(tech_user)
    return client


@pytest.fixture
def pending(approved_version):
    return make_adoption(
        approved_version,
        institution="Congreso del Estado de Oaxaca",
        branch=Adoption.Branch.LEGISLATIVE,
        state="20",
        status=Adoption.Status.PENDING,
    )


def _staff(email: str, *codenames: str) -> User:
    user = User.objects.create_user(email, "clave-segura-123", display_name="Staff", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    return User.objects.get(pk=user.pk)


def _action(client, name: str, *pks: int, url: str = ADOPTIONS):
    return client.post(reverse(url), {"action": name, "_selected_action": [str(pk) for pk in pks]})


def test_staff_confirm_an_adoption_and_it_appears_in_the_register_and_counts(
    tech_client, tech_user, pending
):
    policy = tech_client.get(reverse("drafts:policy"))
    assert "Congreso del Estado de Oaxaca" not in policy.text

    response = _action(tech_client, "confirm", pending.pk)
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == Adoption.Status.CONFIRMED
    assert pending.reviewed_by == tech_user
    assert pending.reviewed_at is not None
    latest = pending.history.first()
    assert latest.history_user == tech_user and latest.status == "confirmed"

    policy = tech_client.get(reverse("drafts:policy"))
    assert "Congreso del Estado de Oaxaca" in policy.text
    assert policy.context["adoption_total"] == 1
    counts = {row["order"]: row["count"] for row in policy.context["adoption_by_order"]}
    assert counts["state"] == 1
    assert [row["name"] for row in policy.context["adoption_states"]] == ["Oaxaca"]


def test_staff_reject_an_adoption_and_it_stays_out_of_the_register(tech_client, pending):
    _action(tech_client, "reject", pending.pk)
    pending.refresh_from_db()
    assert pending.status == Adoption.Status.REJECTED
    assert pending.reviewed_at is not None
    assert "Congreso del Estado de Oaxaca" not in tech_client.get(reverse("drafts:policy")).text


def test_a_staff_member_without_permission_gets_403_and_confirms_nothing(client, pending):
    client.force_login(_staff("sin-permisos@example.mx"))
    response = _action(client, "confirm", pending.pk)
    assert response.status_code == 403
    pending.refresh_from_db()
    assert pending.status == Adoption.Status.PENDING


def test_a_staff_member_who_can_only_view_cannot_confirm(client, pending):
    client.force_login(_staff("solo-lectura@example.mx", "view_adoption"))
    assert client.get(reverse(ADOPTIONS)).status_code == 200
    response = _action(client, "confirm", pending.pk)
    assert response.status_code in (200, 302)  # the admin ignores an action it does not offer
    pending.refresh_from_db()
    assert pending.status == Adoption.Status.PENDING
    assert pending.reviewed_by is None


def test_a_citizen_cannot_reach_the_adoption_admin(client, citizen, pending):
    client.force_login(citizen)
    response = _action(client, "confirm", pending.pk)
    assert response.status_code == 403
    pending.refresh_from_db()
    assert pending.status == Adoption.Status.PENDING


def test_the_review_service_checks_the_permission(citizen, pending):
    with pytest.raises(PermissionDenied):
        policy_services.adoption_confirm(adoption=pending, actor=citizen)
    pending.refresh_from_db()
    assert pending.status == Adoption.Status.PENDING


def test_the_adoption_list_filters_by_status_and_shows_the_contact_to_staff(tech_client, pending):
    response = tech_client.get(reverse(ADOPTIONS), {"status__exact": "pending"})
    assert response.status_code == 200
    assert "Congreso del Estado de Oaxaca" in response.text
    assert "Oaxaca" in response.text
    change = tech_client.get(reverse("admin:drafts_adoption_change", args=[pending.pk]))
    assert "lucia.privado@itei.org.mx" in change.text
    assert (
        tech_client.get(reverse("admin:drafts_adoption_history", args=[pending.pk])).status_code
        == 200
    )


def test_adoptions_are_neither_added_nor_deleted_in_the_admin(tech_client, pending):
    assert tech_client.get(reverse("admin:drafts_adoption_add")).status_code == 403
    delete = reverse("admin:drafts_adoption_delete", args=[pending.pk])
    assert tech_client.post(delete, {"post": "yes"}).status_code == 403
    assert Adoption.objects.filter(pk=pending.pk).exists()


def test_renditions_are_listed_read_only_without_add_or_delete(tech_client, approved_version):
    response = tech_client.get(reverse(RENDITIONS))
    assert response.status_code == 200
    pdf = approved_version.renditions.get(format="pdf")
    assert pdf.sha256[:16] in response.text
    assert tech_client.get(reverse("admin:drafts_rendition_add")).status_code == 403
    delete = reverse("admin:drafts_rendition_delete", args=[pdf.pk])
    assert tech_client.post(delete, {"post": "yes"}).status_code == 403
    change = tech_client.get(reverse("admin:drafts_rendition_change", args=[pdf.pk]))
    assert change.status_code == 200
    assert 'name="sha256"' not in change.text  # read-only: no input to change it


def test_render_again_resets_failed_renditions_and_renders_them(
    tech_client, approved_version, monkeypatch, django_capture_on_commit_callbacks
):
    pdf = approved_version.renditions.get(format="pdf")
    ready_md = approved_version.renditions.get(format="md")
    Rendition.objects.filter(pk=pdf.pk).update(
        status=Rendition.Status.FAILED, attempts=4, error="RuntimeError: sin fuentes", sha256=""
    )
    calls = []
    monkeypatch.setattr(
        renditions, "render", lambda version, fmt: calls.append(fmt) or fake_render(version, fmt)
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = _action(tech_client, "render_again", pdf.pk, ready_md.pk, url=RENDITIONS)
    assert response.status_code == 302
    pdf.refresh_from_db()
    assert pdf.status == Rendition.Status.READY
    assert pdf.attempts == 1 and pdf.error == ""
    assert pdf.sha256
    assert calls == ["pdf"]  # the ready Markdown file was left alone
    before = ready_md.sha256
    ready_md.refresh_from_db()
    assert ready_md.sha256 == before


def test_render_again_needs_the_permission(client, citizen, approved_version):
    with pytest.raises(PermissionDenied):
        policy_services.rendition_render_again(
            renditions=approved_version.renditions.all(), actor=citizen
        )
    client.force_login(_staff("lector@example.mx", "view_rendition"))
    pdf = approved_version.renditions.get(format="pdf")
    Rendition.objects.filter(pk=pdf.pk).update(status=Rendition.Status.FAILED)
    _action(client, "render_again", pdf.pk, url=RENDITIONS)
    pdf.refresh_from_db()
    assert pdf.status == Rendition.Status.FAILED


def test_the_technical_group_records_the_approval_with_history(tech_client, tech_user, fast_render):
    from drafts.tests.conftest import PNDA_V1, publish

    version = publish(tech_user, PNDA_V1, "Política aprobada", status="approved")
    response = tech_client.post(
        reverse("admin:drafts_approval_add"),
        {
            "version": version.pk,
            "approving_body_es_mx": "Consejo Nacional del SNT",
            "agreement": "CONAIP/SNT/ACUERDO/ORD02-09/10/2023-05",
            "approved_on": "2023-10-09",
            "dof_published_on": "2023-11-10",
            "dof_url": "https://www.dof.gob.mx/nota_detalle.php?codigo=1",
            "notes_es_mx": "Aprobada por **unanimidad**.",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    approval = Approval.objects.get()
    assert approval.approved_on == datetime.date(2023, 10, 9)
    assert "<strong>unanimidad</strong>" in approval.notes_html
    assert approval.history.first().history_user == tech_user
    assert (
        tech_client.get(reverse("admin:drafts_approval_history", args=[approval.pk])).status_code
        == 200
    )


def test_the_approval_refuses_a_diario_oficial_date_before_the_approval(
    tech_client, tech_user, fast_render
):
    from drafts.tests.conftest import PNDA_V1, publish

    version = publish(tech_user, PNDA_V1, "Política aprobada", status="approved")
    response = tech_client.post(
        reverse("admin:drafts_approval_add"),
        {
            "version": version.pk,
            "approving_body_es_mx": "Consejo Nacional del SNT",
            "approved_on": "2023-10-09",
            "dof_published_on": "2023-10-01",
        },
    )
    assert response.status_code == 200
    assert "dof_published_on" in response.context["adminform"].form.errors
    assert not Approval.objects.exists()


def test_only_approved_versions_can_be_given_an_approval(tech_client, draft_version):
    response = tech_client.get(reverse("admin:drafts_approval_add"))
    assert response.status_code == 200
    assert list(response.context["adminform"].form.fields["version"].queryset) == []
