"""Bag-of-words sentence vectors: lower-cased words, stop words out, TF-IDF weights, unit length.

Sparse vectors are plain ``dict[str, float]``; a day's candidate sentences number in the tens or
hundreds, so dictionaries are faster to build than a matrix and need nothing installed.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from chronique import lang as langdata

Vec = dict[str, float]

_WORD = re.compile(r"\w+")


@functools.cache
def _stop(lang: str) -> frozenset[str]:
    return frozenset(langdata.load(lang, "stopwords.txt"))


def words(text: str, lang: str = "fr") -> list[str]:
    """Content words of a text: lower-cased ``\\w+`` tokens of two letters or more, stop words out."""
    stop = _stop(lang)
    return [w for w in _WORD.findall(text.lower()) if len(w) > 1 and w not in stop and not w.isdigit()]


class Idf:
    """Inverse document frequencies over a collection of texts (each text one document)."""

    def __init__(self, docs: Iterable[Sequence[str]]) -> None:
        df: Counter[str] = Counter()
        n = 0
        for toks in docs:
            n += 1
            df.update(set(toks))
        self.n = n
        # Smoothed as in scikit-learn (idf = ln((1+n)/(1+df)) + 1): never zero, never negative.
        self._idf = {w: math.log((1 + n) / (1 + c)) + 1 for w, c in df.items()}
        self._unseen = math.log(1 + n) + 1

    def __getitem__(self, word: str) -> float:
        return self._idf.get(word, self._unseen)

    def vector(self, toks: Sequence[str]) -> Vec:
        tf = Counter(toks)
        return normalise({w: c * self[w] for w, c in tf.items()})


def normalise(v: Mapping[str, float]) -> Vec:
    norm = math.sqrt(sum(x * x for x in v.values()))
    return {k: x / norm for k, x in v.items()} if norm else {}


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Cosine of two unit vectors (their dot product)."""
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b[k] for k, x in a.items() if k in b)


def centroid(vectors: Iterable[Mapping[str, float]]) -> Vec:
    total: Counter[str] = Counter()
    for v in vectors:
        total.update(v)
    return normalise(total)
