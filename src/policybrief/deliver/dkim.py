"""DKIM signing of a built message with dkimpy (the only dkimpy user).

RFC 8058 asks that a DKIM signature cover both List-Unsubscribe headers, so that nobody on
the way can point a one-click POST somewhere else; Gmail and Yahoo ask bulk senders for a
DKIM signature aligned with the From domain. ``sign`` adds one ``DKIM-Signature`` header
(relaxed/relaxed, rsa-sha256) covering ``SIGNED_HEADERS``; a
header the message lacks is signed as absent, so it cannot be added later either.
"""

from __future__ import annotations

from pathlib import Path

import dkim

from ..config import DkimConfig
from ..errors import DeliverError

SIGNED_HEADERS = (
    "From", "To", "Subject", "Date", "Message-ID", "List-Id", "List-Unsubscribe",
    "List-Unsubscribe-Post", "MIME-Version", "Content-Type",
)


def _key(path: Path) -> bytes:
    """The PEM bytes of the key file; errors name dkim.key_file."""
    try:
        pem = path.read_bytes()
    except OSError as exc:
        raise DeliverError(f"cannot read dkim.key_file: {exc.strerror or exc}", subject=str(path),
                           hint="check the path and that this user may read it") from exc
    if b"PRIVATE KEY" not in pem:
        raise DeliverError("dkim.key_file holds no PEM private key", subject=str(path),
                           hint="give the private key, e.g. made by "
                                "'openssl genrsa -out dkim.pem 2048'")
    return pem


def sign(data: bytes, config: DkimConfig) -> bytes:
    """``data`` (a message's wire form) with a DKIM-Signature header in front."""
    assert config.key_file is not None
    pem = _key(config.key_file)
    try:
        header = dkim.sign(data, config.selector.encode("ascii"), config.domain.encode("ascii"),
                           pem, canonicalize=(b"relaxed", b"relaxed"),
                           signature_algorithm=b"rsa-sha256",
                           include_headers=[h.encode("ascii") for h in SIGNED_HEADERS])
    except (dkim.DKIMException, ValueError) as exc:
        raise DeliverError(f"DKIM signing failed: {exc}", subject=str(config.key_file),
                           hint="check that dkim.key_file is an RSA private key in PEM") from exc
    return header + data
