"""Web ingest against a real HTTP server on 127.0.0.1: pages, feeds, OPML, state, failures.

Every test talks to ``web_server.Site`` (http.server in a thread, random loopback port);
nothing here reaches the internet. Timeouts, retries, backoff and the per-host delay are
set short through the POLICYBRIEF_HTTP_* variables so the whole file runs in seconds.
"""

from __future__ import annotations

import json
import socket
import sqlite3
import time
from collections import Counter
from collections.abc import Iterator
from html import escape
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from policybrief.cli import app
from policybrief.errors import IngestError
from policybrief.ingest import Source, WebSession, pages, read_all, web
from policybrief.mailing.state import MIGRATIONS, SCHEMA_VERSION, State
from policybrief.mailing.webcache import StateWebCache
from policybrief.models import PolicyBrief
from policybrief.pipeline import Failure, Options, build_briefs
from web_server import Site, http_date

DEFENCE = (
    "European governments have spent three decades assuming that someone else would pay "
    "for their security. That assumption no longer holds, and the bill is arriving faster "
    "than most finance ministers expected.",
    "The war in Ukraine has shown how quickly stockpiles of artillery shells can be "
    "exhausted. Germany, France and Poland have all announced new procurement programmes, "
    "but deliveries remain years away.",
    "The European Union should create a common defence fund financed by joint borrowing. "
    "Such a fund would let smaller member states buy equipment at the same prices as the "
    "largest ones.",
    "Critics argue that joint debt undermines fiscal discipline. Yet the alternative, a "
    "patchwork of national programmes, wastes money on duplicated research and incompatible "
    "systems.",
    "Brussels must act before the next budget cycle begins. Waiting another five years would "
    "leave the continent exposed at precisely the moment its allies are looking elsewhere.",
)
WATER = (
    "Across the Sahel, farmers now plan their planting around forecasts that arrive by text "
    "message. The service costs governments little, yet it has changed how millions of "
    "households manage risk.",
    "Donors have spent heavily on dams and irrigation schemes that take a decade to build. "
    "Many of those projects have stalled, while cheaper information services have quietly "
    "spread from village to village.",
    "Ministers in Niger and Mali should expand the forecasting networks before the next dry "
    "season. Each weather station costs less than a kilometre of paved road.",
    "The World Bank ought to fund the maintenance of existing stations rather than launching "
    "new pilot projects. A broken station gives no warning at all.",
    "Regional cooperation matters as well. Rain does not respect borders, and neither should "
    "the data that helps farmers prepare for it.",
)
TRADE = (
    "The latest round of tariffs on electric vehicles has been sold as a defence of "
    "domestic industry. In practice it will raise prices for consumers who are already "
    "hesitant to switch away from petrol cars.",
    "Carmakers in Germany and Japan depend on supply chains that run through China. "
    "Blocking finished vehicles does little to change that dependence, and it invites "
    "retaliation against exporters.",
    "Washington should negotiate common standards for batteries with its allies instead. "
    "Shared rules on safety and recycling would reward quality rather than geography.",
    "Industrial policy can work when it is patient and predictable. Tariffs announced in "
    "an election year are neither, and investors know it.",
    "Congress must insist on a review of the measures within two years. Without one, "
    "temporary protection has a habit of becoming permanent.",
)


def article_html(title: str, paragraphs: tuple[str, ...], *, author: str | None = None,
                 date: str | None = "2024-03-14T08:00:00Z", canonical: str | None = None,
                 site_name: str = "The Policy Review", lang: str = "en", charset: str = "utf-8",
                 extra_head: str = "", extra_body: str = "") -> str:
    """A realistic article page: head metadata, navigation, <article> with a byline, footer."""
    head = [f'<meta charset="{charset}">', f"<title>{escape(title)} | {site_name}</title>",
            f'<meta property="og:title" content="{escape(title)}">',
            f'<meta property="og:site_name" content="{site_name}">']
    if author:
        head.append(f'<meta name="author" content="{escape(author)}">')
    if date:
        head.append(f'<meta property="article:published_time" content="{date}">')
    if canonical:
        head.append(f'<link rel="canonical" href="{canonical}">')
    byline = f'<p class="byline">By {escape(author)}</p>' if author else ""
    body = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
{chr(10).join(head)}
{extra_head}
</head>
<body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/opinion">Opinion</a></nav>
</header>
<main>
<article>
<h1>{escape(title)}</h1>
{byline}
{body}
{extra_body}
</article>
</main>
<footer><p>© 2024 {site_name}. All rights reserved.</p></footer>
</body>
</html>
"""


def rss(items: list[dict[str, str]], title: str = "Policy Review: Opinion") -> str:
    parts = []
    for item in items:
        fields = [f"<title>{escape(item['title'])}</title>"]
        if "link" in item:
            fields.append(f"<link>{item['link']}</link><guid>{item['link']}</guid>")
        if "date" in item:
            fields.append(f"<pubDate>{item['date']}</pubDate>")
        if "author" in item:
            fields.append(f"<dc:creator>{escape(item['author'])}</dc:creator>")
        if "summary" in item:
            fields.append(f"<description>{escape(item['summary'])}</description>")
        if "content" in item:
            fields.append(f"<content:encoded><![CDATA[{item['content']}]]></content:encoded>")
        for category in item.get("categories", "").split("|") if item.get("categories") else ():
            fields.append(f"<category>{escape(category)}</category>")
        parts.append("<item>" + "".join(fields) + "</item>")
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>{escape(title)}</title>
<link>http://127.0.0.1/</link>
<description>Opinion and analysis</description>
<language>en-gb</language>
{chr(10).join(parts)}
</channel>
</rss>
"""


