"""Features of claim candidates for the decision model: plain dicts of name -> value.

- `group_features`: one dict per candidate (its cue, frame, speaker, position and the
  candidates around it), shared by all of its boundary alternatives;
- `alternative_features`: one dict per boundary alternative (its length, quotation share, how
  it starts and what it adds to or removes from the rule content).

Categorical facts are indicator features ("lemma=say": 1.0), so a linear model learns one
weight per value; the learned cue table enters as numbers (smoothed precision, log count).
Example::

    feats = group_features(ctx, drafts, rule_kept)      # list, one per draft
    rule = RuleContent(ctx, drafts[0].spans)
    alt = alternative_features(ctx, drafts[0], "rule", drafts[0].spans, rule)
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from typing import Any

from pipeline.common.words import WORD_RE

from ...lexicon import smoothed_precision
from .alternatives import Spans, span_tokens

Features = dict[str, float]

_MODALS = frozenset("would could may might will should can must 'll wo ca".split())
_EDGES = (0, 1, 2, 3, 5, 8, 13, 21, 34, 55)
# words that say what an added or removed stretch is ("which …", ", during …")
_FUNCTION_WORDS = frozenset(
    """
    that which who whom whose where when while as because since after before during in on at
    for of to with by about from over against under into if whether although though but and
    or , ; -- — : ( " “ ” '
    """.split()
)
_ENTITY_TYPES = frozenset({"DATE", "TIME", "GPE", "PERSON", "ORG", "EVENT"})
_PART_HEAD = 12  # tokens of an added or removed stretch that its features look at


def bucket(n: int) -> str:
    """Coarse size class of a count: the largest of 0,1,2,3,5,8,13,21,34,55 not above n."""
    for e in reversed(_EDGES):
        if n >= e:
            return str(e)
    return "neg"


def frame_of(d: Any) -> str:
    """The candidate's frame name ("clause", "passive-object", "colon", ...)."""
    return d.frame or d.category


def group_features(ctx: Any, drafts: list[Any], rule_kept: set[int]) -> list[Features]:
    """Features of every candidate of one article (`rule_kept`: ids of the drafts the rules
    alone would keep)."""
    doc, text = ctx.doc, ctx.text
    n_sents = max(len(ctx.sent_starts), 1)
    para_starts = [0] + [m.end() for m in re.finditer(r"\n+", text)]
    sents = [ctx.sent_index(d.cue_i) for d in drafts]
    per_sent: dict[int, int] = {}
    for s in sents:
        per_sent[s] = per_sent.get(s, 0) + 1
    contains, inside = _nesting(drafts)
    out: list[Features] = []
    for k, d in enumerate(drafts):
        f: Features = {}
        lemma, frame = d.lemma, frame_of(d)
        f["lemma=" + lemma] = 1.0
        f["frame=" + frame] = 1.0
        f["cat=" + d.category] = 1.0
        f["finder=" + (getattr(d, "finder", "") or "verb")] = 1.0
        f["lemma_frame=" + lemma + "|" + frame] = 1.0
        n, m = ctx.lex.cue_stats.get((lemma, d.frame), (0, 0)) if d.frame else (0, 0)
        f["cue_prec"] = smoothed_precision(n, m) if n else 0.0
        f["cue_logn"] = math.log1p(n)
        f["cue_seen"] = 1.0 if n else 0.0
        f["curated"] = 1.0 if lemma in ctx.lex.curated_frames else 0.0
        f["speech"] = 1.0 if lemma in ctx.lex.speech_verbs else 0.0
        f["rule"] = 1.0 if id(d) in rule_kept else 0.0
        f["gated"] = 1.0 if getattr(d, "gated", False) else 0.0
        _verb_features(ctx, d, f)
        _speaker_features(ctx, d, f)
        si = sents[k]
        f["headline"] = 1.0 if si == 0 else 0.0
        f["sent_rel"] = si / n_sents
        f["para=" + bucket(bisect_right(para_starts, d.cue_char) - 1)] = 1.0
        lo = ctx.sent_starts[si]
        hi = ctx.sent_starts[si + 1] if si + 1 < len(ctx.sent_starts) else len(doc)
        f["sent_len_log"] = math.log1p(hi - lo)
        f["sent_has_quote"] = 1.0 if any(ctx.in_quote[lo:hi]) else 0.0
        f["n_same_sent=" + bucket(per_sent[si] - 1)] = 1.0
        f["contains_cue"] = float(min(contains[k], 3))
        f["inside_other"] = float(min(inside[k], 3))
        out.append(f)
    return out


def _verb_features(ctx: Any, d: Any, f: Features) -> None:
    doc = ctx.doc
    verb = doc[d.verb_i] if d.verb_i >= 0 else doc[d.cue_i]
    f["tag=" + verb.tag_] = 1.0
    f["dep=" + verb.dep_] = 1.0
    f["headdep=" + verb.head.dep_] = 1.0
    head_cue = verb.head.i != verb.i and ctx.lex.verb_lemma(verb.head.lower_) is not None
    f["head_is_cue"] = 1.0 if head_cue else 0.0
    f["unattr"] = 1.0 if d.unattributed else 0.0
    f["passive"] = 1.0 if d.category.startswith("passive") else 0.0
    neg = modal = to_inf = False
    for c in verb.children:
        if c.dep_ == "neg":
            neg = True
        elif c.dep_ in ("aux", "auxpass"):
            modal = modal or c.lower_ in _MODALS
            to_inf = to_inf or c.lower_ == "to"
    f["neg"] = 1.0 if neg else 0.0
    f["modal"] = 1.0 if modal else 0.0
    f["to_inf"] = 1.0 if to_inf else 0.0


def _speaker_features(ctx: Any, d: Any, f: Features) -> None:
    s = d.speaker
    if s is None:
        f["no_speaker"] = 1.0
        return
    f["spk_tag=" + s.tag_] = 1.0
    f["spk_ent=" + (s.ent_type_ or "none")] = 1.0
    f["spk_dep=" + s.dep_] = 1.0
    f["spk_quote"] = 1.0 if ctx.in_quote[s.i] else 0.0
    f["spk_before"] = 1.0 if s.i < d.cue_i else 0.0
    f["spk_len"] = math.log1p(s.right_edge.i - s.left_edge.i + 1)


def _nesting(drafts: list[Any]) -> tuple[list[int], list[int]]:
    """Per draft: how many other cues its content contains, and inside how many others'
    content its own cue lies."""
    contains = [0] * len(drafts)
    inside = [0] * len(drafts)
    cues = sorted((d.cue_char, j) for j, d in enumerate(drafts))
    keys = [c for c, _ in cues]
    for k, d in enumerate(drafts):
        for s, e in d.spans:
            for _, j in cues[bisect_right(keys, s - 1) : bisect_right(keys, e - 1)]:
                if j != k:
                    contains[k] += 1
                    inside[j] += 1
    return contains, inside


class RuleContent:
    """The rules' content of a candidate, which every alternative is compared with."""

    def __init__(self, ctx: Any, spans: Spans) -> None:
        self.ctx = ctx
        self.spans = spans
        self.n_words = sum(len(WORD_RE.findall(ctx.text[s:e])) for s, e in spans)
        self._tokens: set[int] | None = None

    @property
    def tokens(self) -> set[int]:
        if self._tokens is None:
            self._tokens = span_tokens(self.ctx, self.spans)
        return self._tokens


def alternative_features(ctx: Any, d: Any, name: str, spans: Spans, rule: RuleContent) -> Features:
    """Features of one boundary alternative `spans` of candidate `d` (named `name`)."""
    text = ctx.text
    content = " … ".join(text[s:e] for s, e in spans)
    ntok = len(WORD_RE.findall(content))
    rule_ntok = rule.n_words
    frame = frame_of(d)
    f: Features = {"alt=" + name: 1.0, "alt_frame=" + name + "|" + frame: 1.0}
    f["a_clen=" + bucket(ntok)] = 1.0
    f["a_clen_log"] = math.log1p(ntok)
    f["a_ratio"] = math.log((ntok + 1) / (rule_ntok + 1))
    f["a_nfrag"] = float(len(spans))
    total = sum(e - s for s, e in spans) or 1
    quoted = 0
    for s, e in spans:
        for q in ctx.quotes_overlapping(s, e):
            quoted += min(q.end, e) - max(q.start, s)
    qf = quoted / total
    form = "direct" if qf > 0.97 else "mixed" if qf > 0 else "indirect"
    f["a_qfrac"] = qf
    f["a_form=" + form] = 1.0
    f["alt_form=" + name + "|" + form] = 1.0
    c0, c1 = spans[0][0], spans[-1][1]
    f["a_starts_that"] = 1.0 if text[c0 : c0 + 5].lower() == "that " else 0.0
    f["a_has_comma"] = 1.0 if "," in content.strip(",“”\"' ") else 0.0
    f["a_n_sent"] = float(min(content.count(". "), 5))
    f["a_cross_para"] = 1.0 if "\n" in text[c0:c1] else 0.0
    cue = d.cue_char
    f["a_after_cue"] = 1.0 if c0 >= cue else 0.0
    f["a_spans_cue"] = 1.0 if c0 < cue < c1 else 0.0
    if name != "rule":
        f.update(_diff_features(ctx, rule.tokens, spans, frame))
    return f


def _diff_features(ctx: Any, rule_tokens: set[int], spans: Spans, frame: str) -> Features:
    """What an alternative adds to and removes from the rule content."""
    doc, tags, heads = ctx.doc, ctx.tags, ctx.heads
    a, b = rule_tokens, span_tokens(ctx, spans)
    f: Features = {}
    for part_name, part_set in (("add", b - a), ("del", a - b)):
        if not part_set:
            f[part_name + "_none"] = 1.0
            continue
        ordered = sorted(part_set)
        # what a stretch is shows at its start: its first tokens are looked at, not all
        part = [t for t in (doc[i] for i in ordered[:_PART_HEAD]) if not t.is_space]
        if not part:
            f[part_name + "_none"] = 1.0
            continue
        first = part[0]
        low = first.lower_
        word = low if low in _FUNCTION_WORDS else tags[first.i]
        f[part_name + "_n=" + bucket(len(ordered))] = 1.0
        f[part_name + "_first=" + word] = 1.0
        f[part_name + "_first=" + word + "|" + frame] = 1.0
        tops = [t for t in part if heads[t.i] not in part_set or heads[t.i] == t.i]
        for t in tops[:3]:
            dep = t.dep_
            f[part_name + "_topdep=" + dep] = 1.0
            f[part_name + "_topdep=" + dep + "|" + frame] = 1.0
            if dep == "prep":
                f[part_name + "_prep=" + t.lower_] = 1.0
        f[part_name + "_ntops=" + bucket(len(tops))] = 1.0
        verbs = [t for t in part if tags[t.i].startswith("VB")]
        f[part_name + "_verb"] = 1.0 if verbs else 0.0
        cue_verb = any(ctx.lex.verb_lemma(t.lower_) is not None for t in verbs)
        f[part_name + "_cue_verb"] = 1.0 if cue_verb else 0.0
        f[part_name + "_quote"] = 1.0 if any(ctx.in_quote[t.i] for t in part) else 0.0
        for ent in sorted({t.ent_type_ for t in part} & _ENTITY_TYPES):
            f[part_name + "_ent=" + ent] = 1.0
        i0 = first.i
        before = doc[i0 - 1].text if i0 > 0 else ""
        f[part_name + "_comma_before"] = 1.0 if before in (",", "--", "—") else 0.0
        n_sents = len({ctx.sent_index(i) for i in (ordered[0], ordered[-1])})
        f[part_name + "_sents=" + str(n_sents)] = 1.0
    return f


_RANKER_GROUP_PREFIXES = ("lemma=", "frame=", "cat=", "lemma_frame=", "tag=", "dep=")
_RANKER_GROUP_NAMES = frozenset({"rule", "passive", "unattr", "speech", "curated"})


def ranker_group_features(group: Features) -> Features:
    """The candidate features the boundary ranker sees besides the alternative's: its cue and
    frame (the same for every alternative, so they set the level, not the choice)."""
    return {
        k: v
        for k, v in group.items()
        if k in _RANKER_GROUP_NAMES or k.startswith(_RANKER_GROUP_PREFIXES)
    }


def ranker_features(group: Features, alt: Features) -> Features:
    """What the boundary ranker is trained on: the alternative plus `ranker_group_features`."""
    return {**alt, **ranker_group_features(group)}


def keep_features(
    group: Features, alt: Features, rank_score: float, rank_margin: float
) -> Features:
    """What the keep model sees: the candidate, its chosen alternative and the ranker's view."""
    f = {**group, **alt}
    f["rank_score"] = rank_score
    f["rank_margin"] = rank_margin
    return f
