"""The outbox, sent: each pending delivery in turn, committed before and after each send.

A delivery is committed ``sending`` before the message goes out and ``delivered`` only after
the server's 2xx to the end of DATA. A 4xx (or a connection lost before the message was
complete) is retried a bounded number of times with backoff, within the run's deadline,
then waits in the outbox; a 5xx marks that recipient ``failed`` and the others still get
theirs. A connection lost, or a server silent, after the end of DATA is ``unknown``: the
server may have stored the message, so it is never retried in the run; the next run resends
it once, with the same Message-ID. A connection-level failure stops the sending and leaves
the rest waiting. A delivery cancelled meanwhile (its reader unsubscribed) is skipped.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from ..config import Config
from ..deliver.email import Mailer
from ..errors import DeliverError
from ..pipeline.options import Warn as Log
from ..pipeline.options import ignore
from .state import Delivery, State


@dataclass(frozen=True)
class Outcome:
    """What happened to one delivery in this run."""

    delivery_id: int
    digest_id: int
    recipient: str
    status: str  # delivered | failed | pending | unknown | cancelled
    answer: str


def send_outbox(state: State, config: Config, mailer: Mailer, *, log: Log = ignore,
                sleep: Callable[[float], None] = time.sleep) -> tuple[list[Outcome],
                                                                      DeliverError | None]:
    """Send every pending delivery; a connection-level failure stops and leaves the rest, and
    so does the run's time for delivery (``smtp.deadline``) running out."""
    outcomes: list[Outcome] = []
    smtp = config.smtp
    deadline = time.monotonic() + smtp.deadline
    for delivery in state.outbox():
        if time.monotonic() > deadline:
            note = (f"not sent: the run's time for delivery ({smtp.deadline:g} s) is up; "
                    "kept in the outbox for the next run (raise smtp.deadline)")
            log(f"warning: {note}")
            done = {o.delivery_id for o in outcomes}
            outcomes += [Outcome(d.id, d.digest_id, d.recipient, "pending", note)
                         for d in state.outbox() if d.id not in done]
            return outcomes, None
        try:
            outcome = _send_one(state, config, mailer, delivery, sleep, deadline)
        except DeliverError as exc:
            done = {o.delivery_id for o in outcomes}
            outcomes += [Outcome(d.id, d.digest_id, d.recipient, "pending", str(exc))
                         for d in state.outbox() if d.id not in done]
            return outcomes, exc
        outcomes.append(outcome)
        verb = {"delivered": "delivered to", "failed": "refused for",
                "pending": "deferred for", "unknown": "may or may not have reached",
                "cancelled": "not sent (unsubscribed) to"}[outcome.status]
        log(f"digest {delivery.digest_id} {verb} {delivery.recipient} via {smtp.address}: "
            f"{outcome.answer}")
    return outcomes, None


def _send_one(state: State, config: Config, mailer: Mailer, delivery: Delivery,
              sleep: Callable[[float], None], deadline: float) -> Outcome:
    smtp = config.smtp

    def outcome(status: str, answer: str) -> Outcome:
        return Outcome(delivery.id, delivery.digest_id, delivery.recipient, status, answer)

    result = None
    for attempt in range(smtp.retries + 1):
        # committed: a kill from here on leaves 'sending'
        if not state.mark_sending(delivery.id):
            return outcome("cancelled", "left the outbox before it was sent (unsubscribed)")
        try:
            result = mailer.send(config.email.sender, delivery.recipient, delivery.message)
        except DeliverError as exc:
            state.set_status(delivery.id, "pending", str(exc))
            raise
        if result.status in ("delivered", "unknown"):  # 'delivered' only after the 2xx
            state.set_status(delivery.id, result.status, result.answer)
            return outcome(result.status, result.answer)
        if result.status == "permanent":
            state.set_status(delivery.id, "failed", result.answer)
            return outcome("failed", result.answer)
        state.set_status(delivery.id, "pending", result.answer)
        wait = smtp.backoff * 2 ** attempt
        if attempt < smtp.retries:
            if time.monotonic() + wait > deadline:
                break  # no time for another try in this run
            sleep(wait)
    assert result is not None
    kept = "kept in the outbox" if config.state else "not sent"
    return outcome("pending", f"{result.answer} ({kept} after {attempt + 1} attempt"
                              f"{'s' if attempt else ''})")
