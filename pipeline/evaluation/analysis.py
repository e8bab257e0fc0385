"""Scores claim analysis against gold in the shape of shared/gold/analysis/*.json.

The rules are those of the gold's README (and its reference scorer, `score_analysis.py`):

- Claims match gold one-to-one within an article, greedily in prediction order, by content
  word-token Dice >= 0.5 (token positions in the article text; a prediction's
  `content_spans` are used when they agree with its `content`, else its content is searched).
- On matched claims: speaker accuracy (canonical name, lenient), act and form accuracy,
  reported_by accuracy (over pairs where either side has an outlet), accused and about
  micro P/R/F1 over canonical names.
- Over all claims: accusation edges (speaker, accused) per article.
- Actors: P/R/F1 of the article's actor set, junk rate (predicted actors that match no gold
  actor; an unmatched predicted place is left out of both), and mention-merge B-cubed F1 over
  the surface forms both sides know.

Names resolve to a gold actor by canonical name, by one of its mentions, or leniently (one
name's words contained in the other's, or a person's surname).

    golds = load_gold(Path("gold/analysis"))
    report = score(golds, predictions)        # predictions: {article: {"claims", "actors"}}
    print(format_report(report))
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.common.words import WORD_RE

QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u00a0": " "})
FRAGMENT_JOIN = " … "
# words ignored when comparing names ("the Kremlin" = "Kremlin", "Mr Putin" = "Putin")
_NAME_STOP = frozenset({"the", "mr", "mrs", "ms", "dr", "of"})


@dataclass(frozen=True)
class GoldArticle:
    """One gold file with the text its claims' content refers to."""

    article: str
    text: str
    claims: list[dict[str, Any]]
    actors: list[dict[str, Any]]


def load_gold(gold_dir: Path, articles_dir: Path | None = None) -> list[GoldArticle]:
    """Gold files `gold_dir/*.json` with their texts (`articles_dir`: default gold_dir/articles)."""
    articles_dir = articles_dir or gold_dir / "articles"
    out = []
    for path in sorted(gold_dir.glob("*.json")):
        g = json.loads(path.read_text(encoding="utf-8"))
        text = (articles_dir / f"{g['article']}.txt").read_text(encoding="utf-8")
        out.append(GoldArticle(g["article"], text, g.get("claims", []), g.get("actors", [])))
    return out


def name_words(name: str | None) -> list[str]:
    """Lower-cased words of a name without titles and articles: "The Kremlin's" -> [kremlin, s]."""
    return [
        w for w in WORD_RE.findall((name or "").lower().translate(QUOTES)) if w not in _NAME_STOP
    ]


def _name_key(name: str | None) -> str:
    return " ".join(name_words(name))


class Resolver:
    """Maps any name to a gold actor of one article (canonical name, mention, or lenient)."""

    def __init__(self, actors: list[dict[str, Any]]) -> None:
        self.actors = actors
        self.keys: dict[str, str] = {}
        for a in actors:
            for form in [a["name"], *a.get("mentions", [])]:
                self.keys.setdefault(_name_key(form), a["name"])

    def __call__(self, name: str | None) -> str | None:
        w = name_words(name)
        if not w:
            return None
        key = " ".join(w)
        if key in self.keys:
            return self.keys[key]
        for a in self.actors:
            g = name_words(a["name"])
            gs = " ".join(g)
            if g and (f" {key} " in f" {gs} " or f" {gs} " in f" {key} "):
                return a["name"]
            if g and a.get("type") == "person" and w[-1] == g[-1]:
                return a["name"]
        return None


class ArticleText:
    """An article text with its word tokens, for locating claim content."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.norm = text.translate(QUOTES)
        self.tokens = [(m.start(), m.end()) for m in WORD_RE.finditer(text)]

    def ids(self, start: int, end: int) -> set[int]:
        return {i for i, (a, b) in enumerate(self.tokens) if a < end and b > start}

    def locate(self, fragment: str) -> tuple[int, int] | None:
        found = WORD_RE.findall(fragment.translate(QUOTES))
        if not found:
            return None
        m = re.search(r"\W+".join(re.escape(w) for w in found), self.norm)
        return (m.start(), m.end()) if m else None

    def content_ids(self, claim: Mapping[str, Any]) -> set[int]:
        """Token positions of a claim's content: its spans when they agree with its content,
        else each " … " fragment searched in the text."""
        spans = claim.get("content_spans")
        text = self.text
        if spans and all(0 <= s < e <= len(text) for s, e in spans):
            at = WORD_RE.findall(" ".join(text[s:e] for s, e in spans).translate(QUOTES))
            if not claim.get("content") or at == WORD_RE.findall(
                claim["content"].translate(QUOTES)
            ):
                return set().union(*[self.ids(s, e) for s, e in spans])
        out: set[int] = set()
        for frag in (claim.get("content") or "").split(FRAGMENT_JOIN):
            loc = self.locate(frag)
            if loc:
                out |= self.ids(*loc)
        return out


def dice(a: set[int], b: set[int]) -> float:
    """Dice coefficient of two token-position sets (0 when either is empty)."""
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    """(precision, recall, F1), rounded to 3 places."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return round(p, 3), round(r, 3), round(2 * p * r / (p + r), 3) if p + r else 0.0


