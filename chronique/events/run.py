"""The collection driver of the events stage: read stored articles, code them, write their events.

:func:`run_events` is what the build calls after the annotate, dating (and entities) stages. It reads
each article with its annotation, its publication date and — when the entities and timex stages
stored them — its mentions and temporal expressions (computing them when they are not stored), codes
the article
(:func:`chronique.stages.events.code_events`) and writes through :mod:`chronique.store.events`, one
transaction per batch.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from chronique.events import adapters
from chronique.events.model import Event
from chronique.settings import Settings
from chronique.stages.events import COMPONENT, code_events
from chronique.store import Store
from chronique.store import dates as store_dates
from chronique.store import events as store_events

log = logging.getLogger(__name__)


@dataclass
class EventReport:
    """What a run of the events stage did, and where its time went."""

    articles_coded: int = 0
    events: int = 0
    by_type: dict[str, int] = field(default_factory=dict)
    ceasefire_events: int = 0
    skipped_no_annotation: int = 0
    errors: int = 0  # articles the coder failed on (logged with their traceback)
    entities: str = "none"  # stored | computed | none: where the actors' names came from
    timexes: str = "none"  # stored | computed | none: where the temporal expressions came from
    seconds: float = 0.0
    seconds_reading: float = 0.0
    seconds_entities: float = 0.0
    seconds_timexes: float = 0.0
    seconds_coding: float = 0.0
    seconds_writing: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _stored_mentions(store: Store, ids: Sequence[str]) -> dict[str, list[Any]] | None:
    """The entities stage's stored mentions of these articles, or ``None`` if it has not run."""
    try:
        from chronique.store import entities as store_entities
    except ImportError:
        return None
    try:
        found = store_entities.mentions(store, ids)
    except sqlite3.Error as exc:  # a store made before the entities stage: compute instead
        log.debug("no stored mentions (%s)", exc)
        return None
    return found or None


def _stored_timexes(store: Store, ids: Sequence[str]) -> dict[str, list[Any]]:
    """The temporal expressions the build's timex stage stored for these articles (those it tagged)."""
    try:
        from chronique.store import timexes as store_timexes
    except ImportError:
        return {}
    try:
        q = f"SELECT article_id FROM timex_runs WHERE article_id IN ({','.join('?' * len(ids))})"
        tagged = [r[0] for r in store.db.execute(q, list(ids))] if ids else []
        return {aid: store_timexes.of_article(store, aid) for aid in tagged}
    except sqlite3.Error as exc:  # a store made before the timex stage: tag instead
        log.debug("no stored timexes (%s)", exc)
        return {}


def run_events(
    store: Store,
    settings: Settings,
    run_id: int,
    *,
    progress: Callable[[str, int], None] | None = None,
    entities: bool = True,
    timexes: bool = True,
) -> EventReport:
    """Code every annotated article not yet coded by the current component; return the report.

    ``entities`` and ``timexes`` switch the other stages off (for measuring them apart).
    """
    t0 = time.perf_counter()
    report = EventReport()
    component = COMPONENT + ("+learned" if settings.events_learned else "")
    todo = store_events.uncoded(store, component)
    types: Counter[str] = Counter()
    for i in range(0, len(todo), settings.batch_size):
        ids = todo[i : i + settings.batch_size]
        t = time.perf_counter()
        arts = list(store.articles(ids=ids))
        anns = {a.id: store.annotation(a) for a in arts}
        pubs = {a.id: store_dates.get(store, a.id) for a in arts}
        stored = _stored_mentions(store, ids) if entities else None
        versions = store_events.mention_components(store, ids) if stored is not None else {}
        stored_tx = _stored_timexes(store, ids) if timexes else {}
        report.seconds_reading += time.perf_counter() - t
        rows: list[tuple[str, list[Event]]] = []
        for a in arts:
            ann = anns[a.id]
            if ann is None:
                report.skipped_no_annotation += 1
                continue
            pub = pubs[a.id]
            t = time.perf_counter()
            ments = None
            if entities:
                if stored is not None and a.id in stored:
                    ments, report.entities = stored[a.id], "stored"
                else:
                    ments = adapters.mentions(a, ann)
                    if ments is not None and report.entities != "stored":
                        report.entities = "computed"
            t1 = time.perf_counter()
            tx: list[Any] | None
            if a.id in stored_tx:
                tx, report.timexes = stored_tx[a.id], "stored"
            else:
                tx = adapters.timexes(a, ann, pub) if timexes else None
                if tx is not None and report.timexes != "stored":
                    report.timexes = "computed"
            t2 = time.perf_counter()
            try:
                evs = code_events(a, ann, pub, ments, tx, learned=settings.events_learned)
            except Exception:  # one article the coder cannot read must not stop a collection
                log.exception("coding events of article %s (%s) failed", a.id, a.source_id)
                report.errors += 1
                evs = []
            t3 = time.perf_counter()
            report.seconds_entities += t1 - t
            report.seconds_timexes += t2 - t1
            report.seconds_coding += t3 - t2
            rows.append((a.id, evs))
            types.update(e.event for e in evs)
            report.ceasefire_events += sum(1 for e in evs if e.ceasefire)
        t = time.perf_counter()
        used = {aid: versions[aid] for aid, _ in rows if aid in versions}
        report.events += store_events.write(store, run_id, component, rows, used)
        report.seconds_writing += time.perf_counter() - t
        report.articles_coded += len(rows)
        if progress:
            progress("events", len(ids))
    report.by_type = dict(types.most_common())
    report.seconds = time.perf_counter() - t0
    return report
