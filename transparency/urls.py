from django.urls import path  # noqa: F401

app_name = "transparency"

# /transparencia/ and /contacto/
urlpatterns = []
