"""The analysis layer's word classes: WordNet senses and VADER valence, as derived files.

`data/lexicons/wordnet_classes.tsv` (word, pos, classes: wrong / wrongdoer / accuse / deny)
and `data/lexicons/valence.tsv` (word, valence -4..4) are made once by
`python -m pipeline.training.lexicons` from WordNet 3.0 and vaderSentiment (provenance and
licences in their headers and in `data/lexicons/README.md`); nothing is read from the system
at run time. Example::

    lex = analysis_lexicons()
    lex.classes("raped", "v")     # frozenset({"wrong"})
    lex.valence("malarkey")       # 0.0 (not in VADER) ; lex.valence("liar") -> -2.3
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..lexicon import DATA_DIR
from ..lexicon_files import LexiconError, read_table

LEXICON_DIR = DATA_DIR / "lexicons"
CLASSES = ("wrong", "wrongdoer", "accuse", "deny")


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


def _read_classes(path: Path) -> dict[tuple[str, str], frozenset[str]]:
    out = {}
    for n, row in enumerate(read_table(path, ("word", "pos", "classes"), key=2), 2):
        classes = frozenset(row["classes"].split(","))
        if row["pos"] not in ("n", "v") or not classes <= set(CLASSES):
            raise LexiconError(f"{path}: row {n}: pos must be n or v, classes among {CLASSES}")
        out[(row["word"], row["pos"])] = classes
    return out


def _read_valence(path: Path) -> dict[str, float]:
    out = {}
    for n, row in enumerate(read_table(path, ("word", "valence")), 2):
        try:
            out[row["word"]] = float(row["valence"])
        except ValueError:
            raise LexiconError(f"{path}: row {n}: valence must be a number") from None
    return out


@lru_cache(maxsize=2)
def analysis_lexicons(folder: Path = LEXICON_DIR) -> AnalysisLexicons:
    """The derived word classes and valences (read once per process)."""
    return AnalysisLexicons(
        _read_classes(folder / "wordnet_classes.tsv"), _read_valence(folder / "valence.tsv")
    )
