"""Scoring of claim extraction against PolNeAR-style gold (the corpus README rules).

- Word tokens are `\\w+` runs (compared lower-cased; Dice over token multisets).
- Per article, predictions are matched greedily in prediction order, each to the unused gold
  attribution whose content tokens have the highest Dice with the prediction's content
  tokens; a match needs Dice >= 0.5 (a second, independent matching uses 0.9).
- Content P/R/F1 over all predictions and gold attributions.
- Speaker accuracy over matched pairs whose gold has a source: right when the predicted
  speaker span shares a token (by position) with the gold source span. Cue accuracy likewise
  (over matched pairs whose gold has a cue).
- End-to-end F1: a match counts only when the speaker is right; for gold without a source,
  right means the prediction has no speaker.
- Predicted spans are located by their offsets when the text there equals the predicted text,
  otherwise by searching the text for the occurrence nearest the content.
- Predictions with a `confidence` are also scored at confidence thresholds, with a calibration
  table (`confidence.py`).
- A predicted claim with no cue whose speaker mention is that of an earlier claim (a
  follow-on quotation paragraph, `extract/claims/follow_on.py`) is joined to that claim first
  (`join_follow_on`): PolNeAR annotates such a quotation as part of the earlier attribution.
- A predicted accusation whose cue lies inside another predicted claim's content (kept by
  `extract/claims/nested.py`) is left out (`drop_nested`): PolNeAR annotates the outermost
  attribution only.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.common.words import WORD_RE
from pipeline.extract.records import claim_to_json

from .confidence import Outcome, format_summary, summarize

if TYPE_CHECKING:
    from pipeline.extract import Extractor


def tokens(text: str) -> Counter[str]:
    """Multiset of lower-cased word tokens."""
    return Counter(t.lower() for t in WORD_RE.findall(text or ""))


def dice(a: Counter[str], b: Counter[str]) -> float:
    """Dice coefficient of two token multisets."""
    total = sum(a.values()) + sum(b.values())
    if total == 0:
        return 0.0
    return 2.0 * sum((a & b).values()) / total


class TokenIndex:
    """Word-token positions of one article text."""

    def __init__(self, text: str) -> None:
        self.text = text
        spans = [m.span() for m in WORD_RE.finditer(text)]
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]

    def token_ids(self, start: int, end: int) -> set[int]:
        """Indices of word tokens overlapping [start, end)."""
        lo = bisect_right(self.ends, start)
        hi = bisect_left(self.starts, end)
        return set(range(lo, hi))

    def locate(self, snippet: str | None, start: Any, end: Any, near: int) -> set[int]:
        """Token ids of a predicted span: by offsets if they fit, else nearest occurrence."""
        if not snippet:
            return set()
        text = self.text
        if isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text):
            if text[start:end] == snippet:
                return self.token_ids(start, end)
        best: int | None = None
        for m in re.finditer(re.escape(snippet), text):
            if best is None or abs(m.start() - near) < abs(best - near):
                best = m.start()
        if best is None:
            return set()
        return self.token_ids(best, best + len(snippet))


def _content_anchor(pred: dict[str, Any], text: str) -> int:
    start = pred.get("content_start")
    if isinstance(start, int) and 0 <= start <= len(text):
        return start
    content = pred.get("content") or ""
    pos = text.find(content[:80]) if content else -1
    return max(pos, 0)


def gold_span_ids(index: TokenIndex, frags: list[list[Any]]) -> set[int]:
    """The word-token ids the gold fragments `[[start, end, ...], ...]` cover in `index`."""
    ids: set[int] = set()
    for s, e, *_ in frags:
        ids |= index.token_ids(int(s), int(e))
    return ids


def match_article(
    gold: list[dict[str, Any]], preds: list[dict[str, Any]], threshold: float = 0.5
) -> list[tuple[int, int | None, float]]:
    """Greedy matching in prediction order: (pred index, gold index or None, dice)."""
    gold_toks = [tokens(" ".join(f[2] for f in g["content"])) for g in gold]
    used: set[int] = set()
    out: list[tuple[int, int | None, float]] = []
    for pi, p in enumerate(preds):
        pt = tokens(p.get("content") or "")
        best, best_d = None, -1.0
        for gi, gt in enumerate(gold_toks):
            if gi in used:
                continue
            d = dice(pt, gt)
            if d > best_d:
                best, best_d = gi, d
        if best is not None and best_d >= threshold:
            used.add(best)
            out.append((pi, best, best_d))
        else:
            out.append((pi, None, max(best_d, 0.0)))
    return out


def join_follow_on(preds: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One article's predictions with each cue-less claim joined to the latest claim before it
    with the same speaker mention (its content fragments appended, " … " between), as PolNeAR
    joins a cue-less quotation to the cue before it; claims without such a claim stay."""
    out: list[dict[str, Any]] = []
    for p in preds:  # in prediction order (the extractor's: by content)
        who = (p.get("speaker_start"), p.get("speaker_end"))
        prev = None
        if p.get("cue") is None and who[0] is not None:
            prev = next(
                (q for q in reversed(out) if (q.get("speaker_start"), q.get("speaker_end")) == who),
                None,
            )
        if prev is None:
            out.append(dict(p))
            continue
        prev["content"] = f"{prev.get('content') or ''} … {p.get('content') or ''}"
        spans = [*(prev.get("content_spans") or []), *(p.get("content_spans") or [])]
        prev["content_spans"] = spans
        prev["content_end"] = p.get("content_end")
    return out


