import pytest

from drafts.models import ImmutableError, Rendition, Section, Version, WorkingCopy
from drafts.tests.conftest import PNDA_V1, PNDA_V2, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def version(tech_user):
    return publish(tech_user, PNDA_V1, "Primer borrador")


def test_a_published_version_refuses_to_be_saved_again(version):
    version.label = "Otro nombre"
    with pytest.raises(ImmutableError):
        version.save()
    with pytest.raises(ImmutableError):
        version.save(update_fields=["label", "status"])
    assert Version.objects.get(pk=version.pk).label == "Primer borrador"


def test_only_the_status_of_a_published_version_may_move(version):
    version.status = Version.Status.SUPERSEDED
    version.save(update_fields=["status"])
    assert Version.objects.get(pk=version.pk).status == Version.Status.SUPERSEDED


def test_a_published_version_refuses_to_be_deleted(version):
    with pytest.raises(ImmutableError):
        version.delete()
    with pytest.raises(ImmutableError):
        Version.objects.filter(pk=version.pk).delete()
    with pytest.raises(ImmutableError):
        Version.objects.all().delete()
    assert Version.objects.filter(pk=version.pk).exists()


def test_a_queryset_update_may_only_touch_the_status(version):
    with pytest.raises(ImmutableError):
        Version.objects.filter(pk=version.pk).update(label="Cambiado")
    with pytest.raises(ImmutableError):
        Version.objects.update(body="", status=Version.Status.APPROVED)
    assert Version.objects.filter(pk=version.pk).update(status=Version.Status.APPROVED) == 1
    version.refresh_from_db()
    assert (version.label, version.status) == ("Primer borrador", Version.Status.APPROVED)


def test_the_sections_of_a_published_version_refuse_edits_and_deletion(version):
    section = version.sections.order_by("order").first()
    section.body = "Otro texto."
    with pytest.raises(ImmutableError):
        section.save()
    with pytest.raises(ImmutableError):
        section.delete()
    with pytest.raises(ImmutableError):
        Section.objects.filter(version=version).update(heading="X")
    with pytest.raises(ImmutableError):
        Section.objects.filter(version=version).delete()
    assert version.sections.count() == 4
    assert version.sections.get(pk=section.pk).body.startswith("La Política")


def test_sections_render_their_markdown_once_on_save(version):
    section = version.sections.get(anchor="diagnostico-y-problema--problemas-identificados")
    assert section.body_html == "<p>Los datos públicos se publican sin estándares comunes.</p>"


def test_versions_sections_and_renditions_have_stable_public_addresses(version):
    section = version.sections.get(anchor="objetivos")
    rendition = version.renditions.get(format="pdf")
    assert version.get_absolute_url() == "/borradores/1/"
    assert section.get_absolute_url() == "/borradores/1/#objetivos"
    assert rendition.get_absolute_url() == "/borradores/1/descargar/pdf/"
    assert rendition.filename == "pnda-version-1.pdf"
    assert rendition.media_type == "application/pdf"
    assert str(version) == "1. Primer borrador"


def test_versions_are_listed_newest_first(tech_user):
    publish(tech_user, PNDA_V1, "Primer borrador")
    publish(tech_user, PNDA_V2, "Segundo borrador")
    assert list(Version.objects.published().values_list("number", flat=True)) == [2, 1]


def test_the_working_copy_is_one_and_keeps_a_history_of_its_edits(tech_user):
    copy = WorkingCopy.current()
    assert WorkingCopy.current() == copy
    copy.body = PNDA_V1
    copy.save()
    copy.body = PNDA_V2
    copy.save()
    assert WorkingCopy.objects.count() == 1
    assert copy.history.count() == 3  # created, then two edits
    assert copy.history.earliest().body == ""
    assert copy.history.latest().body == PNDA_V2
    assert copy.body_html.startswith('<h2 id="introduccion">Introducción</h2>')


def test_a_rendition_is_ready_only_in_the_ready_status(version):
    rendition = version.renditions.get(format="md")
    assert not rendition.is_ready
    rendition.status = Rendition.Status.READY
    assert rendition.is_ready
