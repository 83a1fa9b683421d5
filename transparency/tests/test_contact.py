import pytest
from django.core import mail
from django.urls import reverse

from abramos.mail.models import Message
from transparency.models import ContactMessage

URL = "/contacto/"
EN_URL = "/en/contacto/"
GOOD = {
    "name": "Ana  Pérez",
    "email": "ana@example.mx",
    "subject": "Gastos de los foros",
    "message": "¿Dónde están los comprobantes del foro de Mérida?",
    "privacy_consent": "on",
    "website": "",
}


def test_the_contact_page_has_its_spanish_address():
    assert reverse("transparency:contact") == URL


@pytest.mark.django_db
def test_the_contact_page_shows_who_is_responsible_and_the_form(
    client, settings, django_assert_max_num_queries
):
    settings.CONTACT_EMAIL = "grupo.tecnico@example.mx"
    with django_assert_max_num_queries(4):
        response = client.get(URL)
    assert response.status_code == 200
    assert "grupo.tecnico@example.mx" in response.text
    assert reverse("privacy:notice") in response.text
    assert 'name="website"' in response.text  # the honeypot, hidden by CSS


@pytest.mark.django_db
def test_a_message_is_stored_acknowledged_through_celery_and_redirected(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(URL, GOOD)
    assert response.status_code == 302
    assert response["Location"] == reverse("transparency:contact-thanks")
    contact = ContactMessage.objects.get()
    assert contact.name == "Ana Pérez"
    assert contact.privacy_consent and not contact.answered
    assert contact.acknowledged_at is not None
    # The delivery task, started once the row is committed (the page cache also renews itself).
    tasks = [cb for cb in callbacks if getattr(cb, "args", None)]
    assert len(tasks) == 1
    outbox = Message.objects.get(to="ana@example.mx")
    assert outbox.sent_at is not None
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["ana@example.mx"]
    assert str(contact.pk) in email.subject
    assert str(contact.pk) in email.body
    assert email.alternatives and email.alternatives[0][1] == "text/html"
    assert client.get(response["Location"]).status_code == 200


PHISHING = "Aviso urgente: verifica tu cuenta en http://phishing.example/acceso"


@pytest.mark.django_db
def test_the_acknowledgement_repeats_nothing_the_sender_typed(
    client, django_capture_on_commit_callbacks
):
    # Anyone can type a victim's address: the portal must not send them the sender's words.
    typed = {"name": PHISHING, "subject": PHISHING[:200], "message": PHISHING * 3}
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(URL, {**GOOD, **typed}).status_code == 302
    (email,) = mail.outbox
    for part in (email.subject, email.body, email.alternatives[0][0]):
        assert "phishing.example" not in part
        assert "Aviso urgente" not in part
    assert ContactMessage.objects.get().message == PHISHING * 3  # the staff still read it all


@pytest.mark.django_db
def test_nothing_is_sent_before_the_transaction_commits(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        client.post(URL, GOOD)
    assert Message.objects.filter(sent_at__isnull=True).count() == 1
    assert mail.outbox == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"email": "ana-arroba-example"}, "email", "Write an e-mail address like"),
        ({"message": "   "}, "message", "Write your message."),
        ({"privacy_consent": ""}, "privacy_consent", "Accept the privacy notice"),
        ({"name": ""}, "name", "Write your name."),
    ],
)
def test_bad_input_gets_a_clear_message_and_keeps_what_was_typed(client, changes, field, message):
    data = {**GOOD, **changes}
    if not data["privacy_consent"]:
        del data["privacy_consent"]
    response = client.post(EN_URL, data)
    assert response.status_code == 200
    assert ContactMessage.objects.count() == 0
    assert message in response.text
    assert 'class="error-summary"' in response.text
    assert f'href="#id_{field}"' in response.text  # the summary links to the field
    form = response.context["form"]
    assert field in form.errors
    for name in ("subject", "message"):
        if name != field:
            assert form[name].value() == data[name]
    assert "Gastos de los foros" in response.text
    assert Message.objects.count() == 0


@pytest.mark.django_db
def test_a_filled_honeypot_is_refused_without_storing(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(EN_URL, {**GOOD, "website": "http://spam.example"})
    assert response.status_code == 400
    assert "The form could not be sent" in response.text
    assert "http://spam.example" not in response.text
    assert ContactMessage.objects.count() == 0
    assert Message.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_the_rate_limit_refuses_with_a_message_and_keeps_the_text(client, settings):
    settings.CONTACT_RATE_LIMIT = (2, 600)
    for _ in range(2):
        assert client.post(URL, GOOD).status_code == 302
    response = client.post(EN_URL, {**GOOD, "subject": "Tercer mensaje"})
    assert response.status_code == 429
    assert "You have sent 2 messages in the last 10 minutes" in response.text
    assert "Tercer mensaje" in response.text
    assert GOOD["message"] in response.text
    assert ContactMessage.objects.count() == 2


@pytest.mark.django_db
def test_the_rate_limit_is_per_address(client, settings):
    settings.CONTACT_RATE_LIMIT = (1, 600)
    assert client.post(URL, GOOD, REMOTE_ADDR="10.0.0.1").status_code == 302
    assert client.post(URL, GOOD, REMOTE_ADDR="10.0.0.1").status_code == 429
    assert client.post(URL, GOOD, REMOTE_ADDR="10.0.0.2").status_code == 302


@pytest.mark.django_db
def test_the_contact_page_shows_the_real_contact_of_the_strategy_and_no_demo_person(client):
    from strategy.models import Person
    from tests.demo import load_demo

    load_demo(verbosity=0)
    html = client.get(URL).text
    assert "Adrián Alcalá Méndez" in html and "Comisionado del INAI" in html
    assert "abramosmexico@inai.org.mx" in html
    for person in Person.objects.exclude(name="Adrián Alcalá Méndez"):  # he is in the seeds
        assert person.name not in html, person.name
