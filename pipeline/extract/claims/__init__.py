"""Claim (attribution) extraction from a parsed article, in four stages, each a package:

    ctx = ArticleContext(doc, mentions, lexicon, text)
    drafts = find_candidates(ctx)            # 1. candidates: finders/, FINDERS and FRAMES
    for refine in REFINEMENTS:               # 2. refinements/: constructions, quotations
        refine(ctx, drafts)
    drafts = decide(ctx, drafts)             # 3. decision/: which candidates are claims
    drafts = follow_on_quotes(ctx, drafts)   #    follow_on.py: cue-less quotation paragraphs
    claims, targets = build_records(ctx, drafts, article_id)   # 4. labels/: LABELLERS

The rules, in order:

1. Cue verbs (`finders/verbs.py`) with their arguments from the dependency parse. Speaker =
   subject (`verb_speakers.py`: inherited through participles/conjuncts/infinitives, the agent
   of a passive, a relative pronoun, the issuer of "a statement saying …"; next to a quotation
   the noun phrase beside the verb when the parse lost it). Content = the first frame of
   `verb_frames.py` that applies and that the lexicon allows for the lemma (curated frames of
   `cue_verbs.tsv`, gated by the learned table).
2. Other cues (`finders/nouns.py`, `according.py`, `colons_dashes.py`): predicate adjectives
   ("are concerned that …"), possessed nouns ("his attacks on Clinton"), unattributed nominal
   cues ("there have been fears that …"), hedging adverbs ("reportedly"), headline verbs tagged
   as nouns ("Trump blasts Clinton over …"), "In a new poll, …", "according to X",
   "Name: …" (headlines, transcripts), dash-signed quotations.
3. Sentence constructions the parse often gets wrong (`refinements/constructions.py`): a trailing
   reporting clause ("…, Daily Mail reported."), a parenthetical one ("The permit, his
   campaign said, was …").
4. Quotations (`refinements/quotes.py`): a quote that overlaps a claim's content is included whole;
   a quote next to a content-less speech verb becomes its content ("X said: “…”", "“…,” said
   X"); a quote in the sentence or paragraph after a claim, with no cue of its own, continues it.
5. Decision (`decision/`: the rules of `rules.py`, the learned model of `decider.py`):
   never a question the article asks (an interviewer's "What do you think of …?");
   outermost attributions only: a claim whose cue lies inside
   another claim's content is dropped ("Trump said Clinton believes …" is Trump's claim), as
   PolNeAR annotates it; claims inside an outlet's "reported"/"according to" are kept.
6. Follow-on quotations (`follow_on.py`, after the decision): a quotation paragraph with no
   cue is a claim of its own by the speaker before it, with no cue (the analysis guide's
   convention; PolNeAR's joins it to that claim, and its scorer joins it back).
7. Labels (`labels/`, `LABELLERS` in order): act and accused (`acts.py`), reported_by
   (`outlets.py`), form (`forms.py`), about (`about.py`); `build.py` writes the records.

Content spans follow the PolNeAR convention the scorer uses: direct quotes keep their quote
marks and reported clauses keep "that". Discontinuous content is joined with " … " in
`Claim.content`; `content_spans` has the exact fragments.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from ..encoder import forget_states
from ..lexicon import Lexicon
from ..mention import Mention
from ..records import Claim, ClaimTarget
from .build import ClaimTrace, build_records
from .context import ArticleContext
from .decision.rules import Decider, asked, decide_by_rules, set_cue_chars
from .draft import Draft
from .finders import find_candidates
from .follow_on import follow_on_quotes
from .labels import LABELLERS, Labeller
from .nested import nested_accusations
from .refinements import REFINEMENTS

__all__ = ["ArticleContext", "ClaimTrace", "Decider", "Draft", "Labeller", "extract_claims"]


def extract_claims(
    doc: Doc,
    mentions: list[Mention],
    article_id: str,
    lex: Lexicon,
    text: str | None = None,
    trace: ClaimTrace | None = None,
    decide: Decider = decide_by_rules,
    labellers: Sequence[Labeller] = LABELLERS,
) -> tuple[list[Claim], list[ClaimTarget]]:
    """All claims (and their targets) of one parsed article (`text`: original text).

    `trace`, when given, is called with every (claim, draft) pair: the draft records how the
    claim was found (cue lemma, frame, tokens) for tools that learn from it. `decide` chooses
    which candidates become claims (default: the rules of `decision/rules.py`); a decider with
    `wants_blocked_frames = True` (the learned one) also gets the candidates of frames the
    learned cue table blocks, refined on their own so that the rules' candidates stay as the
    rules make them. `labellers` label each decided claim, in order (see `labels/`).
    """
    ctx = ArticleContext(
        doc, mentions, lex, text, propose_blocked=getattr(decide, "wants_blocked_frames", False)
    )
    drafts = find_candidates(ctx)
    blocked = [d for d in drafts if d.gated]
    if blocked:
        drafts = [d for d in drafts if not d.gated]
    for group in (drafts, blocked) if blocked else (drafts,):
        for refine in REFINEMENTS:
            refine(ctx, group)
    # a pass may add a rules' draft (a signed quotation) while refining the blocked group:
    # the rules' group already has it
    drafts += [d for d in blocked if d.gated]
    set_cue_chars(ctx, drafts)
    try:
        decided = [d for d in decide(ctx, drafts) if not asked(ctx, d)]
        decided = nested_accusations(ctx, drafts, decided)
        decided = follow_on_quotes(ctx, decided)
        return build_records(ctx, decided, article_id, trace, labellers)
    finally:
        forget_states(doc)  # the encoder states the decider and labellers shared
