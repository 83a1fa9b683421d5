import datetime
import random
from decimal import Decimal

import pytest

from strategy.tests.factories import ActivityFactory, StageFactory
from transparency.models import Category, Expense


@pytest.fixture
def stages(db):
    return [
        StageFactory(
            number=1, slug="etapa-1", start_date=datetime.date(2021, 11, 1),
            end_date=datetime.date(2022, 3, 15),
        ),
        StageFactory(
            number=2, slug="etapa-2", start_date=datetime.date(2022, 3, 16),
            end_date=datetime.date(2023, 8, 31),
        ),
        StageFactory(
            number=3, slug="etapa-3", start_date=datetime.date(2023, 9, 1),
            end_date=datetime.date(2023, 11, 10),
        ),
    ]  # fmt: skip


@pytest.fixture
def activities(stages):
    return [
        ActivityFactory(stage=stage, slug=f"actividad-etapa-{stage.number}") for stage in stages
    ]


def make_expenses(stages, activities, count: int, *, seed: int = 7) -> list[Expense]:
    """`count` expenses spread over stages, categories, activities and dates; awkward centavos."""
    rng = random.Random(seed)
    categories = list(Category.values)
    expenses = []
    for index in range(count):
        stage = stages[index % len(stages)]
        activity = activities[index % len(activities)] if index % 3 else None
        start = stage.start_date
        span = (stage.end_date - start).days
        expenses.append(
            Expense(
                date=start + datetime.timedelta(days=rng.randint(0, span)),
                concept=f"Concepto {index:04d}",
                category=categories[index % len(categories)],
                supplier=f"Proveedor {index % 7}",
                amount=Decimal(rng.randint(1, 9_999_999)) / 100,
                funding_source="Presupuesto del INAI",
                stage=stage,
                activity=activity,
            )
        )
    # The test data only: history rows come with them (never bulk writes in the site's code).
    from simple_history.utils import bulk_create_with_history

    return bulk_create_with_history(expenses, Expense)


@pytest.fixture
def expense_factory_many(stages, activities):
    def make(count: int, **kwargs):
        return make_expenses(stages, activities, count, **kwargs)

    return make