@dataclass
class _Counts:
    gold: int = 0
    pred: int = 0
    tp: int = 0
    speaker_ok: int = 0
    act_ok: int = 0
    form_ok: int = 0
    rep_ok: int = 0
    rep_n: int = 0
    sets: dict[str, list[int]] = field(default_factory=dict)  # key -> [tp, n_pred, n_gold]
    acts: dict[str, list[int]] = field(default_factory=dict)  # gold act -> [right, total]
    junk: int = 0
    b_p: float = 0.0
    b_r: float = 0.0
    b_n: int = 0

    def add_set(self, key: str, tp: int, n_pred: int, n_gold: int) -> None:
        row = self.sets.setdefault(key, [0, 0, 0])
        row[0] += tp
        row[1] += n_pred
        row[2] += n_gold


def match_claims(
    g: GoldArticle, claims: list[Mapping[str, Any]]
) -> tuple[list[dict[str, Any] | None], int]:
    """The gold claim each predicted claim matches (None when none), greedily in prediction
    order by content Dice >= 0.5, and the number of gold claims with a content."""
    text = ArticleText(g.text)
    golds = [(ids, x) for x in g.claims if (ids := text.content_ids(x))]
    used: set[int] = set()
    out: list[dict[str, Any] | None] = []
    for pc in claims:
        pi = text.content_ids(pc)
        best, best_dice = None, 0.0
        for i, (gi, _) in enumerate(golds):
            if i not in used and dice(pi, gi) > best_dice:
                best, best_dice = i, dice(pi, gi)
        if best is None or best_dice < 0.5:
            out.append(None)
            continue
        used.add(best)
        out.append(golds[best][1])
    return out, len(golds)


def _score_claims(g: GoldArticle, pred: Mapping[str, Any], res: Resolver, c: _Counts) -> None:
    claims = pred.get("claims", [])
    matched, n_gold = match_claims(g, claims)
    c.gold += n_gold
    c.pred += len(claims)
    for pc, gc in zip(claims, matched, strict=True):
        if gc is not None:
            _score_pair(gc, pc, res, c)


def _score_pair(gc: Mapping[str, Any], pc: Mapping[str, Any], res: Resolver, c: _Counts) -> None:
    c.tp += 1
    said = pc.get("speaker") or pc.get("speaker_mention")
    c.speaker_ok += (res(said) == gc["speaker"]) if gc["speaker"] else not said
    act_row = c.acts.setdefault(gc["act"], [0, 0])
    act_row[0] += pc.get("act") == gc["act"]
    act_row[1] += 1
    c.act_ok += pc.get("act") == gc["act"]
    c.form_ok += pc.get("form") == gc["form"]
    if gc.get("reported_by") or pc.get("reported_by"):
        c.rep_n += 1
        c.rep_ok += res(pc.get("reported_by")) == gc.get("reported_by")
    for key in ("accused", "about"):
        gs = set(gc.get(key) or [])
        ps = {res(n) or f"?{n}" for n in pc.get(key) or []}
        c.add_set(key, len(gs & ps), len(ps), len(gs))


def accusation_edges(claims: Iterable[Mapping[str, Any]], res: Resolver | None = None) -> set:
    """(speaker, accused) pairs of the accusing claims; with `res`, as gold actor names
    (unresolved names kept with a leading "?")."""
    out = set()
    for x in claims:
        if x.get("act") != "accuse" or not x.get("speaker"):
            continue
        for a in x.get("accused") or []:
            if res is None:
                out.add((x["speaker"], a))
            else:
                out.add((res(x["speaker"]) or f"?{x['speaker']}", res(a) or f"?{a}"))
    return out


def _score_actors(g: GoldArticle, pred: Mapping[str, Any], res: Resolver, c: _Counts) -> None:
    mapped: dict[str | None, str | None] = {}
    for a in pred.get("actors", []):
        m = res(a.get("name"))
        for form in a.get("mentions", []) if m is None else []:
            m = m or res(form)
        if m is None and a.get("type") == "place":
            continue  # a setting the gold may have left out: neither right nor junk
        mapped[a.get("name")] = m
    c.junk += sum(1 for m in mapped.values() if m is None)
    c.add_set("actors", len({m for m in mapped.values() if m}), len(mapped), len(g.actors))
    _score_merges(g, pred, c)


