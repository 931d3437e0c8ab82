"""The UN consolidated sanctions list importer, on the real 2018 and 2026 lists.

Expected values are read from the XML here with the standard library, independently of the
importer, so the tests check the import against the file rather than against itself.
"""

from __future__ import annotations

import re
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from conftest import shared_path
from overhorizon.errors import ReferenceImportError
from overhorizon.model.builder import entity_id
from overhorizon.reference import import_un_list
from overhorizon.store import SQLStore, StatementQuery, open_store

REGIMES = {"Al-Qaida", "Taliban"}
LIST_2026 = ("sanctions", "un_consolidated_2026-05-08.xml")
LIST_2018 = ("sanctions", "un_consolidated_2018-10-29.xml")


def _listed(path: Path) -> list[ET.Element]:
    """INDIVIDUAL and ENTITY elements of the 1267 and 1988 regimes."""
    root = ET.parse(path).getroot()
    return [
        elem
        for kind in ("INDIVIDUAL", "ENTITY")
        for elem in root.iter(kind)
        if elem.findtext("UN_LIST_TYPE") in REGIMES
    ]


def _ref(elem: ET.Element) -> str:
    return (elem.findtext("REFERENCE_NUMBER") or "").strip()


def _squash(text: str) -> str:
    return " ".join(text.split())


def _un_values(store: SQLStore, prop: str) -> dict[str, set[str]]:
    """Values of ``prop`` per entity, from UN statements only."""
    found: dict[str, set[str]] = {}
    query = StatementQuery(props=[prop], origin_prefix="import:un-sanctions")
    for stmt in store.statements(query):
        found.setdefault(stmt.entity_id, set()).add(stmt.value)
    return found


def _by_reference(store: SQLStore) -> dict[str, str]:
    return {v: eid for eid, values in _un_values(store, "referenceNumber").items() for v in values}


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SQLStore]:
    """One store holding the 2026 list, shared by the tests that only read it."""
    path = shared_path(*LIST_2026)
    with open_store(str(tmp_path_factory.mktemp("un") / "un.db")) as store:
        import_un_list(path, store)
        yield store


def test_every_listed_record_of_the_two_regimes_is_imported_once(imported: SQLStore) -> None:
    listed = _listed(shared_path(*LIST_2026))
    people = {_ref(e) for e in listed if e.tag == "INDIVIDUAL"}
    groups = {_ref(e) for e in listed if e.tag == "ENTITY"}
    assert len(people) + len(groups) == len(listed) > 400
    refs = _by_reference(imported)
    assert set(refs) == people | groups
    assert len(set(refs.values())) == len(refs)
    persons = set(imported.entity_ids(["Person"]))
    assert {refs[r] for r in people} == persons
    actors = set(imported.entity_ids(["ArmedGroup", "Organisation"]))
    assert {refs[r] for r in groups} == actors
    assert not any(r.startswith(("IRi", "KPi", "SDi")) for r in refs)


def test_listing_dates_and_names_are_kept(imported: SQLStore) -> None:
    refs = _by_reference(imported)
    listed_on = _un_values(imported, "listedOn")
    names = _un_values(imported, "name")
    for elem in _listed(shared_path(*LIST_2026)):
        eid = refs[_ref(elem)]
        assert listed_on[eid] == {(elem.findtext("LISTED_ON") or "").strip()[:10]}
        parts = [
            elem.findtext(t) for t in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
        ]
        written = _squash(" ".join(p for p in parts if p and p.strip() != "na"))
        assert names[eid] == {written.strip(" ,")}


