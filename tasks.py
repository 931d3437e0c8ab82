#!/usr/bin/env python3
"""overhorizon's one task runner. It needs nothing but Python 3.11:

    python3.11 tasks.py demo            set up .venv and run the demo
    python3.11 tasks.py test            set up .venv, lint, type-check and run the tests
    python3.11 tasks.py test-postgres   the store suite against PostgreSQL
    python3.11 tasks.py docs            regenerate docs/ derived from the ontology and CLI
    python3.11 tasks.py ci              what CI runs: test, then test-postgres

Set-up is skipped when .venv is newer than pyproject.toml. Extra arguments after the task
go to the command it runs (``tasks.py demo --db my.db``, ``tasks.py test -k store``). The
browser tests drive Debian's chromium; ``test`` installs it with apt-get when it is missing
and this runs as root (elsewhere those tests are skipped, saying why).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / "bin"
STAMP = VENV / ".installed"
POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres"
CHROMIUM = Path("/usr/bin/chromium")


def run(*args: str | Path, env: dict[str, str] | None = None) -> None:
    print("+", " ".join(str(a) for a in args), flush=True)
    result = subprocess.run([str(a) for a in args], cwd=ROOT, env=env, check=False)
    if result.returncode != 0:
        sys.exit(result.returncode)


def setup() -> None:
    if STAMP.exists() and STAMP.stat().st_mtime >= (ROOT / "pyproject.toml").stat().st_mtime:
        return
    if sys.version_info[:2] != (3, 11):
        sys.exit(f"overhorizon needs Python 3.11; this is {sys.version.split()[0]}")
    run(sys.executable, "-m", "venv", VENV)
    run(BIN / "python", "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(BIN / "python", "-m", "pip", "install", "--quiet", "-e", ".[dev]")
    STAMP.touch()


def browser() -> None:
    """Debian's chromium for the browser tests, installed quietly when it can be."""
    if CHROMIUM.exists():
        return
    if shutil.which("apt-get") is None or not hasattr(os, "geteuid") or os.geteuid() != 0:
        print(f"no {CHROMIUM}: the browser tests will be skipped", flush=True)
        return
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    run("apt-get", "update", "-qq", env=env)
    run("apt-get", "install", "-y", "-qq", "chromium", env=env)


def demo(args: list[str]) -> None:
    setup()
    run(BIN / "overhorizon", "demo", *args)


def check() -> None:
    setup()
    run(BIN / "ruff", "check", "src", "tests", "scripts", "tasks.py")
    run(BIN / "ruff", "format", "--check", "src", "tests", "scripts", "tasks.py")
    run(BIN / "mypy")


def test(args: list[str]) -> None:
    check()
    browser()
    run(BIN / "pytest", "-q", *args)


def test_postgres(args: list[str]) -> None:
    setup()
    env = dict(os.environ)
    env["OVERHORIZON_DATABASE_URL"] = env.get("OVERHORIZON_TEST_POSTGRES", POSTGRES)
    run(BIN / "pytest", "-q", "-m", "store", *args, env=env)


def docs(_args: list[str]) -> None:
    setup()
    run(BIN / "python", "scripts/generate_docs.py")


def ci(args: list[str]) -> None:
    test(args)
    test_postgres(args)


TASKS = {"demo": demo, "test": test, "test-postgres": test_postgres, "docs": docs, "ci": ci}


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in TASKS:
        sys.exit(__doc__)
    TASKS[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    main()
