"""Mail commands: send, init, run, schedule, status. Thin: each calls one library function."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from ..errors import ConfigError, ExitCode, PolicyBriefError
from .common import fail, say, warn

ConfigOpt = Annotated[Path | None, typer.Option(
    "--config", "-c", help="The config file [default: ./policybrief.toml].",
    show_default=False, dir_okay=False)]
EmptyNoteOpt = Annotated[bool | None, typer.Option(
    "--empty-note/--no-empty-note",
    help="With no new articles, send a short note (once a day) instead of nothing "
         "[default: email.empty_note].", show_default=False)]


def _log(message: str) -> None:
    say(f"policybrief: {message}")


def _stamped(message: str) -> None:
    stamp = datetime.now().astimezone().isoformat(timespec="seconds")
    print(f"{stamp} policybrief: {message}", file=sys.stderr, flush=True)


def _load(path: Path | None) -> Any:
    from ..config import find, load

    return load(find(path))


def _report(report: Any, kept: bool = True) -> None:
    """Per-recipient results on stdout, errors on stderr, one line each.

    ``kept``: a state file holds deferred mail for the next run (``send`` without --state
    has none).
    """
    for o in report.outcomes:
        label = {"delivered": "delivered", "failed": "FAILED", "pending": "deferred",
                 "unknown": "UNKNOWN (the server may have it)",
                 "cancelled": "cancelled"}[o.status]
        typer.echo(f"{label}: digest {o.digest_id} to {o.recipient}: {o.answer}")
    failed = [o for o in report.outcomes if o.status not in ("delivered", "cancelled")]
    if report.error is not None:
        say(f"policybrief: error: {report.error}")
    elif failed:
        hint = ("see 'policybrief status' (deferred ones wait in the outbox for the next run)"
                if kept else "without --state FILE nothing is kept for a next run")
        say(f"policybrief: error: {len(failed)} of {len(report.outcomes)} deliveries failed; {hint}")


SubjectOpt = Annotated[str | None, typer.Option(
    "--subject", help="Subject template: {date}, {count}, {title} "
    "[default: '{title} {date}: {count} briefs'].", show_default=False)]
SmtpHostOpt = Annotated[str | None, typer.Option(
    "--smtp-host", help="SMTP server [default: $POLICYBRIEF_SMTP_HOST or localhost].",
    show_default=False)]
SmtpPortOpt = Annotated[int | None, typer.Option(
    "--smtp-port", min=1, max=65535,
    help="SMTP port [default: $POLICYBRIEF_SMTP_PORT or 587].", show_default=False)]
SmtpSecurityOpt = Annotated[str | None, typer.Option(
    "--smtp-security", help="none, starttls or ssl [default: starttls].", show_default=False)]
SmtpUserOpt = Annotated[str | None, typer.Option(
    "--smtp-user", help="Log in as this user; the password comes only from "
    "$POLICYBRIEF_SMTP_PASSWORD.", show_default=False)]
StateOpt = Annotated[Path | None, typer.Option(
    "--state", dir_okay=False, help="A state file: leave out articles already delivered "
    "and keep undelivered mail in an outbox.", show_default=False)]
DryRunOpt = Annotated[Path | None, typer.Option(
    "--dry-run", file_okay=False, help="Write one .eml per recipient into this folder "
    "instead of sending.", show_default=False)]


OptPaths = Annotated[list[str] | None, typer.Argument(
    help="Article files, folders, JSONL files or URLs [default: the config's sources].",
    show_default=False)]
OptToOpt = Annotated[list[str] | None, typer.Option(
    "--to", help="A recipient; repeat for more [default: the config's email.to].",
    show_default=False)]
OptFromOpt = Annotated[str | None, typer.Option(
    "--from", help="The sender, e.g. 'Briefing <briefs@example.org>' [default: the "
    "config's email.from].", show_default=False)]
SendConfigOpt = Annotated[Path | None, typer.Option(
    "--config", "-c", dir_okay=False, help="Take List-Id, unsubscribe links, [server], [dkim], "
    "[smtp] and (unless given here) sources, sender, recipients and state from this file.",
    show_default=False)]
TestOpt = Annotated[str | None, typer.Option(
    "--test", help="Send one copy to this address only, record nothing (use an address that "
    "is not a recipient: the copy has the Message-ID a real one would).", show_default=False)]


def _send_overrides(paths: list[str] | None, to: list[str] | None, sender: str | None,
                    subject: str | None, smtp: dict[str, Any], state: Path | None,
                    with_config: bool) -> dict[str, Any]:
    email: dict[str, Any] = {k: v for k, v in (("from", sender), ("to", to or None),
                                                ("subject", subject)) if v is not None}
    overrides: dict[str, Any] = {"email": email, "smtp": smtp}
    if paths:
        overrides["sources"] = paths
    if state is not None or not with_config:
        overrides["state"] = str(state) if state else ""
    return overrides


def send(
    paths: OptPaths = None,
    to: OptToOpt = None,
    sender: OptFromOpt = None,
    subject: SubjectOpt = None,
    smtp_host: SmtpHostOpt = None,
    smtp_port: SmtpPortOpt = None,
    smtp_security: SmtpSecurityOpt = None,
    smtp_user: SmtpUserOpt = None,
    state: StateOpt = None,
    dry_run: DryRunOpt = None,
    config_path: SendConfigOpt = None,
    test: TestOpt = None,
) -> None:
    """Build the digest of PATH... and mail it to each --to address.

    The SMTP password comes only from $POLICYBRIEF_SMTP_PASSWORD. With --config, the
    messages carry the config's List-Id, unsubscribe links and DKIM signature, and any
    flag given here wins over the file.

    Examples:

      \b
      policybrief send seeds/ --to me@example.org --from news@example.org

      \b
      policybrief send op-ed.txt --to me@example.org \\
        --from "Briefing <news@example.org>" --dry-run out/

      \b
      policybrief send --config policybrief.toml --test me@example.org

      \b
      POLICYBRIEF_SMTP_PASSWORD=... policybrief send seeds/ \\
        --to a@example.org --to b@example.org --from news@example.org \\
        --smtp-host smtp.example.org --smtp-user news --state news.db
    """
    from .. import mailing
    from ..config import load

    smtp: dict[str, Any] = {k: v for k, v in (("host", smtp_host), ("port", smtp_port),
                                               ("security", smtp_security),
                                               ("user", smtp_user)) if v is not None}
    overrides = _send_overrides(paths, to, sender, subject, smtp, state, config_path is not None)
    try:
        config = load(config_path, overrides=overrides)
        if test is not None:
            raise _test_send(config, test)
        if dry_run is not None:
            raise _written(mailing.dry_run(config, dry_run, warn=warn))
        report = mailing.run(config, log=_log, warn=warn)
    except PolicyBriefError as exc:
        raise fail(exc) from None
    _report(report, kept=config.state is not None)
    raise typer.Exit(int(report.exit_code))


def _written(paths: list[Path]) -> typer.Exit:
    if not paths:
        say("policybrief: nothing to send: nothing written")
    for path in paths:
        typer.echo(str(path))
    return typer.Exit(0)


def _test_send(config: Any, address: str) -> typer.Exit:
    from .. import mailing

    result = mailing.send_test(config, address, warn=warn)
    if result is None:
        say("policybrief: no article to send")
        return typer.Exit(int(ExitCode.ERROR))
    label = "delivered" if result.status == "delivered" else "NOT delivered"
    typer.echo(f"test copy {label} to {address}: {result.answer}")
    return typer.Exit(0 if result.status == "delivered" else int(ExitCode.ERROR))


def init(
    path: Annotated[Path, typer.Argument(help="Where to write it.", dir_okay=False)] = Path(
        "policybrief.toml"),
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented policybrief.toml: sources, recipients, sender, SMTP, schedule.

    Examples:

      policybrief init

      policybrief init /etc/policybrief/policybrief.toml
    """
    from ..config import default_text
    from ..deliver.files import write_atomic

    if path.is_dir():
        path = path / "policybrief.toml"
    if path.exists() and not force:
        raise fail(ConfigError("already exists", subject=str(path),
                               hint="edit it, or pass --force to overwrite it"))
    try:
        write_atomic(path, default_text())
    except PolicyBriefError as exc:
        raise fail(exc) from None
    typer.echo(str(path))
    say(f"policybrief: wrote {path}: set sources, email.from and email.to, then try "
        f"'policybrief run --config {path}'")


