"""``overhorizon stix``: export a bundle cut for one recipient, import a partner's, validate."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from overhorizon.cli.app import DatabaseOption, app, console, errors
from overhorizon.errors import InvalidValueError
from overhorizon.model.statement import TLP_LEVELS
from overhorizon.store import open_store

stix_app = typer.Typer(
    help="Share with partners as STIX 2.1 bundles, under TLP 2.0 and need-to-know markings.",
    no_args_is_help=True,
)
app.add_typer(stix_app, name="stix")

_LEVELS = ", ".join(TLP_LEVELS)


def _level(value: str) -> str:
    level = value.strip().lower()
    if level not in TLP_LEVELS:
        raise typer.BadParameter(f"{value!r} is not one of {_LEVELS}")
    return level


@stix_app.command("export")
def export_command(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write; default: stdout.")
    ] = None,
    max_tlp: Annotated[
        str,
        typer.Option(
            "--max-tlp",
            callback=_level,
            help=f"The highest TLP the recipient may receive ({_LEVELS}); nothing above it "
            "is written.",
        ),
    ] = "clear",
    groups: Annotated[
        list[str] | None,
        typer.Option("--groups", "-g", help="A need-to-know group the recipient belongs to."),
    ] = None,
    all_groups: Annotated[
        bool,
        typer.Option("--all-groups", help="The recipient belongs to every group (a backup)."),
    ] = False,
    entity: Annotated[
        list[str] | None,
        typer.Option("--entity", "-e", help="Export only this entity (repeatable)."),
    ] = None,
    producer: Annotated[
        str | None,
        typer.Option("--producer", help="Your organisation's name, as the bundle's author."),
    ] = None,
    db: DatabaseOption = None,
) -> None:
    """Write a STIX 2.1 bundle of what the recipient may see, checked by the strict validator."""
    from overhorizon.sharing import Recipient, export_bundle, validation_errors

    recipient = Recipient(max_tlp, frozenset(groups or ()), all_groups=all_groups)
    with open_store(db) as store:
        result = export_bundle(store, recipient, entity_ids=entity or None, producer=producer)
        store.audit(
            "export",
            [result.bundle["id"]],
            {
                "format": "stix-2.1",
                "max_tlp": max_tlp,
                "groups": sorted(groups or ()),
                "all_groups": all_groups,
                "objects": len(result.bundle.get("objects", [])),
                "output": str(output) if output else "stdout",
            },
        )
    problems = validation_errors(result.bundle)
    if problems:
        raise InvalidValueError("the bundle fails strict STIX validation: " + problems[0])
    text = result.json()
    if output is None:
        typer.echo(text, nl=False)
    else:
        tmp = output.with_name(output.name + ".partial")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(output)
    summary = console if output is not None else errors
    counts = ", ".join(f"{n} {t}" for t, n in sorted(result.objects.items())) or "no objects"
    summary.print(
        f"wrote {counts}" + (f" to {output}" if output else ""), highlight=False, soft_wrap=True
    )
    for reason, count in sorted(result.withheld.items()):
        summary.print(f"withheld: {count} {reason}", highlight=False, markup=False, soft_wrap=True)


@stix_app.command("import")
def import_command(
    file: Annotated[Path, typer.Argument(help="A STIX 2.1 bundle (JSON).", exists=True)],
    tlp: Annotated[
        str,
        typer.Option(
            "--tlp",
            callback=_level,
            help="The least TLP every imported statement gets (raised to it if lower).",
        ),
    ] = "clear",
    groups: Annotated[
        list[str] | None,
        typer.Option("--groups", "-g", help="A need-to-know group to add to everything."),
    ] = None,
    producer: Annotated[
        str | None,
        typer.Option("--producer", help="File the statements under this producer instead."),
    ] = None,
    db: DatabaseOption = None,
) -> None:
    """Read a bundle into statements, with its markings; say what could not be read."""
    from overhorizon.sharing import import_bundle, read_bundle

    bundle = read_bundle(file)
    with open_store(db) as store:
        report = import_bundle(store, bundle, producer=producer, tlp=tlp, groups=groups or ())
    for line in report.lines():
        console.print(line, highlight=False, markup=False, soft_wrap=True)


@stix_app.command("validate")
def validate_command(
    file: Annotated[Path, typer.Argument(help="A STIX 2.1 bundle (JSON).", exists=True)],
) -> None:
    """Check a bundle with the OASIS validator in strict mode; exit 1 when it fails."""
    from overhorizon.sharing import read_bundle, validation_errors

    problems = validation_errors(read_bundle(file))
    for problem in problems:
        console.print(problem, highlight=False, markup=False, soft_wrap=True)
    if problems:
        raise typer.Exit(1)
    console.print(f"{file}: valid STIX 2.1 (strict)", highlight=False, markup=False, soft_wrap=True)