def test_packed_aliases_are_split_into_separate_names(imported: SQLStore) -> None:
    refs = _by_reference(imported)
    aliases = _un_values(imported, "alias")
    packed = [
        (_ref(elem), _squash(alias.text or ""))
        for elem in _listed(shared_path(*LIST_2026))
        for alias in elem.iter("ALIAS_NAME")
        if ";" in (alias.text or "") and "(" not in (alias.text or "")
    ]
    assert packed, "the list has plain ;-packed aliases"
    for ref, text in packed:
        parts = {p.strip() for p in text.split(";")}
        assert parts <= aliases[refs[ref]]
        assert text not in aliases[refs[ref]]
    ghul = aliases[refs["QDi.306"]]
    assert {"حسن غول", "Hassan Ghul", "Hassan Gul", "Hasan Gul"} <= ghul


def test_original_script_names_are_kept_as_aliases(imported: SQLStore) -> None:
    refs = _by_reference(imported)
    aliases = _un_values(imported, "alias")
    names = _un_values(imported, "name")
    originals = [
        (_ref(elem), _squash(elem.findtext("NAME_ORIGINAL_SCRIPT") or ""))
        for elem in _listed(shared_path(*LIST_2026))
    ]
    originals = [(ref, name) for ref, name in originals if name and not re.search(r"[;()]", name)]
    assert len(originals) > 100
    for ref, name in originals:
        assert name in aliases[refs[ref]] | names[refs[ref]]
    assert "القاعدة" in aliases[refs["QDe.004"]]


def test_isil_k_is_found_by_its_acronym(imported: SQLStore) -> None:
    expected = entity_id("ArmedGroup", "un", "QDe.161")
    assert imported.ids_by_name("ISIL-K") == [expected]
    assert imported.ids_by_name("ISIS-K") == [expected]
    entity = imported.entity(expected)
    assert entity is not None and entity.first("listedOn") == "2019-05-14"


def test_businesses_and_charities_become_organisations(imported: SQLStore) -> None:
    refs = _by_reference(imported)
    kinds = {e.id: e.schema for e in imported.entities(sorted(refs.values()))}
    kinds = {ref: kinds[eid] for ref, eid in refs.items()}
    assert kinds["TAe.011"] == "Organisation"  # Roshan Money Exchange
    assert kinds["QDe.005"] == "Organisation"  # Al Rashid Trust
    assert kinds["QDe.132"] == "ArmedGroup"  # Tehrik-e Taliban Pakistan
    assert kinds["QDe.161"] == "ArmedGroup"


def test_people_carry_nationality_birth_date_and_position(imported: SQLStore) -> None:
    ghafari = imported.entity(entity_id("Person", "un", "QDi.431"))
    assert ghafari is not None
    assert ghafari.values("nationality") == ["AF"]
    assert set(ghafari.values("birthDate")) == {"1994-10-28", "1990-05-24"}
    assert "ثناء اللہ غفاری" in ghafari.names
    refs = _by_reference(imported)
    positions = _un_values(imported, "position")
    designated = [
        e for e in _listed(shared_path(*LIST_2026)) if e.find("DESIGNATION/VALUE") is not None
    ]
    assert len(designated) > 50
    for elem in designated:
        written = {_squash(v.text or "") for v in elem.iterfind("DESIGNATION/VALUE")} - {""}
        assert positions.get(refs[_ref(elem)], set()) == written


def _relations(store: SQLStore, ref: str) -> set[tuple[str, str, str | None]]:
    person = _by_reference(store)[ref]
    refs = {eid: r for r, eid in _by_reference(store).items()}
    links = {
        s.entity_id for s in store.statements(StatementQuery(props=["source"], values=[person]))
    }
    found = set()
    for link in store.entities(sorted(links)):
        target = link.first("target")
        assert target is not None
        found.add((link.schema, refs[target], link.first("role")))
    return found


def test_memberships_and_leaderships_are_read_from_comments(imported: SQLStore) -> None:
    assert _relations(imported, "QDi.431") == {("LeaderOf", "QDe.161", "leader")}
    assert _relations(imported, "TAi.144") == {("LeaderOf", "TAe.012", "head")}
    assert _relations(imported, "QDi.423") == {
        ("MemberOf", "QDe.014", "member"),
        ("MemberOf", "QDe.135", "member"),
        ("MemberOf", "QDe.159", "member"),
    }
    assert _relations(imported, "QDi.433") == {("MemberOf", "QDe.118", "deputy amir/chief")}


