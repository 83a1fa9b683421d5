"""The authorisation matrix: every URL the project defines, for each role and each method, gets
the expected answer, and no role writes what it may not.

URL names come from the resolver, so a URL added later without a row here fails
`test_every_url_has_an_expectation` ("no expectation for <name>"). Each row gives, per method,
one outcome per role in the order of ROLES:

    200, 400, 403, 404, 405, 409  that status
    login                          a redirect to a log-in page (the site's or the admin's)
    302                            a redirect elsewhere
    ok                             200 or a redirect that is not to a log-in page
    ...+w                          and the database changed; without it, it must not change
    ...*                           the database may change (admin forms: allowed roles)

Every request runs in a savepoint rolled back afterwards, against the demo process (with its
consultation opened now) and the six people of tests/roles.py. Every INSERT, UPDATE or DELETE a
request makes is recorded (whatever the method): a refused write touches no row.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache, caches
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from abramos.limits import ALIAS as LIMITS
from strategy.models import Stage
from tests.demo import load_demo
from tests.roles import ROLES, make_role_users, make_user, role_has_perm

pytestmark = pytest.mark.django_db

_UNSAFE = ("POST", "PUT", "DELETE")
_LOGIN_PATHS = ("/cuenta/login/", "/admin/login/")
# Rows that are not the site's data: a session is written by logging in, not by the view.
# Sessions, and the counts of the limits on log-ins and forms (abramos/limits.py): bookkeeping of
# the request itself, not data anyone changed.
_NOT_DATA = {"django_session", "accounts_limitentry"}


# Expectations ----------------------------------------------------------------------------------


def _row(text: str) -> tuple[str, ...]:
    tokens = tuple(text.split())
    assert len(tokens) == len(ROLES), text
    return tokens


ALL_200 = "200 200 200 200 200 200"
ALL_405 = "405 405 405 405 405 405"
ALL_OK = "ok ok ok ok ok ok"
SIGNED_IN_405 = "login 405 405 405 405 405"


@dataclass
class Rule:
    """What each role gets, per method; `kwargs` and `data` are read from the test context."""

    GET: str | None = ALL_200
    POST: str | None = ALL_405
    PUT: str | None = ALL_405
    DELETE: str | None = ALL_405
    kwargs: Callable[[dict], dict | None] = field(default=lambda c: {})
    data: Callable[[dict], dict] = field(default=lambda c: {})


def _public(**kwargs) -> Rule:
    """A public page or download: everyone reads it, nobody writes through it."""
    return Rule(**kwargs)


def _signed_in(get: str = "login 200 200 200 200 200", **kwargs) -> Rule:
    return Rule(GET=get, PUT=SIGNED_IN_405, DELETE=SIGNED_IN_405, **kwargs)


def _comment_data(c: dict) -> dict:
    return {"body": "Propongo publicar los datos en formatos abiertos.", "section": ""}


EXPECTATIONS: dict[str, Rule] = {
    # Probes of load balancers read the status with GET or HEAD.
    "health": _public(),
    "node-alive": _public(),
    # Prometheus metrics: staff (whom the admin lets in) and the allowed networks only; from
    # the internet, where these clients are, the same 404 as an address that does not exist,
    # whatever the method (abramos/metrics.py).
    "metrics": Rule(
        GET="404 404 404 200 200 200",
        POST="404 404 404 405 405 405",
        PUT="404 404 404 405 405 405",
        DELETE="404 404 404 405 405 405",
    ),
    # What is invented, while demo content is loaded (the matrix runs on the demo).
    "demo": _public(),
    # Strategy -----------------------------------------------------------------------------
    "strategy:home": _public(),
    "strategy:policy": _public(),
    "strategy:process": _public(),
    "strategy:participants": _public(),
    "strategy:activity-detail": _public(kwargs=lambda c: {"slug": c["activity"]}),
    "strategy:document-download": _public(kwargs=lambda c: {"slug": c["document"]}),
    # Anyone may offer to collaborate; the offer waits for the Technical Group.
    "strategy:collaborate": _public(POST="ok ok ok ok ok ok"),
    "strategy:collaborate-thanks": _public(),
    "search:results": _public(),
    # Drafts -------------------------------------------------------------------------------
    "drafts:version-list": _public(),
    "drafts:version-detail": _public(kwargs=lambda c: {"number": c["version"]}),
    "drafts:rendition-download": _public(
        kwargs=lambda c: {"number": c["rendition"][0], "fmt": c["rendition"][1]}
    ),
    "drafts:version-compare": _public(kwargs=lambda c: {"a": c["version"] - 1, "b": c["version"]}),
    "drafts:policy": _public(),
    # Checking a copy stores nothing, whoever sends it.
    "drafts:verify": _public(POST=ALL_200, data=lambda c: {"sha256": "0" * 64}),
    # Any agency may record an adoption (confirmed by the Technical Group before it shows).
    "drafts:adoption-create": _public(POST="ok ok ok ok ok ok", data=lambda c: {}),
    # Consultation -------------------------------------------------------------------------
    "consultation:overview": _public(),
    "consultation:report": _public(),
    # Every comment's permanent page.
    "consultation:comment-detail": _public(kwargs=lambda c: {"pk": c["others_comment"]}),
    "consultation:report-csv": _public(),
    # 202 while the PDF is drawn in Celery, then the file.
    "consultation:report-pdf": _public(GET="202 202 202 202 202 202"),
    "consultation:notification-preferences": _signed_in(
        POST="login 302w 302w 302w 302w 302w", data=lambda c: {"frequency": "daily"}
    ),
    # Commenting needs a verified e-mail; the unverified person is refused, nothing is stored.
    "consultation:comment-create": _signed_in(
        get=SIGNED_IN_405,
        POST="login 403 302w 302w 302w 302w",
        kwargs=lambda c: {"number": c["version"]},
        data=_comment_data,
    ),
    "consultation:comment-reply": _signed_in(
        get=SIGNED_IN_405,
        POST="login 403 302w 302w 302w 302w",
        kwargs=lambda c: {"pk": c["others_comment"]},
        data=_comment_data,
    ),
    # Only the author (the citizen), for 15 minutes.
    "consultation:comment-edit": _signed_in(
        get="login 403 200 403 403 403",
        POST="login 403 302w 403 403 403",
        kwargs=lambda c: {"pk": c["own_comment"]},
        data=lambda c: {"body": "Texto corregido."},
    ),
    "consultation:comment-withdraw": _signed_in(
        get="login 403 200 403 403 403",
        POST="login 403 302w 403 403 403",
        kwargs=lambda c: {"pk": c["own_comment"]},
    ),
    "consultation:comment-support": _signed_in(
        get=SIGNED_IN_405,
        POST="login 403 302w 302w 302w 302w",
        kwargs=lambda c: {"pk": c["others_comment"]},
    ),
    "consultation:comment-flag": _signed_in(
        POST="login 302w 302w 302w 302w 302w",
        kwargs=lambda c: {"pk": c["others_comment"]},
        data=lambda c: {"reason": "Contiene datos personales de un tercero."},
    ),
    # Moderation: moderators and superusers.
    # The queue is read with GET; a write is a POST to hide or restore.
    "consultation:moderation-queue": _signed_in(
        get="login 403 403 200 403 200", POST=SIGNED_IN_405
    ),
    "consultation:comment-hide": _signed_in(
        get=SIGNED_IN_405,
        POST="login 403 403 302w 403 302w",
        kwargs=lambda c: {"pk": c["flagged_comment"]},
        data=lambda c: {f"c{c['flagged_comment']}-reason": "Datos personales de un tercero."},
    ),
    "consultation:flags-dismiss": _signed_in(
        get=SIGNED_IN_405,
        POST="login 403 403 302w 403 302w",
        kwargs=lambda c: {"pk": c["flagged_comment"]},
        data=lambda c: {f"d{c['flagged_comment']}-note": "Es una crítica, no un ataque."},
    ),
    "consultation:comment-restore": _signed_in(
        get=SIGNED_IN_405,
        POST="login 403 403 302w 403 302w",
        kwargs=lambda c: {"pk": c["hidden_comment"]},
        data=lambda c: {f"c{c['hidden_comment']}-reason": "Revisado de nuevo."},
    ),
    # Triage and answers: the Technical Group and superusers.
    "consultation:triage": _signed_in(get="login 403 403 403 200 200", POST=SIGNED_IN_405),
    "consultation:comment-mark-read": _signed_in(
        get=SIGNED_IN_405,
        POST="login 403 403 403 302w 302w",
        kwargs=lambda c: {"pk": c["others_comment"]},
        data=lambda c: {"read": "1"},
    ),
    "consultation:answer-edit": _signed_in(
        get="login 403 403 403 200 200",
        POST="login 403 403 403 302w 302w",
        kwargs=lambda c: {"pk": c["others_comment"]},
        data=lambda c: {"outcome": "incorporated", "body": "Se incorpora en el objetivo 2."},
    ),
    # Transparency and open data -----------------------------------------------------------
    "transparency:overview": _public(),
    "transparency:document-list": _public(),
    "transparency:expense-detail": _public(kwargs=lambda c: {"pk": c["expense"]}),
    "transparency:expense-receipt": _public(kwargs=lambda c: {"pk": c["expense"]}),
    # Anyone may write to the people responsible; the message is stored for the staff.
    "transparency:contact": _public(
        POST="302w 302w 302w 302w 302w 302w",
        data=lambda c: {
            "name": "Ana Pérez",
            "email": "ana@example.mx",
            "subject": "Pregunta",
            "message": "¿Cuándo se publica el informe?",
            "privacy_consent": "on",
        },
    ),
    "transparency:contact-thanks": _public(),
    "opendata:catalogue": _public(),
    "opendata:dcat": _public(),
    "opendata:datapackage": _public(),
    "opendata:dataset": _public(kwargs=lambda c: {"slug": "gastos"}),
    "opendata:download": _public(kwargs=lambda c: {"slug": "comentarios", "fmt": "csv"}),
    "opendata:feed": _public(kwargs=lambda c: {"slug": "actividades"}),
    # The person's own data --------------------------------------------------------------------
    "accounts:my-data": _signed_in(
        POST="login 302w 302w 302w 302w 302w",
        data=lambda c: {"display_name": "Nombre nuevo", "sector": "academia", "state": "14"},
    ),
    "accounts:export": _signed_in(POST=SIGNED_IN_405),
    # Anonymising needs the password typed again: a POST without it deletes nothing.
    "accounts:delete": _signed_in(POST="login 200 200 200 200 200"),
    "privacy:notice": _public(),
    "privacy:simplified": _public(),
}

# allauth's pages: forms for everyone; what matters here is that none of them writes for a role
# that sends nothing valid, and that the signed-in ones ask for a session.
_ALLAUTH = {
    "account_login": Rule(
        GET="200 302 302 302 302 302",
        POST="200 302 302 302 302 302",
        PUT="200 302 302 302 302 302",
        DELETE="405 302 302 302 302 302",
    ),
    "account_signup": Rule(
        GET="200 302 302 302 302 302",
        POST="200 302 302 302 302 302",
        PUT="200 302 302 302 302 302",
        DELETE="405 302 302 302 302 302",
    ),
    "account_logout": Rule(
        GET="302 200 200 200 200 200",
        POST="302 302 302 302 302 302",
        PUT="405 405 405 405 405 405",
        DELETE="405 405 405 405 405 405",
    ),
    "account_inactive": Rule(
        GET="200 200 200 200 200 200",
        POST="405 405 405 405 405 405",
        PUT="405 405 405 405 405 405",
        DELETE="405 405 405 405 405 405",
    ),
    "account_reauthenticate": Rule(
        GET="login 200 200 200 200 200",
        POST="login 200 200 200 200 200",
        PUT="login 200 200 200 200 200",
        DELETE="login 405 405 405 405 405",
    ),
    "account_email": Rule(
        GET="login 200* 200 200 200 200",
        POST="login 302* 302 302 302 302",
        PUT="login 302* 302 302 302 302",
        DELETE="login 405* 405 405 405 405",
    ),
    "account_email_verification_sent": Rule(
        GET="200 200 200 200 200 200",
        POST="405 405 405 405 405 405",
        PUT="405 405 405 405 405 405",
        DELETE="405 405 405 405 405 405",
    ),
    "account_change_password": Rule(
        GET="login 200 200 200 200 200",
        POST="login 200 200 200 200 200",
        PUT="login 200 200 200 200 200",
        DELETE="login 405 405 405 405 405",
    ),
    "account_set_password": Rule(
        GET="login 302 302 302 302 302",
        POST="login 302 302 302 302 302",
        PUT="login 302 302 302 302 302",
        DELETE="login 302 302 302 302 302",
    ),
    "account_reset_password": Rule(
        GET="200 200 200 200 200 200",
        POST="200 200 200 200 200 200",
        PUT="200 200 200 200 200 200",
        DELETE="405 405 405 405 405 405",
    ),
    "account_confirm_login_code": Rule(
        GET="login 302 302 302 302 302",
        POST="login 302 302 302 302 302",
        PUT="login 302 302 302 302 302",
        DELETE="login 302 302 302 302 302",
    ),
    "account_confirm_email": Rule(
        GET="200 200 200 200 200 200",
        POST="404 404 404 404 404 404",
        PUT="405 405 405 405 405 405",
        DELETE="405 405 405 405 405 405",
        kwargs=lambda c: {"key": "clave-falsa"},
    ),
    "account_reset_password_from_key_done": Rule(
        GET="200 200 200 200 200 200",
        POST="405 405 405 405 405 405",
        PUT="405 405 405 405 405 405",
        DELETE="405 405 405 405 405 405",
    ),
    "account_reset_password_from_key": Rule(
        GET="200 200 200 200 200 200",
        POST="200 200 200 200 200 200",
        PUT="200 200 200 200 200 200",
        DELETE="200 200 200 200 200 200",
        kwargs=lambda c: {"uidb36": "1", "key": "clave-falsa"},
    ),
    "account_reset_password_done": Rule(
        GET="200 200 200 200 200 200",
        POST="405 405 405 405 405 405",
        PUT="405 405 405 405 405 405",
        DELETE="405 405 405 405 405 405",
    ),
    "mfa_index": Rule(
        GET="login 200 200 200 200 200",
        POST="login 405 405 405 405 405",
        PUT="login 405 405 405 405 405",
        DELETE="login 405 405 405 405 405",
    ),
    "mfa_authenticate": Rule(
        GET="login 302 302 302 302 302",
        POST="login 302 302 302 302 302",
        PUT="login 302 302 302 302 302",
        DELETE="login 302 302 302 302 302",
    ),
    "mfa_reauthenticate": Rule(
        GET="login 302 302 200 200 200",
        POST="login 302 302 200 200 200",
        PUT="login 302 302 200 200 200",
        DELETE="login 302 302 405 405 405",
    ),
    "mfa_activate_totp": Rule(
        GET="login 302 302 302 302 302",
        POST="login 302 302 302 302 302",
        PUT="login 302 302 302 302 302",
        DELETE="login 302 302 302 302 302",
    ),
    "mfa_deactivate_totp": Rule(
        GET="login 404 404 302 302 302",
        POST="login 404 404 302 302 302",
        PUT="login 404 404 302 302 302",
        DELETE="login 404 404 302 302 302",
    ),
    "mfa_view_recovery_codes": Rule(
        GET="login 404 404 404 404 404",
        POST="login 405 405 405 405 405",
        PUT="login 405 405 405 405 405",
        DELETE="login 405 405 405 405 405",
    ),
    "mfa_generate_recovery_codes": Rule(
        GET="login 302 302 302 302 302",
        POST="login 302 302 302 302 302",
        PUT="login 302 302 302 302 302",
        DELETE="login 302 302 302 302 302",
    ),
    "mfa_download_recovery_codes": Rule(
        GET="login 404 404 404 404 404",
        POST="login 404 404 404 404 404",
        PUT="login 404 404 404 404 404",
        DELETE="login 404 404 404 404 404",
    ),
}
for _name, _rule in _ALLAUTH.items():
    # Class-based views answer 405 to methods they do not define, once past their guards.
    EXPECTATIONS[_name] = _rule


# The admin -------------------------------------------------------------------------------------

# What each ModelAdmin offers at all, to anyone: public records (published versions, comments,
# answers, spending, moderation) are never deleted, and what comes from the site (comments,
# flags, notifications) is never added in the admin (DESIGN.md, Rules that hold everywhere).
ADMIN_OFFERS: dict[str, set[str]] = {
    "account.emailaddress": {"add", "change", "delete"},
    "accounts.user": {"add", "change", "delete"},
    "auth.group": {"add", "change", "delete"},
    "mfa.authenticator": {"add", "change", "delete"},
    "mail.message": {"delete"},
    "strategy.stage": {"add", "change", "delete"},
    "strategy.activity": {"add", "change", "delete"},
    "strategy.document": {"add", "change", "delete"},
    "strategy.action": {"add", "change", "delete"},
    "strategy.workinggroup": {"add", "change", "delete"},
    "strategy.thematictable": {"add", "change", "delete"},
    "strategy.organisation": {"add", "change", "delete"},
    "strategy.person": {"add", "change", "delete"},
    "strategy.membership": {"add", "change", "delete"},
    # Offers are decided (accept/decline pages), never edited: what the offerer typed is theirs.
    "strategy.collaborationoffer": {"delete"},
    "drafts.workingcopy": {"change"},
    "drafts.version": set(),
    "drafts.rendition": {"change"},
    "drafts.approval": {"add", "change", "delete"},
    "drafts.adoption": {"change"},
    "consultation.consultation": {"add", "change"},
    "consultation.session": {"add", "change"},
    "consultation.comment": {"change"},
    "consultation.answer": set(),
    "consultation.flag": {"change"},
    "consultation.moderationaction": set(),
    "consultation.notification": set(),
    "consultation.notificationpreference": set(),
    "transparency.expense": {"add", "change"},
    "transparency.contactmessage": {"change", "delete"},
}
_ADMIN_VIEWS = ("changelist", "add", "change", "delete", "history", "simple_history")


def _admin_expectation(role: str, label: str, view: str, method: str) -> str:
    app_label, model = label.split(".")
    if role == "anonymous":
        return "login"
    if role in ("unverified", "citizen"):
        return "403"  # not staff: a plain refusal, never the admin's log-in form

    def may(action: str) -> bool:
        offered = action == "view" or action in ADMIN_OFFERS[label]
        return offered and role_has_perm(role, f"{app_label}.{action}_{model}")

    sees = may("view") or may("change")
    if view == "changelist":
        if method == "GET":
            # The one working copy: its list goes straight to it.
            return ("ok" if label == "drafts.workingcopy" else "200") if sees else "403"
        # The bulk delete action, confirmed.
        return "ok*" if may("delete") else ("ok" if sees else "403")
    if view == "add":
        allowed = may("add")
        return ("200" if method == "GET" else "ok*") if allowed else "403"
    if view in ("change", "history"):
        if method == "GET":
            return "200" if sees else "403"
        if view == "history":
            return "200" if sees else "403"  # a POST there is read as a GET
        return "ok*" if may("change") else "403"
    if view == "simple_history":  # an old version, and the form that reverts to it
        if method == "GET":
            return "200" if sees else "403"
        return "ok*" if may("change") else "403"
    allowed = may("delete")  # delete
    return ("200" if method == "GET" else "ok*") if allowed else "403"


def _admin_cases(context) -> list[tuple[str, str, dict, str, str]]:
    """(url name, url, data, model label, view) for the index and every ModelAdmin's pages."""
    cases = [("admin:index", reverse("admin:index"), {}, "", "index")]
    for model, _model_admin in admin.site._registry.items():
        label = model._meta.label_lower
        info = (model._meta.app_label, model._meta.model_name)
        obj = model._default_manager.order_by("pk").first()
        for view in _ADMIN_VIEWS:
            name = "admin:{}_{}_{}".format(*info, view)
            if view == "simple_history":
                record = obj.history.order_by("pk").first() if hasattr(obj, "history") else None
                if record is None:
                    continue
                url = reverse(name, args=[obj.pk, record.history_id])
            elif view in ("change", "delete", "history"):
                if obj is None:
                    continue
                url = reverse(name, args=[obj.pk])
            else:
                url = reverse(name)
            data = {}
            if view == "delete":
                data = {"post": "yes"}
            elif view == "changelist" and obj is not None:
                data = {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"}
            cases.append((name, url, data, label, view))
    return cases


def _covered_by_admin_rules(name: str) -> bool:
    """The index and each ModelAdmin's own pages are checked by the rules above."""
    if name == "admin:index":
        return True
    return any(
        name == f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}"
        for model in admin.site._registry
        for view in _ADMIN_VIEWS
    )


