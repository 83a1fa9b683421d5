from django.urls import path

from strategy import views, views_collaboration

app_name = "strategy"

urlpatterns = [
    path("", views.home, name="home"),
    path("politica-nacional/", views.policy, name="policy"),
    path("proceso/", views.process, name="process"),
    path("proceso/actividades/<slug:slug>/", views.activity_detail, name="activity-detail"),
    path(
        "proceso/documentos/<slug:slug>/descargar/",
        views.document_download,
        name="document-download",
    ),
    path("participantes/", views.participants, name="participants"),
    path("colabora/", views_collaboration.collaborate, name="collaborate"),
    path("colabora/gracias/", views_collaboration.collaborate_thanks, name="collaborate-thanks"),
]
