"""Derive the accusation nouns the noun finder reads from WordNet: a developer's step.

`pipeline/extract/data/cues/accusation_nouns.tsv` lists every single-word noun (singular and
plural) that is a seed's lemma or whose first or second WordNet sense lies in the hyponym closure of the senses in
`accusation_noun_seeds.tsv` ("allegations", "criticism", "complaints", "charges"); the finder
`claims/finders/nouns.py` reads it as the lexicon table `accusation_nouns`. Source: WordNet 3.0
(Princeton University; WordNet 3.0 licence, BSD-style), Debian package `wordnet-base`, read from
/usr/share/wordnet; never read at run time.

    python -m pipeline.training.accusation_nouns            # rewrites the data file
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline.extract.lexicon import DATA_DIR
from pipeline.extract.lexicon_files import read_lines
from pipeline.training.lexicons import _WORD, _closure, _index, _synsets, inflections

SEEDS = Path(__file__).with_name("accusation_noun_seeds.tsv")
OUT = DATA_DIR / "cues" / "accusation_nouns.tsv"
# a sense this far down a word's list is a rare use of it ("information" as a charge)
DOMINANT_SENSES = 2
_HEADER = """# Derived by `python -m pipeline.training.accusation_nouns` (WordNet 3.0, Debian wordnet-base,
# /usr/share/wordnet; the senses of pipeline/training/accusation_noun_seeds.tsv); do not edit by hand.
# Licence of the source: WordNet 3.0 licence (Princeton University), BSD-style.
# Nouns of accusing and criticising: with a complement (of/over/against/for/about/on, or a
# clause) and no possessor they head an accusation ("accusations of bias", "complaints from X
# that ...").
noun\tsense
"""


def accusation_nouns(seeds: Path = SEEDS) -> dict[str, str]:
    """noun form -> the seed sense whose closure holds it.

    >>> accusation_nouns()["allegations"]
    'accusation.n.1'
    """
    index, synsets = _index("n"), _synsets("n")
    closure: dict[str, str] = {}
    seed_lemmas: set[str] = set()
    for line in read_lines(seeds):
        sense = line.split("\t")[0]
        lemma, _, k = sense.rsplit(".", 2)
        seed_lemmas.add(lemma)
        for off in _closure(index[lemma][int(k) - 1], synsets):
            closure.setdefault(off, sense)
    out: dict[str, str] = {}
    for off, sense in closure.items():
        for word in synsets[off][0]:
            dominant = index.get(word, [])[:DOMINANT_SENSES]
            # a seed's own lemma is kept whatever its rank ("complaint": an ailment first)
            if _WORD.match(word) and (off in dominant or word in seed_lemmas):
                for form in sorted(inflections(word, "n")):
                    out.setdefault(form, sense)
    return dict(sorted(out.items()))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    rows = accusation_nouns()
    args.out.write_text(_HEADER + "".join(f"{w}\t{s}\n" for w, s in rows.items()), "utf-8")
    print(f"{args.out}: {len(rows)} noun forms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
