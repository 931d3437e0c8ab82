"""``overhorizon stix export | import | validate`` through the real command-line app."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from overhorizon.cli import app
from overhorizon.sharing.ids import stix_id
from overhorizon.store import open_store
from test_stix_scenario import AMBER_ALIAS, fill, scenario

runner = CliRunner()
FIXTURE = Path(__file__).parent / "fixtures" / "stix" / "partner-bundle.json"


def _db(tmp_path: Path, name: str, *, with_scenario: bool = False) -> str:
    path = str(tmp_path / name)
    with open_store(path) as store:
        if with_scenario:
            fill(store, *scenario())
    return path


def test_export_validate_import(tmp_path: Path) -> None:
    source = _db(tmp_path, "a.db", with_scenario=True)
    out = tmp_path / "green.json"
    args = ["stix", "export", "--db", source, "--max-tlp", "green", "-o", str(out)]
    result = runner.invoke(app, [*args, "--producer", "Agency A"])
    assert result.exit_code == 0, result.output
    assert f"to {out}" in result.output and "withheld:" in result.output
    bundle = json.loads(out.read_text(encoding="utf-8"))
    assert AMBER_ALIAS not in out.read_text(encoding="utf-8")
    assert stix_id("identity", "producer:Agency A") in {o["id"] for o in bundle["objects"]}

    result = runner.invoke(app, ["stix", "validate", str(out)])
    assert result.exit_code == 0 and "valid STIX 2.1 (strict)" in result.output

    target = _db(tmp_path, "b.db")
    result = runner.invoke(app, ["stix", "import", str(out), "--db", target, "--tlp", "amber"])
    assert result.exit_code == 0, result.output
    assert "statements" in result.output and "threat-actor" in result.output
    with open_store(target) as store:
        assert {s.tlp for s in store.statements()} == {"amber"}


def test_export_to_stdout_is_the_bundle_alone(tmp_path: Path) -> None:
    source = _db(tmp_path, "a.db", with_scenario=True)
    result = runner.invoke(app, ["stix", "export", "--db", source, "--max-tlp", "amber"])
    assert result.exit_code == 0, result.output
    bundle = json.loads(result.stdout)
    assert bundle["type"] == "bundle" and AMBER_ALIAS in result.stdout
    assert "wrote" in result.stderr


def test_a_partner_bundle_reports_what_it_could_not_read(tmp_path: Path) -> None:
    target = _db(tmp_path, "b.db")
    result = runner.invoke(app, ["stix", "import", str(FIXTURE), "--db", target])
    assert result.exit_code == 0, result.output
    assert "relationships of unknown type: 1 related-to" in result.output
    assert "relationships with an end not imported: 1 uses" in result.output
    assert "1 campaign, 1 malware" in result.output
    assert "read as TLP:RED" in result.output


def test_bad_input_is_refused(tmp_path: Path) -> None:
    source = _db(tmp_path, "a.db")
    result = runner.invoke(app, ["stix", "export", "--db", source, "--max-tlp", "purple"])
    assert result.exit_code == 2 and "purple" in result.output
    lax = {
        "type": "bundle",
        "id": "bundle--5d0b5a8e-7c2a-4f3e-9b1d-2a4c6e8f0a1b",
        "objects": [
            {
                "type": "identity",
                "spec_version": "2.1",
                "id": "identity--6a1e0c2b-3d4f-4a5b-8c7d-9e0f1a2b3c4d",
                "created": "2024-01-01T00:00:00.000Z",
                "modified": "2024-01-01T00:00:00.000Z",
                "name": "Somebody",
                "identity_class": "agency",
            }
        ],
    }
    path = tmp_path / "lax.json"
    path.write_text(json.dumps(lax), encoding="utf-8")
    result = runner.invoke(app, ["stix", "validate", str(path)])
    assert result.exit_code == 1 and "identity_class" in result.output
