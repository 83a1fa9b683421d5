from django.http import Http404


def version_list(request):
    raise Http404


version_detail = version_compare = rendition_download = version_list
