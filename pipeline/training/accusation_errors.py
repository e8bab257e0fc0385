"""Where the analysis layer's out-of-fold accusation misses come from, counted by class.

Every gold accusation (a gold claim with act `accuse`, one row per accused party) and every
predicted accusation edge is put in one class, with the models of `analysis_oof` (each
article's acts and accused from models fitted without it):

- gold accusations: `no claim` (no extracted claim matches it), else by what the matched claim
  got wrong, in this order: the accused `not a candidate` (with where the article names it:
  a pronoun in the content, the content, the cue's sentence or the one before, the paragraph,
  elsewhere, nowhere), the `act` (what it was called instead), the accused `not chosen`
  among the candidates, the `speaker` (for edges), else `found`;
- predicted edges that are not gold: the claim is `no gold claim`, the gold `act` is another,
  the `accused` is another party, the `speaker` is another.

    python -m pipeline.training.accusation_errors ../shared/gold      # --folds 5 --seed 0
    python -m pipeline.training.accusation_errors ../shared/gold --rows   # and each miss
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from pipeline.evaluation.analysis import ArticleText, Resolver, match_claims
from pipeline.extract.claims.labels.learned.labeller import LabelledAct, decide
from pipeline.training.analysis_data import SETS, ArticleExamples, ClaimExample, load_examples
from pipeline.training.analysis_oof import SEED, oof_models

_PRONOUNS = re.compile(
    r"\b(he|she|they|him|her|them|his|their|hers|theirs|you|your|himself|herself)\b", re.I
)


def _where_named(text: str, content: str, names: list[str], cue_near: tuple[int, int]) -> str:
    """Where the article names a gold actor (by any of its mentions) relative to a claim."""
    found = [m.start() for n in names if len(n) > 2 for m in re.finditer(re.escape(n), text)]
    loc = ArticleText(text).locate(content.split(" … ")[0])
    if loc is None:
        return "content not located"
    c0, c1 = loc
    if any(c0 <= f < c1 for f in found):
        return "named in the content, unresolved"
    if _PRONOUNS.search(content):
        return "pronoun in the content"
    s0, s1 = cue_near
    if any(s0 <= f < s1 for f in found):
        return "named in the cue's sentence or the one before"
    p0, p1 = text.rfind("\n\n", 0, c0) + 1, text.find("\n\n", c1) % (len(text) + 1)
    if any(p0 <= f < p1 for f in found):
        return "named in the paragraph"
    return "named elsewhere in the article" if found else "not named (implied)"


def _near(text: str, content: str) -> tuple[int, int]:
    """Characters of the content's sentence and the one before (approximate: by '. ')."""
    loc = ArticleText(text).locate(content.split(" … ")[0]) or (0, 0)
    start = loc[0]
    for _ in range(2):
        start = max(text.rfind(". ", 0, max(start - 2, 0)), text.rfind("\n", 0, max(start - 1, 0)))
        start = max(start, 0)
    return start, loc[1]


def gold_classes(
    a: ArticleExamples,
    decided: Sequence[LabelledAct],
    counts: Counter,
    sub: Counter,
    missing: list[dict] | None = None,
) -> None:
    """One class per (gold accusation, accused) of article `a` (see the module doc); each
    accused that is `not a candidate` also goes to `missing` as a row, when given."""
    g, res = a.gold, Resolver(a.gold.actors)
    rows = [
        dict(c.row, act=d.act, accused=[r.name for r in d.accused])
        for c, d in zip(a.claims, decided, strict=True)
    ]
    matched, _ = match_claims(g, rows)
    by_gold = {id(m): k for k, m in enumerate(matched) if m is not None}
    mentions = {x["name"]: [x["name"], *x.get("mentions", [])] for x in g.actors}
    for gc in g.claims:
        if gc["act"] != "accuse":
            continue
        for accused in gc.get("accused") or []:
            k = by_gold.get(id(gc))
            if k is None:
                counts["no claim"] += 1
                continue
            c: ClaimExample = a.claims[k]
            cands = {res(x.ref.name) for x in c.feats.candidates}
            chosen = {res(n) for n in rows[k]["accused"]}
            if accused not in cands:
                counts["not a candidate"] += 1
                where = _where_named(
                    g.text,
                    gc["content"],
                    mentions.get(accused, [accused]),
                    _near(g.text, gc["content"]),
                )
                sub[where] += 1
                if missing is not None:
                    missing.append(
                        {
                            "article": a.article,
                            "where": where,
                            "speaker": gc["speaker"],
                            "accused": accused,
                            "mentions": mentions.get(accused, [accused]),
                            "candidates": sorted(n for n in cands if n),
                            "content": gc["content"],
                        }
                    )
            elif rows[k]["act"] != "accuse":
                counts[f"act: {rows[k]['act']}"] += 1
            elif accused not in chosen:
                counts["not chosen"] += 1
            elif res(rows[k]["speaker"]) != gc["speaker"]:
                counts["speaker"] += 1
            else:
                counts["found"] += 1


