"""The console email backend of the demo prints emails decoded, as readable blocks."""

import io
import sys

from django.core.mail import EmailMultiAlternatives, get_connection

from apps.core.mail import ConsoleEmailBackend

# Long enough that Django must encode the body (quoted-printable or base64).
ARABIC_BODY = "مرحبا بكم في بوابة شيتشنغ للتبادل الدولي. " * 40


def send(message):
    stream = io.StringIO()
    connection = get_connection("apps.core.mail.ConsoleEmailBackend", stream=stream)
    assert connection.send_messages([message]) == 1
    return stream.getvalue()


def test_headers_and_body_are_printed_decoded():
    message = EmailMultiAlternatives(
        subject="Вы зарегистрированы: Вечерние беседы у Белой пагоды",
        body=ARABIC_BODY + "\nhttp://127.0.0.1:8301/ar/events/white-tower/\n",
        from_email="Xicheng International Exchange <noreply@localhost>",
        to=["Участник <participant@example.org>"],
        bcc=["archive@example.org"],
    )
    message.attach_alternative("<p>مرحبا</p>", "text/html")
    message.attach("event.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")

    assert "quoted-printable" in message.message().as_string()
    printed = send(message)

    assert printed.startswith("---- Email (printed here, not sent) ---")
    assert "Subject:  Вы зарегистрированы: Вечерние беседы у Белой пагоды" in printed
    assert "To:       Участник <participant@example.org>" in printed
    assert "Bcc:      archive@example.org" in printed
    assert "Attached: event.ics (text/calendar)" in printed
    assert ARABIC_BODY.strip() in printed
    assert "http://127.0.0.1:8301/ar/events/white-tower/" in printed
    assert "=?utf-8?" not in printed and "Content-Transfer-Encoding" not in printed
    assert "<p>" not in printed


def test_an_html_only_email_prints_its_html():
    message = EmailMultiAlternatives(subject="Hello", to=["a@example.org"])
    message.attach_alternative("<p>Только HTML</p>", "text/html")
    message.body = ""
    printed = send(message)
    assert "Только" in printed


def test_it_writes_to_the_real_stdout_by_default():
    # A Celery worker swaps sys.stdout for a logger; the real one is left alone.
    assert ConsoleEmailBackend().stream is sys.__stdout__
