"""Reader-facing commands: serve (unsubscribe links and the archive), subscribe, unsubscribe.

Thin: each calls one library function. ``serve`` imports Starlette and uvicorn only when it
runs, so ``policybrief --help`` stays fast.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated, Any

import typer

from ..errors import PolicyBriefError
from .common import fail, say
from .mail import ConfigOpt, _load

AddressArg = Annotated[str, typer.Argument(help="The reader's mail address.", show_default=False)]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]


def _stamped(message: str) -> None:
    stamp = datetime.now().astimezone().isoformat(timespec="seconds")
    say(f"{stamp} policybrief: {message}")


def serve(
    config_path: ConfigOpt = None,
    listen: Annotated[str | None, typer.Option(
        "--listen", help="HOST:PORT to listen on [default: server.listen]; port 0 picks a "
        "free one.", show_default=False)] = None,
) -> None:
    """Serve the one-click unsubscribe links and the archive of delivered digests.

    Reads the same config and state file as 'policybrief run'; the links are checked with
    $POLICYBRIEF_SECRET (the same value the run signed them with). Put it behind a reverse
    proxy with TLS at server.base_url. Routes: GET / (the archive), GET /digest/KEY (a
    digest's page), GET and POST /unsubscribe/TOKEN, GET /healthz.

    Examples:

      policybrief serve --config policybrief.toml

      policybrief serve -c /etc/policybrief.toml --listen 127.0.0.1:8025
    """
    from ..serve import serve as run_server

    try:
        run_server(_load(config_path), listen, log=_stamped)
    except PolicyBriefError as exc:
        raise fail(exc) from None


def _change(config_path: Any, address: str, subscribe: bool) -> tuple[str, bool]:
    from ..errors import ConfigError
    from ..mailing.state import State, bare_address
    from ..mailing.subscribers import resubscribe, unsubscribe

    config = _load(config_path)
    if config.state is None:
        raise ConfigError("state is empty", subject=config.label,
                          hint='set state = "policybrief.db"')
    with State.open(config.state) as state:
        changed = resubscribe(state, address) if subscribe else unsubscribe(state, address, "cli")
    return bare_address(address), changed


def subscribe(address: AddressArg, config_path: ConfigOpt = None, as_json: JsonOpt = False
              ) -> None:
    """Re-subscribe a reader who unsubscribed: the next run mails them again.

    The address must still be in email.to; this only lifts their unsubscription.

    Examples:

      policybrief subscribe reader@example.org --config policybrief.toml
    """
    try:
        address, changed = _change(config_path, address, True)
    except PolicyBriefError as exc:
        raise fail(exc) from None
    _said(address, changed, "subscribed", "was not unsubscribed", as_json)


def unsubscribe(address: AddressArg, config_path: ConfigOpt = None, as_json: JsonOpt = False
                ) -> None:
    """Unsubscribe a reader by hand (e.g. one who wrote to the mailto: address).

    They get nothing from the next run on; their copies waiting in the outbox are dropped.

    Examples:

      policybrief unsubscribe reader@example.org --config policybrief.toml
    """
    try:
        address, changed = _change(config_path, address, False)
    except PolicyBriefError as exc:
        raise fail(exc) from None
    _said(address, changed, "unsubscribed", "was already unsubscribed", as_json)


def _said(address: str, changed: bool, done: str, unchanged: str, as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps({"address": address, "changed": changed,
                               "status": done if changed else unchanged}))
    else:
        typer.echo(f"{address}: {done if changed else unchanged}")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
    app.command("subscribe")(subscribe)
    app.command("unsubscribe")(unsubscribe)
