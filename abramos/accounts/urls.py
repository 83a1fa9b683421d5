from django.urls import path
from django.views.generic import TemplateView

app_name = "accounts"

urlpatterns = [
    path("mis-datos/", TemplateView.as_view(template_name="strategy/home.html"), name="my-data"),
]
