"""What only the store knows, added to the generator's lines: context, entities, events.

* **Context**: each source sentence with the sentence before and after it in its article.
* **Entities** a line names: the entities stage's canonical names (tables ``mentions`` and
  ``entities``; named ones: not collective actors nor unresolved roles) when it has run, else the
  annotation's named entities (PER, ORG, LOC as written).
* **Events** of a date (events stage): through ``events_on(store, day)`` when that hook exists,
  kept when their article is in the chronology (and, for ``--about``, their sentence is one the
  chronology kept), one per (type, actors, recipients, trigger), most confident first.
"""

from __future__ import annotations

import importlib
import logging
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import timedelta
from typing import Any

from chronique.errors import ChroniqueError
from chronique.stages.timeline import Period
from chronique.store import Store
from chronique.timeline.corpus import Corpus, annotation_parts, has_table, rows_in
from chronique.timeline.model import EventRef, SourceRef

log = logging.getLogger(__name__)

#: Events shown under one date: the chronology's lines tell the story, the events index it.
MAX_EVENTS = 6
#: Named-entity labels of the annotation used when the entities stage has not run (MISC is too
#: mixed — nationalities, events, titles — to filter a chronology by).
NER_LABELS = frozenset({"PER", "ORG", "LOC"})


def source_ref(
    corpus: Corpus, article_id: str, start: int, end: int, outlet: str, source_id: str
) -> SourceRef:
    """A source sentence with its position and neighbours in its article."""
    art = corpus.articles.get(article_id)
    if art is None:
        return SourceRef(article_id, source_id, outlet, start, end, -1)
    starts = [s for s, _ in art.spans]
    import bisect

    i = bisect.bisect_left(starts, start)
    if i >= len(starts) or starts[i] != start:
        return SourceRef(article_id, source_id or art.source_id, outlet, start, end, -1)
    before = art.body[slice(*art.spans[i - 1])] if i > 0 else ""
    after = art.body[slice(*art.spans[i + 1])] if i + 1 < len(art.spans) else ""
    return SourceRef(
        article_id,
        source_id or art.source_id,
        outlet,
        start,
        end,
        i,
        " ".join(before.split()),
        " ".join(after.split()),
    )


class EntityIndex:
    """Entity names by article and offset, read once for the articles a chronology cites."""

    def __init__(self, store: Store, article_ids: Sequence[str]) -> None:
        self.by_article: dict[str, list[tuple[int, int, str]]] = {}
        self.source = "none"
        if self._from_entities(store, article_ids):
            self.source = "entities"
        elif self._from_annotation(store, article_ids):
            self.source = "annotation"

    def _from_entities(self, store: Store, ids: Sequence[str]) -> bool:
        if not (has_table(store, "mentions") and has_table(store, "entities")):
            return False
        # Named entities only: collective actors ("les rebelles" → ACT::REB) and unresolved roles
        # ("l'émissaire") are no names to filter a chronology by.
        sql = (
            'SELECT m.article_id, m.start, m."end", e.name FROM mentions m JOIN entities e ON e.id = m.entity_id '
            "WHERE m.article_id IN ({ids}) AND e.key NOT LIKE 'ACT:%' AND EXISTS (SELECT 1 FROM mentions n "
            "WHERE n.entity_id = e.id AND n.kind IN ('name', 'acronym')) ORDER BY m.article_id, m.start"
        )
        try:
            for r in rows_in(store, sql, ids):
                self.by_article.setdefault(r[0], []).append((r[1], r[2], r[3]))
        except sqlite3.Error:
            return False
        return bool(self.by_article)

    def _from_annotation(self, store: Store, ids: Sequence[str]) -> bool:
        bodies = {
            r[0]: r[1] for r in rows_in(store, "SELECT id, body FROM articles WHERE id IN ({ids})", ids)
        }
        for r in rows_in(store, "SELECT article_id, data FROM annotations WHERE article_id IN ({ids})", ids):
            _, ents = annotation_parts(r[1])
            body = bodies.get(r[0], "")
            for e in ents:
                if e[2] in NER_LABELS:
                    name = " ".join(body[e[0] : e[1]].split())
                    if name:
                        self.by_article.setdefault(r[0], []).append((e[0], e[1], name))
        return bool(self.by_article)

    def names(self, article_id: str, start: int, end: int) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for a, _b, name in self.by_article.get(article_id, ()):
            if start <= a < end:
                seen[name] = None
        return tuple(seen)


def events_hook() -> Callable[[Store, str], list[Any]] | None:
    """The events engineer's ``events_on(store, day)``, wherever it lives, or None."""
    for module in ("chronique.events", "chronique.store.events"):
        try:
            fn = getattr(importlib.import_module(module), "events_on", None)
        except ImportError:
            continue
        if callable(fn):
            return fn
    return None


def _inside(spans: Sequence[tuple[int, int]], offset: int) -> bool:
    import bisect

    i = bisect.bisect_right(spans, (offset, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= offset < spans[i][1]


def _days(p: Period) -> Iterable[str]:
    if p.precision in ("day", "interval"):
        for i in range(p.days):
            yield (p.begin + timedelta(days=i)).isoformat()
    else:  # a week or a month: the events dated to it as a whole (value "2019-W51", "2019-08")
        yield p.value


def events_for(
    store: Store,
    period: Period,
    articles: set[str],
    sentences: Mapping[str, Sequence[tuple[int, int]]] | None,
    hook: Callable[[Store, str], list[Any]],
) -> tuple[EventRef, ...]:
    """The events of ``period`` from ``articles`` (and, when given, from inside those sentences:
    article id → sorted (start, end) spans)."""
    found = []
    for day in _days(period):
        try:
            evs = hook(store, day)
        except (ChroniqueError, sqlite3.Error) as exc:
            log.debug("no events for %s: %s", day, exc)
            return ()
        for ev in evs:
            if ev.article_id not in articles:
                continue
            if sentences is not None and not _inside(sentences.get(ev.article_id, ()), ev.start):
                continue
            found.append(ev)
    seen: set[tuple[Any, ...]] = set()
    out: list[EventRef] = []
    for ev in sorted(found, key=lambda e: (-e.confidence, e.article_id, e.trigger_start)):
        actors = tuple(a.canonical or a.entity_text for a in ev.actor)
        recipients = tuple(a.canonical or a.entity_text for a in ev.recipient)
        key = (ev.event, actors, recipients, ev.event_text.lower())
        if key in seen:
            continue
        seen.add(key)
        flags = tuple(f for f in ("negated", "future", "hypothetical") if getattr(ev, f))
        place = ev.event_loc.canonical or ev.event_loc.text if ev.event_loc else ""
        out.append(
            EventRef(
                ev.event,
                ev.mode,
                ev.event_text,
                actors,
                recipients,
                place,
                ev.date.value,
                ev.article_id,
                ev.start,
                ev.end,
                ev.ceasefire,
                flags,
                round(float(ev.confidence), 3),
            )
        )
        if len(out) >= MAX_EVENTS:
            break
    out.sort(key=lambda e: (e.article_id, e.start))
    return tuple(out)
