"""A dependency-free English guess from function-word frequency and script.

News prose in English has 35-50% of its words among the commonest function words; other
languages written in Latin script share few of them, and non-Latin scripts share none. A short
text (under 20 words) is judged by its script and by whether another language's function words
outnumber English ones; only when neither tells is it 'und'.

Example::

    guess_language("The minister said that the talks would go on.")  # 'en'
    guess_language("Le ministre a déclaré que les négociations reprendront.")  # 'other'
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_WORDS_FILE = Path(__file__).with_name("function_words.json")
MIN_WORDS_FOR_GUESS = 20
ENGLISH_THRESHOLD = 0.15
LATIN_SHARE_FOR_ENGLISH = 0.9  # a short English text is (nearly) all Latin letters


@lru_cache(maxsize=1)
def function_words() -> dict[str, frozenset[str]]:
    """Function words per language code, loaded once from function_words.json."""
    data = json.loads(_WORDS_FILE.read_text(encoding="utf-8"))
    return {lang: frozenset(words.split()) for lang, words in data.items() if lang != "_doc"}


def english_share(text: str) -> tuple[float, int]:
    """Share of words that are common English function words, and the number of words."""
    words = [w.lower() for w in _WORD.findall(text)]
    if not words:
        return 0.0, 0
    return sum(w in function_words()["en"] for w in words) / len(words), len(words)


def _latin_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 1.0
    return sum(c < "\u0250" for c in letters) / len(letters)


def _foreign_beats_english(words: list[str]) -> bool:
    lists = function_words()
    english = sum(w in lists["en"] for w in words)
    best = max(sum(w in lists[lang] for w in words) for lang in lists if lang != "en")
    return best > english


def guess_language(text: str) -> str:
    """'en' for English, 'und' when too short to tell, 'other' for anything else."""
    share, n = english_share(text)
    if n >= MIN_WORDS_FOR_GUESS:  # long English quotes other scripts freely: words decide
        return "en" if share >= ENGLISH_THRESHOLD else "other"
    if _latin_share(text) < LATIN_SHARE_FOR_ENGLISH:
        return "other"
    if _foreign_beats_english([w.lower() for w in _WORD.findall(text)]):
        return "other"
    return "en" if share >= ENGLISH_THRESHOLD and n >= 5 else "und"
