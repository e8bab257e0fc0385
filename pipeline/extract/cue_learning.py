"""Learn the cue table (cue_table.py) from the PolNeAR training split.

    uv run python -m pipeline.extract.cue_learning GOLD.jsonl [--docbin PARSED.spacy]

What is learned, and how:

1. Candidate cue lemmas: the curated verbs of lexicon.py plus every verb that heads a gold cue
   at least `MIN_GOLD_CUES` times in the training split (lemmas from spaCy's lemmatizer;
   auxiliaries and light verbs excluded). These are general reporting/stance verbs of news
   English ("decide to", "vote for", "release a statement"), not phrases of any one sentence.
2. Candidate run: the extractor runs on the training articles with every candidate lemma
   allowed every frame of `lexicon.LEARNED_FRAMES` (besides its curated ones). Each verb-cue
   claim records the frame that gave its content ("clause", "passive-object", "p:about", …).
3. Each claim is scored like the evaluation does (greedy Dice >= 0.5 matching against gold);
   `CUE_STATS[(lemma, frame)] = (claims, matched)`.

At run time `lexicon.frame_allowed` keeps a (lemma, frame) pair whose smoothed precision
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

from . import claims as claims_mod
from . import lexicon as lx

MIN_GOLD_CUES = 5
# Auxiliaries and light verbs (their attributions hang on a noun: "made the case"), the
# "according to" participle (its own rule) and lemmatizer slips.
_STOP_LEMMAS = frozenset("be have do go get come accord hop retweete".split())
TABLE_PATH = Path(__file__).with_name("cue_table.py")


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


def candidate_mode(candidates: list[str]) -> None:
    """Give every candidate lemma every learnable frame and allow all frames (in place)."""
    frames = {}
    for lemma, fr in lx.CURATED_FRAMES.items():
        frames[lemma] = fr if "seem" in fr else tuple(dict.fromkeys(fr + lx.LEARNED_FRAMES))
    for lemma in candidates:
        frames.setdefault(lemma, lx.LEARNED_FRAMES)
    lx.CUE_FRAMES.clear()
    lx.CUE_FRAMES.update(frames)
    lx.VERB_FORMS.clear()
    lx.VERB_FORMS.update(lx._form_table(frozenset(frames) | lx.PASSIVE_REPORT_VERBS))
    lx.frame_allowed = lambda lemma, key: True  # type: ignore[assignment]


def frame_stats(
    articles: list[dict[str, Any]], docs: list[Doc], extractor: Any
) -> dict[tuple[str, str], list[int]]:
    """(lemma, frame) -> [claims, matched] over the articles."""
    from .evaluate import claim_to_json, match_article

    frames_of: dict[tuple[int, int], tuple[str, str]] = {}
    orig_run = claims_mod._ArticleRules.run

    def run(self: Any) -> list[Any]:
        drafts = orig_run(self)
        for d in drafts:
            if d.frame:
                frames_of[(d.cue_char, d.spans[0][0])] = (d.lemma, d.frame)
        return drafts

    claims_mod._ArticleRules.run = run  # type: ignore[method-assign]
    stats: dict[tuple[str, str], list[int]] = {}
    try:
        for art, doc in zip(articles, docs, strict=True):
            frames_of.clear()
            res = extractor.extract_doc(doc, art["name"], art["text"])
            preds = [claim_to_json(c, art["name"]) for c in res.claims]
            for pi, gi, _ in match_article(art["attributions"], preds, 0.5):
                p = preds[pi]
                key = frames_of.get((p["cue_start"], p["content_start"]))
                if key is None:
                    continue
                s = stats.setdefault(key, [0, 0])
                s[0] += 1
                s[1] += gi is not None
    finally:
        claims_mod._ArticleRules.run = orig_run  # type: ignore[method-assign]
    return stats


def write_table(
    path: Path, candidates: list[str], stats: dict[tuple[str, str], list[int]], source: str
) -> None:
    lines = [
        '"""Cue table learned from the PolNeAR training split by cue_learning.py (generated:',
        "re-run the module instead of editing by hand).",
        "",
        f"Source: {source}. CUE_STATS[(lemma, frame)] = (claims the frame produced in the",
        "candidate run, claims matching a gold attribution). lexicon.frame_allowed keeps the",
        'pairs whose smoothed precision reaches lexicon.MIN_PRECISION."""',
        "",
        "# Verbs heading at least cue_learning.MIN_GOLD_CUES gold cues (besides the curated ones).",
        "CANDIDATE_LEMMAS: tuple[str, ...] = (",
    ]
    lines += [f'    "{lemma}",' for lemma in sorted(candidates)]
    lines += [")", "", "CUE_STATS: dict[tuple[str, str], tuple[int, int]] = {"]
    for (lemma, key), (n, m) in sorted(stats.items()):
        lines.append(f'    ("{lemma}", "{key}"): ({n}, {m}),')
    lines += ["}", ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    import spacy

    from . import Extractor
    from .evaluate import load_gold
    from .nlp import DEFAULT_MODEL, parse_text

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", type=Path, help="training split gold.jsonl")
    ap.add_argument("--docbin", type=Path, help="parsed articles (DocBin) to reuse or create")
    ap.add_argument("--out", type=Path, default=TABLE_PATH)
    args = ap.parse_args(argv)
    articles = load_gold(args.gold)
    extractor = Extractor(n_process=1)
    nlp = extractor.nlp
    if args.docbin and args.docbin.exists():
        docs = list(DocBin().from_disk(args.docbin).get_docs(nlp.vocab))
    else:
        docs = list(nlp.pipe(parse_text(a["text"]) for a in articles))
        if args.docbin:
            bin_ = DocBin()
            for d in docs:
                bin_.add(d)
            bin_.to_disk(args.docbin)
    full = spacy.load(DEFAULT_MODEL)
    counts = gold_cue_lemmas(articles, docs, full)
    candidates = sorted(
        lemma
        for lemma, n in counts.items()
        if n >= MIN_GOLD_CUES
        and lemma.isalpha()
        and lemma not in _STOP_LEMMAS
        and lemma not in lx.CURATED_FRAMES
    )
    candidate_mode(candidates)
    stats = frame_stats(articles, docs, extractor)
    source = f"{args.gold.parent.name} split, {len(articles)} articles"
    write_table(args.out, candidates, stats, source)
    print(json.dumps({"candidates": len(candidates), "pairs": len(stats)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
