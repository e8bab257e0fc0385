"""Where a cue's content starts and ends when the parse misplaces the complement (issue 26,
the "no claim" accusations): hand-written sentences through the real pipeline, each of a class
whose content the finders used to cut short, run on, or miss."""

from __future__ import annotations

import pytest

# (text, cue, content, speaker or None when not asserted), one class each:
CASES = [
    # "ruled the lottery broke …": the parse made "the lottery" the object of "ruled" and hung
    # "broke" on it as an adverbial; the content is the whole clause, not the noun phrase
    (
        "After a long hearing on the matter, Justice Ruth Alvarez ruled the state-run lottery "
        "broke the gambling laws of the state.",
        "ruled",
        "the state-run lottery broke the gambling laws of the state",
        "Justice Ruth Alvarez",
    ),
    # "a lawsuit claiming the dam is illegal and flooded …": both verbs of the clause, which the
    # parse hung on "filed", are the content of the participle
    (
        "On Tuesday, a coalition of farmers and ranchers from the river valley filed a lawsuit "
        "claiming the new dam is illegal and flooded their land.",
        "claiming",
        "the new dam is illegal and flooded their land",
        None,
    ),
    # "said as a child he was forced …": a clause with its own subject and no subordinator, hung
    # on the verb as an adverbial, is what was said
    (
        "Speaking to a television crew, the farmer said as a child he was forced into labour by "
        "his stepfather.",
        "said",
        "as a child he was forced into labour by his stepfather",
        "the farmer",
    ),
    # "The levy, says the report, breaks …": the source follows the verb; the parse gave the
    # verb both noun phrases as subjects and the first is not the speaker
    (
        "The new levy, says the report, breaks the state charter.",
        "says",
        "The new levy … breaks the state charter",
        "the report",
    ),
    # "argued that …, that …, and that …": a list of complements is not cut at its commas
    (
        "She argued that the plan is unfair, that it hurts renters, and that it rewards landlords.",
        "argued",
        "that the plan is unfair, that it hurts renters, and that it rewards landlords",
        "She",
    ),
    # "questioned his authority to make the change": the infinitive completes the noun
    (
        "Despite criticism by the foreign minister and the United Nations agency who questioned "
        "his authority to make the change, he went ahead.",
        "questioned",
        "his authority to make the change",
        None,
    ),
]


@pytest.mark.parametrize(("text", "cue", "content", "speaker"), CASES)
def test_content_of_a_misparsed_complement(claims_of, text, cue, content, speaker):
    got = [c for c in claims_of(text) if c.cue == cue]
    assert got, f"no claim with cue {cue!r}: {[(c.cue, c.content) for c in claims_of(text)]}"
    assert got[0].content == content
    if speaker is not None:
        assert got[0].speaker_text == speaker


def test_closing_which_clause_is_the_reporters(claims_of):
    """ "accused of taking bribes, which he denied": the relative clause is not the charge."""
    claims = claims_of(
        "The mayor was later accused of taking bribes from a builder, which he denied."
    )
    charge = next(c for c in claims if c.act == "accuse")
    assert charge.content == "taking bribes from a builder"


def test_a_learned_phrasal_cue_heads_a_claim(claims_of):
    """ "shrugged off X": a verb-particle pair learned from PolNeAR train (phrasal_cues.tsv)."""
    got = [c for c in claims_of("The senator shrugged off the criticism from his rivals.")]
    assert [(c.cue, c.content) for c in got] == [("shrugged off", "the criticism from his rivals")]
