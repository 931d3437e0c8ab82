"""Round trips: export, import into an empty store, export again gives the same bundle; the demo
corpus exports as strictly valid STIX 2.1."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from overhorizon.model.statement import Statement
from overhorizon.sharing import (
    Marking,
    Recipient,
    export_bundle,
    import_bundle,
    validation_errors,
)
from overhorizon.sharing.extension import EXTENSION_ID, upstream_origin
from overhorizon.sharing.ids import stix_id
from overhorizon.store import SQLStore, open_store
from test_stix_scenario import CELL, COOPERATES, fill, scenario, visible_part


def _store(path: Path) -> SQLStore:
    return open_store(f"sqlite:///{path}")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SQLStore]:
    from overhorizon.extraction.pipeline import default_pipeline
    from overhorizon.reference import load_seed
    from overhorizon.sources.ingest import ingest

    with _store(tmp_path_factory.mktemp("demo") / "demo.db") as store:
        load_seed(store)
        with resources.as_file(resources.files("overhorizon.data") / "corpus") as corpus:
            ingest([str(corpus)], store, default_pipeline(store))
        yield store


@pytest.fixture(scope="module")
def demo_bundle(demo: SQLStore) -> dict[str, Any]:
    return export_bundle(demo, Recipient.unrestricted(), producer="Demo Agency").bundle


def _key(stmt: Statement) -> tuple[object, ...]:
    """A statement as the receiving side can know it: the hop that brought it aside."""
    return (
        stmt.entity_id,
        stmt.schema,
        stmt.prop,
        stmt.value,
        stmt.document_id,
        stmt.span_start,
        stmt.span_end,
        stmt.confidence,
        stmt.reliability,
        stmt.asserted_by,
        stmt.tlp,
        stmt.groups,
        stmt.first_seen,
        stmt.last_seen,
        upstream_origin(stmt.origin),
    )


@pytest.mark.slow
def test_the_demo_corpus_exports_as_strictly_valid_stix(demo_bundle: dict[str, Any]) -> None:
    assert validation_errors(demo_bundle) == []
    types = {obj["type"] for obj in demo_bundle["objects"]}
    assert types >= {"threat-actor", "identity", "location", "incident", "relationship", "report"}
    incidents = [o for o in demo_bundle["objects"] if o["type"] == "incident"]
    killed = [o for o in incidents if "killed" in o["extensions"][EXTENSION_ID].get("headline", {})]
    assert len(killed) > len(incidents) // 2


@pytest.mark.slow
def test_the_demo_corpus_round_trips(
    demo: SQLStore, demo_bundle: dict[str, Any], tmp_path: Path
) -> None:
    with _store(tmp_path / "copy.db") as copy:
        report = import_bundle(copy, demo_bundle)
        assert report.skipped == {} and report.invalid_values == 0
        assert report.unknown_markings == set()
        again = export_bundle(copy, Recipient.unrestricted(), producer="Demo Agency").bundle
        assert again == demo_bundle
        assert {_key(s) for s in copy.statements()} == {_key(s) for s in demo.statements()}
        assert len(copy.documents(limit=1000)) == len(demo.documents(limit=1000))


@pytest.mark.parametrize(
    "recipient",
    [Recipient.unrestricted(), Recipient("amber"), Recipient("green", frozenset({"hum"}))],
    ids=["everything", "amber", "green+hum"],
)
def test_markings_round_trip(store: SQLStore, recipient: Recipient, tmp_path: Path) -> None:
    documents, statements = scenario()
    fill(store, documents, statements)
    sent = export_bundle(store, recipient).bundle
    with _store(tmp_path / "received.db") as received:
        import_bundle(received, sent)
        assert export_bundle(received, recipient).bundle == sent
        got = {_key(s) for s in received.statements()}
    expected = {_key(s) for s in visible_part(recipient, documents, statements)[1]}
    assert {k for k in got if k[0] != COOPERATES} == {k for k in expected if k[0] != COOPERATES}
    cooperation = {k for k in got if k[0] == COOPERATES}
    if recipient.may_see(Marking("amber")):
        assert cooperation and {k[10] for k in cooperation} == {"amber"}, "raised to its end's"
    else:
        assert cooperation == set(), "an end the recipient may not see: not shared at all"


def test_a_relation_is_marked_at_least_as_its_ends(store: SQLStore) -> None:
    fill(store, *scenario())
    bundle = export_bundle(store, Recipient("amber")).bundle
    relation = next(o for o in bundle["objects"] if o["id"] == stix_id("relationship", COOPERATES))
    assert relation["target_ref"] == stix_id("threat-actor", CELL)
    assert relation["object_marking_refs"] == [
        "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"
    ]


def test_first_authors_survive_a_relay(store: SQLStore, tmp_path: Path) -> None:
    fill(store, *scenario())
    first = export_bundle(store, Recipient("amber"), producer="Agency A").bundle
    with _store(tmp_path / "b.db") as agency_b, _store(tmp_path / "c.db") as agency_c:
        import_bundle(agency_b, first)
        relayed = export_bundle(agency_b, Recipient("amber"), producer="Agency B").bundle
        import_bundle(agency_c, relayed)
        origins = {s.origin for s in agency_c.statements()}
        producer_b = stix_id("identity", "producer:Agency B")
        assert origins == {
            f"import:stix:{producer_b}/extractor:test@1",
            f"import:stix:{producer_b}/analyst:alice",
            f"import:stix:{producer_b}/analyst:bob",
        }
        final = export_bundle(agency_c, Recipient("amber"), producer="Agency A").bundle
    assert final == first
