"""A console email backend that prints each email as a block a person can read."""

import email
import sys
import threading
from email import policy

from django.core.mail.backends.base import BaseEmailBackend

RULE = "-" * 79
TITLE = f"{'---- Email (printed here, not sent) ':-<79}"
SHOWN_HEADERS = ("From", "To", "Cc", "Reply-To", "Subject")


def _field(name: str, value: str) -> str:
    return f"{name + ':':10}{value}"


def email_as_text(message) -> str:
    """An EmailMessage as its decoded headers, attachment names and text body.

    It is read back from the MIME that SMTP would carry, so a header Django refuses
    fails here too, and what is printed is what would be sent, only decoded.
    """
    parsed = email.message_from_bytes(message.message().as_bytes(), policy=policy.default)
    lines = [TITLE]
    # Folded headers come back with the space of the fold in front.
    lines += [_field(name, str(parsed[name]).strip()) for name in SHOWN_HEADERS if parsed[name]]
    if message.bcc:
        lines.append(_field("Bcc", ", ".join(message.bcc)))
    for part in parsed.iter_attachments():
        name = part.get_filename() or "-"
        lines.append(_field("Attached", f"{name} ({part.get_content_type()})"))
    body = parsed.get_body(preferencelist=("plain", "html"))
    lines += ["", body.get_content().rstrip() if body is not None else "", RULE, ""]
    return "\n".join(lines)


class ConsoleEmailBackend(BaseEmailBackend):
    """Print each email to the process's real stdout instead of sending it.

    A Celery worker replaces sys.stdout with a logger that tags every line as a
    warning; sys.__stdout__ is the terminal (or log) the process was started with.
    """

    def __init__(self, *args, stream=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.stream = stream or sys.__stdout__
        self._lock = threading.RLock()

    def send_messages(self, email_messages):
        sent = 0
        with self._lock:
            for message in email_messages:
                try:
                    # Written and flushed whole, so two worker processes' emails seldom mix.
                    self.stream.write(email_as_text(message))
                    self.stream.flush()
                except Exception:
                    if not self.fail_silently:
                        raise
                else:
                    sent += 1
        return sent
