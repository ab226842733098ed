"""A real SMTP server for tests and the mail benchmark: aiosmtpd on a free local port.

It records every message it accepts (Message-ID, To, Subject, the raw bytes) and can be
told to refuse for a while with a temporary error, to answer slowly, or to hold a
conversation at RCPT until released (so a test can kill a worker at an exact moment).

    with SmtpSink() as sink:
        settings.EMAIL_PORT = sink.port
        sink.refuse("451 4.3.0 Try again later", times=3)
        ...
        assert sink.message_ids() == [...]
"""

import asyncio
import logging
import threading
import time
from collections import Counter
from dataclasses import dataclass
from email.parser import BytesHeaderParser
from email.policy import default as default_policy

from aiosmtpd.controller import Controller

_headers = BytesHeaderParser(policy=default_policy)


@dataclass(frozen=True)
class SinkMessage:
    """One message the sink accepted."""

    message_id: str
    to: str
    subject: str
    mail_from: str
    rcpt_tos: tuple
    raw: bytes
    # The client's (host, port): which SMTP connection, so which process, sent it.
    peer: tuple = ()


class _Controller(Controller):
    """Binds port 0 and learns the port the system gave it before the first connection."""

    def _trigger_server(self):
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


class _Handler:
    def __init__(self, sink: "SmtpSink"):
        self.sink = sink

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        refusal = self.sink._take_refusal("mail")
        if refusal:
            return refusal
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        sink = self.sink
        with sink._changed:
            sink.rcpt_started += 1
            sink.in_rcpt += 1
            sink._changed.notify_all()
        try:
            if sink.delay:
                await asyncio.sleep(sink.delay)
            while sink._holding():
                await asyncio.sleep(0.01)
        finally:
            with sink._changed:
                sink.in_rcpt -= 1
                sink._changed.notify_all()
        refusal = sink._take_refusal("rcpt")
        if refusal:
            return refusal
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        refusal = self.sink._take_refusal("data")
        if refusal:
            return refusal
        self.sink._record(envelope, peer=tuple(session.peer or ()))
        return "250 Message accepted for delivery"


class SmtpSink:
    """A local SMTP server that keeps what it accepts; see the module docstring."""

    def __init__(self, *, hostname: str = "127.0.0.1", keep_raw: bool = True):
        self.hostname = hostname
        self.keep_raw = keep_raw
        self.port = 0
        self.messages: list[SinkMessage] = []
        self.delay = 0.0
        self.rcpt_started = 0
        self.in_rcpt = 0
        self.refused = 0
        self._refusal: tuple[str, int, str] | None = None  # (reply, times left, stage)
        self._hold_after: int | None = None
        # Called with each accepted message before the server answers "250".
        self.on_message = None
        self._changed = threading.Condition()
        self._controller = None

    # --- Life cycle ---------------------------------------------------------------------

    def start(self) -> "SmtpSink":
        # aiosmtpd logs every command at INFO: noise in tests, and slow under load.
        logging.getLogger("mail.log").setLevel(logging.WARNING)
        self._controller = _Controller(
            _Handler(self), hostname=self.hostname, port=0, ready_timeout=10
        )
        self._controller.start()
        self.port = self._controller.port
        return self

    def stop(self) -> None:
        self._hold_after = None
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def __enter__(self) -> "SmtpSink":
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()

    @property
    def url(self) -> str:
        """The address as EMAIL_URL takes it (django-environ)."""
        return f"smtp://{self.hostname}:{self.port}"

    def django_settings(self) -> dict:
        """The email settings that make Django's SMTP backend send here."""
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": self.hostname,
            "EMAIL_PORT": self.port,
            "EMAIL_HOST_USER": "",
            "EMAIL_HOST_PASSWORD": "",
            "EMAIL_USE_TLS": False,
            "EMAIL_USE_SSL": False,
        }

    # --- Behaviour ----------------------------------------------------------------------

    def accept(self) -> None:
        """Accept everything at once again."""
        with self._changed:
            self.delay = 0.0
            self._refusal = None
            self._hold_after = None
            self._changed.notify_all()

    def refuse(self, reply: str = "451 4.3.0 Try again later", *, times: int, at="rcpt") -> None:
        """Answer the next `times` MAIL, RCPT or DATA commands with `reply` (e.g. 4xx)."""
        if at not in ("mail", "rcpt", "data"):
            raise ValueError(at)
        with self._changed:
            self._refusal = (reply, times, at)

    def slow(self, seconds: float) -> None:
        """Take `seconds` to answer each RCPT."""
        self.delay = seconds

    def hold_after(self, count: int | None) -> None:
        """Keep every RCPT waiting once `count` messages were accepted (None: release)."""
        with self._changed:
            self._hold_after = count
            self._changed.notify_all()

    def _holding(self) -> bool:
        hold = self._hold_after
        return hold is not None and len(self.messages) >= hold

    def _take_refusal(self, stage: str) -> str | None:
        with self._changed:
            if self._refusal is None or self._refusal[2] != stage:
                return None
            reply, left, _stage = self._refusal
            self._refusal = (reply, left - 1, stage) if left > 1 else None
            self.refused += 1
            self._changed.notify_all()
            return reply

    def _record(self, envelope, *, peer: tuple = ()) -> None:
        raw = envelope.original_content or envelope.content
        if isinstance(raw, str):
            raw = raw.encode()
        head = _headers.parsebytes(raw)
        message = SinkMessage(
            message_id=str(head.get("Message-ID", "")).strip(),
            to=str(head.get("To", "")),
            subject=str(head.get("Subject", "")),
            mail_from=envelope.mail_from,
            rcpt_tos=tuple(envelope.rcpt_tos),
            raw=raw if self.keep_raw else b"",
            peer=peer,
        )
        with self._changed:
            self.messages.append(message)
            self._changed.notify_all()
        if self.on_message is not None:
            self.on_message(message)

    # --- Looking at what arrived --------------------------------------------------------

    def message_ids(self) -> list[str]:
        with self._changed:
            return [message.message_id for message in self.messages]

    def counts(self) -> Counter:
        """How many times each Message-ID arrived."""
        return Counter(self.message_ids())

    def clear(self) -> None:
        with self._changed:
            self.messages.clear()

    def wait_for(self, condition, *, timeout: float = 60.0, what: str = "") -> None:
        """Block until `condition(sink)` is true; AssertionError after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while not condition(self):
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(
                        f"SMTP sink: timed out after {timeout:.0f} s waiting for "
                        f"{what or condition}; received {len(self.messages)} messages"
                    )
                self._changed.wait(min(left, 0.5))
