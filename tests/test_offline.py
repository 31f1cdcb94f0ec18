"""Offline: the seeds brief with no network, an empty HOME and no NLTK data anywhere."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Loaded by the child interpreter: any socket connection or NLTK download fails loudly.
GUARD = """
import socket
def _refuse(*args, **kwargs):
    raise RuntimeError("network use at run time")
socket.socket.connect = _refuse
socket.create_connection = _refuse
import nltk
nltk.download = _refuse
"""


def _unshare_works() -> bool:
    if shutil.which("unshare") is None:
        return False
    return subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0


def test_seed_briefs_need_no_network_and_no_nltk_data(tmp_path: Path) -> None:
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(GUARD)
    home = tmp_path / "home"
    home.mkdir()
    out = tmp_path / "out"
    env = {
        "HOME": str(home),
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(guard),
        "NLTK_DATA": str(tmp_path / "no-nltk-data"),
        "LANG": "C.UTF-8",
    }
    command = [
        sys.executable,
        "-m",
        "policybrief",
        "brief",
        "seeds/",
        "--out",
        str(out),
        "--format",
        "json",
        "--workers",
        "2",
    ]
    if _unshare_works():
        command = ["unshare", "-n", *command]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    briefs = [json.loads(p.read_text()) for p in sorted(out.glob("*.json"))]
    assert len(briefs) == 5
    assert briefs[0]["author"] == "Masahiro Matsumura"
    assert [b["excerpt"] for b in briefs] == [False, True, True, True, True]
    source = " ".join((ROOT / "seeds" / "000_f2d1e5955d110ce0.txt").read_text().split())
    for brief in briefs:
        for point in brief["key_points"]:
            assert point["text"] in source


def test_no_module_calls_nltk_download() -> None:
    package = ROOT / "src" / "policybrief"
    offenders = [p.name for p in package.rglob("*.py") if "nltk.download" in p.read_text()]
    assert offenders == []
