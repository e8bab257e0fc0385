"""The model card: what the decision model was trained on, how it scores, how to retrain.

`figures` scores an extractor on parsed gold articles (the scorer's report plus recall and
precision per claim form); `write_card` renders everything `train.py` measured as Markdown.
The claim form is read off the quotation marks, for gold and predictions alike: `direct`
(content wholly quoted), `mixed` (partly), `indirect` (not at all).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from pipeline.common.words import WORD_RE
from pipeline.evaluation.scorer import evaluate, match_article, polnear_view
from pipeline.extract import Extractor
from pipeline.extract.quotes import Quote, find_quotes
from pipeline.extract.records import claim_to_json

FORMS = ("direct", "mixed", "indirect")


def form_of(text: str, quotes: Sequence[Quote], spans: Sequence[Sequence[int]]) -> str:
    """`direct`, `mixed` or `indirect` by the share of content words inside quotation marks."""
    words = quoted = 0
    for s, e, *_ in spans:
        for m in WORD_RE.finditer(text, s, e):
            words += 1
            quoted += any(q.start <= m.start() < q.end for q in quotes)
    if words and quoted == words:
        return "direct"
    return "mixed" if quoted else "indirect"


def by_form(articles: Sequence[dict[str, Any]], preds: Sequence[dict[str, Any]]) -> dict:
    """Per form: gold attributions and how many were found, predictions and how many matched
    (plus `no source`: gold without a source, claims without a speaker)."""
    by_article: dict[str, list[dict[str, Any]]] = {}
    for p in preds:
        by_article.setdefault(p["article"], []).append(p)
    counts: Counter[str] = Counter()
    for art in articles:
        text, gold = art["text"], art["attributions"]
        quotes = find_quotes(text)
        ps = polnear_view(by_article.get(art["name"], []))
        pairs = match_article(gold, ps, 0.5)
        found = {gi for _, gi, _ in pairs if gi is not None}
        for gi, g in enumerate(gold):
            for form in (form_of(text, quotes, g["content"]), "all"):
                counts[form, "gold"] += 1
                counts[form, "found"] += gi in found
            if not g["source"]:
                counts["no source", "gold"] += 1
                counts["no source", "found"] += gi in found
        for pi, gi, _ in pairs:
            groups = [form_of(text, quotes, ps[pi]["content_spans"]), "all"]
            if not ps[pi].get("speaker"):
                groups.append("no source")
            for form in groups:
                counts[form, "predicted"] += 1
                counts[form, "matched"] += gi is not None
    out = {}
    for form in (*FORMS, "no source", "all"):
        g, f = counts[form, "gold"], counts[form, "found"]
        p, m = counts[form, "predicted"], counts[form, "matched"]
        out[form] = {
            "gold": g,
            "recall": f / g if g else 0.0,
            "predicted": p,
            "precision": m / p if p else None,
        }
    return out


def figures(
    extractor: Extractor, gold_path: Path, articles: Sequence[dict[str, Any]], docs: Sequence[Doc]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """(scorer report, per-form figures) of `extractor` on parsed gold articles."""
    preds: list[dict[str, Any]] = []
    for art, doc in zip(articles, docs, strict=True):
        result = extractor.extract_doc(doc, art["name"], art["text"])
        preds.extend(claim_to_json(c, art["name"]) for c in result.claims)
    return evaluate(gold_path, preds), by_form(articles, preds)


def _row(name: str, rep: dict[str, Any]) -> str:
    c, e = rep["content"], rep["end_to_end"]
    return (
        f"| {name} | {c['precision']:.3f} / {c['recall']:.3f} / **{c['f1']:.3f}** | "
        f"{rep['speaker_accuracy']:.3f} | {e['precision']:.3f} / {e['recall']:.3f} / "
        f"**{e['f1']:.3f}** | {rep['predicted']} |"
    )


# the hand-written section on the tagger's model (`make train-tagger`), kept when `make train`
# rewrites the rest of the card
TAGGER_SECTION = "## The attribution tagger"


def write_card(path: Path, info: dict[str, Any]) -> None:
    """Render the model card from what `train.py` measured (`info`); a section from
    `TAGGER_SECTION` on, already in the file, is kept at its end."""
    conf = info["figures"]["dev"]["model"][0]["confidence"]
    lines = [
        *_about_lines(info),
        *_figure_lines(info),
        *_confidence_lines(conf),
        *_limit_lines(info["limits"]),
        *_retraining_lines(info),
    ]
    old = path.read_text(encoding="utf-8") if path.is_file() else ""
    kept = old[old.index(TAGGER_SECTION) :] if TAGGER_SECTION in old else ""
    text = "\n".join(lines)
    path.write_text(text + ("\n\n" + kept if kept else ""), encoding="utf-8")


def _about_lines(info: dict[str, Any]) -> list[str]:
    """What the model decides, its data, features and why this model."""
    m = info["model"]
    return [
        "# Model card: the claim decision model",
        "",
        f"File: `{info['model_file']}` ({info['model_bytes'] / 1024:.0f} KB, JSON, no pickle).",
        "Written by `make train` (`python -m pipeline.training.train`); do not edit by hand.",
        "",
        "## What it decides",
        "The rule finders propose claim candidates: every cue the rules find, also through frames",
        "the learned cue table blocks and nested cues the rules drop. For each candidate,",
        "- a **boundary ranker** picks one of its content alternatives (the rules' content,",
        "  without the attached quotations, the verb's whole right subtree, to the end of the",
        "  sentence, cut at the first comma, without its last fragment, with the next quotation);",
        "- a **keep model** gives the probability that the candidate, with that boundary, is a",
        "  right claim: its content matches a gold attribution (token Dice >= 0.5) and its",
        "  speaker is right. Platt-calibrated, this is the claim's `confidence`.",
        f"- Candidates the rules keep become claims at confidence >= {m['threshold_rule']};",
        f"  the others at >= {m['threshold_new']} unless they repeat a kept claim.",
        "",
        "## Data",
        f"Trained on PolNeAR **train** only ({info['train_articles']} articles, "
        f"{info['train_gold']} attributions; {info['train_candidates']} candidates, "
        f"{info['train_alternatives']} boundary alternatives). Calibration and thresholds come "
        "from 5-fold cross-fitted predictions on train (folds by article); PolNeAR **dev** "
        f"({info['dev_articles']} articles) is only used to compare variants and report.",
        "",
        "## Features",
        "Indicator features (one weight per value) and a few numbers:",
        "- cue: lemma, frame, lemma x frame, finder, curated / speech verb, the learned cue",
        "  table's smoothed precision and log count for (lemma, frame), whether the rules keep",
        "  it, whether the table blocks its frame;",
        "- syntax: the cue's tag, dependency and its head's dependency, whether its head is a",
        "  cue verb, passive, negation, modal, infinitive;",
        "- speaker: tag, entity label, dependency, inside a quotation, before the cue, length;",
        "  no speaker;",
        "- position: headline, relative sentence position, paragraph, sentence length, quotation",
        "  in the sentence;",
        "- competition: candidates in the same sentence, cues its content contains, candidates",
        "  whose content contains its cue;",
        "- boundary alternative: which one, x frame, x form; length and ratio to the rules'",
        "  content, fragments, quoted share, starts with 'that', commas, sentences, paragraph",
        "  break, position to the cue; what it adds to / removes from the rules' content (first",
        "  word, dependency of its top tokens, prepositions, verbs, quotations, entity labels).",
        "",
        f"Weights: ranker {m['ranker_weights']}, keep model {m['keep_weights']}.",
        "",
        "## Model choice",
        "L2-regularised logistic regression (scikit-learn, lbfgs, C=0.1 for both). Measured on",
        "dev while building it: gradient-boosted trees (scikit-learn HistGradientBoosting, 300",
        "trees) on the same candidate features reached AUC 0.896 against 0.894 for the logistic",
        "regression and the same F1 (0.779 vs 0.781), took minutes instead of seconds to train,",
        "and would need a tree interpreter at run time; the linear model is a dictionary lookup",
        "per feature, ships as plain JSON, and is calibrated almost as it comes out (Platt",
        "slope ~1.0).",
        "",
        "Tried and not kept (scored on dev, and cross-fitted on train at the shipped",
        "thresholds): the parser's tok2vec vectors (`doc.tensor`) of the cue and the speaker",
        "as 192 more numbers (dev content F1 +0.002, train out-of-fold 0.7747 vs 0.7749:",
        "nothing); vectors of what a boundary alternative adds or removes (the ranker right",
        "on 402 vs 404 of 502 contested dev candidates: memorised, not learned); gradient-",
        "boosted trees with those vectors (AUC 0.900 vs 0.899, content F1 0.790 vs 0.790);",
        "candidates from every verb outside the lexicon with a subject and a complement (dev",
        "gold reachable by some candidate 81.7% -> 86.8%, but only 9-15% of them, by frame,",
        "are attributions with the right speaker and the model could not tell which: content",
        "F1 +0.000 at twice the candidates); C from 0.03 to 1.0 (within 0.002).",
        "",
    ]


def _figure_lines(info: dict[str, Any]) -> list[str]:
    """Scores of rules and model on dev and train, and by claim form on dev."""
    oof = info["out_of_fold"]
    lines = [
        "## Figures (official scorer, `../shared/corpora/README.md`)",
        "| split, decisions | content P / R / F1 | speaker acc | end-to-end P / R / F1 | claims |",
        "| --- | --- | --- | --- | --- |",
    ]
    for split in ("dev", "train"):
        for name in ("rules", "model"):
            rep = info["figures"][split][name][0]
            lines.append(_row(f"{split}, {name}", rep))
    lines += [
        "",
        "Train figures are in-sample for the model (and for the learned cue table); the gap to",
        "dev shows how much of it is memorised. Out of fold on train (5 folds by article, the",
        f"shipped thresholds) the model reaches content F1 {oof['content_f1']:.3f} and end-to-end",
        f"F1 {oof['e2e_f1']:.3f}: what it adds on articles it did not see.",
        "",
        "### By claim form (dev): recall of gold attributions, precision of claims",
        "| form | gold | recall rules → model | claims | precision rules → model |",
        "| --- | --- | --- | --- | --- |",
    ]
    rules_f, model_f = info["figures"]["dev"]["rules"][1], info["figures"]["dev"]["model"][1]
    for form in (*FORMS, "no source", "all"):
        r, mo = rules_f[form], model_f[form]
        prec = (
            f"{r['precision']:.3f} → {mo['precision']:.3f}"
            if r["precision"] is not None and mo["precision"] is not None
            else "–"
        )
        lines.append(
            f"| {form} | {r['gold']} | {r['recall']:.3f} → {mo['recall']:.3f} | "
            f"{r['predicted']} → {mo['predicted']} | {prec} |"
        )
    return lines


def _confidence_lines(conf: dict[str, Any]) -> list[str]:
    """Precision and recall by threshold, and the calibration table."""
    lines = [
        "",
        "### Confidence on dev",
        "| confidence >= | claims | end-to-end precision / recall | content precision / recall |",
        "| --- | --- | --- | --- |",
    ]
    for a in conf["at"]:
        lines.append(
            f"| {a['threshold']:.1f} | {a['claims']} | {a['e2e_precision']:.3f} / "
            f"{a['e2e_recall']:.3f} | {a['content_precision']:.3f} / {a['content_recall']:.3f} |"
        )
    lines += [
        "",
        f"Calibration (right = content matched and speaker right): expected calibration error "
        f"**{conf['ece']:.3f}** (10 bins; {conf['ece_content']:.3f} against content alone).",
        "",
        "| confidence | claims | mean confidence | right | content matched |",
        "| --- | --- | --- | --- | --- |",
    ]
    for row in conf["calibration"]:
        lo, hi = row["bin"]
        lines.append(
            f"| {lo:.1f}–{hi:.1f} | {row['claims']} | {row['confidence']:.3f} | "
            f"{row['right']:.3f} | {row['matched']:.3f} |"
        )
    return lines


def _limit_lines(lim: dict[str, int]) -> list[str]:
    """Where the model stops on dev (`limits.py`): reachable gold and the losses by cause."""
    gold = lim["gold"] or 1

    def row(label: str, n: int) -> str:
        return f"| {label} | {n} | {n / gold:.3f} |"

    return [
        "",
        "## Where it stops (dev)",
        "| gold attributions | count | share |",
        "| --- | --- | --- |",
        row("all", lim["gold"]),
        row(
            "reachable: some candidate's alternative matches (a perfect chooser)", lim["reachable"]
        ),
        row("matched by the model", lim["matched"]),
        row("not reachable: no candidate, or no boundary close enough", lim["unreachable"]),
        row("reachable, lost: kept with another boundary", lim["lost_boundary"]),
        row("reachable, lost: dropped by the keep model", lim["lost_dropped"]),
        row("reachable, lost: matched a near-identical gold item instead", lim["lost_duplicate"]),
        "",
        f"Contested candidates (some alternatives right, some wrong): {lim['contested']}; the",
        f"ranker picks a right one for {lim['contested_ranker_right']}, the rules' own boundary",
        f"is right for {lim['contested_rule_right']}.",
    ]


def _retraining_lines(info: dict[str, Any]) -> list[str]:
    """How to train it again, and how long the last training took."""
    return [
        "",
        "## Retraining",
        "```",
        "make train      # = uv run python -m pipeline.training.train",
        "```",
        "It reads `../shared/corpora/polnear/{train,dev}` (NEWSCLAIMS_SHARED), parses each split",
        "once into `.cache/parses/` (git-ignored), and rewrites the model file and this card. The",
        "model file is deterministic for the same corpus, rules and library versions.",
        f"Last run: {info['seconds']:.0f} s on {info['cpus']} cores ({info['timing']}).",
        "Retrain after changing a finder, a pass or a rule table: the model was fitted to the",
        "candidates they produce. Deleting the file makes the extractor decide by the rules",
        "alone (it says so once in the log); NEWSCLAIMS_DECISION_MODEL=none does the same.",
        "",
    ]
