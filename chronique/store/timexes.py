"""Store functions for temporal expressions (tables ``timexes`` and ``timex_runs``)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import astuple, fields

from chronique.errors import StoreError
from chronique.store.db import Store
from chronique.time.model import Timex

_COLS = [f.name for f in fields(Timex)]


def to_tag(store: Store, component: str) -> list[tuple[str, str]]:
    """(article id, anchor) of the articles whose timexes are missing, stale, or made against another anchor."""
    rows = store.db.execute(
        """SELECT a.id, COALESCE(p.value, '') AS anchor, p.precision FROM articles a
           LEFT JOIN pubdates p ON p.article_id = a.id
           LEFT JOIN timex_runs t ON t.article_id = a.id
           WHERE t.article_id IS NULL OR t.component != ? OR t.anchor != COALESCE(p.value, '')
           ORDER BY a.rowid""",
        (component,),
    )
    return [(r["id"], r["anchor"]) for r in rows]


def write(
    store: Store, run_id: int, component: str, rows: Sequence[tuple[str, str, Sequence[Timex]]]
) -> None:
    """Replace the timexes of each (article id, anchor, timexes) in one transaction."""
    try:
        with store.db:
            for aid, anchor, found in rows:
                store.db.execute("DELETE FROM timexes WHERE article_id=?", (aid,))
                store.db.executemany(
                    f"""INSERT OR IGNORE INTO timexes (article_id, {", ".join('"end"' if c == "end" else c for c in _COLS)})
                        VALUES (?, {", ".join("?" * len(_COLS))})""",
                    [(aid, *astuple(t)) for t in found],
                )
                store.db.execute(
                    "INSERT OR REPLACE INTO timex_runs (article_id, component, anchor, run_id) VALUES (?,?,?,?)",
                    (aid, component, anchor, run_id),
                )
    except sqlite3.Error as exc:
        raise StoreError(
            f"writing timexes to {store.path} failed, nothing of this batch was kept: {exc}"
        ) from exc


def of_article(store: Store, article_id: str) -> list[Timex]:
    rows = store.db.execute(
        f"SELECT {', '.join(chr(34) + c + chr(34) for c in _COLS)} FROM timexes WHERE article_id=? ORDER BY start",
        (article_id,),
    )
    return [Timex(*tuple(r)) for r in rows]


def count(store: Store) -> int:
    return int(store.db.execute("SELECT count(*) FROM timexes").fetchone()[0])
