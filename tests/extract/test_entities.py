"""Entity mentions: labels, normalisation, within-article resolution."""

from pipeline.extract import Extractor

TEXT = (
    "Regional Governor Vyacheslav Gladkov said Belgorod was hit. The Kremlin denied it. "
    "Gladkov later spoke to Ukrainian reporters. Putin's aides were silent. "
    "Vladimir Putin met Russian officials."
)


def _mentions(extractor: Extractor, text: str):
    return extractor.extract_text(text, "e").mentions


def test_surname_resolves_to_full_name(extractor):
    ms = _mentions(extractor, TEXT)
    by_text = {m.text: m for m in ms}
    assert by_text["Gladkov"].resolved_name == "Vyacheslav Gladkov"
    putin = next(m for m in ms if m.text.startswith("Putin"))
    assert putin.normalized_name == "Putin"
    assert putin.resolved_name == "Vladimir Putin"


def test_entity_fixes_and_demonyms(extractor):
    ms = _mentions(extractor, TEXT)
    labels = {m.text: (m.label, m.normalized_name) for m in ms}
    assert labels["Belgorod"] == ("GPE", "Belgorod")
    assert labels["Kremlin"][0] == "ORG"
    assert labels["Ukrainian"] == ("GPE", "Ukraine")
    assert labels["Russian"] == ("GPE", "Russia")


def test_ambiguous_surname_stays(extractor):
    text = "Hillary Clinton spoke first. Bill Clinton spoke later. Clinton left early."
    ms = _mentions(extractor, text)
    last = [m for m in ms if m.text == "Clinton"][-1]
    assert last.resolved_name == "Clinton"


def test_mentions_have_offsets_sentences_and_stable_ids(extractor):
    a = _mentions(extractor, TEXT)
    b = _mentions(extractor, TEXT)
    assert [m.mention_id for m in a] == [m.mention_id for m in b]
    assert len({m.mention_id for m in a}) == len(a)
    for m in a:
        assert TEXT[m.start_char : m.end_char] == m.text
    assert {m.sentence_index for m in a} >= {0, 1, 2}


def test_surname_label_follows_full_name(extractor):
    text = "John Kasich won Ohio. Kasich said the result was clear."
    ms = _mentions(extractor, text)
    assert all(m.label == "PERSON" for m in ms if "Kasich" in m.text)
