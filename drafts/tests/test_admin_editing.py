import pytest

# The admin has no /en/ prefix: it always speaks the site language, Spanish.
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.utils import translation

from abramos.accounts.models import User
from abramos.tests.html import elements
from drafts.models import Rendition, Section, Version, WorkingCopy
from drafts.tests.conftest import PNDA_V1, PNDA_V2, publish

pytestmark = pytest.mark.django_db

ADMIN = "/admin/drafts/workingcopy"


@pytest.fixture(autouse=True)
def _english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def copy(db) -> WorkingCopy:
    copy = WorkingCopy.current()
    copy.body = PNDA_V1
    copy.save()
    return copy


@pytest.fixture
def staff(db) -> User:
    """Staff, but not in the Technical Group: no drafts permission at all."""
    return User.objects.create_user("staff@example.mx", "x", display_name="Staff", is_staff=True)


@pytest.fixture
def editor(db) -> User:
    """May edit the working copy but not publish it."""
    user = User.objects.create_user("ed@example.mx", "x", display_name="Ed", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["change_workingcopy", "view_workingcopy"])
    )
    return user


@pytest.fixture
def tech(client, tech_user):
    client.force_login(tech_user)
    return client


def editing_paths(copy: WorkingCopy) -> list[tuple[str, str]]:
    record = copy.history.earliest()
    latest = copy.history.latest()
    return [
        ("get", f"{ADMIN}/"),
        ("get", f"{ADMIN}/add/"),
        ("get", f"{ADMIN}/{copy.pk}/change/"),
        ("post", f"{ADMIN}/{copy.pk}/change/"),
        ("get", f"{ADMIN}/{copy.pk}/delete/"),
        ("post", f"{ADMIN}/{copy.pk}/delete/"),
        ("get", f"{ADMIN}/{copy.pk}/history/"),
        ("get", f"{ADMIN}/{copy.pk}/history/{record.history_id}/"),
        ("post", f"{ADMIN}/{copy.pk}/history/{record.history_id}/"),
        ("get", f"{ADMIN}/{copy.pk}/history/compare/?a={record.history_id}&b={latest.history_id}"),
        ("get", f"{ADMIN}/{copy.pk}/publish/"),
        ("post", f"{ADMIN}/{copy.pk}/publish/"),
    ]


def post_data() -> dict:
    return {"title": "Otra", "body": "# Nada", "label": "Primer borrador", "status": "approved"}


# Who may do what ------------------------------------------------------------------------------


def test_staff_without_the_technical_group_permission_get_403_on_every_editing_path(
    client, copy, staff
):
    client.force_login(staff)
    for method, path in editing_paths(copy):
        response = getattr(client, method)(path, post_data())
        assert response.status_code == 403, (method, path)
    copy.refresh_from_db()
    assert copy.body == PNDA_V1
    assert not Version.objects.exists()


def test_a_citizen_gets_403_on_every_editing_path(client, copy, citizen):
    # abramos.admin_site answers a signed-in person who is not staff with 403.
    client.force_login(citizen)
    for method, path in editing_paths(copy):
        response = getattr(client, method)(path, post_data())
        assert response.status_code == 403, (method, path)
    copy.refresh_from_db()
    assert copy.body == PNDA_V1
    assert not Version.objects.exists()


def test_an_editor_without_the_publish_permission_gets_403_on_the_publish_page(
    client, copy, editor
):
    client.force_login(editor)
    assert client.get(f"{ADMIN}/{copy.pk}/change/").status_code == 200
    assert client.get(f"{ADMIN}/{copy.pk}/publish/").status_code == 403
    assert client.post(f"{ADMIN}/{copy.pk}/publish/", post_data()).status_code == 403
    assert not Version.objects.exists()
    assert "Publish as a new version" not in client.get(f"{ADMIN}/{copy.pk}/change/").text


def test_staff_without_permission_cannot_see_the_versions_in_the_admin(client, staff, tech_user):
    version = publish(tech_user, PNDA_V1, "Primer borrador")
    client.force_login(staff)
    assert client.get("/admin/drafts/version/").status_code == 403
    assert client.get(f"/admin/drafts/version/{version.pk}/change/").status_code == 403


# Editing --------------------------------------------------------------------------------------


def test_the_list_goes_straight_to_the_one_working_copy(tech, db):
    response = tech.get(f"{ADMIN}/")
    copy = WorkingCopy.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{ADMIN}/{copy.pk}/change/"


def test_the_working_copy_cannot_be_added_or_deleted(tech, copy):
    assert tech.get(f"{ADMIN}/add/").status_code == 403
    assert tech.post(f"{ADMIN}/{copy.pk}/delete/", {"post": "yes"}).status_code == 403
    assert WorkingCopy.objects.count() == 1


def test_the_change_page_previews_the_rendered_text_and_offers_to_publish(tech, copy):
    html = tech.get(f"{ADMIN}/{copy.pk}/change/").text
    assert '<div class="drafts-preview"><h2 id="introduccion">Introducción</h2>' in html
    assert f'href="{ADMIN}/{copy.pk}/publish/"' in html
    assert 'name="_publish"' in html
    assert f"{ADMIN}/{copy.pk}/delete/" not in html
    assert "<script>" not in html.split('class="drafts-preview"')[1].split("</div>")[0]


