"""Extraction speed benchmark on the shared corpora.

    uv run python -m pipeline.evaluation.bench [--limit N] [--n-process K] [--compare]

Extracts the PolNeAR train articles (or whatever of ../shared/corpora is present) and prints
articles/s, words/s, per-article ms, peak RSS and the ratio of full extraction time to bare
`nlp.pipe` over the same texts with the same pipeline and settings (the cost of the rules), for
the two ways to extract: the pipeline's (`newsclaims run`, the Dagster asset: chunks of
NEWSCLAIMS_EXTRACT_CHUNK articles, `extract.isolation`) and the streaming API
(`Extractor.extract`, `extract.workers`); both parse and run the rules in forked workers.
`--compare` also times the variants (all pipes vs. lemmatizer/attribute_ruler disabled,
one vs. two processes) against bare single-process parsing with the full pipeline.
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from pipeline.common.settings import current
from pipeline.common.words import WORD_RE
from pipeline.extract import Extractor
from pipeline.extract.claims.labels import LABELLERS
from pipeline.extract.nlp import DEFAULT_DISABLE, load_pipeline


def corpora_dir() -> Path:
    """../shared/corpora next to the repository (or $NEWSCLAIMS_SHARED/corpora)."""
    return current().shared_dir / "corpora"


def load_texts(corpora: Path, limit: int | None = None) -> list[tuple[str, str]]:
    """(article id, text) pairs: PolNeAR train if present, else any polnear/wikinews text."""
    pairs: list[tuple[str, str]] = []
    train = corpora / "polnear" / "train" / "gold.jsonl"
    if train.exists():
        with train.open(encoding="utf-8") as fh:
            for line in fh:
                art = json.loads(line)
                pairs.append((art["name"], art["text"]))
    else:
        for path in sorted(corpora.glob("polnear/*/articles/*.txt")):
            pairs.append((path.stem, path.read_text(encoding="utf-8")))
        for path in sorted(corpora.glob("wikinews/articles/*.json")):
            art = json.loads(path.read_text(encoding="utf-8"))
            pairs.append(
                (str(art.get("id", path.stem)), art.get("title", "") + "\n\n" + art["text"])
            )
    return pairs[:limit] if limit else pairs


def peak_rss_mb() -> float:
    """Peak resident set size of this process and its finished children, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    scale = 1 / 1024 if sys.platform != "darwin" else 1 / 1024 / 1024
    return max(own, kids) * scale


def time_bare(
    extractor: Extractor, texts: Sequence[str], disable: tuple[str, ...], n_process: int
) -> float:
    """Seconds for bare `nlp.pipe` over the texts (the extractor's model, `disable`d pipes)."""
    nlp = load_pipeline(extractor.model, disable, extractor.lexicon.entity_fixes)
    batch_size = extractor.batch_size
    start = time.perf_counter()
    for _doc in nlp.pipe(texts, batch_size=batch_size, n_process=n_process):
        pass
    return time.perf_counter() - start


def time_full(extractor: Extractor, pairs: Sequence[tuple[str, str]]) -> tuple[float, int, float]:
    """Seconds for full extraction, the number of claims, and seconds spent in the rules
    (summed from the extractor's timing hook)."""
    rules = 0.0

    def on_rules(_article_id: str, seconds: float) -> None:
        nonlocal rules
        rules += seconds

    start = time.perf_counter()
    n_claims = sum(len(res.claims) for res in extractor.extract(pairs, timing=on_rules))
    return time.perf_counter() - start, n_claims, rules


def time_pipeline(
    extractor: Extractor, pairs: Sequence[tuple[str, str]], chunk: int
) -> tuple[float, int]:
    """Seconds and claims for extraction as the pipeline runs it: `extract_isolated` on
    chunks of `chunk` articles."""
    from pipeline.extract.isolation import extract_isolated

    start = time.perf_counter()
    n_claims = 0
    for i in range(0, len(pairs), chunk):
        n_claims += sum(len(r.claims) for r in extract_isolated(extractor, pairs[i : i + chunk]))
    return time.perf_counter() - start, n_claims


def time_passes(
    ex: Extractor, pairs: Sequence[tuple[str, str]], chunk: int
) -> tuple[dict[str, float], dict[str, int], float]:
    """Seconds of bare parsing, pipeline and streaming extraction; their claims; rule seconds.
    The passes alternate over two halves so that load drift hits them alike."""
    half = len(pairs) // 2 or len(pairs)
    parts = [pairs[:half], pairs[half:]] if len(pairs) > 1 else [pairs]
    secs = {"bare": 0.0, "pipeline": 0.0, "stream": 0.0}
    claims = {"pipeline": 0, "stream": 0}
    rules = 0.0
    for k, part in enumerate(parts):
        for which in ("bare", "pipeline", "stream")[:: 1 if k % 2 == 0 else -1]:
            gc.collect()
            if which == "bare":
                secs[which] += time_bare(ex, [t for _, t in part], ex.disable, ex.n_process)
                continue
            if which == "pipeline":
                t, c = time_pipeline(ex, part, chunk)
            else:
                t, c, r = time_full(ex, part)
                rules += r
            secs[which] += t
            claims[which] += c
    return secs, claims, rules


