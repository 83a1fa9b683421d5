"""Public addresses of the PNDA. They are part of the product: agencies link to them, and the
download addresses of a version never change."""

from django.urls import path

from drafts.views import policy, versions

app_name = "drafts"

urlpatterns = [
    path("borradores/", versions.version_list, name="version-list"),
    path("borradores/<int:number>/", versions.version_detail, name="version-detail"),
    path(
        "borradores/<int:number>/descargar/<str:fmt>/",
        versions.rendition_download,
        name="rendition-download",
    ),
    path("borradores/<int:a>/comparar/<int:b>/", versions.version_compare, name="version-compare"),
    path("politica/", policy.policy, name="policy"),
    path("politica/verificar/", policy.verify, name="verify"),
    path("politica/adoptar/", policy.adoption_create, name="adoption-create"),
]
