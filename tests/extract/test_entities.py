"""Entity mentions: labels, normalisation, within-article resolution."""

import pytest

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


@pytest.mark.parametrize(
    ("text", "not_actors", "actors"),
    [
        # "Road Transport and Bridges" is the minister's portfolio, "State" the secretary's;
        # "Apple" in "Apple CEO Tim Cook" and the Senate a member belongs to stay actors
        (
            "Bangladeshi Road Transport and Bridges Minister Obaidul Quader said public "
            "transport would be shut down. Apple CEO Tim Cook said sales rose. US Secretary of "
            "State Mike Pompeo posted a message. A member of the Senate, Chuck Schumer, "
            "disagreed.",
            {"Bridges", "Bangladeshi Road Transport", "State"},
            {"Obaidul Quader", "Apple", "Tim Cook", "Senate"},
        ),
        # a family ("the Turpins") and a group adjective of a thing are not actors
        (
            "Judge Bernard Schwartz sentenced David and Louise Turpin. As revealed at trial, the "
            "Turpins had kept their children indoors. The wall on the U.S.-Mexican border was "
            "funded. Republican officials urged him to concede.",
            {"Turpins", "U.S.-Mexican"},
            {"Republican", "Louise Turpin"},
        ),
    ],
    ids=["portfolio-titles", "families-and-group-adjectives"],
)
def test_what_is_not_an_actor(extractor, text, not_actors, actors):
    names = {m.resolved_name for m in _mentions(extractor, text)}
    assert not names & not_actors
    assert actors <= names


def test_a_first_name_before_a_surname_used_alone_is_a_person(extractor):
    text = (
        "Emily Spanton met officers Antoine Quirin and Nicolas Redouane at an Irish pub. An "
        "initial attempt to prosecute Quirin and Redouane failed. Quirin wept in his lawyer's "
        "arms when convicted."
    )
    ms = [m for m in _mentions(extractor, text) if "Quirin" in m.text]
    assert {(m.label, m.resolved_name) for m in ms} == {("PERSON", "Antoine Quirin")}


@pytest.mark.parametrize(
    "text, slip, name",
    [
        (
            "Jacques Chirac was president from 1995 to 2007. Chirac died on Thursday. In 1995, "
            "Chriac was elected to his first of two terms as President of France.",
            "Chriac",
            "Jacques Chirac",
        ),
        (
            "Erdogan wants to turn Hagia Sophia into a mosque. Hagia Sophia is a museum. "
            'Katrougalos said "Haghia Sophia is not only a great temple of Christendom."',
            "Haghia Sophia",
            "Hagia Sophia",
        ),
        # a name the article adds a demonym to once
        (
            "From 1967 to 1995 he was a member of the French Parliament. Both houses of the "
            "French Parliament held a minute of silence. The Parliament will vote tomorrow.",
            "Parliament",
            "French Parliament",
        ),
    ],
)
def test_names_written_otherwise_once_are_the_article_s_name(extractor, text, slip, name):
    m = next(m for m in _mentions(extractor, text) if m.text.removeprefix("The ") == slip)
    assert m.resolved_name == name


def test_plurals_and_short_words_are_no_slips(extractor):
    text = (
        "Other Republicans urged him to concede. A Republican senator disagreed. Iran and "
        "Iraq signed a deal; Iraq said it was fair."
    )
    names = {m.text: m.resolved_name for m in _mentions(extractor, text)}
    assert names.get("Iran", "Iran") == "Iran"
    assert names.get("Republicans", "Republicans") == "Republicans"


@pytest.mark.parametrize(
    "text, surface, name",
    [
        # an organisation's other name in parentheses, the fullest name kept
        (
            "The party was organised by Akhil Bharat Hindu Mahasabha (All India Hindu Union) "
            "president Swami Chakrapani. At the event, ABHM president Chakrapani spoke.",
            "All India Hindu Union",
            "Akhil Bharat Hindu Mahasabha",
        ),
        (
            "The general secretary of the RMT union (National Union of Rail, Maritime and "
            "Transport Workers), Mick Cash, said the measure was not enough.",
            "the RMT union",
            "National Union of Rail, Maritime and Transport Workers",
        ),
        # a country before the name the article gives once
        (
            "On Monday, United States General Services Administration administrator Emily W. "
            "Murphy sent a letter. Murphy heads the General Services Administration.",
            "the General Services Administration",
            "United States General Services Administration",
        ),
        # a group named once in the singular is its plural, whatever the NER typed them
        (
            "Marcus said questions remain how much direct Iranian assistance is received by the "
            "Houthis who are ideologically aligned with Iran. In 2015, Saudi Arabia started "
            "supporting the government of Abdrabbuh Mansur Hadi against the Houthi rebellion.",
            "Houthi",
            "Houthis",
        ),
    ],
)
def test_other_names_of_one_organisation(extractor, text, surface, name):
    m = next(m for m in _mentions(extractor, text) if m.text == surface)
    assert m.resolved_name == name


def test_a_dash_ends_a_name_and_a_parent_keeps_its_name(extractor):
    """ "Tesco — Netto Poland": two names; "Tesco" named far more often than "Tesco Polska"
    is not its branch."""
    text = (
        "Tesco sold its stores. Tesco said the sale was done. Tesco will leave. Tesco Polska "
        "had losses. Salling also takes over about 7000 employees from Tesco — Netto Poland "
        "currently has about 5000 employees."
    )
    names = {m.text: m.resolved_name for m in _mentions(extractor, text)}
    assert "Tesco — Netto Poland" not in names
    assert names["Tesco"] == "Tesco" and names["Tesco Polska"] == "Tesco Polska"


def test_regulations_are_laws_and_a_long_name_is_not_a_short_one_s(extractor):
    """ "the Public Service Vehicle Regulations for Buses" is a law, not an organisation;
    "the United Nations" is not UNESCO, whose name it starts."""
    text = (
        "Face coverings are mandatory under the Public Service Vehicle Regulations for Buses. "
        "The United Nations Educational, Scientific and Cultural Organization (UNESCO) "
        'questioned the change. "How can you do this despite the United Nations?" he asked.'
    )
    ms = {m.text: m for m in _mentions(extractor, text)}
    assert ms["the Public Service Vehicle Regulations for Buses"].label == "LAW"
    assert ms["the United Nations"].resolved_name == "United Nations"


def test_tokens_spelled_finds_every_token_with_that_text(extractor):
    from pipeline.extract.merges import tokens_spelled

    doc = extractor.nlp("Gladkov said (again) that Gladkov's office (NFP) and gladkov met.")
    found = tokens_spelled(doc, {"Gladkov", "("})
    assert [(t.i, t.text) for t in found] == [
        (t.i, t.text) for t in doc if t.text in ("Gladkov", "(")
    ]
    assert [t.text for t in found].count("(") == 2 and len(found) == 4
    assert tokens_spelled(doc, {"Nowhere"}) == []
