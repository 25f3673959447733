"""Store functions for the events stage (tables ``events`` and ``event_articles``, migration ``006_events``).

Writes are batched: one transaction per batch of articles, which replaces those articles' events
and records them as coded by the component (also when they have none), so a killed run loses at
most its current batch and the next run codes only what is left.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from chronique.errors import StoreError
from chronique.events.model import Actor, Event, EventDate, Place
from chronique.store.db import Store


@dataclass(frozen=True, slots=True)
class Cite:
    """Where an event was read: PLOVER's ``cite_info``."""

    article_id: str
    source_id: str  # the input's own id: the record's id field, or the file path
    source_path: str
    outlet: str
    url: str
    lang: str
    title: str
    sentence_start: int
    sentence_end: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """An event with where it was read; ``copies``: the same event read in the same sentence of
    other articles (a wire dispatch republished), when the export merges them."""

    event: Event
    cite: Cite
    component: str = ""
    copies: tuple[Cite, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        d = self.event.to_dict()
        d["cite_info"] = self.cite.to_dict()
        d["n_articles"] = 1 + len(self.copies)
        d["copies"] = [c.to_dict() for c in self.copies]
        return d


def uncoded(store: Store, component: str) -> list[str]:
    """Annotated articles not yet coded by ``component``, or coded with the mentions of another
    version of the entities stage than the stored one."""
    q = """SELECT a.id FROM articles a JOIN annotations n ON n.article_id = a.id
           LEFT JOIN event_articles e ON e.article_id = a.id
           LEFT JOIN mention_articles m ON m.article_id = a.id
           WHERE e.article_id IS NULL OR e.component != ?
              OR (m.component IS NOT NULL AND m.component != e.entities)
           ORDER BY a.rowid"""
    return [r[0] for r in store.db.execute(q, (component,))]


def mention_components(store: Store, ids: Sequence[str]) -> dict[str, str]:
    """Article id → the version of the entities stage whose mentions are stored for it."""
    out: dict[str, str] = {}
    for i in range(0, len(ids), 500):
        chunk = list(ids[i : i + 500])
        marks = ",".join("?" * len(chunk))
        for aid, comp in store.db.execute(
            f"SELECT article_id, component FROM mention_articles WHERE article_id IN ({marks})", chunk
        ):
            out[aid] = comp
    return out


def _actors(actors: Sequence[Actor]) -> str:
    return json.dumps(
        [{**a.to_dict(), "start": a.start, "end": a.end, "source": a.source} for a in actors],
        ensure_ascii=False,
    )


def write(
    store: Store,
    run_id: int,
    component: str,
    rows: Sequence[tuple[str, Sequence[Event]]],
    entities: Mapping[str, str] | None = None,
) -> int:
    """Replace the events of the articles in ``rows`` in one transaction; return how many were written.

    ``entities`` maps article ids to the version of the entities stage whose stored mentions gave
    the actors (absent: computed on the fly, or none)."""
    ids = [aid for aid, _ in rows]
    n = 0
    try:
        with store.db:
            for i in range(0, len(ids), 500):
                chunk = ids[i : i + 500]
                store.db.execute(
                    f"DELETE FROM events WHERE article_id IN ({','.join('?' * len(chunk))})", chunk
                )
            values = []
            for _aid, events in rows:
                for e in events:
                    values.append(
                        (
                            e.id,
                            e.article_id,
                            e.sentence,
                            e.start,
                            e.end,
                            e.trigger_start,
                            e.trigger_end,
                            e.event_text,
                            e.event,
                            e.mode,
                            json.dumps(list(e.context)),
                            _actors(e.actor),
                            _actors(e.recipient),
                            json.dumps(e.event_loc.to_dict(), ensure_ascii=False) if e.event_loc else None,
                            e.date.value,
                            e.date.precision,
                            e.date.rule,
                            e.date.timex,
                            int(e.negated),
                            int(e.future),
                            int(e.hypothetical),
                            e.quad,
                            e.confidence,
                            e.ceasefire,
                            e.rule,
                            component,
                            run_id,
                        )
                    )
            store.db.executemany(
                f"INSERT OR REPLACE INTO events VALUES ({','.join('?' * 27)})",
                values,
            )
            n = len(values)
            store.db.executemany(
                "INSERT OR REPLACE INTO event_articles (article_id, component, events, run_id, entities)"
                " VALUES (?,?,?,?,?)",
                [(aid, component, len(evs), run_id, (entities or {}).get(aid, "")) for aid, evs in rows],
            )
    except sqlite3.Error as exc:
        raise StoreError(
            f"writing events to {store.path} failed, nothing of this batch was kept: {exc}"
        ) from exc
    return n


_SELECT = """SELECT e.*, a.body, a.source_id, a.source_path, a.outlet, a.lang, a.title, a.meta
             FROM events e JOIN articles a ON a.id = e.article_id"""


def _event(r: sqlite3.Row) -> StoredEvent:
    loc = json.loads(r["event_loc"]) if r["event_loc"] else None
    ev = Event(
        article_id=r["article_id"],
        sentence=r["sentence"],
        start=r["sent_start"],
        end=r["sent_end"],
        event=r["event"],
        mode=r["mode"],
        actor=tuple(Actor.from_dict(a) for a in json.loads(r["actor"])),
        recipient=tuple(Actor.from_dict(a) for a in json.loads(r["recipient"])),
        event_loc=Place.from_dict(loc) if loc else None,
        date=EventDate(r["date"], r["date_precision"], r["date_rule"], r["date_text"]),
        event_text=r["event_text"],
        trigger_start=r["trigger_start"],
        trigger_end=r["trigger_end"],
        text=r["body"][r["sent_start"] : r["sent_end"]],
        negated=bool(r["negated"]),
        future=bool(r["future"]),
        hypothetical=bool(r["hypothetical"]),
        confidence=r["confidence"],
        ceasefire=r["ceasefire"],
        rule=r["rule"],
        context=tuple(json.loads(r["context"])),
    )
    meta = json.loads(r["meta"]) if r["meta"] else {}
    cite = Cite(
        r["article_id"],
        r["source_id"],
        r["source_path"],
        r["outlet"] or meta.get("outlet", ""),
        meta.get("url", ""),
        r["lang"] or "",
        r["title"] or "",
        r["sent_start"],
        r["sent_end"],
    )
    return StoredEvent(ev, cite, r["component"])


def query(
    store: Store,
    *,
    article_ids: Sequence[str] | None = None,
    day: str | None = None,
    types: Sequence[str] | None = None,
    ceasefire: bool = False,
    min_confidence: float | None = None,
    limit: int | None = None,
) -> Iterator[StoredEvent]:
    """Stored events with their citation, in article and text order.

    ``day`` keeps the events dated that day (``2016-12-07``; a value with a time or part of day on
    that day counts too); ``ceasefire`` only the ceasefire events; ``min_confidence`` those whose
    confidence (the probability that the event is right as coded) reaches it.
    """
    where: list[str] = []
    args: list[Any] = []
    if article_ids is not None:
        if not article_ids:
            return
        where.append(f"e.article_id IN ({','.join('?' * len(article_ids))})")
        args.extend(article_ids)
    if day:
        # The day and its parts ("2016-12-07", "2016-12-07TEV"): a range the date index answers
        # ("T" sorts after every character a day's value can end with, "U" right after it).
        where.append("(e.date = ? OR (e.date >= ? AND e.date < ?))")
        args.extend([day, day + "T", day + "U"])
    if types:
        where.append(f"e.event IN ({','.join('?' * len(types))})")
        args.extend(t.upper() for t in types)
    if ceasefire:
        where.append("e.ceasefire != ''")
    if min_confidence is not None:
        where.append("e.confidence >= ?")
        args.append(min_confidence)
    sql = _SELECT + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY a.rowid, e.trigger_start"
    if limit is not None:
        sql += " LIMIT ?"
        args.append(limit)
    try:
        rows = store.db.execute(sql, args).fetchall()
    except sqlite3.OperationalError as exc:
        raise StoreError(f"{store.path} has no events yet: run the events stage ({exc})") from exc
    for r in rows:
        yield _event(r)


def events_on(store: Store, day: str) -> list[Event]:
    """The events dated ``day`` (ISO ``YYYY-MM-DD``): what a chronology line of that date can show."""
    return [s.event for s in query(store, day=day[:10])]


def counts(store: Store) -> dict[str, int]:
    """Events per PLOVER type."""
    try:
        return {
            r[0]: r[1]
            for r in store.db.execute("SELECT event, count(*) FROM events GROUP BY event ORDER BY 2 DESC")
        }
    except sqlite3.OperationalError:
        return {}
