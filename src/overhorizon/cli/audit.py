"""``overhorizon audit``: read, sign, prove and verify the tamper-evident audit log."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from overhorizon.audit import AuditLog, SignedTreeHead, verify_log
from overhorizon.cli.app import DatabaseOption, app, console
from overhorizon.errors import AuditError
from overhorizon.store import open_store

audit = typer.Typer(
    help="The tamper-evident audit log: list entries, sign tree heads, prove and verify.",
    no_args_is_help=True,
)
app.add_typer(audit, name="audit", help="List, sign, prove and verify the audit log.")


def _print_json(data: dict[str, Any]) -> None:
    """Plain JSON on stdout, never wrapped, so it can be saved and read back."""
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False))


@audit.command("show")
def show(
    db: DatabaseOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="How many entries.")] = 50,
    action: Annotated[
        str | None, typer.Option("--action", help="Only entries of this action, e.g. export.")
    ] = None,
    actor: Annotated[str | None, typer.Option("--actor", help="Only this actor's entries.")] = None,
) -> None:
    """List the latest entries, newest first."""
    with open_store(db) as store:
        entries = AuditLog(store).entries(limit=limit, action=action, actor=actor)
    table = Table("seq", "at", "actor", "action", "objects", "details")
    for entry in entries:
        details = json.dumps(entry.details, ensure_ascii=False, sort_keys=True)
        cells = (str(entry.seq), entry.at, entry.actor, entry.action, "\n".join(entry.objects))
        table.add_row(*(Text(cell) for cell in (*cells, details)))
    console.print(table)
    console.print(f"{len(entries)} entries shown", highlight=False)


@audit.command("sign")
def sign(db: DatabaseOption = None) -> None:
    """Sign a tree head over the whole log now, and print it."""
    with open_store(db) as store:
        head = AuditLog(store).sign()
    _print_json(head.as_dict())


@audit.command("head")
def head(db: DatabaseOption = None) -> None:
    """Print the latest signed tree head with its public key; keep it to check the log later."""
    with open_store(db) as store:
        latest = AuditLog(store).latest_head()
    if latest is None:
        raise AuditError("no tree head is signed yet: run `overhorizon audit sign`")
    _print_json(latest.as_dict())


@audit.command("prove")
def prove(
    seq: Annotated[int, typer.Argument(help="The entry's sequence number (from 0).", min=0)],
    db: DatabaseOption = None,
) -> None:
    """Print the inclusion proof of an entry against the latest signed head, as JSON."""
    with open_store(db) as store:
        proof = AuditLog(store).inclusion_proof(seq)
    _print_json(proof.as_dict())


@audit.command("verify")
def verify(
    db: DatabaseOption = None,
    saved: Annotated[
        list[Path] | None,
        typer.Option(
            "--head",
            help="A head saved earlier with `audit head`; the log must still contain it.",
            exists=True,
            dir_okay=False,
        ),
    ] = None,
    public_key: Annotated[
        Path | None,
        typer.Option(
            "--public-key",
            help="PEM public key that must have signed every head.",
            exists=True,
            dir_okay=False,
        ),
    ] = None,
) -> None:
    """Recompute every leaf and every signed head; name each tampered entry; exit 1 if any."""
    trusted = [_load_head(path) for path in saved or []]
    key = public_key.read_text(encoding="utf-8") if public_key else None
    with open_store(db) as store:
        report = verify_log(store, trusted_heads=trusted, trusted_key=key)
    for finding in report.findings:
        console.print(f"[bold red]{finding.kind}[/] {escape(finding.message)}", highlight=False)
    summary = f"{report.entries} entries, {report.heads} signed heads, root {report.root.hex()}"
    if report.ok:
        console.print(f"[green]ok[/] {summary}", highlight=False, soft_wrap=True)
        return
    console.print(
        f"[bold red]TAMPERED[/] {len(report.findings)} problems; {summary}",
        highlight=False,
        soft_wrap=True,
    )
    raise typer.Exit(1)


def _load_head(path: Path) -> SignedTreeHead:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise AuditError(f"cannot read the saved head {path}: {exc}") from exc
    if not isinstance(data, dict):
        raise AuditError(f"{path} is not a signed tree head")
    return SignedTreeHead.from_dict(data)
