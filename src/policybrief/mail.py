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

import hashlib
import html as html_lib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from . import __version__
from .brief import content_hash
from .config import Config
from .deliver.email import Letter, Mailer, build_message, message_bytes, subject_for
from .errors import DeliverError, ExitCode, IngestError, PolicyBriefError
from .models import Budget, PolicyBrief
from .pipeline import Failure, Options, brief_all, iter_articles
from .state import Delivery, NewDigest, State, lock

Log = Callable[[str], None]
DIGEST_HASH_VERSION = "policybrief-digest/1"


def _ignore(_: str) -> None:
    return None


@dataclass(frozen=True)
class Outcome:
    """What happened to one delivery in this run."""

    delivery_id: int
    digest_id: int
    recipient: str
    status: str  # delivered | failed | pending
    answer: str


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
        return sum(o.status in ("failed", "pending") for o in self.outcomes)

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


@dataclass(frozen=True)
class Prepared:
    """A digest built and rendered, with its message for each recipient: not yet recorded."""

    new: NewDigest
    letter: Letter


def digest_hash(title: str, article_hashes: Iterable[str]) -> str:
    """A digest's identity: its title and the set of its articles."""
    body = "\n".join([DIGEST_HASH_VERSION, title, *sorted(set(article_hashes))])
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def options_for(config: Config) -> Options:
    return Options(method=config.digest.method, budget=Budget(sentences=config.digest.sentences),
                   workers=config.digest.workers, executor=config.digest.executor,
                   scheduler=config.digest.scheduler or None).check()


def new_briefs(config: Config, state: State | None, warn: Log = _ignore
               ) -> tuple[list[PolicyBrief], dict[str, tuple[str | None, str, str | None]],
                          list[str]]:
    """Briefs of the articles no live digest holds: (briefs, {hash: (url, source, title)},
    problems). Articles are filtered before briefing, so old ones cost only a hash."""
    known_hashes, known_urls = state.known_articles() if state else (set(), set())
    options = options_for(config)
    if state is not None:  # web sources: conditional GET and new-entries-only, in the state file
        options = replace(options, http_cache=str(config.state))
    fresh: dict[str, tuple[str | None, str, str | None]] = {}
    problems: list[str] = []
    seen_any = False

    def wanted() -> Iterable:
        nonlocal seen_any
        for item in iter_articles(list(config.sources), options, warn):
            if isinstance(item, Failure):
                problems.append(item.message)
                continue
            seen_any = True
            key = content_hash(item)
            if key in known_hashes or key in fresh or (item.url and item.url in known_urls):
                continue
            fresh[key] = (item.url, item.source, item.title)
            yield item

    briefs: list[PolicyBrief] = []
    for result in brief_all(wanted(), options):
        if isinstance(result, Failure):
            problems.append(result.message)
        else:
            briefs.append(result)
    if not seen_any and problems:
        raise IngestError("no source could be read: " + "; ".join(problems[:3]),
                          subject=config.label if config.path else None,
                          hint="check the sources in the config" if config.path else None)
    included = {b.content_hash for b in briefs}
    return briefs, {k: v for k, v in fresh.items() if k in included}, problems


def _empty_note(title: str, date: str) -> tuple[str, str]:
    text = f"{title}, {date}\n\nNo new articles since the last digest.\n"
    html = ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>"
            f"{html_lib.escape(title)}</title></head>\n<body style=\"font-family: sans-serif\">"
            f"<h1>{html_lib.escape(title)}</h1><p>{html_lib.escape(date)}</p>"
            "<p>No new articles since the last digest.</p></body></html>\n")
    return text, html