def atom(entries: list[dict[str, str]]) -> str:
    parts = []
    for entry in entries:
        parts.append(f"""<entry>
<title>{escape(entry['title'])}</title>
<link rel="alternate" href="{entry['link']}"/>
<id>{entry['link']}</id>
<updated>{entry['date']}</updated>
<author><name>{escape(entry['author'])}</name></author>
<summary>{escape(entry['summary'])}</summary>
</entry>""")
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Development Weekly</title>
<id>urn:example:development-weekly</id>
<updated>2024-03-20T00:00:00Z</updated>
{chr(10).join(parts)}
</feed>
"""


def full(paragraphs: tuple[str, ...]) -> str:
    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs)


@pytest.fixture(autouse=True)
def fast_http(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    settings = {"TIMEOUT": "0.4", "CONNECT_TIMEOUT": "0.4", "RETRIES": "2", "BACKOFF": "0.01",
                "MAX_BACKOFF": "0.05", "DELAY": "0", "MAX_REDIRECTS": "4"}
    for key, value in settings.items():
        monkeypatch.setenv(f"POLICYBRIEF_HTTP_{key}", value)
    # the site runs on loopback, which the fetch policy refuses for URLs found in a feed or
    # an OPML list; these tests are about reading, tests/test_security.py about refusing
    monkeypatch.setenv("POLICYBRIEF_ALLOW_HOSTS", "127.0.0.1")
    for proxy in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):  # loopback is reached directly
        monkeypatch.delenv(proxy, raising=False)
        monkeypatch.delenv(proxy.lower(), raising=False)
    new_run()
    yield
    new_run()


# One WebSession a simulated run (as the mail cycle makes one a cycle), over the state file
# named, if any: ``new_run()`` starts the next run.
_sessions: dict[str, WebSession] = {}
_states: list[State] = []


def new_run() -> None:
    _sessions.clear()
    while _states:
        _states.pop().close()


def session_for(state: str | Path | None) -> WebSession:
    key = str(state or "")
    if key not in _sessions:
        cache = None
        if state:
            _states.append(State.open(Path(state)))
            cache = StateWebCache(_states[-1])
        _sessions[key] = WebSession(cache)
    return _sessions[key]


@pytest.fixture
def site() -> Iterator[Site]:
    with Site() as running:
        yield running


@pytest.fixture
def extractions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Counts trafilatura calls: a 304 must not reach extraction."""
    calls: list[str] = []
    real = pages.trafilatura.bare_extraction

    def spy(html: str, *args: object, **kwargs: object) -> object:
        calls.append(str(kwargs.get("url")))
        return real(html, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pages.trafilatura, "bare_extraction", spy)
    return calls


def sources(name: str, http_cache: str | Path | None = None) -> list[Source | IngestError]:
    return list(web.read(name, max_bytes=10 * 1024 * 1024, session=session_for(http_cache)))


def titles(items: list[Source | IngestError]) -> list[str | None]:
    return [s.title if isinstance(s, Source) else str(s) for s in items]


def briefs(paths: list[str], state: Path | None = None) -> list[PolicyBrief | Failure]:
    return list(build_briefs(paths, Options(workers=1), session=session_for(state)))


def brief_json(runner: CliRunner, *args: str) -> tuple[int, list[dict[str, Any]], str]:
    result = runner.invoke(app, ["brief", *args, "--out", "-", "--format", "json", "-j", "1"])
    data = json.loads(result.stdout) if result.stdout.strip() else []
    return result.exit_code, data, result.stderr


# --- pages ----------------------------------------------------------------------------------

def test_page_metadata_reaches_the_json_brief(site: Site, runner: CliRunner) -> None:
    canonical = site.url("/2024/03/europe-defence")
    url = site.add("/opinion/europe-defence",
                   article_html("Why Europe Must Fund Its Own Defence", DEFENCE,
                                author="Maria Lindqvist", canonical=canonical))
    code, data, stderr = brief_json(runner, url)
    assert code == 0, stderr
    [brief] = data
    assert brief["title"] == "Why Europe Must Fund Its Own Defence"
    assert brief["author"] == "Maria Lindqvist"
    assert brief["date"] == "2024-03-14"
    assert brief["url"] == canonical
    assert brief["site"] == "The Policy Review"
    assert brief["sources"] == [canonical]
    assert brief["excerpt"] is False
    text = " ".join(DEFENCE)
    assert brief["bottom_line"] in text
    assert brief["key_points"] and all(p["text"] in text for p in brief["key_points"])
    assert "By Maria" not in json.dumps(brief)  # the byline is metadata, not a paragraph
    assert "© 2024" not in json.dumps(brief)  # boilerplate left out


