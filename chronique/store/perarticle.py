"""Inputs and outputs of the per-article jobs of a build (publication dates, timexes).

The main process reads a batch's inputs here (articles come from :meth:`Store.articles`), hands
them to the workers, and writes what they computed, every row of a batch in one transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from chronique.errors import StoreError
from chronique.store import dates, timexes
from chronique.store.db import Store


def annotation_blobs(store: Store, ids: Sequence[str]) -> dict[str, bytes]:
    """The stored annotation of each article of ``ids`` that has one, undecoded (a worker decodes it)."""
    rows = store.db.execute(
        f"SELECT article_id, data FROM annotations WHERE article_id IN ({','.join('?' * len(ids))})", ids
    )
    return {r["article_id"]: r["data"] for r in rows}


def write(
    store: Store,
    run_id: int,
    dated: tuple[str, Sequence[tuple[str, dates.Packed]]],
    tagged: tuple[str, Sequence[tuple[str, str, Sequence[timexes.Packed]]]],
) -> None:
    """Write (component, rows) of publication dates and of timexes in one transaction."""
    try:
        with store.db:
            if dated[1]:
                dates.insert(store.db, run_id, *dated)
            if tagged[1]:
                timexes.insert(store.db, run_id, *tagged)
    except sqlite3.Error as exc:
        raise StoreError(
            f"writing publication dates and timexes to {store.path} failed, nothing of this batch was kept: {exc}"
        ) from exc
