"""Pre-built claim search: an inverted index in shards, plus claim records in numbered chunks.

The search page loads `data/search/meta.js` (claim count, act of every claim, shard names), then
only the shards of the words typed (words are sharded by their first two letters) and the claim
chunks of the result page shown. Words are indexed by their stem (`stem`: "terrorists" and
"terrorist" are one key), words of the speaker also as "~stem", so "speaker:peskov" matches
speakers only, and words of the accused actors as "!stem" ("accused:ukraine"). Tokens and stems
match `NC.tokens` and `NC.stem` in static/nc.js (a browser test compares them).

    index = SearchIndex()
    index.add(0, speaker="Dmitry Peskov", content="...", act="deny")
    files = index.files(acts=ACTS, n_claims=1)   # {"data/search/dm.js": "...", ...}
"""

from __future__ import annotations

import json
import re
import unicodedata
from array import array
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from pipeline.common.words import WORD_RE as _WORD_RE

_SAFE_SHARD = re.compile(r"[a-z0-9]{2}")
_ACCENTS = re.compile("[\u0300-\u036f]")  # the combining marks NC.tokens drops too
STOPWORDS_FILE = Path(__file__).with_name("stopwords.txt")


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """The words the search does not index (stopwords.txt)."""
    lines = STOPWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def tokens(text: str | None) -> list[str]:
    """Lower-cased word runs without accents: tokens("Élysée said") == ["elysee", "said"]."""
    if not text:
        return []
    if text.isascii():
        return _WORD_RE.findall(text.lower())
    return _WORD_RE.findall(_ACCENTS.sub("", unicodedata.normalize("NFKD", text)).lower())


_VOWEL_Y = re.compile(r"[aeiouy]")


def stem(token: str) -> str:
    """A light English stem, the same in static/nc.js (`NC.stem`): plural -s/-es/-ies, then
    -ing/-ed, then a final -e and a doubled last consonant, each only when 4 letters stay and
    a vowel is left; so "terrorists" -> "terrorist", "accused"/"accuses"/"accusing" -> "accus".

    >>> [stem(w) for w in ("terrorists", "policies", "stopped", "attacking", "news")]
    ['terrorist', 'policy', 'stop', 'attack', 'news']
    """
    w = token
    if len(w) > 4 and w.endswith("ies") and not w.endswith(("eies", "aies")):
        w = w[:-3] + "y"
    elif len(w) > 4 and w.endswith("es") and not w.endswith(("aes", "ees", "oes")):
        w = w[:-1]
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is", "ws")):
        w = w[:-1]
    for suffix in ("ing", "ed"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4 and _VOWEL_Y.search(w[: -len(suffix)]):
            w = w[: -len(suffix)]
            if w.endswith("i"):  # "denied" -> "deny", as "denies"
                w = w[:-1] + "y"
            break
    if len(w) > 4 and w.endswith("e"):
        w = w[:-1]
    if len(w) > 4 and w[-1] == w[-2] and w[-1] not in "aeiouls":
        w = w[:-1]
    return w


def shard_name(token: str) -> str:
    """The shard file of a word: its first two letters, or their code points when not a-z0-9."""
    key = token[:2]
    return key if _SAFE_SHARD.fullmatch(key) else "u" + "-".join(f"{ord(c):x}" for c in key)


def js_call(function: str, *args: object) -> str:
    """`NC.f(arg, ...);` with JSON arguments, safe inside a script file."""
    body = ",".join(json.dumps(a, ensure_ascii=False, separators=(",", ":")) for a in args)
    return f"{function}({body});\n"


class SearchIndex:
    """Postings (claim numbers, ascending) per word, built one claim at a time in claim order."""

    def __init__(self) -> None:
        self._postings: dict[str, array] = defaultdict(lambda: array("i"))
        self._stop = stopwords()

    def _stems(self, text: str | None) -> set[str]:
        return {stem(t) for t in tokens(text) if len(t) > 1 and t not in self._stop}

    def add(
        self, n: int, speaker: str | None, content: str, act: str, accused: str | None = None
    ) -> None:
        """Index claim number `n` (numbers must be added in increasing order); `accused` holds
        the names of the actors it accuses."""
        speaker_words = self._stems(speaker)
        accused_words = self._stems(accused)
        words = speaker_words | accused_words | self._stems(content)
        words.add(act)
        for word in words:
            self._postings[word].append(n)
        for word in speaker_words:
            self._postings["~" + word].append(n)
        for word in accused_words:
            self._postings["!" + word].append(n)

    def files(self, acts: tuple[str, ...], act_codes: str, chunk: int) -> dict[str, str]:
        """Shard files and meta.js, by path relative to the site root."""
        shards: dict[str, dict[str, list[int]]] = defaultdict(dict)
        for key, numbers in self._postings.items():
            word = key.lstrip("~!")
            deltas = [numbers[0], *(b - a for a, b in zip(numbers, numbers[1:], strict=False))]
            shards[shard_name(word)][key] = deltas
        out = {
            f"data/search/{name}.js": js_call(
                "NC.searchShard", name, dict(sorted(postings.items()))
            )
            for name, postings in shards.items()
        }
        meta = {
            "n": len(act_codes),
            "chunk": chunk,
            "acts": list(acts),
            "actCodes": act_codes,
            "shards": {name: 1 for name in sorted(shards)},
            "stopwords": sorted(self._stop),
        }
        out["data/search/meta.js"] = (
            f"window.NC_SEARCH = {json.dumps(meta, separators=(',', ':'))};\n"
        )
        return out