def edge_classes(a: ArticleExamples, decided: Sequence[LabelledAct], counts: Counter) -> None:
    """One class per predicted accusation edge that is not a gold edge."""
    g, res = a.gold, Resolver(a.gold.actors)
    rows = [
        dict(c.row, act=d.act, accused=[r.name for r in d.accused])
        for c, d in zip(a.claims, decided, strict=True)
    ]
    matched, _ = match_claims(g, rows)
    gold_edges = {
        (x["speaker"], y) for x in g.claims if x["act"] == "accuse" for y in x.get("accused") or []
    }
    for row, gc in zip(rows, matched, strict=True):
        if row["act"] != "accuse" or not row["speaker"]:
            continue
        for name in row["accused"]:
            edge = (res(row["speaker"]), res(name))
            if edge in gold_edges:
                counts["right"] += 1
            elif gc is None:
                counts["no gold claim"] += 1
            elif gc["act"] != "accuse":
                counts[f"gold act: {gc['act']}"] += 1
            elif edge[1] not in (gc.get("accused") or []):
                counts["accused: another party"] += 1
            else:
                counts["speaker: another"] += 1


def error_classes(
    gold_root: Path,
    folds: int = 5,
    seed: int = SEED,
    limit: int | None = None,
    missing: list[dict] | None = None,
) -> dict[str, dict[str, Counter]]:
    """{set: {"gold": Counter, "where": Counter, "edges": Counter}} out of fold (`limit`:
    the first N articles of each set; `missing`: gets one row per accused that is not a
    candidate, with its set)."""
    sets = load_examples(gold_root, limit)
    everything = [a for name in SETS for a in sets[name]]
    out = {name: {"gold": Counter(), "where": Counter(), "edges": Counter()} for name in SETS}
    for model, held in oof_models(everything, folds, seed):
        for a in held:
            decided = [decide(model, c.feats) for c in a.claims]
            tables = out[a.set_name]
            rows: list[dict] = []
            gold_classes(a, decided, tables["gold"], tables["where"], rows)
            if missing is not None:
                missing.extend({"set": a.set_name, **r} for r in rows)
            edge_classes(a, decided, tables["edges"])
    return out


def format_classes(found: dict[str, dict[str, Counter]]) -> str:
    titles = {
        "gold": "gold accusations (one per accused party), by what the matched claim missed",
        "where": "  'not a candidate': where the article names the accused",
        "edges": "predicted accusation edges, by why they are not gold edges",
    }
    lines = []
    for name, tables in found.items():
        lines += ["", f"{name}"]
        for key, title in titles.items():
            total = sum(tables[key].values())
            lines.append(f"{title} ({total})")
            lines += [f"    {n:4d}  {label}" for label, n in tables[key].most_common()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold_root", type=Path)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument(
        "--rows", action="store_true", help="also print each accused that is not a candidate"
    )
    args = ap.parse_args(argv)
    missing: list[dict] = []
    print(format_classes(error_classes(args.gold_root, args.folds, args.seed, missing=missing)))
    if args.rows:
        print("\n'not a candidate', one JSON line each:")
        for row in sorted(missing, key=lambda r: (r["set"], r["where"], r["article"])):
            print(json.dumps(row, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