def _print_passes(
    secs: dict[str, float], claims: dict[str, int], rules: float, n: int, words: int, chunk: int
) -> None:
    bare = secs["bare"]
    print(
        f"bare nlp.pipe   {bare:8.1f} s   {n / bare:7.2f} articles/s   {words / bare:8.0f} words/s"
    )
    labels = {
        "pipeline": f"pipeline extraction (`newsclaims run`: chunks of {chunk})",
        "stream": "streaming Extractor.extract (results as they come)",
    }
    for which, label in labels.items():
        t = secs[which]
        print(label)
        print(
            f"  full extraction {t:8.1f} s   {n / t:7.2f} articles/s   {words / t:8.0f} words/s"
            f"   {1000 * t / n:6.1f} ms/article   claims={claims[which]}"
        )
        print(f"  ratio full/bare {t / bare:.3f}   (target <= 1.15)")
    print(
        f"rules (summed over the workers) {rules:6.1f} s = {rules / bare:.3f} of bare parsing"
        f" time, {1000 * rules / n:.1f} ms/article"
    )


def _print_encoder_cost(
    ex: Extractor, pairs: Sequence[tuple[str, str]], kwargs: dict, secs: dict[str, float]
) -> None:
    """Streaming extraction again without the encoder (rules' acts, no analysis model, no
    tagger) and, when the tagger is on, with the analysis layer but no tagger: what each
    learned layer costs per article, and the ratios to bare parsing."""
    n, bare = len(pairs), secs["bare"]
    tagged = getattr(ex.decide, "tagger", None) is not None
    gc.collect()
    plain, _claims, _rules = time_full(
        Extractor(labellers=LABELLERS, **{**kwargs, "tagger": "none"}), pairs
    )
    print("streaming extraction without the encoder (rules' acts, no tagger)")
    print(f"  full extraction {plain:8.1f} s   ratio full/bare {plain / bare:.3f}")
    if tagged and ex.labellers != LABELLERS:
        gc.collect()
        acts, _claims, _rules = time_full(Extractor(**{**kwargs, "tagger": "none"}), pairs)
        print("streaming extraction with the analysis layer, no tagger")
        print(f"  full extraction {acts:8.1f} s   ratio full/bare {acts / bare:.3f}")
        print(
            f"tagger (encoder on every sentence + head): {1000 * (secs['stream'] - acts) / n:.1f}"
            " ms/article beyond the analysis layer"
        )
    extra = secs["stream"] - plain
    print(
        f"encoder layers ({'tagger + ' if tagged else ''}acts/accused): {1000 * extra / n:.1f} "
        f"ms/article; with them the ratio is {secs['stream'] / bare:.3f} (target <= 1.6)"
    )


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; returns a process exit code."""
    ap = argparse.ArgumentParser(description="newsclaims extraction benchmark")
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument("--n-process", type=int, default=None, help="default: the Extractor default")
    ap.add_argument("--batch-size", type=int, default=None)
    ap.add_argument("--disable", default=None, help="comma-separated pipes (default: extractor's)")
    ap.add_argument("--compare", action="store_true", help="also time pipeline/process variants")
    args = ap.parse_args(argv)

    corpora = corpora_dir()
    if not corpora.exists():
        print(f"benchmark skipped: no corpora at {corpora} (set NEWSCLAIMS_SHARED)")
        return 0
    pairs = load_texts(corpora, args.limit)
    if not pairs:
        print(f"benchmark skipped: no articles found under {corpora}")
        return 0
    texts = [t for _, t in pairs]
    words = sum(len(WORD_RE.findall(t)) for t in texts)

    cfg = current()  # NEWSCLAIMS_N_PROCESS etc., then the flags
    kwargs: dict = cfg.extractor_options()
    if args.n_process is not None:
        kwargs["n_process"] = args.n_process
    if args.batch_size is not None:
        kwargs["batch_size"] = args.batch_size
    if args.disable is not None:
        kwargs["disable"] = tuple(p for p in args.disable.split(",") if p)
    ex = Extractor(**kwargs)
    _ = ex.nlp  # load outside the timings
    ex.extract_text(texts[0][:2000], "warmup")

    print(f"articles={len(pairs)} words={words} model={ex.model} version={ex.version}")
    print(
        f"settings: n_process={ex.n_process} batch_size={ex.batch_size} disable={list(ex.disable)}"
    )
    chunk = cfg.extract_chunk
    secs, claims, rules = time_passes(ex, pairs, chunk)
    _print_passes(secs, claims, rules, len(pairs), words, chunk)
    print(f"peak RSS        {peak_rss_mb():.0f} MB")
    if ex.labellers != LABELLERS or getattr(ex.decide, "tagger", None) is not None:
        _print_encoder_cost(ex, pairs, kwargs, secs)

    if args.compare:
        print("\nvariants (full extraction vs bare single-process parsing with all pipes):")
        base = time_bare(ex, texts, (), 1)
        print(f"  bare, all pipes, 1 process          {base:8.1f} s  (reference)")
        for disable, n_proc in (((), 1), (DEFAULT_DISABLE, 1), ((), 2), (DEFAULT_DISABLE, 2)):
            variant = Extractor(n_process=n_proc, batch_size=ex.batch_size, disable=disable)
            _ = variant.nlp
            t, _claims, _rules = time_full(variant, pairs)
            label = f"full, disable={list(disable) or '-'}, {n_proc} process(es)"
            print(f"  {label:38s}{t:8.1f} s  x{t / base:.2f} of reference  claims={_claims}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
