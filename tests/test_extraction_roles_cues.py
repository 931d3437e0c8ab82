"""Perpetrators named by a common noun in the act, for the role tagger's decoding."""

from __future__ import annotations

import pytest

from overhorizon.extraction.roles.cues import perpetrator_spans
from overhorizon.extraction.roles.decode import CUE_SCORE, cued


def named(text: str) -> list[str]:
    return [text[start:end] for start, end in perpetrator_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("last night urban commandos attacked a patrol near the bridge.", ["urban commandos"]),
        ("the mayor was kidnapped by heavily armed men on sunday.", ["heavily armed men"]),
        ("the guerrillas later dynamited two pylons.", ["guerrillas"]),
        ("the bus was burned by a group of terrorists.", ["terrorists"]),
    ],
)
def test_a_noun_doing_the_act_is_a_perpetrator(text: str, expected: list[str]) -> None:
    assert named(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "the army said the number of guerrillas killed in the area rose to 12.",
        "in all, 14 soldiers killed, 20 wounded.",
        "the guerrillas were seen near the river.",
    ],
)
def test_a_noun_in_a_passive_or_idle_is_not(text: str) -> None:
    assert named(text) == []


def test_cued_spans_are_perpetrator_spans_only() -> None:
    text = "gunmen shot the judge outside the court."
    spans = cued(text, "PerpInd")
    assert [(s.text, s.score) for s in spans] == [("gunmen", CUE_SCORE)]
    assert cued(text, "Victim") == []


def test_soldiers_in_a_battle_are_not_named() -> None:
    assert named("the soldiers attacked rebel positions near the river.") == []
