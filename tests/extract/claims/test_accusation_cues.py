"""Accusations carried by a noun or verb of accusing from WordNet (issue 26): "accusations of
bias", "complaints from X that …", "Democratic allegations of …", "trashed the director".

The sentences paraphrase the forms the analysis gold's missed accusations take; none is a
gold sentence.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.extract.claims import ArticleContext
from pipeline.extract.claims.finders import find_candidates
from pipeline.training.accusation_cues import _HEADER, _WHAT, OUT, accusation_words


def _drafts(extractor, text: str):
    """(lemma, speaker text or None, content text) of every candidate of `text`."""
    doc = extractor.nlp(extractor.prepare(text))
    ctx = ArticleContext(doc, [], extractor.lexicon, text)
    out = []
    for d in find_candidates(ctx):
        content = " ".join(doc[i].text for i in sorted(d.content))
        speaker = None if d.speaker is None else d.speaker.text
        out.append((d.lemma, speaker, content))
    return out


@pytest.mark.parametrize(
    "text, lemma, speaker, content",
    [
        # unattributed: the noun and its of-object
        (
            "The inquiry was soon bogged down in accusations of partisan bias.",
            "accusations",
            None,
            "partisan bias",
        ),
        # a group adjective is the source
        (
            "Republican allegations of favoritism toward the governor grew louder in March.",
            "allegations",
            "Republican",
            "favoritism toward the governor",
        ),
        # a from-phrase is the source, the that-clause the content
        (
            "The minister hit back at complaints from his Japanese counterpart that cheap "
            "steel was flooding the region.",
            "complaints",
            "counterpart",
            "that cheap steel was flooding the region",
        ),
        # over-object, no source
        (
            "After weeks of criticism over the delayed payments, the director stepped down.",
            "criticism",
            None,
            "the delayed payments",
        ),
    ],
)
def test_accusation_noun_with_its_complement_is_a_candidate(
    extractor, text, lemma, speaker, content
):
    assert (lemma, speaker, content) in _drafts(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        "The complaint form is on the second floor.",  # a compound, not a cue
        "Several complaints were filed last year.",  # no complement: nothing said
    ],
)
def test_accusation_noun_without_a_complement_is_no_candidate(extractor, text):
    assert not [d for d in _drafts(extractor, text) if d[0].startswith("complaint")]


def test_accusation_nouns_and_verbs_signal_accuse(extractor):
    lex = extractor.lexicon
    assert lex.act_of("allegations") == "accuse" and lex.act_of("charges") == "accuse"
    # an act the curated tables give wins; where they give none, the noun of accusing decides
    assert lex.act_of("allegation") == "accuse" and lex.act_of("fears") == "hedge"
    assert lex.act_of("say") is None
    assert lex.curated_frames["denigrate"] == ("accuse", "object")
    assert lex.curated_frames["accuse"][0] == "accuse"  # the curated row, not the derived one


def test_a_wordnet_verb_of_criticising_heads_a_claim(claims_of, find_claim):
    text = "Title\n\nThe senator denigrated the new trade agreement on Tuesday."
    c = find_claim(claims_of(text), "trade agreement")
    assert c.cue == "denigrated" and c.speaker_text == "The senator"


@pytest.mark.skipif(not Path("/usr/share/wordnet/data.noun").is_file(), reason="no WordNet")
@pytest.mark.parametrize("pos", ["n", "v"])
def test_derived_files_are_what_the_derivation_makes(pos):
    rows = accusation_words(pos)
    body = "".join(f"{w}\t{s}\n" for w, s in rows.items())
    assert OUT[pos].read_text("utf-8") == _HEADER + _WHAT[pos] + body
    # a rare sense does not make a word a cue: "information" (a charge only in sense 5)
    assert "information" not in rows and "file" not in rows
