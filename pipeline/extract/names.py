"""Name normalisation tables: titles, demonyms, place aliases and first-name gender hints.

Reviewable data plus the small pure functions that apply it. No spaCy here.
"""

from __future__ import annotations

import re

# Words stripped from the front of a name ("President Vladimir Putin" -> "Vladimir Putin").
# Lower-case, without trailing dots; multi-word titles are handled by repeated stripping.
TITLE_WORDS = frozenset(
    """
    mr mrs ms miss mx dr prof sir dame lord lady president vice sen senator rep representative
    gov governor lt col gen maj capt sgt adm cmdr mayor secretary minister prime premier
    chancellor spokesman spokeswoman spokesperson chairman chairwoman chair ceo director
    ambassador king queen prince princess pope rev reverend father sheriff judge justice chief
    attorney general speaker leader former regional foreign defence defense deputy acting
    interior finance state house senate congressman congresswoman councilman councilwoman
    commissioner candidate nominee founder executive officer host anchor reporter correspondent
    press the a an u.s us
    """.split()
)

# Demonyms -> country (or region) names. NORP mentions found here become GPE mentions.
DEMONYMS: dict[str, str] = {
    "afghan": "Afghanistan",
    "albanian": "Albania",
    "algerian": "Algeria",
    "american": "United States",
    "argentine": "Argentina",
    "argentinian": "Argentina",
    "armenian": "Armenia",
    "australian": "Australia",
    "austrian": "Austria",
    "azerbaijani": "Azerbaijan",
    "bahraini": "Bahrain",
    "bangladeshi": "Bangladesh",
    "belarusian": "Belarus",
    "belgian": "Belgium",
    "bolivian": "Bolivia",
    "bosnian": "Bosnia and Herzegovina",
    "brazilian": "Brazil",
    "british": "United Kingdom",
    "briton": "United Kingdom",
    "bulgarian": "Bulgaria",
    "burmese": "Myanmar",
    "cambodian": "Cambodia",
    "canadian": "Canada",
    "chilean": "Chile",
    "chinese": "China",
    "colombian": "Colombia",
    "congolese": "Congo",
    "croatian": "Croatia",
    "cuban": "Cuba",
    "cypriot": "Cyprus",
    "czech": "Czech Republic",
    "danish": "Denmark",
    "dane": "Denmark",
    "dominican": "Dominican Republic",
    "dutch": "Netherlands",
    "ecuadorian": "Ecuador",
    "egyptian": "Egypt",
    "emirati": "United Arab Emirates",
    "english": "England",
    "eritrean": "Eritrea",
    "estonian": "Estonia",
    "ethiopian": "Ethiopia",
    "filipino": "Philippines",
    "finnish": "Finland",
    "french": "France",
    "georgian": "Georgia",
    "german": "Germany",
    "ghanaian": "Ghana",
    "greek": "Greece",
    "guatemalan": "Guatemala",
    "haitian": "Haiti",
    "honduran": "Honduras",
    "hungarian": "Hungary",
    "icelandic": "Iceland",
    "indian": "India",
    "indonesian": "Indonesia",
    "iranian": "Iran",
    "iraqi": "Iraq",
    "irish": "Ireland",
    "israeli": "Israel",
    "italian": "Italy",
    "jamaican": "Jamaica",
    "japanese": "Japan",
    "jordanian": "Jordan",
    "kazakh": "Kazakhstan",
    "kenyan": "Kenya",
    "korean": "Korea",
    "kosovar": "Kosovo",
    "kuwaiti": "Kuwait",
    "kyrgyz": "Kyrgyzstan",
    "latvian": "Latvia",
    "lebanese": "Lebanon",
    "libyan": "Libya",
    "lithuanian": "Lithuania",
    "malaysian": "Malaysia",
    "malian": "Mali",
    "maltese": "Malta",
    "mexican": "Mexico",
    "moldovan": "Moldova",
    "mongolian": "Mongolia",
    "moroccan": "Morocco",
    "nepalese": "Nepal",
    "nigerian": "Nigeria",
    "north korean": "North Korea",
    "norwegian": "Norway",
    "pakistani": "Pakistan",
    "palestinian": "Palestine",
    "panamanian": "Panama",
    "peruvian": "Peru",
    "polish": "Poland",
    "pole": "Poland",
    "portuguese": "Portugal",
    "qatari": "Qatar",
    "romanian": "Romania",
    "russian": "Russia",
    "rwandan": "Rwanda",
    "saudi": "Saudi Arabia",
    "scottish": "Scotland",
    "serbian": "Serbia",
    "singaporean": "Singapore",
    "slovak": "Slovakia",
    "slovenian": "Slovenia",
    "somali": "Somalia",
    "south african": "South Africa",
    "south korean": "South Korea",
    "spanish": "Spain",
    "sri lankan": "Sri Lanka",
    "sudanese": "Sudan",
    "swedish": "Sweden",
    "swede": "Sweden",
    "swiss": "Switzerland",
    "syrian": "Syria",
    "taiwanese": "Taiwan",
    "tajik": "Tajikistan",
    "thai": "Thailand",
    "tunisian": "Tunisia",
    "turkish": "Turkey",
    "turk": "Turkey",
    "ugandan": "Uganda",
    "ukrainian": "Ukraine",
    "uzbek": "Uzbekistan",
    "venezuelan": "Venezuela",
    "vietnamese": "Vietnam",
    "welsh": "Wales",
    "yemeni": "Yemen",
    "zimbabwean": "Zimbabwe",
}

