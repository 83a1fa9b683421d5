"""The spending of the process as open data, registered from `TransparencyConfig.ready()`.

Amounts leave the database as Decimal and reach the CSV and JSON as their exact digits: not a
centavo is lost. Rows stream from `.values().iterator()`, one query in chunks, whatever the size.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.conf import settings
from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from abramos.demo import demo_field, holds_demo
from abramos.opendata import CONTINUOUS, REQUIRED, Dataset, Field, choice_field, register
from transparency.models import Category, Expense

CHUNK = 2000
_SENTINEL_PK = 987654321

_COLUMNS = (
    "pk",
    "date",
    "concept",
    "category",
    "supplier",
    "amount",
    "funding_source",
    "stage__number",
    "stage__name",
    "activity__slug",
    "activity__title",
    "receipt",
    "modified_at",
    "is_demo",
)


def _receipt_url_template() -> tuple[str, str]:
    # reverse() once, not once per row: the address around the primary key.
    path = reverse("transparency:expense-receipt", kwargs={"pk": _SENTINEL_PK})
    before, after = path.split(str(_SENTINEL_PK))
    return settings.SITE_ROOT + before, after


def _expense_rows() -> Iterator[dict]:
    labels = {value: str(label) for value, label in Category.choices}
    before, after = _receipt_url_template()
    rows = Expense.objects.order_by("date", "pk").values_list(*_COLUMNS)
    for (
        pk,
        date,
        concept,
        category,
        supplier,
        amount,
        funding_source,
        stage_number,
        stage_name,
        activity_slug,
        activity_title,
        receipt,
        modified_at,
        is_demo,
    ) in rows.iterator(chunk_size=CHUNK):
        yield {
            "id": pk,
            "fecha": date,
            "concepto": concept,
            "categoria": category,
            "categoria_nombre": labels.get(category, category),
            "proveedor": supplier,
            "monto_mxn": amount,
            "fuente_financiamiento": funding_source,
            "etapa_numero": stage_number,
            "etapa": stage_name,
            "actividad_slug": activity_slug or "",
            "actividad": activity_title or "",
            "comprobante_url": f"{before}{pk}{after}" if receipt else "",
            "modificado": modified_at,
            "es_demo": is_demo,
        }


def _modified():
    return Expense.history.aggregate(at=Max("history_date"))["at"]


EXPENSES = Dataset(
    slug="gastos",
    title=_("Spending of the process"),
    description=_(
        "Every expense of the construction of the National Open Data Policy (recursos "
        "ejercidos): date, concept, category, supplier, amount in Mexican pesos with centavos, "
        "funding source, the stage and activity it belongs to, and the address of its receipt."
    ),
    keywords=["PNDA", "transparencia", "gastos", "recursos ejercidos", "presupuesto"],
    accrual_periodicity=CONTINUOUS,
    landing_url_name="transparency:overview",
    fields=[
        Field("id", "integer", _("Identifier of the expense."), REQUIRED),
        Field("fecha", "date", _("Date of the expense (ISO 8601)."), REQUIRED),
        Field("concepto", "string", _("What was paid for."), REQUIRED),
        choice_field("categoria", _("Code of the category:"), Category.choices, required=True),
        Field("categoria_nombre", "string", _("Name of the category.")),
        Field("proveedor", "string", _("Supplier that was paid."), REQUIRED),
        Field(
            "monto_mxn",
            "number",
            _("Amount in Mexican pesos (MXN), VAT included, with two decimals for centavos."),
            {**REQUIRED, "minimum": 0.01},
        ),
        Field("fuente_financiamiento", "string", _("Where the money came from.")),
        Field("etapa_numero", "integer", _("Number of the stage, from 1."), REQUIRED),
        Field("etapa", "string", _("Name of the stage.")),
        Field(
            "actividad_slug",
            "string",
            _("Identifier of the activity in its address (slug); empty if none."),
        ),
        Field("actividad", "string", _("Title of the activity; empty if none.")),
        Field(
            "comprobante_url",
            "string",
            _("Address to download the receipt or invoice (PDF); empty if none."),
        ),
        Field("modificado", "datetime", _("Last change to the record (ISO 8601, UTC).")),
        demo_field(),
    ],
    rows=_expense_rows,
    modified=_modified,
    count=Expense.objects.count,
    demo=holds_demo(Expense),
)


def register_datasets() -> None:
    register(EXPENSES)
