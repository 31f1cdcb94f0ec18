"""Digests → mail: build the MIME message and send it over SMTP (the only smtplib user).

``build_message`` makes a multipart/alternative message (text/plain, then text/html) in
UTF-8 with ``email.message.EmailMessage``, whose policy refuses CR/LF in a header; every
header value is flattened to one line first, so a title with a line break or non-ASCII
characters can neither break nor inject a header.

``Mailer`` holds one SMTP connection (plain, STARTTLS or SSL, with AUTH) and sends one
message to one recipient at a time, reporting the server's answer as a ``Result``:
``delivered`` (2xx), ``temporary`` (4xx, a dropped connection: try again) or ``permanent``
(5xx). Failures that concern the connection itself (refused, TLS, authentication) raise
``DeliverError`` naming host:port and what to check.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import smtplib
import socket
import ssl
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from email.header import Header
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, parseaddr
from typing import Any

from ..config import SmtpConfig
from ..errors import DeliverError

ONE_LINE_RE = re.compile(r"\s+")
MAX_SUBJECT = 200


def one_line(text: str, limit: int | None = None) -> str:
    """Any whitespace run (CR, LF, tabs, U+2028...) → one space; control characters dropped."""
    flat = ONE_LINE_RE.sub(" ", text)
    flat = "".join(c for c in flat if c.isprintable()).strip()
    if limit and len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return flat


def domain_of(address: str) -> str:
    addr = parseaddr(address)[1]
    return addr.rpartition("@")[2].lower() or "localhost"


def envelope_address(address: str) -> str:
    """The bare addr-spec of ``"Name <a@b>"`` for MAIL FROM / RCPT TO."""
    return parseaddr(address)[1]


def message_id(digest_hash: str, recipient: str, domain: str) -> str:
    """Stable per (digest, recipient): a resend is recognisably the same message."""
    who = hashlib.sha256(envelope_address(recipient).lower().encode("utf-8")).hexdigest()
    return f"<{digest_hash[:32]}.{who[:16]}@{domain}>"


def list_id(title: str, sender: str) -> str:
    """RFC 2919 List-Id made from the digest title and the sender's domain."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "digest"
    return f"{one_line(title, 100)} <{slug}.{domain_of(sender)}>"


def subject_for(template: str, *, date: str, count: int, title: str) -> str:
    return one_line(template.format_map({"date": date, "count": count, "title": title}), MAX_SUBJECT)


def _address_header(value: str) -> Address:
    name, addr = parseaddr(one_line(value))
    username, _, domain = addr.rpartition("@")
    if not username or not domain:
        raise DeliverError(
            f"{value!r} is not a mail address", subject="email", hint="check email.from and email.to"
        )
    return Address(display_name=one_line(name), username=username, domain=domain)


class _EncodedSubject(str):
    """A non-ASCII Subject, folded by the compat32 encoder.

    Python 3.11's modern folder leaves the space between two RFC 2047 encoded words
    outside them, where every decoder drops it ("and émigrés" reads "andémigrés");
    ``email.header.Header`` keeps it inside. A str subclass with ``name`` and ``fold``
    is stored and folded as is by ``EmailPolicy`` and still reads as its text.
    """

    name = "Subject"

    def fold(self, *, policy: Any) -> str:
        value = Header(str(self), "utf-8", header_name=self.name).encode(linesep=policy.linesep)
        return f"{self.name}: {value}{policy.linesep}"


@dataclass(frozen=True)
class Letter:
    """What goes into one message, besides the recipient."""

    sender: str
    subject: str
    text: str
    html: str
    digest_hash: str
    date: datetime
    title: str = "Policy digest"
    unsubscribe: Sequence[str] = ()
    list_id: str = ""


def build_message(letter: Letter, recipient: str) -> EmailMessage:
    """The multipart/alternative message of ``letter`` for ``recipient``."""
    msg = EmailMessage(policy=SMTP)
    msg["From"] = _address_header(letter.sender)
    msg["To"] = _address_header(recipient)
    subject = one_line(letter.subject, MAX_SUBJECT)
    msg["Subject"] = subject if subject.isascii() else _EncodedSubject(subject)
    msg["Date"] = format_datetime(letter.date)
    msg["Message-ID"] = message_id(letter.digest_hash, recipient, domain_of(letter.sender))
    msg["List-Id"] = one_line(letter.list_id) if letter.list_id else list_id(letter.title, letter.sender)
    if letter.unsubscribe:
        uris = [one_line(u).replace("<", "%3C").replace(">", "%3E") for u in letter.unsubscribe]
        msg["List-Unsubscribe"] = ", ".join(f"<{u}>" for u in uris)
        if any(u.lower().startswith("https://") for u in uris):
            msg["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"  # RFC 8058
    msg["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation replies
    msg["X-Auto-Response-Suppress"] = "All"
    msg.set_content(letter.text, subtype="plain", charset="utf-8", cte="quoted-printable")
    msg.add_alternative(letter.html, subtype="html", charset="utf-8", cte="quoted-printable")
    return msg


def message_bytes(msg: EmailMessage) -> bytes:
    """The wire form: CRLF line ends, 7-bit clean."""
    return msg.as_bytes(policy=SMTP)


# --- sending ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    status: str  # delivered | temporary | permanent
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
        that answer is the moment the message is the server's responsibility.
        """
        self.connect()
        conn = self._conn
        assert conn is not None
        try:
            for step in ("mail", "rcpt", "data"):
                if step == "mail":
                    code, text = conn.mail(envelope_address(sender))
                    ok = code == 250
                elif step == "rcpt":
                    code, text = conn.rcpt(envelope_address(recipient))
                    ok = code in (250, 251)
                else:
                    code, text = conn.data(data)
                    ok = 200 <= code < 300
                if not ok:
                    if code == 421:  # the server is closing the session
                        self._drop()
                    else:
                        self._reset()
                    return _classify(code, text)
        except smtplib.SMTPDataError as exc:  # DATA itself refused (no 354)
            self._reset()
            return _classify(exc.smtp_code, exc.smtp_error)
        except (smtplib.SMTPException, OSError) as exc:
            # The session is gone: maybe before, maybe during DATA. The server answered no
            # 2xx, so the message is not ours to call delivered; it is retried (see mail.py).
            self._drop()
            return Result(
                "temporary",
                one_line(
                    f"connection to {self.config.address} lost while sending "
                    f"({type(exc).__name__}: {exc or 'closed'})",
                    300,
                ),
            )
        return _classify(code, text)

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
