#!/usr/bin/env python3
"""The fields of a brief and a digest on the development data, beside LEAD and the peers.

Runs ``../shared/bench/score_fields.py`` (the scorer the project is judged by, through the
CLI exactly as a user runs it) with ``SPLIT=dev`` on this checkout's ``policybrief``, and,
with ``--baseline CMD``, on another executable in the same run (e.g. a wrapper that runs an
older commit), so the figures stand side by side. Each section prints one line; LEAD and
the peers (YAKE, LEAD-2) are printed by the scorer itself.

    python tests/bench/bench_fields.py                      # thesis dangling boiler
    python tests/bench/bench_fields.py groups topline       # the digest's sections
    python tests/bench/bench_fields.py --baseline /tmp/pb_old thesis

Skips cleanly (exit 0, one line) when ../shared/bench is not there.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT.parent / "shared" / "bench"
DEFAULT = ["thesis", "dangling", "boiler"]


def score(executable: str, sections: list[str]) -> list[str]:
    env = {**os.environ, "SPLIT": "dev"}
    result = subprocess.run([sys.executable, str(BENCH / "score_fields.py"), executable, str(BENCH),
                             *sections], capture_output=True, text=True, env=env, check=False)
    if result.returncode != 0:
        return [f"FAILED ({result.returncode}): {result.stderr.strip()[-400:]}"]
    return [line for line in result.stdout.splitlines() if line.strip()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sections", nargs="*", default=DEFAULT)
    parser.add_argument("--baseline", help="another policybrief executable to score beside this one")
    args = parser.parse_args()
    if not (BENCH / "score_fields.py").exists():
        print(f"skipped: {BENCH} is not there (the development data lives beside the checkout)")
        return 0
    this = str(ROOT / ".venv" / "bin" / "policybrief")
    runs = [("this checkout", this)] + ([("baseline", args.baseline)] if args.baseline else [])
    for label, executable in runs:
        print(f"== {label}: {executable}")
        for line in score(executable, args.sections):
            print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
