"""Store functions for publication dates (table ``pubdates``)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import asdict

from chronique.errors import StoreError
from chronique.stages.dating import Clue, PubDate
from chronique.store.db import Store


def undated(store: Store, component: str) -> list[str]:
    """Articles with no publication date from ``component`` yet."""
    q = """SELECT a.id FROM articles a LEFT JOIN pubdates p ON p.article_id = a.id
           WHERE p.article_id IS NULL OR p.component != ? ORDER BY a.rowid"""
    return [r[0] for r in store.db.execute(q, (component,))]


def write(
    store: Store, run_id: int, component: str, rows: Sequence[tuple[str, PubDate, Sequence[Clue]]]
) -> None:
    try:
        with store.db:
            store.db.executemany(
                """INSERT OR REPLACE INTO pubdates (article_id, component, value, precision, begin, "end", method,
                   source, confidence, evidence, flags, clues, run_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)""",
                [
                    (
                        aid,
                        component,
                        pd.value,
                        pd.precision,
                        pd.begin,
                        pd.end,
                        pd.method,
                        pd.source,
                        pd.confidence,
                        json.dumps(list(pd.evidence), ensure_ascii=False),
                        json.dumps(list(pd.flags), ensure_ascii=False),
                        json.dumps([asdict(c) for c in found], ensure_ascii=False),
                        run_id,
                    )
                    for aid, pd, found in rows
                ],
            )
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


def needing_inference(store: Store) -> list[tuple[str, list[Clue], PubDate]]:
    """Articles whose date is not a day read from metadata or a stamp, with their stored clues."""
    rows = store.db.execute(
        "SELECT * FROM pubdates WHERE NOT (precision = 'day' AND method IN ('metadata', 'header-stamp'))"
    )
    return [(r["article_id"], [Clue(**c) for c in json.loads(r["clues"])], _row(r)) for r in rows]
