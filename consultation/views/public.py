from django.http import Http404


def _not_yet(request, *args, **kwargs):
    raise Http404


overview = comment_create = comment_reply = comment_edit = comment_withdraw = comment_support = (
    comment_flag
) = _not_yet
