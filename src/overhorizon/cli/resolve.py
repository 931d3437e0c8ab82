"""Commands of the resolution stage: compare names, resolve the store, review, merge, undo."""

from __future__ import annotations

import csv
import getpass
import sys
from pathlib import Path
from typing import Annotated, TextIO

import typer
from rich.table import Table

from overhorizon.analysis.profile import find
from overhorizon.cli.app import DatabaseOption, app, console
from overhorizon.errors import NotFoundError, ResolutionError
from overhorizon.resolution import judgements as decisions
from overhorizon.resolution import review
from overhorizon.resolution.names import MATCH, POSSIBLE, NameMatcher
from overhorizon.resolution.normalize import KINDS, PERSON
from overhorizon.store import Store, open_store
from overhorizon.store.base import Judgement

resolve = typer.Typer(
    help="Find the names and reports that are the same entity, and review the candidates.",
    no_args_is_help=True,
)
app.add_typer(resolve, name="resolve", help="Merge duplicates automatically and review the rest.")

AuthorOption = Annotated[
    str | None,
    typer.Option("--as", help="Who decides (recorded as analyst:NAME). Default: your login."),
]
WhyOption = Annotated[str, typer.Option("--why", help="The reason, kept with the decision.")]


def _author(name: str | None) -> str:
    return decisions.analyst(name or getpass.getuser())


def _check_kind(kind: str) -> str:
    if kind not in KINDS:
        raise typer.BadParameter(f"--type must be one of {', '.join(KINDS)}")
    return kind


@app.command()
def match(
    names: Annotated[list[str] | None, typer.Argument(help="Two names to compare.")] = None,
    kind: Annotated[str, typer.Option("--type", help="person or group.")] = PERSON,
    pairs: Annotated[
        Path | None,
        typer.Option("--pairs", exists=True, help="CSV with columns name1,name2[,type]."),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="CSV to write (with --pairs).")
    ] = None,
) -> None:
    """Compare two names: score, decision (match / possible / no_match) and why."""
    matcher = NameMatcher()
    if pairs is not None:
        if output is None:
            _match_pairs(matcher, pairs, sys.stdout)
        else:
            with output.open("w", encoding="utf-8", newline="") as fh:
                count = _match_pairs(matcher, pairs, fh)
            console.print(f"wrote {count} rows to {output}")
        return
    if not names or len(names) != 2:
        raise typer.BadParameter("give two names, or --pairs FILE.csv")
    result = matcher.compare(names[0], names[1], _check_kind(kind))
    colour = {"match": "green", "possible": "yellow"}.get(result.decision, "red")
    console.print(
        f"[bold {colour}]{result.decision}[/]  score {result.score:.3f}  "
        f"[dim](match >= {MATCH}, possible >= {POSSIBLE})[/]",
        highlight=False,
    )
    for aligned in result.aligned:
        console.print(
            f"  {aligned.left} ~ {aligned.right}  {aligned.similarity:.2f}  {aligned.reason}",
            highlight=False,
        )
    if result.unmatched:
        console.print(f"  unmatched: {', '.join(result.unmatched)}", highlight=False)
    for rule in result.rules:
        console.print(f"  {rule}", highlight=False)


def _match_pairs(matcher: NameMatcher, path: Path, out: TextIO) -> int:
    writer = csv.writer(out)
    writer.writerow(["name1", "name2", "type", "score", "decision", "explanation"])
    count = 0
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            kind = _check_kind((row.get("type") or PERSON).strip() or PERSON)
            result = matcher.compare(row["name1"], row["name2"], kind)
            writer.writerow(
                [
                    row["name1"],
                    row["name2"],
                    kind,
                    f"{result.score:.3f}",
                    result.decision,
                    result.explanation,
                ]
            )
            count += 1
    return count


@resolve.command("run")
def run_command(
    db: DatabaseOption = None,
    names: Annotated[bool, typer.Option(help="Compare names of people and groups.")] = True,
    events: Annotated[bool, typer.Option(help="Compare attack reports.")] = True,
) -> None:
    """Merge what matches (resolver:names@1, resolver:events@1) and queue what might."""
    with open_store(db) as store:
        report = review.run(store, names=names, events=events)
    console.print(
        f"compared {report.compared} pairs: merged {len(report.merged)}, queued "
        f"{len(report.queued)} for review, {len(report.blocked)} kept apart by a not-same judgement"
    )
    for judgement in report.merged[:20]:
        console.print(
            f"  merged {judgement.left_id} + {judgement.right_id}  [dim]{judgement.reason}[/]",
            highlight=False,
        )
    if report.queued:
        console.print("next: [bold]overhorizon resolve review[/]")


