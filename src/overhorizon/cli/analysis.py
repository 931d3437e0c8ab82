"""Commands that read the picture: entities, profiles and events."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import Annotated

import typer
from rich.table import Table

from overhorizon.analysis.events import EventFilter, EventRow, list_events, write_csv
from overhorizon.analysis.profile import Profile, build_profile, find
from overhorizon.cli.app import DatabaseOption, app, console
from overhorizon.errors import NotFoundError
from overhorizon.model.model import load_model
from overhorizon.store import open_store


class OutputFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


@app.command()
def entities(
    query: Annotated[str | None, typer.Argument(help="A name or alias, or words of one.")] = None,
    schema: Annotated[
        str | None, typer.Option("--type", "-t", help="Only this type, e.g. ArmedGroup.")
    ] = None,
    limit: Annotated[int, typer.Option(help="At most this many rows.")] = 50,
    db: DatabaseOption = None,
) -> None:
    """Search groups, people and places by name or alias (any spelling); list them without QUERY."""
    model = load_model()
    wanted = [s.name for s in model.descendants(model.by_key(schema).name)] if schema else None
    with open_store(db) as store:
        if query:
            ids = list(dict.fromkeys([*store.ids_by_name(query), *find(store, query)]))
        else:
            non_relations = [s.name for s in model if not s.is_relation and not s.abstract]
            ids = store.entity_ids(wanted or non_relations, limit=limit)
        found = [e for e in store.entities(ids) if wanted is None or e.schema in wanted][:limit]
    table = Table("id", "type", "name", "aliases", title=f"{len(found)} entities")
    for entity in found:
        aliases = [n for n in entity.names if n != entity.caption]
        more = f" (+{len(aliases) - 4})" if len(aliases) > 4 else ""
        table.add_row(entity.id, entity.schema, entity.caption, ", ".join(aliases[:4]) + more)
    console.print(table)


@app.command()
def show(
    name: Annotated[str, typer.Argument(help="A name, alias or id: ISKP, 'ISIS-K', ...")],
    db: DatabaseOption = None,
) -> None:
    """Profile of a group, person, place or event: every statement with its source sentence."""
    with open_store(db) as store:
        ids = find(store, name)
        if not ids:
            raise NotFoundError(f"nothing is known under the name {name!r}")
        entity = store.entity(ids[0])
        assert entity is not None
        profile = build_profile(store, entity)
    _print_profile(profile)
    if len(ids) > 1:
        console.print(
            f"\n[dim]{len(ids) - 1} other entities also match {name!r}: {', '.join(ids[1:6])}[/]"
        )


def _print_profile(profile: Profile) -> None:
    entity = profile.entity
    console.print(f"[bold]{entity.caption}[/]  [dim]{entity.schema} · {entity.id}[/]")
    if profile.aliases:
        console.print(f"[bold]Also known as[/] {'; '.join(profile.aliases)}")
    for prop in profile.properties:
        flag = "  [yellow](sources disagree)[/]" if prop.conflicting else ""
        console.print(f"\n[bold]{prop.label}[/]{flag}")
        for claim in prop.claims:
            console.print(f"  • {claim.value}  [dim]({len(claim.sources)} source(s))[/]")
            for source in claim.sources[:3]:
                _print_source(source.label, source.sentence, source.asserted_by)
    if profile.relations:
        console.print("\n[bold]Relations[/]")
        for rel in profile.relations:
            when = " – ".join(x for x in (rel.start, rel.end) if x)
            console.print(f"  • {rel.label} [bold]{rel.other}[/] {f'({when})' if when else ''}")
            for source in rel.sources[:2]:
                _print_source(source.label, source.sentence, source.asserted_by)
    if profile.mentions:
        documents = {m.document_id for m in profile.mentions}
        console.print(f"\n[bold]Named in[/] {len(documents)} document(s)")
        shown: set[str | None] = set()
        for mention in profile.mentions:
            if mention.document_id in shown or len(shown) >= 5:
                continue
            shown.add(mention.document_id)
            _print_source(mention.label, mention.sentence, None)


def _print_source(label: str, sentence: str | None, asserted_by: str | None) -> None:
    who = f" — according to {asserted_by}" if asserted_by else ""
    console.print(f"      [dim]{label}[/]{who}", highlight=False)
    if sentence:
        console.print(f"      [italic]“{sentence}”[/]", highlight=False)


@app.command()
def events(
    group: Annotated[str | None, typer.Option(help="Perpetrator, by any name or alias.")] = None,
    country: Annotated[str | None, typer.Option(help="ISO 3166-1 alpha-2 code, e.g. AF.")] = None,
    since: Annotated[str | None, typer.Option(help="From this date: YYYY[-MM[-DD]].")] = None,
    until: Annotated[str | None, typer.Option(help="Up to this date: YYYY[-MM[-DD]].")] = None,
    attack_type: Annotated[
        str | None, typer.Option("--type", help="Attack type, e.g. suicide_bombing.")
    ] = None,
    min_killed: Annotated[int | None, typer.Option(help="At least this many killed.")] = None,
    output: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.table,
    db: DatabaseOption = None,
) -> None:
    """Attacks and other events, the deadliest first, with headline figures and sources."""
    with open_store(db) as store:
        group_ids = None
        if group:
            group_ids = frozenset(find(store, group))
            if not group_ids:
                raise NotFoundError(f"no group is known under the name {group!r}")
        where = EventFilter(group_ids, country, since, until, attack_type, min_killed)
        rows = list_events(store, where)
    if output is OutputFormat.json:
        for row in rows:
            sys.stdout.write(json.dumps(row.as_dict(), ensure_ascii=False) + "\n")
    elif output is OutputFormat.csv:
        write_csv(rows, sys.stdout)
    else:
        _print_events(rows)


def _print_events(rows: list[EventRow]) -> None:
    table = Table(
        "date",
        "type",
        "place",
        "perpetrator",
        "killed",
        "injured",
        "sources",
        title=f"{len(rows)} events",
    )
    for row in rows:
        perp = f"{row.perpetrator} ({row.responsibility})" if row.perpetrator else "unknown"
        table.add_row(
            row.date or "?",
            row.attack_type or row.schema,
            ", ".join(x for x in (row.place, row.country) if x) or "?",
            perp,
            row.killed.label if row.killed else "",
            row.injured.label if row.injured else "",
            str(len(row.sources)),
        )
    console.print(table)
