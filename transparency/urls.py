from django.urls import path

from transparency.views import contact, spending

app_name = "transparency"

# /transparencia/ and /contacto/
urlpatterns = [
    path("transparencia/", spending.overview, name="overview"),
    path("transparencia/documentos/", spending.document_list, name="document-list"),
    path("transparencia/gastos/<int:pk>/", spending.expense_detail, name="expense-detail"),
    path(
        "transparencia/gastos/<int:pk>/comprobante/",
        spending.expense_receipt,
        name="expense-receipt",
    ),
    path("contacto/", contact.contact, name="contact"),
    path("contacto/gracias/", contact.contact_thanks, name="contact-thanks"),
]
