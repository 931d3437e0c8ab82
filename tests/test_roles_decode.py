"""Decoding the role tagger's output: BIO probabilities -> spans -> one mention per entity."""

from __future__ import annotations

import re

import numpy as np
import pytest

from overhorizon.extraction.roles.decode import (
    DecodeSettings,
    Span,
    as_prediction,
    decode,
    group,
    spans,
    words,
)
from overhorizon.extraction.roles.labels import LABELS, ROLES
from overhorizon.extraction.roles.lexicon import matches, training_lexicon
from overhorizon.extraction.roles.muc4 import MucDocument
from overhorizon.extraction.roles.tuning import training_aliases
from overhorizon.extraction.roles.windows import Pieces, every_occurrence, piece_labels


def hand_tagged(tagged: str) -> tuple[str, Pieces, np.ndarray]:
    """Text and one piece per word from ``word/LABEL`` tokens (bare words are O).

    The labelled word gets probability 0.9 for its label, the rest spread over the others.
    """
    text_words: list[str] = []
    rows: list[np.ndarray] = []
    for token in tagged.split():
        word, _, label = token.partition("/")
        row = np.full(len(LABELS), 0.1 / (len(LABELS) - 1), dtype=np.float32)
        row[LABELS.index(label or "O")] = 0.9
        text_words.append(word)
        rows.append(row)
    text = " ".join(text_words)
    return text, one_piece_per_match(text, r"\S+"), np.stack(rows)


def one_piece_per_match(text: str, pattern: str) -> Pieces:
    """One piece, and one word, for each match of ``pattern`` in ``text``."""
    bounds = [(m.start(), m.end()) for m in re.finditer(pattern, text)]
    return Pieces(
        ids=np.arange(len(bounds), dtype=np.int64),
        starts=np.asarray([s for s, _ in bounds], dtype=np.int64),
        ends=np.asarray([e for _, e in bounds], dtype=np.int64),
        words=np.arange(len(bounds), dtype=np.int64),
    )


def texts(found: list[Span]) -> list[str]:
    return [span.text for span in found]


def test_bio_runs_become_spans_and_a_new_begin_splits_them() -> None:
    text, found, probs = hand_tagged(
        "six/B-Victim jesuit/I-Victim priests/I-Victim and ellacuria/B-Victim "
        "montes/B-Victim were killed by urban/B-PerpInd terrorists/I-PerpInd"
    )
    victims = spans(text, words(found, probs), "Victim", 0.5)
    assert texts(victims) == ["six jesuit priests", "ellacuria", "montes"]
    assert victims[0].score == pytest.approx(0.9 + 0.1 / 10)
    assert texts(spans(text, words(found, probs), "PerpInd", 0.5)) == ["urban terrorists"]
    assert spans(text, words(found, probs), "Weapon", 0.5) == []


def test_a_head_the_tagger_reads_as_a_weak_begin_stays_in_its_phrase() -> None:
    """The tagger often gives the head of a phrase ("car bomb") a little more B than I;
    with ``split`` above 1 only a clearly stronger B starts a new span."""
    text, found, probs = hand_tagged("a car/B-Weapon bomb/B-Weapon exploded")
    begin, inside = LABELS.index("B-Weapon"), LABELS.index("I-Weapon")
    probs[2, begin], probs[2, inside] = 0.55, 0.4
    read = words(found, probs)
    assert texts(spans(text, read, "Weapon", 0.5)) == ["car", "bomb"]
    assert texts(spans(text, read, "Weapon", 0.5, split=3.0)) == ["car bomb"]
    probs[2, begin], probs[2, inside] = 0.85, 0.1
    assert texts(spans(text, words(found, probs), "Weapon", 0.5, split=3.0)) == ["car", "bomb"]


def test_an_inside_label_without_a_begin_still_opens_a_span() -> None:
    text, found, probs = hand_tagged("a car/I-Weapon bomb/I-Weapon exploded")
    assert texts(spans(text, words(found, probs), "Weapon", 0.5)) == ["car bomb"]


def test_punctuation_at_the_edges_of_a_span_is_trimmed() -> None:
    text, found, probs = hand_tagged("guerrillas of the ( /B-PerpOrg fmln/I-PerpOrg )/I-PerpOrg")
    assert texts(spans(text, words(found, probs), "PerpOrg", 0.5)) == ["fmln"]


