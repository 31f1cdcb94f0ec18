"""A scheduled run over a web feed: HTTP and SMTP servers both real, both on 127.0.0.1.

The first run mails the feed's entries; the second gets 304 for the feed and sends nothing;
a new entry makes the third run mail only that entry.
"""

from __future__ import annotations

import email
from collections.abc import Iterator
from datetime import datetime
from email.policy import default
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from policybrief import mailing
from policybrief.config import load
from smtp_server import SmtpServer, write_config
from test_web import TRADE, article_html, full, rss
from web_server import Site

NOW = datetime(2025, 5, 1, 7, 0, tzinfo=ZoneInfo("Asia/Taipei"))
CLIMATE = (
    "Drought insurance for smallholders has spread across East Africa over the past decade. "
    "Premiums are subsidised by donors and paid out automatically when rainfall fails.",
    "The schemes work best where weather stations are dense and data is shared openly. "
    "Where stations are sparse, payouts miss the farmers who need them most.",
    "Governments should invest in public weather data before they scale the schemes up. "
    "Better data lowers premiums and builds trust in the payouts.",
    "Donors must also commit to funding for a decade rather than a budget cycle. "
    "Farmers will not rely on insurance that may vanish next year.",
)


@pytest.fixture(autouse=True)
def fast_http(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for key, value in {"TIMEOUT": "2", "RETRIES": "0", "DELAY": "0"}.items():
        monkeypatch.setenv(f"POLICYBRIEF_HTTP_{key}", value)
    for proxy in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(proxy, raising=False)
    yield


def entry(site: Site, slug: str, title: str, paragraphs: tuple[str, ...], date: str) -> dict[str, str]:
    link = site.add(f"/{slug}", article_html(title, paragraphs, author="A. Writer"))
    return {"title": title, "link": link, "date": date, "content": full(paragraphs)}


def subjects(server: SmtpServer) -> list[str]:
    return [
        str(email.message_from_bytes(r.data, policy=default)["Subject"])
        for r in server.handler.for_recipient("a@example.org")
    ]


def test_feed_run_sends_new_entries_once_and_honours_304(tmp_path: Path) -> None:
    with Site() as site, SmtpServer() as server:
        trade = entry(
            site, "trade", "Tariffs will not save carmakers", TRADE, "Thu, 14 Mar 2024 08:00:00 GMT"
        )
        site.add("/feed.xml", rss([trade]), content_type="application/rss+xml", etag='"v1"')
        config_path = write_config(tmp_path, server.port, to=("a@example.org",))
        text = config_path.read_text().replace(
            'sources = ["articles/"]', f'sources = ["{site.url("/feed.xml")}"]'
        )
        config_path.write_text(text)
        config = load(config_path)

        first = mailing.run(config, now=NOW, sleep=lambda _: None)
        assert first.exit_code == 0 and first.new_articles == 1
        assert len(subjects(server)) == 1

        second = mailing.run(config, now=NOW, sleep=lambda _: None)
        assert second.exit_code == 0 and second.new_articles == 0
        assert site.statuses("/feed.xml")[304] == 1  # conditional GET answered "unchanged"
        assert len(subjects(server)) == 1  # no second email

        climate = entry(site, "climate", "Insure the harvest", CLIMATE, "Fri, 15 Mar 2024 08:00:00 GMT")
        site.add("/feed.xml", rss([climate, trade]), content_type="application/rss+xml", etag='"v2"')
        third = mailing.run(config, now=NOW, sleep=lambda _: None)
        assert third.new_articles == 1
        received = server.handler.for_recipient("a@example.org")
        assert len(received) == 2
        latest = email.message_from_bytes(received[-1].data, policy=default)
        text_part = latest.get_body(("plain",)).get_content()  # type: ignore[union-attr]
        assert "Insure the harvest" in text_part and "Tariffs will not save" not in text_part
        assert site.url("/climate") in text_part  # the URL is the provenance link


def test_a_dry_run_leaves_the_web_cache_alone(tmp_path: Path) -> None:
    """A preview reads the state file but records nothing: the real run after it still gets
    the feed (200, not 304) and mails its entry."""
    from policybrief.mailing.state import State

    with Site() as site, SmtpServer() as server:
        trade = entry(
            site, "trade", "Tariffs will not save carmakers", TRADE, "Thu, 14 Mar 2024 08:00:00 GMT"
        )
        site.add("/feed.xml", rss([trade]), content_type="application/rss+xml", etag='"v1"')
        config_path = write_config(tmp_path, server.port, to=("a@example.org",))
        config_path.write_text(config_path.read_text().replace(
            'sources = ["articles/"]', f'sources = ["{site.url("/feed.xml")}"]'))
        config = load(config_path)
        assert config.state is not None
        State.open(config.state).close()  # a state file that exists, as after earlier runs

        previews = mailing.dry_run(config, tmp_path / "preview", now=NOW)
        assert len(previews) == 1
        run = mailing.run(config, now=NOW, sleep=lambda _: None)
        assert run.exit_code == 0 and run.new_articles == 1
        assert site.statuses("/feed.xml") == {200: 2}
        assert len(subjects(server)) == 1