def drop_nested(preds: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One article's predictions without the accusations whose cue lies inside another
    prediction's content ("X said Y accused Z of …" is X's attribution in PolNeAR)."""

    def inside(p: dict[str, Any]) -> bool:
        cue = p.get("cue_start")
        return cue is not None and any(
            q is not p and any(s <= cue < e for s, e in q.get("content_spans") or ()) for q in preds
        )

    return [p for p in preds if p.get("act") != "accuse" or not inside(p)]


def polnear_view(preds: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One article's predictions in PolNeAR's conventions (`join_follow_on`, `drop_nested`)."""
    return drop_nested(join_follow_on(preds))


def _prf(tp_p: int, n_pred: int, tp_r: int, n_gold: int) -> tuple[float, float, float]:
    p = tp_p / n_pred if n_pred else 0.0
    r = tp_r / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def load_gold(gold_path: Path) -> list[dict[str, Any]]:
    """Gold articles from a JSONL file (one article per line)."""
    with Path(gold_path).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def predict(
    articles: list[dict[str, Any]], extractor: Extractor | None = None
) -> list[dict[str, Any]]:
    """Run the extractor on gold articles' texts; prediction dicts in document order."""
    if extractor is None:
        from pipeline.extract import Extractor

        extractor = Extractor()
    out: list[dict[str, Any]] = []
    for res in extractor.extract((a["name"], a["text"]) for a in articles):
        out.extend(claim_to_json(c, res.article_id) for c in res.claims)
    return out


