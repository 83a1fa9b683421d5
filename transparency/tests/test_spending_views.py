import datetime
import itertools
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from strategy.tests.factories import DocumentFactory
from transparency.models import Category, Expense
from transparency.tests.factories import ExpenseFactory

URL = "/transparencia/"
_AMOUNT = re.compile(r"\$([\d,]+\.\d{2}) MXN")


def _pesos(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _expected(queryset) -> tuple[Decimal, int]:
    amounts = list(queryset.values_list("amount", flat=True))
    return sum(amounts, Decimal("0.00")), len(amounts)


def test_the_overview_has_its_spanish_address():
    assert reverse("transparency:overview") == URL


@pytest.mark.django_db
def test_empty_overview_says_there_is_nothing(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["summary"].amount == Decimal("0.00")
    assert "$0.00 MXN" in response.text


@pytest.mark.django_db
def test_totals_equal_the_sum_of_the_records_for_every_filter(
    client, stages, activities, expense_factory_many
):
    expense_factory_many(120)
    stage_values = [None, "1", "2", "3"]
    category_values = [None, *Category.values[:4]]
    activity_values = [None, activities[1].slug]
    ranges = [
        (None, None),
        ("2022-01-01", None),
        (None, "2022-12-31"),
        ("2022-03-16", "2023-01-31"),
        ("2021-11-01", "2021-11-01"),
    ]
    checked = 0
    for stage, category, activity, (start, end) in itertools.product(
        stage_values, category_values, activity_values, ranges
    ):
        params = {
            key: value
            for key, value in {
                "etapa": stage,
                "categoria": category,
                "actividad": activity,
                "desde": start,
                "hasta": end,
            }.items()
            if value is not None
        }
        queryset = Expense.objects.all()
        if stage:
            queryset = queryset.filter(stage__number=int(stage))
        if category:
            queryset = queryset.filter(category=category)
        if activity:
            queryset = queryset.filter(activity__slug=activity)
        if start:
            queryset = queryset.filter(date__gte=datetime.date.fromisoformat(start))
        if end:
            queryset = queryset.filter(date__lte=datetime.date.fromisoformat(end))
        total, count = _expected(queryset)

        response = client.get(URL, params)
        summary = response.context["summary"]
        assert (summary.amount, summary.count) == (total, count), params
        page = response.context["page"]
        shown = sum((expense.amount for expense in page.object_list), Decimal("0.00"))
        assert response.context["page_total"] == shown, params
        charts = response.context["charts"]
        for chart in (charts.by_stage, charts.by_category, charts.by_month):
            assert sum((bar.value for bar in chart.bars), Decimal("0.00")) == total, params
        # The figure written on the page is the same exact amount.
        written = response.text.split('id="total-filtrado"', 1)[1]
        assert _pesos(_AMOUNT.search(written).group(1)) == total, params
        checked += 1
    assert checked == 200


@pytest.mark.django_db
def test_the_page_total_is_the_sum_of_the_rows_on_that_page(
    client, stages, activities, expense_factory_many
):
    expense_factory_many(130)
    for number in (1, 2, 3):
        response = client.get(URL, {"pagina": number, "orden": "monto"})
        page = response.context["page"]
        rows = sum((e.amount for e in page.object_list), Decimal("0.00"))
        assert response.context["page_total"] == rows
        assert len(page.object_list) == (50 if number < 3 else 30)
    grand, _ = _expected(Expense.objects.all())
    assert response.context["summary"].amount == grand


@pytest.mark.django_db
@pytest.mark.parametrize(
    "sort, key",
    [
        ("fecha", lambda e: (e.date, e.pk)),
        ("-fecha", lambda e: (e.date, e.pk)),
        ("monto", lambda e: (e.amount, e.pk)),
        ("-monto", lambda e: (e.amount, e.pk)),
        ("concepto", lambda e: (e.concept, e.pk)),
    ],
)
def test_expenses_sort_by_the_column_chosen(
    client, stages, activities, expense_factory_many, sort, key
):
    expense_factory_many(40)
    rows = list(client.get(URL, {"orden": sort}).context["page"].object_list)
    assert rows == sorted(rows, key=key, reverse=sort.startswith("-"))


@pytest.mark.django_db
def test_sort_links_toggle_the_direction(client, stages):
    ExpenseFactory(stage=stages[0])
    response = client.get(URL, {"orden": "monto", "etapa": "1"})
    links = response.context["sort_links"]
    assert links["monto"]["state"] == "ascending"
    assert "orden=-monto" in links["monto"]["url"] and "etapa=1" in links["monto"]["url"]
    assert 'aria-sort="ascending"' in response.text


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params, message",
    [
        ({"etapa": "9"}, "That stage does not exist"),
        ({"etapa": "uno"}, "That stage does not exist"),
        ({"categoria": "caviar"}, "That category does not exist"),
        ({"actividad": "no-existe"}, "That activity does not exist"),
        ({"desde": "2022-13-45"}, "Write a real date"),
        ({"hasta": "ayer"}, "Write a real date"),
        ({"desde": "2023-01-01", "hasta": "2022-01-01"}, "The end date is before the start date"),
    ],
)
def test_bad_filters_are_reported_and_ignored(client, stages, params, message):
    ExpenseFactory(stage=stages[0], amount=Decimal("10.00"))
    ExpenseFactory(stage=stages[1], amount=Decimal("0.01"))
    query = {**params, "pagina": "muchas", "orden": "al-reves"}
    response = client.get(URL, query)
    assert response.status_code == 200
    assert 'class="error-summary"' in response.text
    assert response.context["summary"].amount == Decimal("10.01")
    # The messages are written in English and shown in Spanish (locale/fragments).
    english = client.get("/en" + URL, query)
    assert message in english.text
    assert "Some filters were not valid and were ignored" in english.text


@pytest.mark.django_db
@pytest.mark.parametrize("count", [10, 500])
def test_the_overview_makes_a_bounded_number_of_queries(
    client, stages, activities, expense_factory_many, django_assert_max_num_queries, count
):
    expense_factory_many(count)
    DocumentFactory.create_batch(3)
    with django_assert_max_num_queries(12):
        response = client.get(URL, {"etapa": "2", "orden": "-monto"})
    assert response.status_code == 200
    with django_assert_max_num_queries(12):
        client.get(URL)


@pytest.mark.django_db
def test_each_row_links_its_receipt_and_the_receipt_downloads_as_pdf(client, stages):
    expense = ExpenseFactory(stage=stages[0])
    response = client.get(URL)
    receipt_url = reverse("transparency:expense-receipt", kwargs={"pk": expense.pk})
    assert f'href="{receipt_url}" download' in response.text
    download = client.get(receipt_url)
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert "attachment" in download["Content-Disposition"]
    assert b"".join(download.streaming_content).startswith(b"%PDF-")


@pytest.mark.django_db
def test_an_expense_without_receipt_has_no_download(client, stages):
    expense = ExpenseFactory(stage=stages[0], receipt=None)
    url = reverse("transparency:expense-receipt", kwargs={"pk": expense.pk})
    assert client.get(url).status_code == 404
    assert "transparency:expense-receipt" not in client.get(URL).text


@pytest.mark.django_db
def test_the_expense_page_shows_the_amount_in_pesos(client, stages, django_assert_max_num_queries):
    expense = ExpenseFactory(stage=stages[0], amount=Decimal("1234567.89"))
    with django_assert_max_num_queries(3):
        response = client.get(expense.get_absolute_url())
    assert response.status_code == 200
    assert "$1,234,567.89 MXN" in response.text


@pytest.mark.django_db
def test_the_overview_also_in_english(client, stages):
    ExpenseFactory(stage=stages[0])
    response = client.get("/en/transparencia/")
    assert response.status_code == 200
    assert "Resources spent" in response.text


# Documents ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_documents_filter_by_kind_stage_and_activity(
    client, stages, activities, django_assert_max_num_queries
):
    draft = DocumentFactory(kind="draft", stage=stages[1], title="Primer borrador")
    minutes = DocumentFactory(kind="minutes", activity=activities[0], title="Minuta de instalación")
    other = DocumentFactory(kind="report", stage=stages[2], title="Informe final")
    url = reverse("transparency:document-list")
    with django_assert_max_num_queries(8):
        response = client.get(url)
    assert set(response.context["page"].object_list) == {draft, minutes, other}
    assert "minuta.txt" not in response.text  # the download link, not the stored name
    assert list(client.get(url, {"tipo": "draft"}).context["page"].object_list) == [draft]
    assert list(client.get(url, {"etapa": "1"}).context["page"].object_list) == [minutes]
    by_activity = client.get(url, {"actividad": activities[0].slug}).context["page"].object_list
    assert list(by_activity) == [minutes]
    bad = client.get("/en" + url, {"tipo": "poema"})
    assert "That kind does not exist" in bad.text
    assert len(bad.context["page"].object_list) == 3


@pytest.mark.django_db
def test_documents_show_size_and_date(client, stages):
    DocumentFactory(kind="strategy", stage=stages[0], date=datetime.date(2021, 12, 9))
    response = client.get(reverse("transparency:document-list"))
    assert "22\xa0bytes" in response.text or "22 bytes" in response.text
    assert 'datetime="2021-12-09"' in response.text
