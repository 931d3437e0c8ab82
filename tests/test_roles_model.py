"""The shipped role tagger: small, loaded offline and lazily, and useful on new text."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import pytest

from overhorizon.errors import ExtractionError
from overhorizon.extraction import Gazetteer, Pipeline, default_pipeline
from overhorizon.extraction.components.sentences import load_nlp
from overhorizon.extraction.registry import create
from overhorizon.extraction.roles import artefact
from overhorizon.extraction.roles.tagger import RoleTagger, packaged_tagger
from overhorizon.model.document import Document

REPORT = (
    "san salvador, 14 jun 89 -- urban guerrillas of the farabundo marti national liberation "
    "front (fmln) today blew up the power substation in soyapango with dynamite charges. "
    "peasant leader jose antonio morales, who was walking past the substation, was killed in "
    "the explosion, the armed forces press committee reported."
)


@pytest.fixture(scope="module")
def tagger() -> RoleTagger:
    return packaged_tagger()


def test_the_artefact_is_packaged_small() -> None:
    folder = artefact.packaged_dir()
    names = {path.name for path in folder.iterdir()}
    assert {artefact.WEIGHTS, artefact.TOKENIZER, artefact.SETTINGS} <= names
    size = sum(path.stat().st_size for path in folder.iterdir())
    assert size < 60_000_000
    settings = json.loads((folder / artefact.SETTINGS).read_text(encoding="utf-8"))
    assert set(settings["decode"]["entity"]) == {
        "PerpInd",
        "PerpOrg",
        "Target",
        "Victim",
        "Weapon",
    }


def test_torch_loads_only_when_the_tagger_is_used_and_never_the_hub() -> None:
    """In a fresh interpreter: the registry imports no torch; loading reads only the package."""
    probe = (
        "import json, sys\n"
        "import overhorizon.extraction.registry\n"
        "lazy = 'torch' not in sys.modules\n"
        "from overhorizon.extraction.roles.tagger import packaged_tagger\n"
        "found = packaged_tagger().extract(['the fmln attacked the embassy with dynamite.'])\n"
        "hub = [m for m in ('transformers', 'huggingface_hub', 'sentence_transformers')"
        " if m in sys.modules]\n"
        "print(json.dumps({'lazy': lazy, 'hub': hub, 'roles': sorted(found[0])}))\n"
    )
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_HOME": "/nonexistent"}
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report == {
        "lazy": True,
        "hub": [],
        "roles": ["PerpInd", "PerpOrg", "Target", "Victim", "Weapon"],
    }


def test_the_tagger_reads_a_report_written_for_the_test(tagger: RoleTagger) -> None:
    found = {
        role: [e.best.text for e in ents] for role, ents in tagger.extract([REPORT])[0].items()
    }
    assert set(found["PerpOrg"]) & {"fmln", "farabundo marti national liberation front"}
    assert len(found["PerpOrg"]) == 1, found
    assert any("dynamite" in w for w in found["Weapon"]), found
    assert any("substation" in t for t in found["Target"]), found
    assert any("morales" in v for v in found["Victim"]), found
    assert not any(p.endswith(" of") for p in found["PerpInd"]), found


def test_a_missing_artefact_is_a_typed_error(tmp_path: Any) -> None:
    with pytest.raises(ExtractionError, match="cannot be read"):
        RoleTagger.load(tmp_path)


def test_the_component_adds_fillers_to_attacks_in_the_pipeline(tagger: RoleTagger) -> None:
    standard = default_pipeline(gazetteer=Gazetteer(), nlp=load_nlp())
    roles = create("overhorizon.roles.v1", tagger=tagger)
    with_roles = Pipeline([*standard.components[:-1], roles, standard.components[-1]])
    document = Document(
        text=(
            "KABUL, March 3 (Wire) — Gunmen attacked a police checkpoint in Kabul with "
            "rocket-propelled grenades on Tuesday, killing four policemen, officials said."
        ),
        source="checkpoint.md",
    )
    before = standard.run([document])[0]
    after = with_roles.run([document])[0]
    assert len(after.events) == len(before.events) == 1
    found = tagger.extract([document.text])[0]
    added = {e.best.text for role in ("Target", "Weapon") for e in found[role]}
    fillers = {text for attack in after.events for text, _ in [*attack.targets, *attack.weapons]}
    assert added
    assert added <= fillers
    old = {text for attack in before.events for text, _ in [*attack.targets, *attack.weapons]}
    assert old <= fillers
    values = {s.value for s in after.statements if s.prop in {"weapon", "targetDescription"}}
    assert added <= values
    lower = Document(text=REPORT, source="substation.txt")
    [attack] = with_roles.run([lower])[0].events
    victims = {e.best.text for e in tagger.extract([REPORT])[0]["Victim"]}
    assert victims
    assert victims <= {text for text, _ in attack.victim_groups}


def test_the_component_must_follow_the_attack_reader() -> None:
    with pytest.raises(ExtractionError, match="requires"):
        Pipeline([create("overhorizon.roles.v1")])
