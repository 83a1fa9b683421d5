import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from abramos import roles
from transparency.models import ContactMessage
from transparency.tests.factories import ContactMessageFactory, ExpenseFactory


@pytest.fixture
def tecnico(db, django_user_model):
    roles.apply_roles()
    user = django_user_model.objects.create_user("tecnico@example.mx", "x", is_staff=True)
    user.groups.add(Group.objects.get(name=roles.TECHNICAL_GROUP))
    return user


@pytest.mark.django_db
def test_the_technical_group_manages_expenses_and_reads_messages(tecnico):
    assert tecnico.has_perm("transparency.add_expense")
    assert tecnico.has_perm("transparency.change_expense")
    assert not tecnico.has_perm("transparency.delete_expense")
    assert tecnico.has_perm("transparency.view_contactmessage")
    assert tecnico.has_perm("transparency.change_contactmessage")


@pytest.mark.django_db
def test_the_expense_admin_lists_amounts_in_pesos(client, tecnico, stages):
    ExpenseFactory(stage=stages[0], amount="98765.43")
    client.force_login(tecnico)
    response = client.get(reverse("admin:transparency_expense_changelist"))
    assert response.status_code == 200
    assert "$98,765.43 MXN" in response.text
    assert client.get(reverse("admin:transparency_expense_add")).status_code == 200


@pytest.mark.django_db
def test_a_receipt_that_is_not_a_pdf_is_refused_in_the_admin(client, tecnico, stages):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(tecnico)
    response = client.post(
        reverse("admin:transparency_expense_add"),
        {
            "date": "2022-01-10",
            "concept": "Café",
            "category": "logistics",
            "supplier": "Banquetes",
            "amount": "100.00",
            "funding_source": "INAI",
            "stage": stages[0].pk,
            "receipt": SimpleUploadedFile("x.pdf", b"GIF89a", "application/pdf"),
        },
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors.as_data()["receipt"]
    assert [error.code for error in errors] == ["receipt_not_pdf"]
    assert str(errors[0].messages[0]) in response.text


@pytest.mark.django_db
def test_the_admin_records_and_corrects_an_expense_through_the_service(client, tecnico, stages):
    from transparency.models import Expense

    client.force_login(tecnico)
    form = {
        "date": "2022-01-10", "concept": "Café para la sesión", "category": "logistics",
        "supplier": "Banquetes (demo)", "amount": "100.00", "funding_source": "Partida A",
        "stage": stages[0].pk,
    }  # fmt: skip
    response = client.post(reverse("admin:transparency_expense_add"), form)
    assert response.status_code == 302
    expense = Expense.objects.get()
    url = reverse("admin:transparency_expense_change", args=[expense.pk])
    assert client.post(url, {**form, "amount": "120.50"}).status_code == 302
    expense.refresh_from_db()
    assert str(expense.amount) == "120.50"
    history = list(expense.history.order_by("history_date"))
    assert [h.history_change_reason for h in history] == ["Gasto registrado", "Gasto corregido"]
    assert {h.history_user for h in history} == {tecnico}


@pytest.mark.django_db
def test_staff_mark_messages_answered_with_the_action(client, tecnico):
    first, second = ContactMessageFactory(), ContactMessageFactory()
    client.force_login(tecnico)
    url = reverse("admin:transparency_contactmessage_changelist")
    assert "Pregunta" in client.get(url).text
    response = client.post(
        url, {"action": "mark_answered", "_selected_action": [first.pk, second.pk]}
    )
    assert response.status_code == 302
    for message in ContactMessage.objects.all():
        assert message.answered and message.answered_at and message.answered_by == tecnico


@pytest.mark.django_db
def test_staff_mark_a_message_answered_in_its_form_but_cannot_edit_what_was_typed(client, tecnico):
    message = ContactMessageFactory(message="Texto original")
    client.force_login(tecnico)
    url = reverse("admin:transparency_contactmessage_change", args=[message.pk])
    response = client.post(url, {"answered": "on", "message": "Texto cambiado"})
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.answered and message.answered_by == tecnico
    assert message.message == "Texto original"