# A column written like a report: only the publisher's metadata says it is opinion.
COLUMN = (
    "The city council voted on Monday to extend heating subsidies for another year, officials "
    "said. The package costs 12 million euros and covers 40,000 households.",
    "The mayor told reporters that the vote was close. Eleven councillors backed the package "
    "and nine opposed it, according to the official record.",
    "An audit found that a fifth of the money went to households above the income limit, "
    "the auditors said. Landlord groups welcomed the extension.",
    "Tenant groups said the subsidies did not reach the coldest flats, and announced a "
    "protest for next week.",
)


def test_the_publishers_section_tells_the_genre(site: Site, runner: CliRunner) -> None:
    meta = site.add("/2024/heating", article_html(
        "Heating Subsidies Extended", COLUMN,
        extra_head='<meta property="article:section" content="Opinion">'))
    ld = site.add("/2024/heating-ld", article_html(
        "Heating Subsidies Extended", COLUMN, extra_head=(
            '<script type="application/ld+json">{"@context": "https://schema.org", "@type": '
            '"NewsArticle", "headline": "Heating Subsidies Extended", "articleSection": '
            '["Commentary", "Politics"]}</script>')))
    news = site.add("/2024/heating-news", article_html(
        "Heating Subsidies Extended", COLUMN,
        extra_head='<meta property="article:section" content="Politics">'))
    code, data, stderr = brief_json(runner, meta, ld, news)
    assert code == 0, stderr
    assert [b["genre"] for b in data] == ["opinion", "opinion", "news"]
    feed = site.add("/feed.rss", rss([
        {"title": "Heating Subsidies Extended", "link": site.url("/c/one"),
         "content": full(COLUMN), "categories": "Politics|Opinion"},
        {"title": "Heating Subsidies Extended", "link": site.url("/c/two"),
         "content": full(COLUMN), "categories": "Politics"},
    ]), content_type="application/rss+xml")
    one, two = sources(feed)
    assert isinstance(one, Source) and isinstance(two, Source)
    assert (one.sections, two.sections) == (("Politics", "Opinion"), ("Politics",))
    code, data, stderr = brief_json(runner, feed)
    assert code == 0, stderr
    assert [b["genre"] for b in data] == ["opinion", "news"]


def test_markdown_brief_links_to_the_page(site: Site, runner: CliRunner, tmp_path: Path) -> None:
    url = site.add("/water", article_html("Forecasts Beat Dams", WATER, author="Amina Diallo"))
    result = runner.invoke(app, ["brief", url, "--out", "-", "-j", "1"])
    assert result.exit_code == 0, result.stderr
    assert "Forecasts Beat Dams" in result.stdout
    assert url in result.stdout
    assert "Amina Diallo" in result.stdout


def test_page_metadata_reaches_the_digest(site: Site, runner: CliRunner) -> None:
    one = site.add("/defence", article_html("Why Europe Must Fund Its Own Defence", DEFENCE,
                                            author="Maria Lindqvist"))
    two = site.add("/trade", article_html("Tariffs Are the Wrong Tool", TRADE,
                                          author="Daniel Okafor", date="2024-03-12"))
    result = runner.invoke(app, ["digest", one, two, "--format", "json", "-j", "1"])
    assert result.exit_code == 0, result.stderr
    for expected in ("Why Europe Must Fund Its Own Defence", "Maria Lindqvist", one,
                     "Tariffs Are the Wrong Tool", "Daniel Okafor", two, "2024-03-12"):
        assert expected in result.stdout
    markdown = runner.invoke(app, ["digest", one, two, "--format", "md", "-j", "1"])
    assert markdown.exit_code == 0, markdown.stderr
    assert one in markdown.stdout and "Maria Lindqvist" in markdown.stdout


def test_saved_html_file_is_read_with_its_canonical_url(tmp_path: Path, runner: CliRunner
                                                        ) -> None:
    page = tmp_path / "saved page.html"
    page.write_text(article_html("Tariffs Are the Wrong Tool", TRADE, author="Daniel Okafor",
                                 canonical="https://news.example/tariffs", date="2024-03-12"),
                    encoding="utf-8")
    code, data, stderr = brief_json(runner, str(page))
    assert code == 0, stderr
    [brief] = data
    assert (brief["title"], brief["author"], brief["date"]) == (
        "Tariffs Are the Wrong Tool", "Daniel Okafor", "2024-03-12")
    assert brief["url"] == "https://news.example/tariffs"
    assert brief["source"] == str(page)


