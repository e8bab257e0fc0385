"""The learned act model's word classes: WordNet senses and VADER valences, as the rule
lexicon's tables `word_classes` and `valences` (derived files under `data/lexicons/`, made
once by `make lexicons`; provenance and licences in their README). Example::

    words = word_classes_of(lex)
    words.classes("raped", "v")     # frozenset({"wrong"})
    words.valence("liar")           # -2.3 ; words.valence("malarkey") -> 0.0 (not in VADER)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ....lexicon import Lexicon


@dataclass(frozen=True)
class AnalysisLexicons:
    """Word classes by (form, pos) and valence by form, all lower-case."""

    by_form: dict[tuple[str, str], frozenset[str]]
    valences: dict[str, float]

    def classes(self, word: str, pos: str) -> frozenset[str]:
        """Classes of a lower-case word form as a noun ("n") or verb ("v")."""
        return self.by_form.get((word, pos), frozenset())

    def valence(self, word: str) -> float:
        return self.valences.get(word, 0.0)


@lru_cache(maxsize=4)
def word_classes_of(lex: Lexicon) -> AnalysisLexicons:
    """The word classes and valences of a loaded lexicon."""
    return AnalysisLexicons(lex.table("word_classes"), lex.table("valences"))
