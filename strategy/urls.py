from django.urls import path
from django.views.generic import TemplateView

app_name = "strategy"

urlpatterns = [
    path("", TemplateView.as_view(template_name="strategy/home.html"), name="home"),
    path(
        "politica-nacional/",
        TemplateView.as_view(template_name="strategy/home.html"),
        name="policy",
    ),
    path("proceso/", TemplateView.as_view(template_name="strategy/home.html"), name="process"),
    path(
        "participantes/",
        TemplateView.as_view(template_name="strategy/home.html"),
        name="participants",
    ),
]
