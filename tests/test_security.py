"""Hostile and odd web sources: the fetch policy, the bounds of a run's web work, and XML.

Real HTTP servers on 127.0.0.1 (the user's feed) and 127.0.0.2 (another, internal host).
No test here opens a connection outside 127.0.0.0/8: the refusal of other addresses is
tested on the address check itself (``policy.check`` with a resolver that answers without
the network), before any socket is opened.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policybrief.cli import app
from policybrief.errors import IngestError, IngestWarning
from policybrief.ingest import WebSession, policy, read_all
from policybrief.ingest.source import Source
from test_web import DEFENCE, TRADE, WATER, article_html, full, rss
from web_server import Site

TEASER = "Across the Sahel, farmers now plan their planting around…"


@pytest.fixture(autouse=True)
def fast_http(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for key, value in {"TIMEOUT": "2", "CONNECT_TIMEOUT": "1", "RETRIES": "2", "BACKOFF": "0.01",
                       "DELAY": "0"}.items():
        monkeypatch.setenv(f"POLICYBRIEF_HTTP_{key}", value)
    monkeypatch.delenv("POLICYBRIEF_ALLOW_HOSTS", raising=False)
    for proxy in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(proxy, raising=False)
    yield


@pytest.fixture
def site() -> Iterator[Site]:
    with Site() as running:
        yield running


@pytest.fixture
def internal() -> Iterator[Site]:
    """Another host, standing for an internal service (an admin page, the metadata API)."""
    try:
        running = Site("127.0.0.2")
    except OSError as exc:  # pragma: no cover - a loopback without 127.0.0.2
        pytest.skip(f"cannot listen on 127.0.0.2: {exc}")
    with running:
        running.add("/secret", article_html("Internal Admin Console", WATER))
        running.add("/feed.xml", rss([{"title": "Internal", "link": running.url("/secret"),
                                       "content": full(TRADE)}]),
                    content_type="application/rss+xml")
        yield running


def brief(*args: str) -> tuple[int, list[dict[str, object]], str]:
    result = CliRunner().invoke(app, ["brief", *args, "--out", "-", "--format", "json", "-j", "1"])
    data = json.loads(result.stdout) if result.stdout.strip() else []
    return result.exit_code, data, result.stderr


# --- the address check ----------------------------------------------------------------------

def answers(*addresses: str) -> policy.Resolver:
    return lambda host, port: list(addresses)


@pytest.mark.parametrize("address, rule", [
    ("127.0.0.1", "loopback"),
    ("169.254.169.254", "link-local"),  # the cloud metadata service
    ("10.1.2.3", "private"),
    ("192.168.0.10", "private"),
    ("172.16.5.4", "private"),
    ("100.64.0.1", "not public"),
    ("224.0.0.1", "multicast"),
    ("0.0.0.0", "unspecified"),
    ("240.0.0.1", "reserved"),
    ("::1", "loopback"),
    ("fe80::1", "link-local"),
    ("fc00::1", "private"),
    ("ff02::1", "multicast"),
    ("::ffff:127.0.0.1", "loopback"),  # IPv4-mapped: judged as the IPv4 it maps
    ("::ffff:169.254.169.254", "link-local"),
])
def test_internal_addresses_are_refused_before_any_connection(address: str, rule: str) -> None:
    with pytest.raises(IngestWarning, match=f"is a {rule} address") as caught:
        policy.check("http://feeds.example.org/x", frozenset(), policy.Allowed(), answers(address))
    assert "POLICYBRIEF_ALLOW_HOSTS" in str(caught.value)
    literal = f"[{address}]" if ":" in address else address
    with pytest.raises(IngestWarning):
        policy.check(f"http://{literal}/x", frozenset(), policy.Allowed(), answers())


def test_one_internal_answer_is_enough_to_refuse() -> None:
    with pytest.raises(IngestWarning, match="private"):
        policy.check("http://mixed.example.org/", frozenset(), policy.Allowed(),
                     answers("93.184.216.34", "10.0.0.5"))


def test_public_hosts_trusted_hosts_and_allowed_hosts_pass() -> None:
    target = policy.check("https://news.example.org:8443/a", frozenset(), policy.Allowed(),
                          answers("93.184.216.34"))
    assert (target.host, target.port, target.address) == ("news.example.org", 8443, "93.184.216.34")
    assert policy.check("http://intranet/", frozenset({"intranet"}), policy.Allowed(),
                        answers("10.0.0.7")).address == "10.0.0.7"
    allowed = policy.Allowed.parse(["wiki.corp", "10.9.0.0/16", "[::1]"])
    assert policy.check("http://wiki.corp/", frozenset(), allowed, answers("10.0.0.1")).host == "wiki.corp"
    assert policy.check("http://docs.corp/", frozenset(), allowed, answers("10.9.3.4")).address == "10.9.3.4"
    assert policy.check("http://[::1]:81/", frozenset(), allowed, answers()).address == "::1"
    with pytest.raises(IngestError, match="not a host name"):
        policy.Allowed.parse(["http://x/"])


# --- links the user did not give -------------------------------------------------------------

def test_a_feed_entry_link_to_another_internal_host_is_refused(site: Site, internal: Site) -> None:
    feed = site.add("/feed.xml", rss([
        {"title": "Forecasts Beat Dams", "link": internal.url("/secret"), "summary": TEASER},
        {"title": "Why Europe Must Fund Its Own Defence", "link": site.url("/d"),
         "content": full(DEFENCE)},
    ]), content_type="application/rss+xml")
    code, data, stderr = brief(feed)
    assert code == 0, stderr  # a refusal is a warning; the entry keeps its feed summary
    assert internal.count("/secret") == 0  # nothing was asked of the internal host
    assert f"{internal.url('/secret')}: refused: 127.0.0.2 is a loopback address" in stderr
    assert "Internal Admin Console" not in json.dumps(data)
    assert "Why Europe Must Fund Its Own Defence" in [d["title"] for d in data]


def test_links_to_the_host_the_user_gave_are_allowed(site: Site) -> None:
    site.add("/p", article_html("Forecasts Beat Dams", WATER))
    feed = site.add("/feed.xml", rss([{"title": "Forecasts", "link": site.url("/p"),
                                       "summary": TEASER}]), content_type="application/rss+xml")
    code, data, stderr = brief(feed)
    assert code == 0, stderr
    assert site.count("/p") == 1 and data[0]["title"] == "Forecasts"
    assert "refused" not in stderr


def test_a_redirect_to_an_internal_host_is_refused(site: Site, internal: Site) -> None:
    hop = site.add("/go", status=302, headers={"Location": internal.url("/secret")})
    good = site.add("/good", article_html("Why Europe Must Fund Its Own Defence", DEFENCE))
    code, data, stderr = brief(hop, good)
    assert internal.count("/secret") == 0
    assert "refused: 127.0.0.2 is a loopback address" in stderr
    assert [d["title"] for d in data] == ["Why Europe Must Fund Its Own Defence"]
    assert code == 0  # a refusal is a warning: the run goes on


def test_an_opml_entry_on_an_internal_host_is_refused_unless_allowed(
        internal: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opml = tmp_path / "follow.opml"
    opml.write_text(f'<?xml version="1.0"?><opml version="2.0"><body>'
                    f'<outline type="rss" text="Internal" xmlUrl="{internal.url("/feed.xml")}"/>'
                    "</body></opml>", encoding="utf-8")
    items = list(read_all([str(opml)]))
    assert internal.count("/feed.xml") == 0
    assert [type(i).__name__ for i in items] == ["IngestWarning"]
    monkeypatch.setenv("POLICYBRIEF_ALLOW_HOSTS", "127.0.0.2")
    items = list(read_all([str(opml)]))
    assert [i.title for i in items if isinstance(i, Source)] == ["Internal"]


def test_requests_go_to_the_address_that_was_checked(site: Site) -> None:
    """No second DNS look-up: a name only our resolver knows still reaches the checked address,
    with the name in the Host header."""
    port = site.server.server_address[1]
    site.add("/a", article_html("Why Europe Must Fund Its Own Defence", DEFENCE))
    from policybrief.ingest.http import Fetcher
    from policybrief.ingest.settings import Settings

    settings = Settings(delay=0, allowed=policy.Allowed.parse(["news.invalid"]))
    with Fetcher(settings, 1 << 20, WebSession(), resolve=answers("127.0.0.1")) as fetcher:
        page = fetcher.get(f"http://news.invalid:{port}/a")
    assert page.status == 200 and b"Fund Its Own Defence" in page.body
    assert site.hits[-1].headers["host"] == f"news.invalid:{port}"


# --- bounds -----------------------------------------------------------------------------------

def teaser_feed(site: Site, count: int) -> str:
    items = []
    for n in range(count):
        site.add(f"/p{n}", article_html(f"Story {n}", WATER))
        day = 1 + n % 28
        items.append({"title": f"Story {n}", "link": site.url(f"/p{n}"), "summary": TEASER,
                      "date": f"{['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][n % 7]}, "
                              f"{day:02d} {['Jan', 'Feb', 'Mar'][n // 28 % 3]} 2024 08:00:00 GMT"})
    return site.add("/many.xml", rss(items), content_type="application/rss+xml")


def test_a_feed_gives_its_newest_entries_only(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICYBRIEF_HTTP_MAX_ENTRIES", "5")
    feed = teaser_feed(site, 40)
    items = list(read_all([feed]))
    warnings = [i for i in items if isinstance(i, IngestWarning)]
    assert len(warnings) == 1 and "read the newest 5" in str(warnings[0])
    assert "POLICYBRIEF_HTTP_MAX_ENTRIES" in str(warnings[0])
    assert sum(isinstance(i, Source) for i in items) == 5
    assert sum(site.count(f"/p{n}") for n in range(40)) == 5


def test_the_page_budget_and_the_deadline_stop_web_work(
        site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICYBRIEF_HTTP_MAX_PAGES", "3")
    feed = teaser_feed(site, 10)
    code, data, stderr = brief(feed)
    assert sum(site.count(f"/p{n}") for n in range(10)) == 2  # the feed was the first request
    assert "page budget (3 requests) is spent" in stderr and "web.max_pages" in stderr
    assert len(data) == 10  # the rest keep their feed summaries, marked as excerpts
    monkeypatch.setenv("POLICYBRIEF_HTTP_MAX_PAGES", "500")
    monkeypatch.setenv("POLICYBRIEF_HTTP_DEADLINE", "0")
    code, data, stderr = brief(feed)
    assert "time for web work (0 s) is up" in stderr and data == []
    assert code == 1 and "no articles found" in stderr


def test_a_dead_host_fails_fast_and_once(site: Site) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        dead_port = probe.getsockname()[1]
    dead = [f"http://127.0.0.1:{dead_port}/p{n}" for n in range(3)]
    started = time.monotonic()
    session = WebSession()
    items = [i for url in dead for i in read_all([url], session=session)]
    assert time.monotonic() - started < 1.0  # no backoff retries on a refused connection
    assert "cannot connect" in str(items[0])
    assert all("could not be reached earlier in this run" in str(i) for i in items[1:])


def test_feeds_of_different_hosts_are_fetched_at_once(
        site: Site, internal: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICYBRIEF_ALLOW_HOSTS", "127.0.0.1 127.0.0.2")
    spans: list[tuple[float, float]] = []
    lock = threading.Lock()

    def slow(feed: str) -> object:
        def handler(request: BaseHTTPRequestHandler, _: Site) -> None:
            start = time.monotonic()
            time.sleep(0.4)
            body = feed.encode()
            request.send_response(200)
            request.send_header("Content-Type", "application/rss+xml")
            request.send_header("Content-Length", str(len(body)))
            request.end_headers()
            request.wfile.write(body)
            with lock:
                spans.append((start, time.monotonic()))
        return handler

    one = site.add("/slow.xml", handler=slow(rss([{"title": "One", "link": site.url("/x"),
                                                    "content": full(DEFENCE)}])))
    two = internal.add("/slow.xml", handler=slow(rss([{"title": "Two", "link": internal.url("/y"),
                                                        "content": full(TRADE)}])))
    opml = tmp_path / "two.opml"
    opml.write_text(f'<opml version="2.0"><body><outline xmlUrl="{one}"/><outline xmlUrl="{two}"/>'
                    "</body></opml>", encoding="utf-8")
    titles = [i.title for i in read_all([str(opml)]) if isinstance(i, Source)]
    assert titles == ["One", "Two"]  # in the list's order
    (_, a_end), (b_start, _) = sorted(spans)
    assert b_start < a_end  # the two hosts were asked at the same time


# --- XML --------------------------------------------------------------------------------------

LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<rss version="2.0"><channel><title>Laughs</title>
<item><title>&lol3;</title><link>http://127.0.0.1/x</link>
<description>Governments should fund weather data. &lol3; Donors must commit for a decade.</description>
</item></channel></rss>
"""