def test_support_and_subunits_give_no_relation(imported: SQLStore) -> None:
    assert _relations(imported, "QDi.335") == set()  # "Provides support to Al-Qaida (QDe.004)"
    assert _relations(imported, "QDi.364") == set()  # emir of militants of ISIL, not of ISIL
    assert ("LeaderOf", "QDe.159", "founder") not in _relations(imported, "QDi.425")


def test_importing_the_same_list_again_adds_nothing(store: SQLStore) -> None:
    path = shared_path(*LIST_2026)
    first = import_un_list(path, store)
    counts = store.counts()
    again = import_un_list(path, store)
    assert first.new == first.statements > 0
    assert again.new == 0 and again.statements == first.statements
    assert store.counts() == counts


def test_a_newer_list_updates_the_same_entities(store: SQLStore) -> None:
    old, new = shared_path(*LIST_2018), shared_path(*LIST_2026)
    import_un_list(old, store)
    import_un_list(new, store)
    refs = {_ref(e) for e in _listed(old)} | {_ref(e) for e in _listed(new)}
    both = {_ref(e) for e in _listed(old)} & {_ref(e) for e in _listed(new)}
    assert len(both) > 300
    assert set(_by_reference(store)) == refs
    listed = store.entity_ids(["Person", "ArmedGroup", "Organisation"])
    assert len(listed) == len(refs)
    al_qaida = store.entity(entity_id("ArmedGroup", "un", "QDe.004"))
    assert al_qaida is not None
    assert {s.origin for s in al_qaida.statements} == {
        "import:un-sanctions@2018-10-29",
        "import:un-sanctions@2026-05-08",
    }


def test_all_regimes_on_request(store: SQLStore) -> None:
    path = shared_path(*LIST_2026)
    root = ET.parse(path).getroot()
    every = {_ref(e) for kind in ("INDIVIDUAL", "ENTITY") for e in root.iter(kind)}
    summary = import_un_list(path, store, regimes=None)
    assert summary.persons + summary.entities == len(every)
    assert store.ids_by_name("Qasem Sulaymani") == [entity_id("Person", "un", "IRi.039")]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'<CONSOLIDATED_LIST dateGenerated="2026-01-01"><INDIVIDUALS><INDIV', "not well-formed"),
        (b"", "not well-formed"),
        (b'<?xml version="1.0"?><rss version="2.0"><channel/></rss>', "not the UN"),
        (b"<CONSOLIDATED_LIST><INDIVIDUALS/></CONSOLIDATED_LIST>", "not the UN"),
    ],
)
def test_a_file_that_is_not_the_list_is_refused(
    store: SQLStore, tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "list.xml"
    path.write_bytes(content)
    with pytest.raises(ReferenceImportError) as caught:
        import_un_list(path, store)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)
    assert store.counts()["statements"] == 0


def test_a_missing_file_is_refused(store: SQLStore, tmp_path: Path) -> None:
    with pytest.raises(ReferenceImportError, match="cannot read"):
        import_un_list(tmp_path / "absent.xml", store)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def served() -> Iterator[str]:
    """The shared sanctions folder over HTTP on 127.0.0.1."""
    folder = shared_path("sanctions")
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_import_from_a_url(store: SQLStore, served: str) -> None:
    from_url = import_un_list(f"{served}/{LIST_2026[1]}", store)
    assert from_url.persons + from_url.entities == len(_listed(shared_path(*LIST_2026)))
    assert import_un_list(shared_path(*LIST_2026), store).new == 0


def test_a_url_that_fails_is_refused(store: SQLStore, served: str) -> None:
    with pytest.raises(ReferenceImportError, match="cannot fetch") as caught:
        import_un_list(f"{served}/missing.xml", store)
    assert "404" in str(caught.value) and "\n" not in str(caught.value)
