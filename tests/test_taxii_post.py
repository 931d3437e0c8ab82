"""POST to a collection over real HTTP: a status resource per envelope, statements that carry
the poster's markings and organisation, and listings that follow every write."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import requests
import stix2
from stix2.datastore.taxii import TAXIICollectionStore
from taxii2client.v21 import Collection, Server, Status

from overhorizon.audit import AuditLog
from overhorizon.errors import InvalidValueError, NotFoundError
from overhorizon.sharing.ids import stix_id
from overhorizon.sharing.markings import TLP2_IDS
from overhorizon.sharing.taxii.collections import add_collection, remove_collection
from overhorizon.sharing.taxii.media import TAXII_21
from overhorizon.store import SQLStore, open_store
from overhorizon.store.base import StatementQuery
from test_taxii_support import ALPHA, BRANCH, BRAVO, PASSWORD, LiveServer, build_world, serving

pytestmark = pytest.mark.store

STAMP = "2024-05-01T10:00:00.000Z"


@pytest.fixture
def live(store_url: str) -> Iterator[LiveServer]:
    with open_store(store_url) as store:
        build_world(store)
    with serving(store_url) as server:
        yield server


def _collection(live: LiveServer, alias: str, user: str) -> Collection:
    root = Server(live.taxii, user=user, password=PASSWORD).api_roots[0]
    return next(c for c in root.collections if c.alias == alias)


def _actor(name: str, tlp: str | None = None, **extra: Any) -> dict[str, Any]:
    obj: dict[str, Any] = {
        "type": "threat-actor",
        "spec_version": "2.1",
        "id": f"threat-actor--{uuid.uuid4()}",
        "created": STAMP,
        "modified": STAMP,
        "name": name,
        "threat_actor_types": ["terrorist"],
        **extra,
    }
    if tlp is not None:
        obj["object_marking_refs"] = [TLP2_IDS[tlp]]
    return obj


def _ids(collection: Collection) -> set[str]:
    return {o["id"] for o in collection.get_objects().get("objects", [])}


def _statements(url: str, entity_id: str) -> list[Any]:
    with open_store(url) as store:
        return list(store.statements(StatementQuery(entity_ids=[entity_id])))


def test_post_returns_a_status_and_imports_with_the_posters_markings(
    live: LiveServer, store_url: str
) -> None:
    green = _collection(live, "tlp-green", "ana")
    fox = _actor("Foxtrot Cell", "green")
    golf = _actor("Golf Unit")
    amber = _actor("Hotel Amber", "amber")
    unknown = {
        "type": "x-unknown-thing",
        "spec_version": "2.1",
        "id": f"x-unknown-thing--{uuid.uuid4()}",
        "created": STAMP,
        "modified": STAMP,
    }
    link = {
        "type": "relationship",
        "spec_version": "2.1",
        "id": f"relationship--{uuid.uuid4()}",
        "created": STAMP,
        "modified": STAMP,
        "relationship_type": "cooperates-with",
        "source_ref": fox["id"],
        "target_ref": golf["id"],
        "object_marking_refs": [TLP2_IDS["green"]],
    }
    status = green.add_objects({"objects": [fox, golf, amber, unknown, link]})
    assert status.status == "complete"
    assert status.total_count == 5
    assert status.success_count == 3 and status.failure_count == 2
    assert {s["id"] for s in status.successes} == {fox["id"], golf["id"], link["id"]}
    reasons = {f["id"]: f["message"] for f in status.failures}
    assert reasons[amber["id"]] == "marked above this collection"
    assert reasons[unknown["id"]].startswith("not imported")
    assert all(s["version"] == STAMP for s in status.successes)

    again = Status(status.url, user="ana", password=PASSWORD)
    assert again.id == status.id and again.success_count == 3
    other = requests.get(
        status.url, auth=("rex", PASSWORD), headers={"Accept": TAXII_21}, timeout=60
    )
    assert other.status_code == 404

    stored = _statements(store_url, fox["id"])
    assert stored and {(s.tlp, s.origin) for s in stored} == {("green", "import:stix:local")}
    assert {s.tlp for s in _statements(store_url, golf["id"])} == {"clear"}
    assert not _statements(store_url, amber["id"])
    listed = _ids(green)
    assert {fox["id"], golf["id"], link["id"]} <= listed and amber["id"] not in listed
    assert fox["id"] in _ids(_collection(live, "tlp-green", "ally"))
    assert fox["id"] not in _ids(_collection(live, "tlp-clear", "ally"))


def test_a_partners_post_is_its_own_and_is_not_sent_back(live: LiveServer, store_url: str) -> None:
    mine = _actor("India Group", "green")
    status = _collection(live, "tlp-green", "ally").add_objects({"objects": [mine]})
    assert status.success_count == 1
    stored = _statements(store_url, mine["id"])
    assert {(s.tlp, s.origin) for s in stored} == {("green", "import:stix:allied")}
    with open_store(store_url) as store:
        owners = _owners(store, mine["id"])
    assert owners == {"allied"}
    assert mine["id"] in _ids(_collection(live, "tlp-green", "ana"))
    assert mine["id"] in _ids(_collection(live, "tlp-green", "rita"))
    assert mine["id"] not in _ids(_collection(live, "tlp-green", "ally"))


def _owners(store: SQLStore, entity_id: str) -> set[str]:
    from sqlalchemy import select

    from overhorizon.store.tables import statements

    sql = select(statements.c.org).where(statements.c.entity_id == entity_id)
    with store.engine.connect() as conn:
        return set(conn.execute(sql).scalars())


def test_need_to_know_collection_adds_its_group(live: LiveServer, store_url: str) -> None:
    cell = _collection(live, "group-ct-cell", "ana")
    secret = _actor("Juliet Ring", "amber")
    assert cell.add_objects({"objects": [secret]}).success_count == 1
    assert {(s.tlp, s.groups) for s in _statements(store_url, secret["id"])} == {
        ("amber", frozenset({"ct-cell"}))
    }
    assert secret["id"] in _ids(cell)
    assert secret["id"] not in _ids(_collection(live, "tlp-amber", "ana"))
    assert secret["id"] not in _ids(_collection(live, "tlp-amber", "rita"))


def test_stix2_taxii_store_round_trip(live: LiveServer) -> None:
    store = TAXIICollectionStore(_collection(live, "tlp-green", "ana"), items_per_page=5)
    actor = stix2.v21.ThreatActor(
        name="Kilo Front",
        threat_actor_types=["terrorist"],
        object_marking_refs=[stix2.v21.TLP_GREEN],
    )
    store.add(actor)
    found = store.get(actor.id)
    assert found is not None and found["name"] == "Kilo Front"
    assert TLP2_IDS["green"] in found["object_marking_refs"]
    names = {o["name"] for o in store.query([stix2.Filter("type", "=", "threat-actor")])}
    assert {"Kilo Front", "Alpha Front", "Bravo Brigade"} <= names


def test_listings_follow_every_write(live: LiveServer, store_url: str) -> None:
    green = _collection(live, "tlp-green", "ally")
    before = _ids(green)
    assert {stix_id("threat-actor", BRAVO), stix_id("relationship", BRANCH)} <= before
    added = _added(green, stix_id("threat-actor", ALPHA))
    with open_store(store_url) as store:
        bravo = [s.id for s in store.statements(StatementQuery(entity_ids=[BRAVO]))]
        with store.writer() as w:
            w.delete_statements(bravo)
    after = _ids(green)
    assert stix_id("threat-actor", BRAVO) not in after
    assert stix_id("relationship", BRANCH) not in after
    assert stix_id("threat-actor", ALPHA) in after
    assert _added(green, stix_id("threat-actor", ALPHA)) == added


def _added(collection: Collection, object_id: str) -> str:
    manifest = collection.get_manifest()["objects"]
    return str(next(m["date_added"] for m in manifest if m["id"] == object_id))


def test_reads_and_posts_are_audited(live: LiveServer, store_url: str) -> None:
    green = _collection(live, "tlp-green", "ally")
    green.get_objects()
    green.add_objects({"objects": [_actor("Lima Post", "green")]})
    with open_store(store_url) as store:
        log = AuditLog(store)
        shares = log.entries(action="share", actor="org:allied/user:ally")
        adds = log.entries(action="taxii_add", actor="org:allied/user:ally")
    assert shares and shares[0].details["collection"] == "tlp-green"
    assert shares[0].details["objects"] > 0 and shares[0].objects[0] == green.id
    assert adds and adds[0].details == {"collection": "tlp-green", "objects": 1, "failed": 0}
    assert PASSWORD not in str([e.details for e in shares + adds])


def test_defined_collections(live: LiveServer, store_url: str) -> None:
    with open_store(store_url) as store:
        made = add_collection(
            store, "joint-green", title="Joint desk", tlp="green", groups=frozenset({"ct-cell"})
        )
        with pytest.raises(NotFoundError):
            add_collection(store, "nobody", title="x", tlp="clear", groups=frozenset({"nope"}))
        with pytest.raises(InvalidValueError):
            add_collection(store, "tlp-green", title="x", tlp="green")
    joint = _collection(live, "joint-green", "ana")
    assert joint.id == made.id and joint.title == "Joint desk"
    names = {o.get("name") for o in joint.get_objects()["objects"]}
    assert {"Bravo Brigade", "Echo Network"} <= names and "Delta Column" not in names
    assert "cell only: meets at the mill" in str(joint.get_objects())
    listed = Server(live.taxii, user="rita", password=PASSWORD).api_roots[0].collections
    assert "joint-green" not in {c.alias for c in listed}
    with open_store(store_url) as store:
        remove_collection(store, "joint-green")
    again = Server(live.taxii, user="ana", password=PASSWORD).api_roots[0].collections
    assert "joint-green" not in {c.alias for c in again}
    gone = requests.get(joint.url, auth=("ana", PASSWORD), headers={"Accept": TAXII_21}, timeout=60)
    assert gone.status_code == 404
