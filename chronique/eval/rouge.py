"""ROUGE for timelines: the measures of tilse (Martschat & Markert 2017) used by news-tls.

A timeline maps dates to lists of sentences. Three measures compare a predicted timeline with a
reference timeline:

* **AR1, AR2** — ROUGE-1/-2 under the *align+ m:1* date alignment (tilse's
  ``evaluate_align_date_content_costs_many_to_one``). For precision, each predicted date is
  aligned to the reference date of least cost
  ``(1 - 1/(|Δdays| + 1)) × (1 - approximate ROUGE-1 F1 of the two days' sentences)``; the clipped
  n-gram hits of the pair are weighted by ``1/(|Δdays| + 1)`` and divided by the n-grams of the
  predicted days. Recall aligns each reference date to the predicted date of least cost the same
  way and divides by the n-grams of the reference days. Ties go to the earliest date (numpy
  ``argmin``). A timeline with no date scores 0.
* **Date-F1** — F1 of the exact date sets (news-tls ``evaluate_dates``).

Tokens (:func:`tokens`): lower-cased words (``\\w+``: letters with their accents, digits), French
stop words dropped (``lang/<code>/stopwords-rouge.txt``), no stemming. tilse runs ROUGE-1.5.5 with
English stemming and stop words, which would leave French text unstemmed and keep its function
words; this is the French counterpart. As in ROUGE-1.5.5, the sentences of one day are read as one
text, so a bigram may span two sentences of the same day, and stop words are removed before bigrams
are formed. The content cost of the alignment uses the same tokens (tilse uses the raw
whitespace tokens of its pre-tokenised texts).

:func:`average` averages precision and recall over topics, then takes F (news-tls
``get_average_results``).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from chronique import lang

#: A timeline as the measures see it: date → sentences.
Dated = Mapping[date, Sequence[str]]

_WORD = re.compile(r"\w+")


@functools.cache
def stopwords(code: str = "fr") -> frozenset[str]:
    """The stop words ROUGE ignores for a language (``lang/<code>/stopwords-rouge.txt``)."""
    return frozenset(lang.load(code, "stopwords-rouge.txt"))


def tokens(text: str, code: str = "fr") -> list[str]:
    """ROUGE tokens of a text: lower-cased words without stop words, in order."""
    stop = stopwords(code)
    return [w for w in _WORD.findall(text.lower()) if w not in stop]


def ngrams(toks: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


@dataclass(frozen=True, slots=True)
class PRF:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)


def f1(p: float, r: float) -> float:
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


@dataclass(frozen=True, slots=True)
class TimelineScores:
    """AR1, AR2 and Date-F1 of one predicted timeline against one reference."""

    ar1: PRF
    ar2: PRF
    dates: PRF


class _Day:
    """The tokens of one day's sentences, with their n-gram counts computed once."""

    __slots__ = ("grams", "toks")

    def __init__(self, sentences: Sequence[str], code: str) -> None:
        self.toks = [t for s in sentences for t in tokens(s, code)]
        self.grams = {n: ngrams(self.toks, n) for n in (1, 2)}

    def hits(self, other: _Day, n: int) -> int:
        mine, theirs = self.grams[n], other.grams[n]
        return sum(min(c, theirs[g]) for g, c in mine.items() if g in theirs)

    def size(self, n: int) -> int:
        return max(0, len(self.toks) - n + 1)


def _approx_rouge1(pred: _Day, ref: _Day) -> float:
    """tilse's approximate ROUGE-1 F1 of two days (clipped unigram overlap)."""
    match = pred.hits(ref, 1)
    p = match / len(pred.toks) if pred.toks else 0.0
    r = match / len(ref.toks) if ref.toks else 0.0
    return f1(p, r)


def _weight(a: date, b: date) -> float:
    return 1.0 / (abs(a.toordinal() - b.toordinal()) + 1)


def _align(sources: list[date], targets: list[date], cost: dict[tuple[date, date], float]) -> list[date]:
    """For each source date, the target of least cost (first one on ties)."""
    out = []
    for s in sources:
        best = min(range(len(targets)), key=lambda j: (cost[s, targets[j]], j))
        out.append(targets[best])
    return out


def evaluate(predicted: Dated, reference: Dated, code: str = "fr") -> TimelineScores:
    """AR1, AR2 (align+ m:1) and Date-F1 of ``predicted`` against ``reference``."""
    pred = {d: _Day(s, code) for d, s in sorted(predicted.items())}
    ref = {d: _Day(s, code) for d, s in sorted(reference.items())}
    shared = len(set(pred) & set(ref))
    dates = PRF(shared / len(pred) if pred else 0.0, shared / len(ref) if ref else 0.0)
    if not pred or not ref:
        zero = PRF(0.0, 0.0)
        return TimelineScores(zero, zero, dates)
    # cost[(p, r)] for a predicted date p and a reference date r; symmetric use for recall.
    cost = {
        (p, r): (1 - _weight(p, r)) * (1 - _approx_rouge1(pd, rd))
        for p, pd in pred.items()
        for r, rd in ref.items()
    }
    pdates, rdates = list(pred), list(ref)
    to_ref = _align(pdates, rdates, cost)
    rcost = {(r, p): c for (p, r), c in cost.items()}
    to_pred = _align(rdates, pdates, rcost)
    scores = []
    for n in (1, 2):
        num = sum(_weight(p, r) * pred[p].hits(ref[r], n) for p, r in zip(pdates, to_ref, strict=True))
        den = sum(pred[p].size(n) for p in pdates)
        rnum = sum(_weight(p, r) * pred[p].hits(ref[r], n) for r, p in zip(rdates, to_pred, strict=True))
        rden = sum(ref[r].size(n) for r in rdates)
        scores.append(PRF(num / den if den else 0.0, rnum / rden if rden else 0.0))
    return TimelineScores(scores[0], scores[1], dates)


def average(results: Sequence[TimelineScores]) -> TimelineScores:
    """Mean precision and mean recall over topics for each measure (F is taken from the means)."""
    if not results:
        zero = PRF(0.0, 0.0)
        return TimelineScores(zero, zero, zero)

    def mean(get: str) -> PRF:
        ps = [getattr(r, get) for r in results]
        return PRF(sum(x.precision for x in ps) / len(ps), sum(x.recall for x in ps) / len(ps))

    return TimelineScores(mean("ar1"), mean("ar2"), mean("dates"))
