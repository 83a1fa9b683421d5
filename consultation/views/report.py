"""The consultation report: the page, its CSV and its PDF.

Every figure comes from consultation.report (one definition of each, a fixed number of aggregate
queries). The PDF is drawn by a Celery task (consultation.report_pdf); the download answers with
the stored file when it matches the current figures, and otherwise with a page that asks for it
and refreshes itself (no JavaScript).
"""

from __future__ import annotations

import csv

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.views.decorators.http import require_safe

from abramos.cache import reads_query
from abramos.opendata import csv_text
from consultation import report as figures
from consultation import report_pdf
from consultation.models import Consultation

REFRESH_SECONDS = 5


def _consultation(request: HttpRequest) -> Consultation | None:
    """The consultation /consulta/ shows, or an earlier one with `?consulta=<pk>`."""
    raw = request.GET.get("consulta")
    if raw is None:
        return figures.current_consultation()
    if not raw.isdigit():
        raise Http404("No such consultation")
    consultation = figures.current_consultation(int(raw))
    if consultation is None:
        raise Http404("No such consultation")
    return consultation


def _query(consultation: Consultation, request: HttpRequest) -> str:
    return f"?consulta={consultation.pk}" if "consulta" in request.GET else ""


@reads_query("consulta")
@require_safe
def report(request: HttpRequest) -> HttpResponse:
    consultation = _consultation(request)
    context = {"consultation": consultation, "definitions": figures.DEFINITIONS}
    if consultation is not None:
        result = figures.build(consultation)
        context.update(
            report=result,
            charts=figures.charts(result),
            state_map=figures.state_map(result),
            query=_query(consultation, request),
            earlier=Consultation.objects.exclude(pk=consultation.pk).only("pk", "title"),
        )
    return render(request, "consultation/consultation_report.html", context)


@reads_query("consulta")
@require_safe
def report_csv(request: HttpRequest) -> HttpResponse:
    consultation = _consultation(request)
    if consultation is None:
        raise Http404("No consultation yet")
    result = figures.build(consultation)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="informe-consulta-{consultation.pk}.csv"'
    )
    writer = csv.writer(response)
    # es_demo: figures of a consultation invented for the demonstration site (abramos/demo.py).
    demo = "true" if consultation.is_demo else "false"
    writer.writerow(["tabla", "categoria", "valor", "porcentaje", "es_demo"])
    for table, category, value, share in result.rows():
        writer.writerow(
            [
                csv_text(table),
                csv_text(category),
                "" if value is None else value,
                "" if share is None else share,
                demo,
            ]
        )
    return response


@reads_query("consulta")
@require_safe
def report_pdf_download(request: HttpRequest) -> HttpResponse:
    consultation = _consultation(request)
    if consultation is None:
        raise Http404("No consultation yet")
    language = translation.get_language()
    result = figures.build(consultation)
    name = report_pdf.current(result, language)
    if name is None:
        report_pdf.request_rendering(result, language)
        name = report_pdf.current(result, language)  # ready at once when Celery runs eagerly
    if name is not None:
        return FileResponse(
            default_storage.open(name),
            as_attachment=True,
            filename=report_pdf.download_name(result),
            content_type="application/pdf",
        )
    context = {
        "consultation": consultation,
        "refresh": REFRESH_SECONDS,
        "query": _query(consultation, request),
        "now": timezone.now(),
    }
    return render(request, "consultation/consultation_report_pending.html", context, status=202)
