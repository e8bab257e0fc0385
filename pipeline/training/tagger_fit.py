"""Train the attribution tagger head (torch, training environment only): `make train-tagger`.

    .venv-train/bin/python -m pipeline.training.tagger_fit --train T.npz --dev D.npz \
        --out pipeline/extract/data/learned/tagger --oof .cache/tagger/train-oof.npz

Input: the frozen int8 encoder's token states and BIO tags of `tagger_data.py`. The head is a
projection and dilated convolutions over runs of whole sentences (`common/chunks.py`), with three
3-way outputs per token (cue, source, content: O / B / I). PolNeAR dev picks the epoch (the shipped
head is the one of all of train after that epoch); `--oof` also writes out-of-fold tag probabilities
of train (group k-fold by article) for the decision model, which must not learn from a tagger
that has seen its articles. Fixed seeds; CPU; prints the time. Example output::

    epoch 6: dev loss 0.31  span F1 cue 0.81 source 0.78 content 0.66
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn

from pipeline.common.chunks import bio_runs, sentence_chunks

LAYERS = ("cue", "source", "content")
SEED = 27
WIDTH = 128
KERNEL = 5
DILATIONS = (1, 2, 4)


class Head(nn.Module):
    """states (batch, tokens, width) -> tag logits (batch, tokens, 9): 3 layers x O/B/I.

    A projection, then dilated 1-d convolutions with residuals (receptive field 29 tokens;
    the encoder states already carry their sentence): parallel over tokens, so an epoch over
    PolNeAR train takes a minute on 2 cores where a BiLSTM took 3.5."""

    def __init__(self, width: int = 384) -> None:
        super().__init__()
        self.proj = nn.Sequential(nn.Dropout(0.1), nn.Linear(width, WIDTH), nn.GELU())
        self.convs = nn.ModuleList(
            nn.Conv1d(WIDTH, WIDTH, KERNEL, dilation=d, padding=d * (KERNEL // 2))
            for d in DILATIONS
        )
        self.drop = nn.Dropout(0.2)
        self.out = nn.Linear(WIDTH, 3 * len(LAYERS))

    def forward(self, states: torch.Tensor) -> torch.Tensor:
        h = self.proj(states).transpose(1, 2)  # batch, width, tokens
        for conv in self.convs:
            h = h + nn.functional.gelu(conv(self.drop(h)))
        return self.out(self.drop(h.transpose(1, 2)))


def load(path: Path) -> dict[str, np.ndarray]:
    z = np.load(path)
    out = {k: z[k] for k in z.files}
    out["states"] = out["states"].astype(np.float32)  # once, not per batch
    return out


def chunks_of(data: dict[str, np.ndarray], articles: np.ndarray) -> list[tuple[int, int]]:
    """Token row ranges of the chunks of the given articles."""
    starts = data["sent_starts"]
    out = []
    for a in articles:
        lo, hi = (int(x) for x in data["bounds"][a])
        inner = starts[(starts >= lo) & (starts < hi)] - lo
        out.extend((lo + s, lo + e) for s, e in sentence_chunks(inner.tolist(), hi - lo))
    return out


def batch(data: dict[str, np.ndarray], rows: list[tuple[int, int]]):
    n = max(e - s for s, e in rows)
    x = np.zeros((len(rows), n, data["states"].shape[1]), dtype=np.float32)
    y = np.full((len(rows), n, len(LAYERS)), -100, dtype=np.int64)
    for k, (s, e) in enumerate(rows):
        x[k, : e - s] = data["states"][s:e]
        y[k, : e - s] = data["tags"][s:e]
    return torch.from_numpy(x), torch.from_numpy(y)


def loss_of(logits: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    lg = logits.reshape(-1, len(LAYERS), 3)
    yy = y.reshape(-1, len(LAYERS))
    ce = nn.functional.cross_entropy
    return sum(ce(lg[:, k], yy[:, k], ignore_index=-100) for k in range(len(LAYERS)))


def train(data, articles, epochs: int, dev=None, seed: int = SEED) -> tuple[Head, list[dict]]:
    """A head trained on `articles` of `data` (dev scored after each epoch when given)."""
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    model = Head(data["states"].shape[1])
    opt = torch.optim.AdamW(model.parameters(), lr=2e-3, weight_decay=1e-2)
    rows = chunks_of(data, articles)
    history: list[dict] = []
    best_state, best_score = None, -1.0
    for epoch in range(1, epochs + 1):
        model.train()
        order = rng.permutation(len(rows))
        # similar lengths together: less padding
        groups = [order[k : k + 256] for k in range(0, len(order), 256)]
        for g in groups:
            g = sorted(g, key=lambda i: rows[i][1] - rows[i][0])
            for k in range(0, len(g), 32):
                x, y = batch(data, [rows[i] for i in g[k : k + 32]])
                opt.zero_grad()
                loss_of(model(x), y).backward()
                nn.utils.clip_grad_norm_(model.parameters(), 1.0)
                opt.step()
        if dev is not None:
            rep = evaluate(model, dev)
            rep["epoch"] = epoch
            history.append(rep)
            score = rep["span_f1"]["content"] + rep["span_f1"]["cue"]
            if score > best_score:
                best_score = score
                best_state = {k: v.clone() for k, v in model.state_dict().items()}
            f1 = "  ".join(f"{k} {rep['span_f1'][k]:.3f}" for k in LAYERS)
            print(f"epoch {epoch}: dev loss {rep['loss']:.3f}  span F1 {f1}", flush=True)
    if best_state is not None:  # the epoch dev liked best
        model.load_state_dict(best_state)
    return model, history


@torch.no_grad()
def predict(model: Head, data, articles) -> tuple[list[tuple[int, int]], list[np.ndarray]]:
    model.eval()
    rows = chunks_of(data, articles)
    out = []
    for s, e in rows:
        x = torch.from_numpy(data["states"][s:e].astype(np.float32))[None]
        out.append(torch.softmax(model(x)[0].reshape(e - s, len(LAYERS), 3), -1).numpy())
    return rows, out


def spans(tags: np.ndarray) -> set[tuple[int, int]]:
    """(start, end) runs of a BIO column (`common.chunks.bio_runs`)."""
    return set(bio_runs(tags.tolist()))


def evaluate(model: Head, dev) -> dict:
    articles = np.arange(len(dev["bounds"]))
    rows, probs = predict(model, dev, articles)
    with torch.no_grad():
        losses = [
            loss_of(torch.log(torch.from_numpy(p).clamp_min(1e-9)).reshape(1, -1, 9), y).item()
            for p, (s, e) in zip(probs, rows, strict=True)
            for y in [torch.from_numpy(dev["tags"][s:e].astype(np.int64))[None]]
        ]
    pred = np.concatenate([p.argmax(-1) for p in probs])
    gold = np.concatenate([dev["tags"][s:e] for s, e in rows])
    f1 = {}
    for k, name in enumerate(LAYERS):
        p, g = spans(pred[:, k]), spans(gold[:, k])
        tp = len(p & g)
        f1[name] = 2 * tp / (len(p) + len(g)) if p or g else 0.0
    return {"loss": float(np.mean(losses)), "span_f1": f1}


def export(model: Head, out: Path, info: dict) -> None:
    """`tagger.onnx` (input `states` 1 x tokens x width float32, output `tag_logits`
    1 x tokens x 9) and `manifest.json` beside it."""
    model.eval()
    out.mkdir(parents=True, exist_ok=True)
    path = out / "tagger.onnx"
    x = torch.zeros(1, 7, model.proj[1].in_features)
    torch.onnx.export(
        model,
        (x,),
        str(path),
        input_names=["states"],
        output_names=["tag_logits"],
        dynamic_axes={"states": {1: "tokens"}, "tag_logits": {1: "tokens"}},
        opset_version=17,
        dynamo=False,
    )
    info["sha256"] = {"tagger.onnx": hashlib.sha256(path.read_bytes()).hexdigest()}
    (out / "manifest.json").write_text(json.dumps(info, indent=2) + "\n", "utf-8")


def _ship(data, dev, most: int, out: Path, t0: float) -> int:
    """Train on all of train, keep dev's best epoch (of `most`), export; returns it."""
    n = len(data["bounds"])
    model, history = train(data, np.arange(n), most, dev)
    best = max(history, key=lambda r: r["span_f1"]["content"] + r["span_f1"]["cue"])
    print(f"chosen on dev: epoch {best['epoch']} ({time.perf_counter() - t0:.0f} s)", flush=True)
    info = {
        "format": "newsclaims-tagger/1",
        "layers": list(LAYERS),
        "classes": ["O", "B", "I"],
        "trained_on": f"PolNeAR train ({n} articles, {len(data['tags'])} tokens)",
        "epochs": best["epoch"],
        "seed": SEED,
        "dev_span_f1": best["span_f1"],
        "dev_history": history,
    }
    export(model, out, info)
    print(f"exported -> {out} ({time.perf_counter() - t0:.0f} s)", flush=True)
    return best["epoch"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--train", type=Path, required=True)
    ap.add_argument("--dev", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--oof", type=Path, help="write out-of-fold train tag probabilities here")
    ap.add_argument("--epochs", type=int, default=6, help="most epochs tried on dev")
    ap.add_argument("--folds", type=int, default=2)
    ap.add_argument("--fold-epochs", type=int, default=4, help="epochs of the fold heads")
    ap.add_argument("--oof-only", action="store_true", help="only the out-of-fold tags")
    args = ap.parse_args(argv)
    torch.set_num_threads(2)
    t0 = time.perf_counter()
    data, dev = load(args.train), load(args.dev)
    n = len(data["bounds"])
    if not args.oof_only:
        _ship(data, dev, args.epochs, args.out, t0)
    # fewer folds and epochs than the shipped head's: 2 x 4 epochs on half of train each (the
    # fold heads are a little weaker, so the chooser trusts the tags a little less)
    epochs = args.fold_epochs
    if args.oof:
        probs = np.zeros((len(data["tags"]), 9), dtype=np.float16)
        folds = np.random.default_rng(SEED).permutation(n) % args.folds
        for f in range(args.folds):
            fm, _ = train(data, np.flatnonzero(folds != f), epochs, seed=SEED + f + 1)
            rows, ps = predict(fm, data, np.flatnonzero(folds == f))
            for (s, e), p in zip(rows, ps, strict=True):
                probs[s:e] = p.reshape(e - s, 9)
            print(f"fold {f + 1}/{args.folds} ({time.perf_counter() - t0:.0f} s)", flush=True)
        np.savez(args.oof, probs=probs, names=data["names"], folds=folds)
    print(f"tagger: {time.perf_counter() - t0:.0f} s in all")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
