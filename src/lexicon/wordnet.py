"""Readers of WordNet 3.0's database files, shared by the make-*.py scripts here.

WordNet is Debian's wordnet-base (/usr/share/wordnet); its licence is WORDNET-LICENSE.
"""
import re
import sys

WORDNET = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet"


def synsets(pos):
    """(offset, lexicographer file, words as written, pointers) of data.<pos>, where a
    pointer is (symbol, offset, pos, source word number, target word number)."""
    for line in open(f"{WORDNET}/data.{pos}", encoding="latin-1"):
        if line.startswith("  "):
            continue
        parts = line.split(" | ")[0].split()
        count = int(parts[3], 16)
        words = [re.sub(r"\(.*\)$", "", parts[4 + 2 * i]) for i in range(count)]
        i = 4 + 2 * count
        pointers = []
        for _ in range(int(parts[i])):
            symbol, offset, ppos, st = parts[i + 1 : i + 5]
            pointers.append((symbol, offset, ppos, int(st[:2], 16), int(st[2:], 16)))
            i += 4
        yield parts[0], int(parts[1]), words, pointers


def common_senses(pos, senses):
    """lemma -> its synset offsets among the first `senses` that WordNet's sense-tagged
    corpus met (most frequent first); lemmas it never met are left out."""
    out = {}
    for line in open(f"{WORDNET}/index.{pos}", encoding="latin-1"):
        if line.startswith("  "):
            continue
        p = line.split()
        count, pointers = int(p[2]), int(p[3])
        tagged = int(p[5 + pointers])
        if tagged > 0:
            out[p[0]] = p[6 + pointers : 6 + pointers + min(count, tagged, senses)]
    return out