STAFF_200 = "login 403 403 200 200 200"
SUPER_200 = "login 403 403 403 403 200"
TECH_200 = "login 403 403 403 200 200"

# The admin's other pages: every one needs staff, none is reached by a citizen.
# The admin's other pages: every one needs staff, none is reached by a citizen; the admin's own
# log-in is never shown (it sends everyone to the site's, which asks for the code); someone
# else's password is only for who may change accounts.
ADMIN_OTHER: dict[str, Rule] = {
    "admin:login": Rule(
        GET="login login login login login login", POST="login login login login login login"
    ),
    "admin:logout": Rule(GET="302 403 403 405 405 405", POST="302 403 403 200 200 200"),
    "admin:password_change": Rule(
        GET="login 403 403 200 200 200", POST="login 403 403 200 200 200"
    ),
    "admin:password_change_done": Rule(
        GET="login 403 403 200 200 200", POST="login 403 403 405 405 405"
    ),
    "admin:jsi18n": Rule(GET="login 403 403 200 200 200", POST="login 403 403 405 405 405"),
    "admin:autocomplete": Rule(GET="login 403 403 403 403 403", POST="login 403 403 405 405 405"),
    "admin:app_list": Rule(
        GET="login 403 403 404 200 200",
        POST="login 403 403 404 200 200",
        kwargs=lambda c: {"app_label": "strategy"},
    ),
    "admin:view_on_site": Rule(
        GET="login 403 403 302 302 302",
        POST="login 403 403 302 302 302",
        kwargs=lambda c: c["on_site"],
    ),
    "admin:auth_user_password_change": Rule(
        GET="login 403 403 403 403 200",
        POST="login 403 403 403 403 200",
        kwargs=lambda c: {"id": c["users"]["citizen"].pk},
    ),
    "admin:drafts_workingcopy_publish": Rule(
        GET="login 403 403 403 200 200",
        POST="login 403 403 403 200 200",
        kwargs=lambda c: {"object_id": c["working_copy"]},
    ),
    # The preview renders what is posted and saves nothing; a GET goes back to the editor.
    "admin:drafts_workingcopy_preview": Rule(
        GET="login 403 403 403 302 302",
        POST="login 403 403 403 200 200",
        kwargs=lambda c: {"object_id": c["working_copy"]},
    ),
    "admin:drafts_workingcopy_history_compare": Rule(
        GET="login 403 403 403 404 404",
        POST="login 403 403 403 404 404",
        kwargs=lambda c: {"object_id": c["working_copy"]},
    ),
    "admin:consultation_session_contribution": Rule(
        GET="login 403 403 403 200 200",
        POST="login 403 403 403 200 200",
        kwargs=lambda c: {"object_id": c["session"]},
    ),
    "admin:strategy_collaborationoffer_accept": Rule(
        GET="login 403 403 403 200 200",
        POST="login 403 403 403 200 200",
        kwargs=lambda c: c["offer"],
    ),
    "admin:strategy_collaborationoffer_decline": Rule(
        GET="login 403 403 403 200 200",
        POST="login 403 403 403 200 200",
        kwargs=lambda c: c["offer"],
    ),
    "admin:<unnamed>": Rule(GET="login 403 403 302 302 302", POST=None),
}
for _rule in ADMIN_OTHER.values():
    _rule.PUT = _rule.DELETE = None


