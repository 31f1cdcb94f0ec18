"""Mail over SMTP (the only smtplib user): one connection, one message at a time.

``Mailer`` holds one SMTP connection (plain, STARTTLS or SSL, with AUTH) and sends one
message to one recipient at a time, reporting the server's answer as a ``Result``:
``delivered`` (2xx), ``temporary`` (4xx, or a connection lost before the message was
complete: try again), ``permanent`` (5xx) or ``unknown`` (the connection was lost, or the
server went silent, after the end of DATA: the server may have stored the message, so it
must not be retried at once). Failures that concern the connection itself (refused, TLS,
authentication) raise ``DeliverError`` naming host:port and what to check.

The message itself is built in ``message`` (re-exported here).
"""

from __future__ import annotations

import contextlib
import re
import smtplib
import socket
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass

from ..config import SmtpConfig
from ..errors import DeliverError
from .message import (
    MAX_SUBJECT,
    Letter,
    build_message,
    domain_of,
    envelope_address,
    list_id,
    message_bytes,
    message_id,
    one_line,
    subject_for,
)

__all__ = [
    "MAX_SUBJECT", "Letter", "Mailer", "Result", "build_message", "domain_of",
    "envelope_address", "list_id", "message_bytes", "message_id", "one_line", "subject_for",
]

LEADING_DOT_RE = re.compile(rb"(?m)^\.")


# --- sending ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    status: str  # delivered | temporary | permanent | unknown
    answer: str  # the server's answer, one line: '250 2.0.0 Ok: queued as 1234'

    @property
    def code(self) -> int | None:
        head = self.answer.split(" ", 1)[0]
        return int(head) if head.isdigit() else None


def _answer(code: int, text: bytes | str) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return one_line(f"{code} {text}", 300)


def _classify(code: int, text: bytes | str) -> Result:
    if 200 <= code < 300:
        return Result("delivered", _answer(code, text))
    return Result("temporary" if 400 <= code < 500 else "permanent", _answer(code, text))


