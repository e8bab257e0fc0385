"""Derive the accusation nouns and verbs the finders read from WordNet: a developer's step.

- `pipeline/extract/data/cues/accusation_nouns.tsv`: every single-word noun (singular and
  plural) in the hyponym closure of the noun senses of `accusation_seeds.tsv` ("allegations",
  "criticism", "complaints", "charges"); the noun finder (`claims/finders/nouns.py`) reads it
  as the lexicon table `accusation_nouns`.
- `pipeline/extract/data/cues/accusation_verbs.tsv`: every single-word verb lemma in the closure
  of its verb senses ("trash", "savage", "denigrate", "brand"); a lemma the curated cue table
  does not list becomes a cue verb with the frames `accuse object` and act `accuse`.

A word is kept when it is a seed's own lemma or when its first or second WordNet sense (WordNet
orders senses by frequency) lies in the closure: "charge" (sense 2: a pleading of a wrong) and
"trash" (sense 2: to criticise) stay, "information" (its accusation sense is the 5th) and
"file" do not. Source: WordNet 3.0 (Princeton University; WordNet 3.0 licence, BSD-style),
Debian package `wordnet-base`, read from /usr/share/wordnet; never read at run time.

    python -m pipeline.training.accusation_cues            # rewrites both data files
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline.extract.lexicon import DATA_DIR
from pipeline.extract.lexicon_files import read_lines
from pipeline.training.lexicons import _WORD, _closure, _index, _synsets, inflections

SEEDS = Path(__file__).with_name("accusation_seeds.tsv")
OUT = {
    "n": DATA_DIR / "cues" / "accusation_nouns.tsv",
    "v": DATA_DIR / "cues" / "accusation_verbs.tsv",
}
# a sense this far down a word's list is a rare use of it ("information" as a charge)
DOMINANT_SENSES = 2
_HEADER = (
    "# Derived by `python -m pipeline.training.accusation_cues` (WordNet 3.0, Debian\n"
    "# wordnet-base, /usr/share/wordnet; the senses of pipeline/training/accusation_seeds.tsv);\n"
    "# do not edit by hand. Licence of the source: WordNet 3.0 licence (Princeton University),\n"
    "# BSD-style.\n"
)
_WHAT = {
    "n": "# Nouns of accusing and criticising: with a complement (of/over/against, or a\n"
    '# clause) they head an accusation ("accusations of bias", "complaints from X that").\n'
    "noun\tsense\n",
    "v": "# Verbs of accusing and criticising; the curated cue_verbs.tsv wins where it lists\n"
    "# the lemma.\nlemma\tsense\n",
}


def accusation_words(pos: str, seeds: Path = SEEDS) -> dict[str, str]:
    """word -> the seed sense whose closure holds it (nouns: with their plurals; verbs: lemmas).

    >>> accusation_words("n")["allegations"], accusation_words("v")["trash"]
    ('accusation.n.1', 'criticize.v.1')
    """
    index, synsets = _index(pos), _synsets(pos)
    closure: dict[str, str] = {}
    seed_lemmas: set[str] = set()
    for line in read_lines(seeds):
        sense = line.split("\t")[0]
        lemma, p, k = sense.rsplit(".", 2)
        if p != pos:
            continue
        seed_lemmas.add(lemma)
        for off in _closure(index[lemma][int(k) - 1], synsets):
            closure.setdefault(off, sense)
    out: dict[str, str] = {}
    for off, sense in closure.items():
        for word in synsets[off][0]:
            dominant = index.get(word, [])[:DOMINANT_SENSES]
            # a seed's own lemma is kept whatever its rank ("complaint": an ailment first)
            if _WORD.match(word) and (off in dominant or word in seed_lemmas):
                forms = sorted(inflections(word, "n")) if pos == "n" else [word]
                for form in forms:
                    out.setdefault(form, sense)
    return dict(sorted(out.items()))


def main(argv: list[str] | None = None) -> int:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args(argv)
    for pos, path in OUT.items():
        rows = accusation_words(pos)
        body = "".join(f"{w}\t{s}\n" for w, s in rows.items())
        path.write_text(_HEADER + _WHAT[pos] + body, "utf-8")
        print(f"{path}: {len(rows)} words")
    return 0


if __name__ == "__main__":
    sys.exit(main())