PreviewOpt = Annotated[Path | None, typer.Option(
    "--preview", file_okay=False, help="Write the exact messages this run would send (every "
    "header, the outbox first) into this folder as .eml files; send and record nothing.",
    show_default=False)]


def run(
    config_path: ConfigOpt = None,
    empty_note: EmptyNoteOpt = None,
    preview: PreviewOpt = None,
) -> None:
    """One idempotent cycle: new articles → digest → mail to each recipient → record.

    Safe to repeat: articles already delivered are left out, mail that could not be sent
    waits in the outbox for the next run, and no recipient gets a digest twice. Readers
    who unsubscribed get nothing. Exit codes: 0 all delivered (or nothing new), 3 some
    recipients failed, 1 none delivered, 4 another run holds the lock, 2 a bad config.

    Examples:

      policybrief run --config policybrief.toml

      policybrief run -c /etc/policybrief.toml --empty-note

      policybrief run -c policybrief.toml --preview outgoing/
    """
    from .. import mailing

    try:
        config = _load(config_path)
        if preview is not None:
            raise _written(mailing.preview(config, preview, empty_note=empty_note, warn=warn))
        report = mailing.run(config, empty_note=empty_note, log=_log, warn=warn)
    except PolicyBriefError as exc:
        raise fail(exc) from None
    _report(report)
    raise typer.Exit(int(report.exit_code))


