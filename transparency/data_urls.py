from django.urls import path  # noqa: F401

app_name = "opendata"

# /datos/: the open data catalogue, its DCAT and Data Package descriptions, and the Atom feeds.
urlpatterns = []
