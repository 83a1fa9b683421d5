from django.urls import path

from strategy import views

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
]