def test_a_feed_with_a_dtd_is_refused_and_never_read_as_text(site: Site, tmp_path: Path) -> None:
    url = site.add("/laughs.xml", LAUGHS, content_type="application/rss+xml")
    local = tmp_path / "laughs.rss"
    local.write_text(LAUGHS, encoding="utf-8")
    for source in (url, str(local)):
        code, data, stderr = brief(source)
        assert code == 1 and data == []
        assert "declares a DTD or entities" in stderr
        assert "DOCTYPE" not in stderr and "lollol" not in stderr


def test_an_opml_list_with_entities_is_refused(tmp_path: Path) -> None:
    opml = tmp_path / "laughs.opml"
    opml.write_text('<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "http://127.0.0.2/f">]>'
                    '<opml version="2.0"><body><outline xmlUrl="&a;"/></body></opml>',
                    encoding="utf-8")
    [item] = list(read_all([str(opml)]))
    assert isinstance(item, IngestError) and "declares a DTD or entities" in str(item)


def test_a_json_feed_is_read_as_a_feed(site: Site) -> None:
    site.add("/d", article_html("Why Europe Must Fund Its Own Defence", DEFENCE))
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Policy Review",
        "items": [
            {"id": "1", "url": site.url("/t"), "title": "Tariffs Are the Wrong Tool",
             "content_html": full(TRADE), "date_published": "2024-03-14T08:00:00Z",
             "authors": [{"name": "Ana Ruiz"}], "tags": ["Opinion", 7, "Trade"]},
            {"id": "2", "url": site.url("/d"), "title": "Defence", "summary": TEASER},
        ],
    }
    url = site.add("/feed.json", json.dumps(feed), content_type="application/feed+json")
    items = list(read_all([url]))
    read = [i for i in items if isinstance(i, Source)]
    assert (read[0].title, read[0].author, read[0].date, read[0].site) == (
        "Tariffs Are the Wrong Tool", "Ana Ruiz", "2024-03-14", "Policy Review")
    assert read[0].sections == ("Opinion", "Trade")  # its tags; a tag that is no string is left out
    assert read[1].title == "Defence" and "Fund Its Own Defence" not in read[1].text
    assert site.count("/d") == 1  # a teaser item: its page was read
    assert "{" not in items[0].text  # type: ignore[union-attr]


