"""The server's own small pages: the archive list, the unsubscribe confirmation, errors.

Plain HTML with every value escaped, light and dark by ``prefers-color-scheme``, no script,
no external resource. Links are relative, so the pages work under any path prefix a reverse
proxy gives them (``server.base_url``).
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from ..mailing.archive import ArchivedDigest

STYLE = """
:root { color-scheme: light dark; }
body { margin: 0; padding: 32px 16px; font: 16px/1.5 -apple-system, BlinkMacSystemFont,
  "Segoe UI", Roboto, Arial, sans-serif; background: #eef1f4; color: #1f2328; }
main { max-width: 640px; margin: 0 auto; background: #fff; border: 1px solid #d8dee4;
  padding: 24px 32px; }
h1 { font-size: 24px; margin: 0 0 16px; color: #13294b; }
a { color: #1d4f91; }
ul { padding: 0; list-style: none; } li { margin: 0 0 12px; }
.meta { color: #57606a; font-size: 14px; }
button { font: inherit; font-weight: 600; padding: 10px 20px; border: 0; border-radius: 4px;
  background: #13294b; color: #fff; cursor: pointer; }
@media (prefers-color-scheme: dark) {
  body { background: #0d1117; color: #e6edf3; }
  main { background: #161b22; border-color: #30363d; }
  h1 { color: #a5c8ff; } a { color: #7cb0ff; } .meta { color: #9da7b3; }
}
"""


def page(title: str, body: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta name="robots" content="noindex">'
            f"<title>{html.escape(title)}</title><style>{STYLE}</style></head>"
            f"<body><main>{body}</main></body></html>\n")


def archive(title: str, digests: Sequence[ArchivedDigest]) -> str:
    if not digests:
        items = '<p class="meta">No digest has been delivered yet.</p>'
    else:
        rows = "".join(
            f'<li><a href="digest/{d.key}">{html.escape(d.subject)}</a><br>'
            f'<span class="meta">{html.escape(d.created[:10])} · {d.count} brief'
            f'{"s" if d.count != 1 else ""}</span></li>' for d in digests)
        items = f'<ul class="archive">{rows}</ul>'
    return page(title, f"<h1>{html.escape(title)}</h1>{items}")


def confirm(title: str) -> str:
    """The page an unsubscribe link opens (GET): it changes nothing until the button."""
    return page(f"Unsubscribe from {title}", (
        f"<h1>Unsubscribe from {html.escape(title)}?</h1>"
        "<p>You will get no more digests at this address.</p>"
        '<form method="post" action="">'
        '<input type="hidden" name="List-Unsubscribe" value="One-Click">'
        '<input type="hidden" name="via" value="page">'
        '<button type="submit">Unsubscribe</button></form>'))


def done(title: str) -> str:
    return page("Unsubscribed", (
        f"<h1>You are unsubscribed</h1><p>You will get no more of {html.escape(title)} at this "
        "address. If this was a mistake, ask the sender to add you back.</p>"))


def problem(heading: str, text: str) -> str:
    return page(heading, f"<h1>{html.escape(heading)}</h1><p>{html.escape(text)}</p>")
