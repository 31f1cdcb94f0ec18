"""Digest → Markdown, HTML email, plain text or JSON.

Markdown, HTML and text go through the Jinja2 templates ``digest.{md,html,txt}.j2``; a
user's template file, or a folder holding any of them, overrides the shipped ones (a folder
may also override ``digest.css``, the stylesheet the HTML template includes). HTML is
autoescaped and its CSS inlined with css-inline so email clients that drop ``<style>``
still show it. JSON is built in code, not by a template: see ``digest_data``.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

import css_inline

from ..digest import Digest, Section, Story, TopLine
from ..errors import RenderError
from ..models import Actor, Point, PolicyBrief
from . import PACKAGE_TEMPLATES, environment, render_template, to_data

FORMATS = ("md", "html", "txt", "json")
TEMPLATED = ("md", "html", "txt")
TEXT_WIDTH = 72
JSON_SCHEMA = "policybrief.digest/2"
SUFFIXES = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
            ".txt": "txt", ".text": "txt", ".json": "json"}


URL_RE = re.compile(r"^(?:https?://|mailto:)\S+$", re.IGNORECASE)
PREHEADER_FILLER = 80  # zero-width fillers after the preheader, so no body text leaks into it


@dataclass(frozen=True)
class Links:
    """The reader-facing links of a mailed digest (``links`` in the templates; None when the
    digest is written to a file): its "view in browser" page and the unsubscribe link."""

    view_url: str | None = None
    unsubscribe_url: str | None = None  # the reader's own link (or a mailto: address)
    archive_url: str | None = None


def template_name(fmt: str) -> str:
    return f"digest.{fmt}.j2"


class _Wrapper(textwrap.TextWrapper):
    """Breaks a word longer than the line, but never a URL (a broken link does not work):
    a URL longer than the line stands alone on its line."""

    def _handle_long_word(self, reversed_chunks: list[str], cur_line: list[str], cur_len: int,
                          width: int) -> None:
        if URL_RE.match(reversed_chunks[-1]):
            if not cur_line:
                cur_line.append(reversed_chunks.pop())
            return
        super()._handle_long_word(reversed_chunks, cur_line, cur_len, width)


def fill(text: Any, width: int = TEXT_WIDTH, indent: str = "", first: str | None = None) -> str:
    """Wrap ``text`` at ``width`` columns; ``first`` prefixes the first line (a bullet),
    ``indent`` the others. Long words are broken so no line is wider, except URLs, which
    are never broken (they stand alone on a line instead)."""
    wrapper = _Wrapper(width=width, initial_indent=indent if first is None else first,
                       subsequent_indent=indent, break_long_words=True, break_on_hyphens=False)
    return wrapper.fill(" ".join(str(text).split())) or (indent if first is None else first).rstrip()


def source_label(source: Any) -> str:
    """How a reader sees a source: a web address as is, a file by its name only (never the
    sender's local path): ``/home/me/seeds/000_x.txt`` → ``000_x.txt``,
    ``/data/bbc20.jsonl:3`` → ``bbc20.jsonl:3``."""
    text = str(source)
    if http_url(text) or not text:
        return text
    name = PureWindowsPath(text).name if "\\" in text else PurePosixPath(text).name
    return name or text


def underline(text: Any, char: str = "=") -> str:
    """A text heading's underline: as long as the heading, at most the text width."""
    return char * min(len(str(text)), TEXT_WIDTH)


def http_url(value: Any) -> bool:
    """Whether ``value`` is a web address safe to link (never ``javascript:`` and the like)."""
    return isinstance(value, str) and value.lower().startswith(("http://", "https://"))


def bottom_paragraph(brief: PolicyBrief) -> int | None:
    """The paragraph of the brief's bottom line (for briefs made before it was recorded:
    when it is one of the key points)."""
    if brief.bottom_paragraph:
        return brief.bottom_paragraph
    return next((p.paragraph for p in brief.key_points if p.text == brief.bottom_line), None)


def other_points(brief: PolicyBrief, story: Story | None = None, digest: Digest | None = None
                 ) -> tuple[Point, ...]:
    """The key points besides the bottom line (and besides what the story's summary and
    the top line quote), so the digest does not say one twice."""
    said = {brief.bottom_line} | (story.said if story else set()) | (digest.said if digest else set())
    return tuple(p for p in brief.key_points if p.text not in said)


def body_lines(story: Story, digest: Digest) -> tuple[TopLine, ...]:
    """The story's summary less the sentences the top line already gives."""
    return tuple(line for line in story.summary if line.text not in digest.said)


def byline(brief: PolicyBrief) -> str:
    """Who, where, when and how long: 'By A. Writer · Site · 7 March · 640 words'."""
    parts = [f"By {brief.author}" if brief.author else "", brief.site or "", brief.date or "",
             f"{brief.word_count} words"]
    return " · ".join(p for p in parts if p)


KIND_LABELS = {"country": "Countries", "place": "Places", "organisation": "Organisations",
               "company": "Companies", "person": "People"}


def actors_by_kind(actors: Sequence[Actor], limit: int = 10) -> list[tuple[str, list[str]]]:
    """The first ``limit`` actors as (label, names) by kind: countries, organisations,
    companies, then people, a person with the role the text gives them; e.g.
    [("Countries", ["Taiwan", "China"]), ("People", ["Charles Clarke (Home Secretary)"])]."""
    kinds: dict[str, list[str]] = {}
    for actor in actors[:limit]:
        shown = f"{actor.name} ({actor.role})" if actor.role else actor.name
        kinds.setdefault(actor.kind, []).append(shown)
    order = list(KIND_LABELS)
    ranked = sorted(kinds, key=lambda k: order.index(k) if k in order else len(order))
    return [(KIND_LABELS.get(k, k.capitalize()), kinds[k]) for k in ranked]


FILTERS = {"fill": fill, "underline": underline, "http_url": http_url, "source_label": source_label,
           "bottom_paragraph": bottom_paragraph, "other_points": other_points,
           "actors_by_kind": actors_by_kind, "body_lines": body_lines, "byline": byline}


def shipped_templates() -> list[Path]:
    """The digest templates shipped in the package (and the stylesheet the HTML one
    includes), with the sections file (``digest --sections`` takes a copy)."""
    return [*sorted(PACKAGE_TEMPLATES.glob("digest.*")), PACKAGE_TEMPLATES.parent / "data" / "sections.toml"]


def _search_path(fmt: str, template: Path | None) -> tuple[list[Path], str]:
    """The folders to look in and the template name for ``fmt``, honouring ``template``."""
    if template is None:
        return [], template_name(fmt)
    template = Path(template)
    if template.is_dir():
        return [template], template_name(fmt)
    if template.is_file():
        return [template.parent], template.name
    raise RenderError("template not found", subject=str(template),
                      hint="give a template file or a folder holding digest.<format>.j2")


def render_digest(digest: Digest, fmt: str, template: Path | None = None, *,
                  links: Links | None = None) -> str:
    """The digest as ``fmt`` (md, html, txt or json), through ``template`` when given;
    ``links`` (a mailed digest's) adds "view in browser" and unsubscribe links."""
    if fmt not in FORMATS:
        raise RenderError(f"unknown digest format {fmt!r}",
                          hint=f"use one of {', '.join(FORMATS)}")
    if fmt == "json":
        if template is not None:
            raise RenderError("JSON is not rendered through a template", subject=str(template),
                              hint="drop --template or choose md, html or txt")
        return digest_json(digest)
    search, name = _search_path(fmt, template)
    env = environment(search, html=fmt == "html")
    env.filters.update(FILTERS)
    text = render_template(env, name, digest=digest, fmt=fmt, width=TEXT_WIDTH, links=links,
                           filler=PREHEADER_FILLER)
    if fmt == "html":
        text = inline_css(text)
    if not text.endswith("\n"):
        text += "\n"
    return text


def inline_css(html: str) -> str:
    """Move the ``<style>`` rules onto the elements; @media rules stay in a ``<style>``."""
    inliner = css_inline.CSSInliner(keep_at_rules=True, load_remote_stylesheets=False)
    try:
        return inliner.inline(html)
    except ValueError as exc:  # css_inline.InlineError subclasses ValueError
        raise RenderError(f"cannot inline the CSS: {exc}", hint="check the template's <style>"
                          ) from exc


# --- JSON ---------------------------------------------------------------------------------

def _brief_data(story: int, number: int, brief: PolicyBrief) -> dict[str, Any]:
    data: dict[str, Any] = {"number": number, "story": story, "group": story}
    data.update(to_data(brief))
    return data


def _line_data(line: TopLine) -> dict[str, Any]:
    data = {"text": line.text, "brief": line.number, "slug": line.slug, "title": line.title,
            "paragraph": line.paragraph}
    if line.story_slug:
        data.update(story=line.story, story_slug=line.story_slug, why=line.why or None,
                    why_brief=line.why_number or None)
    return data


def _story_data(story: Story, number: int) -> dict[str, Any]:
    return {
        "number": number,
        "label": story.label,
        "slug": story.slug,
        "section": story.section,
        "news_value": story.importance,
        "outlets": story.outlets,
        "full": story.full,
        "update": story.update or None,
        "new_articles": story.new_articles,
        "key_phrases": list(story.key_phrases),
        "summary": [_line_data(line) for line in story.summary],
        "briefs": [n for n, _ in story.numbered],
    }


def _section_data(section: Section, number: int, first: int) -> dict[str, Any]:
    return {"number": number, "name": section.name, "slug": section.slug,
            "stories": list(range(first, first + section.count))}


def _group_data(story: Story, number: int) -> dict[str, Any]:
    """Schema 1's topic group, kept for its readers: one per story."""
    return {"number": number, "name": story.label, "slug": story.slug,
            "key_phrases": list(story.key_phrases), "briefs": [n for n, _ in story.numbered]}


def digest_data(digest: Digest) -> dict[str, Any]:
    """The digest as plain data: the JSON format, documented in the README.

    Briefs are listed once, flat, in digest order, each with its ``number`` (from 1) and its
    ``story`` number; sections list stories by number, stories and top-line items refer to
    briefs by number. ``groups`` (one per story) and each brief's ``group`` are schema 1's
    names, kept so its readers still work.
    """
    firsts, first = [], 1
    for section in digest.sections:
        firsts.append(first)
        first += section.count
    return {
        "schema": JSON_SCHEMA,
        "title": digest.title,
        "date": digest.generated_at.date().isoformat(),
        "generated_at": digest.generated,
        "version": digest.version,
        "method": digest.method,
        "count": digest.count,
        "merged": digest.merged,
        "reading_minutes": digest.reading_minutes,
        "top_line": [_line_data(line) for line in digest.top_line],
        "sections": [_section_data(sec, i, f)
                     for i, (sec, f) in enumerate(zip(digest.sections, firsts, strict=True), 1)],
        "stories": [_story_data(s, i) for i, s in enumerate(digest.stories, 1)],
        "groups": [_group_data(s, i) for i, s in enumerate(digest.stories, 1)],
        "briefs": [_brief_data(si, n, b)
                   for si, s in enumerate(digest.stories, 1) for n, b in s.numbered],
        "sources": list(digest.sources),
    }


def digest_json(digest: Digest) -> str:
    return json.dumps(digest_data(digest), ensure_ascii=False, indent=2) + "\n"


def format_for(path: str | Path) -> str | None:
    """The format a file name asks for by its suffix (``.j2`` looked through), or None."""
    name = Path(path).name.lower()
    if name.endswith(".j2"):
        name = name[:-3]
    return SUFFIXES.get(Path(name).suffix)
