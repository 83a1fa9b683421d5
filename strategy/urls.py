from django.urls import path

from strategy.views import collaboration, process

app_name = "strategy"

urlpatterns = [
    path("", process.home, name="home"),
    path("politica-nacional/", process.policy, name="policy"),
    path("proceso/", process.process, name="process"),
    path("proceso/actividades/<slug:slug>/", process.activity_detail, name="activity-detail"),
    path(
        "proceso/documentos/<slug:slug>/descargar/",
        process.document_download,
        name="document-download",
    ),
    path("participantes/", process.participants, name="participants"),
    path("colabora/", collaboration.collaborate, name="collaborate"),
    path("colabora/gracias/", collaboration.collaborate_thanks, name="collaborate-thanks"),
]
