"""The extraction seams: finders propose candidates, a decider chooses, a trace reports."""

from __future__ import annotations

import pytest

from pipeline.extract import Extractor
from pipeline.extract.claims import ArticleContext, Draft
from pipeline.extract.claims.decision.rules import decide_by_rules
from pipeline.extract.claims.finders import FINDERS, find_candidates

NESTED = "His mother, Anwar Khan, said she believed he was innocent."


@pytest.mark.parametrize(
    "text, finder, cue",
    [
        ("The mayor said that the bridge would reopen next week.", "verb", "said"),
        ("Some Democrats are concerned that the bill will fail.", "adjective", "are concerned"),
        ("His attacks on Clinton grew sharper over the summer.", "noun", "attacks on"),
        ("Prices will rise, according to Reuters.", "according", "according to"),
        ("The talks reportedly collapsed on Monday night.", "hedge-adverb", "reportedly"),
        ("Peskov: The talks are over for now.", "colon", ":"),
        ("“Keep going.” ― Krystal Correa", "dash-signature", "―"),
    ],
)
def test_each_family_has_its_finder(extractor, text, finder, cue):
    seen: list[tuple[str, str]] = []
    extractor.extract_doc(
        extractor.nlp(extractor.prepare(text)),
        "t",
        text,
        trace=lambda claim, draft: seen.append((draft.finder, claim.cue)),
    )
    assert (finder, cue) in seen


def test_finders_are_a_registry_not_a_branch():
    names = [f.name for f in FINDERS]
    assert len(names) == len(set(names))
    assert {"verb", "adjective", "noun", "according", "hedge-adverb"} <= set(names)


def test_candidates_include_what_the_decision_drops(extractor):
    doc = extractor.nlp(extractor.prepare(NESTED))
    ctx = ArticleContext(doc, [], extractor.lexicon, NESTED)
    lemmas = {d.lemma for d in find_candidates(ctx)}
    assert {"say", "believe"} <= lemmas  # the nested belief is a candidate ...
    claims = extractor.extract_text(NESTED).claims
    assert [c.cue for c in claims] == ["said"]  # ... that the rule decision drops


def test_a_decider_replaces_the_rules(extractor):
    def keep_all(ctx: ArticleContext, drafts: list[Draft]) -> list[Draft]:
        return [d for d in drafts if d.spans]

    everything = Extractor(n_process=1, decide=keep_all)
    cues = sorted(c.cue for c in everything.extract_text(NESTED).claims)
    assert cues == ["believed", "said"]
    assert Extractor(decide=decide_by_rules).decide is decide_by_rules


def test_trace_reports_lemma_and_frame(extractor):
    found: list[tuple[str, str, str]] = []
    text = "The senator decided to run for governor."
    extractor.extract_doc(
        extractor.nlp(extractor.prepare(text)),
        "t",
        text,
        trace=lambda claim, draft: found.append((claim.cue, draft.lemma, draft.frame)),
    )
    assert found == [("decided", "decide", "xcomp")]