def test_pieces_of_one_word_are_read_as_the_word() -> None:
    text = "the m-16 rifles"
    found = Pieces(
        ids=np.arange(5, dtype=np.int64),
        starts=np.asarray([0, 4, 5, 6, 9], dtype=np.int64),
        ends=np.asarray([3, 5, 6, 8, 15], dtype=np.int64),
        words=np.asarray([0, 1, 2, 3, 4], dtype=np.int64),
    )
    probs = np.zeros((5, len(LABELS)), dtype=np.float32)
    probs[:, 0] = 1.0
    probs[1] = probs[2] = probs[3] = probs[4] = 0.0
    probs[1, LABELS.index("B-Weapon")] = 0.8
    probs[2:5, LABELS.index("I-Weapon")] = 0.8
    probs[1:5, 0] = 0.2
    assert texts(spans(text, words(found, probs), "Weapon", 0.5)) == ["m-16 rifles"]


def test_lower_word_threshold_lets_weak_words_in() -> None:
    text, found, probs = hand_tagged("the national/B-Target police/I-Target headquarters")
    probs[3, LABELS.index("I-Target")] = 0.3
    probs[3, 0] = 0.7
    assert texts(spans(text, words(found, probs), "Target", 0.5)) == ["national police"]
    assert texts(spans(text, words(found, probs), "Target", 0.25)) == [
        "national police headquarters"
    ]


def span(text: str, score: float, start: int = 0) -> Span:
    return Span("Victim", start, start + len(text), text, score)


def test_a_shorter_form_with_the_same_head_joins_the_longer_mention() -> None:
    entities = group(
        [span("jesuit priests", 0.9, 40), span("six jesuit priests", 0.7), span("montes", 0.8)],
        {},
    )
    assert sorted(sorted(e.keys) for e in entities) == [
        ["jesuit priests", "six jesuit priests"],
        ["montes"],
    ]
    priests = next(e for e in entities if len(e.spans) == 2)
    assert priests.best.text == "jesuit priests"
    assert priests.score == pytest.approx(0.9)


def test_different_heads_stay_apart_and_articles_do_not_count() -> None:
    entities = group(
        [span("ignacio ellacuria", 0.8), span("segundo montes", 0.8), span("the montes", 0.6)], {}
    )
    assert len(entities) == 2


def test_known_aliases_merge_and_unknown_ones_do_not() -> None:
    org = [
        Span("PerpOrg", 0, 41, "farabundo marti national liberation front", 0.6),
        Span("PerpOrg", 50, 54, "fmln", 0.95),
    ]
    assert len(group(org, {})) == 2
    aliases = training_aliases(
        [
            MucDocument(
                "D1",
                "",
                {"PerpOrg": [[("farabundo marti national liberation front", 0), ("fmln", 9)]]},
            )
        ]
    )
    assert aliases["fmln"] == ["farabundo marti national liberation front"]
    merged = group(org, aliases)
    assert len(merged) == 1
    assert merged[0].best.text == "fmln"


def test_decode_reports_one_mention_per_entity_above_the_role_threshold() -> None:
    text, found, probs = hand_tagged(
        "urban/B-PerpInd terrorists/I-PerpInd of the fmln/B-PerpOrg attacked the "
        "embassy/B-Target with dynamite/B-Weapon ; the terrorists/B-PerpInd fled"
    )
    probs[4, LABELS.index("B-PerpOrg")] = 0.4
    probs[4, 0] = 0.6
    settings = DecodeSettings(
        word=dict.fromkeys(ROLES, 0.3), entity={**dict.fromkeys(ROLES, 0.5), "PerpOrg": 0.5}
    )
    entities = decode(text, found, probs, settings)
    assert [len(e.spans) for e in entities["PerpInd"]] == [2]
    assert entities["PerpOrg"] == []
    prediction = as_prediction(entities)
    assert prediction == {
        "PerpInd": [["urban terrorists"]],
        "PerpOrg": [],
        "Target": [["embassy"]],
        "Victim": [],
        "Weapon": [["dynamite"]],
    }


def test_settings_survive_their_json_form() -> None:
    settings = DecodeSettings(
        word=dict.fromkeys(ROLES, 0.25),
        entity=dict.fromkeys(ROLES, 0.6),
        aliases={"fmln": ["farabundo marti national liberation front"]},
        split=3.0,
    )
    assert DecodeSettings.from_dict(settings.to_dict()) == settings
    older = {k: v for k, v in settings.to_dict().items() if k != "split"}
    assert DecodeSettings.from_dict(older).split == 1.0


