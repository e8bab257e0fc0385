"""Which mentions are actors, and how an article's names merge (non_actors.py, merges.py,
antecedents.py), on real sentences."""

from __future__ import annotations

import pytest

from pipeline.extract import Extractor
from pipeline.extract.short_names import SameOrganisation


def _mentions(extractor: Extractor, text: str) -> dict[str, tuple[str, str]]:
    res = extractor.extract_text(text, "a")
    return {m.text: (m.label, m.resolved_name) for m in res.mentions}


def test_a_dateline_is_not_an_actor_or_speaker(extractor: Extractor) -> None:
    text = (
        "EU fines Veridian\n\nBRUSSELS (AP) — The European Commission on Tuesday accused "
        "Veridian Systems of abusing its dominant position."
    )
    res = extractor.extract_text(text, "a")
    assert "BRUSSELS" not in {m.text for m in res.mentions}
    (c,) = res.claims
    assert c.speaker_name == "European Commission" and c.speaker_text == "The European Commission"
    assert c.act == "accuse"
    assert [t.target_name for t in res.targets if t.role == "accused"] == ["Veridian Systems"]


@pytest.mark.parametrize(
    "text, kept, dropped",
    [
        (  # job words, weapons and diseases
            "Health Secretary Matt Hancock said two helicopters fired S-8 rockets at a depot. "
            "Officials said COVID-19 and fentanyl deaths rose.",
            "Matt Hancock",
            {"Health", "S-8", "COVID-19", "fentanyl"},
        ),
        (  # adherents named by their faith alone
            "UNESCO said the site bears profound significance to Muslims and Christians alike. "
            "A Christian pastor and the Greek Orthodox church objected.",
            "UNESCO",
            {"Muslims", "Christians", "Christian", "Greek Orthodox"},
        ),
        (  # titles of works
            "She was nominated for the Oscar for the 1959 romantic comedy Pillow Talk, opposite "
            "Rock Hudson. His recent film, Fall of Grace, was screened in Dallas.",
            "Rock Hudson",
            {"Pillow Talk", "Fall of Grace"},
        ),
        (  # a title standing in for a person, who is named later
            "The US Ambassador said the resolution would be vetoed. Nikki Haley later told "
            "reporters that Washington stood alone.",
            "Nikki Haley",
            {"US Ambassador", "The US Ambassador"},
        ),
        (  # an adverb tagged as a name
            "Realistically, the bill will not pass the House this year, said Rep. Tom Cole.",
            "Tom Cole",
            {"Realistically"},
        ),
        (  # a party adjective in a named person's title; government programmes
            "Democratic presidential nominee Hillary Clinton said Medicare and Social Security "
            "must be protected.",
            "Hillary Clinton",
            {"Democratic", "Medicare", "Social Security"},
        ),
    ],
)
def test_mentions_that_are_not_actors(
    extractor: Extractor, text: str, kept: str, dropped: set[str]
) -> None:
    names = _mentions(extractor, text)
    assert kept in names
    assert not dropped & set(names)


def test_words_in_another_script_are_not_actors(extractor: Extractor) -> None:
    """An interview quoted in Hindi: the English model tags Devanagari words PERSON; names
    with accents stay actors."""
    text = (
        "Health workers talk to Ravi Pasha\n\nRavi Pasha spoke in Hindi. "
        "((hi))Hindi language: नमस्ते। मेरा नाम अकरम है। मैं मैसूर से "
        "हूँ। और मैं एक male sex worker community से belong करता हूँ। "
        "और मैं पिछले १८ साल से HIV-virus के साथ जी रहा हूँ। और मैं "
        "अशोदया [समिति] मैं day one से काम कर रहाँ हूँ। corona और HIV "
        "डोनो एक साथ आ गए। ((Ravi Pasha)) Sangama is a community "
        "organisation, Pasha said."
    )
    mentions = _mentions(extractor, text)
    assert mentions["Pasha"] == ("PERSON", "Ravi Pasha")
    assert all(name.isascii() for name in mentions), mentions
    accented = _mentions(extractor, "President Recep Tayyip Erdoğan said the talks would go on.")
    assert "Recep Tayyip Erdoğan" in accented


