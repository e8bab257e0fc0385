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


def test_a_name_an_acronym_spells_is_one_organisation(extractor):
    """ "Notes from Poland (NFP)": the NER saw a product and a place; the acronym spells the
    whole name (small words optional), and stands for it."""
    text = (
        "According to Notes from Poland (NFP), some discount stores resorted to offer postal "
        "services. Swami Chakrapani, president of Akhil Bharat Hindu Mahasabha (ABHM), said "
        "cow urine cures the disease."
    )
    ms = _mentions(extractor, text)
    names = {m.text: (m.label, m.resolved_name) for m in ms}
    assert names["Notes from Poland"] == ("ORG", "Notes from Poland")
    assert names["Akhil Bharat Hindu Mahasabha"][1] == "Akhil Bharat Hindu Mahasabha"
    assert names["ABHM"][1] == "Akhil Bharat Hindu Mahasabha"
    assert "Poland" not in {m.resolved_name for m in ms}


def test_lower_case_words_are_not_spelled_by_an_acronym(extractor):
    text = "Member of parliament (MP) Kevin Conolly said it was a sad day."
    assert all(m.resolved_name != "Member of parliament" for m in _mentions(extractor, text))


def test_titles_then_a_first_name_make_a_person(extractor):
    """ "Detective Constable Daniel Dubé" tagged ORG is the person Daniel Dubé, so that "He"
    later finds him."""
    text = (
        "Gary Gray, a spokesman, said the drugs were found in a park. Federal police Detective "
        "Constable Daniel Dubé stated to the CBC that the border closure drove up prices. He "
        "explained that heroin had been mixed with the sedative etizolam."
    )
    dube = next(m for m in _mentions(extractor, text) if "Dubé" in m.text)
    assert (dube.label, dube.resolved_name) == ("PERSON", "Daniel Dubé")
    claim = next(c for c in extractor.extract_text(text, "e").claims if "heroin" in c.content)
    assert claim.speaker_name == "Daniel Dubé"
