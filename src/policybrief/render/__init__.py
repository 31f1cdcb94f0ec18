"""Briefs → text through Jinja2 templates (the only stage importing Jinja2).

``environment`` builds the one Jinja2 environment every template renders in: strict about
undefined names, autoescaping for HTML, and with filters that keep article text data, never
markup, in Markdown and plain text as well.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from ..errors import RenderError
from ..models import PolicyBrief

PACKAGE_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
MD_SPECIAL_RE = re.compile(r"([\\`*_\[\]<>|])")
MD_LINE_START_RE = re.compile(r"^([#+\-=>]|\d+\.)", re.MULTILINE)
# what Markdown or str.splitlines() may take for the end of a line (a bare CR included)
LINE_BREAK_RE = re.compile(r"[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")


def md_escape(text: Any) -> str:
    """Escape Markdown and inline-HTML syntax so article text renders as itself.

    Every value the templates pass through it is inline (a title, a name, a sentence), so a
    line break in one becomes a space: it could otherwise end a heading or a list item and
    start a line of its own Markdown. (``make_brief`` already puts titles on one line.)
    """
    text = str(text)
    if LINE_BREAK_RE.search(text):
        text = " ".join(text.split())
    escaped = MD_SPECIAL_RE.sub(r"\\\1", text)
    return MD_LINE_START_RE.sub(r"\\\1", escaped)


def environment(search_path: list[Path] | None = None, *, html: bool = False) -> jinja2.Environment:
    """A strict environment over the user's template folder (if any), then the shipped ones."""
    paths = [str(p) for p in (search_path or [])] + [str(PACKAGE_TEMPLATES)]
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(paths),
        undefined=jinja2.StrictUndefined,
        autoescape=html,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_escape
    return env


def render_template(env: jinja2.Environment, name: str, **context: Any) -> str:
    """Render, turning template mistakes into a RenderError naming the template and the name."""
    try:
        return env.get_template(name).render(**context)
    except jinja2.UndefinedError as exc:
        raise RenderError(
            f"template uses an unknown variable: {exc.message}",
            subject=name,
            hint="see the template context in the README, or export the shipped templates "
            "with 'policybrief templates --export DIR'",
        ) from exc
    except jinja2.TemplateSyntaxError as exc:
        raise RenderError(
            f"template syntax error at line {exc.lineno}: {exc.message}",
            subject=exc.filename or name,
            hint="fix the template",
        ) from exc
    except jinja2.TemplateNotFound as exc:
        raise RenderError("template not found", subject=name, hint="check --template") from exc
    except (UnicodeDecodeError, OSError) as exc:
        raise RenderError(
            f"template cannot be read: {exc}", subject=name, hint="save the template as UTF-8 text"
        ) from exc


def to_data(value: Any) -> Any:
    """Dataclasses → plain JSON-ready data (tuples become lists)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [to_data(v) for v in value]
    if isinstance(value, dict):
        return {k: to_data(v) for k, v in value.items()}
    return value


def brief_json(brief: PolicyBrief) -> str:
    return json.dumps(to_data(brief), ensure_ascii=False, indent=2) + "\n"


@cache
def _brief_environment() -> jinja2.Environment:
    """The shipped templates' environment, built once: compiling ``brief.md.j2`` costs far
    more than rendering one brief with it."""
    return environment()


def brief_markdown(brief: PolicyBrief) -> str:
    return render_template(_brief_environment(), "brief.md.j2", brief=brief)


BRIEF_FORMATS = {"md": brief_markdown, "json": brief_json}


def render_brief(brief: PolicyBrief, fmt: str = "md") -> str:
    return BRIEF_FORMATS[fmt](brief)


def render_briefs(briefs: Sequence[PolicyBrief], fmt: str = "md") -> str:
    """Several briefs as one text: a JSON array, or the Markdown briefs one after another."""
    if fmt == "json":
        return json.dumps([to_data(b) for b in briefs], ensure_ascii=False, indent=2) + "\n"
    return "\n".join(render_brief(b, "md") for b in briefs)