def test_language_comes_from_the_page(site: Site) -> None:
    url = site.add("/fr", article_html("Why Europe Must Fund Its Own Defence", DEFENCE,
                                       lang="fr-FR"))
    [source] = sources(url)
    assert isinstance(source, Source)
    assert source.language == "fr"


def test_paywalled_page_is_an_excerpt_without_the_prompt(site: Site, runner: CliRunner) -> None:
    locked = '<script type="application/ld+json">{"@type": "NewsArticle", ' \
             '"isAccessibleForFree": false}</script>'
    url = site.add("/locked", article_html(
        "Tariffs Are the Wrong Tool", TRADE[:2], author="Daniel Okafor", extra_head=locked,
        extra_body='<div class="paywall"><p>Subscribe to continue reading this article.</p>'
                   "</div>"))
    code, data, stderr = brief_json(runner, url)
    assert code == 0, stderr
    assert data[0]["excerpt"] is True
    assert "Subscribe" not in json.dumps(data)


def test_page_cut_off_mid_sentence_is_an_excerpt(site: Site) -> None:
    cut = (*WATER[:3], "The next step for ministers across the region would be to fund the "
                       "stations that already exist and to train the technicians who keep")
    [source] = sources(site.add("/cut", article_html("Forecasts Beat Dams", cut)))
    assert isinstance(source, Source) and source.excerpt is True
    [whole] = sources(site.add("/whole", article_html("Forecasts Beat Dams", WATER)))
    assert isinstance(whole, Source) and whole.excerpt is False


def test_windows_1252_page_is_decoded_by_its_header_charset(site: Site) -> None:
    paragraphs = (
        "Europe’s leaders say “strategic autonomy” is within reach — but the budgets tell "
        "another story. Spending plans still assume that someone else will pay.",
        *DEFENCE[1:],
    )
    html = article_html("Europe’s “Autonomy” Problem", paragraphs, charset="utf-8")
    url = site.add("/cp1252", html.encode("cp1252"), content_type="text/html; charset=windows-1252")
    [source] = sources(url)
    assert isinstance(source, Source), source
    assert source.title == "Europe’s “Autonomy” Problem"
    assert "Europe’s leaders say “strategic autonomy” is within reach — but" in source.text
    assert "\ufffd" not in source.text


def test_a_plain_text_page_s_character_references_are_decoded(site: Site) -> None:
    """As in a local .txt file: a reference a scraper left in plain text means its character."""
    url = site.add("/note.txt", "Pel&#233; scored twice in S&#227;o Paulo. R&D stays.",
                   content_type="text/plain; charset=utf-8")
    [source] = sources(url)
    assert isinstance(source, Source), source
    assert source.text == "Pelé scored twice in São Paulo. R&D stays."


def test_meta_charset_is_used_when_the_header_has_none(site: Site) -> None:
    html = article_html("Café Policy", (f"Le café coûte cher. {DEFENCE[0]}", *DEFENCE[1:]),
                        charset="iso-8859-1")
    [source] = sources(site.add("/latin", html.encode("latin-1"), content_type="text/html"))
    assert isinstance(source, Source) and "Le café coûte cher." in source.text


# --- feeds ----------------------------------------------------------------------------------

def test_rss_with_full_content_needs_no_page_fetch(site: Site) -> None:
    feed = rss([
        {"title": "Why Europe Must Fund Its Own Defence", "link": site.url("/a/defence"),
         "date": "Thu, 14 Mar 2024 08:00:00 GMT", "author": "Maria Lindqvist",
         "summary": DEFENCE[0], "content": full(DEFENCE)},
        {"title": "Tariffs Are the Wrong Tool", "link": site.url("/a/trade"),
         "date": "Tue, 12 Mar 2024 10:30:00 GMT", "author": "Daniel Okafor",
         "content": full(TRADE)},
    ])
    url = site.add("/feed.rss", feed, content_type="application/rss+xml")
    found = sources(url)
    assert [type(s).__name__ for s in found] == ["Source", "Source"]
    first, second = found
    assert isinstance(first, Source) and isinstance(second, Source)
    assert (first.title, first.author, first.date, first.url, first.site, first.language) == (
        "Why Europe Must Fund Its Own Defence", "Maria Lindqvist", "2024-03-14",
        site.url("/a/defence"), "Policy Review: Opinion", "en")
    assert first.whole and not first.excerpt
    assert first.warning is None and second.warning is None
    assert first.text.split("\n\n") == list(DEFENCE)
    assert second.url == site.url("/a/trade") and second.date == "2024-03-12"
    assert site.count("/a/defence") == site.count("/a/trade") == 0


