"""One idempotent mail cycle: ingest → new articles → digest → outbox → SMTP → record.

``run(config)`` is what ``policybrief run``, ``policybrief send`` and the scheduler call.

The order of steps, each its own committed transaction in the state file:

1. Take the lock (a second run exits at once), mark runs a killed process left open, and
   put deliveries a killed process left ``sending`` back in the outbox.
2. Ingest the sources; keep articles whose content hash (or URL) is in no digest that was
   delivered or is still waiting in the outbox; brief them; build the digest, render it and
   build one message per recipient. **Record** the digest, its articles and one ``pending``
   delivery per recipient with the exact message bytes, in one transaction. From here on
   the digest is in the outbox and is never rebuilt: a later run sends the same bytes.
3. Send the outbox, oldest digest first. For each delivery: commit ``sending`` (attempts+1),
   send, then commit ``delivered`` with the server's answer — only after the server's 2xx
   to the end of DATA. A 4xx is retried a bounded number of times with backoff, then waits
   in the outbox; a 5xx marks that recipient ``failed`` and the others still get theirs.

**A drop after the end of DATA is delivered-unknown.** The server may have stored the
message, so the run does not retry it (4 copies, once); the next run resends it once, with
the same Message-ID, and never again.

**Unsubscribed readers** get nothing from the next run on: their waiting copies are
cancelled, and no new digest is built for them (see ``subscribers``).

**At-least-once, deduplicated.** The one window no client can close is between the
server's "250 accepted" and our commit of ``delivered``: a kill -9 (or a power cut) there
leaves the delivery ``sending``. We could treat ``sending`` as done (at-most-once: a kill
just before the server accepted would then lose the digest for that recipient) or as not
done (at-least-once: a kill just after would send it twice). We choose **never to lose**:
step 1 resends ``sending`` deliveries — the same stored bytes with the same Message-ID,
which is stable per (digest, recipient), so mail servers and clients that deduplicate by
Message-ID show it once. The window is a single local commit wide; every other failure
(refused, TLS, auth, 4xx, dropped connection mid-DATA, a kill before the 250) provably
leaves nothing delivered twice, because ``delivered`` is the only state not resent.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ..config import Config
from ..deliver.email import Mailer, Result
from ..deliver.files import write_atomic
from ..errors import ExitCode, PolicyBriefError
from ..ingest import WebSession
from ..pipeline.options import Warn as Log
from ..pipeline.options import ignore
from .compose import Prepared, prepare, subscribed, web_settings
from .lock import lock
from .outbox import Outcome, send_outbox
from .state import State
from .state import bare_address as bare
from .subscribers import unsubscribed
from .webcache import StateWebCache


@dataclass
class RunReport:
    run_id: int | None = None
    new_articles: int = 0
    digest_id: int | None = None
    briefs: int = 0
    outcomes: list[Outcome] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # inputs or articles that failed
    error: PolicyBriefError | None = None  # what stopped the run or the sending
    note: str = ""

    @property
    def delivered(self) -> int:
        return sum(o.status == "delivered" for o in self.outcomes)

    @property
    def failed(self) -> int:
        """Not confirmed delivered: refused, deferred, or unknown (the server went silent)."""
        return sum(o.status in ("failed", "pending", "unknown") for o in self.outcomes)

    @property
    def pending(self) -> int:
        return sum(o.status == "pending" for o in self.outcomes)

    @property
    def exit_code(self) -> ExitCode:
        """0 all delivered (or nothing to send), 3 some recipients failed, 1 none delivered."""
        if self.error is not None and not self.delivered:
            return ExitCode.ERROR if self.error.exit_code == ExitCode.ERROR \
                else ExitCode(self.error.exit_code)
        if self.failed or self.error is not None:
            return ExitCode.PARTIAL if self.delivered else ExitCode.ERROR
        return ExitCode.OK

    @property
    def status(self) -> str:
        code = self.exit_code
        if code == ExitCode.OK:
            return "ok" if self.outcomes else "nothing"
        return "partial" if code == ExitCode.PARTIAL else "failed"


def run(config: Config, *, now: datetime | None = None, empty_note: bool | None = None,
        log: Log = ignore, warn: Log = ignore, sleep: Callable[[float], None] = time.sleep,
        local_hostname: str | None = None) -> RunReport:
    """One idempotent cycle under the lock. Raises LockedError, StateError, ConfigError;
    delivery problems are in the report (and its exit code)."""
    config.require_mail()
    with lock(config.state), State.open(config.state) as state:
        state.close_abandoned_runs()
        report = RunReport(run_id=state.begin_run())
        try:
            _cycle(config, state, report, now=now, empty_note=empty_note, log=log, warn=warn,
                   sleep=sleep, local_hostname=local_hostname)
        except PolicyBriefError as exc:
            report.error = exc
        # (an interrupt skips this: the next run marks the run 'killed', as after kill -9)
        state.finish_run(report.run_id or 0, status=report.status,
                         new_articles=report.new_articles, digest_id=report.digest_id,
                         delivered=report.delivered, failed=report.failed,
                         pending=report.pending,
                         message=str(report.error) if report.error else report.note or None)
        return report


def _tidy_outbox(config: Config, state: State, log: Log) -> None:
    """Before a run sends: interrupted and unknown deliveries back in, gone readers out."""
    for d in state.recover_interrupted():
        log(f"digest {d.digest_id} to {d.recipient} was interrupted while sending: resending "
            f"it with the same Message-ID {d.message_id}")
    for d in state.resend_unknown():
        log(f"digest {d.digest_id} to {d.recipient}: the last run could not tell whether the "
            f"server took it; resending it once with the same Message-ID {d.message_id}")
    for d in state.cancel_removed(config.email.to, unsubscribed(state)):
        log(f"digest {d.digest_id} to {d.recipient}: not sent, no longer a recipient "
            "(removed from the config, or unsubscribed)")


def _cycle(config: Config, state: State, report: RunReport, *, now: datetime | None,
           empty_note: bool | None, log: Log, warn: Log, sleep: Callable[[float], None],
           local_hostname: str | None) -> None:
    _tidy_outbox(config, state, log)
    if not subscribed(config, state):
        report.note = "every recipient has unsubscribed: nothing to build"
        log(report.note)
        return
    # A new session a cycle: pages fetched by the last one are fetched again. Web validators
    # (ETag, feed marks) are stored only once the digest holding what they let through is
    # recorded: a failed build must not make the next run see 304.
    session = WebSession(StateWebCache(state), hold_writes=True, settings=web_settings(config))
    build_error: PolicyBriefError | None = None
    try:
        prepared, report.new_articles, report.problems = prepare(
            config, state, session, now=now, empty_note=empty_note, warn=warn)
        if prepared is not None:
            report.digest_id = state.record_digest(report.run_id or 0, prepared.new)
        session.commit()
    except PolicyBriefError as exc:  # the outbox still goes out
        build_error, prepared = exc, None
    for problem in report.problems:
        warn(problem)
    if prepared is not None:
        report.briefs = prepared.new.count
        log(f"digest {report.digest_id}: {prepared.new.count} brief"
            f"{'s' if prepared.new.count != 1 else ''} from {report.new_articles} new article"
            f"{'s' if report.new_articles != 1 else ''}, for {len(prepared.new.messages)} "
            "recipient" + ("s" if len(prepared.new.messages) != 1 else ""))
    elif build_error is None:
        report.note = "no new articles: nothing to send"
        log(report.note)
    if state.outbox():
        with Mailer(config.smtp, local_hostname=local_hostname, sleep=sleep) as mailer:
            report.outcomes, send_error = send_outbox(state, config, mailer, log=log,
                                                      sleep=sleep)
        if send_error is not None:
            report.error = send_error
    if build_error is not None:
        if report.error is None:
            report.error = build_error
        else:
            warn(str(build_error))


def preview(config: Config, out: Path, *, now: datetime | None = None,
            empty_note: bool | None = None, warn: Log = ignore) -> list[Path]:
    """Write the messages a run would send, in the order it would send them, one .eml each:
    what waits in the outbox (the stored bytes), then the new digest's. Sends nothing and
    records nothing.

    The state file, if it exists, is read (to leave out articles already delivered and
    readers who unsubscribed, and for conditional GETs) but not written: what the web stage
    learnt is discarded.
    """
    config.require_mail()
    state = State.open(config.state, create=False) if config.state and config.state.exists() \
        else None
    session = WebSession(StateWebCache(state) if state else None, hold_writes=True,
                         settings=web_settings(config))
    try:
        waiting = _waiting(config, state)
        prepared: Prepared | None = None
        problems: list[str] = []
        if subscribed(config, state):
            prepared, _, problems = prepare(config, state, session, now=now,
                                            empty_note=empty_note, warn=warn)
    finally:
        if state is not None:
            state.close()
    for problem in problems:
        warn(problem)
    fresh = [(r, data) for r, _, data in prepared.new.messages] if prepared else []
    return [write_atomic(out / f"{n:02d}-{_file_name(recipient)}.eml", data.decode("ascii"))
            for n, (recipient, data) in enumerate(waiting + fresh, 1)]


dry_run = preview  # 'send --dry-run' writes the same


def _waiting(config: Config, state: State | None) -> list[tuple[str, bytes]]:
    """The outbox as the next run would send it: less removed and unsubscribed readers, with
    deliveries of unknown outcome that are due their one resend."""
    if state is None:
        return []
    gone = set(unsubscribed(state))
    keep = {bare(r) for r in config.email.to} - gone
    due = [d for d in state.all_due() if bare(d.recipient) in keep]
    return [(d.recipient, d.message) for d in due]


def _file_name(recipient: str) -> str:
    addr = bare(recipient)
    # the wire form is 7-bit ASCII (quoted-printable bodies, RFC 2047 headers)
    return "".join(c if c.isalnum() or c in "@.-_" else "_" for c in addr)


def send_test(config: Config, address: str, *, now: datetime | None = None,
              warn: Log = ignore, local_hostname: str | None = None) -> Result | None:
    """Send one copy of what the next run would build (or, with nothing new, of the digest
    of every source) to ``address`` only; record nothing. None: there was nothing to send."""
    config.require_mail()
    state = State.open(config.state, create=False) if config.state and config.state.exists() \
        else None
    try:
        prepared = None
        for known in (state, None):  # the new articles; failing that, all of them
            session = WebSession(StateWebCache(known) if known else None, hold_writes=True,
                                 settings=web_settings(config))
            prepared, _, problems = prepare(config, known, session, now=now, warn=warn,
                                            recipients=[address])
            if prepared is not None or known is None:
                break
    finally:
        if state is not None:
            state.close()
    for problem in problems:
        warn(problem)
    if prepared is None or not prepared.new.messages:
        return None
    _, _, data = prepared.new.messages[0]
    with Mailer(config.smtp, local_hostname=local_hostname) as mailer:
        return mailer.send(config.email.sender, address, data)
