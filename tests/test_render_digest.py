"""render_digest(): every format keeps article text data, templates can be overridden."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest

from policybrief.digest import Digest, assemble
from policybrief.errors import RenderError
from policybrief.models import Actor, Article, Point, PolicyBrief
from policybrief.pipeline import brief_article
from policybrief.render.digest import FORMATS, fill, format_for, render_digest

WHEN = datetime(2025, 3, 7, 8, 30, tzinfo=UTC)
SCRIPT = "<script>alert(1)</script>"
JINJA = "{{ 7*7 }}"
EVIL = f"Officials said {SCRIPT} and {JINJA} were found in the bill"
LONG_URL = "https://news.example/" + "a-very-long-path-segment-without-spaces-" * 4 + "end"

PARAGRAPHS = (
    "The finance ministry will cut fuel subsidies from April, ending a decade of fixed petrol "
    "prices. The reform is meant to save four billion dollars a year.",
    "Transport unions have threatened a national strike over bus fares. The ministry should "
    "expand cash transfers to poor households before prices rise.",
    "Importers welcomed the reform, which they say will end shortages at petrol stations.",
)


def evil_brief() -> PolicyBrief:
    brief = brief_article(Article(source="fuel.txt", paragraphs=PARAGRAPHS, title="Fuel subsidy reform"))
    assert isinstance(brief, PolicyBrief)
    sentence = f"{EVIL}."
    return replace(
        brief,
        title=f"Bill {SCRIPT} {JINJA}",
        author=f"Jane {SCRIPT}",
        site=JINJA,
        url="javascript:alert(1)",
        bottom_line=sentence,
        key_points=(Point(sentence, 2), *brief.key_points),
        recommendations=(Point(f"Parliament should reject {SCRIPT} {JINJA}.", 3),),
        actors=(Actor(f"{SCRIPT} Ministry", "organisation", 2),),
        keywords=(JINJA, "fuel subsidies"),
        sources=("javascript:alert(1)", LONG_URL),
    )


@pytest.fixture(scope="module")
def digest() -> Digest:
    return assemble([evil_brief()], title=f"Digest {SCRIPT} {JINJA}", generated_at=WHEN, version="1.2.3")


@pytest.fixture(scope="module")
def plain_digest() -> Digest:
    brief = brief_article(
        Article(source="fuel.txt", paragraphs=PARAGRAPHS, title="Fuel subsidy reform", url=LONG_URL)
    )
    assert isinstance(brief, PolicyBrief)
    return assemble([brief], generated_at=WHEN, version="1.2.3")


def flat(text: str) -> str:
    return " ".join(text.split())


# --- article text is data -----------------------------------------------------------------


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.hrefs: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.hrefs += [v or "" for k, v in attrs if k == "href"]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_escapes_article_text(digest: Digest) -> None:
    html = render_digest(digest, "html")
    assert SCRIPT not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    parser = Tags()
    parser.feed(html)
    assert "script" not in parser.tags
    assert not any(h.lower().startswith("javascript:") for h in parser.hrefs)
    text = flat("".join(parser.text))
    assert SCRIPT in text and JINJA in text  # shown literally once unescaped
    assert "49" not in text


def test_markdown_escapes_article_text(digest: Digest) -> None:
    from markdown_it import MarkdownIt  # comes with rich

    md = render_digest(digest, "md")
    assert SCRIPT not in md
    assert r"\<script\>alert(1)\</script\>" in md
    parser = Tags()
    parser.feed(MarkdownIt("commonmark").render(md))
    assert "script" not in parser.tags
    assert not any(h.lower().startswith("javascript:") for h in parser.hrefs)
    text = flat("".join(parser.text))
    assert f"Bill {SCRIPT} {JINJA}" in text and f"{EVIL}." in text


def test_text_shows_article_text_literally(digest: Digest) -> None:
    text = flat(render_digest(digest, "txt"))
    assert SCRIPT in text and JINJA in text and "49" not in text


def test_json_carries_article_text_unchanged(digest: Digest) -> None:
    data = json.loads(render_digest(digest, "json"))
    assert data["title"] == f"Digest {SCRIPT} {JINJA}"
    assert data["briefs"][0]["title"] == f"Bill {SCRIPT} {JINJA}"
    assert data["top_line"][0]["text"] == f"{EVIL}."


@pytest.mark.parametrize("fmt", ["md", "html", "txt"])
def test_every_format_holds_every_part(plain_digest: Digest, fmt: str) -> None:
    out = flat(render_digest(plain_digest, fmt))
    brief = plain_digest.briefs[0]
    for part in (brief.title, plain_digest.date, "1.2.3", "2025-03-07T08:30:00+00:00", "default", "¶"):
        assert part in out, part
    for point in brief.key_points:
        assert point.text.replace("(", "").split()[0] in out


# --- formats ------------------------------------------------------------------------------


def test_text_is_wrapped_at_72_columns_but_never_inside_a_url(digest: Digest,
                                                               plain_digest: Digest) -> None:
    for d in (digest, plain_digest):
        lines = render_digest(d, "txt").splitlines()
        # a longer line is one URL alone: broken, a link stops working
        assert all(len(line) <= 72 or re.fullmatch(r"https?://\S+", line.strip())
                   for line in lines)
        assert all(line == line.rstrip() for line in lines)
    assert LONG_URL in render_digest(plain_digest, "txt").splitlines()[6:][0] or \
        any(line.strip() == LONG_URL for line in render_digest(plain_digest, "txt").splitlines())


def test_fill_wraps_with_hanging_indent() -> None:
    text = fill("word " * 40, 30, indent="   ", first="1. ")
    lines = text.splitlines()
    assert lines[0].startswith("1. word") and all(x.startswith("   ") for x in lines[1:])
    assert max(len(x) for x in lines) <= 30
    assert fill("x" * 100, 40).count("\n") == 2


def test_html_is_email_ready(plain_digest: Digest) -> None:
    html = render_digest(plain_digest, "html")
    assert html.lower().startswith("<!doctype html>")
    assert 'name="viewport"' in html
    assert "max-width: 640px" in html and "<table" in html
    body = html[html.index("<body") :]
    assert "<style" not in body and 'style="' in body  # inlined
    assert not re.search(r"""<(?:img|script|link|iframe)\b|@import|url\(""", html)
    assert "overflow-wrap: anywhere" in html


def test_json_schema_is_stable(plain_digest: Digest) -> None:
    data = json.loads(render_digest(plain_digest, "json"))
    assert list(data) == [
        "schema",
        "title",
        "date",
        "generated_at",
        "version",
        "method",
        "count",
        "merged",
        "reading_minutes",
        "top_line",
        "sections",
        "stories",
        "groups",
        "briefs",
        "sources",
    ]
    assert data["schema"] == "policybrief.digest/2"
    assert list(data["sections"][0]) == ["number", "name", "slug", "stories"]
    assert list(data["stories"][0]) == ["number", "label", "slug", "section", "news_value",
                                        "outlets", "full", "update", "new_articles",
                                        "key_phrases", "summary", "briefs"]
    assert list(data["groups"][0]) == ["number", "name", "slug", "key_phrases", "briefs"]
    assert list(data["top_line"][0]) == ["text", "brief", "slug", "title", "paragraph", "story",
                                         "story_slug", "why", "why_brief"]
    assert list(data["stories"][0]["summary"][0]) == ["text", "brief", "slug", "title", "paragraph"]
    assert list(data["briefs"][0])[:4] == ["number", "story", "group", "title"]
    assert data["sections"][0]["stories"] == [1] and data["stories"][0]["briefs"] == [1]
    assert {
        "bottom_line",
        "key_points",
        "recommendations",
        "actors",
        "sources",
        "excerpt",
        "content_hash",
    } <= set(data["briefs"][0])
    assert data["date"] == "2025-03-07" and data["count"] == 1
    assert render_digest(plain_digest, "json") == render_digest(plain_digest, "json")


def test_unknown_format_is_an_error(plain_digest: Digest) -> None:
    with pytest.raises(RenderError, match="unknown digest format"):
        render_digest(plain_digest, "pdf")


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("d.md", "md"),
        ("D.HTML", "html"),
        ("x.htm", "html"),
        ("a.txt", "txt"),
        ("a.json", "json"),
        ("mine.html.j2", "html"),
        ("digest", None),
    ],
)
def test_format_for_suffix(name: str, fmt: str | None) -> None:
    assert format_for(name) == fmt


def test_empty_digest_renders(plain_digest: Digest) -> None:
    empty = assemble([], generated_at=WHEN)
    for fmt in FORMATS:
        assert render_digest(empty, fmt)


# --- user templates -----------------------------------------------------------------------


def test_user_template_file_overrides(plain_digest: Digest, tmp_path: Path) -> None:
    mine = tmp_path / "mine.md.j2"
    mine.write_text(
        "{{ digest.title }}: {{ digest.count }}\n"
        "{% for b in digest.briefs %}* {{ b.title | md }}\n{% endfor %}"
    )
    assert render_digest(plain_digest, "md", mine) == "Policy digest: 1\n* Fuel subsidy reform\n"


def test_user_template_folder_overrides_and_falls_back(plain_digest: Digest, tmp_path: Path) -> None:
    (tmp_path / "digest.txt.j2").write_text("only {{ digest.count }}\n")
    assert render_digest(plain_digest, "txt", tmp_path) == "only 1\n"
    assert render_digest(plain_digest, "md", tmp_path) == render_digest(plain_digest, "md")


def test_user_folder_can_override_the_stylesheet(plain_digest: Digest, tmp_path: Path) -> None:
    (tmp_path / "digest.css").write_text(".title { color: #ff0000; }")
    html = render_digest(plain_digest, "html", tmp_path)
    assert "color: #ff0000" in html


def test_user_html_template_is_autoescaped(digest: Digest, tmp_path: Path) -> None:
    mine = tmp_path / "mine.html.j2"
    mine.write_text("<p>{{ digest.briefs[0].title }}</p>")
    out = render_digest(digest, "html", mine)
    assert SCRIPT not in out and "&lt;script&gt;" in out


def test_unknown_variable_names_the_variable(plain_digest: Digest, tmp_path: Path) -> None:
    mine = tmp_path / "mine.md.j2"
    mine.write_text("{{ digest.titel }}\n")
    with pytest.raises(RenderError, match="titel") as info:
        render_digest(plain_digest, "md", mine)
    assert "unknown variable" in str(info.value) and "mine.md.j2" in str(info.value)
    (tmp_path / "other.md.j2").write_text("{{ summary }}\n")
    with pytest.raises(RenderError, match="'summary' is undefined"):
        render_digest(plain_digest, "md", tmp_path / "other.md.j2")


def test_template_syntax_error_is_clear(plain_digest: Digest, tmp_path: Path) -> None:
    mine = tmp_path / "bad.md.j2"
    mine.write_text("{% for b in digest.briefs %}\n")
    with pytest.raises(RenderError, match="syntax error at line"):
        render_digest(plain_digest, "md", mine)


def test_missing_template_is_clear(plain_digest: Digest, tmp_path: Path) -> None:
    with pytest.raises(RenderError, match="template not found"):
        render_digest(plain_digest, "md", tmp_path / "nope.md.j2")


def test_json_takes_no_template(plain_digest: Digest, tmp_path: Path) -> None:
    with pytest.raises(RenderError, match="JSON"):
        render_digest(plain_digest, "json", tmp_path)


def test_a_template_that_is_not_utf8_is_one_clear_error(tmp_path: Path) -> None:
    from policybrief.errors import RenderError
    from policybrief.render.digest import render_digest as render

    folder = tmp_path / "t"
    folder.mkdir()
    (folder / "digest.md.j2").write_bytes(b"\xe9t\xe9 {{ digest.title }}")
    digest = assemble([])
    with pytest.raises(RenderError, match="cannot be read"):
        render(digest, "md", folder)
