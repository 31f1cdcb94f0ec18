"""Docs that cannot rot: README examples run, and every command is documented."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main

from policybrief.cli import app

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
MARKER = "<!-- tested by tests/test_docs.py -->"


def readme_commands() -> list[str]:
    """Lines of the ```sh blocks that follow the marker comment."""
    commands = []
    for block in re.findall(re.escape(MARKER) + r"\s*```sh\n(.*?)```", README, re.DOTALL):
        for line in block.splitlines():
            line = line.split("  #")[0].strip()
            if line and not line.startswith("#"):
                commands.append(line)
    return commands


def test_the_readme_has_tested_examples() -> None:
    assert len(readme_commands()) >= 5


@pytest.mark.parametrize("command", readme_commands())
def test_readme_example_runs(command: str, tmp_path: Path) -> None:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    result = subprocess.run(
        ["bash", "-c", command], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, (command, result.stderr)
    assert "Traceback" not in result.stderr


def test_every_command_is_in_the_readme() -> None:
    group = typer.main.get_command(app)
    for name in group.commands:  # type: ignore[attr-defined]
        assert f"policybrief {name}" in README, f"'policybrief {name}' is missing from the README"
