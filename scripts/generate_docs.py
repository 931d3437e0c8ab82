"""Write the files derived from the ontology and the CLI into docs/ (``make docs``)."""

from __future__ import annotations

from pathlib import Path

from overhorizon.cli.reference_docs import cli_markdown
from overhorizon.model.derive import api_json_schema, ontology_markdown

DOCS = Path(__file__).resolve().parents[1] / "docs"

GENERATED = {
    "ontology.md": ontology_markdown,
    "api-models.schema.json": api_json_schema,
    "cli.md": cli_markdown,
}


def main() -> None:
    DOCS.mkdir(exist_ok=True)
    for name, render in GENERATED.items():
        (DOCS / name).write_text(render(), encoding="utf-8")
        print(f"wrote docs/{name}")


if __name__ == "__main__":
    main()
