"""spaCy pipeline loading (cached): paragraph-aware sentence starts and an entity ruler that
fixes systematic NER errors."""

from __future__ import annotations

import importlib.metadata
import re
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.common.settings import DEFAULT_MODEL

# The rules read only tags, dependencies, sentences and entities: the rule-based lemmatizer and
# the attribute ruler (which maps tags to coarse POS for it) are not needed. Cue verbs are
# matched through generated verb forms (see lexicon.py).
DEFAULT_DISABLE: tuple[str, ...] = ("lemmatizer", "attribute_ruler")


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


_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’]*")
# A dateline opening a paragraph: "BRUSSELS (AP) — ", "WASHINGTON, D.C. (Reuters) - ",
# "MOSCOW, Aug 2 (Reuters) - ". It is a place and an agency credit, never a speaker or actor.
_DATELINE_RE = re.compile(
    r"(?m)^[ \t]*[A-Z][A-Z.'’-]+(?:[ ][A-Z][A-Z.'’-]+){0,3}"
    r"(?:,[ ][A-Z][\w.]*(?:[ ][A-Z][\w.]*){0,2})?(?:,?[ ][A-Z][a-z]{2,8}\.?[ ]\d{1,2})?"
    r"[ ]*(?:\([^()\n]{1,30}\))?[ ]*(?:—|–|--|-)[ ]"
)


def blank_datelines(text: str) -> str:
    """The text with paragraph-opening datelines replaced by spaces (same length)."""
    return _DATELINE_RE.sub(lambda m: " " * len(m.group()), text)


def parse_text(text: str, small_words: frozenset[str]) -> str:
    """The text handed to the parser: apostrophes straightened, datelines blanked, a Title
    Case headline sentence-cased.

    The small model tags Title Case words as proper nouns ("Trump Praises Breitbart Editor"),
    which wrecks the headline's parse. Headline words are lower-cased unless the body uses them
    as names (capitalised mid-sentence and never lower-case); the first word keeps its capital.
    `small_words` (the lexicon's `headline_small_words`) are always lower-cased. The result has
    the same length, so all offsets stay valid for the original text.
    """
    # curly apostrophes confuse the small model ("don’t" -> "do" + noun "n’t"); same length
    text = blank_datelines(text.replace("’", "'"))
    end = text.find("\n")
    if end <= 0:
        return text
    title = text[:end]
    words = list(_WORD_RE.finditer(title))
    if len(words) < 3 or sum(w.group()[0].isupper() for w in words) < 0.7 * len(words):
        return text
    body = text[end:]
    lower_body = set(re.findall(r"\b[a-z][a-z'’]*\b", body))
    # capitalised mid-sentence in the body: a name
    names = set(re.findall(r"(?<=[a-z,;] )[A-Z][A-Za-z'’]*", body))
    chars = list(title)
    for k, w in enumerate(words):
        word = w.group()
        if k == 0 or not word[0].isupper() or word.isupper() and len(word) > 1:
            continue
        low = word.lower()
        if low in small_words or low in lower_body or word not in names:
            chars[w.start()] = chars[w.start()].lower()
    return "".join(chars) + body


# The parser's memory grows with the text it is given at once (a 900k-character article took
# 2.9 GB), so a longer text is parsed in pieces of at most this many characters and the pieces
# joined into one Doc. No sentence crosses a piece. News articles are shorter (the longest of
# PolNeAR's 924 is 34k characters), so they are parsed whole, as before.
PARSE_PIECE_CHARS = 50_000
_PIECE_CUTS = (re.compile(r"\n\s*"), re.compile(r"[.!?][\"')\]]*\s+"), re.compile(r"\s+"))


def parser_pieces(text: str, limit: int = PARSE_PIECE_CHARS) -> list[str]:
    r"""`text` cut into pieces of at most `limit` characters that join back into it: after the
    last line break of a piece's second half, else after its last sentence end, else after
    its last space (a text without any is cut at `limit`).

    >>> parser_pieces("One. Two.\nThree four", limit=12)
    ['One. Two.\n', 'Three four']
    """
    pieces = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = limit
        for pattern in _PIECE_CUTS:
            ends = [m.end() for m in pattern.finditer(window, limit // 2) if m.end() < limit]
            if ends:
                cut = ends[-1]
                break
        pieces.append(text[start : start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def model_version(model: str) -> str:
    """Installed version of a spaCy model package, without loading it."""
    for name in (model, model.replace("_", "-")):
        try:
            return importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            continue
    return "unknown"


def add_entity_fixes(nlp: Language, fixes: tuple[tuple[str, str], ...]) -> None:
    """Append an entity ruler that overrides known NER errors (idempotent).

    `fixes` are (label, phrase) pairs: the lexicon's `entity_fixes`."""
    if "newsclaims_entity_fixes" in nlp.pipe_names:
        return
    ruler = nlp.add_pipe(
        "entity_ruler",
        name="newsclaims_entity_fixes",
        last=True,
        config={"overwrite_ents": True, "validate": False},
    )
    ruler.add_patterns([{"label": label, "pattern": phrase} for label, phrase in fixes])


@lru_cache(maxsize=4)
def load_pipeline(
    model: str = DEFAULT_MODEL,
    disable: tuple[str, ...] = DEFAULT_DISABLE,
    entity_fixes: tuple[tuple[str, str], ...] = (),
) -> Language:
    """Load (once per process) the spaCy pipeline with the entity fixes added."""
    nlp = spacy.load(model, disable=list(disable))
    if "parser" in nlp.pipe_names and "newsclaims_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("newsclaims_paragraphs", before="parser")
    add_entity_fixes(nlp, entity_fixes)
    return nlp
