"""The page cache (abramos/cache.py): anonymous reads are served from it, every change to public
content invalidates it, and nothing personal is ever stored or served from it."""

import gzip
from decimal import Decimal

import pytest
from django.conf import settings
from django.test import Client, RequestFactory
from django.utils import timezone

from abramos import cache as page_cache
from consultation.services import comment_create
from consultation.tests.conftest import make_user
from drafts.tests.conftest import publish
from transparency.tests.factories import ExpenseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(db):
    return make_user("lectora@example.mx", display_name="Lectora")


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 60


def _get(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code in (200, 304), (url, response.status_code)
    return response


def test_anonymous_page_is_served_from_the_cache_the_second_time(
    client, consultation, django_assert_num_queries
):
    url = consultation.version.get_absolute_url()
    first = _get(client, url)
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = _get(client, url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert "public" in second["Cache-Control"]
    assert "must-revalidate" in second["Cache-Control"]


def test_a_new_comment_invalidates_the_cached_page_at_once(
    client, consultation, reader, django_capture_on_commit_callbacks
):
    url = consultation.version.get_absolute_url()
    assert "Un comentario nuevo" not in _get(client, url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        comment_create(
            actor=reader,
            consultation=consultation,
            section=consultation.version.sections.first(),
            body="Un comentario nuevo sobre la introducción.",
        )
    again = _get(client, url)
    assert again["X-Page-Cache"] == "miss"
    assert "Un comentario nuevo" in again.content.decode()


def test_a_new_expense_invalidates_the_transparency_page(
    client, db, django_capture_on_commit_callbacks
):
    _get(client, "/transparencia/")
    assert _get(client, "/transparencia/")["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        ExpenseFactory(concept="Renta de sala para la mesa regional", amount=Decimal("9876.54"))
    assert _get(client, "/transparencia/")["X-Page-Cache"] == "miss"


def test_a_new_version_invalidates_the_version_list(client, staff, consultation):
    assert "Segundo borrador" not in _get(client, "/borradores/").content.decode()
    publish(staff, "# Uno\n\nTexto nuevo.\n", "Segundo borrador")
    assert "Segundo borrador" in _get(client, "/borradores/").content.decode()


def _all_generations() -> dict[str, str]:
    return page_cache.generations().tokens


@pytest.mark.parametrize("table", [page_cache.EVERYTHING, "consultation_comment"])
def test_invalidation_renews_the_generation_again_on_commit(
    django_capture_on_commit_callbacks, table
):
    from consultation.models import Comment

    before = page_cache.generation(table)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        page_cache.invalidate(Comment if table != page_cache.EVERYTHING else None)
    during = page_cache.generation(table)
    assert during != before
    assert len(callbacks) == 1
    callbacks[0]()
    assert page_cache.generation(table) not in (before, during)


def _renewals() -> list:
    from django.db import connection

    return [c for _s, c, _r in connection.run_on_commit if isinstance(c, page_cache._OnCommit)]


@pytest.mark.django_db(transaction=True)
def test_a_transaction_renews_each_table_it_wrote_once_when_it_commits(consultation, reader):
    from django.db import transaction

    from consultation.models import Comment

    with transaction.atomic():
        comment_create(actor=reader, consultation=consultation, body="Uno.")
        comment_create(actor=reader, consultation=consultation, body="Dos.")
        page_cache.invalidate(type(consultation))
        with transaction.atomic():
            Comment.objects.filter(body="Uno.").update(support_count=1)
        renewals = _renewals()
        assert len(renewals) == 1
        assert {"consultation_comment", "consultation_consultation"} <= renewals[0].tables
        before = page_cache.generation("consultation_consultation")
    assert page_cache.generation("consultation_consultation") != before  # renewed on commit


@pytest.mark.django_db(transaction=True)
def test_a_savepoint_rolled_back_leaves_the_next_write_its_renewal(consultation):
    from django.db import transaction

    from consultation.models import Comment

    with transaction.atomic():
        try:
            with transaction.atomic():
                page_cache.invalidate(type(consultation))
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
        assert _renewals() == []  # dropped with its savepoint
        page_cache.invalidate(Comment)
        assert [r.tables for r in _renewals()] == [{"consultation_comment"}]


def test_a_log_in_does_not_invalidate(reader):
    before = _all_generations()
    Client().force_login(reader)
    assert _all_generations() == before


def test_a_comment_renews_the_pages_that_read_comments_and_no_other(client, consultation, reader):
    version_page = consultation.version.get_absolute_url()
    for url in (version_page, "/consulta/", "/transparencia/", "/proceso/"):
        _get(client, url)
        assert _get(client, url)["X-Page-Cache"] == "hit", url
    comment_create(actor=reader, consultation=consultation, body="Propongo un glosario.")
    again = _get(client, version_page)
    assert again["X-Page-Cache"] == "miss" and "Propongo un glosario." in again.content.decode()
    assert _get(client, "/consulta/")["X-Page-Cache"] == "miss"  # its figures count comments
    assert _get(client, "/transparencia/")["X-Page-Cache"] == "hit"
    assert _get(client, "/proceso/")["X-Page-Cache"] == "hit"


def test_a_page_that_reads_the_search_index_is_renewed_by_any_public_change(
    client, consultation, reader
):
    url = "/buscar/?q=glosario"
    _get(client, url)
    assert _get(client, url)["X-Page-Cache"] == "hit"
    comment_create(actor=reader, consultation=consultation, body="Propongo un glosario.")
    assert _get(client, url)["X-Page-Cache"] == "miss"
    assert _get(client, url)["X-Page-Cache"] == "hit"
    ExpenseFactory(concept="Impresión", amount=Decimal("10.00"))
    assert _get(client, url)["X-Page-Cache"] == "miss"


def test_a_hit_asks_redis_for_the_generations_of_what_the_page_read_only(
    client, consultation, monkeypatch
):
    url = consultation.version.get_absolute_url()
    _get(client, url)
    asked = []
    get_many = page_cache.cache.get_many
    monkeypatch.setattr(
        page_cache.cache, "get_many", lambda keys: asked.append(list(keys)) or get_many(keys)
    )
    assert _get(client, url)["X-Page-Cache"] == "hit"
    assert len(asked) == 1
    assert 3 <= len(asked[0]) < len(page_cache.generation_keys())


def test_a_page_whose_reads_this_process_got_wrong_is_still_renewed(client, consultation, reader):
    url = consultation.version.get_absolute_url()
    _get(client, url)
    for key in page_cache._READ_BY_PAGE:  # as if it had read nothing when last seen
        page_cache._READ_BY_PAGE[key] = ()
    comment_create(actor=reader, consultation=consultation, body="Propongo un glosario.")
    again = _get(client, url)
    assert again["X-Page-Cache"] == "miss" and "Propongo un glosario." in again.content.decode()
    assert _get(client, url)["X-Page-Cache"] == "hit"


def test_invalidating_everything_renews_every_page(client, consultation):
    for url in (consultation.version.get_absolute_url(), "/transparencia/"):
        _get(client, url)
    page_cache.invalidate()  # what writes that skip the signals call
    for url in (consultation.version.get_absolute_url(), "/transparencia/"):
        assert _get(client, url)["X-Page-Cache"] == "miss", url


def test_a_change_to_a_link_table_renews_the_pages_that_read_it(reader):
    from django.contrib.auth.models import Group

    links = type(reader).groups.through._meta.db_table
    before = page_cache.generation(links)
    reader.groups.add(Group.objects.create(name="Lectores"))
    assert page_cache.generation(links) != before


def test_a_page_is_kept_with_the_generations_of_what_it_read_only(consultation):
    from consultation.models import Comment

    current = page_cache.generations()
    stamp = current.stamp({"consultation_comment", "django_session", "no_such_table"})
    assert stamp == (
        f"*={current.tokens['*']};consultation_comment={current.tokens['consultation_comment']}"
    )
    assert current.holds(stamp)
    assert not current.holds("")  # a page an older release kept
    page_cache.invalidate(type(consultation))
    assert page_cache.generations().holds(stamp)  # it read no consultation
    page_cache.invalidate(Comment)
    assert not page_cache.generations().holds(stamp)


def test_a_generation_the_cache_lost_starts_again_and_its_pages_are_stale(consultation):
    stamp = page_cache.generations().stamp({"consultation_comment"})
    page_cache.cache.delete(page_cache.generation_key("consultation_comment"))
    assert not page_cache.generations().holds(stamp)


# Which writes renew the pages ----------------------------------------------------------------


def test_writes_no_public_page_shows_leave_the_cached_pages_alone(consultation, reader, staff):
    from consultation.models import Comment, Flag, Notification, NotificationPreference
    from drafts.models import Rendition, WorkingCopy
    from transparency.models import ContactMessage

    comment = comment_create(actor=reader, consultation=consultation, body="Propongo un glosario.")
    before = _all_generations()
    Flag.objects.create(comment=comment, user=staff, reason="Prueba")
    Notification.objects.create(user=reader, kind=Notification.Kind.NEW_VERSION, url="/")
    NotificationPreference.objects.update_or_create(user=reader, defaults={})
    ContactMessage.objects.create(
        name="Ana",
        email="ana@example.mx",
        subject="Hola",
        message="Una pregunta.",
        privacy_consent=True,
    )
    copy = WorkingCopy.current()
    copy.body += "\n\nUn cambio sin publicar."
    copy.save()
    # A staff flag on a public model: by `update()` and by a save naming only it.
    Comment.objects.filter(pk=comment.pk).update(read_by_staff=True)
    comment.read_by_staff = False
    comment.save(update_fields=["read_by_staff"])
    Rendition.objects.filter(version=consultation.version).update(queued_at=timezone.now())
    assert _all_generations() == before


def test_public_writes_renew_the_pages_by_save_and_by_update(consultation, reader):
    from consultation.models import Comment

    table = Comment._meta.db_table
    before = page_cache.generation(table)
    comment = comment_create(actor=reader, consultation=consultation, body="Propongo un glosario.")
    after_save = page_cache.generation(table)
    assert after_save != before
    # `update()` skips the signals: the queryset renews the pages itself.
    Comment.objects.filter(pk=comment.pk).update(support_count=3)
    assert page_cache.generation(table) != after_save
    unchanged = _all_generations()
    assert Comment.objects.filter(pk=0).update(support_count=1) == 0  # no row: no renewal
    assert _all_generations() == unchanged


def test_every_model_says_whether_public_pages_show_it():
    """A new model in an app with public pages must choose: `@shown_on_public_pages` (with a
    `PublicQuerySet`), or a place in this list of models no public page shows."""
    from django.apps import apps

    not_shown = {
        "consultation.flag", "consultation.notification",
        "consultation.notificationpreference", "drafts.workingcopy",
        "transparency.contactmessage", "accounts.limitentry",
    }  # fmt: skip
    public = page_cache.public_models()
    undecided = []
    for model in apps.get_models():
        label = model._meta.label_lower
        if model._meta.app_label not in {
            "strategy", "drafts", "consultation", "transparency", "accounts",
        } or model.__name__.startswith("Historical"):  # fmt: skip
            continue
        if model in public:
            manager_queryset = model._default_manager.get_queryset()
            assert isinstance(manager_queryset, page_cache.PublicQuerySet), label
        elif label not in not_shown:
            undecided.append(label)
    assert undecided == []


def test_signed_in_requests_are_never_served_from_the_cache_nor_stored(
    client, consultation, reader
):
    url = consultation.version.get_absolute_url()
    _get(client, url)
    assert _get(client, url)["X-Page-Cache"] == "hit"
    signed_in = Client()
    signed_in.force_login(reader)
    for _ in range(2):
        response = signed_in.get(url)
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
        assert "private" in response["Cache-Control"]
        # The comment form only a signed-in, verified person sees.
        assert 'name="csrfmiddlewaretoken"' in response.content.decode()
    # ...and the anonymous copy never got the signed-in person's page.
    anonymous = _get(client, url)
    assert 'name="csrfmiddlewaretoken"' not in anonymous.content.decode()


def test_pages_with_a_csrf_token_are_not_cached(client, db):
    for _ in range(2):
        response = client.get("/contacto/")
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
        assert 'name="csrfmiddlewaretoken"' in response.content.decode()


def test_a_pending_message_bypasses_the_cache(client, consultation):
    url = consultation.version.get_absolute_url()
    _get(client, url)
    client.cookies["messages"] = "anything"
    assert "X-Page-Cache" not in client.get(url)


def test_spanish_and_english_pages_do_not_mix(client, db):
    spanish = _get(client, "/")
    english = _get(client, "/en/")
    assert spanish["Content-Language"].startswith("es")
    assert english["Content-Language"] == "en"
    again_es = _get(client, "/")
    again_en = _get(client, "/en/")
    assert again_es["X-Page-Cache"] == again_en["X-Page-Cache"] == "hit"
    assert again_es.content == spanish.content
    assert again_en.content == english.content
    assert spanish.content != english.content
    assert again_es["Content-Language"].startswith("es")


def test_query_strings_are_part_of_the_key(client, consultation):
    url = consultation.version.get_absolute_url()
    anchor = consultation.version.sections.first().anchor
    whole = _get(client, url)
    filtered = _get(client, f"{url}?seccion={anchor}")
    assert filtered["X-Page-Cache"] == "miss"
    assert filtered.content != whole.content


def test_parameters_a_page_does_not_read_make_no_new_copy(client, consultation, monkeypatch):
    stored_keys = []
    store = page_cache._store
    monkeypatch.setattr(
        page_cache, "_store", lambda key, *args: stored_keys.append(key) or store(key, *args)
    )
    url = consultation.version.get_absolute_url()
    assert _get(client, url)["X-Page-Cache"] == "miss"
    for n in range(200):
        assert _get(client, f"{url}?x={n}&utm_source=correo")["X-Page-Cache"] == "hit"
    assert _get(client, "/proceso/")["X-Page-Cache"] == "miss"
    for n in range(200):
        assert _get(client, f"/proceso/?pagina={n}")["X-Page-Cache"] == "hit"
    assert len(set(stored_keys)) == 2


def test_parameters_a_page_reads_still_choose_what_it_shows(client, consultation):
    url = consultation.version.get_absolute_url()
    anchor = consultation.version.sections.first().anchor
    filtered = _get(client, f"{url}?seccion={anchor}")
    again = _get(client, f"{url}?zzz=1&seccion={anchor}")
    assert again["X-Page-Cache"] == "hit" and again.content == filtered.content


def test_a_parameter_the_page_does_not_read_never_reaches_it(client, db):
    # Echoed into links (sorting, pages), it would have been served to every reader.
    response = _get(client, "/transparencia/?orden=monto&inyectado=valor-ajeno")
    assert b"valor-ajeno" not in response.content
    assert b"orden=monto" in response.content or b"monto" in response.content


def test_an_address_with_no_page_is_never_stored(client, db, monkeypatch):
    stored = []
    monkeypatch.setattr(page_cache, "_store", lambda *args: stored.append(args))
    assert client.get("/no-existe/?x=1").status_code == 404
    assert stored == []


def test_if_none_match_gets_a_304(client, consultation):
    url = consultation.version.get_absolute_url()
    etag = _get(client, url)["ETag"]
    response = client.get(url, headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert _get(client, url, **{"If-None-Match": '"otra"'}).status_code == 200


def test_post_is_never_cached(client, consultation, reader):
    url = f"/consulta/comentar/{consultation.version.number}/"
    client.force_login(reader)
    data = {"body": "Primero.", "section": "version", "client_token": "a"}
    assert client.post(url, data).status_code == 302
    anonymous = Client()
    assert anonymous.post(url, data).status_code == 302  # to log in; nothing stored
    assert consultation.comments.count() == 1
    assert "X-Page-Cache" not in anonymous.post(url, data)


def test_staff_and_account_pages_are_never_cached(client, db):
    for url in ("/cuenta/login/", "/en/cuenta/login/", "/salud/", "/admin/login/"):
        for _ in range(2):
            response = client.get(url)
            assert "X-Page-Cache" not in response, url


def test_the_cache_can_be_turned_off(client, consultation, settings):
    settings.PAGE_CACHE_SECONDS = 0
    url = consultation.version.get_absolute_url()
    _get(client, url)
    assert "X-Page-Cache" not in _get(client, url)


def test_pages_are_rendered_when_the_cache_is_down(client, consultation, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("Redis is down")

    for method in ("get", "get_many", "set", "add", "delete"):
        monkeypatch.setattr(page_cache.cache, method, broken)
    response = client.get(consultation.version.get_absolute_url())
    assert response.status_code == 200
    assert "X-Page-Cache" not in response


# Compression and the render lock -----------------------------------------------------------------


def test_pages_go_gzipped_to_clients_that_accept_it_and_plain_to_the_others(client, consultation):
    url = consultation.version.get_absolute_url()
    plain_miss = _get(client, url)
    packed = _get(client, url, accept_encoding="gzip, deflate, br")
    plain = _get(client, url)
    assert packed["X-Page-Cache"] == plain["X-Page-Cache"] == "hit"
    assert packed["Content-Encoding"] == "gzip" and "Content-Encoding" not in plain
    assert gzip.decompress(packed.content) == plain.content == plain_miss.content
    assert len(packed.content) * 3 < len(plain.content)
    assert int(packed["Content-Length"]) == len(packed.content)
    assert "Accept-Encoding" in packed["Vary"] and "Accept-Encoding" in plain["Vary"]
    # Different bytes, so not the same strong validator; either revalidates to a 304.
    assert packed["ETag"] == f"W/{plain['ETag']}"
    assert _get(client, url, if_none_match=packed["ETag"]).status_code == 304


def test_a_signed_in_page_is_gzipped_too(client, consultation, reader):
    client.force_login(reader)
    response = client.get(
        consultation.version.get_absolute_url(), headers={"accept-encoding": "gzip"}
    )
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert 'name="client_token"' in gzip.decompress(response.content).decode()  # the form
    assert "X-Page-Cache" not in response


def test_while_one_process_renders_a_stale_page_the_others_get_the_copy_they_had(
    client, consultation, reader, django_capture_on_commit_callbacks
):
    url = consultation.version.get_absolute_url()
    _get(client, url)  # stored
    with django_capture_on_commit_callbacks(execute=True):
        comment_create(
            actor=reader,
            consultation=consultation,
            section=consultation.version.sections.first(),
            body="Un comentario que llega durante una ráfaga.",
        )
    # Another process is rendering the page again right now.
    request = RequestFactory().get(url)
    request.LANGUAGE_CODE = settings.LANGUAGE_CODE
    lock = f"{page_cache._key(request)}:rendering"
    assert page_cache.cache.add(lock, 1, timeout=10)
    stale = _get(client, url)
    assert stale["X-Page-Cache"] == "stale"
    assert "durante una ráfaga" not in stale.content.decode()
    page_cache.cache.delete(lock)  # it finished
    fresh = _get(client, url)
    assert fresh["X-Page-Cache"] == "miss"
    assert "durante una ráfaga" in fresh.content.decode()
    assert _get(client, url)["X-Page-Cache"] == "hit"
    assert page_cache.cache.get(lock) is None  # released by the request that rendered


def test_under_a_stream_of_changes_a_page_is_rendered_again_once_a_second_at_most(
    client, consultation, reader, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.PAGE_REFRESH_SECONDS = 1
    clock = [1_000_000.0]
    monkeypatch.setattr(page_cache.time, "time", lambda: clock[0])
    url = consultation.version.get_absolute_url()
    assert _get(client, url)["X-Page-Cache"] == "miss"
    section = consultation.version.sections.first()
    with django_capture_on_commit_callbacks(execute=True):
        comment_create(actor=reader, consultation=consultation, section=section, body="Uno, ya.")
    clock[0] += 0.5  # half a second after the page was rendered: served as it was
    stale = _get(client, url)
    assert stale["X-Page-Cache"] == "stale" and "Uno, ya." not in stale.content.decode()
    clock[0] += 0.6  # past the second: rendered again, with the comment
    fresh = _get(client, url)
    assert fresh["X-Page-Cache"] == "miss" and "Uno, ya." in fresh.content.decode()


def test_with_no_copy_and_the_renderer_gone_a_request_renders_the_page_itself(
    client, consultation, monkeypatch
):
    monkeypatch.setattr(page_cache, "_WAIT_SECONDS", 0.1)
    url = consultation.version.get_absolute_url()
    request = RequestFactory().get(url)
    request.LANGUAGE_CODE = settings.LANGUAGE_CODE
    assert page_cache.cache.add(f"{page_cache._key(request)}:rendering", 1, timeout=10)
    response = _get(client, url)
    assert response["X-Page-Cache"] == "miss"
    assert consultation.title in response.content.decode()


# Streamed downloads --------------------------------------------------------------------------------


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_a_dataset_download_is_kept_once_sent_and_renewed_by_a_change(
    client, db, django_capture_on_commit_callbacks
):
    ExpenseFactory(concept="Impresión de materiales", amount=Decimal("1500.00"))
    first = client.get("/datos/gastos.csv")
    assert first.streaming and first["X-Page-Cache"] == "miss"
    body = _body(first)  # sent in full: now it is kept
    second = client.get("/datos/gastos.csv")
    assert second["X-Page-Cache"] == "hit"
    assert _body(second) == body
    assert second["Content-Type"] == first["Content-Type"]
    assert second["Content-Disposition"] == 'attachment; filename="gastos.csv"'
    with django_capture_on_commit_callbacks(execute=True):
        ExpenseFactory(concept="Renta de sala para la mesa regional", amount=Decimal("9876.54"))
    third = client.get("/datos/gastos.csv")
    assert third["X-Page-Cache"] == "miss"
    assert "Renta de sala para la mesa regional" in _body(third).decode()


def test_a_download_not_sent_in_full_or_too_large_is_not_kept(client, db, monkeypatch):
    ExpenseFactory(concept="Impresión de materiales", amount=Decimal("1500.00"))
    client.get("/datos/gastos.csv")  # the body is never read: the reader went away
    assert client.get("/datos/gastos.csv")["X-Page-Cache"] == "miss"
    monkeypatch.setattr(page_cache, "_STREAM_MAX", 10)
    _body(client.get("/datos/gastos.json"))
    assert client.get("/datos/gastos.json")["X-Page-Cache"] == "miss"


def test_a_kept_download_still_answers_if_modified_since(client, db):
    ExpenseFactory(concept="Impresión de materiales", amount=Decimal("1500.00"))
    first = client.get("/datos/gastos.csv")
    _body(first)
    modified = first["Last-Modified"]
    again = client.get("/datos/gastos.csv", headers={"if-modified-since": modified})
    assert again.status_code == 304
    assert again["Last-Modified"] == modified
    older = "Mon, 01 Jan 2024 00:00:00 GMT"
    stale_copy = client.get("/datos/gastos.csv", headers={"if-modified-since": older})
    assert stale_copy.status_code == 200 and stale_copy["X-Page-Cache"] == "hit"
    assert b"Impresi" in _body(stale_copy)


def test_every_view_that_reads_the_query_declares_what_it_reads():
    # Undeclared parameters are dropped before the view runs (abramos/cache.py): a view that
    # reads one without declaring it would silently ignore it for anonymous readers.
    import inspect

    from django.urls import URLPattern, URLResolver, get_resolver

    def views(resolver, prefix=""):
        for entry in resolver.url_patterns:
            route = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                yield from views(entry, route)
            elif isinstance(entry, URLPattern):
                yield "/" + route.lstrip("^"), entry.callback

    undeclared = []
    for route, view in views(get_resolver()):
        if page_cache._skipped(route) or getattr(view, "page_cache_private", False):
            continue  # the staff side, accounts and private pages: never cached
        module = inspect.getmodule(view)
        if module is None or module.__name__.split(".")[0] not in {
            "abramos", "strategy", "drafts", "consultation", "transparency",
        }:  # fmt: skip
            continue
        inner = inspect.unwrap(view)
        if inspect.ismethod(inner):
            inner = inner.__func__
        if not inspect.isfunction(inner):  # a view instance (the feeds): read its class
            inner = type(inner)
        try:
            source = inspect.getsource(inner)
        except TypeError:
            continue  # built in: no request.GET of ours
        if "request.GET" in source and not hasattr(view, "page_cache_query"):
            undeclared.append(f"{module.__name__}.{view.__name__}")
    assert undeclared == []


def test_the_adoption_form_thanks_the_person_after_sending(client, db):
    response = client.get("/politica/adoptar/?enviada=1&x=1")
    assert response.status_code == 200
    assert "adoption_thanks" in [t.name.split("/")[-1].split(".")[0] for t in response.templates]