def prepare(config: Config, state: State | None, *, now: datetime | None = None,
            empty_note: bool | None = None, warn: Log = _ignore
            ) -> tuple[Prepared | None, int, list[str]]:
    """Build (but do not record) the digest of the new articles: (prepared, new, problems).

    ``prepared`` is None when there is nothing new (and no empty-day note is wanted, or
    today's note went out already).
    """
    from .digest import assemble
    from .render.digest import render_digest

    when = now or datetime.now(config.schedule.zone)
    briefs, articles, problems = new_briefs(config, state, warn)
    title = config.digest.title
    if briefs:
        digest = assemble(briefs, title=title, method=config.digest.method, generated_at=when,
                          version=__version__)
        text, html = render_digest(digest, "txt"), render_digest(digest, "html")
        identity = digest_hash(title, articles)
        date, count = digest.date, digest.count
    else:
        if not (config.email.empty_note if empty_note is None else empty_note):
            return None, 0, problems
        date, count = f"{when.day} {when:%B %Y}", 0
        identity = digest_hash(title, [f"empty-day:{when:%Y-%m-%d}"])
        if state is not None and state.digest_is_live(identity):
            return None, 0, problems  # one empty-day note a day
        text, html = _empty_note(title, date)
    subject = subject_for(config.email.subject, date=date, count=count, title=title)
    letter = Letter(sender=config.email.sender, subject=subject, text=text, html=html,
                    digest_hash=identity, date=when, title=title,
                    unsubscribe=config.email.unsubscribe, list_id=config.email.list_id)
    messages = []
    for recipient in config.email.to:
        msg = build_message(letter, recipient)
        messages.append((recipient, str(msg["Message-ID"]), message_bytes(msg)))
    new = NewDigest(hash=identity, title=title, subject=subject, count=count, text=text,
                    html=html, articles=tuple((k, *v) for k, v in articles.items()),
                    messages=tuple(messages))
    return Prepared(new, letter), len(articles), problems


def send_outbox(state: State, config: Config, mailer: Mailer, *, log: Log = _ignore,
                sleep: Callable[[float], None] = time.sleep) -> tuple[list[Outcome],
                                                                      DeliverError | None]:
    """Send every pending delivery; a connection-level failure stops and leaves the rest."""
    outcomes: list[Outcome] = []
    smtp = config.smtp
    for delivery in state.outbox():
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


def run(config: Config, *, now: datetime | None = None, empty_note: bool | None = None,
        log: Log = _ignore, warn: Log = _ignore, sleep: Callable[[float], None] = time.sleep,
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


def _cycle(config: Config, state: State, report: RunReport, *, now: datetime | None,
           empty_note: bool | None, log: Log, warn: Log, sleep: Callable[[float], None],
           local_hostname: str | None) -> None:
    for d in state.recover_interrupted():
        log(f"digest {d.digest_id} to {d.recipient} was interrupted while sending: resending "
            f"it with the same Message-ID {d.message_id}")
    for d in state.cancel_removed(config.email.to):
        log(f"digest {d.digest_id} to {d.recipient}: not sent, no longer a recipient")
    from . import fetch

    fetch.reset()  # a new cycle: pages fetched by the last one are fetched again
    build_error: PolicyBriefError | None = None
    try:
        # Web validators (ETag, feed marks) are stored only once the digest holding what
        # they let through is recorded: a failed build must not make the next run see 304.
        with fetch.deferred():
            prepared, report.new_articles, report.problems = prepare(
                config, state, now=now, empty_note=empty_note, warn=warn)
            if prepared is not None:
                report.digest_id = state.record_digest(report.run_id or 0, prepared.new)
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


def dry_run(config: Config, out: Path, *, now: datetime | None = None,
            empty_note: bool | None = None, warn: Log = _ignore) -> list[Path]:
    """Write the messages a run would send, one .eml per recipient; send and record nothing.

    The state file, if it exists, is read (to leave out articles already delivered) but not
    written.
    """
    from .deliver.files import write_atomic

    config.require_mail()
    state = State.open(config.state) if config.state and config.state.exists() else None
    try:
        prepared, _, problems = prepare(config, state, now=now, empty_note=empty_note,
                                        warn=warn)
    finally:
        if state is not None:
            state.close()
    for problem in problems:
        warn(problem)
    if prepared is None:
        return []
    written = []
    for n, (recipient, _, data) in enumerate(prepared.new.messages, 1):
        addr = recipient.rpartition("<")[2].rstrip(">").strip()
        safe = "".join(c if c.isalnum() or c in "@.-_" else "_" for c in addr)
        # the wire form is 7-bit ASCII (quoted-printable bodies, RFC 2047 headers)
        written.append(write_atomic(out / f"{n:02d}-{safe}.eml", data.decode("ascii")))
    return written