def test_the_preview_is_sanitised(tech, copy):
    copy.body = '# Uno\n\n<script>alert("x")</script> <a href="javascript:alert(1)">enlace</a>'
    copy.save()
    html = tech.get(f"{ADMIN}/{copy.pk}/change/").text
    preview = html.split('class="drafts-preview"')[1].split("</div>")[0]
    assert "<script" not in preview
    # HTML written in the text is shown as written (abramos/markup.py): text, never an element.
    assert "&lt;a href=" in preview
    assert all(
        not attrs.get("href", "").startswith("javascript:") for _, attrs in elements(preview)
    )


def test_saving_records_who_changed_the_text_in_the_history(tech, copy, tech_user):
    response = tech.post(
        f"{ADMIN}/{copy.pk}/change/", {"title": copy.title, "body": PNDA_V2, "_save": "Save"}
    )
    assert response.status_code == 302
    copy.refresh_from_db()
    assert copy.body == PNDA_V2.strip()
    latest = copy.history.latest()
    assert latest.history_user == tech_user
    assert latest.history_change_reason == "Editado en la administración"
    assert copy.history.count() == 3


def test_save_and_publish_saves_then_opens_the_publish_page(tech, copy):
    response = tech.post(
        f"{ADMIN}/{copy.pk}/change/", {"title": copy.title, "body": PNDA_V2, "_publish": "1"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"{ADMIN}/{copy.pk}/publish/"
    copy.refresh_from_db()
    assert copy.body == PNDA_V2.strip()
    assert not Version.objects.exists()


def test_the_history_lists_each_record_with_a_link_to_compare_it_with_the_previous(tech, copy):
    copy.body = PNDA_V2
    copy.save()
    html = tech.get(f"{ADMIN}/{copy.pk}/history/").text
    newest, middle, _oldest = copy.history.order_by("-history_date", "-history_id")
    link = f"{ADMIN}/{copy.pk}/history/compare/?a={middle.history_id}&amp;b={newest.history_id}"
    assert link in html
    assert 'type="radio" name="a"' in html and 'type="radio" name="b"' in html


def test_two_records_of_the_history_compare_section_by_section_and_word_by_word(tech, copy):
    copy.body = PNDA_V2
    copy.save()
    newest, older = copy.history.order_by("-history_date", "-history_id")[:2]
    response = tech.get(
        f"{ADMIN}/{copy.pk}/history/compare/?a={newest.history_id}&b={older.history_id}"
    )
    assert response.status_code == 200
    html = response.text
    assert "1 sección añadida" in html and "1 sección eliminada" in html
    assert "y sujetos obligados</ins>" in html
    assert "Análisis de alternativas" in html


def test_a_record_of_the_history_can_be_opened(tech, copy):
    record = copy.history.earliest()
    assert tech.get(f"{ADMIN}/{copy.pk}/history/{record.history_id}/").status_code == 200


@pytest.mark.parametrize("query", ["", "?a=1", "?a=x&b=y", "?a=999&b=998"])
def test_comparing_without_two_records_of_this_copy_is_not_found(tech, copy, query):
    assert tech.get(f"{ADMIN}/{copy.pk}/history/compare/{query}").status_code == 404


# Publishing -----------------------------------------------------------------------------------


def test_the_publish_page_shows_the_next_number_and_the_sections_to_publish(tech, copy):
    html = tech.get(f"{ADMIN}/{copy.pk}/publish/").text
    assert "Publicar la versión 1" in html
    assert (
        "Problemas identificados <code>#diagnostico-y-problema--problemas-identificados</code>"
        in html
    )


def test_publishing_from_the_admin_creates_the_version_and_links_to_its_public_page(
    tech, copy, tech_user
):
    response = tech.post(
        f"{ADMIN}/{copy.pk}/publish/",
        {"label": "Primer borrador", "change_summary": "Para consulta.", "status": "consultation"},
    )
    version = Version.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/drafts/version/{version.pk}/change/"
    assert (version.number, version.label, version.published_by) == (
        1,
        "Primer borrador",
        tech_user,
    )
    assert version.change_summary == "Para consulta."
    assert version.sections.count() == 4
    assert version.renditions.count() == 4
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert "Se publicó la versión 1, “Primer borrador”." in message
    assert 'href="/borradores/1/"' in message or 'href="/en/borradores/1/"' in message


def test_publishing_an_approved_version_sets_its_status(tech, copy):
    tech.post(f"{ADMIN}/{copy.pk}/publish/", {"label": "Política aprobada", "status": "approved"})
    assert Version.objects.get().status == Version.Status.APPROVED


@pytest.mark.parametrize(
    ("body", "label", "error"),
    [
        ("", "Primer borrador", "El texto está vacío"),
        ("Sin encabezados.", "Primer borrador", "El texto no tiene encabezados"),
        (PNDA_V1, "", "Ponle una etiqueta a la versión"),
    ],
)
def test_publishing_what_cannot_be_published_shows_the_error_and_creates_nothing(
    tech, copy, body, label, error
):
    copy.body = body
    copy.save()
    response = tech.post(f"{ADMIN}/{copy.pk}/publish/", {"label": label, "status": "consultation"})
    assert response.status_code == 200
    assert error in response.text
    assert 'class="errornote"' in response.text
    assert not Version.objects.exists()
    assert not Section.objects.exists()
    assert not Rendition.objects.exists()


def test_the_publish_page_warns_before_publishing_an_unchanged_text(tech, copy, tech_user):
    publish(tech_user, PNDA_V1, "Primer borrador")
    html = tech.get(f"{ADMIN}/{copy.pk}/publish/").text
    assert "El texto no ha cambiado desde la versión 1" in html
    assert "Publicar la versión 2" in html


# Published versions in the admin: shown, never changed -----------------------------------------


@pytest.fixture
def version(tech_user):
    return publish(tech_user, PNDA_V1, "Primer borrador")


def test_versions_are_listed_with_number_label_status_date_and_publisher(tech, version):
    html = tech.get("/admin/drafts/version/").text
    for text in ("Primer borrador", "Borrador vigente", "Técnica"):
        assert text in html
    assert "/admin/drafts/version/add/" not in html


def test_a_version_is_shown_read_only_with_its_sections(tech, version):
    html = tech.get(f"/admin/drafts/version/{version.pk}/change/").text
    assert "diagnostico-y-problema--problemas-identificados" in html
    assert 'name="label"' not in html
    assert "/borradores/1/" in html


@pytest.mark.parametrize("as_superuser", [False, True])
def test_a_version_cannot_be_changed_or_deleted_in_the_admin(
    client, tech_user, version, as_superuser
):
    user = tech_user
    if as_superuser:
        user = User.objects.create_superuser("root@example.mx", "x", display_name="Root")
    client.force_login(user)
    path = f"/admin/drafts/version/{version.pk}"
    assert (
        client.post(f"{path}/change/", {"label": "Otro", "status": "approved"}).status_code == 403
    )
    assert client.get(f"{path}/delete/").status_code == 403
    assert client.post(f"{path}/delete/", {"post": "yes"}).status_code == 403
    assert client.get("/admin/drafts/version/add/").status_code == 403
    bulk = client.post(
        "/admin/drafts/version/",
        {"action": "delete_selected", "_selected_action": [version.pk], "post": "yes"},
    )
    assert bulk.status_code in (200, 302)
    version.refresh_from_db()
    assert (version.label, version.status) == ("Primer borrador", Version.Status.CONSULTATION)
    assert version.sections.count() == 4


# Preview before saving -----------------------------------------------------------------------


def test_the_change_page_offers_a_preview_that_needs_no_javascript(tech, copy):
    html = tech.get(f"{ADMIN}/{copy.pk}/change/").text
    assert f'formaction="{ADMIN}/{copy.pk}/preview/"' in html and 'name="_preview"' in html


def test_preview_renders_the_unsaved_text_and_compares_it_with_the_last_version(
    tech, copy, tech_user
):
    publish(tech_user, PNDA_V1, "Primer borrador")
    copy.refresh_from_db()
    records = copy.history.count()
    typed = PNDA_V1.replace("# Introducción", "# Introducción\n\nTexto **nuevo** sin guardar.", 1)
    response = tech.post(
        f"{ADMIN}/{copy.pk}/preview/", {"title": copy.title, "body": typed, "_preview": "1"}
    )
    assert response.status_code == 200
    html = response.text
    assert "Texto <strong>nuevo</strong> sin guardar." in html  # formatted as published
    assert "Qué cambia respecto de la versión 1" in html and "<ins>" in html
    assert "nuevo" in html.split('name="body"')[1].split("</textarea>")[0]  # kept to edit on
    copy.refresh_from_db()
    assert copy.body == PNDA_V1 and copy.history.count() == records  # nothing saved


def test_the_preview_page_saves_what_it_shows(tech, copy):
    html = tech.post(
        f"{ADMIN}/{copy.pk}/preview/", {"title": copy.title, "body": PNDA_V2, "_preview": "1"}
    ).text
    action = html.split('id="workingcopy_form"')[0].rsplit('action="', 1)[1].split('"')[0]
    response = tech.post(action, {"title": copy.title, "body": PNDA_V2, "_continue": "1"})
    assert response.status_code == 302
    copy.refresh_from_db()
    assert copy.body.strip() == PNDA_V2.strip()


def test_preview_is_for_those_who_may_edit_and_only_by_post(client, staff, tech, copy):
    assert tech.get(f"{ADMIN}/{copy.pk}/preview/").status_code == 302
    client.force_login(staff)
    response = client.post(f"{ADMIN}/{copy.pk}/preview/", {"title": "x", "body": "y"})
    assert response.status_code == 403
