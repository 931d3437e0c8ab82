"""Extraction components, each on sentences written for the test.

The spaCy model is loaded once per session (``nlp``); every test builds its own small
gazetteer from reference statements, as the store would hold them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from overhorizon.extraction import Gazetteer, default_pipeline
from overhorizon.extraction.components.casualties import read_figures
from overhorizon.extraction.components.dateline import date_line, parse_dateline
from overhorizon.extraction.components.dates import find_dates
from overhorizon.extraction.components.sentences import load_nlp
from overhorizon.extraction.geo import geo_index
from overhorizon.extraction.numbers import COUNT, read_count
from overhorizon.extraction.pipeline import Pipeline
from overhorizon.extraction.work import Sentence, Work
from overhorizon.model.builder import StatementFactory, entity_id
from overhorizon.model.document import Document
from overhorizon.model.statement import Statement

ISKP = entity_id("ArmedGroup", "Islamic State Khorasan Province")
IS = entity_id("ArmedGroup", "Islamic State")
TALIBAN = entity_id("ArmedGroup", "Taliban")
TTP = entity_id("ArmedGroup", "Tehrik-i-Taliban Pakistan")
KHAN = entity_id("Person", "Hafiz Saeed Khan")


def reference_statements() -> list[Statement]:
    """What a seed import would have stored: names, aliases, countries and one branch."""
    make = StatementFactory("import:test@1")
    names = {
        (ISKP, "ArmedGroup"): ["Islamic State Khorasan Province", "ISKP", "ISIS-K", "IS-KP"],
        (IS, "ArmedGroup"): ["Islamic State", "ISIS", "IS"],
        (TALIBAN, "ArmedGroup"): ["Taliban", "Afghan Taliban"],
        (TTP, "ArmedGroup"): ["Tehrik-i-Taliban Pakistan", "TTP", "Pakistani Taliban"],
        (KHAN, "Person"): ["Hafiz Saeed Khan"],
    }
    rows: list[Statement] = []
    for (eid, schema), (name, *aliases) in names.items():
        rows.append(make.make(eid, schema, "name", name))
        rows.extend(make.make(eid, schema, "alias", alias) for alias in aliases)
    rows.append(make.make(ISKP, "ArmedGroup", "country", "AF"))
    rows.extend(make.relation("BranchOf", ISKP, IS))
    return rows


@pytest.fixture(scope="session")
def nlp() -> Any:
    return load_nlp()


@pytest.fixture(scope="session")
def pipeline(nlp: Any) -> Pipeline:
    return default_pipeline(gazetteer=Gazetteer.from_statements(reference_statements()), nlp=nlp)


def run(pipeline: Pipeline, text: str, published: date | None = date(2021, 8, 27)) -> Work:
    return pipeline.run([Document(text=text, published=published)])[0]


def sentence(text: str) -> Sentence:
    return Sentence(0, 0, len(text), text)


# dates and the dateline


def test_dateline_gives_place_reference_day_and_year_from_published() -> None:
    line = parse_dateline("KABUL, Aug. 27 (Horizon Wire) — A bomb ...", date(2021, 8, 27))
    assert line is not None
    assert (line.place, line.region, line.date) == ("Kabul", None, "2021-08-27")
    line = parse_dateline("QUETTA, Pakistan, July 31, 2023 — Gunmen ...", None)
    assert line is not None
    assert (line.place, line.region, line.date) == ("Quetta", "Pakistan", "2023-07-31")
    january = parse_dateline("KABUL, Dec. 31 — ...", date(2022, 1, 2))
    assert january is not None and january.date == "2021-12-31"
    assert parse_dateline("No dateline here, just a sentence.", None) is None


def test_dateline_day_first_or_in_brackets() -> None:
    line = parse_dateline("KABUL, 3 March 2025 — A bomb ...", None)
    assert line is not None and line.date == "2025-03-03"
    line = parse_dateline("KABUL, Afghanistan (March 3, 2025) — A bomb ...", None)
    assert line is not None
    assert (line.place, line.region, line.date) == ("Kabul", "Afghanistan", "2025-03-03")
    line = parse_dateline("PESHAWAR (Frontier Wire, 4th July) — Gunmen ...", date(2024, 7, 5))
    assert line is not None and line.date == "2024-07-04"


def test_a_date_alone_on_a_first_line_is_the_reference_day(pipeline: Pipeline) -> None:
    assert date_line("Attack in Kabul\nPublished: 2025-03-03\n\nA bomb ...", None) == date(
        2025, 3, 3
    )
    assert date_line("Friday, March 7, 2025\nKabul - ...", None) == date(2025, 3, 7)
    assert date_line("A bomb exploded on March 7, 2025 in Kabul.", None) is None
    text = "March 3, 2025\n\nKABUL - A suicide bomber killed 12 people at a mosque on Friday."
    work = run(pipeline, text, published=None)
    assert [e.date.value if e.date else None for e in work.events] == ["2025-02-28"]


def test_relative_dates_resolve_against_the_reference_day() -> None:
    text = (
        "The bombing on Thursday followed a raid yesterday, an attack last Friday, "
        "arrests last month and a wave of violence earlier this year; every Thursday "
        "families gather, and since 2001 the city has changed."
    )
    found = {d.text: d for d in find_dates(sentence(text), date(2021, 8, 27))}
    assert found["Thursday"].value == "2021-08-26"
    assert found["yesterday"].value == "2021-08-26"
    assert found["last Friday"].value == "2021-08-20"
    assert found["last month"].value == "2021-07"
    assert found["earlier this year"].value == "2021"
    assert "every Thursday" not in found and "Thursday" in found
    assert not found["2001"].anchored and found["Thursday"].anchored


def test_explicit_dates_keep_their_precision() -> None:
    text = "On Aug. 26, 2021, and on 26 August, in March 2024 and in 2015, but not 2,015 men."
    values = [d.value for d in find_dates(sentence(text), date(2021, 9, 1))]
    assert values == ["2021-08-26", "2021-08-26", "2024-03", "2015"]


def test_dateline_date_dates_the_lead_attack_and_weekday_the_day(pipeline: Pipeline) -> None:
    work = run(
        pipeline,
        "KABUL, Aug. 27 (Horizon Wire) — A suicide bomber blew himself up outside the airport "
        "on Thursday, killing at least 60 people, officials said.",
    )
    assert [e.date.value if e.date else None for e in work.events] == ["2021-08-26"]


# numbers and casualties


@pytest.mark.parametrize(
    ("phrase", "expected", "approximate"),
    [
        ("at least 60", "60..", False),
        ("more than 100", "100..", False),
        ("nearly 200", "..200", False),
        ("up to 50", "..50", False),
        ("about 170", "170..170", True),
        ("thirteen", "13..13", False),
        ("twenty-five", "25..25", False),
        ("dozens", "24..", False),
        ("between 10 and 15", "10..15", False),
        ("1,200", "1200..1200", False),
    ],
)
def test_counts_read_hedges_and_number_words(phrase: str, expected: str, approximate: bool) -> None:
    match = COUNT.search(phrase)
    assert match is not None and match.group() == phrase
    count = read_count(match)
    assert count is not None
    assert (str(count.quantity), count.approximate) == (expected, approximate)


def figures(text: str) -> dict[str, str]:
    return {kind: str(quantity) for kind, quantity, _, _ in read_figures(text)}


def test_killed_injured_and_attackers_are_kept_apart() -> None:
    assert figures(
        "A suicide bomber struck the rally, killing at least 33 people and wounding more "
        "than 100, officials said."
    ) == {"killed": "33..", "injured": "100.."}
    assert figures(
        "Security forces killed all five attackers after a siege in which thirteen "
        "civilians died and 40 were hurt."
    ) == {"attackersKilled": "5..5", "killed": "13..13", "injured": "40..40"}


def test_revised_tolls_totals_and_sums() -> None:
    revised = read_figures(
        "The number of people killed in Saturday's attack has risen to 80, with 231 wounded."
    )
    assert [(k, str(q)) for k, q, _, _ in revised] == [
        ("killed", "80..80"),
        ("injured", "231..231"),
    ]
    assert revised[0][2] > 0.8, "a revised toll is more trusted than a first count"
    assert figures(
        "The blast killed 13 American service members and at least 170 Afghans, 183 people in all."
    ) == {"killed": "183..183"}
    assert figures("13 U.S. troops and at least 170 Afghans were killed.") == {"killed": "183.."}


def test_numbers_that_are_not_tolls_are_ignored() -> None:
    assert figures("Gunmen killed 13 people, including five children, in 2021.") == {
        "killed": "13..13"
    }
    assert figures("It was one of the deadliest attacks in the city in 20 years.") == {}
    assert figures("Doctors said dozens of the injured were in critical condition.") == {}, (
        "a part of the injured is not their number"
    )


# attacks


def test_a_background_attack_with_its_own_date_is_its_own_event(pipeline: Pipeline) -> None:
    work = run(
        pipeline,
        "KANDAHAR, Afghanistan, Oct. 15 — Explosions ripped through a Shia mosque in "
        "Kandahar on Friday, killing at least 32 people and wounding 53.\n\n"
        "The bombing bore the hallmarks of ISIS-K, which claimed a suicide attack on a mosque "
        "in Kunduz on Oct. 8 that killed at least 46 worshippers.",
        published=date(2021, 10, 15),
    )
    by_date = {e.date.value: e for e in work.events if e.date}
    assert set(by_date) == {"2021-10-15", "2021-10-08"}
    assert by_date["2021-10-08"].place is not None
    assert by_date["2021-10-08"].place.place.name == "Kunduz"
    dates = {e.number: e.date.value for e in work.events if e.date}
    killed = {dates[c.event]: str(c.quantity) for c in work.casualties if c.kind == "killed"}
    assert killed == {"2021-10-15": "32..", "2021-10-08": "46.."}


def test_air_strikes_and_generic_attacks_make_no_event(pipeline: Pipeline) -> None:
    work = run(
        pipeline,
        "WASHINGTON, Aug. 13 — The group's leader was killed in a U.S. air strike in eastern "
        "Afghanistan last month, the Pentagon said. The group has repeatedly attacked Shia "
        "Muslims and has threatened to attack embassies.",
        published=date(2016, 8, 13),
    )
    assert work.events == []


def test_two_attacks_in_one_sentence(pipeline: Pipeline) -> None:
    work = run(
        pipeline,
        "KABUL, May 13 — Gunmen attacked a maternity ward in western Kabul on Tuesday, "
        "killing 24 people, while in the east of the country a suicide bomber struck a "
        "funeral, killing 24 mourners and wounding 68, officials said.",
        published=date(2020, 5, 13),
    )
    assert sorted(e.attack_type for e in work.events) == ["armed_assault", "suicide_bombing"]
    assert all(e.date is not None and e.date.value == "2020-05-12" for e in work.events)
    injured = [
        (work.events[c.event].attack_type, str(c.quantity))
        for c in work.casualties
        if c.kind == "injured"
    ]
    assert injured == [("suicide_bombing", "68..68")]


# responsibility


def responsibility(work: Work) -> set[tuple[str, str, str | None]]:
    return {(r.kind, r.actor.entity_id, r.asserted_by) for r in work.responsibility}


def test_claim_attribution_and_suspicion_are_told_apart(pipeline: Pipeline) -> None:
    lead = "KABUL, Aug. 27 — A suicide bomber killed 60 people at the airport on Thursday. "
    claimed = run(pipeline, lead + "ISIS-K claimed the attack through its Amaq news agency.")
    assert responsibility(claimed) == {("claimed", ISKP, None)}
    blamed = run(pipeline, lead + "Taliban officials blamed the Islamic State for the attack.")
    assert responsibility(blamed) == {("attributed", IS, "Taliban officials")}
    suspected = run(
        pipeline, lead + "No group claimed it, but the bombing bore the hallmarks of ISKP."
    )
    assert responsibility(suspected) == {("suspected", ISKP, None)}


def test_denials_and_negated_claims_yield_nothing(pipeline: Pipeline) -> None:
    work = run(
        pipeline,
        "KABUL, Aug. 27 — A bomb killed 12 people at a market on Thursday. No group has "
        "claimed the attack. The Taliban denied any role.",
    )
    assert work.responsibility == []


# names and places


def test_aliases_match_hyphen_space_and_case_variants(pipeline: Pipeline) -> None:
    work = run(
        pipeline,
        "Officials said ISIS K, also written ISIS-K or isis-k, and Is-Kp were one group. "
        "The Islamic State's Khorasan branch is the same. It is not the IS core, and this "
        "is the word is.",
    )
    found = [(m.text, m.actor.entity_id) for m in work.mentions if m.actor.schema == "ArmedGroup"]
    assert ("ISIS K", ISKP) in found and ("ISIS-K", ISKP) in found
    assert ("isis-k", ISKP) in found and ("Is-Kp", ISKP) in found
    assert ("Islamic State's Khorasan branch", ISKP) in found
    assert [text for text, eid in found if eid == IS] == ["IS"], "lower-case 'is' is a word"


def test_unknown_groups_and_people_come_from_the_entity_recogniser(pipeline: Pipeline) -> None:
    work = run(
        pipeline,
        "The Balochistan Liberation Army said its fighters attacked the convoy, and Zabihullah "
        "Mujahid said the Interior Ministry would investigate. Mujahid spoke in Kabul.",
    )
    actors = {(m.actor.schema, m.actor.name) for m in work.mentions}
    assert ("ArmedGroup", "Balochistan Liberation Army") in actors
    assert ("Person", "Zabihullah Mujahid") in actors
    assert not any("Ministry" in name for _, name in actors)
    later = [m for m in work.mentions if m.text == "Mujahid"]
    assert later and later[0].actor.entity_id == entity_id("Person", "Zabihullah Mujahid")


def test_places_resolve_to_the_right_country() -> None:
    index = geo_index()
    pakistan = index.resolve("Hyderabad", prefer=["PK"])
    india = index.resolve("Hyderabad")
    assert pakistan is not None and pakistan.country == "PK"
    assert india is not None and india.country == "IN"
    city = index.resolve("Mazar-i-Sharif")
    assert city is not None and city.country == "AF" and city.geoname_id
    province = index.resolve("Nangarhar province")
    assert province is not None and (province.kind, province.country) == ("region", "AF")
    country = index.resolve("U.S.")
    assert country is not None and (country.kind, country.country) == ("country", "US")


def test_dateline_country_decides_an_ambiguous_city(pipeline: Pipeline) -> None:
    work = run(
        pipeline,
        "SEHWAN, Pakistan, Feb. 17 — A bomber struck a shrine. The nearest hospital is in "
        "Hyderabad, two hours away.",
        published=date(2017, 2, 17),
    )
    places = {p.text: p.place.country for p in work.places}
    assert places == {"Sehwan": "PK", "Hyderabad": "PK"}


# relations


def test_relations_between_groups_and_people(pipeline: Pipeline) -> None:
    work = run(
        pipeline,
        "Hafiz Saeed Khan, a former commander of Tehrik-i-Taliban Pakistan, was named leader "
        "of ISKP in 2015. Jamaat-ul-Ahrar, a faction that broke away from the Pakistani "
        "Taliban in 2014, has clashed with the Afghan Taliban. ISIS-K, the Afghan affiliate "
        "of the Islamic State, has cooperated with the Haqqani network, according to former "
        "officials.",
        published=date(2021, 9, 10),
    )
    found = {(r.schema, r.source.name, r.target.name): r for r in work.relations}
    assert ("MemberOf", "Hafiz Saeed Khan", "Tehrik-i-Taliban Pakistan") in found
    assert (
        found[("LeaderOf", "Hafiz Saeed Khan", "Islamic State Khorasan Province")].start_date
        == "2015"
    )
    assert (
        found[("SplinterOf", "Jamaat-ul-Ahrar", "Tehrik-i-Taliban Pakistan")].start_date == "2014"
    )
    assert ("BranchOf", "Islamic State Khorasan Province", "Islamic State") in found
    cooperation = found[("CooperatesWith", "Islamic State Khorasan Province", "Haqqani network")]
    assert cooperation.asserted_by == "former officials"
