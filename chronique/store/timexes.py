"""Store functions for temporal expressions (tables ``timexes`` and ``timex_runs``)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import fields
from operator import attrgetter
from typing import Any

from chronique.errors import StoreError
from chronique.store.db import Store
from chronique.time.model import Timex

_COLS = [f.name for f in fields(Timex)]

#: One timex as its columns (every field of :class:`Timex` is a plain value, so no deep copy is
#: needed: ``dataclasses.astuple`` costs more than the tagging of short texts).
Packed = tuple[Any, ...]
_fields = attrgetter(*_COLS)


def pack(t: Timex) -> Packed:
    """The columns of one timex, in table order."""
    return tuple(_fields(t))


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


def tagged(store: Store, ids: Sequence[str]) -> dict[str, tuple[str, str]]:
    """(component, anchor) of the stored timexes of each article of ``ids`` that has them."""
    rows = store.db.execute(
        f"SELECT article_id, component, anchor FROM timex_runs WHERE article_id IN ({','.join('?' * len(ids))})",
        ids,
    )
    return {r["article_id"]: (r["component"], r["anchor"]) for r in rows}


def insert(
    db: sqlite3.Connection, run_id: int, component: str, rows: Sequence[tuple[str, str, Sequence[Packed]]]
) -> None:
    """Replace the timexes of each (article id, anchor, packed timexes), inside the caller's transaction."""
    db.executemany("DELETE FROM timexes WHERE article_id=?", [(aid,) for aid, _, _ in rows])
    db.executemany(
        f"""INSERT OR IGNORE INTO timexes (article_id, {", ".join('"end"' if c == "end" else c for c in _COLS)})
            VALUES (?, {", ".join("?" * len(_COLS))})""",
        [(aid, *t) for aid, _, found in rows for t in found],
    )
    db.executemany(
        "INSERT OR REPLACE INTO timex_runs (article_id, component, anchor, run_id) VALUES (?,?,?,?)",
        [(aid, component, anchor, run_id) for aid, anchor, _ in rows],
    )


def write(
    store: Store, run_id: int, component: str, rows: Sequence[tuple[str, str, Sequence[Timex]]]
) -> None:
    """Replace the timexes of each (article id, anchor, timexes) in one transaction."""
    try:
        with store.db:
            insert(
                store.db,
                run_id,
                component,
                [(aid, anchor, [pack(t) for t in found]) for aid, anchor, found in rows],
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