def _score_merges(g: GoldArticle, pred: Mapping[str, Any], c: _Counts) -> None:
    """Mention-merge B-cubed over the surface forms known to both sides."""
    gform = {
        _name_key(f): a["name"]
        for a in g.actors
        for f in [a["name"], *a.get("mentions", [])]
        if name_words(f)
    }
    pform = {
        _name_key(f): i
        for i, a in enumerate(pred.get("actors", []))
        for f in [a.get("name"), *a.get("mentions", [])]
        if name_words(f)
    }
    both = [f for f in gform if f in pform]
    for f in both:
        gs = {x for x in both if gform[x] == gform[f]}
        ps = {x for x in both if pform[x] == pform[f]}
        c.b_p += len(gs & ps) / len(ps)
        c.b_r += len(gs & ps) / len(gs)
        c.b_n += 1


def score(golds: list[GoldArticle], predictions: Mapping[str, Mapping[str, Any]]) -> dict:
    """The figures of the gold README for `predictions` ({article: {"claims", "actors"}})."""
    c = _Counts()
    for g in golds:
        res = Resolver(g.actors)
        pred = predictions.get(g.article, {"claims": [], "actors": []})
        _score_claims(g, pred, res, c)
        ge = accusation_edges(g.claims)
        pe = accusation_edges(pred.get("claims", []), res)
        c.add_set("edges", len(ge & pe), len(pe), len(ge))
        _score_actors(g, pred, res, c)
    return _report(len(golds), c)


def _report(n_articles: int, c: _Counts) -> dict[str, Any]:
    def share(n: int, d: int) -> float:
        return round(n / d, 3) if d else 0.0

    def sets(key: str) -> tuple[float, float, float]:
        return prf(*c.sets.get(key, [0, 0, 0]))

    bp = c.b_p / c.b_n if c.b_n else 0.0
    br = c.b_r / c.b_n if c.b_n else 0.0
    return {
        "articles": n_articles,
        "gold_claims": c.gold,
        "pred_claims": c.pred,
        "claim_F1": prf(c.tp, c.pred, c.gold)[2],
        "speaker_acc": share(c.speaker_ok, c.tp),
        "act_acc": share(c.act_ok, c.tp),
        "act_recall_by_gold": {k: f"{v[0]}/{v[1]}" for k, v in sorted(c.acts.items())},
        "form_acc": share(c.form_ok, c.tp),
        "reported_by_acc": share(c.rep_ok, c.rep_n) if c.rep_n else None,
        "accused_P_R_F1": sets("accused"),
        "about_P_R_F1": sets("about"),
        "accusation_edges_P_R_F1": sets("edges"),
        "actors_P_R_F1": sets("actors"),
        "junk_actor_rate": share(c.junk, c.sets.get("actors", [0, 0, 0])[1]),
        "merge_bcubed_F1": round(2 * bp * br / (bp + br), 3) if bp + br else 0.0,
    }


def extraction_row(claim: Any, targets: Iterable[Any]) -> dict[str, Any]:
    """One extracted claim (`records.Claim` and its `ClaimTarget`s) in the gold's shape.

    Without `content_spans`: the offsets are into the stored text, which ingestion may have
    cleaned; the scorer locates the content by its words in the gold's text."""
    from pipeline.extract.records import SHOWN_ROLES

    targets = [t for t in targets if t.claim_id == claim.claim_id]
    speaker = claim.speaker_name or (claim.speaker_text if claim.speaker_type != "OTHER" else None)
    return {
        "content": claim.content,
        "speaker": speaker,
        "speaker_mention": claim.speaker_text if speaker else None,
        "act": claim.act,
        "form": claim.form,
        "accused": [t.target_name for t in targets if t.role == "accused"],
        "about": [t.target_name for t in targets if t.role in SHOWN_ROLES],
        "reported_by": claim.reported_by,
    }


def read_predictions(lines: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Export lines (one JSON article a line) keyed by article."""
    out: dict[str, dict[str, Any]] = {}
    for line in lines:
        if line.strip():
            row = json.loads(line)
            out[row["article"]] = row
    return out


def format_report(report: Mapping[str, Any]) -> str:
    """The report as aligned "measure  value" lines."""

    def fmt(value: Any) -> str:
        if isinstance(value, list | tuple):
            return " / ".join(f"{v:.3f}" for v in value)
        if isinstance(value, dict):
            return ", ".join(f"{k} {v}" for k, v in value.items())
        return f"{value:.3f}" if isinstance(value, float) else str(value)

    width = max(len(k) for k in report)
    return "\n".join(f"{k.ljust(width)}  {fmt(v)}" for k, v in report.items())