# Walking the resolver --------------------------------------------------------------------------


def _url_names(resolver: URLResolver | None = None, namespace: str = "") -> list[str]:
    resolver = resolver or get_resolver()
    names = []
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            names += _url_names(pattern, inner)
        elif isinstance(pattern, URLPattern):
            name = pattern.name or "<unnamed>"
            names.append(f"{namespace}:{name}" if namespace else name)
    return names


# The world the matrix runs in --------------------------------------------------------------


class _Writes:
    """Records every INSERT, UPDATE and DELETE that touched a row, and its table."""

    _VERBS = ("INSERT", "UPDATE", "DELETE")

    def __init__(self):
        self.tables: set[str] = set()

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        words = sql.lstrip().split(None, 3)
        verb = words[0].upper() if words else ""
        if verb in self._VERBS:
            # An UPDATE or DELETE that matched no row wrote nothing (an INSERT ... RETURNING
            # has no row count yet).
            cursor = context.get("cursor")
            if verb == "INSERT" or cursor is None or cursor.rowcount != 0:
                table = words[1] if verb == "UPDATE" else words[2]
                self.tables.add(table.strip('"`'))
        return result

    @property
    def changed(self) -> list[str]:
        return sorted(self.tables - _NOT_DATA)


@pytest.fixture
def world(django_capture_on_commit_callbacks):
    from consultation.models import Comment, Consultation, Flag, Session
    from drafts.models import Rendition, WorkingCopy
    from strategy.models import Activity, Document
    from transparency.models import Expense

    load_demo(verbosity=0)
    users = make_role_users()
    now = timezone.now()
    consultation = Consultation.objects.order_by("pk").first()
    consultation.opens_at = now - datetime.timedelta(days=1)
    consultation.closes_at = now + datetime.timedelta(days=30)
    consultation.save()
    author = users["citizen"]
    someone = make_user("matriz-otra@example.mx")

    def comment(by, **extra):
        return Comment.objects.create(
            consultation=consultation,
            version=consultation.version,
            author=by,
            body="Propongo publicar los datos en formatos abiertos.",
            created_at=now,
            **extra,
        )

    flagged = comment(someone)
    Flag.objects.create(comment=flagged, user=author, reason="Insulta a otra persona.")
    rendition = Rendition.objects.filter(version=consultation.version).order_by("pk").first()
    rendition.file.save(f"pnda.{rendition.format}", ContentFile(b"%PDF-1.4\n"), save=False)
    rendition.status = Rendition.Status.READY
    rendition.save()
    context = {
        "users": users,
        "version": consultation.version.number,
        "own_comment": comment(author).pk,
        "others_comment": comment(someone).pk,
        "flagged_comment": flagged.pk,
        "hidden_comment": comment(someone, status=Comment.Status.HIDDEN).pk,
        "activity": Activity.objects.order_by("pk").first().slug,
        "document": Document.objects.exclude(file="").order_by("pk").first().slug,
        "expense": Expense.objects.exclude(receipt="").order_by("pk").first().pk,
        "rendition": (consultation.version.number, rendition.format),
        "working_copy": WorkingCopy.objects.order_by("pk").first().pk,
        "session": Session.objects.order_by("pk").first().pk,
        "on_site": {
            "content_type_id": ContentType.objects.get_for_model(Activity).pk,
            "object_id": Activity.objects.order_by("pk").first().pk,
        },
        "offer": _collaboration_offer(),
    }
    return context


