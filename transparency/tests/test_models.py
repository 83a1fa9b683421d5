import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError

from strategy.tests.factories import ActivityFactory
from transparency import services
from transparency.demo.loader import receipt_pdf
from transparency.models import RECEIPT_MAX_BYTES, Category, Expense
from transparency.tests.factories import ExpenseFactory


def _expense(stage, **changes) -> Expense:
    values = {
        "date": datetime.date(2022, 1, 10),
        "concept": "Renta de salón",
        "category": Category.VENUES,
        "supplier": "Hotel Reforma",
        "amount": Decimal("1500.50"),
        "funding_source": "Presupuesto del INAI 2022",
        "stage": stage,
    }
    return Expense(**{**values, **changes})


@pytest.mark.django_db
def test_an_activity_of_another_stage_is_refused(stages):
    activity = ActivityFactory(stage=stages[1])
    with pytest.raises(ValidationError) as error:
        _expense(stages[0], activity=activity).full_clean()
    assert "activity" in error.value.message_dict
    _expense(stages[1], activity=activity).full_clean()


@pytest.mark.django_db
@pytest.mark.parametrize("amount", [Decimal("0"), Decimal("-1.00")])
def test_amounts_are_positive(stages, amount):
    with pytest.raises(ValidationError):
        _expense(stages[0], amount=amount).full_clean()


@pytest.mark.django_db
def test_the_database_refuses_a_zero_amount(stages):
    with pytest.raises(IntegrityError):
        _expense(stages[0], amount=Decimal("0")).save()


@pytest.mark.django_db
def test_amounts_keep_every_centavo(stages):
    expense = ExpenseFactory(stage=stages[0], amount=Decimal("123456789012.34"))
    expense.refresh_from_db()
    assert expense.amount == Decimal("123456789012.34")
    assert isinstance(expense.amount, Decimal)


@pytest.mark.django_db
def test_a_receipt_must_be_a_pdf(stages):
    fake = SimpleUploadedFile("factura.pdf", b"<html>no soy un pdf</html>", "application/pdf")
    with pytest.raises(ValidationError) as error:
        _expense(stages[0], receipt=fake).full_clean()
    assert error.value.message_dict["receipt"] == ["El comprobante debe ser un archivo PDF."]
    good = SimpleUploadedFile("factura.pdf", receipt_pdf(["Factura"]), "application/pdf")
    _expense(stages[0], receipt=good).full_clean()


@pytest.mark.django_db
def test_a_receipt_weighs_at_most_ten_megabytes(stages):
    big = SimpleUploadedFile("f.pdf", b"%PDF-1.4\n" + b"0" * RECEIPT_MAX_BYTES, "application/pdf")
    with pytest.raises(ValidationError) as error:
        _expense(stages[0], receipt=big).full_clean()
    assert "10 MB" in error.value.message_dict["receipt"][0]


@pytest.mark.django_db
def test_expense_create_records_history_with_the_actor(stages, django_user_model):
    actor = django_user_model.objects.create_user("tecnico@example.mx", "x", is_staff=True)
    receipt = SimpleUploadedFile("x.pdf", receipt_pdf(["Factura"]), "application/pdf")
    expense = services.expense_create(
        actor=actor,
        date=datetime.date(2022, 2, 1),
        concept=" Hospedaje ",
        category=Category.TRAVEL,
        supplier="Hotel",
        amount=Decimal("999.99"),
        funding_source="INAI",
        stage=stages[0],
        receipt=receipt,
    )
    assert expense.concept == "Hospedaje"
    record = expense.history.get()
    assert record.history_user == actor
    assert record.history_change_reason
    assert expense.receipt.name.endswith(".pdf")


@pytest.mark.django_db
def test_str_and_urls(stages):
    expense = ExpenseFactory(stage=stages[0], concept="Café", date=datetime.date(2022, 1, 2))
    assert str(expense) == "2022-01-02 · Café"
    assert expense.get_absolute_url() == f"/transparencia/gastos/{expense.pk}/"
    assert expense.get_receipt_url() == f"/transparencia/gastos/{expense.pk}/comprobante/"


@pytest.mark.django_db
def test_queryset_filters_and_total(stages, activities):
    a = ExpenseFactory(stage=stages[0], category=Category.TRAVEL, amount=Decimal("0.10"))
    b = ExpenseFactory(stage=stages[1], activity=activities[1], amount=Decimal("0.20"),
                       date=datetime.date(2022, 6, 1))  # fmt: skip
    assert list(Expense.objects.in_stage(stages[0])) == [a]
    assert list(Expense.objects.of_category(Category.TRAVEL)) == [a]
    assert list(Expense.objects.for_activity(activities[1])) == [b]
    assert list(Expense.objects.between(start=datetime.date(2022, 3, 1))) == [b]
    assert Expense.objects.total() == Decimal("0.30")
    assert Expense.objects.none().total() == Decimal("0.00")
