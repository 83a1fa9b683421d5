"""See transparency/demo/__init__.py."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from simple_history.utils import bulk_create_with_history

from strategy.models import Activity, Stage
from transparency.demo import data
from transparency.models import Expense

SEED = 2022
RECEIPTS_DIR = "comprobantes/demo"
CHANGE_REASON = "Datos de demostración"


def load(command) -> None:
    """Called by `load_demo` inside its transaction."""
    SpendingDemo(command).run()


class SpendingDemo:
    def __init__(self, command):
        self.stdout = command.stdout
        self.style = command.style
        self.verbosity = getattr(command, "verbosity", 1)
        self.random = random.Random(SEED)

    def _say(self, message: str) -> None:
        if self.verbosity:
            self.stdout.write(message)

    def run(self) -> None:
        if Expense.objects.exists():
            return  # loaded before, or staff recorded real spending: never touch it
        stages = list(Stage.objects.order_by("number"))
        if not stages:
            self._say(self.style.WARNING("Spending demo: no stages, nothing loaded."))
            return
        activities = {a.slug: a for a in Activity.objects.select_related("stage")}
        expenses = self._activity_expenses(activities)
        expenses += self._forum_expenses(activities.get("foros-regionales"))
        expenses += self._recurring_expenses(stages)
        expenses.sort(key=lambda expense: (expense.date, expense.concept))
        for folio, expense in enumerate(expenses, start=1):
            expense.receipt.name = self._receipt(folio, expense)
        bulk_create_with_history(
            expenses, Expense, batch_size=500, default_change_reason=CHANGE_REASON
        )
        total = sum((expense.amount for expense in expenses), Decimal("0.00"))
        self._say(
            self.style.SUCCESS(
                f"Demo spending loaded: {len(expenses)} expenses, ${total:,.2f} MXN, with receipts."
            )
        )

    # The expenses ------------------------------------------------------------------------------

    def _amount(self, lowest: int, highest: int) -> Decimal:
        return Decimal(self.random.randint(lowest * 100, highest * 100)) / 100

    def _funding(self, date: datetime.date) -> str:
        return self.random.choice(data.FUNDING_SOURCES).format(year=date.year)

    def _expense(self, *, date, category, concept, supplier, amount, stage, activity=None):
        return Expense(
            date=date,
            concept=concept,
            category=category,
            supplier=supplier,
            amount=amount,
            funding_source=self._funding(date),
            stage=stage,
            activity=activity,
            is_demo=True,
        )

    def _date_for(self, activity: Activity) -> datetime.date:
        """A day of the activity; for a one-day event, within the three weeks before it."""
        stage = activity.stage
        if activity.end_date and activity.end_date > activity.start_date:
            start, end = activity.start_date, activity.end_date
        else:
            start, end = activity.start_date - datetime.timedelta(days=21), activity.start_date
        start = max(start, stage.start_date)
        end = min(end, stage.end_date)
        return start + datetime.timedelta(days=self.random.randint(0, max((end - start).days, 0)))

    def _activity_expenses(self, activities: dict[str, Activity]) -> list[Expense]:
        expenses = []
        for slug, specs in data.ACTIVITY_EXPENSES.items():
            activity = activities.get(slug)
            if activity is None:
                continue
            for category, concept, supplier, lowest, highest, count in specs:
                for _ in range(count):
                    expenses.append(
                        self._expense(
                            date=self._date_for(activity),
                            category=category,
                            concept=concept,
                            supplier=data.SUPPLIERS[supplier],
                            amount=self._amount(lowest, highest),
                            stage=activity.stage,
                            activity=activity,
                        )
                    )
        return expenses

    def _forum_expenses(self, forums: Activity | None) -> list[Expense]:
        if forums is None:
            return []
        expenses = []
        span = (forums.end_date - forums.start_date).days
        for index, (city, state, venue) in enumerate(data.FORUM_VENUES):
            day = forums.start_date + datetime.timedelta(
                days=index * span // len(data.FORUM_VENUES)
            )
            for category, concept, supplier, lowest, highest in data.FORUM_EXPENSES:
                paid = day - datetime.timedelta(days=self.random.randint(0, 6))
                expenses.append(
                    self._expense(
                        date=max(paid, forums.stage.start_date),
                        category=category,
                        concept=f"{concept.format(city=city)}, {state}",
                        supplier=venue if supplier is None else data.SUPPLIERS[supplier],
                        amount=self._amount(lowest, highest),
                        stage=forums.stage,
                        activity=forums,
                    )
                )
        return expenses

    def _recurring_expenses(self, stages: list[Stage]) -> list[Expense]:
        expenses = []
        first, last = stages[0].start_date, stages[-1].end_date
        month = first.replace(day=1)
        index = 0
        while month <= last:
            stage = next(
                (s for s in stages if s.start_date <= _month_end(month) and s.end_date >= month),
                stages[-1],
            )
            name = f"{data.MONTHS_ES[month.month - 1]} de {month.year}"
            for category, concept, supplier, lowest, highest, every in data.RECURRING:
                if index % every:
                    continue
                day = max(month.replace(day=self.random.randint(1, 28)), stage.start_date)
                day = min(day, stage.end_date)
                expenses.append(
                    self._expense(
                        date=day,
                        category=category,
                        concept=concept.format(month=name),
                        supplier=data.SUPPLIERS[supplier],
                        amount=self._amount(lowest, highest),
                        stage=stage,
                    )
                )
            if month.month == 11:  # the process started in November: renewals then
                for category, concept, supplier, lowest, highest in data.YEARLY:
                    day = max(month.replace(day=self.random.randint(1, 20)), stage.start_date)
                    expenses.append(
                        self._expense(
                            date=min(day, stage.end_date),
                            category=category,
                            concept=concept,
                            supplier=data.SUPPLIERS[supplier],
                            amount=self._amount(lowest, highest),
                            stage=stage,
                        )
                    )
            month = _next_month(month)
            index += 1
        return expenses

    # Receipts ----------------------------------------------------------------------------------

    def _receipt(self, folio: int, expense: Expense) -> str:
        name = f"{RECEIPTS_DIR}/{expense.date:%Y}/comprobante-{folio:04d}.pdf"
        if default_storage.exists(name):
            default_storage.delete(name)  # a file left by an earlier database: replace it
        content = receipt_pdf(
            [
                "Comprobante de gasto (demostración)",
                f"Folio: DEMO-{folio:04d}",
                f"Fecha: {expense.date:%d/%m/%Y}",
                f"Proveedor: {expense.supplier}",
                f"Concepto: {expense.concept}",
                f"Monto: ${expense.amount:,.2f} MXN (IVA incluido)",
                f"Fuente: {expense.funding_source}",
                "Documento ficticio generado para el sitio de demostración Abramos México.",
            ]
        )
        return default_storage.save(name, ContentFile(content))


def _next_month(month: datetime.date) -> datetime.date:
    return (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def _month_end(month: datetime.date) -> datetime.date:
    return _next_month(month) - datetime.timedelta(days=1)


def _pdf_text(text: str) -> bytes:
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return escaped.encode("cp1252", errors="replace")


def receipt_pdf(lines: list[str]) -> bytes:
    """A one-page PDF 1.4 with `lines` in Helvetica, written by hand (no library needed)."""
    stream = b"BT /F1 11 Tf 56 780 Td 16 TL\n"
    for index, line in enumerate(lines):
        size = b"/F1 14 Tf " if index == 0 else (b"/F1 11 Tf " if index == 1 else b"")
        stream += size + b"(" + _pdf_text(line) + b") Tj T*\n"
        if index == 0:
            stream += b"T*\n"
    stream += b"ET\n"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"endstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n".encode()
    out += b"0000000000 65535 f \n"
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)
