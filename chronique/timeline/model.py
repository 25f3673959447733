"""The records of a chronology built from the store: query, entries, lines, sources, events.

:class:`Timeline` is what :func:`chronique.timeline.build_timeline` returns and every export
renders; :meth:`Timeline.to_dict` is its JSON twin (every field, every offset). The generator's
own output (:class:`chronique.stages.timeline.Timeline`, days and sentences only) is turned into
this by adding what only the store knows: the input's ids, titles, the sentences around each line,
the entities each line names and the events of each date.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from chronique.errors import ChroniqueError
from chronique.stages.timeline import Period

#: Lines per date when the caller does not say: the best sentence and, when another independent
#: sentence adds something, a second one. More reads as a digest, not a chronology.
DEFAULT_PER_DATE = 2


class QueryError(ChroniqueError):
    """A chronology was asked for with options that cannot work together (the message says which)."""


@dataclass(frozen=True, slots=True)
class TimelineQuery:
    """What chronology to build.

    ``story``: only the articles of this story (``chronique stories``); ``about``: only what speaks
    of an entity, a place or keywords (see :mod:`chronique.timeline.about`); ``start``/``end``: only
    dates inside this span (ends included); ``n_dates``: how many dates (None: chosen from the data,
    :func:`chronique.stages.timeline.default_dates`); ``per_date``: at most this many lines a date;
    ``events``: show the events of each date when the events stage has run; ``article_ids``: only
    these stored articles (a selection made elsewhere: a search, a web page, a benchmark).
    """

    story: int | None = None
    about: str | None = None
    start: date | None = None
    end: date | None = None
    n_dates: int | None = None
    per_date: int = DEFAULT_PER_DATE
    lang: str = "fr"
    events: bool = True
    article_ids: tuple[str, ...] | None = None

    def check(self) -> None:
        """Raise :class:`QueryError` when the options cannot give a chronology."""
        if self.start and self.end and self.start > self.end:
            raise QueryError(f"--from {self.start} is after --to {self.end}: swap them")
        if self.n_dates is not None and self.n_dates < 1:
            raise QueryError(f"--dates must be 1 or more (got {self.n_dates})")
        if self.per_date < 1:
            raise QueryError(f"--per-date must be 1 or more (got {self.per_date})")
        if self.about is not None and not self.about.strip():
            raise QueryError("--about needs words: an entity, a place or keywords")

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["article_ids"] = list(self.article_ids) if self.article_ids is not None else None
        d["start"] = self.start.isoformat() if self.start else None
        d["end"] = self.end.isoformat() if self.end else None
        return d


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """An article a chronology cites. ``pub_date`` is ISO ("" when unknown)."""

    id: str
    source_id: str  # the input's own id (record id field, or the file path)
    title: str
    outlet: str
    agency: str
    pub_date: str
    url: str = ""
    group: str = ""  # wire-copy group (the group's first article id)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class SourceRef:
    """One sentence supporting a line: where it is (offsets in ``Article.body``) and what surrounds it."""

    article_id: str
    source_id: str
    outlet: str
    start: int
    end: int
    sentence: int  # index of the sentence in its article
    before: str = ""  # the sentence before it in the article ("" at the start)
    after: str = ""  # the sentence after it

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Line:
    """A sentence of the chronology with every sentence that supports it (the first is the one shown).

    ``evidence``: ``mention`` (the sentence names the date; ``date_text`` is how) or ``published``
    (a lead sentence of an article published that day). ``entities``: canonical names of the
    entities the sentence mentions."""

    text: str
    evidence: str
    score: float
    sources: tuple[SourceRef, ...]
    date_text: str = ""
    entities: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "evidence": self.evidence,
            "date_text": self.date_text,
            "score": self.score,
            "entities": list(self.entities),
            "sources": [s.to_dict() for s in self.sources],
        }


@dataclass(frozen=True, slots=True)
class EventRef:
    """An event of the date (events stage, PLOVER), from an article of the chronology."""

    type: str
    mode: str
    text: str  # the trigger's words
    actors: tuple[str, ...]
    recipients: tuple[str, ...]
    place: str
    date: str  # the event's TIMEX3 value
    article_id: str
    start: int  # the event's sentence, offsets in Article.body
    end: int
    ceasefire: str = ""
    flags: tuple[str, ...] = ()  # negated | future | hypothetical
    confidence: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["actors"], d["recipients"], d["flags"] = list(self.actors), list(self.recipients), list(self.flags)
        return d


@dataclass(frozen=True, slots=True)
class Entry:
    """A date of the chronology: its period, its lines, its events, how strongly it is supported."""

    period: Period
    lines: tuple[Line, ...]
    score: float
    sources: int  # independent sources (wire-copy groups) whose sentences are evidence for the date
    events: tuple[EventRef, ...] = ()

    @property
    def date(self) -> date:
        return self.period.begin

    @property
    def entities(self) -> list[str]:
        """The entities its lines name (what the page's entity filter reads), in order."""
        seen: dict[str, None] = {}
        for ln in self.lines:
            seen.update(dict.fromkeys(ln.entities))
        return list(seen)

    def to_dict(self) -> dict[str, Any]:
        p = self.period
        return {
            "date": p.value,
            "precision": p.precision,
            "begin": p.begin.isoformat(),
            "end": p.end.isoformat(),
            "score": self.score,
            "sources": self.sources,
            "lines": [ln.to_dict() for ln in self.lines],
            "events": [e.to_dict() for e in self.events],
        }


@dataclass(frozen=True)
class Timeline:
    """A chronology: dated entries in date order, each line with its sources, and what made it."""

    entries: tuple[Entry, ...]
    query: TimelineQuery
    title: str = ""
    articles: dict[str, ArticleRef] = field(default_factory=dict)  # every article a line or event cites
    stats: dict[str, Any] = field(default_factory=dict)
    params: dict[str, Any] = field(default_factory=dict)

    def entity_counts(self) -> list[tuple[str, int]]:
        """Entities by the number of entries that mention them, most first (ties by name)."""
        counts: dict[str, int] = {}
        for e in self.entries:
            for name in e.entities:
                counts[name] = counts.get(name, 0) + 1
        return sorted(counts.items(), key=lambda x: (-x[1], x[0]))

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "query": self.query.to_dict(),
            "params": self.params,
            "stats": self.stats,
            "entries": [e.to_dict() for e in self.entries],
            "articles": {k: v.to_dict() for k, v in sorted(self.articles.items())},
        }