def _collaboration_offer() -> dict | None:
    try:
        model = apps.get_model("strategy", "CollaborationOffer")
    except LookupError:
        return None
    offer = model.objects.create(
        organisation_name="Datos Abiertos Jalisco A.C.",
        sector="civil_society",
        contribution=model.Contribution.values[0],
        description="Ofrecemos una mesa de diálogo en Guadalajara.",
        contact_name="Ana Pérez",
        contact_email="ana@example.mx",
        privacy_consent=True,
    )
    return {"object_id": offer.pk}


# Running one request -----------------------------------------------------------------------


def _outcome(response) -> str:
    status = response.status_code
    if status in (301, 302, 303):
        location = response["Location"]
        if any(path in location for path in _LOGIN_PATHS):
            return "login"
        return "302"
    return str(status)


def _matches(expected: str, outcome: str, wrote: bool, method: str) -> bool:
    may_write = expected.endswith("*")
    must_write = expected.endswith("w")
    base = expected.rstrip("*w")
    if base == "ok":
        status_ok = outcome in ("200", "302")
    elif base == "302":
        status_ok = outcome == "302"
    else:
        status_ok = outcome == base
    if not status_ok:
        return False
    if method in _UNSAFE or wrote:
        if must_write:
            return wrote
        if not may_write:
            return not wrote
    return True


