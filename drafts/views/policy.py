from django.http import Http404


def policy(request):
    raise Http404


verify = adoption_create = policy
