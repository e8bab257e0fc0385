"""Speaker and reported_by errors on the claim-analysis gold, counted by class.

Claims are matched as `analysis.score` matches them; every matched pair whose speaker or
outlet is wrong is put in one class by how the gold names the speaker ("pronoun", "role noun",
"name", "none") and what the prediction did ("missing", "spurious", "other actor"), so the
biggest classes can be attacked first::

    python -m pipeline.evaluation.analysis_errors GOLD_DIR EXPORT.jsonl [--show CLASS]
    python -m pipeline.evaluation.analysis_errors GOLD_DIR --extract [--show CLASS]

prints counts per class and, with `--show`, each pair of that class (content, gold and
predicted speaker and mention). `--extract` scores the extractor alone on the gold's articles
(no warehouse: speakers as extracted, before dbt's canonical names), in well under a minute.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.evaluation.analysis import (
    ArticleText,
    GoldArticle,
    Resolver,
    dice,
    extraction_row,
    format_report,
    load_gold,
    name_words,
    read_predictions,
    score,
)

_PRONOUNS = frozenset("he she they i we it him her them us you".split())
_ROLE_DETS = ("the ", "a ", "an ", "his ", "her ", "its ", "their ", "one ", "two ", "some ")


@dataclass(frozen=True)
class Pair:
    """A matched (gold, predicted) claim of one article."""

    article: str
    gold: Mapping[str, Any]
    pred: Mapping[str, Any]


def matched_pairs(g: GoldArticle, pred: Mapping[str, Any]) -> Iterator[Pair]:
    """The pairs `analysis.score` matches (content Dice >= 0.5, greedy in prediction order)."""
    text = ArticleText(g.text)
    golds = [(ids, x) for x in g.claims if (ids := text.content_ids(x))]
    used: set[int] = set()
    for pc in pred.get("claims", []):
        pi = text.content_ids(pc)
        scored = [(dice(pi, gi), i) for i, (gi, _) in enumerate(golds) if i not in used]
        best_dice, best = max(scored, default=(0.0, -1))
        if best_dice >= 0.5:
            used.add(best)
            yield Pair(g.article, golds[best][1], pc)


def mention_class(mention: str | None) -> str:
    """How a speaker is named: "pronoun", "role noun" ("the senator"), "name" or "none"."""
    if not mention:
        return "none"
    low = mention.lower().strip()
    if low in _PRONOUNS:
        return "pronoun"
    if low.startswith(_ROLE_DETS) or mention[:1].islower():
        return "role noun"
    return "name"


def speaker_error(pair: Pair, res: Resolver) -> str | None:
    """The class of a wrong speaker ("pronoun: other actor", …), or None when right."""
    gc, pc = pair.gold, pair.pred
    said = pc.get("speaker") or pc.get("speaker_mention")
    if gc["speaker"] is None:
        return None if not said else f"{mention_class(pc.get('speaker_mention'))}: spurious"
    if res(said) == gc["speaker"]:
        return None
    outcome = "missing" if not said else "other actor"
    return f"{mention_class(gc.get('speaker_mention'))}: {outcome}"


def outlet_error(pair: Pair, res: Resolver) -> str | None:
    """The class of a wrong reported_by ("missing", "spurious", "other outlet"), or None."""
    gold, pred = pair.gold.get("reported_by"), pair.pred.get("reported_by")
    if not gold and not pred:
        return None
    if res(pred) == gold:
        return None
    if not pred:
        return "missing"
    if not gold:
        speaking = res(pred) == pair.gold.get("speaker")
        return "spurious (outlet speaks)" if speaking else "spurious"
    return "other outlet"


def errors(
    golds: list[GoldArticle], predictions: Mapping[str, Mapping[str, Any]]
) -> dict[str, list[tuple[str, Pair]]]:
    """{"speaker": [(class, pair), …], "reported_by": […]} over all articles."""
    out: dict[str, list[tuple[str, Pair]]] = {"speaker": [], "reported_by": []}
    for g in golds:
        res = Resolver(g.actors)
        for pair in matched_pairs(g, predictions.get(g.article, {})):
            for key, find in (("speaker", speaker_error), ("reported_by", outlet_error)):
                cls = find(pair, res)
                if cls is not None:
                    out[key].append((cls, pair))
    return out


def extracted_row(result: Any) -> dict[str, Any]:
    """One extraction result (`Extractor.extract`) in the export's shape; speakers are the
    extracted names (an unnamed group's words), the actor table is left empty."""
    return {"claims": [extraction_row(c, result.targets) for c in result.claims], "actors": []}


def extracted_predictions(gold_dir: Path, golds: list[GoldArticle]) -> dict[str, dict[str, Any]]:
    """The extractor's predictions for the gold's articles, read as the pipeline reads them
    (the gold's contents are located by their words, so either text works)."""
    from pipeline.extract import Extractor
    from pipeline.ingest import Article, read_path

    texts = []
    for g in golds:
        path = gold_dir / "articles" / f"{g.article}.txt"
        article = next(r for r in read_path(path) if isinstance(r, Article))
        texts.append((g.article, article.text))
    return {res.article_id: extracted_row(res) for res in Extractor().extract(texts)}


def _side(claim: Mapping[str, Any]) -> str:
    said = f"{claim.get('speaker')!r} ({claim.get('speaker_mention')!r}"
    return f"{said}, rep {claim.get('reported_by')!r})"


def _describe(pair: Pair) -> str:
    content = " ".join(name_words(pair.gold["content"])[:14])
    return (
        f"  [{pair.article[:40]}] {content}\n    gold: {_side(pair.gold)}  pred: {_side(pair.pred)}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold_dir")
    parser.add_argument("export", nargs="?", help="`newsclaims export analysis` (JSON lines)")
    parser.add_argument("--extract", action="store_true", help="run the extractor instead")
    parser.add_argument("--show", help="print the pairs of classes containing this text")
    args = parser.parse_args(argv)
    gold_dir = Path(args.gold_dir)
    golds = load_gold(gold_dir)
    if args.extract:
        predictions = extracted_predictions(gold_dir, golds)
    elif args.export:
        with open(args.export, encoding="utf-8") as fh:
            predictions = read_predictions(fh)
    else:
        parser.error("give an export file or --extract")
    print(format_report(score(golds, predictions)))
    for key, found in errors(golds, predictions).items():
        print(f"{key}: {len(found)} wrong")
        for cls, n in Counter(c for c, _ in found).most_common():
            print(f"  {n:4d}  {cls}")
        if args.show:
            for cls, pair in found:
                if args.show in cls or args.show == key:
                    print(f"{key} / {cls}\n{_describe(pair)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
