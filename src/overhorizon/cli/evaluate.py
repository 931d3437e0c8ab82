"""``overhorizon eval``: predictions on research benchmarks, in each benchmark's format.

``overhorizon eval muc4 INPUT.jsonl -o preds.json`` tags any MUC-4 ree-format file with the
shipped role tagger; when the file carries gold entities, ``--score`` prints the measure.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer

from overhorizon.cli.app import app, console, errors

evaluate = typer.Typer(help="Predict on research benchmarks and score.", no_args_is_help=True)
app.add_typer(evaluate, name="eval", help="Predict on research benchmarks (MUC-4) and score.")


@evaluate.command("muc4")
def muc4(
    source: Annotated[
        Path, typer.Argument(help="MUC-4 ree-format JSONL (docid, doctext, extracts).", exists=True)
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="Where to write the predictions: JSON, docid -> role -> entities -> mentions.",
        ),
    ],
    score: Annotated[
        bool, typer.Option("--score", help="Print P/R/F1 against the file's gold entities.")
    ] = False,
) -> None:
    """Extract MUC-4 role fillers (PerpInd, PerpOrg, Target, Victim, Weapon)."""
    from overhorizon.eval.muc4 import predict
    from overhorizon.eval.scoring import score as measure
    from overhorizon.eval.scoring import table
    from overhorizon.extraction.roles.muc4 import read_documents, write_predictions

    documents = read_documents(source)
    began = time.perf_counter()
    predictions = predict(documents)
    seconds = time.perf_counter() - began
    write_predictions(output, predictions)
    errors.print(
        f"{len(documents)} documents in {seconds:.1f}s "
        f"({len(documents) / max(seconds, 1e-9):.1f} documents/s) -> {output}",
        highlight=False,
    )
    if score:
        for line in table(measure(documents, predictions)):
            console.print(line, highlight=False)
