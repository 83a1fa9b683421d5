import datetime
from decimal import Decimal

import pytest
from django.db.models import Sum

from abramos import opendata
from transparency.models import Expense
from transparency.tests.factories import ExpenseFactory


def test_the_spending_dataset_is_registered():
    dataset = opendata.get("gastos")
    assert dataset is not None
    assert dataset.landing_url_name == "transparency:overview"
    assert "monto_mxn" in dataset.field_names
    assert not any("correo" in name or "email" in name for name in dataset.field_names)


@pytest.mark.django_db
def test_rows_sum_to_the_database_sum_to_the_centavo(
    stages, activities, expense_factory_many, django_assert_max_num_queries
):
    expense_factory_many(300)
    dataset = opendata.get("gastos")
    with django_assert_max_num_queries(2):
        rows = list(dataset.rows())
    assert len(rows) == 300 == dataset.record_count()
    assert all(isinstance(row["monto_mxn"], Decimal) for row in rows)
    total = sum((row["monto_mxn"] for row in rows), Decimal("0.00"))
    assert total == Expense.objects.aggregate(total=Sum("amount"))["total"]
    assert set(rows[0]) == set(dataset.field_names)


@pytest.mark.django_db
def test_a_row_holds_the_codes_names_and_receipt_address(stages, activities, settings):
    expense = ExpenseFactory(
        stage=stages[1], activity=activities[1], category="travel",
        amount=Decimal("0.07"), date=datetime.date(2022, 7, 1),
    )  # fmt: skip
    bare = ExpenseFactory(stage=stages[0], receipt=None)
    rows = {row["id"]: row for row in opendata.get("gastos").rows()}
    row = rows[expense.pk]
    assert row["fecha"] == datetime.date(2022, 7, 1)
    assert row["categoria"] == "travel" and row["categoria_nombre"]
    assert row["monto_mxn"] == Decimal("0.07")
    assert row["etapa_numero"] == 2
    assert row["actividad_slug"] == activities[1].slug
    assert row["comprobante_url"] == (
        f"{settings.SITE_ROOT}/transparencia/gastos/{expense.pk}/comprobante/"
    )
    assert rows[bare.pk]["comprobante_url"] == ""
    assert rows[bare.pk]["actividad"] == ""


@pytest.mark.django_db
def test_the_downloaded_csv_and_json_sum_to_the_database_sum_to_the_centavo(
    client, stages, activities, expense_factory_many
):
    import csv
    import io
    import json

    expense_factory_many(150)
    expected = Expense.objects.aggregate(total=Sum("amount"))["total"]

    response = client.get("/datos/gastos.csv")
    text = b"".join(response.streaming_content).decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 150
    assert sum(Decimal(row["monto_mxn"]) for row in rows) == expected

    response = client.get("/datos/gastos.json")
    data = json.loads(b"".join(response.streaming_content), parse_float=Decimal)
    assert sum(row["monto_mxn"] for row in data) == expected
