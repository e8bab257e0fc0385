"""The gold accusations whose claim the extractor does not produce, one row each, with what it
produced near them: the "no claim" class of `accusation_errors`, opened up.

For every gold claim with act `accuse` that no extracted claim matches (content Dice >= 0.5,
the scorer's rule), the row shows the gold cue, speaker and content, the sentence that holds
the content, and the extracted claim overlapping it most (its content, speaker, cue and Dice),
or nothing. `kind` is a first, mechanical sorting of the form that carries the claim:

- `other boundaries`: an extracted claim overlaps the gold content but below Dice 0.5;
- `no cue`: the gold has no cue (narration, a headline);
- `according to`, `colon`: the gold cue is that construction;
- `cue unknown`: the gold cue's words are not a cue the finders know;
- `cue known`: they are, yet nothing was proposed or kept there.

    python -m pipeline.training.missed_claims ../shared/gold            # --json for rows
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from pipeline.common.words import WORD_RE
from pipeline.evaluation.analysis import ArticleText, dice, match_claims
from pipeline.extract.lexicon import default_lexicon
from pipeline.training.analysis_data import SETS, ArticleExamples, load_examples


def _sentence(text: str, start: int, end: int) -> str:
    """The text from the sentence start before `start` to the sentence end after `end`."""
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    m = re.search(r"[.!?][\"\u201d']?(\s|$)|\n", text[end:])
    right = end + (m.end() if m else len(text) - end)
    return " ".join(text[left:right].split())


def _cue_kind(cue: str | None, known: frozenset[str]) -> str:
    """How the gold cue looks to the finders (see the module doc)."""
    if not cue:
        return "no cue"
    low = cue.lower()
    if "according" in low:
        return "according to"
    if low.strip() in {":", "-", "\u2014"}:
        return "colon"
    words = {w.lower() for w in WORD_RE.findall(low)}
    return "cue known" if words & known else "cue unknown"


def missed_rows(a: ArticleExamples, known: frozenset[str]) -> list[dict[str, Any]]:
    """One row per unmatched gold accusation of article `a` (see the module doc)."""
    g, text = a.gold, ArticleText(a.gold.text)
    rows = [c.row for c in a.claims]
    matched, _ = match_claims(g, rows)
    hit = {id(m) for m in matched if m is not None}
    pred_ids = [text.content_ids(r) for r in rows]
    out = []
    for gc in g.claims:
        if gc["act"] != "accuse" or id(gc) in hit:
            continue
        gi = text.content_ids(gc)
        best = max(range(len(rows)), key=lambda k: len(gi & pred_ids[k]), default=None)
        near = rows[best] if best is not None and gi & pred_ids[best] else None
        span = (
            (min(text.tokens[i][0] for i in gi), max(text.tokens[i][1] for i in gi))
            if gi
            else (0, 0)
        )
        out.append(
            {
                "set": a.set_name,
                "article": a.article,
                "n_accused": len(gc.get("accused") or []),
                "speaker": gc["speaker"],
                "cue": gc.get("cue"),
                "form": gc.get("form"),
                "content": gc["content"],
                "sentence": _sentence(g.text, *span),
                "kind": "other boundaries" if near else _cue_kind(gc.get("cue"), known),
                "extracted": None
                if near is None
                else {
                    "content": near["content"],
                    "speaker": near["speaker"],
                    "dice": round(dice(gi, pred_ids[best]), 2),
                },
            }
        )
    return out


def known_cue_words() -> frozenset[str]:
    """Every word the cue tables list (verb lemmas and their forms, nouns, adjectives)."""
    lex = default_lexicon()
    words = {str(form).lower() for form in lex.verb_forms}
    words |= {r["noun"].lower() for r in lex.cue_noun_rows}
    words |= {r["adjective"].lower() for r in lex.cue_adjective_rows}
    words |= {r["verb"].lower() for r in lex.support_rows} | set(lex.support_forms)
    return frozenset(words)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold_root", type=Path)
    ap.add_argument("--json", action="store_true", help="one JSON row per miss")
    args = ap.parse_args(argv)
    sets = load_examples(args.gold_root)
    known = known_cue_words()
    for name in SETS:
        rows = [r for a in sets[name] for r in missed_rows(a, known)]
        kinds = Counter()
        for r in rows:
            kinds[r["kind"]] += r["n_accused"]
        if args.json:
            for r in rows:
                print(json.dumps(r, ensure_ascii=False))
            continue
        print(f"\n{name}: {sum(kinds.values())} gold accused without a claim ({len(rows)} claims)")
        for kind, n in kinds.most_common():
            print(f"    {n:4d}  {kind}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