def _request(client: Client, method: str, url: str, data: dict) -> tuple[str, list[str]]:
    outcome, changed, _cache_control = _request_and_cache(client, method, url, data)
    return outcome, changed


def _private(cache_control: str) -> bool:
    """No shared cache (ours, a proxy, a CDN) may keep the response."""
    directives = {part.strip().split("=")[0] for part in cache_control.lower().split(",")}
    return bool(directives & {"private", "no-store", "no-cache"})


def _request_and_cache(
    client: Client, method: str, url: str, data: dict
) -> tuple[str, list[str], str]:
    """One request in a savepoint rolled back afterwards; the person stays logged in (a log-out
    is undone too) and rate limits start afresh."""
    session = client.cookies.get(settings.SESSION_COOKIE_NAME)
    cache.clear()
    caches[LIMITS].clear()
    writes = _Writes()
    with transaction.atomic(), connection.execute_wrapper(writes):
        if method == "GET":
            response = client.get(url)
        elif method == "POST":
            response = client.post(url, data)
        else:
            response = client.generic(method, url)
        transaction.set_rollback(True)
    if session is not None:
        client.cookies[settings.SESSION_COOKIE_NAME] = session.value
    else:
        client.cookies.pop(settings.SESSION_COOKIE_NAME, None)
    return _outcome(response), writes.changed, response.get("Cache-Control", "")


