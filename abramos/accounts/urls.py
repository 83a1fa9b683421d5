from django.urls import path

from abramos.accounts import views

app_name = "accounts"

# Mounted at /cuenta/ beside allauth's own pages (log-in, sign-up, password, e-mail addresses).
urlpatterns = [
    path("mis-datos/", views.my_data, name="my-data"),
    path("mis-datos/descargar/", views.export, name="export"),
    path("mis-datos/eliminar/", views.delete, name="delete"),
]
