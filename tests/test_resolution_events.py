"""Event deduplication rules: the same attack across reports, and attacks kept apart."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from overhorizon.resolution.events import (
    EventRecord,
    candidate_pairs,
    compare_events,
    duplicates,
    families,
    judge,
)

KABUL = EventRecord(
    id="evt-a",
    day=date(2021, 8, 26),
    place_names=frozenset({"kabul"}),
    country="AF",
    latitude=34.53,
    longitude=69.17,
    attack_type="suicide_bombing",
    perpetrators=frozenset({"grp-iskp"}),
    killed=60,
)


def test_toll_revised_next_day_is_the_same_attack() -> None:
    later = replace(KABUL, id="evt-b", day=date(2021, 8, 27), attack_type="bombing", killed=170)
    match = compare_events(KABUL, later)
    assert match.decision == "match", match.explanation
    assert "tolls compatible (60, 170)" in match.explanation


def test_undated_follow_up_is_placed_by_its_report_date() -> None:
    follow_up = replace(KABUL, id="evt-b", day=None, reported=date(2021, 8, 30), killed=183)
    assert compare_events(KABUL, follow_up).decision == "match"
    late = replace(follow_up, reported=date(2021, 10, 1))
    assert compare_events(KABUL, late).decision == "no_match"
    assert [(a.id, b.id) for a, b in candidate_pairs([KABUL, follow_up])] == [("evt-a", "evt-b")]


def test_attacks_are_kept_apart_by_date_place_perpetrator_and_toll() -> None:
    far = replace(
        KABUL, id="evt-c", place_names=frozenset({"kunduz"}), latitude=36.7, longitude=68.9
    )
    assert "km apart" in compare_events(KABUL, far).explanation
    assert compare_events(KABUL, far).decision == "no_match"
    week = replace(KABUL, id="evt-d", day=date(2021, 9, 2))
    assert compare_events(KABUL, week).decision == "no_match"
    other_group = replace(KABUL, id="evt-e", perpetrators=frozenset({"grp-ttp"}))
    assert compare_events(KABUL, other_group).explanation == "perpetrators differ"
    tiny = replace(KABUL, id="evt-f", killed=2)
    assert compare_events(KABUL, tiny).decision == "no_match"


def test_complex_attack_of_two_types_goes_to_review_not_merge() -> None:
    gunmen = replace(KABUL, id="evt-g", day=date(2021, 8, 27), attack_type="armed_assault")
    match = compare_events(KABUL, gunmen)
    assert match.decision == "possible", match.explanation


def test_unknown_place_is_only_possible_unless_the_toll_agrees() -> None:
    vague = replace(
        KABUL,
        id="evt-h",
        place_names=frozenset(),
        latitude=None,
        longitude=None,
        country=None,
        killed=55,
        perpetrators=frozenset(),
    )
    assert compare_events(KABUL, vague).decision == "possible"
    same_toll = replace(vague, killed=60)
    assert compare_events(KABUL, same_toll).decision == "match"
    assert [(m.left, m.right) for m in duplicates([KABUL, same_toll, vague])] == [
        ("evt-a", "evt-h")
    ]


def test_background_mention_dated_to_the_month_joins_the_attack_when_corroborated() -> None:
    mention = replace(KABUL, id="evt-m", day=None, month="2021-08", reported=date(2022, 9, 5))
    match = compare_events(KABUL, mention)
    assert match.decision == "match", match.explanation
    assert "one dated only to the month" in match.explanation
    assert [(a.id, b.id) for a, b in candidate_pairs([KABUL, mention])] == [("evt-a", "evt-m")]
    bare = replace(mention, perpetrators=frozenset(), killed=None)
    assert compare_events(KABUL, bare).decision != "match"
    elsewhere = replace(
        mention, place_names=frozenset({"kunduz"}), latitude=None, longitude=None, killed=None
    )
    assert compare_events(KABUL, elsewhere).decision != "match"
    next_month = replace(mention, month="2021-09")
    assert compare_events(KABUL, next_month).decision == "no_match"
    assert list(candidate_pairs([KABUL, next_month])) == []


def test_a_figure_both_reports_quote_corroborates_a_mention_even_after_a_revision() -> None:
    revised = replace(KABUL, killed=65, figures=frozenset({60, 65}))
    mention = replace(
        KABUL, id="evt-m", day=None, month="2021-08", perpetrators=frozenset(), killed=60
    )
    match = compare_events(revised, mention)
    assert match.decision == "match", match.explanation
    assert "same toll (60)" in match.explanation
    other_figure = replace(mention, killed=40)
    assert compare_events(revised, other_figure).decision != "match"


def test_an_uncorroborated_mention_joins_the_only_attack_it_could_be() -> None:
    mention = replace(
        KABUL, id="evt-m", day=None, month="2021-08", perpetrators=frozenset(), killed=None
    )
    alone = compare_events(KABUL, mention)
    assert alone.decision == "possible" and alone.uncorroborated
    [judged] = judge([KABUL, mention])
    assert judged.decision == "match"
    assert "the only attack at that place that month" in judged.explanation
    second = replace(KABUL, id="evt-c", day=date(2021, 8, 3), perpetrators=frozenset(), killed=9)
    assert {frozenset((m.left, m.right)): m.decision for m in judge([KABUL, mention, second])} == {
        frozenset(("evt-a", "evt-m")): "possible",
        frozenset(("evt-c", "evt-m")): "possible",
    }
    other = replace(mention, id="evt-n")
    decided = {frozenset((m.left, m.right)): m.decision for m in judge([KABUL, mention, other])}
    assert decided[frozenset(("evt-a", "evt-m"))] == "match"
    assert decided[frozenset(("evt-a", "evt-n"))] == "match"
    assert decided[frozenset(("evt-m", "evt-n"))] == "possible"


def test_an_assassination_agrees_with_the_means_it_was_done_by() -> None:
    governor = replace(KABUL, id="evt-g", attack_type="assassination", killed=None)
    match = compare_events(KABUL, governor)
    assert match.decision == "match", match.explanation
    assert not any("types differ" in r for r in match.reasons)
    assert compare_events(KABUL, replace(governor, attack_type="armed_assault")).decision != (
        "match"
    )


def test_a_report_of_bombs_and_guns_agrees_with_either_type() -> None:
    complex_attack = replace(
        KABUL, id="evt-x", kinds=families(["suicide_bombing"], ["car bomb", "gunfire"])
    )
    raid = replace(KABUL, id="evt-y", day=date(2021, 8, 27), attack_type="armed_assault")
    match = compare_events(complex_attack, raid)
    assert match.decision == "match", match.explanation
    assert "complex attack (assault, explosive)" in match.explanation
    bomb_only = replace(complex_attack, kinds=families(["suicide_bombing"], ["car bomb"]))
    assert compare_events(bomb_only, raid).decision == "possible"
    rockets = replace(raid, attack_type="rocket_attack")
    assert compare_events(complex_attack, rockets).decision == "possible"


def test_a_mention_dated_to_the_year_joins_the_one_attack_that_shares_its_target() -> None:
    ward = replace(
        KABUL,
        id="evt-w",
        day=date(2020, 5, 12),
        attack_type="armed_assault",
        perpetrators=frozenset(),
        killed=24,
        targets=frozenset({"maternity ward"}),
    )
    mention = replace(
        ward,
        id="evt-y",
        day=None,
        year="2020",
        attack_type="other",
        killed=None,
        latitude=34.5,
        longitude=69.1,
        place_names=frozenset({"dasht e barchi"}),
    )
    school = replace(ward, id="evt-s", day=date(2020, 10, 24), targets=frozenset({"school"}))
    assert ("evt-y", "evt-w") in [(a.id, b.id) for a, b in candidate_pairs([ward, mention])]
    alone = compare_events(ward, mention)
    assert alone.decision == "possible" and alone.by_year, alone.explanation
    assert "same target (maternity ward)" in alone.explanation
    decided = {frozenset((m.left, m.right)): m for m in judge([ward, mention, school])}
    merged = decided[frozenset(("evt-w", "evt-y"))]
    assert merged.decision == "match", merged.explanation
    assert decided[frozenset(("evt-s", "evt-y"))].decision == "no_match"
    twin = replace(school, targets=frozenset({"maternity ward"}))
    either = {frozenset((m.left, m.right)): m.decision for m in judge([ward, mention, twin])}
    assert either[frozenset(("evt-w", "evt-y"))] == "possible"
    other_year = replace(mention, year="2019")
    assert compare_events(ward, other_year).decision == "no_match"


def test_a_named_victim_stands_in_for_a_vague_place() -> None:
    killing = replace(
        KABUL,
        id="evt-k",
        day=date(2022, 8, 7),
        place_names=frozenset({"paktika province"}),
        latitude=32.26,
        longitude=68.52,
        attack_type="bombing",
        perpetrators=frozenset(),
        killed=3,
        victims=frozenset({"omar khalid khorasani"}),
    )
    recalled = replace(
        killing,
        id="evt-r",
        day=None,
        month="2022-08",
        attack_type="assassination",
        place_names=frozenset({"afghanistan"}),
        latitude=None,
        longitude=None,
        killed=None,
    )
    match = compare_events(killing, recalled)
    assert match.decision == "match", match.explanation
    assert "same victim named (omar khalid khorasani)" in match.explanation
    nobody = replace(recalled, victims=frozenset())
    assert compare_events(killing, nobody).decision != "match"