def test_training_labels_cover_every_occurrence_and_prefer_longer_spans() -> None:
    text = "the fmln said the fmln and farabundo marti fmln rebels attacked"
    occurrences = every_occurrence(text, [("fmln", 4)])
    assert occurrences == [(4, 8), (18, 22), (43, 47)]
    bounds = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    found = Pieces(
        ids=np.arange(len(bounds), dtype=np.int64),
        starts=np.asarray([s for s, _ in bounds], dtype=np.int64),
        ends=np.asarray([e for _, e in bounds], dtype=np.int64),
        words=np.arange(len(bounds), dtype=np.int64),
    )
    labels = piece_labels(found, {"PerpOrg": occurrences, "PerpInd": [(27, 54)]})
    named = [LABELS[i] for i in labels]
    assert named == [
        "O",
        "B-PerpOrg",
        "O",
        "O",
        "B-PerpOrg",
        "O",
        "B-PerpInd",
        "I-PerpInd",
        "I-PerpInd",
        "I-PerpInd",
        "O",
    ]


def test_the_lexicon_counts_documents_where_a_phrase_was_a_filler() -> None:
    bombed = MucDocument("A", "a car bomb exploded.", {"Weapon": [[("car bomb", 2)]]})
    again = MucDocument("B", "another car bomb went off.", {"Weapon": [[("car bomb", 8)]]})
    quiet = MucDocument("C", "police found a car bomb and defused it.", {})
    boxcar = MucDocument("D", "a boxcar bomber was seen.", {})
    lexicon = training_lexicon([bombed, again, quiet, boxcar], min_documents=2)
    assert lexicon == {"Weapon": {"car bomb": pytest.approx(2 / 3, abs=1e-4)}}
    assert training_lexicon([bombed, again, quiet], min_documents=4) == {"Weapon": {}}
    assert matches("Then a CAR BOMB, and a car bomb.", lexicon["Weapon"], 0.6) == [
        (7, 15, lexicon["Weapon"]["car bomb"])
    ]
    assert matches("a car bomb", lexicon["Weapon"], 0.7) == []


def test_a_trusted_phrase_is_reported_where_the_tagger_is_unsure() -> None:
    text, found, probs = hand_tagged("a car bomb/B-Weapon exploded near the embassy/B-Target")
    probs[2, LABELS.index("B-Weapon")] = 0.3
    probs[2, 0] = 0.7
    lexicon = {"Weapon": {"car bomb": 0.8, "bomb": 0.2}}
    plain = DecodeSettings(word=dict.fromkeys(ROLES, 0.5), lexicon=lexicon)
    assert decode(text, found, probs, plain)["Weapon"] == []
    trusting = DecodeSettings(
        word=dict.fromkeys(ROLES, 0.5), lexicon=lexicon, floor={"Weapon": 0.5}
    )
    assert as_prediction(decode(text, found, probs, trusting))["Weapon"] == [["car bomb"]]
    assert as_prediction(decode(text, found, probs, trusting))["Target"] == [["embassy"]]


def punctuated(text: str) -> tuple[Pieces, np.ndarray]:
    """One piece per word and per punctuation mark, as the tokenizer splits them, with
    probabilities of 0.01 for every label (to be set by the test)."""
    found = one_piece_per_match(text, r"\w+|[^\w\s]")
    return found, np.full((len(found), len(LABELS)), 0.01, dtype=np.float32)


def test_a_span_does_not_start_with_the_s_of_a_possessive() -> None:
    text = "colombia's army of national liberation claimed it"
    found, probs = punctuated(text)
    inside = LABELS.index("I-PerpOrg")
    probs[2:7, inside] = 0.9  # "s army of national liberation"
    assert texts(spans(text, words(found, probs), "PerpOrg", 0.5)) == [
        "army of national liberation"
    ]


def test_a_hyphen_joins_the_words_it_is_written_between() -> None:
    text = "armed with rocket-propelled grenades and a - sign"
    found, probs = punctuated(text)
    begin, inside = LABELS.index("B-Weapon"), LABELS.index("I-Weapon")
    probs[2, begin] = 0.9  # rocket
    probs[4, begin] = 0.6  # propelled, read as a begin of its own
    probs[5, inside] = 0.9  # grenades
    probs[8, inside] = 0.9  # the "-" standing alone is no joiner
    probs[9, inside] = 0.9  # sign
    assert texts(spans(text, words(found, probs), "Weapon", 0.5)) == [
        "rocket-propelled grenades",
        "sign",
    ]
