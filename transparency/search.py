"""What transparency offers to the search (abramos.search): the spending of the process, by
concept and supplier. Registered from `TransparencyConfig.ready()`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from abramos.money import format_mxn
from abramos.search.registry import Doc, Provider, register
from transparency.models import Expense


def _expense_documents(expense: Expense):
    yield Doc(
        title=expense.concept,
        body=f"{expense.supplier}. {expense.funding_source}",
        url=expense.get_absolute_url(),
        context=f"{format_mxn(expense.amount)} · {expense.date:%Y-%m-%d} · {expense.supplier}",
    )


def register_all() -> None:
    register(
        Provider(
            kind="gasto",
            label=_("Expenses"),
            item_label=_("Expense"),
            model=Expense,
            documents=_expense_documents,
            queryset=Expense.objects.all,
            order=70,
        )
    )
