"""Store functions for wire-copy groups, repeated sentences and stories (migration ``004_dedupe_stories``).

Each ``write_*`` replaces what an earlier run wrote, in one transaction: the groups and stories
always describe the store as of the last run of their stage.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from chronique.errors import StoreError
from chronique.models import Article
from chronique.store.db import Store

if TYPE_CHECKING:
    from chronique.stages.cluster import Story
    from chronique.stages.dedupe import DedupeResult, Occurrence


def write_dedupe(store: Store, run_id: int, result: DedupeResult, component: str) -> None:
    sizes = Counter(result.groups.values())
    try:
        with store.db:
            store.db.execute("DELETE FROM dup_groups")
            store.db.execute("DELETE FROM dup_pairs")
            store.db.execute("DELETE FROM sentence_groups")
            store.db.executemany(
                "INSERT INTO dup_groups (article_id, group_id, size, component, run_id) VALUES (?,?,?,?,?)",
                [(a, g, sizes[g], component, run_id) for a, g in sorted(result.groups.items())],
            )
            store.db.executemany(
                "INSERT OR REPLACE INTO dup_pairs (a, b, kind, similarity, run_id) VALUES (?,?,?,?,?)",
                [(p.a, p.b, p.kind, round(p.similarity, 4), run_id) for p in result.pairs],
            )
            store.db.executemany(
                'INSERT OR IGNORE INTO sentence_groups (key, article_id, start, "end", run_id) VALUES (?,?,?,?,?)',
                [
                    (key, o.article_id, o.start, o.end, run_id)
                    for key, occ in sorted(result.sentences.items())
                    for o in occ
                ],
            )
    except sqlite3.Error as exc:
        raise StoreError(f"writing duplicate groups to {store.path} failed, nothing was kept: {exc}") from exc


def groups(store: Store) -> dict[str, str]:
    """Article id → group id (empty when the dedupe stage has not run)."""
    return {r[0]: r[1] for r in store.db.execute("SELECT article_id, group_id FROM dup_groups")}


def group_members(store: Store, min_size: int = 2) -> dict[str, list[str]]:
    """Group id → its articles, for the groups of at least ``min_size`` articles."""
    out: dict[str, list[str]] = {}
    for r in store.db.execute(
        "SELECT group_id, article_id FROM dup_groups WHERE size >= ? ORDER BY group_id, article_id",
        (min_size,),
    ):
        out.setdefault(r[0], []).append(r[1])
    return out


def sentence_group(store: Store, key: str) -> list[Occurrence]:
    """Where a sentence (by :func:`chronique.stages.dedupe.sentence_key`) occurs in several articles."""
    from chronique.stages.dedupe import Occurrence

    rows = store.db.execute(
        'SELECT article_id, start, "end" FROM sentence_groups WHERE key=? ORDER BY article_id, start', (key,)
    )
    return [Occurrence(r[0], r[1], r[2]) for r in rows]


def cached_vectors(store: Store, keys: Sequence[str], component: str) -> dict[str, bytes]:
    """The stored vectors (float32 bytes) of the texts whose keys are given, for this encoder."""
    if not has_table(store, "embeddings"):
        return {}
    out: dict[str, bytes] = {}
    uniq = list(dict.fromkeys(keys))
    for i in range(0, len(uniq), 500):
        chunk = uniq[i : i + 500]
        marks = ",".join("?" * len(chunk))
        for key, blob in store.db.execute(
            f"SELECT text_key, vector FROM embeddings WHERE component = ? AND text_key IN ({marks})",
            [component, *chunk],
        ):
            out[key] = blob
    return out


def write_vectors(store: Store, rows: Sequence[tuple[str, bytes]], component: str) -> None:
    """Keep the vectors of newly embedded texts (one transaction)."""
    if not rows or not has_table(store, "embeddings"):
        return
    try:
        with store.db:
            store.db.executemany(
                "INSERT OR REPLACE INTO embeddings (text_key, component, vector) VALUES (?,?,?)",
                [(k, component, v) for k, v in rows],
            )
    except sqlite3.Error as exc:
        raise StoreError(f"writing text vectors to {store.path} failed, nothing was kept: {exc}") from exc


def write_stories(store: Store, run_id: int, stories: list[Story], component: str) -> None:
    try:
        with store.db:
            store.db.execute("DELETE FROM story_articles")
            store.db.execute("DELETE FROM stories")
            for s in stories:
                store.db.execute(
                    """INSERT INTO stories (id, label, label_article, size, sources, first_date, last_date,
                       entities, keywords, component, run_id) VALUES (?,?,?,?,?,?,?,?,?,?,?)""",
                    (
                        s.id,
                        s.label,
                        s.label_article,
                        len(s.articles),
                        s.sources,
                        s.first.isoformat() if s.first else "",
                        s.last.isoformat() if s.last else "",
                        json.dumps(s.entities, ensure_ascii=False),
                        json.dumps(s.keywords, ensure_ascii=False),
                        component,
                        run_id,
                    ),
                )
                store.db.executemany(
                    "INSERT INTO story_articles (story_id, article_id, similarity) VALUES (?,?,?)",
                    [(s.id, a, round(sim, 4)) for a, sim in s.articles],
                )
    except sqlite3.Error as exc:
        raise StoreError(f"writing stories to {store.path} failed, nothing was kept: {exc}") from exc


@dataclass(frozen=True, slots=True)
class StoryRow:
    """A stored story, as ``chronique stories`` lists it."""

    id: int
    label: str
    label_article: str
    size: int
    sources: int
    first_date: str
    last_date: str
    entities: list[tuple[str, int]]
    keywords: list[tuple[str, float]]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "label_article": self.label_article,
            "size": self.size,
            "sources": self.sources,
            "span": [self.first_date, self.last_date],
            "entities": [list(e) for e in self.entities],
            "keywords": [list(k) for k in self.keywords],
        }


def stories(store: Store, *, min_size: int = 1, limit: int | None = None) -> list[StoryRow]:
    """Stored stories, largest first."""
    if not has_table(store, "stories"):
        return []
    q = "SELECT * FROM stories WHERE size >= ? ORDER BY size DESC, id"
    args: list[Any] = [min_size]
    if limit is not None:
        q += " LIMIT ?"
        args.append(limit)
    return [
        StoryRow(
            r["id"],
            r["label"],
            r["label_article"],
            r["size"],
            r["sources"],
            r["first_date"],
            r["last_date"],
            [(e[0], e[1]) for e in json.loads(r["entities"])],
            [(k[0], k[1]) for k in json.loads(r["keywords"])],
        )
        for r in store.db.execute(q, args)
    ]


def story_articles(store: Store, story_id: int) -> list[str]:
    return [
        r[0]
        for r in store.db.execute(
            "SELECT article_id FROM story_articles WHERE story_id=? ORDER BY similarity DESC, article_id",
            (story_id,),
        )
    ]


def has_table(store: Store, name: str) -> bool:
    row = store.db.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (name,)).fetchone()
    return row is not None


def pub_dates(store: Store) -> dict[str, date]:
    """Article id → publication day from the dating stage (``pubdates``), day precision only.

    Empty when that stage has not run; callers fall back on the article's metadata.
    """
    if not has_table(store, "pubdates"):
        return {}
    out = {}
    for r in store.db.execute("SELECT article_id, value FROM pubdates WHERE precision = 'day'"):
        try:
            out[r[0]] = date.fromisoformat(r[1][:10])
        except ValueError:
            continue
    return out


def pub_date_lookup(store: Store) -> Callable[[Article], date | None]:
    """The publication-day hook for stored articles: the dating stage's day, else the metadata's."""
    from chronique.stories.sentences import pub_date as meta_date

    known = pub_dates(store)

    def lookup(article: Article) -> date | None:
        return known.get(article.id) or meta_date(article)

    return lookup


def entities(store: Store) -> dict[str, list[str]] | None:
    """Article id → the canonical names of its entities, when the entities stage has stored them.

    The hook for the entities stage (tables ``entities`` and ``entity_articles`` of migration
    ``003_entities``); ``None`` when they are absent or empty, and the stories fall back on the
    annotation's named entities, then on keywords.
    """
    if not (has_table(store, "entities") and has_table(store, "entity_articles")):
        return None
    out: dict[str, list[str]] = {}
    try:
        rows = store.db.execute(
            "SELECT ea.article_id, e.name FROM entity_articles ea JOIN entities e ON e.id = ea.entity_id "
            "ORDER BY ea.article_id, e.name"
        )
        for article_id, name in rows:
            if name:
                out.setdefault(article_id, []).append(str(name))
    except sqlite3.Error:  # another schema than the one this hook knows: stories go without
        return None
    return out or None
