"""A document's events and relations as plain data, built only from its statements.

The CLI prints this view, and tests compare it with gold labels; since it is derived from the
very statements that are stored, what is printed and what is stored cannot disagree. Where
statements conflict (a toll of 61, then 80), the view shows the most confident one, then the
larger count, and the statements keep both.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from pathlib import PurePath
from typing import Any

from overhorizon.extraction.timex import precision
from overhorizon.model.document import Document
from overhorizon.model.entity import Entity
from overhorizon.model.model import load_model
from overhorizon.model.statement import Statement
from overhorizon.model.types import Quantity

_RESPONSIBILITY_ORDER = ("claimed", "attributed", "suspected")
_EVENT_LINKS = frozenset({"Claimed", "AttributedTo", "Targeted"})


def _best(statements: list[Statement], prop: str) -> Statement | None:
    rows = [s for s in statements if s.prop == prop]
    if not rows:
        return None

    def weight(stmt: Statement) -> tuple[float, int, int]:
        amount = 0
        if prop in {"killed", "injured", "attackersKilled"}:
            amount = Quantity.parse(stmt.value).best or 0
        return (stmt.confidence, amount, -(stmt.span_start or 0))

    return max(rows, key=weight)


def _value(statements: list[Statement], prop: str) -> str | None:
    best = _best(statements, prop)
    return best.value if best is not None else None


def _count(statements: list[Statement], prop: str) -> dict[str, int | None] | None:
    value = _value(statements, prop)
    if value is None:
        return None
    quantity = Quantity.parse(value)
    return {"min": quantity.min, "max": quantity.max}


def _evidence(document: Document, start: int | None, end: int | None) -> dict[str, Any]:
    return {"start": start, "end": end, "text": document.text[start or 0 : end or 0]}


def _year(day: str | None) -> str | None:
    """A relation's time as the output gives it: the year of its start date."""
    return day[:4] if day else None


def _number(text: str | None) -> float | None:
    return float(text) if text is not None else None


def document_view(document: Document, statements: Sequence[Statement]) -> dict[str, Any]:
    """``{"doc", "published", "events": [...], "relations": [...]}`` for one document."""
    model = load_model()
    by_entity: dict[str, list[Statement]] = defaultdict(list)
    for stmt in statements:
        by_entity[stmt.entity_id].append(stmt)
    names = {
        eid: Entity.from_statements(eid, rows).caption
        for eid, rows in by_entity.items()
        if any(s.prop == "name" for s in rows)
    }
    links: dict[str, list[tuple[str, str, Statement]]] = defaultdict(list)
    targeted: dict[str, list[tuple[str, Statement]]] = defaultdict(list)
    relations: list[dict[str, Any]] = []
    for rows in by_entity.values():
        schema = rows[0].schema
        if schema not in model or not model[schema].is_relation:
            continue
        source, target = _value(rows, "source"), _value(rows, "target")
        if source is None or target is None:
            continue
        if schema == "Claimed":
            links[target].extend(("claimed", source, s) for s in rows if s.prop == "source")
        elif schema == "AttributedTo":
            for stmt in rows:
                if stmt.prop == "certainty":
                    links[source].append((stmt.value, target, stmt))
        elif schema == "Targeted":
            targeted[source].extend((target, s) for s in rows if s.prop == "target")
        elif schema not in _EVENT_LINKS:
            relations.extend(_relation_rows(document, schema, rows, names, source, target))
    events = [
        _event(document, rows, links.get(eid, []), names)
        for eid, rows in by_entity.items()
        if rows[0].schema == "Attack"
    ]
    for event in events:
        relations.extend(_event_rows(document, event, links, targeted, names))
    events.sort(key=lambda e: e["evidence"][0]["start"] if e["evidence"] else 0)
    relations.sort(key=lambda r: (r["evidence"]["start"] or 0, r["type"]))
    source = PurePath(document.source).name if document.source else None
    return {
        "doc": source or document.title or document.id,
        "published": document.published.isoformat() if document.published else None,
        "events": events,
        "relations": relations,
    }


