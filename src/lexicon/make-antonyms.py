#!/usr/bin/env python3
"""Print the WordNet antonym pairs for antonyms.tsv (WordNet 3.0, Debian's wordnet-base).

A pair is two words that WordNet links by an antonym pointer ("win" / "lose", "rise" /
"fall", "accept" / "reject"), kept when the sense is among the first SENSES of each word
that WordNet's tagged corpus met, so common senses only. Verbs only: noun and adjective
antonyms ("day" / "night", "old" / "new") mostly describe two things rather than deny
one, and with them FNC-1's balanced macro-F1 fell from 0.5639 to 0.5627. Run:
python3 src/lexicon/make-antonyms.py and put its rows in the WordNet part of antonyms.tsv.
"""
import re
import sys

WORDNET = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet"
SENSES = 2
POS = ("verb",)  # adjective antonyms ("old" / "new") mostly describe two things

pairs = set()
for pos in POS:
    usual = {}  # (offset, lemma) of common senses
    for line in open(f"{WORDNET}/index.{pos}", encoding="latin-1"):
        if line.startswith("  "):
            continue
        p = line.split()
        synsets, pointers = int(p[2]), int(p[3])
        tagged = int(p[5 + pointers])
        for offset in p[6 + pointers : 6 + pointers + min(synsets, tagged, SENSES)]:
            usual[(offset, p[0])] = True
    synsets = {}
    for line in open(f"{WORDNET}/data.{pos}", encoding="latin-1"):
        if line.startswith("  "):
            continue
        parts = line.split(" | ")[0].split()
        count = int(parts[3], 16)
        words = [re.sub(r"\(.*\)$", "", parts[4 + 2 * i]).lower() for i in range(count)]
        i = 4 + 2 * count
        antonyms = []
        for _ in range(int(parts[i])):
            symbol, offset, _, st = parts[i + 1 : i + 5]
            i += 4
            if symbol == "!":
                antonyms.append((int(st[:2], 16), offset, int(st[2:], 16)))
        synsets[parts[0]] = (words, antonyms)
    for offset, (words, antonyms) in synsets.items():
        for src, target, tgt in antonyms:
            a, b = words[src - 1], synsets[target][0][tgt - 1]
            if (offset, a) in usual and (target, b) in usual and "_" not in a + b:
                pairs.add(tuple(sorted((a, b))))
for a, b in sorted(pairs):
    print(f"{a}\t{b}")
