import datetime
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from strategy.tests.factories import StageFactory
from transparency.demo.loader import receipt_pdf
from transparency.models import Category, ContactMessage, Expense


class ExpenseFactory(DjangoModelFactory):
    class Meta:
        model = Expense

    date = datetime.date(2022, 1, 15)
    concept = factory.Sequence(lambda n: f"Gasto de prueba {n}")
    category = Category.LOGISTICS
    supplier = "Banquetes La Tradición, S.A. de C.V."
    amount = Decimal("1234.56")
    funding_source = "Presupuesto del INAI 2022"
    stage = factory.SubFactory(StageFactory)
    activity = None
    receipt = factory.django.FileField(
        filename="comprobante.pdf", data=receipt_pdf(["Comprobante de prueba"])
    )


class ContactMessageFactory(DjangoModelFactory):
    class Meta:
        model = ContactMessage

    name = "Ana Pérez"
    email = "ana@example.mx"
    subject = "Pregunta"
    message = "¿Cuándo se publica el informe?"
    privacy_consent = True
