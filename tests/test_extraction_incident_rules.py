"""Rules added for issue 3 from reading incident summaries, each on sentences written for
the test: victims named without a number, groups the recogniser misses, and the like."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from overhorizon.extraction import Gazetteer, default_pipeline, document_view
from overhorizon.extraction.agents import group_name
from overhorizon.extraction.components.casualties import read_figures
from overhorizon.extraction.components.sentences import load_nlp
from overhorizon.extraction.pipeline import Pipeline
from overhorizon.model.document import Document


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return default_pipeline(gazetteer=Gazetteer(), nlp=load_nlp())


def lead(pipeline: Pipeline, text: str) -> dict[str, Any]:
    """The first event of a one-paragraph report."""
    document = Document(text=text, published=date(2021, 6, 2), source="rules.md")
    events = document_view(document, pipeline.extract([document])[0])["events"]
    assert events, text
    first: dict[str, Any] = events[0]
    return first


def figures(text: str) -> dict[str, str]:
    return {kind: str(quantity) for kind, quantity, _, _ in read_figures(text)}


# one victim named without a number


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Marta Quill, a district judge, was shot dead near the court.", {"killed": "1..1"}),
        ("The village headman was beheaded by the raiders.", {"killed": "1..1"}),
        ("Later he was found dead in a ditch.", {"killed": "1..1"}),
        (
            "A shopkeeper was killed and his nephew was badly wounded.",
            {"killed": "1..1", "injured": "1..1"},
        ),
        ("The gunman was killed by the guards.", {"attackersKilled": "1..1"}),
    ],
)
def test_a_singular_subject_of_a_casualty_verb_is_one_casualty(
    sentence: str, expected: dict[str, str]
) -> None:
    assert figures(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "No one was hurt when the device went off.",
        "The bus was hit but nobody was injured.",
        "The explosion was heard across the city.",
    ],
)
def test_no_casualty_is_read_where_nobody_is_hurt(sentence: str) -> None:
    assert figures(sentence) == {}


def test_a_count_inside_the_subject_is_not_counted_twice() -> None:
    assert figures("A soldier was killed near the gate.") == {"killed": "1..1"}


# groups named only by their context


def test_a_name_before_fighters_or_a_claim_is_a_group(pipeline: Pipeline) -> None:
    event = lead(pipeline, "Suspected Karu Valley gunmen shot at a minibus, wounding six people.")
    assert event["perpetrator"] == "Karu Valley"
    assert event["responsibility"] == "suspected"
    event = lead(
        pipeline,
        "A bomb killed two guards at a depot near Tolsa; Fajr Sentinels later claimed "
        "responsibility for the bombing.",
    )
    assert event["perpetrator"] == "Fajr Sentinels"
    assert event["responsibility"] == "claimed"


def test_describing_words_are_not_part_of_the_group_name(pipeline: Pipeline) -> None:
    assert group_name("Two Pakistani Karu Valley") == (14, "Karu Valley")
    assert group_name("Suspected Islamist") is None
    event = lead(pipeline, "Pakistani militants attacked a police post, killing three officers.")
    assert event["perpetrator"] is None


def test_by_three_members_of_the_group_names_the_perpetrator(pipeline: Pipeline) -> None:
    event = lead(
        pipeline,
        "A ferry was hijacked near the coast by three members of the Velmar Liberation Army.",
    )
    assert event["perpetrator"] == "Velmar Liberation Army"
