import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError

from abramos.accounts.models import User
from drafts import services
from drafts.models import Rendition, Section, Version, WorkingCopy
from drafts.services import version_publish
from drafts.tests.conftest import PNDA_V1, PNDA_V2, publish

pytestmark = pytest.mark.django_db


def nothing_published() -> bool:
    return not (Version.objects.exists() or Section.objects.exists() or Rendition.objects.exists())


def test_publishing_makes_version_one_with_its_sections_and_pending_renditions(tech_user):
    version = publish(tech_user, PNDA_V1, "Primer borrador", change_summary="Primera *versión*.")
    assert version.number == 1
    assert version.label == "Primer borrador"
    assert version.title == "Política Nacional de Datos Abiertos"
    assert version.body == PNDA_V1
    assert version.published_by == tech_user
    assert version.status == Version.Status.CONSULTATION
    assert version.change_summary_html == "<p>Primera <em>versión</em>.</p>"
    assert [s.heading for s in version.sections.order_by("order")] == [
        "Introducción",
        "Diagnóstico y problema",
        "Problemas identificados",
        "Objetivos",
    ]
    assert version.sections.get(order=1).body_html.startswith("<p>La Política Nacional")
    assert sorted(version.renditions.values_list("format", "status")) == [
        ("docx", "pending"),
        ("html", "pending"),
        ("md", "pending"),
        ("pdf", "pending"),
    ]


def test_each_publication_takes_the_next_number_and_supersedes_the_consultation(tech_user):
    first = publish(tech_user, PNDA_V1, "Primer borrador")
    second = publish(tech_user, PNDA_V2, "Segundo borrador")
    first.refresh_from_db()
    assert second.number == 2
    assert first.status == Version.Status.SUPERSEDED
    assert second.status == Version.Status.CONSULTATION


def test_an_approved_version_supersedes_the_previous_approved_one(tech_user):
    approved = publish(tech_user, PNDA_V1, "Política aprobada", status=Version.Status.APPROVED)
    again = publish(tech_user, PNDA_V2, "Política reformada", status=Version.Status.APPROVED)
    approved.refresh_from_db()
    assert approved.status == Version.Status.SUPERSEDED
    assert Version.objects.latest_approved() == again


def test_rendering_starts_only_once_the_publication_is_committed(
    tech_user, monkeypatch, django_capture_on_commit_callbacks
):
    started = []
    monkeypatch.setattr("drafts.tasks.render_version.delay", started.append)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        version = publish(tech_user, PNDA_V1, "Primer borrador")
    assert started == []
    # Other apps may start their own work on commit (consultation's new-version notices).
    rendering = [
        cb
        for cb in callbacks
        if getattr(getattr(cb, "args", (None,))[0], "name", "") == "drafts.tasks.render_version"
    ]
    assert len(rendering) == 1
    rendering[0]()
    assert started == [version.pk]


@pytest.mark.django_db(transaction=True)
def test_publishing_is_atomic_a_failure_half_way_leaves_nothing(tech_user, monkeypatch):
    saved = []
    original_save = Section.save

    def failing_save(self, *args, **kwargs):
        saved.append(self.heading)
        if len(saved) == 3:
            raise RuntimeError("the disk is full")
        return original_save(self, *args, **kwargs)

    monkeypatch.setattr(Section, "save", failing_save)
    with pytest.raises(RuntimeError):
        publish(tech_user, PNDA_V1, "Primer borrador")
    assert len(saved) == 3  # two sections were written before the failure
    assert nothing_published()


@pytest.mark.django_db(transaction=True)
def test_a_failure_half_way_does_not_supersede_the_version_in_consultation(tech_user, monkeypatch):
    monkeypatch.setattr("drafts.tasks.render_version.delay", lambda pk: None)
    first = publish(tech_user, PNDA_V1, "Primer borrador")
    monkeypatch.setattr(
        Rendition.objects, "create", lambda **kwargs: (_ for _ in ()).throw(OSError("no"))
    )
    with pytest.raises(OSError):
        publish(tech_user, PNDA_V2, "Segundo borrador")
    first.refresh_from_db()
    assert first.status == Version.Status.CONSULTATION
    assert list(Version.objects.values_list("number", flat=True)) == [1]
    assert Section.objects.filter(version__number=2).count() == 0


@pytest.mark.parametrize(
    ("text", "code"),
    [("", "empty"), ("  \n\n", "empty"), ("Texto sin encabezados.", "no_headings")],
)
def test_a_text_that_cannot_be_split_into_sections_is_refused(tech_user, text, code):
    with pytest.raises(ValidationError) as error:
        publish(tech_user, text, "Primer borrador")
    assert error.value.code == code
    assert nothing_published()


@pytest.mark.parametrize("label", ["", "   "])
def test_a_version_without_a_label_is_refused(tech_user, label):
    with pytest.raises(ValidationError) as error:
        publish(tech_user, PNDA_V1, label)
    assert "label" in error.value.message_dict
    assert nothing_published()


def test_version_publish_without_the_permission_raises_permission_denied(citizen):
    with pytest.raises(PermissionDenied):
        publish(citizen, PNDA_V1, "Primer borrador")
    assert nothing_published()


def test_staff_without_the_technical_group_permission_cannot_publish(db):
    staff = User.objects.create_user("staff@example.mx", "x", display_name="S", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="change_workingcopy"))
    staff = User.objects.get(pk=staff.pk)
    with pytest.raises(PermissionDenied):
        version_publish(actor=staff, label="Primer borrador", working_copy=WorkingCopy.current())
    assert nothing_published()


def test_publishing_uses_the_current_working_copy_when_none_is_given(tech_user):
    copy = WorkingCopy.current()
    copy.body = PNDA_V2
    copy.save()
    version = version_publish(actor=tech_user, label="Segundo borrador")
    assert version.body == PNDA_V2
    assert services.PUBLISH_PERMISSION == "drafts.publish_version"