def test_laws_and_places_get_their_labels(extractor: Extractor) -> None:
    text = (
        "The Reproductive Health Care Reform Bill passed. Tesco sold stores in Poland, Hungary "
        "and Slovakia."
    )
    names = _mentions(extractor, text)
    bill = next(k for k in names if "Reform Bill" in k)
    assert names[bill][0] == "LAW"
    assert names["Slovakia"][0] in ("GPE", "LOC", "FAC")


def test_acronyms_and_short_names_merge(extractor: Extractor) -> None:
    text = (
        "The World Health Organization (WHO) declared a pandemic. The WHO said remedies do not "
        "work. Tesco sold its stores to Salling Group A/S on Monday. Salling Group said it was "
        "pleased. The general secretary of the RMT union (National Union of Rail, Maritime and "
        "Transport Workers), Mick Cash, said Google, Apple and Microsoft would comply."
    )
    names = _mentions(extractor, text)
    assert names["WHO"][1] == "World Health Organization"
    # a name the NER cut at its commas is one name again; a list of names stays a list
    assert "National Union of Rail, Maritime and Transport Workers" in names
    assert {"Google", "Apple", "Microsoft"} <= set(names)
    salling = {name for text_, (_, name) in names.items() if text_.startswith("Salling")}
    assert salling == {"Salling Group A/S"}


@pytest.mark.parametrize(
    "text, short, other",
    [
        (  # an agency of the Navy is not the Navy
            "Four Navy ships joined the search on Tuesday. A reporter also spoke to the Navy, "
            'which said the hijacking was unconfirmed. "The search goes on," said Budi Santoso, '
            "head of the Navy Information Agency.",
            "Navy",
            "Navy Information Agency",
        ),
        (  # a flight is not the airline
            "Lion Air has paid for the extended search. Divers recovered the cockpit voice "
            "recorder of Lion Air Flight 610 on Monday, officials said.",
            "Lion Air",
            "Lion Air Flight 610",
        ),
        (  # a convention is not the party
            "Many Republican voters doubt the nominee, polls show. A spokesman said Romney would "
            "not attend the Republican National Convention in Cleveland.",
            "Republican",
            "Republican National Convention",
        ),
        (  # a committee of the House is not the House
            "Adam Schiff, who sits on the House Intelligence Committee, said the House must "
            "act. Members of the House returned on Monday.",
            "House",
            "House Intelligence Committee",
        ),
        (  # "the Court" of an article about the Supreme Court is not the appeals court
            "Writing for the Court, Justice Elena Kagan said the law did not reach the scheme. "
            "The Supreme Court sent the case back to the Court of Appeals for the Third "
            "Circuit.",
            "Court",
            "Court of Appeals",
        ),
    ],
)
def test_a_short_name_is_not_another_thing_named_after_it(
    extractor: Extractor, text: str, short: str, other: str
) -> None:
    names = _mentions(extractor, text)
    assert other in {name for _, name in names.values()}
    assert names[short][1] != other


@pytest.mark.parametrize(
    "text, short, longer",
    [
        (  # "Party" names the form of the organisation, not another one
            "Most Democratic members backed the measure. A congressman from New Jersey said he "
            "would quit the Democratic party.",
            "Democratic",
            "Democratic party",
        ),
        (  # the kind of body a short name leaves out
            "Republicans said the Justice Department had gone easy on the aides. On Thursday, "
            "Justice sent the documents to the committee.",
            "Justice",
            "Justice Department",
        ),
        (  # a complement of the same head
            "Members of the House serve two-year terms. The new members of the House of "
            "Representatives elected Pelosi as Speaker.",
            "House",
            "House of Representatives",
        ),
        (
            "The Thai Raksa Chart withdrew its nomination on Saturday. The Thai Raksa Chart "
            "Party was founded by allies of the Shinawatra family.",
            "The Thai Raksa Chart",
            "Thai Raksa Chart Party",
        ),
        (  # the NER cut the name: the text goes on to spell it
            "Former US Supreme court justice John Paul Stevens has died aged 99. Stevens sat on "
            "the US Supreme Court for 35 years.",
            "US Supreme",
            "US Supreme Court",
        ),
    ],
)
def test_a_short_name_of_the_same_organisation_merges(
    extractor: Extractor, text: str, short: str, longer: str
) -> None:
    assert _mentions(extractor, text)[short][1] == longer


