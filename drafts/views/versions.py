"""The public pages of the PNDA's versions: the list, one version by sections, the comparison of
two versions and the downloads. Their addresses are part of the product and never change."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from abramos.cache import reads_query
from abramos.reader_pages import shared_with_readers
from drafts import selectors
from drafts.models import Rendition, Version


@require_safe
def version_list(request: HttpRequest) -> HttpResponse:
    return render(request, "drafts/version_list.html", {"versions": selectors.version_list()})


@shared_with_readers
@reads_query(selectors.section_panel_query)
@require_safe
def version_detail(request: HttpRequest, number: int) -> HttpResponse:
    try:
        page = selectors.version_page(number, request=request)
    except Version.DoesNotExist:
        raise Http404("No such version") from None
    return render(request, "drafts/version_detail.html", {"page": page, "version": page.version})


@require_safe
def rendition_download(request: HttpRequest, number: int, fmt: str) -> FileResponse:
    """The file of a ready rendition; 404 while it is being prepared, has failed or is unknown."""
    if fmt not in Rendition.Format.values:
        raise Http404("No such format")
    rendition = (
        Rendition.objects.filter(version__number=number, format=fmt, status=Rendition.Status.READY)
        .select_related("version")
        .first()
    )
    if rendition is None or not rendition.file:
        raise Http404("No such download")
    try:
        handle = rendition.file.open("rb")
    except OSError:
        raise Http404("The file is missing from storage") from None
    content_type = rendition.media_type
    if content_type.startswith("text/"):
        content_type += "; charset=utf-8"
    response = FileResponse(
        handle, as_attachment=True, filename=rendition.filename, content_type=content_type
    )
    # A ready rendition never changes: its address and its SHA-256 are permanent.
    response["ETag"] = f'"{rendition.sha256}"'
    response["Cache-Control"] = "public, max-age=86400"
    return response


@require_safe
def version_compare(request: HttpRequest, a: int, b: int) -> HttpResponse:
    """Versions a and b compared; the address with the older version first is the canonical one,
    so b < a redirects there (the comparison always reads "from older to newer")."""
    if a > b:
        return redirect("drafts:version-compare", a=b, b=a)
    if a == b:
        try:
            version = Version.objects.get(number=a)
        except Version.DoesNotExist:
            raise Http404("No such version") from None
        others = Version.objects.published().exclude(pk=version.pk).only("number", "label")
        context = {"version": version, "others": others}
        return render(request, "drafts/version_compare_same.html", context)
    try:
        data = selectors.version_comparison(a, b, request=request)
    except Version.DoesNotExist:
        raise Http404("No such version") from None
    return render(request, "drafts/version_compare.html", {"data": data})