class Mailer:
    """One SMTP session, opened lazily and reopened after the server dropped it."""

    def __init__(
        self,
        config: SmtpConfig,
        *,
        local_hostname: str | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.config = config
        self.local_hostname = local_hostname
        self.sleep = sleep
        self._conn: smtplib.SMTP | None = None

    def __enter__(self) -> Mailer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _error(self, message: str, hint: str) -> DeliverError:
        return DeliverError(message, subject=f"smtp {self.config.address}", hint=hint)

    def _context(self) -> ssl.SSLContext:
        context = ssl.create_default_context()
        if self.config.cafile:
            try:
                context.load_verify_locations(cafile=str(self.config.cafile))
            except (OSError, ssl.SSLError) as exc:
                raise self._error(
                    f"cannot load smtp.cafile {self.config.cafile}: {exc}",
                    "give a PEM file of certificate authorities",
                ) from exc
        return context

    def connect(self) -> None:
        """Connect, secure and log in; every failure is one DeliverError with a hint."""
        if self._conn is not None:
            return
        conn: smtplib.SMTP | None = None
        try:
            conn = self._open()
            self._secure_and_log_in(conn)
        except DeliverError:
            _quietly_close(conn)
            raise
        except (OSError, smtplib.SMTPException) as exc:  # ssl.SSLError is an OSError
            _quietly_close(conn)
            raise self._connect_error(exc) from exc
        self._conn = conn

    def _open(self) -> smtplib.SMTP:
        c = self.config
        if c.security == "ssl":
            return smtplib.SMTP_SSL(
                c.host, c.port, local_hostname=self.local_hostname, timeout=c.timeout,
                context=self._context(),
            )
        return smtplib.SMTP(c.host, c.port, local_hostname=self.local_hostname, timeout=c.timeout)

    def _secure_and_log_in(self, conn: smtplib.SMTP) -> None:
        c = self.config
        conn.ehlo()
        if c.security == "starttls":
            if not conn.has_extn("starttls"):
                raise self._error(
                    "the server does not offer STARTTLS",
                    "check smtp.port (587 for starttls, 465 for ssl) and smtp.security",
                )
            conn.starttls(context=self._context())
            conn.ehlo()
        if c.user:
            if not c.password:
                raise self._error(
                    f"smtp.user is {c.user!r} but POLICYBRIEF_SMTP_PASSWORD is not set",
                    "export POLICYBRIEF_SMTP_PASSWORD",
                )
            conn.login(c.user, c.password.reveal())

    def _connect_error(self, exc: OSError | smtplib.SMTPException) -> DeliverError:
        """What went wrong while connecting, said with its fix (most particular cause first)."""
        if isinstance(exc, ConnectionRefusedError):
            return self._error(
                "connection refused", "check smtp.host and smtp.port, and that the mail server is running"
            )
        if isinstance(exc, ssl.SSLError):
            reason = getattr(exc, "verify_message", None) or exc.reason or str(exc)
            return self._error(
                f"TLS failed: {reason}",
                "check smtp.security (ssl for port 465, starttls for 587) and "
                "that the server's certificate is valid for smtp.host "
                "(a private CA goes in smtp.cafile)",
            )
        if isinstance(exc, smtplib.SMTPAuthenticationError):
            return self._error(
                f"authentication failed: {_answer(exc.smtp_code, exc.smtp_error)}",
                "check smtp.user and POLICYBRIEF_SMTP_PASSWORD",
            )
        if isinstance(exc, smtplib.SMTPNotSupportedError):
            return self._error(
                f"the server refused: {exc}",
                "the server offers no AUTH here: use smtp.security = starttls or ssl, or clear smtp.user",
            )
        if isinstance(exc, smtplib.SMTPException):
            return self._error(
                f"SMTP session failed: {one_line(str(exc), 300)}",
                "check smtp.host, smtp.port and smtp.security",
            )
        if isinstance(exc, socket.gaierror):
            return self._error(f"cannot resolve the host: {exc.strerror or exc}", "check smtp.host")
        if isinstance(exc, TimeoutError):
            return self._error(
                f"no answer within {self.config.timeout:g} s",
                "check smtp.host, smtp.port and any firewall; raise smtp.timeout for a slow server",
            )
        return self._error(
            f"cannot connect: {exc.strerror or exc}", "check smtp.host and smtp.port, and the network"
        )

    def close(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            try:
                conn.quit()
            except (smtplib.SMTPException, OSError):
                conn.close()

    def send(self, sender: str, recipient: str, data: bytes) -> Result:
        """One transaction: MAIL FROM, RCPT TO, DATA. Connection failures raise DeliverError.

        ``delivered`` is returned only once the server answered 2xx to the end of DATA:
        that answer is the moment the message is the server's responsibility. A connection
        lost (or a server silent past ``smtp.timeout``) once the whole message and its end
        were written is ``unknown``: the server may have stored it.
        """
        self.connect()
        conn = self._conn
        assert conn is not None
        ended = False
        try:
            code, text = conn.mail(envelope_address(sender))
            if code == 250:
                code, text = conn.rcpt(envelope_address(recipient))
                if code in (250, 251):
                    code, text = conn.docmd("data")
                    if code == 354:
                        conn.send(_dot_stuffed(data))
                        ended = True
                        code, text = conn.getreply()
                        if 200 <= code < 300:
                            return _classify(code, text)
            if code == 421:  # the server is closing the session
                self._drop()
            else:
                self._reset()
            return _classify(code, text)
        except (smtplib.SMTPException, OSError) as exc:
            self._drop()
            what = f"{type(exc).__name__}: {exc or 'closed'}"
            if ended:  # the whole message was written: the server may have stored it
                return Result("unknown", one_line(
                    f"delivered-unknown: no answer from {self.config.address} after the end "
                    f"of the message ({what}); not retried in this run", 300))
            # before the end of the message: the server cannot have taken it
            return Result("temporary", one_line(
                f"connection to {self.config.address} lost while sending ({what})", 300))

    def _reset(self) -> None:
        if self._conn is None:
            return
        try:
            self._conn.rset()
        except (smtplib.SMTPException, OSError):
            self._drop()

    def _drop(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            conn.close()


def _quietly_close(conn: smtplib.SMTP | None) -> None:
    if conn is not None:
        with contextlib.suppress(OSError):
            conn.close()


def _dot_stuffed(data: bytes) -> bytes:
    """The DATA payload: leading dots doubled, CRLF-terminated, then the end marker."""
    payload = LEADING_DOT_RE.sub(b"..", data)
    if not payload.endswith(b"\r\n"):
        payload += b"\r\n"
    return payload + b".\r\n"
