from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from abramos import uploads
from abramos.cache import reads_query
from strategy import selectors
from strategy.forms import ParticipantFilterForm
from strategy.home import home_calls
from strategy.models import Action, Activity, Document, Stage
from strategy.sections import activity_sections
from strategy.timeline import build_timeline


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    overview = selectors.home_overview(at=today)
    context = {"overview": overview, "today": today, "calls": home_calls(request)}
    return render(request, "strategy/stage_overview.html", context)


@require_safe
def policy(request: HttpRequest) -> HttpResponse:
    actions = Action.objects.select_related("activity")
    context = {"actions": actions, "ended": Stage.objects.ended(at=timezone.localdate())}
    return render(request, "strategy/action_list.html", context)


@require_safe
def process(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    stages = selectors.process_stages(at=today)
    context = {
        "stages": stages,
        "timeline": build_timeline(stages, at=today),
        "loose_documents": selectors.loose_documents(),
        "today": today,
        # "The planned dates may be adjusted" only while there is a date left to adjust.
        "process_ended": Stage.all_done(stages),
    }
    return render(request, "strategy/stage_timeline.html", context)


@require_safe
def activity_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        activity = selectors.activity_detail(slug)
    except Activity.DoesNotExist:
        raise Http404("No such activity") from None
    context = {
        "activity": activity,
        "documents": activity.documents.all(),
        "sections": activity_sections(activity, request),
    }
    return render(request, "strategy/activity_detail.html", context)


@require_safe
def document_download(request: HttpRequest, slug: str) -> FileResponse:
    document = get_object_or_404(Document, slug=slug)
    if not document.file:
        raise Http404("This document has no file")
    return uploads.download_response(document.file, filename=document.filename)


@reads_query(*ParticipantFilterForm.base_fields)
@require_safe
def participants(request: HttpRequest) -> HttpResponse:
    form = ParticipantFilterForm(request.GET or None)
    filters = form.filters() if form.is_bound else {}
    data = selectors.participants(sector=filters.get("sector"), stage=filters.get("stage"))
    context = {
        "form": form,
        "participants": data,
        "filtered": any(filters.values()),
    }
    return render(request, "strategy/workinggroup_list.html", context)
