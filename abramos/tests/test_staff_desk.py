"""The Technical Group's desk on the admin's home page: what waits for staff, each linking to
where it is done, and only what the person may do."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from abramos import roles
from abramos.tests.html import elements
from consultation.models import Consultation
from drafts.models import Adoption, Rendition
from strategy.models import CollaborationOffer
from tests.demo import load_demo
from transparency.models import ContactMessage

pytestmark = pytest.mark.django_db


def _staff(group: str):
    roles.apply_roles()
    user = get_user_model().objects.create_user(
        f"{group.lower().replace(' ', '')}@example.mx", "x", display_name=group, is_staff=True
    )
    user.groups.add(Group.objects.get(name=group))
    return get_user_model().objects.get(pk=user.pk)


def _desk(client, user) -> dict[str, tuple[str, str]]:
    """{title: (link, text shown)} of the desk on /admin/."""
    client.force_login(user)
    html = client.get("/admin/").text
    desk = html.split('<section class="desk"')[1].split("</section>")[0]
    items = {}
    for block in desk.split('<li class="desk__item')[1:]:
        link = [attrs["href"] for tag, attrs in elements(block) if tag == "a"][0]
        title = block.split('<span class="desk__title">')[1].split("</span>")[0]
        rest = block.split("</span>", 1)[1]
        text = " ".join(part.split(">")[-1] for part in rest.split("</span>") if ">" in part)
        items[title] = (link.replace("&amp;", "&"), " ".join(text.split()))
    return items


def test_the_technical_group_sees_what_waits_with_counts_and_links(client):
    load_demo(verbosity=0)
    Rendition.objects.filter(pk=Rendition.objects.first().pk).update(status="failed")
    ContactMessage.objects.create(
        name="Ana", email="ana@example.mx", subject="Duda", message="Hola", privacy_consent=True
    )
    desk = _desk(client, _staff(roles.TECHNICAL_GROUP))
    link, count = desk["Comentarios sin respuesta publicada"]
    assert link == "/consulta/atencion/?answered=no"
    # The count is the number of comments the linked page lists.
    listed = client.get(link).text.split('<p class="meta" role="status">')[1].split(" ")[0]
    assert count == listed and int(count) > 100
    pending = Adoption.objects.filter(status="pending").count()
    assert desk["Adopciones por confirmar"][1] == str(pending) and pending == 1
    assert desk["Adopciones por confirmar"][0].endswith("?status__exact=pending")
    offers = CollaborationOffer.objects.pending().count()
    assert desk["Ofertas de colaboración sin decisión"][1] == str(offers)
    assert desk["Mensajes de contacto sin respuesta"] == (
        "/admin/transparency/contactmessage/?answered__exact=0",
        "1",
    )
    assert desk["Descargas que no se pudieron generar"][1] == "1"
    open_now = Consultation.objects.open().get()
    link, text = desk["Periodo de consulta"]
    assert link == f"/admin/consultation/consultation/{open_now.pk}/change/"
    assert text.startswith("Abierta hasta el") and open_now.title in text
    # The failure comes first; every link answers.
    assert next(iter(desk)) == "Descargas que no se pudieron generar"
    for link, _text in desk.values():
        assert client.get(link).status_code == 200, link


def test_nothing_waiting_is_said_so_and_no_consultation_says_how_to_open_one(client):
    desk = _desk(client, _staff(roles.TECHNICAL_GROUP))
    assert desk["Adopciones por confirmar"][1] == "Nada pendiente"
    assert "Publica un borrador con un periodo de comentarios" in desk["Periodo de consulta"][1]


def test_a_moderator_sees_only_the_reports(client):
    moderator = _staff(roles.MODERATION)
    assert list(_desk(client, moderator)) == ["Comentarios reportados sin decisión"]
