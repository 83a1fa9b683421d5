from django.http import Http404


def _not_yet(request, *args, **kwargs):
    raise Http404


moderation_queue = comment_hide = comment_restore = triage = answer_edit = _not_yet
