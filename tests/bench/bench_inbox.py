"""Inbox checks of the mailed digest: SpamAssassin's local score and caniemail's verdicts.

Builds, with ``run --preview``, the message a run over seeds/ would send (server.base_url
set, so the per-recipient links are in), then:

- ``spamassassin -L -t`` (local tests only, no network): prints the score and the rules hit
  (Debian: ``apt-get install spamassassin``);
- ``@jsx-email/doiuse-email`` (caniemail's data) on the HTML part for Gmail, Outlook, Yahoo
  and Apple Mail, when ``--doiuse DIR`` names a folder where it is installed
  (``npm install @jsx-email/doiuse-email`` there): prints each unsupported feature and the
  clients concerned.

Either check is skipped with a note when its tool is missing. Nothing here is online.

    python tests/bench/bench_inbox.py [--doiuse /tmp/doiuse]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CLI = [sys.executable, "-c", "from policybrief.cli import main; main()"]
DOIUSE = """
const { doIUseEmail } = require('@jsx-email/doiuse-email');
const html = require('fs').readFileSync(process.argv[1], 'utf8');
const r = doIUseEmail(html, { emailClients: ['gmail.*', 'outlook.*', 'yahoo.*', 'apple-mail.*'] });
const by = {};
for (const e of (r.errors || [])) {
  const m = e.match(/^`(.+?)` is not supported by `(.+?)`/);
  if (m) { (by[m[1]] ||= new Set()).add(m[2]); }
}
const out = {}; for (const k of Object.keys(by).sort()) out[k] = [...by[k]].sort();
console.log(JSON.stringify({errors: (r.errors || []).length, warnings: (r.warnings || []).length,
                            features: out}));
"""


def preview(folder: Path) -> EmailMessage:
    config = folder / "policybrief.toml"
    config.write_text(f"""sources = ["{ROOT / 'seeds'}"]
state = "state.db"
[email]
from = "Briefing <briefs@example.org>"
to = ["reader@example.org"]
unsubscribe = ["mailto:briefs@example.org?subject=unsubscribe"]
[server]
base_url = "https://briefs.example.org"
""", encoding="utf-8")
    env = {**os.environ, "POLICYBRIEF_SECRET": "bench-secret-0123456789"}
    subprocess.run([*CLI, "run", "--config", str(config), "--preview", str(folder / "out")],
                   check=True, env=env, capture_output=True)
    [eml] = sorted((folder / "out").glob("*.eml"))
    return message_from_bytes(eml.read_bytes(), policy=default)  # type: ignore[return-value]


def spamassassin(msg: EmailMessage) -> None:
    if not shutil.which("spamassassin"):
        print("spamassassin: not installed (apt-get install spamassassin); skipped")
        return
    result = subprocess.run(["spamassassin", "-L", "-t"], input=msg.as_bytes(),
                            capture_output=True, check=False)
    report = result.stdout.decode("utf-8", "replace")
    found = re.search(r"Content analysis details:\s+\((-?[\d.]+) points", report)
    print(f"spamassassin -L: {found.group(1) if found else '?'} points")
    for line in report.split("Content analysis details", 1)[-1].splitlines()[3:]:
        if re.match(r"^\s*-?\d+\.\d+ \w", line):
            print(f"  {line.strip()}")


def doiuse(msg: EmailMessage, where: Path | None) -> None:
    if where is None or not (where / "node_modules" / "@jsx-email" / "doiuse-email").exists() \
            or not shutil.which("node"):
        print("doiuse-email: not installed (npm install @jsx-email/doiuse-email in a folder, "
              "then --doiuse FOLDER); skipped")
        return
    part = msg.get_body(("html",))
    assert part is not None
    with tempfile.NamedTemporaryFile("w", suffix=".html", delete=False) as handle:
        handle.write(str(part.get_content()))
    try:
        result = subprocess.run(["node", "-e", DOIUSE, handle.name], capture_output=True,
                                text=True, check=True, cwd=where)
    finally:
        os.unlink(handle.name)
    data = json.loads(result.stdout)
    print(f"doiuse-email: {data['errors']} errors ({len(data['features'])} features), "
          f"{data['warnings']} partial-support warnings")
    for feature, clients in data["features"].items():
        print(f"  {feature}: {', '.join(clients)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--doiuse", type=Path, help="a folder where @jsx-email/doiuse-email "
                        "is installed")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        msg = preview(Path(tmp))
    spamassassin(msg)
    doiuse(msg, args.doiuse)


if __name__ == "__main__":
    main()
