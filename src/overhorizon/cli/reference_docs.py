"""The CLI reference (docs/cli.md), written from each command's own --help."""

from __future__ import annotations

import click
import typer
from typer.testing import CliRunner

from overhorizon.cli import app

WIDTH = 100


def _commands(group: click.Group, prefix: list[str]) -> list[list[str]]:
    found = []
    for name in sorted(group.commands):
        command = group.commands[name]
        path = [*prefix, name]
        found.append(path)
        if isinstance(command, click.Group):
            found += _commands(command, path)
    return found


def cli_markdown() -> str:
    runner = CliRunner()
    env = {"COLUMNS": str(WIDTH), "TERMINAL_WIDTH": str(WIDTH), "NO_COLOR": "1"}
    root = typer.main.get_command(app)
    assert isinstance(root, click.Group)
    out = ["# Command-line reference", "", "Generated from `--help` by `make docs`.", ""]
    for path in [[], *_commands(root, [])]:
        result = runner.invoke(app, [*path, "--help"], env=env, prog_name="overhorizon")
        title = " ".join(["overhorizon", *path])
        text = "\n".join(line.rstrip() for line in result.output.splitlines()).strip()
        out += [f"## {title}", "", "```", text, "```", ""]
    return "\n".join(out).rstrip() + "\n"
