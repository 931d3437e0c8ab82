"""What each requester receives over TAXII: every object filtered for them, through their
own clearance and their organisation's maximum shareable marking, with collections they may
not see answering as missing ones."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
import requests
from stix2.datastore.taxii import TAXIICollectionSource
from taxii2client.v21 import Collection, Server, as_pages

from overhorizon.sharing.ids import stix_id
from overhorizon.sharing.taxii.media import STIX_21, TAXII_21
from test_taxii_support import (
    ALPHA,
    AMBER_ALIAS,
    BRANCH,
    BRAVO,
    CELL_NOTE,
    COOP,
    DELTA,
    ECHO,
    HIDDEN_FROM_GREEN,
    PASSWORD,
    RIVALS,
    ZULU,
    LiveServer,
    world_server,
)

pytestmark = pytest.mark.store


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with world_server(tmp_path_factory.mktemp("taxii-visibility")) as server:
        yield server


def _collections(live: LiveServer, user: str) -> dict[str, Collection]:
    root = Server(live.taxii, user=user, password=PASSWORD).api_roots[0]
    return {c.alias: c for c in root.collections}


def _everything(collection: Collection) -> tuple[list[dict[str, object]], str]:
    """Every object of a collection, page by page, and the raw text of every response."""
    objects: list[dict[str, object]] = []
    texts = []
    for page in as_pages(collection.get_objects, per_request=3):
        objects.extend(page.get("objects", []))
        texts.append(json.dumps(page))
    texts.append(json.dumps(collection.get_manifest()))
    return objects, "\n".join(texts)


def _ta(entity: str) -> str:
    return stix_id("threat-actor", entity)


def _rel(entity: str) -> str:
    return stix_id("relationship", entity)


def test_a_green_partner_sees_green_and_nothing_above(live: LiveServer) -> None:
    found = _collections(live, "ally")
    assert sorted(found) == ["tlp-clear", "tlp-green"]
    objects, text = _everything(found["tlp-green"])
    ids = {str(o["id"]) for o in objects}
    assert {_ta(ALPHA), _ta(BRAVO), _ta(ECHO), _rel(BRANCH)} <= ids
    assert not ids & {_ta(DELTA), _ta(ZULU), _rel(COOP), _rel(RIVALS)}
    for word in HIDDEN_FROM_GREEN:
        assert word not in text
    alpha = next(o for o in objects if o["id"] == _ta(ALPHA))
    assert "aliases" not in alpha
    clear_ids = {str(o["id"]) for o in _everything(found["tlp-clear"])[0]}
    assert _ta(ALPHA) in clear_ids and _ta(BRAVO) not in clear_ids


def test_an_amber_object_never_reaches_a_green_partner(live: LiveServer) -> None:
    green = _collections(live, "ally")["tlp-green"]
    url = green.objects_url
    auth = ("ally", PASSWORD)
    for accept in (TAXII_21, STIX_21):
        asked = requests.get(
            url, params={"match[id]": _ta(DELTA)}, auth=auth, headers={"Accept": accept}, timeout=60
        )
        assert asked.status_code == 200 and "objects" not in asked.json()
        one = requests.get(f"{url}{_ta(DELTA)}/", auth=auth, headers={"Accept": accept}, timeout=60)
        assert one.status_code == 404
    amber_id = _collections(live, "ana")["tlp-amber"].id
    for accept in (TAXII_21, STIX_21):
        hidden = requests.get(
            green.url.replace(green.id, amber_id) + "objects/",
            auth=auth,
            headers={"Accept": accept},
            timeout=60,
        )
        assert hidden.status_code == 404


def test_a_red_relation_between_visible_entities_never_appears(live: LiveServer) -> None:
    for user in ("ana", "ally", "rita"):
        for collection in _collections(live, user).values():
            objects, text = _everything(collection)
            assert _rel(COOP) not in {o["id"] for o in objects}
            assert "cooperates" not in text
    red = _collections(live, "rex")["tlp-red"]
    assert _rel(COOP) in {o["id"] for o in _everything(red)[0]}


def test_an_amber_partner_sees_amber_but_not_strict_or_red(live: LiveServer) -> None:
    found = _collections(live, "rita")
    assert sorted(found) == ["tlp-amber", "tlp-clear", "tlp-green"]
    objects, text = _everything(found["tlp-amber"])
    ids = {o["id"] for o in objects}
    assert {_ta(DELTA), _rel(RIVALS), _rel(BRANCH)} <= ids
    assert AMBER_ALIAS in text
    assert _ta(ZULU) not in ids and "Zulu Shadow" not in text
    assert CELL_NOTE not in text


def test_need_to_know_collection_for_members_only(live: LiveServer) -> None:
    cell = _collections(live, "ana")["group-ct-cell"]
    objects, text = _everything(cell)
    assert CELL_NOTE in text
    echo = next(o for o in objects if o["id"] == _ta(ECHO))
    assert echo["description"] == CELL_NOTE
    for user in ("rex", "rita", "ally"):
        assert "group-ct-cell" not in _collections(live, user)
        refused = requests.get(
            cell.url, auth=(user, PASSWORD), headers={"Accept": TAXII_21}, timeout=60
        )
        assert refused.status_code == 404
    assert CELL_NOTE not in _everything(_collections(live, "ana")["tlp-amber"])[1]


def _as_ally(url: str, params: dict[str, str] | None = None) -> requests.Response:
    return requests.get(
        url, params=params, auth=("ally", PASSWORD), headers={"Accept": TAXII_21}, timeout=60
    )


def test_counts_and_headers_are_computed_after_filtering(live: LiveServer) -> None:
    green = _collections(live, "ally")["tlp-green"]
    manifest = _as_ally(green.url + "manifest/").json()["objects"]
    objects = _everything(green)[0]
    assert [m["id"] for m in manifest] == [o["id"] for o in objects]
    pages = 0
    params: dict[str, str] = {"limit": "1"}
    last = ""
    while True:
        response = _as_ally(green.objects_url, params)
        body = response.json()
        pages += 1
        assert len(body["objects"]) == 1
        last = response.headers["X-TAXII-Date-Added-Last"]
        if not body["more"]:
            break
        params["next"] = body["next"]
    assert pages == len(manifest)
    assert last == manifest[-1]["date_added"]
    assert _as_ally(green.objects_url, {"added_after": last}).json() == {"more": False}


def test_stix2_taxii_source_reads_what_the_requester_may(live: LiveServer) -> None:
    source = TAXIICollectionSource(_collections(live, "ally")["tlp-green"], items_per_page=4)
    alpha = source.get(_ta(ALPHA))
    assert alpha is not None and alpha["name"] == "Alpha Front"
    assert source.get(_ta(DELTA)) is None
    actors = source.query([])
    names = {o["name"] for o in actors if o["type"] == "threat-actor"}
    assert {"Alpha Front", "Bravo Brigade", "Echo Network"} <= names
    assert "Delta Column" not in names and "Zulu Shadow" not in names
    assert [o["id"] for o in source.all_versions(_rel(BRANCH))] == [_rel(BRANCH)]
