import time
from decimal import Decimal

import pytest
from django.db.models import Sum

from tests.demo import load_demo
from transparency.demo import load
from transparency.models import Expense


class _Command:
    verbosity = 0

    def __init__(self):
        import io

        from django.core.management.base import OutputWrapper
        from django.core.management.color import no_style

        self.stdout = OutputWrapper(io.StringIO())
        self.style = no_style()


@pytest.mark.django_db
def test_the_demo_loads_a_realistic_year_of_spending_once():
    load_demo(verbosity=0)
    expenses = Expense.objects.all()
    count = expenses.count()
    assert 200 <= count <= 400
    assert Expense.history.count() == count
    assert set(expenses.values_list("stage__number", flat=True)) == {1, 2, 3}
    assert expenses.filter(activity__isnull=False).values("activity").distinct().count() >= 12
    assert expenses.exclude(amount=expenses.first().amount).exists()
    assert any(amount % 1 for amount in expenses.values_list("amount", flat=True))  # centavos
    for expense in expenses.select_related("activity"):
        if expense.activity:
            assert expense.activity.stage_id == expense.stage_id
    sample = expenses.order_by("?").first()
    with sample.receipt.open("rb") as handle:
        content = handle.read()
    assert content.startswith(b"%PDF-") and content.rstrip().endswith(b"%%EOF")
    total = expenses.aggregate(total=Sum("amount"))["total"]

    load_demo(verbosity=0)
    assert Expense.objects.count() == count
    assert Expense.history.count() == count
    assert Expense.objects.aggregate(total=Sum("amount"))["total"] == total


@pytest.mark.django_db
def test_the_demo_is_deterministic_and_fast():
    load_demo(verbosity=0)
    first = list(
        Expense.objects.order_by("date", "concept", "amount").values_list("concept", "amount")
    )
    Expense.history.all().delete()
    Expense.objects.all().delete()
    started = time.monotonic()
    load(_Command())
    assert time.monotonic() - started < 3
    again = list(
        Expense.objects.order_by("date", "concept", "amount").values_list("concept", "amount")
    )
    assert again == first
    assert sum((amount for _, amount in again), Decimal("0")) > 0