@resolve.command("review")
def review_command(
    db: DatabaseOption = None,
    accept: Annotated[str | None, typer.Option(help="Accept this candidate (same entity).")] = None,
    reject: Annotated[str | None, typer.Option(help="Reject this candidate (different).")] = None,
    author: AuthorOption = None,
    why: Annotated[str | None, typer.Option("--why", help="The reason.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many rows.")] = 50,
) -> None:
    """List the candidates waiting for review, or answer one with --accept / --reject ID."""
    with open_store(db) as store:
        if accept or reject:
            decided = review.answer(
                store, accept or reject or "", bool(accept), _author(author), why
            )
            console.print(
                f"recorded {decided.id}: {decided.left_id} {decided.verdict} {decided.right_id}"
            )
            return
        pending = review.queue(store)
        table = Table("id", "score", "left", "right", "why", title=f"{len(pending)} candidates")
        for judgement in pending[:limit]:
            table.add_row(
                judgement.id,
                f"{judgement.score or 0:.2f}",
                _label(store, judgement.left_id),
                _label(store, judgement.right_id),
                (judgement.reason or "")[:120],
            )
    console.print(table)


def _label(store: Store, entity_id: str) -> str:
    entity = store.entity(entity_id)
    return f"{entity.caption} ({entity_id})" if entity else entity_id


def _one(store: Store, name_or_id: str) -> str:
    ids = find(store, name_or_id)
    if not ids:
        raise NotFoundError(f"nothing is known under the name {name_or_id!r}")
    if len(ids) > 1 and store.entity(name_or_id) is None:
        raise ResolutionError(
            f"{name_or_id!r} names {len(ids)} entities: give an id ({', '.join(ids[:5])})"
        )
    return ids[0]


@app.command()
def merge(
    first: Annotated[str, typer.Argument(help="An entity id or an unambiguous name.")],
    second: Annotated[str, typer.Argument(help="An entity id or an unambiguous name.")],
    why: WhyOption,
    author: AuthorOption = None,
    db: DatabaseOption = None,
) -> None:
    """Record that two entities are the same (undo it with `overhorizon undo ID`)."""
    with open_store(db) as store:
        left, right = _one(store, first), _one(store, second)
        judgement = decisions.merge(store, left, right, _author(author), why)
        entity = store.entity(left)
    assert entity is not None
    console.print(
        f"recorded {judgement.id}: {left} same as {right}; "
        f"now read as {entity.id} ({entity.caption})"
    )


@app.command()
def split(
    entity_id: Annotated[str, typer.Argument(help="The id to take out of its cluster.")],
    why: WhyOption,
    author: AuthorOption = None,
    db: DatabaseOption = None,
) -> None:
    """Take an id out of the entity it was merged into, and keep it apart from now on."""
    with open_store(db) as store:
        changed = decisions.split(store, entity_id, _author(author), why)
    for judgement in changed:
        state = "undone" if not judgement.active else "recorded"
        console.print(
            f"{state} {judgement.id}: {judgement.left_id} {judgement.verdict} {judgement.right_id}"
        )


@app.command()
def unmerge(
    entity_id: Annotated[str, typer.Argument(help="The id to take out of its cluster.")],
    why: WhyOption,
    author: AuthorOption = None,
    db: DatabaseOption = None,
) -> None:
    """Same as `split`."""
    split(entity_id, why, author, db)


@app.command("judgements")
def judgements_command(
    entity: Annotated[
        str | None, typer.Argument(help="An entity id or name; all when left out.")
    ] = None,
    db: DatabaseOption = None,
) -> None:
    """History of resolution decisions: who decided what, when and why, and what was undone."""
    with open_store(db) as store:
        ids = [_one(store, entity)] if entity else None
        found = store.judgements(ids)
    _print_judgements(found)


def _print_judgements(found: list[Judgement]) -> None:
    console.print(f"{len(found)} judgements")
    for j in found:
        score = f" score {j.score:.2f}" if j.score is not None else ""
        undone = ""
        if j.reverted_at is not None:
            undone = f" [yellow]undone {j.reverted_at:%Y-%m-%d %H:%M} by {j.reverted_by}[/]"
        console.print(
            f"{j.id}  {j.created_at:%Y-%m-%d %H:%M}  {j.author}: {j.left_id} [bold]{j.verdict}"
            f"[/] {j.right_id}{score}{undone}",
            highlight=False,
        )
        if j.reason:
            console.print(f"    [dim]{j.reason}[/]", highlight=False)


@app.command()
def undo(
    judgement_id: Annotated[str, typer.Argument(help="The judgement to undo (see `judgements`).")],
    author: AuthorOption = None,
    db: DatabaseOption = None,
) -> None:
    """Undo one judgement; the entities go back to what the other judgements make them."""
    with open_store(db) as store:
        judgement = decisions.undo(store, judgement_id, _author(author))
    console.print(
        f"undone {judgement.id}: {judgement.left_id} {judgement.verdict} {judgement.right_id}"
    )
