"""Derive the analysis layer's word classes from WordNet and VADER: `make lexicons`.

Run once by a developer; the extractor reads only the derived files, never the sources:

- `data/lexicons/wordnet_classes.tsv`: every single-word lemma (with its regular and
  WordNet-listed irregular inflections) in the hyponym closure of the senses listed in
  `pipeline/training/wordnet_seeds.tsv`, with its classes (wrong, wrongdoer, accuse, deny).
  Source: WordNet 3.0 (Princeton University; WordNet 3.0 licence, a BSD-style licence that
  allows use, copying and distribution with the notice), Debian package `wordnet-base`, read
  from /usr/share/wordnet.
- `data/lexicons/valence.tsv`: the single words of the VADER sentiment lexicon with their
  mean valence (-4 .. 4). Source: vaderSentiment 3.3.2 (MIT licence, C.J. Hutto), file
  `vaderSentiment/vader_lexicon.txt` of its PyPI wheel.

    python -m pipeline.training.lexicons --vader PATH/vader_lexicon.txt
"""

from __future__ import annotations

import argparse
import re
from collections import defaultdict
from pathlib import Path

from pipeline.extract.lexicon import DATA_DIR
from pipeline.extract.lexicon_files import read_lines

WORDNET = Path("/usr/share/wordnet")
OUT_DIR = DATA_DIR / "lexicons"
SEEDS = Path(__file__).with_name("wordnet_seeds.tsv")  # the curated senses: its input
_POS = {"n": "noun", "v": "verb"}
_WORD = re.compile(r"^[a-z][a-z'-]*$")
_HEADER = """# Derived by `python -m pipeline.training.lexicons` ({source}); do not edit by hand.
# Licence of the source: {licence}
"""


def _index(pos: str) -> dict[str, list[str]]:
    """lemma -> synset offsets in sense order (index.noun / index.verb)."""
    out: dict[str, list[str]] = {}
    for line in (WORDNET / f"index.{_POS[pos]}").read_text("utf-8").splitlines():
        if line.startswith(" "):
            continue
        parts = line.split()
        n_ptr = int(parts[3])
        out[parts[0]] = parts[4 + n_ptr + 2 :]
    return out


def _synsets(pos: str) -> dict[str, tuple[list[str], list[str]]]:
    """offset -> (words, hyponym offsets of the same part of speech)."""
    out = {}
    for line in (WORDNET / f"data.{_POS[pos]}").read_text("utf-8").splitlines():
        if line.startswith(" "):
            continue
        parts = line.split("|")[0].split()
        n_words = int(parts[3], 16)
        words = [parts[4 + 2 * k].lower() for k in range(n_words)]
        k = 4 + 2 * n_words
        n_ptr = int(parts[k])
        hyponyms = []
        for p in range(n_ptr):
            symbol, offset, ptr_pos = parts[k + 1 + 4 * p : k + 4 + 4 * p]
            if symbol in ("~", "~i") and ptr_pos == pos:
                hyponyms.append(offset)
        out[parts[0]] = (words, hyponyms)
    return out


def _closure(start: str, synsets: dict) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        off = todo.pop()
        if off not in seen:
            seen.add(off)
            todo.extend(synsets[off][1])
    return seen


def inflections(word: str, pos: str) -> set[str]:
    """Regular forms of a noun (plural) or verb (-s, -ed, -ing; doubled final consonant too)."""
    out = {word}
    sibilant = word.endswith(("s", "x", "z", "ch", "sh"))
    cons_y = len(word) > 1 and word.endswith("y") and word[-2] not in "aeiou"
    out.add(word + "es" if sibilant else word[:-1] + "ies" if cons_y else word + "s")
    if pos == "n":
        return out
    stem = word[:-1] if word.endswith("e") and not word.endswith("ee") else word
    out |= {stem + "ed" if not cons_y else word[:-1] + "ied", stem + "ing"}
    if word.endswith("ie"):
        out.add(word[:-2] + "ying")
    if (
        len(word) > 2
        and word[-1] not in "aeiouwxy"
        and word[-2] in "aeiou"
        and word[-3] not in "aeiou"
    ):
        out |= {word + word[-1] + "ed", word + word[-1] + "ing"}  # "robbed", "committed"
    return out


def _exceptions(pos: str) -> dict[str, set[str]]:
    """base -> irregular forms (verb.exc / noun.exc)."""
    out: dict[str, set[str]] = defaultdict(set)
    for line in (
        (WORDNET / f"{_POS[pos][:4] if pos == 'n' else 'verb'}.exc").read_text("utf-8").splitlines()
    ):
        parts = line.split()
        for base in parts[1:]:
            out[base].add(parts[0])
    return out


def wordnet_classes(seeds: Path) -> dict[tuple[str, str], set[str]]:
    """(word form, pos) -> classes, from the seed senses."""
    out: dict[tuple[str, str], set[str]] = defaultdict(set)
    for pos in ("n", "v"):
        index, synsets, irregular = _index(pos), _synsets(pos), _exceptions(pos)
        for n, line in enumerate(read_lines(seeds), 1):
            cls, sense = line.split("\t")
            lemma, p, k = sense.rsplit(".", 2)
            if p != pos:
                continue
            offsets = index.get(lemma)
            if not offsets or int(k) > len(offsets):
                raise ValueError(f"{seeds}: line {n}: no WordNet sense {sense}")
            for off in _closure(offsets[int(k) - 1], synsets):
                for word in synsets[off][0]:
                    if _WORD.match(word):
                        for form in inflections(word, pos) | irregular.get(word, set()):
                            out[(form, pos)].add(cls)
    return out


def vader_valence(path: Path) -> dict[str, float]:
    out = {}
    for line in path.read_text("utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and _WORD.match(parts[0]):
            out[parts[0]] = float(parts[1])
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--vader", type=Path, required=True, help="vader_lexicon.txt of vaderSentiment")
    args = ap.parse_args(argv)
    classes = wordnet_classes(SEEDS)
    lines = [
        _HEADER.format(
            source="WordNet 3.0, Debian wordnet-base, /usr/share/wordnet",
            licence="WordNet 3.0 licence (Princeton University), BSD-style",
        ),
        "word\tpos\tclasses\n",
    ]
    lines += [f"{w}\t{p}\t{','.join(sorted(c))}\n" for (w, p), c in sorted(classes.items())]
    (OUT_DIR / "wordnet_classes.tsv").write_text("".join(lines), "utf-8")
    valence = vader_valence(args.vader)
    lines = [
        _HEADER.format(
            source="vaderSentiment 3.3.2, vader_lexicon.txt", licence="MIT (C.J. Hutto)"
        ),
        "word\tvalence\n",
    ]
    lines += [f"{w}\t{v:g}\n" for w, v in sorted(valence.items())]
    (OUT_DIR / "valence.tsv").write_text("".join(lines), "utf-8")
    print(f"{len(classes)} WordNet forms, {len(valence)} valence words -> {OUT_DIR}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