def _event(
    document: Document,
    rows: list[Statement],
    links: list[tuple[str, str, Statement]],
    names: dict[str, str],
) -> dict[str, Any]:
    date = _value(rows, "date")
    perpetrator, responsibility = None, "unknown"
    chosen = _responsible(links)
    if chosen is not None:
        kind, actor, _ = chosen
        perpetrator, responsibility = names.get(actor, actor), kind
    spans = sorted(
        {(s.span_start, s.span_end) for s in [*rows, *(link[2] for link in links)]},
        key=lambda span: span[0] or 0,
    )
    return {
        "id": rows[0].entity_id,
        "type": _value(rows, "attackType"),
        "name": _value(rows, "name"),
        "date": date,
        "date_precision": precision(date) if date else None,
        "place": _value(rows, "placeName"),
        "country": _value(rows, "country"),
        "lat": _number(_value(rows, "latitude")),
        "lon": _number(_value(rows, "longitude")),
        "perpetrator": perpetrator,
        "responsibility": responsibility,
        "killed": _count(rows, "killed"),
        "injured": _count(rows, "injured"),
        "attackers_killed": _count(rows, "attackersKilled"),
        "targets": sorted({s.value for s in rows if s.prop == "targetDescription"}),
        "victims": sorted({s.value for s in rows if s.prop == "victim"})
        + sorted({s.value for s in rows if s.prop == "victimDescription"}),
        "weapons": sorted({s.value for s in rows if s.prop == "weapon"}),
        "evidence": [_evidence(document, start, end) for start, end in spans if start is not None],
    }


def _responsible(links: list[tuple[str, str, Statement]]) -> tuple[str, str, Statement] | None:
    """The event's perpetrator link: a claim before an attribution before a suspicion, then
    the most confident."""
    if not links:
        return None
    return min(links, key=lambda link: (_RESPONSIBILITY_ORDER.index(link[0]), -link[2].confidence))


def _event_rows(
    document: Document,
    event: dict[str, Any],
    links: dict[str, list[tuple[str, str, Statement]]],
    targeted: dict[str, list[tuple[str, Statement]]],
    names: dict[str, str],
) -> list[dict[str, Any]]:
    """The relation rows an event carries: each claim of it ("claimed", the event's name as the
    target), and its perpetrator "attacked" each known actor it targeted."""
    year = _year(event["date"])
    rows = [
        _row(
            names.get(actor, actor),
            "claimed",
            event["name"] or event["id"],
            year,
            None,
            stmt.asserted_by,
            _evidence(document, stmt.span_start, stmt.span_end),
        )
        for kind, actor, stmt in links.get(event["id"], [])
        if kind == "claimed"
    ]
    chosen = _responsible(links.get(event["id"], []))
    if chosen is None:
        return rows
    _, perpetrator, said = chosen
    rows.extend(
        _row(
            names.get(perpetrator, perpetrator),
            "attacked",
            names.get(actor, actor),
            year,
            None,
            said.asserted_by,
            _evidence(document, stmt.span_start, stmt.span_end),
        )
        for actor, stmt in targeted.get(event["id"], [])
    )
    return rows


def _row(
    source: str,
    kind: str,
    target: str,
    time: str | None,
    role: str | None,
    asserted_by: str | None,
    evidence: dict[str, Any],
) -> dict[str, Any]:
    """One relation as the output gives it."""
    return {
        "source": source,
        "type": kind,
        "target": target,
        "time": time,
        "role": role,
        "asserted_by": asserted_by,
        "evidence": evidence,
    }


def _relation_rows(
    document: Document,
    schema: str,
    rows: list[Statement],
    names: dict[str, str],
    source: str,
    target: str,
) -> list[dict[str, Any]]:
    """One row per sentence that states the relation."""
    out = []
    by_span: dict[tuple[int | None, int | None], list[Statement]] = defaultdict(list)
    for stmt in rows:
        by_span[(stmt.span_start, stmt.span_end)].append(stmt)
    for (start, end), found in by_span.items():
        anchor = next((s for s in found if s.prop == "source"), found[0])
        out.append(
            _row(
                names.get(source, source),
                load_model()[schema].key,
                names.get(target, target),
                _year(_value(found, "startDate")),
                _value(found, "role"),
                anchor.asserted_by,
                _evidence(document, start, end),
            )
        )
    return out
