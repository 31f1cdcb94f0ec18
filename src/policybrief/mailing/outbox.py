"""The outbox, sent: each pending delivery in turn, committed before and after each send.

A delivery is committed ``sending`` before the message goes out and ``delivered`` only after
the server's 2xx to the end of DATA. A 4xx is retried a bounded number of times with
backoff, then waits in the outbox; a 5xx marks that recipient ``failed`` and the others
still get theirs. A connection-level failure stops the sending and leaves the rest waiting.
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
    status: str  # delivered | failed | pending
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
            outcome = _send_one(state, config, mailer, delivery, sleep)
        except DeliverError as exc:
            done = {o.delivery_id for o in outcomes}
            outcomes += [Outcome(d.id, d.digest_id, d.recipient, "pending", str(exc))
                         for d in state.outbox() if d.id not in done]
            return outcomes, exc
        outcomes.append(outcome)
        verb = {"delivered": "delivered to", "failed": "refused for",
                "pending": "deferred for"}[outcome.status]
        log(f"digest {delivery.digest_id} {verb} {delivery.recipient} via {smtp.address}: "
            f"{outcome.answer}")
    return outcomes, None


def _send_one(state: State, config: Config, mailer: Mailer, delivery: Delivery,
              sleep: Callable[[float], None]) -> Outcome:
    smtp = config.smtp
    result = None
    for attempt in range(smtp.retries + 1):
        state.mark_sending(delivery.id)  # committed: a kill from here on leaves 'sending'
        try:
            result = mailer.send(config.email.sender, delivery.recipient, delivery.message)
        except DeliverError as exc:
            state.set_status(delivery.id, "pending", str(exc))
            raise
        if result.status == "delivered":
            state.set_status(delivery.id, "delivered", result.answer)  # only after the 2xx
            return Outcome(delivery.id, delivery.digest_id, delivery.recipient, "delivered",
                           result.answer)
        if result.status == "permanent":
            state.set_status(delivery.id, "failed", result.answer)
            return Outcome(delivery.id, delivery.digest_id, delivery.recipient, "failed",
                           result.answer)
        state.set_status(delivery.id, "pending", result.answer)
        if attempt < smtp.retries:
            sleep(smtp.backoff * 2 ** attempt)
    assert result is not None
    kept = "kept in the outbox" if config.state else "not sent"
    return Outcome(delivery.id, delivery.digest_id, delivery.recipient, "pending",
                   f"{result.answer} ({kept} after {smtp.retries + 1} attempts)")
