from django.urls import path
from django.views.generic import TemplateView

app_name = "privacy"

urlpatterns = [
    path("", TemplateView.as_view(template_name="strategy/home.html"), name="notice"),
    path(
        "simplificado/", TemplateView.as_view(template_name="strategy/home.html"), name="simplified"
    ),
]
