"""The attribution tagger's view of an article: spans, new candidates and features.

The tagger (`encoder/tagger.py`) gives every token O/B/I probabilities for cue, source and
content. Here they become

- `TagView`: the tagged runs, each content run owned by its nearest tagged cue;
- `tagger_drafts`: a candidate for every tagged cue that no finder proposed ("Democrats are
  calling the bill a giveaway" when no frame of "call" matches), with the speaker the parse
  gives its cue as the finders read it (`tagger_speaker`; else the nearest tagged source) and
  the tagged content;
- `tag_group_features` / `tag_alt_features`: how strongly the tagger backs a candidate's cue and
  speaker, and how an alternative's content agrees with the tagged content;
- the ``tagger`` boundary alternative: a finder's cue with the tagger's content.

Example::

    view = TagView(ctx, probs)                   # probs: (tokens, 3, 3)
    extra = tagger_drafts(ctx, view, drafts)     # drafts for cues no finder proposed
"""

from __future__ import annotations

from typing import Any

import numpy as np

from pipeline.common.chunks import bio_runs

from ..draft import Draft
from ..syntax import plausible_speaker
from .alternatives import Spans, fragments, span_tokens, with_quotes
from .tagger_speaker import tagger_speaker

CUE, SOURCE, CONTENT = 0, 1, 2
MAX_OWNER_GAP = 40  # a content run further than this from every tagged cue has no owner
_NOMINAL_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS", "PRP", "WP", "CD"})
_NAME_PARTS = frozenset({"compound", "poss", "amod"})  # "National" of "National Review's …"


def runs(tags: np.ndarray) -> list[tuple[int, int]]:
    """(start, end) token runs of a column of O/B/I labels (`common.chunks.bio_runs`)."""
    return bio_runs(tags.tolist())


class TagView:
    """Tagged runs of one article; `content_of[cue run]` = token set of its content runs."""

    def __init__(self, ctx: Any, probs: np.ndarray) -> None:
        self.ctx = ctx
        self.probs = probs
        self.inside = 1.0 - probs[:, :, 0]  # P(token is in a span), per layer
        labels = probs.argmax(axis=-1)
        blank = np.array([ctx.doc[i].is_space for i in range(len(probs))], dtype=bool)
        labels[blank] = 0
        self.cues = runs(labels[:, CUE])
        self.sources = runs(labels[:, SOURCE])
        self.content_of: dict[tuple[int, int], set[int]] = {c: set() for c in self.cues}
        for s, e in runs(labels[:, CONTENT]):
            owner = self._nearest_cue(s, e)
            if owner is not None:
                self.content_of[owner].update(range(s, e))

    def _nearest_cue(self, s: int, e: int) -> tuple[int, int] | None:
        best, gap = None, MAX_OWNER_GAP + 1
        for c0, c1 in self.cues:
            g = c0 - e if c0 >= e else s - c1 if s >= c1 else 0
            if g < gap:
                best, gap = (c0, c1), g
        return best

    def cue_run(self, tokens: list[int]) -> tuple[int, int] | None:
        """The tagged cue run overlapping the given tokens, if any."""
        for c0, c1 in self.cues:
            if any(c0 <= i < c1 for i in tokens):
                return c0, c1
        return None

    def mean(self, layer: int, tokens: Any) -> float:
        ids = list(tokens)
        return float(self.inside[ids, layer].mean()) if ids else 0.0

    def source_head(self, cue: tuple[int, int]) -> Any:
        """Head token of the tagged source nearest the cue in its sentence: a noun or a
        pronoun (a run without one, "," or "green", is no source), a plausible speaker that
        is no part of a name or possessor first ("An article by National Review's Ian Tuttle"
        gives "Tuttle", not "article" nor "National"); None without one."""
        ctx = self.ctx
        si = ctx.sent_index(cue[0])
        near = sorted(
            (min(abs(s - cue[1]), abs(cue[0] - e)), s, e)
            for s, e in self.sources
            if ctx.sent_index(s) == si
        )
        heads, tags, doc = ctx.heads, ctx.tags, ctx.doc
        for _, s, e in near:
            nominal = [i for i in range(s, e) if tags[i] in _NOMINAL_TAGS]
            tops = [i for i in nominal if not s <= heads[i] < e or heads[i] == i]
            people = [
                i
                for i in tops + nominal
                if plausible_speaker(doc[i], ctx.lex) and doc[i].dep_ not in _NAME_PARTS
            ]
            if people or tops or nominal:
                return doc[people[0] if people else tops[0] if tops else nominal[-1]]
        return None


def _cue_tokens(ctx: Any, d: Any) -> list[int]:
    if d.cue_span is None:
        return list(d.cue_tokens)
    return sorted(span_tokens(ctx, [d.cue_span]))


def tagger_drafts(ctx: Any, view: TagView, drafts: list[Any]) -> list[Draft]:
    """A candidate for each tagged cue with content that no finder's cue overlaps."""
    taken: set[int] = set()
    for d in drafts:
        taken.update(_cue_tokens(ctx, d))
    doc, out = ctx.doc, []
    for cue in view.cues:
        content = view.content_of[cue] - set(range(*cue))
        if not content or taken & set(range(*cue)):
            continue
        toks = list(range(*cue))
        verbs = [i for i in toks if ctx.tags[i].startswith("VB")]
        head = verbs[-1] if verbs else toks[-1]
        word = doc[head].lower_
        lemma = ctx.lex.verb_lemma(word) or word
        speaker = tagger_speaker(ctx, view, cue, head, lemma, content)
        spans = with_quotes(ctx, fragments(ctx, content))
        if not spans:
            continue
        d = Draft(
            cue_tokens=toks,
            lemma=lemma,
            speaker=speaker,
            content=content,
            spans=spans,
            category="tagger",
            frame="tagger",
            finder="tagger",
            verb_i=head if verbs else -1,
        )
        d.cue_char = doc[toks[0]].idx
        out.append(d)
    return out


def tagger_alternative(ctx: Any, view: TagView, d: Any) -> Spans | None:
    """The tagger's content for a finder's candidate whose cue it tags too."""
    cue = view.cue_run(_cue_tokens(ctx, d))
    if cue is None or not view.content_of[cue]:
        return None
    return with_quotes(ctx, fragments(ctx, view.content_of[cue] - set(range(*cue)))) or None


def tag_group_features(ctx: Any, view: TagView, d: Any) -> dict[str, float]:
    """How strongly the tagger backs the candidate's cue and speaker."""
    toks = _cue_tokens(ctx, d)
    cue = view.mean(CUE, toks)
    f = {"t_cue": cue, "t_cue_hi": 1.0 if cue > 0.5 else 0.0}
    if d.speaker is not None:
        f["t_src"] = float(view.inside[d.speaker.i, SOURCE])
    return f


def tag_alt_features(ctx: Any, view: TagView, d: Any, spans: Spans) -> dict[str, float]:
    """How an alternative's content agrees with the tagger's content for its cue."""
    toks = span_tokens(ctx, spans)
    f = {"t_con": view.mean(CONTENT, toks)}
    cue = view.cue_run(_cue_tokens(ctx, d))
    tagged = view.content_of.get(cue, set()) if cue else set()
    if tagged:
        both = len(toks & tagged)
        f["t_dice"] = 2.0 * both / (len(toks) + len(tagged))
        f["t_missed"] = 1.0 - both / len(tagged)
    else:
        f["t_none"] = 1.0
    return f
