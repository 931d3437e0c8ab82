"""The leak matrix: users of several organisations and clearances x marked objects x every read
path, each read checked for anything the user may not see.

    python scripts/leak_matrix.py [--db URL] [--quiet]

Every marked object carries a canary (a unique word in its name, value or text) and has an id;
a read leaks when its output holds the canary or the id of an object the rules say the user
may not see, or a count larger than what they may see. The expected visibility is worked out
here from the documented rules (docs/access-control.md), independently of the store's filter.
Adding a read path is one line in ``PATHS``. Exit status 1 when anything leaked.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from overhorizon.analysis.events import list_events
from overhorizon.analysis.profile import build_profile, find
from overhorizon.analysis.summary import summarise
from overhorizon.cli import app
from overhorizon.model.builder import StatementFactory, entity_id, relation_id
from overhorizon.model.document import Document
from overhorizon.model.statement import Statement
from overhorizon.policy.admin import Admin
from overhorizon.policy.audit_view import audit_entries
from overhorizon.policy.identity import get_user, store_for_user
from overhorizon.policy.partners import export_for_partner
from overhorizon.resolution import judgements as decisions
from overhorizon.store import SQLStore, StatementQuery, open_store
from overhorizon.store.sql import TOKEN_VARIABLE
from overhorizon.web import create_app

ORDER = ("clear", "green", "amber", "amber+strict", "red")
CEILINGS = {"allied": ("green", frozenset()), "rival": ("amber", frozenset({"joint"}))}
"""Partner organisations and the most each may receive of what others own."""
MARKINGS = [
    (tlp, groups, owner)
    for owner in ("local", "allied")
    for tlp in ORDER
    for groups in (frozenset(), frozenset({"ct-cell"}), frozenset({"joint"}))
]


@dataclass(frozen=True)
class Reader:
    name: str
    org: str
    clearance: str
    groups: frozenset[str] = frozenset()
    role: str = "analyst"


READERS = [
    Reader("local-clear", "local", "clear"),
    Reader("local-green", "local", "green"),
    Reader("local-amber", "local", "amber"),
    Reader("local-strict", "local", "amber+strict"),
    Reader("local-red", "local", "red"),
    Reader("local-red-cell", "local", "red", frozenset({"ct-cell", "joint"})),
    Reader("allied-red", "allied", "red", frozenset({"ct-cell"})),
    Reader("allied-amber", "allied", "amber"),
    Reader("rival-red-joint", "rival", "red", frozenset({"joint"}), "org_admin"),
    Reader("rival-green", "rival", "green", frozenset(), "reader"),
]


def may_see(reader: Reader, tlp: str, groups: frozenset[str], owner: str) -> bool:
    """The documented rule, written out again on its own."""
    if ORDER.index(tlp) > ORDER.index(reader.clearance) or not groups <= reader.groups:
        return False
    if tlp in ("amber+strict", "red") and owner != reader.org:
        return False
    if owner != reader.org and reader.org in CEILINGS:
        most, allowed = CEILINGS[reader.org]
        return ORDER.index(tlp) <= ORDER.index(most) and groups <= allowed
    return True


@dataclass
class Canary:
    """One marked object: what must not show where it is hidden."""

    kind: str
    words: list[str]
    marking: tuple[str, frozenset[str], str]
    schema: str | None = None
    """The type it counts under, for the count checks."""


@dataclass
class World:
    canaries: list[Canary] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)
    """Names of CLEAR entities everyone sees, each linked to hidden things."""
    base_counts: dict[str, int] = field(default_factory=dict)


def _word(i: int) -> str:
    return f"cnry{i:04d}x"


def build(store: SQLStore) -> World:
    admin = Admin(store)
    for org, (most, allowed) in CEILINGS.items():
        admin.add_organisation(org, max_tlp=most, max_groups=allowed)
    admin.add_group("ct-cell", org="local")
    admin.add_group("joint", org="local")
    world = World()
    writers = {
        "local": store,
        "allied": _as(
            store, admin, Reader("allied-writer", "allied", "red", frozenset({"ct-cell", "joint"}))
        ),
    }
    count = 0
    for tlp, groups, owner in MARKINGS:
        marking = (tlp, groups, owner)
        make = StatementFactory("analyst:matrix", tlp=tlp, groups=groups)
        clear = StatementFactory("analyst:matrix")
        stmts: list[Statement] = []
        docs: list[Document] = []
        count += 1
        w = _word(count)
        group = entity_id("ArmedGroup", f"Group {w}")
        stmts.append(make.make(group, "ArmedGroup", "name", f"Group {w}"))
        world.canaries.append(Canary("entity", [w, group], marking, "ArmedGroup"))
        count += 1
        w = _word(count)
        attack = entity_id("Attack", w)
        stmts += [
            make.make(attack, "Attack", "name", f"Attack {w}"),
            make.make(attack, "Attack", "date", "2024-05-01"),
            make.make(attack, "Attack", "killed", "7"),
        ]
        world.canaries.append(Canary("event", [w, attack], marking, "Attack"))
        count += 1
        w = _word(count)
        anchor = f"Anchor a{count}"
        left, right = (entity_id("ArmedGroup", f"{anchor} {s}") for s in ("L", "R"))
        world.anchors.append(f"{anchor} L")
        stmts += [
            clear.make(left, "ArmedGroup", "name", f"{anchor} L"),
            clear.make(right, "ArmedGroup", "name", f"{anchor} R"),
            *make.relation("CooperatesWith", left, right, role=f"pact {w}"),
        ]
        rel = relation_id("CooperatesWith", left, right)
        world.canaries.append(Canary("relation", [w, rel], marking, "CooperatesWith"))
        count += 1
        w = _word(count)
        rival = relation_id("RivalOf", left, group)
        stmts += clear.relation("RivalOf", left, group, role=f"feud {w}")
        world.canaries.append(Canary("relation to it", [w, rival], marking, "RivalOf"))
        count += 1
        w = _word(count)
        doc = Document(
            text=f"Report {w}: the anchor {left} was seen near the border.",
            title=f"Report {w}",
            source=f"vault/{w}.md",
            published=date(2024, 5, 2),
            tlp=tlp,
            groups=groups,
        )
        docs.append(doc)
        from_doc = StatementFactory("extractor:matrix@1", document=doc)
        from_doc.tlp, from_doc.groups = "clear", frozenset()
        stmts.append(from_doc.make(left, "ArmedGroup", "description", f"seen {w}", span=(0, 12)))
        world.canaries.append(Canary("document", [w, doc.id], marking))
        count += 1
        w = _word(count)
        member = entity_id("ArmedGroup", f"Wing {w}")
        stmts.append(make.make(member, "ArmedGroup", "name", f"Wing {w}"))
        with writers[owner].writer() as writer:
            for document in docs:
                writer.add_document(document)
            writer.add_statements(stmts)
        judgement = decisions.merge(store, left, member, "matrix", f"wing {w}")
        world.canaries.append(
            Canary("merged member", [w, member, judgement.id], marking, "ArmedGroup")
        )
    return world


def _as(store: SQLStore, admin: Admin, reader: Reader) -> SQLStore:
    """Make the user (once) and return the store as they read it."""
    with store.engine.connect() as conn:
        user = get_user(conn, name=reader.name)
    if user is None:
        user = admin.add_user(
            reader.name, org=reader.org, role=reader.role, clearance=reader.clearance,
            groups=sorted(reader.groups),
        )  # fmt: skip
    return store_for_user(store, user)


@dataclass
class Ctx:
    store: SQLStore
    db: str
    token: str
    world: World
    reader: Reader


runner = CliRunner()


def cli(ctx: Ctx, *args: str) -> str:
    result = runner.invoke(app, [*args, "--db", ctx.db], env={TOKEN_VARIABLE: ctx.token})
    return result.output + (str(result.exception) if result.exception else "")


def dump(value: Any) -> str:
    return json.dumps(value, default=lambda o: getattr(o, "__dict__", str(o)), ensure_ascii=False)


def _all_ids(ctx: Ctx) -> list[str]:
    return [i for c in ctx.world.canaries for i in c.words[1:]]


def _profiles(ctx: Ctx) -> str:
    found = [ctx.store.entity(i) for a in ctx.world.anchors for i in find(ctx.store, a)[:1]]
    return dump([build_profile(ctx.store, e) for e in found if e is not None])


def _audit(ctx: Ctx) -> str:
    try:
        return dump([e.as_dict() for e in audit_entries(ctx.store, limit=100_000)])
    except Exception as exc:
        return str(exc)


def _show_names(ctx: Ctx) -> str:
    """``show`` by the name of each marked group, without the echo of the name asked for."""
    names = [f"Group {c.words[0]}" for c in ctx.world.canaries if c.kind == "entity"]
    return "".join(cli(ctx, "show", name).replace(name, "") for name in names[::2])


_APPS: dict[str, tuple[FastAPI, TestClient]] = {}


def api(ctx: Ctx, *urls: str) -> str:
    """GET each URL of the web app as the reader (bearer token); the bodies of the answers
    that found something (a 404 names the id asked for, and answers like a missing one)."""
    if ctx.db not in _APPS:
        web = create_app(ctx.db)
        _APPS[ctx.db] = (web, TestClient(web))
    client = _APPS[ctx.db][1]
    bodies = []
    for url in urls:
        response = client.get(url, headers={"Authorization": f"Bearer {ctx.token}"})
        if response.status_code == 200:
            bodies.append(re.sub(r'"query":"[^"]*"', "", response.text))
    return "".join(bodies)


_STATEMENTS: dict[str, list[Statement]] = {}


def _every(ctx: Ctx) -> list[Statement]:
    """Every statement there is (read once, as the local operator), to ask for each by id."""
    if ctx.db not in _STATEMENTS:
        with open_store(ctx.db) as store:
            _STATEMENTS[ctx.db] = list(store.statements())
    return _STATEMENTS[ctx.db]


def _anchor_ids(ctx: Ctx) -> list[str]:
    return [i for a in ctx.world.anchors for i in find(ctx.store, a)[:1]]


def _partner(ctx: Ctx) -> str:
    return "".join(export_for_partner(ctx.store, p).json() for p in CEILINGS)


PATHS: list[tuple[str, Callable[[Ctx], str]]] = [
    ("store.statements", lambda c: dump(list(c.store.statements()))),
    (
        "store.statements(by reference)",
        lambda c: dump(
            list(c.store.statements(StatementQuery(props=["source", "target"], values=_all_ids(c))))
        ),
    ),
    (
        "store.references",
        lambda c: dump(c.store.references(_all_ids(c), ["source", "target"])),
    ),
    ("store.entity(each id)", lambda c: dump([c.store.entity(i) for i in _all_ids(c)])),
    ("store.entities", lambda c: dump(c.store.entities(c.store.entity_ids()))),
    ("store.entity_ids", lambda c: dump(c.store.entity_ids())),
    (
        "store.ids_by_name",
        lambda c: dump([c.store.ids_by_name(f"Group {x.words[0]}") for x in c.world.canaries]),
    ),
    (
        "store.search_names",
        lambda c: dump([c.store.search_names(x.words[0]) for x in c.world.canaries]),
    ),
    (
        "store.search_documents",
        lambda c: dump([c.store.search_documents(x.words[0]) for x in c.world.canaries]),
    ),
    ("store.get_document", lambda c: dump([c.store.get_document(i) for i in _all_ids(c)])),
    ("store.documents", lambda c: dump(c.store.documents(limit=1000))),
    ("store.canonical_ids", lambda c: dump(c.store.canonical_ids(c.store.entity_ids()))),
    ("store.cluster", lambda c: dump([c.store.cluster(i) for i in c.store.entity_ids()])),
    ("store.judgements", lambda c: dump(c.store.judgements())),
    ("store.get_judgement", lambda c: dump([c.store.get_judgement(i) for i in _all_ids(c)])),
    ("analysis.list_events", lambda c: dump([r.as_dict() for r in list_events(c.store)])),
    ("analysis.profiles", _profiles),
    ("analysis.summary", lambda c: dump(summarise(c.store, top=1000))),
    ("policy.audit_entries", _audit),
    ("policy.export_for_partner", _partner),
    ("cli show", lambda c: "".join(cli(c, "show", a) for a in c.world.anchors[:6])),
    ("cli show (hidden names)", _show_names),
    ("cli entities", lambda c: cli(c, "entities", "--limit", "10000")),
    ("cli entities QUERY", lambda c: cli(c, "entities", "cnry")),
    ("cli events", lambda c: cli(c, "events", "--format", "json")),
    ("cli export statements", lambda c: cli(c, "export", "statements")),
    ("cli export entities", lambda c: cli(c, "export", "entities")),
    ("cli export events", lambda c: cli(c, "export", "events")),
    ("cli stix export", lambda c: cli(c, "stix", "export", "--max-tlp", "red", "--all-groups")),
    ("cli judgements", lambda c: cli(c, "judgements")),
    ("cli audit show", lambda c: cli(c, "audit", "show", "--limit", "100000")),
    ("cli admin audit", lambda c: cli(c, "admin", "audit", "--limit", "100000")),
    ("api search", lambda c: api(c, *[f"/api/search?q={x.words[0]}" for x in c.world.canaries])),
    ("api entities", lambda c: api(c, "/api/entities?limit=500", "/api/entities?q=cnry")),
    ("api entity(each id)", lambda c: api(c, *[f"/api/entities/{i}" for i in _all_ids(c)])),
    ("api relations", lambda c: api(c, *[f"/api/entities/{i}/relations" for i in _anchor_ids(c)])),
    ("api statements", lambda c: api(c, *[f"/api/statements?entity={i}" for i in _all_ids(c)])),
    ("api statement(each id)", lambda c: api(c, *[f"/api/statements/{s.id}" for s in _every(c)])),
    ("api events", lambda c: api(c, "/api/events?limit=500", "/api/events/overview")),
    ("api events csv", lambda c: api(c, "/api/events?format=csv")),
    ("api network", lambda c: api(c, "/api/network")),
    ("api documents", lambda c: api(c, "/api/documents?limit=500")),
    ("api document(each id)", lambda c: api(c, *[f"/api/documents/{i}" for i in _all_ids(c)])),
    ("api judgements", lambda c: api(c, "/api/judgements?limit=500", "/api/review/queue")),
    ("api audit", lambda c: api(c, "/api/audit?limit=1000")),
    ("page profiles", lambda c: api(c, *[f"/entities/{i}" for i in _anchor_ids(c)[:12]])),
    ("page events", lambda c: api(c, "/events", "/")),
    ("page network", lambda c: api(c, "/network")),
    ("page documents", lambda c: api(c, "/documents")),
    ("page review", lambda c: api(c, "/review")),
]
"""Every read path there is; one line each."""

SHOWN_PATHS = frozenset({"store.statements", "cli export statements", "cli stix export"})
"""Paths that must also show every marked object the reader may see (the matrix would
otherwise pass a filter that hides everything)."""

COUNT_PATHS: list[tuple[str, Callable[[Ctx], dict[str, int]]]] = [
    ("store.counts", lambda c: c.store.counts()),
    ("analysis.summary counts", lambda c: summarise(c.store).counts),
]


def _unexported(path: str, canary: Canary) -> bool:
    """What STIX does not carry: a relationship's role, a document's statement text."""
    return path == "cli stix export" and canary.kind in ("relation", "relation to it", "document")


def expected_counts(world: World, reader: Reader) -> dict[str, int]:
    found = dict(world.base_counts)
    for canary in world.canaries:
        if canary.schema and canary.kind != "merged member" and may_see(reader, *canary.marking):
            found[canary.schema] = found.get(canary.schema, 0) + 1
    return found


@dataclass
class Tally:
    checked: int = 0
    leaked: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    shown: int = 0
    missing: list[str] = field(default_factory=list)


def run(db: str, quiet: bool, readers: list[Reader] | None = None) -> Tally:
    """Build the world in the empty database ``db`` and read it as every reader."""
    tally = Tally()
    with open_store(db) as store:
        world = build(store)
        admin = Admin(store)
        everyone = Reader("baseline", "local", "clear")
        world.base_counts = {
            k: v
            for k, v in _as(store, admin, everyone).counts().items()
            if k in ("ArmedGroup", "Attack", "CooperatesWith", "RivalOf")
        }
        for canary in world.canaries:
            if (
                canary.schema
                and canary.kind != "merged member"
                and may_see(everyone, *canary.marking)
            ):
                world.base_counts[canary.schema] -= 1
        for reader in readers or READERS:
            seen = _as(store, admin, reader)
            token = admin.create_token(reader.name, days=1)[1]
            ctx = Ctx(seen, db, token, world, reader)
            hidden = [c for c in world.canaries if not may_see(reader, *c.marking)]
            visible = [c for c in world.canaries if may_see(reader, *c.marking)]
            for name, path in PATHS:
                started = time.perf_counter()
                output = path(ctx)
                tally.seconds[name] = tally.seconds.get(name, 0.0) + time.perf_counter() - started
                for canary in visible if name in SHOWN_PATHS else []:
                    tally.shown += 1
                    if canary.words[0] not in output and not _unexported(name, canary):
                        tally.missing.append(f"{reader.name} {name}: {canary.kind}")
                for canary in hidden:
                    tally.checked += 1
                    if any(word in output for word in canary.words):
                        what = f"{canary.kind} {canary.marking[0]} {canary.words[0]}"
                        tally.leaked.append(f"{reader.name} {name}: {what}")
            expected = expected_counts(world, reader)
            for name, counter in COUNT_PATHS:
                counts = counter(ctx)
                for schema, most in expected.items():
                    tally.checked += 1
                    if counts.get(schema, 0) > most:
                        tally.leaked.append(
                            f"{reader.name} {name}: {schema} {counts.get(schema)} > {most}"
                        )
            if not quiet:
                print(
                    f"{reader.name:16} {len(hidden):3} hidden objects x {len(PATHS)} paths",
                    file=sys.stderr,
                )
    for web, _client in _APPS.values():
        web.state.store.close()
    _APPS.clear()
    _STATEMENTS.clear()
    return tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", help="An empty database URL (default: a temporary SQLite file).")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("OVERHORIZON_AUDIT_KEY", str(Path(tmp) / "audit-key.pem"))
        os.environ.pop(TOKEN_VARIABLE, None)
        tally = run(args.db or f"sqlite:///{Path(tmp) / 'matrix.db'}", args.quiet)
    if not args.quiet:
        for name, spent in sorted(tally.seconds.items(), key=lambda kv: -kv[1]):
            print(f"{spent:7.1f}s  {name}", file=sys.stderr)
    for line in tally.leaked[:50]:
        print("LEAK", line)
    print(
        f"{len(READERS)} users x {len(MARKINGS) * 6} marked objects x {len(PATHS)} read paths "
        f"(+{len(COUNT_PATHS)} count paths): {tally.checked} reads checked, "
        f"{len(tally.leaked)} leaked; {tally.shown} visible objects looked for, "
        f"{len(tally.missing)} missing"
    )
    for line in tally.missing[:20]:
        print("MISSING", line)
    sys.exit(1 if tally.leaked else 0)


if __name__ == "__main__":
    main()
