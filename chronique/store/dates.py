"""Store functions for publication dates (table ``pubdates``)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import fields
from datetime import date

from chronique.errors import StoreError
from chronique.stages.dating import Clue, PubDate
from chronique.store.db import Store

#: A publication date as its columns: value, precision, begin, end, method, source, confidence,
#: evidence, flags and clues (the last three as JSON). Pure to compute, so workers compute it.
Packed = tuple[str, str, str, str, str, str, float, str, str, str]

#: The dates the collection step leaves alone (``chronique.stages.dating.settled``).
_SETTLED = "precision = 'day' AND method IN ('metadata', 'header-stamp')"

#: Every field of :class:`Clue` is a plain value: a shallow dict is what ``asdict`` would give, at a
#: fraction of its cost (it deep-copies), and the build packs some ten clues per article.
_CLUE_FIELDS = [f.name for f in fields(Clue)]


def undated(store: Store, component: str) -> list[str]:
    """Articles with no publication date from ``component`` yet."""
    q = """SELECT a.id FROM articles a LEFT JOIN pubdates p ON p.article_id = a.id
           WHERE p.article_id IS NULL OR p.component != ? ORDER BY a.rowid"""
    return [r[0] for r in store.db.execute(q, (component,))]


def pack(pd: PubDate, found: Sequence[Clue]) -> Packed:
    """The columns of one publication date and the clues it was read from."""
    return (
        pd.value,
        pd.precision,
        pd.begin,
        pd.end,
        pd.method,
        pd.source,
        pd.confidence,
        json.dumps(list(pd.evidence), ensure_ascii=False),
        json.dumps(list(pd.flags), ensure_ascii=False),
        json.dumps([{k: getattr(c, k) for k in _CLUE_FIELDS} for c in found], ensure_ascii=False),
    )


def insert(db: sqlite3.Connection, run_id: int, component: str, rows: Sequence[tuple[str, Packed]]) -> None:
    """Insert or replace packed (article id, date) rows, inside the caller's transaction."""
    db.executemany(
        """INSERT OR REPLACE INTO pubdates (article_id, component, value, precision, begin, "end", method,
           source, confidence, evidence, flags, clues, run_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)""",
        [(aid, component, *packed, run_id) for aid, packed in rows],
    )


def write(
    store: Store, run_id: int, component: str, rows: Sequence[tuple[str, PubDate, Sequence[Clue]]]
) -> None:
    """Store (article id, date, clues) rows in one transaction."""
    try:
        with store.db:
            insert(store.db, run_id, component, [(aid, pack(pd, found)) for aid, pd, found in rows])
    except sqlite3.Error as exc:
        raise StoreError(
            f"writing publication dates to {store.path} failed, nothing of this batch was kept: {exc}"
        ) from exc


def _row(r: sqlite3.Row) -> PubDate:
    return PubDate(
        r["value"],
        r["precision"],
        r["begin"],
        r["end"],
        r["method"],
        r["source"],
        r["confidence"],
        tuple(json.loads(r["evidence"])),
        tuple(json.loads(r["flags"])),
    )


def get(store: Store, article_id: str) -> PubDate | None:
    r = store.db.execute("SELECT * FROM pubdates WHERE article_id=?", (article_id,)).fetchone()
    return _row(r) if r else None


def all_dates(store: Store) -> dict[str, PubDate]:
    return {r["article_id"]: _row(r) for r in store.db.execute("SELECT * FROM pubdates")}


def known_span(store: Store) -> tuple[date, date] | None:
    """The first and last publication days read from metadata or stamps (the collection's span)."""
    first, last = store.db.execute(f"SELECT min(value), max(value) FROM pubdates WHERE {_SETTLED}").fetchone()
    return (date.fromisoformat(first), date.fromisoformat(last)) if first else None


def unsettled(store: Store) -> list[str]:
    """Articles whose date is not a day read from metadata or a stamp: the collection step's work."""
    return [
        r[0]
        for r in store.db.execute(f"SELECT article_id FROM pubdates WHERE NOT ({_SETTLED}) ORDER BY rowid")
    ]


def with_clues(store: Store, ids: Sequence[str]) -> dict[str, tuple[list[Clue], PubDate]]:
    """The stored clues and date of each article of ``ids`` that has a date."""
    rows = store.db.execute(f"SELECT * FROM pubdates WHERE article_id IN ({','.join('?' * len(ids))})", ids)
    return {r["article_id"]: ([Clue(**c) for c in json.loads(r["clues"])], _row(r)) for r in rows}