def test_teaser_entries_are_replaced_by_their_linked_pages(site: Site) -> None:
    page = site.add("/articles/forecasts", article_html(
        "Forecasts Beat Dams | Development Weekly", WATER, author="Amina Diallo",
        canonical=site.url("/articles/forecasts-beat-dams")))
    feed = atom([
        {"title": "Forecasts Beat Dams", "link": page, "date": "2024-03-18T09:00:00Z",
         "author": "Amina Diallo",
         "summary": "Across the Sahel, farmers now plan their planting around…"},
        {"title": "A Vanished Column", "link": site.url("/articles/gone"),
         "date": "2024-03-17T09:00:00Z", "author": "Lee Park",
         "summary": "Trade ministers meet in Geneva next week to discuss the rules…"},
    ])
    url = site.add("/atom", feed, content_type="application/atom+xml")
    forecasts, gone = sources(url)
    assert isinstance(forecasts, Source) and isinstance(gone, Source)
    assert forecasts.title == "Forecasts Beat Dams"  # the feed's title, without the site
    assert forecasts.author == "Amina Diallo" and forecasts.date == "2024-03-18"
    assert forecasts.url == site.url("/articles/forecasts-beat-dams")
    assert forecasts.text.split("\n\n") == list(WATER)
    assert forecasts.excerpt is False and forecasts.warning is None
    assert site.count("/articles/forecasts") == 1
    # the linked page is missing: the teaser stands in, flagged, with a warning naming it
    assert gone.excerpt is True and gone.text.startswith("Trade ministers meet")
    assert gone.warning and "/articles/gone" in gone.warning and "404" in gone.warning


def test_feed_is_detected_by_content_not_name_or_type(site: Site, tmp_path: Path) -> None:
    feed = rss([{"title": "Forecasts Beat Dams", "link": site.url("/x"),
                 "date": "Mon, 18 Mar 2024 09:00:00 GMT", "content": full(WATER)}])
    mislabelled = site.add("/latest", feed, content_type="text/html; charset=utf-8")
    saved = tmp_path / "feed.html"
    saved.write_text(feed, encoding="utf-8")
    for name in (mislabelled, str(saved)):
        [source] = sources(name)
        assert isinstance(source, Source) and source.title == "Forecasts Beat Dams", name
        assert source.warning is None


def test_opml_lists_feeds(site: Site, tmp_path: Path) -> None:
    one = site.add("/one.xml", rss([{"title": "Why Europe Must Fund Its Own Defence",
                                     "link": site.url("/d"), "content": full(DEFENCE)}]),
                   content_type="application/xml")
    two = site.add("/two.xml", rss([{"title": "Tariffs Are the Wrong Tool",
                                     "link": site.url("/t"), "content": full(TRADE)}]),
                   content_type="application/xml")
    opml = tmp_path / "follow.opml"
    opml.write_text(f"""<?xml version="1.0" encoding="utf-8"?>
<opml version="2.0"><head><title>Feeds I follow</title></head><body>
<outline text="Policy"><outline type="rss" text="One" xmlUrl="{one}"/>
<outline type="rss" text="Two" xmlUrl="{two}"/>
<outline type="rss" text="Gone" xmlUrl="{site.url('/missing.xml')}"/></outline>
</body></opml>
""", encoding="utf-8")
    found = list(read_all([str(opml)]))
    titles = [s.title for s in found if isinstance(s, Source)]
    assert titles == ["Why Europe Must Fund Its Own Defence", "Tariffs Are the Wrong Tool"]
    [error] = [e for e in found if isinstance(e, IngestError)]
    assert "/missing.xml" in str(error) and "404" in str(error)


def test_an_unchanged_opml_list_still_has_its_feeds_read(site: Site, tmp_path: Path) -> None:
    state = str(tmp_path / "state.db")
    entry = {"title": "Tariffs Are the Wrong Tool", "link": site.url("/t"),
             "date": "Tue, 12 Mar 2024 10:30:00 GMT", "content": full(TRADE)}
    feed = site.add("/news.xml", rss([entry]), content_type="application/rss+xml")
    opml = site.add("/follow.opml", f'<opml version="2.0"><body><outline xmlUrl="{feed}"/>'
                                    "</body></opml>", content_type="text/x-opml", etag='"o"')
    assert titles(sources(opml, http_cache=state)) == ["Tariffs Are the Wrong Tool"]
    new_run()
    newer = {"title": "Forecasts Beat Dams", "link": site.url("/w"),
             "date": "Wed, 13 Mar 2024 10:30:00 GMT", "content": full(WATER)}
    site.add("/news.xml", rss([newer, entry]), content_type="application/rss+xml")
    assert titles(sources(opml, http_cache=state)) == ["Forecasts Beat Dams"]
    assert site.statuses("/follow.opml") == Counter({200: 2})


