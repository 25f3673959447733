"""Per-article jobs of stages 4 (dating) and 5 (timexes): pure functions from a batch of records to
the rows the store keeps.

They read and write nothing: the build's main process loads their inputs, maps them over its worker
processes (``chronique.pipeline``) and writes what they return, one transaction per batch; the same
functions can be mapped over a distributed engine.

* :func:`date_and_tag` — dating's per-article part (metadata, creation stamp, the text's clues read
  with the annotation's tense), and the timexes of each article whose date that settles;
* :func:`infer_dates` — dating's collection step for the dates not settled: inference with the
  span of the collection as context (the span itself is computed once, by the caller);
* :func:`tag_times` — the timexes of each article against the anchor the store holds for it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from chronique.models import Article
from chronique.stages import dating
from chronique.store import dates, timexes

#: (article id, packed publication date), as ``chronique.store.dates.insert`` takes them.
DatedRow = tuple[str, dates.Packed]
#: (article id, anchor, packed timexes), as ``chronique.store.timexes.insert`` takes them.
TaggedRow = tuple[str, str, list[timexes.Packed]]


@dataclass(frozen=True, slots=True)
class ToDate:
    """An article to date, with its stored annotation (undecoded; ``None`` without one) and the
    (tagger component, anchor) of its stored timexes (``None`` without any)."""

    article: Article
    annotation: bytes | None = None
    tagged: tuple[str, str] | None = None


@dataclass(slots=True)
class Rows:
    """What a job computed for a batch, ready for the store."""

    dated: list[DatedRow] = field(default_factory=list)
    tagged: list[TaggedRow] = field(default_factory=list)


def anchor_day(value: str) -> date | None:
    """The day a timex is resolved against: the publication day, or the first day it may be."""
    if not value:
        return None
    head = value.split("/")[0]
    try:
        return date.fromisoformat(
            head if len(head) == 10 else (head + "-01")[:10] if len(head) == 7 else head + "-01-01"
        )
    except ValueError:
        return None


def _tense(article: Article, blob: bytes | None) -> Callable[[int], str] | None:
    if blob is None:
        return None
    from chronique.stages.annotate import Annotation

    return Annotation.from_bytes(article.id, article.body, blob).tense_at


def _tag(article: Article, anchor: str, tense_at: Callable[[int], str] | None) -> TaggedRow:
    from chronique.time import tag

    found = tag(article.body, anchor_day(anchor), lang=article.lang or "fr", tense=tense_at)
    return article.id, anchor, [timexes.pack(t) for t in found]


def date_and_tag(items: Sequence[ToDate]) -> Rows:
    """Date each article as far as it alone allows; tag the timexes of those whose date is settled
    (a day from metadata or a stamp: the collection step will not change it), unless the store
    already holds them from the same tagger and anchor."""
    from chronique.time import COMPONENT

    out = Rows()
    for item in items:
        a = item.article
        tense_at = _tense(a, item.annotation)
        pd, found = dating.per_article(a, tense_at)
        out.dated.append((a.id, dates.pack(pd, found)))
        if dating.settled(pd) and item.tagged != (COMPONENT, pd.value):
            out.tagged.append(_tag(a, pd.value, tense_at))
    return out


def infer_dates(
    items: Sequence[tuple[Article, list[dating.Clue], dating.PubDate]], context: dating.Context | None
) -> list[DatedRow]:
    """The collection step for (article, stored clues, stored date): the rows whose date changes."""
    out: list[DatedRow] = []
    for article, found, current in items:
        inferred = dating.in_context(article, found, context)
        if inferred != current:
            out.append((article.id, dates.pack(inferred, found)))
    return out


def tag_times(items: Sequence[tuple[Article, bytes | None, str]]) -> Rows:
    """The timexes of each (article, stored annotation, anchor)."""
    return Rows(tagged=[_tag(a, anchor, _tense(a, blob)) for a, blob, anchor in items])