def test_a_page_nested_deeper_than_the_parser_reads(tmp_path: Path) -> None:
    prose = "".join(f"<p>{p}</p>" for p in WATER)
    deep = tmp_path / "deep.html"
    deep.write_text("<html><head><title>Forecasts Beat Dams</title></head><body>"
                    + "<div>" * 100_000 + prose + "</div>" * 100_000 + "</body></html>")
    code, data, stderr = brief(str(deep))
    assert code == 0, stderr  # read again without the layout containers
    assert data[0]["title"] == "Forecasts Beat Dams"
    tables = tmp_path / "tables.html"
    tables.write_text("<html><body>" + "<table><tr><td>" * 1000 + prose
                      + "</td></tr></table>" * 1000 + "</body></html>")
    code, data, stderr = brief(str(tables))
    assert code == 1 and "nested more than 255 elements deep" in stderr


# --- files ------------------------------------------------------------------------------------

def test_symlink_loops_and_broken_links_are_one_warning_each(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("The council will vote on Monday. The budget is due in May.\n")
    (folder / "sub" / "b.txt").write_text("Ports are automating fast. Unions want retraining.\n")
    (folder / "loop.txt").symlink_to("loop.txt")  # a link to itself
    (folder / "gone.md").symlink_to(tmp_path / "nowhere.md")
    (folder / "sub" / "up").symlink_to(folder)  # a folder loop: never followed
    (folder / "notes.bin").symlink_to("notes.bin")  # not an article file: not even looked at
    code, data, stderr = brief(str(folder))
    assert code == 0, stderr
    assert len(data) == 2 and "Traceback" not in stderr
    lines = [line for line in stderr.splitlines() if "warning" in line]
    assert len(lines) == 2
    assert any("loop.txt: skipped: Too many levels of symbolic links" in line for line in lines)
    assert any("gone.md: skipped: is a symbolic link that leads nowhere" in line for line in lines)
    code, data, stderr = brief(str(folder / "loop.txt"))
    assert code == 1 and "leads nowhere" in stderr and "Traceback" not in stderr


def test_a_name_only_a_proxy_resolves_is_fetched_unpinned_when_the_user_gave_it() -> None:
    def nowhere(host: str, port: int) -> list[str]:
        raise socket.gaierror(-2, "Name or service not known")

    given = policy.check("http://intranet.corp/feed", frozenset({"intranet.corp"}),
                         policy.Allowed(), nowhere)
    assert given.address == "intranet.corp"  # left to the proxy (or to fail as before)
    with pytest.raises(IngestError, match="cannot resolve"):
        policy.check("http://elsewhere.corp/x", frozenset(), policy.Allowed(), nowhere)