# Where the people of the matrix come from: the internet (a documentation address), not the
# machine itself, which the metrics are allowed to.
VISITOR_ADDRESS = "203.0.113.20"


def _clients(users) -> dict[str, Client]:
    clients = {}
    for role in ROLES:
        client = Client(raise_request_exception=False, REMOTE_ADDR=VISITOR_ADDRESS)
        if role != "anonymous":
            client.force_login(users[role])
        clients[role] = client
    return clients


_DISCOVER = os.environ.get("AUTHZ_DISCOVER") == "1"


def _report(failures: list[str], count: int) -> None:
    assert not failures, f"{len(failures)} of {count} answers differ:\n" + "\n".join(failures)


# The tests -------------------------------------------------------------------------------------


def test_every_url_has_an_expectation():
    missing = [
        f"no expectation for {name}"
        for name in _url_names()
        if name not in EXPECTATIONS
        and name not in ADMIN_OTHER
        and not _covered_by_admin_rules(name)
    ]
    assert not missing, "\n".join(missing)


def test_every_registered_model_admin_has_its_offers_declared():
    registered = {model._meta.label_lower for model in admin.site._registry}
    assert registered == set(ADMIN_OFFERS), registered ^ set(ADMIN_OFFERS)


def test_the_site_answers_each_role_and_method_as_expected(world):
    clients = _clients(world["users"])
    failures, count = [], 0
    rows = {**EXPECTATIONS, **ADMIN_OTHER}
    for name, rule in rows.items():
        kwargs = rule.kwargs(world)
        if kwargs is None:
            print(f"not exercised (no object): {name}")
            continue
        if name == "admin:<unnamed>":
            url = f"/admin/strategy/stage/{Stage.objects.order_by('pk').first().pk}/"
        else:
            url = reverse(name, kwargs=kwargs)
        for method in ("GET", "POST", "PUT", "DELETE"):
            if getattr(rule, method) is None:
                continue
            expected_row = _row(getattr(rule, method))
            data = rule.data(world) if method == "POST" else {}
            actual = []
            for role, expected in zip(ROLES, expected_row, strict=True):
                outcome, changed, cache_control = _request_and_cache(
                    clients[role], method, url, data
                )
                count += 1
                actual.append(outcome + ("w" if changed else ""))
                # A page that is not public (an anonymous reader does not get it) says so: no
                # cache may keep it for the next person.
                public = _row(rule.GET or ALL_405)[0] == "200"
                if outcome == "200" and not public and not _private(cache_control):
                    failures.append(
                        f"{name} {method} {role}: not public, yet Cache-Control is "
                        f"{cache_control!r} (mark the view never_cache or private)"
                    )
                if not _matches(expected, outcome, bool(changed), method):
                    failures.append(
                        f"{name} {method} {role}: expected {expected}, got {outcome}"
                        + (f" writing {', '.join(changed)}" if changed else "")
                    )
            if _DISCOVER:
                print(f"{name:45} {method:6} {' '.join(actual)}")
    _report(failures, count)


def test_the_admin_answers_each_role_as_its_permissions_say(world):
    clients = _clients(world["users"])
    failures, count = [], 0
    for name, url, data, label, view in _admin_cases(world):
        for method in ("GET", "POST"):
            for role in ROLES:
                if label:
                    expected = _admin_expectation(role, label, view, method)
                else:  # the index: every staff member, no one else
                    expected = {"anonymous": "login", "unverified": "403", "citizen": "403"}.get(
                        role, "200"
                    )
                outcome, changed = _request(clients[role], method, url, data)
                count += 1
                if not _matches(expected, outcome, bool(changed), method):
                    failures.append(
                        f"{name} {method} {role}: expected {expected}, got {outcome}"
                        + (f" writing {', '.join(changed)}" if changed else "")
                    )
    _report(failures, count)
