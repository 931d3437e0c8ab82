"""The TAXII 2.1 endpoints over real HTTP: discovery, API root, collections, objects (with
every filter and paging), one object, versions, manifest; media types, headers and errors."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from taxii2client.v21 import Collection, Server, as_pages

from overhorizon.sharing.ids import stix_id
from overhorizon.sharing.taxii.filters import parse_micros
from overhorizon.sharing.taxii.media import STIX_21, TAXII_21
from overhorizon.store import open_store
from overhorizon.web import create_app
from test_taxii_support import (
    ALPHA,
    BRANCH,
    DELTA,
    FILLER,
    PASSWORD,
    LiveServer,
    build_world,
    world_server,
)

pytestmark = pytest.mark.store

ROOT = "shared/"


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with world_server(tmp_path_factory.mktemp("taxii-server")) as server:
        yield server


def _get(
    live: LiveServer,
    path: str,
    *,
    user: str | None = "ana",
    accept: str | None = TAXII_21,
    params: dict[str, Any] | None = None,
) -> requests.Response:
    headers = {"Accept": accept} if accept else {}
    auth = (user, PASSWORD) if user else None
    return requests.get(live.taxii + path, headers=headers, auth=auth, params=params, timeout=60)


def _ids(live: LiveServer, alias: str, user: str = "ana") -> str:
    listed = _get(live, ROOT + "collections/", user=user).json()["collections"]
    return str(next(c["id"] for c in listed if c["alias"] == alias))


def _collection(live: LiveServer, alias: str, user: str = "ana") -> Collection:
    root = Server(live.taxii, user=user, password=PASSWORD).api_roots[0]
    return next(c for c in root.collections if c.alias == alias)


def test_discovery_api_root_and_collections(live: LiveServer) -> None:
    server = Server(live.taxii, user="ana", password=PASSWORD)
    assert server.title == "overhorizon"
    assert [r.url for r in server.api_roots] == [live.taxii + ROOT]
    assert server.default is not None and server.default.url == live.taxii + ROOT
    root = server.api_roots[0]
    assert root.versions == [TAXII_21]
    assert root.max_content_length > 0
    found = {c.alias: c for c in root.collections}
    assert sorted(found) == ["group-ct-cell", "tlp-amber", "tlp-clear", "tlp-green"]
    assert all(c.can_read and c.can_write for c in found.values())
    assert found["tlp-green"].media_types == [STIX_21]
    one = _get(live, f"{ROOT}collections/{found['tlp-green'].id}/")
    assert one.status_code == 200
    assert one.headers["content-type"] == TAXII_21
    assert one.json()["alias"] == "tlp-green"

    reader = {
        c.alias: c
        for c in Server(live.taxii, user="rex", password=PASSWORD).api_roots[0].collections
    }
    assert sorted(reader) == ["tlp-amber", "tlp-amber-strict", "tlp-clear", "tlp-green", "tlp-red"]
    assert not any(c.can_write for c in reader.values())


def test_paging_through_a_collection_with_next(live: LiveServer) -> None:
    collection = _collection(live, "tlp-clear")
    pages = list(as_pages(collection.get_objects, per_request=5))
    sizes = [len(p.get("objects", [])) for p in pages]
    assert len(pages) > 3
    assert all(size == 5 for size in sizes[:-1]) and 1 <= sizes[-1] <= 5
    assert [p["more"] for p in pages] == [True] * (len(pages) - 1) + [False]
    assert "next" not in pages[-1]
    ids = [o["id"] for p in pages for o in p["objects"]]
    assert len(ids) == len(set(ids))
    manifest = collection.get_manifest()["objects"]
    assert ids == [m["id"] for m in manifest]
    assert {stix_id("threat-actor", f) for f in FILLER} <= set(ids)
    dates = [m["date_added"] for m in manifest]
    assert dates == sorted(dates) and len(set(dates)) == len(dates)


def test_headers_and_added_after(live: LiveServer) -> None:
    cid = _ids(live, "tlp-clear")
    first = _get(live, f"{ROOT}collections/{cid}/objects/", params={"limit": 4})
    assert first.status_code == 200
    manifest = _get(live, f"{ROOT}collections/{cid}/manifest/").json()["objects"]
    assert first.headers["X-TAXII-Date-Added-First"] == manifest[0]["date_added"]
    assert first.headers["X-TAXII-Date-Added-Last"] == manifest[3]["date_added"]
    rest = _get(
        live,
        f"{ROOT}collections/{cid}/objects/",
        params={"added_after": first.headers["X-TAXII-Date-Added-Last"], "limit": 1000},
    ).json()
    assert [o["id"] for o in rest["objects"]] == [m["id"] for m in manifest[4:]]
    assert rest["more"] is False
    after_all = _get(
        live,
        f"{ROOT}collections/{cid}/objects/",
        params={"added_after": manifest[-1]["date_added"]},
    )
    assert after_all.json() == {"more": False}
    assert "X-TAXII-Date-Added-First" not in after_all.headers
    following = _get(
        live, f"{ROOT}collections/{cid}/objects/", params={"next": first.json()["next"]}
    ).json()
    assert following["objects"][0]["id"] == manifest[4]["id"]


def test_match_filters(live: LiveServer) -> None:
    cid = _ids(live, "tlp-amber")
    url = f"{ROOT}collections/{cid}/objects/"
    everything = _get(live, url).json()["objects"]
    relations = _get(live, url, params={"match[type]": "relationship"}).json()["objects"]
    assert relations and {o["type"] for o in relations} == {"relationship"}
    assert len(relations) == sum(o["type"] == "relationship" for o in everything)
    both = _get(live, url, params={"match[type]": "relationship,threat-actor"}).json()
    assert len(both["objects"]) == sum(
        o["type"] in ("relationship", "threat-actor") for o in everything
    )
    alpha = stix_id("threat-actor", ALPHA)
    wanted = [alpha, stix_id("threat-actor", FILLER[3])]
    picked = _get(live, url, params={"match[id]": ",".join(wanted)}).json()["objects"]
    assert sorted(o["id"] for o in picked) == sorted(wanted)
    for keyword in ("last", "first", "all"):
        found = _get(live, url, params={"match[version]": keyword}).json()["objects"]
        assert len(found) == len(everything)
    one = next(o for o in everything if o["id"] == alpha)
    at_version = _get(
        live, url, params={"match[id]": alpha, "match[version]": one["modified"]}
    ).json()
    assert [o["id"] for o in at_version["objects"]] == [alpha]
    other = _get(
        live, url, params={"match[id]": alpha, "match[version]": "2001-01-01T00:00:00Z"}
    ).json()
    assert "objects" not in other
    assert _get(live, url, params={"match[spec_version]": "2.0"}).json() == {"more": False}
    assert len(_get(live, url, params={"match[spec_version]": "2.0,2.1"}).json()["objects"]) == (
        len(everything)
    )


def test_one_object_and_its_versions(live: LiveServer) -> None:
    collection = _collection(live, "tlp-green")
    branch = stix_id("relationship", BRANCH)
    found = collection.get_object(branch)["objects"]
    assert [o["id"] for o in found] == [branch]
    assert collection.object_versions(branch)["versions"] == [found[0]["modified"]]
    amber_only = stix_id("threat-actor", DELTA)
    missing = _get(live, f"{ROOT}collections/{collection.id}/objects/{amber_only}/")
    assert missing.status_code == 404
    versions = _get(live, f"{ROOT}collections/{collection.id}/objects/{amber_only}/versions/")
    assert versions.status_code == 404
    in_amber = _collection(live, "tlp-amber").get_object(amber_only)["objects"]
    assert in_amber[0]["name"] == "Delta Column"
    response = _get(live, f"{ROOT}collections/{collection.id}/objects/{branch}/")
    assert (
        response.headers["X-TAXII-Date-Added-First"] == response.headers["X-TAXII-Date-Added-Last"]
    )
    assert parse_micros(response.headers["X-TAXII-Date-Added-Last"]) is not None


@pytest.mark.parametrize(
    "params",
    [
        {"added_after": "yesterday"},
        {"added_after": "2024-13-01T00:00:00Z"},
        {"limit": "0"},
        {"limit": "ten"},
        {"next": "not-a-cursor"},
        {"match[version]": "newest"},
        {"match[spec_version]": "two"},
        {"match[id]": "alpha"},
        {"match[type]": "Threat Actor"},
        {"match[type]": "indicator,"},
    ],
)
def test_malformed_filters_answer_400(live: LiveServer, params: dict[str, str]) -> None:
    cid = _ids(live, "tlp-clear")
    response = _get(live, f"{ROOT}collections/{cid}/objects/", params=params)
    assert response.status_code == 400
    assert response.headers["content-type"] == TAXII_21
    body = response.json()
    assert body["http_status"] == "400" and body["title"] and body["description"]


@pytest.mark.parametrize(
    "path",
    [
        "",
        ROOT,
        ROOT + "collections/",
        ROOT + "collections/{cid}/objects/",
        ROOT + "collections/{cid}/manifest/",
        ROOT + "status/00000000-0000-4000-8000-000000000000/",
    ],
)
def test_no_credentials_answer_401_with_a_challenge(live: LiveServer, path: str) -> None:
    cid = _ids(live, "tlp-clear")
    for user, password in ((None, None), ("ana", "wrong password entirely"), ("nobody", PASSWORD)):
        auth = (user, password) if user and password else None
        response = requests.get(
            live.taxii + path.format(cid=cid), auth=auth, headers={"Accept": TAXII_21}, timeout=60
        )
        assert response.status_code == 401
        assert response.headers["WWW-Authenticate"].startswith("Basic realm=")
        assert response.json()["http_status"] == "401"


def test_hidden_and_missing_collections_answer_alike(live: LiveServer) -> None:
    amber = _ids(live, "tlp-amber")
    hidden = _get(live, f"{ROOT}collections/{amber}/", user="ally")
    missing = _get(live, f"{ROOT}collections/00000000-0000-4000-8000-000000000000/", user="ally")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json()["title"] == missing.json()["title"]
    assert _get(live, f"{ROOT}collections/{amber}/objects/", user="ally").status_code == 404
    assert _get(live, f"{ROOT}collections/{amber}/manifest/", user="ally").status_code == 404
    assert _get(live, "nowhere/", user="ally").status_code == 404


def test_media_types(live: LiveServer) -> None:
    cid = _ids(live, "tlp-clear")
    objects = f"{ROOT}collections/{cid}/objects/"
    for accept in ("application/json", "application/taxii+json;version=2.0", "text/html"):
        refused = _get(live, objects, accept=accept)
        assert refused.status_code == 406
        assert refused.headers["content-type"] == TAXII_21
    as_stix = _get(live, objects, accept=STIX_21)
    assert as_stix.status_code == 200 and as_stix.headers["content-type"] == STIX_21
    assert _get(live, ROOT + "collections/", accept=STIX_21).status_code == 406
    accepted: tuple[str | None, ...] = (
        None,
        "*/*",
        "application/taxii+json",
        "text/html, application/taxii+json",
    )
    for maybe in accepted:
        assert _get(live, objects, accept=maybe).status_code == 200
    assert _get(live, objects, accept="application/taxii+json;q=0").status_code == 406


def test_wrong_content_type_answers_415_and_readers_403(live: LiveServer) -> None:
    cid = _ids(live, "tlp-clear")
    url = live.taxii + f"{ROOT}collections/{cid}/objects/"
    body = b'{"objects": []}'
    wrong = requests.post(
        url,
        data=body,
        auth=("ana", PASSWORD),
        headers={"Accept": TAXII_21, "Content-Type": "application/json"},
        timeout=60,
    )
    assert wrong.status_code == 415
    assert wrong.json()["http_status"] == "415"
    reader = requests.post(
        url,
        data=body,
        auth=("rex", PASSWORD),
        headers={"Accept": TAXII_21, "Content-Type": TAXII_21},
        timeout=60,
    )
    assert reader.status_code == 403
    not_envelope = requests.post(
        url,
        data=b"[1, 2]",
        auth=("ana", PASSWORD),
        headers={"Accept": TAXII_21, "Content-Type": TAXII_21},
        timeout=60,
    )
    assert not_envelope.status_code == 400
    deleted = requests.delete(
        url + stix_id("threat-actor", ALPHA) + "/",
        auth=("ana", PASSWORD),
        headers={"Accept": TAXII_21},
        timeout=60,
    )
    assert deleted.status_code == 405


def test_the_web_application_serves_taxii(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'app.db'}"
    with open_store(url) as store:
        build_world(store)
    with LiveServer(create_app(url)) as live:
        response = requests.get(live.taxii, auth=("ana", PASSWORD), timeout=60)
        assert response.status_code == 200
        assert response.json()["api_roots"] == [live.taxii + ROOT]
        assert requests.get(live.taxii, timeout=60).status_code == 401