def evaluate(
    gold_path: Path,
    predictions: Iterable[dict[str, Any]] | None = None,
    extractor: Extractor | None = None,
) -> dict[str, Any]:
    """Score predictions (or a fresh extractor run) against a gold JSONL file."""
    articles = load_gold(gold_path)
    preds = list(predictions) if predictions is not None else predict(articles, extractor)
    by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for p in preds:
        by_article[str(p.get("article"))].append(p)
    n_gold = n_pred = tp = tp9 = 0
    spk_n = spk_ok = cue_n = cue_ok = e2e = 0
    form_pred: Counter[str] = Counter()
    form_tp: Counter[str] = Counter()
    outcomes: list[Outcome] = []  # predictions with a confidence
    names = {a["name"] for a in articles}
    for art in articles:
        gold = art["attributions"]
        ps = polnear_view(by_article.get(art["name"], []))
        n_gold += len(gold)
        n_pred += len(ps)
        index = TokenIndex(art["text"])
        for _pi, gi, _d in match_article(gold, ps, 0.9):
            tp9 += gi is not None
        for pi, gi, _d in match_article(gold, ps, 0.5):
            p = ps[pi]
            form_pred[str(p.get("form"))] += 1
            if gi is None:
                if p.get("confidence") is not None:
                    outcomes.append((float(p["confidence"]), False, False))
                continue
            tp += 1
            form_tp[str(p.get("form"))] += 1
            g = gold[gi]
            anchor = _content_anchor(p, art["text"])
            spk = index.locate(
                p.get("speaker"), p.get("speaker_start"), p.get("speaker_end"), anchor
            )
            if g["source"]:
                spk_n += 1
                right = bool(spk & gold_span_ids(index, g["source"]))
                spk_ok += right
            else:
                right = not p.get("speaker")
            e2e += right
            if p.get("confidence") is not None:
                outcomes.append((float(p["confidence"]), True, right))
            if g["cue"]:
                cue_n += 1
                cue = index.locate(p.get("cue"), p.get("cue_start"), p.get("cue_end"), anchor)
                cue_ok += bool(cue & gold_span_ids(index, g["cue"]))
    stray = sum(len(v) for k, v in by_article.items() if k not in names)
    p, r, f = _prf(tp, n_pred, tp, n_gold)
    p9, r9, f9 = _prf(tp9, n_pred, tp9, n_gold)
    ep, er, ef = _prf(e2e, n_pred, e2e, n_gold)
    return {
        "gold_path": str(gold_path),
        "articles": len(articles),
        "gold": n_gold,
        "predicted": n_pred,
        "predictions_outside_gold": stray,
        "left_to_conventions": len(preds) - stray - n_pred,
        "matched": tp,
        "content": {"precision": p, "recall": r, "f1": f},
        "content_09": {"precision": p9, "recall": r9, "f1": f9, "matched": tp9},
        "speaker_accuracy": spk_ok / spk_n if spk_n else 0.0,
        "speaker_pairs": spk_n,
        "cue_accuracy": cue_ok / cue_n if cue_n else 0.0,
        "cue_pairs": cue_n,
        "end_to_end": {"precision": ep, "recall": er, "f1": ef, "matched": e2e},
        "precision_by_form": {
            k: {
                "predicted": form_pred[k],
                "matched": form_tp[k],
                "precision": form_tp[k] / form_pred[k],
            }
            for k in sorted(form_pred)
        },
        "confidence": summarize(outcomes, n_gold) if outcomes else None,
    }


def format_report(report: dict[str, Any]) -> str:
    """Human-readable multi-line summary of an `evaluate` report."""
    c, c9, e = report["content"], report["content_09"], report["end_to_end"]
    lines = [
        f"gold: {report['gold_path']}  articles={report['articles']}  "
        f"gold={report['gold']}  predicted={report['predicted']}  matched={report['matched']}",
        f"content      P={c['precision']:.3f}  R={c['recall']:.3f}  F1={c['f1']:.3f}",
        f"content@0.9  P={c9['precision']:.3f}  R={c9['recall']:.3f}  F1={c9['f1']:.3f}",
        f"speaker acc  {report['speaker_accuracy']:.3f}  (n={report['speaker_pairs']})",
        f"cue acc      {report['cue_accuracy']:.3f}  (n={report['cue_pairs']})",
        f"end-to-end   P={e['precision']:.3f}  R={e['recall']:.3f}  F1={e['f1']:.3f}",
    ]
    forms = report.get("precision_by_form") or {}
    if forms:
        lines.append(
            "by form      "
            + "  ".join(f"{k}={v['matched']}/{v['predicted']}" for k, v in forms.items())
        )
    if report.get("confidence"):
        lines.extend(format_summary(report["confidence"]))
    if report.get("left_to_conventions"):
        lines.append(
            f"conventions  {report['left_to_conventions']} predictions joined to the claim "
            "before or left out as nested (PolNeAR's conventions)"
        )
    if report.get("predictions_outside_gold"):
        lines.append(
            f"warning: {report['predictions_outside_gold']} predictions for articles not in gold"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """`python -m pipeline.evaluation.scorer GOLD.jsonl [PREDICTIONS.jsonl]`."""
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("predictions", type=Path, nargs="?")
    ap.add_argument("--json", action="store_true", help="print the report as JSON")
    args = ap.parse_args(argv)
    preds = None
    if args.predictions:
        with args.predictions.open(encoding="utf-8") as fh:
            preds = [json.loads(line) for line in fh if line.strip()]
    report = evaluate(args.gold, preds)
    print(json.dumps(report, indent=2) if args.json else format_report(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
