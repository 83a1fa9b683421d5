"""The approved policy (/politica/), checking a copy (/politica/verificar/) and recording an
adoption (/politica/adoptar/)."""

from __future__ import annotations

from collections import Counter

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_safe

from abramos import geo
from abramos.cache import reads_query
from drafts.forms import AdoptionFilterForm, AdoptionForm, SizeLimitUploadHandler, VerifyForm
from drafts.models import Adoption, Rendition, Version
from drafts.services import policy as policy_services
from drafts.services import sha256_of_upload

ADOPTIONS_PER_PAGE = 50
_FORMAT_ORDER = {fmt: index for index, fmt in enumerate(Rendition.Format.values)}
_THANKS_PARAM = "enviada"


def _latest_approved() -> Version | None:
    """The current approved version with its approval record, in one query."""
    return Version.objects.select_related("approval").latest_approved()


@reads_query(*AdoptionFilterForm.base_fields, "pagina")
@require_safe
def policy(request: HttpRequest) -> HttpResponse:
    version = _latest_approved()
    if version is None:
        return render(request, "drafts/policy_detail.html", {"version": None})
    renditions = sorted(version.renditions.all(), key=lambda r: _FORMAT_ORDER[r.format])
    context = {
        "version": version,
        "approval": policy_services.approval_of(version),
        "renditions": renditions,
        "site_root": settings.SITE_ROOT,
        **_adoption_register(request),
    }
    return render(request, "drafts/policy_detail.html", context)


def _adoption_register(request: HttpRequest) -> dict:
    """Confirmed adoptions (all approved versions): counts from one aggregate query, then one
    page of the table, filtered by order of government and state."""
    confirmed = Adoption.objects.confirmed()
    groups = list(
        confirmed.values("order", "state", "version_id").annotate(n=Count("pk")).order_by()
    )
    by_order, by_state, versions = Counter(), {}, set()
    for row in groups:
        by_order[row["order"]] += row["n"]
        versions.add(row["version_id"])
        if row["state"]:
            counts = by_state.setdefault(row["state"], Counter())
            counts[row["order"]] += row["n"]
    states = [
        {
            "code": state.code,
            "name": state.name,
            "state": by_state[state.code][Adoption.Order.STATE],
            "municipal": by_state[state.code][Adoption.Order.MUNICIPAL],
            "total": sum(by_state[state.code].values()),
        }
        for state in geo.states()
        if state.code in by_state
    ]

    filter_form = AdoptionFilterForm(request.GET)
    filters = filter_form.filters()
    rows = (
        confirmed.filter(**filters)
        .select_related("version")
        .order_by("-adopted_on", "institution", "pk")
    )
    page = Paginator(rows, ADOPTIONS_PER_PAGE).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    return {
        "adoption_total": sum(by_order.values()),
        "adoption_by_order": [
            {"order": value, "label": label, "count": by_order[value]}
            for value, label in Adoption.Order.choices
        ],
        "adoption_states": states,
        "state_count": len(geo.states()),
        "several_versions": len(versions) > 1,
        "filter_form": filter_form,
        "filtered": bool(filters),
        "adoptions": page,
        "page_query": query.urlencode(),
    }


@csrf_exempt  # the upload handler must be in place before CSRF reads the body; see _verify
def verify(request: HttpRequest) -> HttpResponse:
    limiter = SizeLimitUploadHandler(request)
    request.upload_handlers.insert(0, limiter)
    return _verify(request, limiter)


@csrf_protect
@require_http_methods(["GET", "HEAD", "POST"])
def _verify(request: HttpRequest, limiter: SizeLimitUploadHandler) -> HttpResponse:
    """Checks a file or a SHA-256 against every ready rendition. Nothing is stored."""
    result = None
    if request.method == "POST":
        form = VerifyForm(request.POST, request.FILES, too_large=limiter.exceeded)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            digest = sha256_of_upload(upload) if upload else form.cleaned_data["sha256"]
            match = (
                Rendition.objects.filter(sha256=digest, status=Rendition.Status.READY)
                .select_related("version")
                .order_by("-version__number")
                .first()
            )
            result = {
                "sha256": digest,
                "rendition": match,
                "filename": upload.name if upload else "",
                "latest_approved": _latest_approved() if match else None,
            }
            form = VerifyForm()
    else:
        form = VerifyForm()
    return render(request, "drafts/verify_form.html", {"form": form, "result": result})


@reads_query(_THANKS_PARAM)
@require_http_methods(["GET", "HEAD", "POST"])
def adoption_create(request: HttpRequest) -> HttpResponse:
    version = _latest_approved()
    if request.method != "POST" and request.GET.get(_THANKS_PARAM):
        return render(request, "drafts/adoption_thanks.html", {"version": version})
    if version is None:
        # Nothing to adopt yet: the page explains, and a POST records nothing.
        status = 409 if request.method == "POST" else 200
        return render(request, "drafts/adoption_form.html", {"version": None}, status=status)

    form = AdoptionForm(request.POST or None, version=version)
    if request.method == "POST" and form.is_valid():
        try:
            policy_services.adoption_submit(version=version, **form.adoption_data())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(f"{reverse('drafts:adoption-create')}?{_THANKS_PARAM}=1")
    context = {
        "version": version,
        "approval": policy_services.approval_of(version),
        "form": form,
    }
    return render(request, "drafts/adoption_form.html", context)
