"""How well claim confidences predict correctness: precision/recall at thresholds, calibration.

A claim is *right* when it matches a gold attribution and its speaker is right (end-to-end, the
scorer's rules); confidence is the decision model's probability of exactly that. Example::

    summary = summarize([(0.93, True, True), (0.41, True, False)], n_gold=3)
    summary["at"][0]          # {"threshold": 0.5, "claims": 1, "e2e_precision": 1.0, ...}
    summary["ece"]            # expected calibration error over 10 equal-width bins
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

THRESHOLDS = (0.5, 0.7, 0.9)
BINS = 10

# (confidence, content matched, end-to-end right) per prediction
Outcome = tuple[float, bool, bool]


def summarize(outcomes: Sequence[Outcome], n_gold: int) -> dict[str, Any]:
    """Precision/recall at each of `THRESHOLDS`, the calibration table and its ECE."""
    at = []
    for t in THRESHOLDS:
        kept = [o for o in outcomes if o[0] >= t]
        content = sum(o[1] for o in kept)
        e2e = sum(o[2] for o in kept)
        at.append(
            {
                "threshold": t,
                "claims": len(kept),
                "content_precision": content / len(kept) if kept else 0.0,
                "content_recall": content / n_gold if n_gold else 0.0,
                "e2e_precision": e2e / len(kept) if kept else 0.0,
                "e2e_recall": e2e / n_gold if n_gold else 0.0,
            }
        )
    table = []
    ece = ece_content = 0.0
    for b in range(BINS):
        lo, hi = b / BINS, (b + 1) / BINS
        members = [o for o in outcomes if lo <= o[0] < hi or (b == BINS - 1 and o[0] == 1.0)]
        if not members:
            continue
        n = len(members)
        mean = sum(o[0] for o in members) / n
        right = sum(o[2] for o in members) / n
        content = sum(o[1] for o in members) / n
        ece += n / len(outcomes) * abs(mean - right)
        ece_content += n / len(outcomes) * abs(mean - content)
        table.append(
            {"bin": [lo, hi], "claims": n, "confidence": mean, "right": right, "matched": content}
        )
    return {"at": at, "calibration": table, "ece": ece, "ece_content": ece_content}


def format_summary(summary: dict[str, Any]) -> list[str]:
    """Report lines: P/R at each threshold, then the calibration table."""
    lines = ["by confidence (right = content matched and speaker right)"]
    for a in summary["at"]:
        lines.append(
            f"  >= {a['threshold']:.1f}  claims={a['claims']:<5d} "
            f"end-to-end P={a['e2e_precision']:.3f} R={a['e2e_recall']:.3f}   "
            f"content P={a['content_precision']:.3f} R={a['content_recall']:.3f}"
        )
    lines.append(
        f"calibration  ECE={summary['ece']:.3f} (end-to-end)  "
        f"{summary['ece_content']:.3f} (content only)"
    )
    for row in summary["calibration"]:
        lo, hi = row["bin"]
        lines.append(
            f"  {lo:.1f}-{hi:.1f}  claims={row['claims']:<5d} "
            f"mean confidence={row['confidence']:.3f}  right={row['right']:.3f}  "
            f"matched={row['matched']:.3f}"
        )
    return lines