# Alternative spellings of places -> canonical name.
PLACE_ALIASES: dict[str, str] = {
    "u.s.": "United States",
    "u.s": "United States",
    "us": "United States",
    "usa": "United States",
    "u.s.a.": "United States",
    "america": "United States",
    "united states of america": "United States",
    "uk": "United Kingdom",
    "u.k.": "United Kingdom",
    "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "russian federation": "Russia",
}

# First names with a clear gender, used only to pick pronoun antecedents.
MALE_FIRST_NAMES = frozenset(
    """
    aaron adam alan albert alex alexander andrew anthony antonio barack ben benjamin bernie
    bill bob bobby brad brian bruce carl charles charlie chris christopher chuck corey dan
    daniel dave david dennis dick dmitry dmytro don donald doug douglas ed eric frank fred
    gary george gerald greg harry henry howard ian jack jacob jake james jason jeb jeff
    jeffrey jerry jim jimmy joe john johnny jon jonathan jose joseph josh juan justin keith
    ken kevin larry lee louis marco mark martin matt matthew michael mike mitch mitt
    newt nick paul peter phil ralph rand raymond reince richard rick rob robert roger ron
    ronald roy rudy rush russell ryan sam samuel scott sean sergei stephen steve steven ted
    terry thomas tim timothy todd tom tony vladimir volodymyr walter wayne william xi
    vyacheslav jared reid boris emmanuel recep
    """.split()
)
FEMALE_FIRST_NAMES = frozenset(
    """
    alice amanda amy andrea angela ann anna anne barbara betsy betty carly carol caroline
    catherine cathy chelsea christine cindy claire debbie deborah diane donna dorothy elaine
    elizabeth ellen emily emma eva evelyn gina hillary heather helen huma ivanka jane janet
    jennifer jessica jill joan joni judy julia julie karen kate katherine kathleen kathy
    kelly kellyanne kirsten laura lauren linda lisa lynn margaret maria marie marsha martha
    mary megyn melania melissa michele michelle monica nancy nicole nikki patricia patty
    rachel rebecca sarah sharon stephanie susan susana tammy theresa tulsi valerie wendy
    marine ursula kamala jacinda
    """.split()
)

_EDGE_JUNK = '([{,;:–—-"“”‘’ '
_POSSESSIVE_RE = re.compile(r"(?:['’]s|['’])$")
_SPACE_RE = re.compile(r"\s+")


def strip_possessive(name: str) -> str:
    """Drop a trailing possessive marker: "Putin's" -> "Putin"."""
    return _POSSESSIVE_RE.sub("", name).strip()


def strip_titles(name: str) -> str:
    """Drop leading articles and titles: "the Regional Governor Gladkov" -> "Gladkov".

    Stops before the last word so a name is never stripped to nothing.
    """
    words = name.split()
    while len(words) > 1 and words[0].lower().rstrip(".") in TITLE_WORDS:
        words.pop(0)
    return " ".join(words)


def demonym_country(text: str) -> str | None:
    """Country for a demonym ("Ukrainian", "Russians", "South Korean") or None."""
    key = strip_possessive(text).lower().strip()
    if key.startswith("the "):
        key = key[4:]
    if key in DEMONYMS:
        return DEMONYMS[key]
    for suffix in ("s", "es"):
        if key.endswith(suffix) and key[: -len(suffix)] in DEMONYMS:
            return DEMONYMS[key[: -len(suffix)]]
    return None


def normalize_name(text: str, label: str) -> tuple[str, str]:
    """Normalised (name, label) for an entity mention's surface text.

    NORP demonyms map to their country with label GPE; place aliases map to a canonical name.
    """
    name = _SPACE_RE.sub(" ", strip_possessive(text.strip(_EDGE_JUNK))).strip(_EDGE_JUNK + " ")
    if name.count("(") < name.count(")"):
        name = name.rstrip(")").strip()
    if label in ("NORP", "GPE", "LOC"):
        country = demonym_country(name)
        if country is not None:
            return country, "GPE"
    if name.lower().startswith("the "):
        name = name[4:]
    if label == "PERSON":
        name = strip_titles(name)
    alias = PLACE_ALIASES.get(name.lower())
    if alias is not None and label in ("GPE", "LOC", "NORP", "ORG"):
        return alias, "GPE"
    return name, label


def first_name_gender(first: str) -> str | None:
    """'m', 'f' or None for a given name."""
    key = first.lower().rstrip(".")
    if key in MALE_FIRST_NAMES:
        return "m"
    if key in FEMALE_FIRST_NAMES:
        return "f"
    return None
