"""The report as a PDF: rendered by WeasyPrint in a Celery task, stored, served when current.

A PDF is slow to draw, so the request never draws it (DESIGN.md: slow work runs in Celery). The
stored file is named by the consultation, the language and a fingerprint of every figure
(`Report.fingerprint`): while the figures stay the same the stored file is the current one; when
a comment arrives the name changes, the download page asks for a new rendering and says so.
In Celery's eager mode (development, tests) the file is ready at once.
"""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from abramos.queue import enqueue_on_commit
from consultation import report as figures

FOLDER = "informes"
# WeasyPrint draws an inline SVG with the styles inside the SVG only, not the page's: the bar's
# colour (charts.css) is repeated in each bar for the PDF. Labels and values are HTML.
_SVG_OPENING = re.compile(r'(<svg class="chart__svg"[^>]*>)')
_SVG_STYLE = "<style>.chart__bar{fill:#235b4e}</style>"
ZONE = ZoneInfo(settings.TIME_ZONE)
# While a rendering is queued, the download page does not queue another one.
PENDING_SECONDS = 120


def _prefix(consultation_pk: int, language: str) -> str:
    return f"{FOLDER}/consulta-{consultation_pk}-{language}-"


def stored_name(report: figures.Report, language: str) -> str:
    return f"{_prefix(report.consultation.pk, language)}{report.fingerprint()[:24]}.pdf"


def download_name(report: figures.Report) -> str:
    state = "final" if report.is_final else "preliminar"
    return f"informe-consulta-{report.consultation.pk}-{state}.pdf"


def current(report: figures.Report, language: str) -> str | None:
    """The stored PDF of exactly these figures, if it exists."""
    name = stored_name(report, language)
    return name if default_storage.exists(name) else None


def request_rendering(report: figures.Report, language: str) -> None:
    """Queue the rendering (once while it is pending), after the current transaction commits."""
    from consultation.tasks import render_report_pdf

    # `add` answers None when Redis does not answer (IGNORE_EXCEPTIONS): queue it then too, at
    # worst twice, rather than never.
    pending = cache.add(
        f"consultation:report-pdf:{stored_name(report, language)}", 1, PENDING_SECONDS
    )
    if pending is not False:
        enqueue_on_commit(render_report_pdf, report.consultation.pk, language)


def render(report: figures.Report) -> bytes:
    import weasyprint  # imported here: it is slow to load and only the render worker needs it

    from drafts.renditions import STATIC_DIR, local_only_fetcher

    page = reverse("consultation:report")
    context = {
        "report": report,
        "charts": figures.charts(report),
        "state_map": figures.state_map(report),
        "definitions": figures.DEFINITIONS,
        "site_name": settings.SITE_NAME,
        "address": f"{settings.SITE_ROOT}{page}?consulta={report.consultation.pk}",
        "pdf": True,
    }
    html = render_to_string("consultation/consultation_report_pdf.html", context)
    html = _SVG_OPENING.sub(lambda match: match.group(1) + _SVG_STYLE, html)
    document = weasyprint.HTML(
        string=html, base_url=STATIC_DIR.as_uri() + "/", url_fetcher=local_only_fetcher()
    )
    return document.write_pdf(pdf_tags=True)


def store(consultation_pk: int, language: str) -> str | None:
    """Render and store the current figures' PDF; remove the older ones. Idempotent."""
    with translation.override(language), timezone.override(ZONE):
        consultation = figures.current_consultation(consultation_pk)
        if consultation is None:
            return None
        report = figures.build(consultation)
        name = stored_name(report, language)
        if not default_storage.exists(name):
            default_storage.save(name, ContentFile(render(report)))
    _remove_older(consultation_pk, language, keep=name)
    return name


def _remove_older(consultation_pk: int, language: str, *, keep: str) -> None:
    prefix = _prefix(consultation_pk, language)
    try:
        _folders, files = default_storage.listdir(FOLDER)
    except FileNotFoundError:
        return
    for filename in files:
        name = f"{FOLDER}/{filename}"
        if name.startswith(prefix) and name != keep:
            default_storage.delete(name)