def test_feed_passes_on_only_entries_newer_than_the_last_run(site: Site, tmp_path: Path) -> None:
    state = tmp_path / "state.db"

    def item(title: str, slug: str, date: str | None, text: tuple[str, ...]) -> dict[str, str]:
        entry = {"title": title, "link": site.url(f"/e/{slug}"), "content": full(text)}
        if date:
            entry["date"] = date
        return entry

    first = [item("Defence", "defence", "Thu, 14 Mar 2024 08:00:00 GMT", DEFENCE),
             item("Undated", "undated", None, WATER)]
    url = site.add("/feed", rss(first), content_type="application/rss+xml")
    assert titles(sources(url, http_cache=str(state))) == ["Defence", "Undated"]

    new_run()  # the next scheduled run
    second = [item("Trade", "trade", "Sat, 16 Mar 2024 08:00:00 GMT", TRADE),
              *first,
              item("Undated new", "undated-new", None, WATER[::-1]),
              item("Backdated", "backdated", "Thu, 01 Feb 2024 08:00:00 GMT", TRADE[::-1])]
    site.add("/feed", rss(second), content_type="application/rss+xml")
    assert titles(sources(url, http_cache=str(state))) == ["Trade", "Undated new"]

    new_run()
    assert sources(url, http_cache=str(state)) == []  # nothing new
    assert titles(sources(url)) == [  # without a state file: every entry
        "Trade", "Defence", "Undated", "Undated new", "Backdated"]


def test_not_well_formed_feed_is_read_leniently_with_a_warning(site: Site) -> None:
    feed = rss([{"title": "Tariffs Are the Wrong Tool", "link": site.url("/t?a=1&b=2"),
                 "content": full(TRADE)}]).replace("&amp;b=2", "&b=2")
    [source] = sources(site.add("/sloppy.xml", feed, content_type="application/rss+xml"))
    assert isinstance(source, Source) and source.title == "Tariffs Are the Wrong Tool"
    assert source.warning and "not well-formed" in source.warning


# --- HTTP behaviour -------------------------------------------------------------------------

def test_conditional_get_second_run_gets_304_and_extracts_nothing(
        site: Site, tmp_path: Path, extractions: list[str]) -> None:
    state = tmp_path / "state.db"
    url = site.add("/op-ed", article_html("Why Europe Must Fund Its Own Defence", DEFENCE),
                   etag='"v1"')
    first = briefs([url], state)
    assert [type(b).__name__ for b in first] == ["PolicyBrief"]
    assert len(extractions) == 1

    new_run()  # a new run, as the scheduler makes one
    assert briefs([url], state) == []
    assert site.statuses("/op-ed") == Counter({200: 1, 304: 1})
    assert site.hits[-1].headers["if-none-match"] == '"v1"'
    assert len(extractions) == 1  # no extraction for the unchanged page

    new_run()  # the page changed: read again
    site.add("/op-ed", article_html("Why Europe Must Fund Its Own Defence", DEFENCE[:4]),
             etag='"v2"')
    assert [type(b).__name__ for b in briefs([url], state)] == ["PolicyBrief"]
    assert len(extractions) == 2


def test_conditional_get_by_last_modified_for_a_feed(site: Site, tmp_path: Path) -> None:
    state = tmp_path / "state.db"
    feed = atom([{"title": "Forecasts Beat Dams", "link": site.url("/p"),
                  "date": "2024-03-18T09:00:00Z", "author": "Amina Diallo",
                  "summary": "Across the Sahel, farmers now plan their planting around…"}])
    site.add("/p", article_html("Forecasts Beat Dams", WATER))
    url = site.add("/feed.atom", feed, content_type="application/atom+xml",
                   last_modified=http_date(1_710_000_000))
    assert len(sources(url, http_cache=str(state))) == 1
    new_run()
    assert sources(url, http_cache=str(state)) == []
    assert site.statuses("/feed.atom") == Counter({200: 1, 304: 1})
    assert site.count("/p") == 1  # the linked page is not fetched again either


def test_the_state_file_module_creates_the_web_tables(site: Site, tmp_path: Path) -> None:
    """Every table of the state file comes from its migrations; a file written before the
    web tables joined them (which the web stage then made itself) migrates as it is."""
    state = tmp_path / "state.db"
    with sqlite3.connect(state) as conn:  # schema 1, with the table the web stage added then
        conn.executescript(MIGRATIONS[0])
        conn.execute("PRAGMA user_version = 1")
        conn.execute("CREATE TABLE http_cache (url TEXT PRIMARY KEY, etag TEXT, "
                     "last_modified TEXT, checked_at TEXT NOT NULL)")
        conn.execute("INSERT INTO http_cache VALUES ('http://old/', '\"o\"', NULL, 'then')")
    conn.close()
    url = site.add("/v", article_html("Forecasts Beat Dams", WATER), etag='"w"')
    sources(url, http_cache=str(state))
    new_run()
    with sqlite3.connect(state) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        etags = dict(conn.execute("SELECT url, etag FROM http_cache").fetchall())
    conn.close()
    assert {"runs", "digests", "deliveries", "http_cache", "feed_seen", "feed_entries"} <= tables
    assert version == SCHEMA_VERSION
    assert etags == {"http://old/": '"o"', url: '"w"'}