def schedule(
    config_path: ConfigOpt = None,
    empty_note: EmptyNoteOpt = None,
) -> None:
    """Run the cycle on schedule.cron in schedule.timezone until SIGTERM or Ctrl-C.

    Missed fire times are coalesced into one run; a run later than schedule.misfire_grace
    is skipped. Overlapping runs (e.g. a cron job as well) are refused by the lock.

    Examples:

      policybrief schedule --config policybrief.toml

      systemd-run --user policybrief schedule -c ~/briefs/policybrief.toml
    """
    from .. import mailing
    from ..mailing.schedule import Stop, run_forever, stop_on_signals

    try:
        config = _load(config_path).require_mail()
    except PolicyBriefError as exc:
        raise fail(exc) from None
    zone = config.schedule.zone

    def job(due: datetime) -> int:
        _stamped(f"run due at {due.isoformat(timespec='seconds')}")
        try:
            report = mailing.run(config, empty_note=empty_note, log=_stamped,
                              warn=lambda m: _stamped(f"warning: {m}"))
        except PolicyBriefError as exc:
            _stamped(f"error: {exc}")
            return int(exc.exit_code)
        if report.error is not None:
            _stamped(f"error: {report.error}")
        _stamped(f"run finished: {report.status}, {report.delivered} delivered, "
                 f"{report.failed} not delivered")
        return int(report.exit_code)

    _stamped(f"scheduling '{config.schedule.cron}' in {config.schedule.timezone} "
             f"for {config.label}")
    with stop_on_signals(Stop(), _stamped) as stop:
        run_forever(config.schedule.cron, zone, job, misfire_grace=config.schedule.misfire_grace,
                    stop=stop, log=_stamped)
    raise typer.Exit(0)


def status(
    config_path: ConfigOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    limit: Annotated[int, typer.Option("--limit", min=1, help="How many runs and digests.")] = 5,
) -> None:
    """Show the last runs, the outbox and per-recipient results of the last digests.

    Examples:

      policybrief status --config policybrief.toml

      policybrief status --json | jq '.outbox'
    """
    from ..mailing.schedule import next_fire
    from ..mailing.state import State
    from ..mailing.subscribers import unsubscribed

    try:
        config = _load(config_path)
        data: dict[str, Any] = {"config": str(config.path), "state": str(config.state),
                                "runs": [], "outbox": [], "digests": []}
        nxt = next_fire(config.schedule.cron, datetime.now(config.schedule.zone))
        data["next_scheduled"] = nxt.isoformat(timespec="seconds")
        data["unsubscribed"] = []
        if config.state and config.state.exists():
            with State.open(config.state) as st:
                data["runs"] = st.runs(limit)
                data["outbox"] = st.pending_summary()
                data["digests"] = st.digests(limit)
                data["unsubscribed"] = [{"address": a, "at": at, "via": via}
                                        for a, (at, via) in unsubscribed(st).items()]
    except PolicyBriefError as exc:
        raise fail(exc) from None
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    typer.echo(f"config: {data['config']}")
    typer.echo(f"state:  {data['state']}")
    typer.echo(f"next scheduled run: {data['next_scheduled']} ({config.schedule.cron!r} in "
               f"{config.schedule.timezone})")
    if not data["runs"]:
        typer.echo("no runs yet")
        return
    typer.echo("\nlast runs:")
    for r in data["runs"]:
        typer.echo(f"  #{r['id']} {r['started']} {r['status']}: {r['new_articles']} new, "
                   f"{r['delivered']} delivered, {r['failed']} not delivered"
                   + (f" — {r['message']}" if r["message"] else ""))
    typer.echo(f"\noutbox: {len(data['outbox'])} waiting")
    for d in data["outbox"]:
        typer.echo(f"  digest {d['digest_id']} to {d['recipient']}: {d['attempts']} attempts, "
                   f"last answer: {d['answer'] or '-'}")
    typer.echo(f"\nunsubscribed: {len(data['unsubscribed'])}")
    for u in data["unsubscribed"]:
        typer.echo(f"  {u['address']} since {u['at']} ({u['via']})")
    typer.echo("\ndigests:")
    for g in data["digests"]:
        typer.echo(f"  digest {g['id']} {g['created']} {g['subject']!r}")
        for d in g["deliveries"]:
            typer.echo(f"    {d['status']:<9} {d['recipient']} ({d['attempts']} attempts): "
                       f"{d['answer'] or '-'}")


def register(app: typer.Typer) -> None:
    app.command("send")(send)
    app.command("init")(init)
    app.command("run")(run)
    app.command("schedule")(schedule)
    app.command("status")(status)

