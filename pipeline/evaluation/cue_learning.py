"""Learn the cue table (`pipeline/extract/data/learned/`) from the PolNeAR training split.

    uv run python -m pipeline.evaluation.cue_learning GOLD.jsonl [--docbin PARSED.spacy]

What is learned, and how:

1. Candidate cue lemmas: the curated verbs (`cue_verbs.tsv`) plus every verb that heads a gold cue
   at least `MIN_GOLD_CUES` times in the training split (lemmas from spaCy's lemmatizer;
   auxiliaries and light verbs excluded). These are general reporting/stance verbs of news
   English ("decide to", "vote for", "release a statement"), not phrases of any one sentence.
2. Candidate run: the extractor runs on the training articles with a lexicon in candidate mode
   (`Lexicon.candidate_mode`): every candidate lemma is allowed every frame of
   `lexicon.LEARNED_FRAMES` (besides its curated ones). The extractor's claim trace tells which
   frame gave each claim its content ("clause", "passive-object", "p:about", …).
3. Each claim is scored like the evaluation does (greedy Dice >= 0.5 matching against gold);
   the table keeps (lemma, frame, claims, matched) per pair.

At run time `Lexicon.frame_allowed` keeps a (lemma, frame) pair whose smoothed precision
reaches `lexicon.MIN_PRECISION` and blocks the others; pairs never seen in training fall back
to the curated frames. Only the training split is used; dev is kept for confirmation.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, DocBin

from pipeline.extract.lexicon import DATA_DIR, Lexicon
from pipeline.extract.records import claim_to_json

from .scorer import load_gold, match_article, polnear_view

MIN_GOLD_CUES = 5
# Auxiliaries and light verbs (their attributions hang on a noun: "made the case"), the
# "according to" participle (its own rule) and lemmatizer slips.
_STOP_LEMMAS = frozenset("be have do go get come accord hop retweete".split())
TABLE_DIR = DATA_DIR / "learned"


def gold_cue_lemmas(articles: list[dict[str, Any]], docs: list[Doc], nlp: Any) -> Counter[str]:
    """Lemma of the verb heading each gold cue, counted over the training articles."""
    ruler, lemmatizer = nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer")
    counts: Counter[str] = Counter()
    for art, doc in zip(articles, docs, strict=True):
        doc = lemmatizer(ruler(doc))
        for g in art["attributions"]:
            toks = [
                t
                for s, e, *_ in g["cue"]
                for t in (doc.char_span(s, e, alignment_mode="expand") or [])
            ]
            verbs = [
                t for t in toks if t.tag_.startswith("VB") and t.dep_ not in ("aux", "auxpass")
            ]
            if verbs:
                counts[verbs[-1].lemma_.lower()] += 1
    return counts


def frame_stats(
    articles: list[dict[str, Any]], docs: list[Doc], extractor: Any
) -> dict[tuple[str, str], list[int]]:
    """(lemma, frame) -> [claims, matched] over the articles (the extractor's frame trace)."""
    stats: dict[tuple[str, str], list[int]] = {}
    for art, doc in zip(articles, docs, strict=True):
        frames_of: dict[str, tuple[str, str]] = {}

        def trace(claim: Any, draft: Any, frames_of: dict = frames_of) -> None:
            if draft.frame:
                frames_of[claim.claim_id] = (draft.lemma, draft.frame)

        res = extractor.extract_doc(doc, art["name"], art["text"], trace=trace)
        preds = polnear_view([claim_to_json(c, art["name"]) for c in res.claims])
        for pi, gi, _ in match_article(art["attributions"], preds, 0.5):
            key = frames_of.get(preds[pi]["claim_id"])
            if key is None:
                continue
            s = stats.setdefault(key, [0, 0])
            s[0] += 1
            s[1] += gi is not None
    return stats


def write_table(
    out_dir: Path, candidates: list[str], stats: dict[tuple[str, str], list[int]], source: str
) -> None:
    """Write `cue_table.tsv` and `cue_candidates.txt` (the formats `Lexicon.load` reads)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    lines = [
        "# Learned from the PolNeAR training split by `python -m pipeline.evaluation.cue_learning`",
        f"# (generated: re-run it instead of editing by hand). Source: {source}.",
        "# claims: claims the (lemma, frame) pair produced in the candidate run; matched: how many",
        "# matched gold. A pair is allowed when its smoothed precision reaches",
        "# lexicon.MIN_PRECISION (see pipeline/extract/lexicon.py).",
        "lemma\tframe\tclaims\tmatched",
    ]
    lines += [f"{lemma}\t{key}\t{n}\t{m}" for (lemma, key), (n, m) in sorted(stats.items())]
    (out_dir / "cue_table.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    head = [
        "# Verbs heading at least cue_learning.MIN_GOLD_CUES gold cues in the training split,",
        "# besides the curated ones (generated with cue_table.tsv).",
    ]
    text = "\n".join(head + sorted(candidates)) + "\n"
    (out_dir / "cue_candidates.txt").write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    import spacy

    from pipeline.extract import Extractor

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", type=Path, help="training split gold.jsonl")
    ap.add_argument("--docbin", type=Path, help="parsed articles (DocBin) to reuse or create")
    ap.add_argument("--out", type=Path, default=TABLE_DIR, help="folder of the learned table")
    args = ap.parse_args(argv)
    articles = load_gold(args.gold)
    lexicon = Lexicon.load()
    base = Extractor(n_process=1, lexicon=lexicon)
    if args.docbin and args.docbin.exists():
        docs = list(DocBin().from_disk(args.docbin).get_docs(base.nlp.vocab))
    else:
        docs = list(base.nlp.pipe(base.prepare(a["text"]) for a in articles))
        if args.docbin:
            bin_ = DocBin()
            for d in docs:
                bin_.add(d)
            bin_.to_disk(args.docbin)
    full = spacy.load(base.model)
    counts = gold_cue_lemmas(articles, docs, full)
    candidates = sorted(
        lemma
        for lemma, n in counts.items()
        if n >= MIN_GOLD_CUES
        and lemma.isalpha()
        and lemma not in _STOP_LEMMAS
        and lemma not in lexicon.curated_frames
    )
    extractor = Extractor(n_process=1, lexicon=lexicon.candidate_mode(candidates))
    stats = frame_stats(articles, docs, extractor)
    source = f"{args.gold.parent.name} split, {len(articles)} articles"
    write_table(args.out, candidates, stats, source)
    print(json.dumps({"candidates": len(candidates), "pairs": len(stats)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
