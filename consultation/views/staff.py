"""Staff pages on the public site: the moderation queue (moderators) and triage and answers
(the Technical Group). Permissions come from consultation.rules; the services check them again.
None is public: each says so (`abramos.cache.private`), and no cache, ours or another, keeps it."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from abramos.cache import private
from abramos.forms import add_service_errors
from abramos.mfa import mfa_required
from consultation import rules, selectors, services
from consultation.models import Comment
from consultation.staff_forms import (
    AnswerForm,
    DismissForm,
    HideForm,
    RestoreForm,
    TriageFilterForm,
)

TRIAGE_PAGE_SIZE = 50
_HIDDEN_SHOWN = 100
_ACTIONS_SHOWN = 20


def _require(user, rule) -> None:
    if not rule(user):
        raise PermissionDenied


# Moderation ------------------------------------------------------------------------------------


def _queue_response(request: HttpRequest, *, failed: tuple[int, forms.Form] | None = None):
    queue = selectors.moderation_queue(hidden_shown=_HIDDEN_SHOWN, actions_shown=_ACTIONS_SHOWN)
    for comment in queue.flagged:
        comment.hide_form = HideForm(prefix=f"c{comment.pk}")
        comment.dismiss_form = DismissForm(prefix=f"d{comment.pk}")
    for comment in queue.hidden:
        comment.restore_form = RestoreForm(prefix=f"c{comment.pk}")
    status = 200
    if failed is not None:
        pk, form = failed
        for comment in queue.flagged:
            if comment.pk == pk:
                if isinstance(form, DismissForm):
                    comment.dismiss_form = form
                else:
                    comment.hide_form = form
        status = 400
    context = {
        "flagged": queue.flagged,
        "hidden": queue.hidden,
        "actions": queue.actions,
        "failed_form": failed[1] if failed else None,
    }
    return render(request, "consultation/staff_moderation.html", context, status=status)


@private
@login_required
@require_safe
@mfa_required
def moderation_queue(request: HttpRequest) -> HttpResponse:
    _require(request.user, rules.may_moderate)
    return _queue_response(request)


def _decide(request: HttpRequest, pk: int, form: forms.Form, act, done: str) -> HttpResponse:
    """A moderator's decision on a reported comment: the form, then `act(comment, cleaned_data)`
    (a service); on success a message and back to the queue, otherwise the queue with the
    error beside the comment."""
    _require(request.user, rules.may_moderate)
    comment = get_object_or_404(Comment, pk=pk)
    if form.is_valid():
        try:
            act(comment, form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, done % {"pk": pk})
            return redirect("consultation:moderation-queue")
    return _queue_response(request, failed=(pk, form))


@private
@login_required
@require_POST
@mfa_required
def comment_hide(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(
        request,
        pk,
        HideForm(request.POST, prefix=f"c{pk}"),
        lambda comment, data: services.comment_hide(
            actor=request.user, comment=comment, reason=data["reason"]
        ),
        _("Comment #%(pk)s is hidden."),
    )


@private
@login_required
@require_POST
@mfa_required
def flags_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(
        request,
        pk,
        DismissForm(request.POST, prefix=f"d{pk}"),
        lambda comment, data: services.flags_dismiss(
            actor=request.user, comment=comment, note=data["note"]
        ),
        _("Comment #%(pk)s stays visible; its reports are closed."),
    )


@private
@login_required
@require_POST
@mfa_required
def comment_restore(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request.user, rules.may_moderate)
    comment = get_object_or_404(Comment, pk=pk)
    form = RestoreForm(request.POST, prefix=f"c{pk}")
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.comment_restore(actor=request.user, comment=comment, reason=reason)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Comment #%(pk)s is visible again.") % {"pk": pk})
    return redirect("consultation:moderation-queue")


# Triage and answers ----------------------------------------------------------------------------


@private
@login_required
@require_safe
@mfa_required
def triage(request: HttpRequest) -> HttpResponse:
    _require(request.user, rules.may_answer)
    filters = TriageFilterForm(request.GET or None)
    comments = filters.filter(selectors.triage_comments())
    page = Paginator(comments, TRIAGE_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filters": filters,
        "page": page,
        "query": query.urlencode(),
    }
    return render(request, "consultation/staff_triage.html", context)


@private
@login_required
@require_POST
@mfa_required
def comment_mark_read(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark a comment as read (or unread again) and go back to the same filtered triage page."""
    _require(request.user, rules.may_answer)
    comment = get_object_or_404(Comment, pk=pk)
    services.comment_mark_read(
        actor=request.user, comment=comment, read=request.POST.get("read") == "1"
    )
    query = request.POST.get("query", "")
    return redirect(reverse("consultation:triage") + (f"?{query}" if query else ""))


@private
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@mfa_required
def answer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request.user, rules.may_answer)
    comment = get_object_or_404(
        Comment.objects.select_related(
            "author", "section", "version", "session", "parent", "answer__target_section__version"
        ),
        pk=pk,
    )
    answer = getattr(comment, "answer", None)
    if request.method == "POST":
        form = AnswerForm(request.POST, comment=comment)
        if form.is_valid():
            publish = "publish" in request.POST
            try:
                services.answer_save(
                    actor=request.user,
                    comment=comment,
                    outcome=form.cleaned_data["outcome"],
                    body=form.cleaned_data["body"],
                    target_section=form.cleaned_data["target_section"],
                    publish=publish,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                if publish:
                    message = _("The answer to comment #%(pk)s is published.")
                else:
                    message = _("The answer to comment #%(pk)s is saved as a draft.")
                messages.success(request, message % {"pk": pk})
                return redirect("consultation:answer-edit", pk=pk)
    else:
        initial = {}
        if answer is not None:
            initial = {
                "outcome": answer.outcome,
                "body": answer.body,
                "target_section": answer.target_section_id,
            }
        form = AnswerForm(initial=initial, comment=comment)
    context = {"comment": comment, "answer": answer, "form": form}
    return render(
        request,
        "consultation/staff_answer_form.html",
        context,
        status=400 if form.is_bound and form.errors else 200,
    )
