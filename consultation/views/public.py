"""The consultation's public pages and the actions people take on comments.

Thin views: load → check the rule (consultation.rules) → form → service → redirect to the
comment's anchor. When a service refuses (rate limit, validation) the form is shown again with
the error summary and the text as typed: nothing anyone wrote is lost.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from abramos.cache import private
from abramos.forms import add_service_errors
from consultation import rules, selectors, services
from consultation.forms import (
    CommentForm,
    EditForm,
    FlagForm,
    NotificationPreferenceForm,
    ReplyForm,
    new_client_token,
)
from consultation.models import Comment, Consultation, NotificationPreference
from drafts.models import Section, version_texts


def _comment_url(comment: Comment) -> str:
    # The comment's own page always contains it (the version page shows a few per section). It
    # opens at its top, where the confirmation is: a #fragment would scroll past it.
    return comment.get_absolute_url()


def _load_comment(pk: int, comments=Comment.objects) -> Comment:
    return get_object_or_404(
        comments.select_related("version", "consultation", "section", "author").defer(
            *version_texts()
        ),
        pk=pk,
    )


def _form_page(request, *, form, title, action, back, status=400, comment=None) -> HttpResponse:
    context = {"form": form, "title": title, "action": action, "back": back, "comment": comment}
    return render(request, "consultation/comment_form.html", context, status=status)


@require_safe
def comment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A comment's permanent page: every link to a comment, from anywhere, lands here."""
    try:
        page = selectors.comment_page(pk, request)
    except Comment.DoesNotExist:
        raise Http404("No such comment") from None
    context = {
        "page": page,
        "client_token": new_client_token() if page.reader.authenticated else "",
        "max_edits": services.MAX_EDITS,
    }
    return render(request, "consultation/comment_detail.html", context)


@require_safe
def overview(request: HttpRequest) -> HttpResponse:
    from consultation.report import session_map

    context = selectors.overview()
    context["session_map"] = session_map(context["sessions"])
    return render(request, "consultation/consultation_overview.html", context)


@login_required
@require_POST
def comment_create(request: HttpRequest, number: int) -> HttpResponse:
    consultation = get_object_or_404(
        Consultation.objects.select_related("version").defer(*version_texts()),
        version__number=number,
    )
    version = consultation.version
    form = CommentForm(request.POST)
    back = version.get_absolute_url()
    if form.is_valid():
        anchor = form.cleaned_data["section"]
        section = None
        if anchor and anchor != selectors.WHOLE_VERSION:
            section = Section.objects.filter(version=version, anchor=anchor).first()
            if section is None:
                raise Http404("No such section")
        if section is not None:
            back = f"{back}#{section.anchor}"
        try:
            comment = services.comment_create(
                actor=request.user,
                consultation=consultation,
                section=section,
                body=form.cleaned_data["body"],
                client_token=form.cleaned_data["client_token"],
            )
        except services.RateLimited as error:
            form.add_error(None, error)
            return _form_page(
                request,
                form=form,
                title=_("Send your comment"),
                action=request.path,
                back=back,
                status=429,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your comment was published."))
            return redirect(_comment_url(comment))
    return _form_page(
        request, form=form, title=_("Send your comment"), action=request.path, back=back
    )


@login_required
@require_POST
def comment_reply(request: HttpRequest, pk: int) -> HttpResponse:
    # With how its author wants to hear of a reply: no query of its own for it.
    parent = _load_comment(pk, services.with_author_frequency(Comment.objects))
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            # The service asks consultation.rules first (PermissionDenied: 403), as it does for
            # a comment: asked here too, it cost a second query for the reader's e-mail.
            reply = services.comment_create(
                actor=request.user,
                consultation=parent.consultation,
                parent=parent,
                body=form.cleaned_data["body"],
                client_token=form.cleaned_data["client_token"],
            )
        except services.RateLimited as error:
            form.add_error(None, error)
            return _form_page(
                request, form=form, title=_("Reply"), action=request.path,
                back=_comment_url(parent), status=429, comment=parent,
            )  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your reply was published."))
            return redirect(_comment_url(reply))
    if not rules.may_reply(request.user, parent):
        raise PermissionDenied(_("This comment does not take replies now."))
    return _form_page(
        request, form=form, title=_("Reply"), action=request.path, back=_comment_url(parent),
        comment=parent,
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def comment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    comment = _load_comment(pk)
    if not rules.may_edit(request.user, comment):
        raise PermissionDenied(
            _(
                "A comment can only be edited by its author, for 15 minutes, and not once the "
                "Technical Group has answered it."
            )
        )
    status = 200
    if request.method == "POST":
        form = EditForm(request.POST)
        if form.is_valid():
            try:
                services.comment_edit(
                    actor=request.user, comment=comment, body=form.cleaned_data["body"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Your comment was updated."))
                return redirect(_comment_url(comment))
        status = 400
    else:
        form = EditForm(initial={"body": comment.body})
    return _form_page(
        request, form=form, title=_("Edit your comment"), action=request.path,
        back=_comment_url(comment), status=status, comment=comment,
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def comment_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    comment = _load_comment(pk)
    if not rules.may_withdraw(request.user, comment):
        raise PermissionDenied(
            _("Only the author can withdraw a visible comment, while the consultation is open.")
        )
    if request.method == "POST":
        services.comment_withdraw(actor=request.user, comment=comment)
        messages.success(request, _("Your comment was withdrawn. It stays in the record."))
        return redirect(_comment_url(comment))
    context = {"comment": comment, "back": _comment_url(comment)}
    return render(request, "consultation/comment_withdraw.html", context)


@login_required
@require_POST
def comment_support(request: HttpRequest, pk: int) -> HttpResponse:
    comment = _load_comment(pk)
    if not services.support_remove(actor=request.user, comment=comment):
        services.support_add(actor=request.user, comment=comment)  # checks may_support
    return redirect(_comment_url(comment))


@login_required
@require_http_methods(["GET", "POST"])
def comment_flag(request: HttpRequest, pk: int) -> HttpResponse:
    comment = _load_comment(pk)
    if not rules.may_flag(request.user, comment):
        raise PermissionDenied(_("You cannot flag this comment."))
    status = 200
    if request.method == "POST":
        form = FlagForm(request.POST)
        if form.is_valid():
            try:
                services.flag_create(
                    actor=request.user, comment=comment, reason=form.cleaned_data["reason"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Thank you. The moderators will review this comment."))
                return redirect(_comment_url(comment))
        status = 400
    else:
        form = FlagForm()
    return _form_page(
        request, form=form, title=_("Report a comment"), action=request.path,
        back=_comment_url(comment), status=status, comment=comment,
    )  # fmt: skip


@private
@login_required
@require_http_methods(["GET", "POST"])
def notification_preferences(request: HttpRequest) -> HttpResponse:
    status = 200
    if request.method == "POST":
        form = NotificationPreferenceForm(request.POST)
        if form.is_valid():
            try:
                services.notification_preference_set(
                    actor=request.user, frequency=form.cleaned_data["frequency"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Your choice was saved."))
                return redirect("consultation:notification-preferences")
        status = 400
    else:
        preference = NotificationPreference.objects.filter(user=request.user).first()
        frequency = (
            preference.frequency if preference else NotificationPreference.Frequency.IMMEDIATE
        )
        form = NotificationPreferenceForm(initial={"frequency": frequency})
    return render(
        request, "consultation/notificationpreference_form.html", {"form": form}, status=status
    )
