"""The CLI reference (docs/cli.md), written from each command's own --help."""

from __future__ import annotations

from typing import Any

import typer
from typer.testing import CliRunner

from overhorizon.cli import app

WIDTH = 100


def _commands(group: Any, prefix: list[str]) -> list[list[str]]:
    """Every command path under a (sub)group, depth first, sorted by name."""
    found = []
    subcommands: dict[str, Any] = getattr(group, "commands", {})
    for name in sorted(subcommands):
        path = [*prefix, name]
        found.append(path)
        found += _commands(subcommands[name], path)
    return found


def cli_markdown() -> str:
    runner = CliRunner()
    env = {"COLUMNS": str(WIDTH), "TERMINAL_WIDTH": str(WIDTH), "NO_COLOR": "1"}
    generated = "Generated from `--help` by `python3.11 tasks.py docs`."
    out = ["# Command-line reference", "", generated, ""]
    for path in [[], *_commands(typer.main.get_command(app), [])]:
        result = runner.invoke(app, [*path, "--help"], env=env, prog_name="overhorizon")
        title = " ".join(["overhorizon", *path])
        text = "\n".join(line.rstrip() for line in result.output.splitlines()).strip()
        out += [f"## {title}", "", "```", text, "```", ""]
    return "\n".join(out).rstrip() + "\n"
