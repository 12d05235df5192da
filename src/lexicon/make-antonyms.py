#!/usr/bin/env python3
"""Print the WordNet antonym pairs for antonyms.tsv (WordNet 3.0, Debian's wordnet-base).

A pair is two words that WordNet links by an antonym pointer ("win" / "lose", "rise" /
"fall", "accept" / "reject"), kept when the sense is among the first SENSES of each word
that WordNet's tagged corpus met, so common senses only. Verbs only: noun and adjective
antonyms ("day" / "night", "old" / "new") mostly describe two things rather than deny
one, and with them FNC-1's balanced macro-F1 fell from 0.5639 to 0.5627. Run:
python3 src/lexicon/make-antonyms.py and put its rows in the WordNet part of antonyms.tsv.
"""
from wordnet import common_senses, synsets

SENSES = 2
POS = ("verb",)

pairs = set()
for pos in POS:
    usual = {(o, lemma) for lemma, offsets in common_senses(pos, SENSES).items() for o in offsets}
    words_of = {}
    antonyms = []
    for offset, _, words, pointers in synsets(pos):
        words_of[offset] = [w.lower() for w in words]
        antonyms += [(offset, s, o, t) for symbol, o, _, s, t in pointers if symbol == "!"]
    for offset, src, target, tgt in antonyms:
        a, b = words_of[offset][src - 1], words_of[target][tgt - 1]
        if (offset, a) in usual and (target, b) in usual and "_" not in a + b:
            pairs.add(tuple(sorted((a, b))))
for a, b in sorted(pairs):
    print(f"{a}\t{b}")