def test_held_writes_are_dropped_when_the_run_fails(site: Site, tmp_path: Path) -> None:
    state = State.open(tmp_path / "state.db")
    url = site.add("/d", article_html("Forecasts Beat Dams", WATER), etag='"x"')

    def read(session: WebSession) -> list[Source | IngestError]:
        return list(web.read(url, max_bytes=10 * 1024 * 1024, session=session))

    failed = WebSession(StateWebCache(state), hold_writes=True)
    assert len(read(failed)) == 1
    failed.discard()  # the delivery failed
    kept = WebSession(StateWebCache(state), hold_writes=True)
    assert len(read(kept)) == 1  # fetched afresh: nothing was kept
    kept.commit()
    assert read(WebSession(StateWebCache(state))) == []  # kept this time
    state.close()
    assert site.statuses("/d") == Counter({200: 2, 304: 1})


def test_a_page_is_fetched_once_per_run(site: Site) -> None:
    page = site.add("/once", article_html("Forecasts Beat Dams", WATER))
    feed = site.add("/f.xml", rss([{"title": "Forecasts", "link": page,
                                    "summary": "Across the Sahel, farmers now plan…"}]),
                    content_type="application/rss+xml")
    results = briefs([page, page, feed])
    assert [type(r).__name__ for r in results] == ["PolicyBrief"] * 3
    assert site.count("/once") == 1


def test_redirected_page_keeps_its_final_url(site: Site) -> None:
    target = site.add("/2024/03/forecasts", article_html("Forecasts Beat Dams", WATER))
    short = site.add("/s/abc", status=301, headers={"Location": "/2024/03/forecasts"})
    [source] = sources(short)
    assert isinstance(source, Source)
    assert (source.name, source.url) == (short, target)


def test_retries_with_backoff_on_503_and_429(site: Site) -> None:
    tries = Counter[str]()

    def flaky(handler: BaseHTTPRequestHandler, _: Site) -> None:
        tries[handler.path] += 1
        if tries[handler.path] <= 2:
            status = 503 if handler.path == "/flaky" else 429
            handler.send_response(status)
            handler.send_header("Retry-After", "0")
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return
        body = article_html("Forecasts Beat Dams", WATER).encode()
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    for path in ("/flaky", "/busy"):
        url = site.add(path, handler=flaky)
        [source] = sources(url)
        assert isinstance(source, Source), source
        assert tries[path] == 3


