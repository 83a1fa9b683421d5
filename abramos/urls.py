from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from abramos import views

handler400 = "abramos.views.bad_request"
handler403 = "abramos.views.permission_denied"
handler404 = "abramos.views.page_not_found"
handler500 = "abramos.views.server_error"

urlpatterns = [
    path("salud/", views.health, name="health"),
    path("salud/nodo/", views.node_alive, name="node-alive"),
    # Prometheus, the machine itself and staff only (abramos/metrics.py); a 404 for anyone else.
    path("metricas/", views.metrics_export, name="metrics"),
    path("admin/", admin.site.urls),
]

urlpatterns += i18n_patterns(
    path("cuenta/", include("abramos.accounts.urls")),
    path("cuenta/", include("allauth.urls")),
    path("aviso-de-privacidad/", include("abramos.accounts.privacy_urls")),
    path("datos/", include("transparency.data_urls")),
    path("buscar/", include("abramos.search.urls")),
    path("demostracion/", views.demo_notice, name="demo"),
    path("", include("transparency.urls")),
    path("", include("consultation.urls")),
    path("", include("drafts.urls")),
    path("", include("strategy.urls")),
    prefix_default_language=False,
)
