"""The words of every extracted gold claim, for fine-tuning a text classifier of the act.

The act model's cached examples (`analysis_data.load_examples`) keep features, not words. This
tool extracts the 66 gold articles once more with a recorder that also keeps each claim's cue,
content, speaker, the surface of the content's actors and the cue's sentence, and writes them
with the gold act and the out-of-fold fold of `analysis_fit.folds_of` (5 folds, seed 0) to a
git-ignored JSON-lines file (gold texts never enter the repository)::

    uv run python -m pipeline.training.act_texts            # -> .cache/analysis/act-texts.jsonl

It writes the examples cache `load_examples` reads as well (same key), so the extraction is
paid once. Each line also carries the current act model's out-of-fold P(accuse) (`p_base`),
the baseline a fine-tuned classifier is measured against.
"""

from __future__ import annotations

import argparse
import json
import pickle
from pathlib import Path

from pipeline.common.settings import current
from pipeline.evaluation.analysis import load_gold
from pipeline.extract import Extractor
from pipeline.extract.claims.labels import LABELLERS, ClaimView, Labels, label_act, replace_labeller
from pipeline.extract.encoder import load_encoder

from .analysis_data import SETS, Recorder, _cache_key, article_examples
from .analysis_fit import folds_of

FOLDS, SEED = 5, 0


class TextRecorder(Recorder):
    """`Recorder` that also keeps the words the features came from."""

    def __init__(self, encoder) -> None:
        super().__init__(encoder)
        self.texts: list[dict] = []

    def __call__(self, claim: ClaimView, labels: Labels) -> None:
        super().__call__(claim, labels)
        ctx, feats = claim.ctx, self.seen[-1]
        sent = ctx.doc[claim.d.cue_i].sent
        info = claim.info
        self.texts.append(
            {
                "cue": claim.cue_text,
                "content": claim.content,
                "speaker": claim.speaker.name if claim.speaker else "",
                "speaker_text": ctx.text[info.start_char : info.end_char] if info else "",
                "actors": [ctx.text[r.start_char : r.end_char] for r in feats.content_refs],
                "sentence": sent.text,
                "rules_act": labels.act,
            }
        )


def extract(gold_root: Path):
    """(examples as `load_examples` gives them, {article: [text record per claim]})."""
    cfg = current()
    encoder = load_encoder(cfg.encoder, cfg.encoder_threads)
    recorder = TextRecorder(encoder)
    extractor = Extractor(
        n_process=1, labellers=replace_labeller(label_act, recorder, LABELLERS), tagger=cfg.tagger
    )
    sets, texts = {}, {}
    for name in SETS:
        sets[name] = []
        for g in load_gold(gold_root / name):
            recorder.texts.clear()
            ex = article_examples(name, g, extractor, recorder, gold_root / name / "articles")
            sets[name].append(ex)
            texts[g.article] = list(recorder.texts)
    path = (
        cfg.cache_dir
        / "analysis"
        / f"examples-{_cache_key(encoder, gold_root, cfg.tagger)}-all.pkl"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        pickle.dump(sets, fh)
    return sets, texts


def base_p_accuse(sets) -> dict[tuple[str, int], float]:
    """The shipped method's out-of-fold P(accuse) of every gold-matched claim."""
    from pipeline.training.analysis_oof import oof_models

    everything = [a for name in SETS for a in sets[name]]
    out = {}
    for model, held in oof_models(everything, FOLDS, SEED):
        for a in held:
            for k, c in enumerate(a.claims):
                if c.gold_act is not None:
                    out[(a.article, k)] = model.act_probs(c.feats.sparse, c.feats.dense)["accuse"]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=current().shared_dir / "gold")
    ap.add_argument(
        "--out", type=Path, default=current().cache_dir / "analysis" / "act-texts.jsonl"
    )
    args = ap.parse_args(argv)
    sets, texts = extract(args.gold)
    everything = [a for name in SETS for a in sets[name]]
    fold_of = {
        everything[i].article: f
        for f, held in enumerate(folds_of(everything, FOLDS, SEED))
        for i in held
    }
    p_base = base_p_accuse(sets)
    n = 0
    with args.out.open("w", encoding="utf-8") as fh:
        for a in everything:
            for k, (c, t) in enumerate(zip(a.claims, texts[a.article], strict=True)):
                rec = {"set": a.set_name, "article": a.article, "k": k, "fold": fold_of[a.article]}
                rec.update(t, gold_act=c.gold_act, p_base=p_base.get((a.article, k)))
                fh.write(json.dumps(rec) + "\n")
                n += 1
    print(f"{n} claims of {len(everything)} articles -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
