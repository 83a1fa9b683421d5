"""The project's URLs plus one that fails, to see the 500 page."""

from django.urls import path

from abramos.urls import handler404, handler500, urlpatterns  # noqa: F401


def _fail(request):
    raise RuntimeError("boom")


urlpatterns = [*urlpatterns, path("falla/", _fail)]
