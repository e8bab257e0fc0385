"""Learn phrasal cue verbs ("went after X", "shrugged off X") from the PolNeAR training split.

    uv run python -m pipeline.evaluation.phrasal_cues GOLD.jsonl   # writes learned/phrasal_cues.tsv

The cue table (`cue_learning.py`) learns frames for lemmas that head gold cues; it leaves out
light verbs ("go", "come") and never proposes a particle the lemma is not known with. Here:

1. every gold cue that ends in a verb and the preposition or particle right after it ("went
   after", "shrugged off") gives a (lemma, "p:PREP") pair, counted over the training split;
2. pairs with at least `MIN_GOLD_CUES` gold cues that neither the curated frames allow nor
   the cue table has counted are kept, with `claims` = how often a form of the verb is
   followed by that word anywhere in the training texts and `matched` = how many of those
   are gold cues;
3. the lexicon reads the table like the cue table (`Lexicon.frame_allowed`: smoothed precision
   `matched / claims` at least `MIN_PRECISION`), so a pair that is mostly not a cue ("went on")
   stays blocked.

Only the training split is read; dev and the analysis gold are never used.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from pipeline.extract.lexicon import Lexicon, default_lexicon

from .cue_learning import _STOP_LEMMAS, TABLE_DIR
from .scorer import load_gold

MIN_GOLD_CUES = 3
# auxiliaries and lemmatizer slips ("hoped for" as "hop"); the light verbs of phrasal cues stay
# ("went after", "came out against")
_SKIP = _STOP_LEMMAS - {"go", "come", "get"}
# the words after a verb that make a phrasal cue ("went after", "lashed out", "shot back")
PARTICLES = frozenset("after at on against with back out into over about for off up down".split())
OUT_FILE = "phrasal_cues.tsv"


def gold_pairs(articles: list[dict[str, Any]], nlp: Any) -> Counter[tuple[str, str]]:
    """(verb lemma, particle) of every gold cue ending in a verb and a particle."""
    ruler, lemmatizer = nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer")
    cues = [" ".join(c[2] for c in g["cue"]) for a in articles for g in a["attributions"]]
    counts: Counter[tuple[str, str]] = Counter()
    for doc in nlp.pipe((c for c in cues if 2 <= len(c.split()) <= 4), batch_size=256):
        doc = lemmatizer(ruler(doc))
        if len(doc) >= 2 and doc[-2].tag_.startswith("VB") and doc[-1].lower_ in PARTICLES:
            counts[(doc[-2].lemma_.lower(), doc[-1].lower_)] += 1
    return counts


def surface_count(texts: list[str], lex: Lexicon, lemma: str, particle: str) -> int:
    """How often a form of `lemma` is directly followed by `particle` in the texts."""
    forms = "|".join(sorted(map(re.escape, lex.inflect(lemma)), key=len, reverse=True))
    pattern = re.compile(rf"\b(?:{forms})\s+{re.escape(particle)}\b", re.I)
    return sum(len(pattern.findall(t)) for t in texts)


def learn(
    articles: list[dict[str, Any]], lex: Lexicon, nlp: Any
) -> list[tuple[str, str, int, int]]:
    """Rows (lemma, frame, claims, matched) for the pairs worth a frame (see the module doc)."""
    texts = [a["text"] for a in articles]
    # pairs the curated frames allow or the cue table has counted are not ours (this table
    # itself is left out, so that a re-run learns the same rows)
    seen = {(r["lemma"], r["frame"]) for r in lex.cue_stat_rows}
    rows = []
    for (lemma, particle), n in sorted(gold_pairs(articles, nlp).items()):
        frame = "p:" + particle
        known = lex.curated_allows(lemma, frame) or (lemma, frame) in seen
        if n < MIN_GOLD_CUES or known or lemma in _SKIP:
            continue
        rows.append((lemma, frame, max(surface_count(texts, lex, lemma, particle), n), n))
    return rows


def write(out: Path, rows: list[tuple[str, str, int, int]], source: str) -> None:
    lines = [
        "# Phrasal cue verbs learned from the PolNeAR training split by",
        "# `python -m pipeline.evaluation.phrasal_cues` (generated: re-run it instead of editing).",
        f"# Source: {source}. claims: how often a form of the verb is followed by the particle in",
        "# the training texts; matched: how many of those are gold cues. Read like cue_table.tsv.",
        "lemma\tframe\tclaims\tmatched",
    ]
    lines += [f"{lemma}\t{frame}\t{n}\t{m}" for lemma, frame, n, m in rows]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", type=Path, help="PolNeAR train gold.jsonl")
    ap.add_argument("--out", type=Path, default=TABLE_DIR / OUT_FILE)
    args = ap.parse_args(argv)
    from pipeline.extract import Extractor

    articles = load_gold(args.gold)
    rows = learn(articles, default_lexicon(), Extractor().nlp)
    write(args.out, rows, f"train split, {len(articles)} articles")
    for row in rows:
        print("\t".join(map(str, row)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