def test_polite_delay_between_requests_to_one_host(site: Site,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICYBRIEF_HTTP_DELAY", "0.3")
    one = site.add("/p1", article_html("Forecasts Beat Dams", WATER))
    two = site.add("/p2", article_html("Tariffs Are the Wrong Tool", TRADE))
    assert len(list(read_all([one, two]))) == 2
    first, second = site.hits
    assert second.at - first.at >= 0.28


def test_user_agent_names_policybrief_and_its_version(site: Site) -> None:
    from policybrief import __version__

    sources(site.add("/ua", article_html("Forecasts Beat Dams", WATER)))
    agent = site.hits[0].headers["user-agent"]
    assert agent.startswith(f"policybrief/{__version__} (")


def test_bad_http_settings_are_refused_naming_the_variable(
        site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICYBRIEF_HTTP_TIMEOUT", "soon")
    [error] = sources(site.url("/anything"))
    assert isinstance(error, IngestError) and "POLICYBRIEF_HTTP_TIMEOUT" in str(error)
    assert site.hits == []


# --- the failure table: one line naming the source, the others still read, exit code 3 -----

def sleepy(handler: BaseHTTPRequestHandler, site: Site) -> None:
    site.stop.wait(3)  # longer than the test timeout; woken at teardown


def endless(handler: BaseHTTPRequestHandler, site: Site) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Transfer-Encoding", "chunked")
    handler.end_headers()
    chunk = b"<p>" + b"Filler text for an endless page. " * 2000 + b"</p>"
    frame = f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"
    deadline = time.monotonic() + 10
    while not site.stop.is_set() and time.monotonic() < deadline:
        handler.wfile.write(frame)


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


FAILURES = {
    "404": ("/missing", {"status": 404}, "HTTP 404 Not Found"),
    "500": ("/broken", {"status": 500}, "HTTP 500 Internal Server Error after 3 tries"),
    "timeout": ("/slow", {"handler": sleepy}, "timed out after 0.4 s"),
    "redirect loop": ("/loop", {"status": 302, "headers": {"Location": "/loop2"}},
                      "redirected more than 4 times, in a loop"),
    "pdf": ("/report.pdf", {"body": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n",
                            "content_type": "application/pdf"}, "is application/pdf"),
    "image": ("/chart", {"body": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
                         "content_type": "image/png"}, "is image/png"),
    "too big": ("/huge", {"body": b"<html><body><p>" + b"Long text. " * 120_000 + b"</p>",
                          "content_type": "text/html"}, "larger than the 1 MB limit"),
    "too big, streamed": ("/endless", {"handler": endless}, "larger than the 1 MB limit"),
    "malformed feed": ("/broken.xml", {
        "body": b'<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>'
                b"<item><title>Unclosed <b>markup",
        "content_type": "application/rss+xml"}, "is not a well-formed feed"),
    "no article text": ("/menu", {"body": b"<html><head><title>Home</title></head><body><nav>"
                                          b"<a href='/'>Home</a> <a href='/w'>World</a></nav>"
                                          b"<div><button>Subscribe</button></div></body></html>"},
                        "holds no article text"),
}


@pytest.mark.parametrize("case", list(FAILURES))
def test_failure_is_one_line_naming_the_source_and_others_still_run(
        case: str, site: Site, runner: CliRunner) -> None:
    path, route, expected = FAILURES[case]
    site.add("/loop2", status=302, headers={"Location": "/loop"})
    bad = site.add(path, **route)  # type: ignore[arg-type]
    good = site.add("/good", article_html("Why Europe Must Fund Its Own Defence", DEFENCE))
    started = time.monotonic()
    code, data, stderr = brief_json(runner, bad, good, "--max-mb", "1")
    assert time.monotonic() - started < 5
    assert code == 3, stderr
    assert [b["title"] for b in data] == ["Why Europe Must Fund Its Own Defence"]
    errors = [line for line in stderr.splitlines() if "error:" in line]
    assert len(errors) == 1, stderr
    assert errors[0].startswith(f"policybrief: error: {bad}: ")
    assert expected in errors[0]


@pytest.mark.parametrize("bad, expected", [
    ("file:///etc/hostname", "unsupported URL scheme file:"),
    ("ftp://127.0.0.1/feed.xml", "unsupported URL scheme ftp:"),
    ("http://127.0.0.1:{port}/article", "cannot connect"),
    ("http://[::1/article", "is not a valid URL"),
    ("http://127.0.0.1:99999/article", "is not a valid URL"),
    ("https:///article", "is not a valid URL"),
])
def test_unusable_urls_fail_alone(bad: str, expected: str, site: Site, runner: CliRunner
                                  ) -> None:
    bad = bad.format(port=closed_port())
    good = site.add("/good", article_html("Why Europe Must Fund Its Own Defence", DEFENCE))
    code, data, stderr = brief_json(runner, bad, good)
    assert code == 3, stderr
    assert len(data) == 1
    [line] = [line for line in stderr.splitlines() if "error:" in line]
    assert line.startswith(f"policybrief: error: {bad}: ") and expected in line


def test_every_source_failing_exits_1(site: Site, runner: CliRunner) -> None:
    code, data, stderr = brief_json(runner, site.url("/nope"), site.url("/nothing"))
    assert code == 1 and data == []
    assert stderr.count("HTTP 404") == 2


@pytest.mark.parametrize("head, kind", [
    (b'<?xml version="1.0"?>\n<rss version="2.0">', "feed"),
    (b"\xef\xbb\xbf<?xml version='1.0'?><!-- hi --><feed xmlns='http://www.w3.org/2005/Atom'>",
     "feed"),
    (b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">', "feed"),
    (b'<?xml version="1.0"?><opml version="2.0">', "opml"),
    (b"<!DOCTYPE html><html><head>", "html"),
    (b'<?xml version="1.0"?><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN"><html>', "html"),
    (b"  <p>Just a fragment.</p>", "html"),
    (b'<?xml version="1.0"?><sitemap>', "xml"),
    (b"Plain words, no markup.", "text"),
])
def test_sniff(head: bytes, kind: str) -> None:
    assert pages.sniff(head) == kind


def test_the_headline_and_standfirst_opening_a_page_are_not_article_text() -> None:
    """A page's h1 (even one worded unlike its <title>) and the h2 dek under it are written
    about the article, not in it: never quoted. Headings further down are left alone."""
    dek = "Tariffs on electric cars will cost drivers more than they save carmakers."
    html = article_html("Tariffs Are the Wrong Tool", TRADE).replace(
        "<h1>Tariffs Are the Wrong Tool</h1>",
        f"<h1>Washington says, 'Tariffs. They work,' and economists ask why</h1>\n"
        f'<h2 class="sub-head">{dek}</h2>')
    source = pages.extract(html, "page.html", None)
    paragraphs = source.text.split("\n\n")
    assert paragraphs[0] == TRADE[0]
    assert dek not in source.text and "economists ask why" not in source.text
    assert source.title == "Tariffs Are the Wrong Tool"


def test_a_page_of_headings_only_keeps_them_rather_than_fail() -> None:
    html = article_html("Notes", ()).replace(
        "<h1>Notes</h1>", "<h1>Notes</h1>\n<h2>" + TRADE[0] + "</h2>")
    source = pages.extract(html, "page.html", None)
    assert TRADE[0] in source.text