def test_which_longer_names_are_the_same_organisation() -> None:
    """The rule itself, on names of the examples above and on ones the NER types unreliably
    (a national branch going by the brand, a compound company name)."""
    same = SameOrganisation(
        frozenset({"university", "a/s"}), frozenset({"tv"}), {"poland"}, {"Netto Poland"}
    )
    assert same("Netto", "Netto Poland", "ORG") and same(
        "Salling Group", "Salling Group A/S", "ORG"
    )
    assert same("House", "House of Representatives", "ORG")
    assert same("Hofstra", "Hofstra University", "ORG") and same("Goldman", "Goldman Sachs", "ORG")
    assert not same("Navy", "Navy Information Agency", "ORG")
    assert not same("Abu Dhabi", "Abu Dhabi TV", "ORG")
    assert not same("Kurdish", "Kurdish Peshmerga", "NORP")  # a people's word, not a name
    assert not same("Center for Biological Diversity", "Center for Biological Diversity and", "ORG")
    # a short name that also ends another organisation name is either
    court = SameOrganisation(
        frozenset(), frozenset(), set(), {"Court of Appeals", "US Supreme Court"}
    )
    assert not court("Court", "Court of Appeals", "ORG")


def test_spellings_without_diacritics_merge(extractor: Extractor) -> None:
    text = "José Martínez spoke on Friday. Martinez said the plan would change."
    names = _mentions(extractor, text)
    assert names["Martinez"][1] == "José Martínez"


def test_spacing_variants_merge(extractor: Extractor) -> None:
    """The same letters run together or spaced apart are one actor: the spelling the article
    uses most (Wikinews on the Namse Bangdzod)."""
    text = (
        "MarineTraffic data shows the ship. Marine Traffic said the signal was lost, according "
        "to Marine Traffic's records."
    )
    names = _mentions(extractor, text)
    assert names["MarineTraffic"][1] == names["Marine Traffic"][1] == "Marine Traffic"


def test_a_person_named_only_as_a_place_is_a_place(extractor: Extractor) -> None:
    """The small NER tags "Borneo" a person; named only as where something is, it is a place.
    A person named as a place once and as a speaker too stays a person."""
    text = "The ship sailed from Sampit, a port town on a river in Borneo."
    assert _mentions(extractor, text)["Borneo"][0] == "LOC"
    text = "Obama said the talks would resume. The delegates met in Obama's hometown."
    assert _mentions(extractor, text)["Obama"][0] == "PERSON"


def test_the_company_and_relatives(extractor: Extractor) -> None:
    text = (
        "UK-based retailer Tesco announced a sale. Analysts said the company had failed its "
        "workers. Maria Lopez said her husband attempted to disfigure her with acid."
    )
    res = extractor.extract_text(text, "a")
    targets = {(t.target_name, t.role) for t in res.targets}
    assert ("Tesco", "accused") in targets
    assert ("Lopez's husband", "accused") in targets


def test_they_and_the_judge_as_speakers(extractor: Extractor) -> None:
    text = (
        "Judge Bernard Schwartz sentenced the couple on Friday. The judge said the parents had "
        "shown remorse. Amnesty International criticized the sentence. They said the case "
        "showed the failings of the prison system."
    )
    res = extractor.extract_text(text, "a")
    by_content = {c.content[:12]: c.speaker_name for c in res.claims}
    assert by_content.get("the parents ") == "Bernard Schwartz"
    assert any(
        c.speaker_text == "They" and c.speaker_name == "Amnesty International" for c in res.claims
    )


def test_a_document_is_no_speaker_unless_it_names_its_issuer(extractor: Extractor) -> None:
    text = (
        "The motion claims the declaration is unconstitutional. The WHO's website said "
        "remedies do not prevent the disease."
    )
    res = extractor.extract_text(text, "a")
    kinds = {c.speaker_text: (c.speaker_type, c.speaker_name) for c in res.claims}
    assert kinds["The motion"] == ("OTHER", None)
    assert kinds["The WHO's website"][1] == "WHO"
