"""Store functions for the entities stage: mentions, canonical entities, and queries over them.

Tables (migration ``003_entities``): ``mentions`` (every mention, offsets in ``articles.body``),
``mention_articles`` (whose mentions are current), ``entities`` and ``entity_articles``. Linking is
over the whole collection, so each run rewrites the entities and the mentions' entity ids in one
transaction; articles whose annotation has not changed keep their mentions (read back, not
extracted again).
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from chronique.entities.records import Entity, Mention
from chronique.errors import StoreError
from chronique.store.db import Store

_MENTION_COLS = (
    'article_id, idx, sentence, start, "end", text, label, kind, source, title, country, sector, org, role, '
    "key, ref, geonames_id, flags, entity_id, component, annotation, run_id"
)


def annotation_components(store: Store) -> dict[str, str]:
    """Article id → the component of its stored annotation."""
    return {r[0]: r[1] for r in store.db.execute("SELECT article_id, component FROM annotations")}


def current(store: Store, component: str) -> dict[str, str]:
    """Article id → annotation component, for articles whose mentions ``component`` already read."""
    rows = store.db.execute(
        "SELECT article_id, annotation FROM mention_articles WHERE component=?", (component,)
    )
    return {r[0]: r[1] for r in rows}


def stale(store: Store, component: str) -> bool:
    """Whether some article's mentions were read by another version of the entities stage (an
    upgrade): the build then runs the stage again. New annotations are the build's own signal."""
    row = store.db.execute("SELECT 1 FROM mention_articles WHERE component != ? LIMIT 1", (component,))
    return row.fetchone() is not None


def mentions(store: Store, article_ids: Sequence[str] | None = None) -> dict[str, list[Mention]]:
    """Stored mentions by article, in their article order."""
    q = (
        'SELECT article_id, sentence, start, "end", text, label, kind, source, title, country, sector, org, '
        "role, key, ref, geonames_id, flags FROM mentions"
    )
    out: dict[str, list[Mention]] = {}
    ids = list(article_ids) if article_ids is not None else None
    chunks: list[list[str] | None] = (
        [ids[i : i + 500] for i in range(0, len(ids), 500)] if ids is not None else [None]
    )
    for chunk in chunks:
        if chunk is not None and not chunk:
            continue
        sql = q + (f" WHERE article_id IN ({','.join('?' * len(chunk))})" if chunk is not None else "")
        for r in store.db.execute(sql + " ORDER BY article_id, idx", chunk or []):
            out.setdefault(r[0], []).append(
                Mention(
                    r[0],
                    r[1],
                    r[2],
                    r[3],
                    r[4],
                    r[5],
                    r[6],
                    r[7],
                    r[8] or "",
                    r[9] or "",
                    r[10] or "",
                    r[11] or "",
                    r[12] or "",
                    r[13] or "",
                    r[14] if r[14] is not None else -1,
                    r[15] or 0,
                    r[16] or "",
                )
            )
    return out


def write(
    store: Store,
    run_id: int,
    component: str,
    by_article: Mapping[str, Sequence[Mention]],
    annotations: Mapping[str, str],
    entities: Sequence[Entity],
) -> None:
    """Replace every mention and entity with these, in one transaction."""
    entity_of: dict[tuple[str, int], int] = {}
    for eid, e in enumerate(entities, start=1):
        for member in e.members:
            entity_of[member] = eid
    try:
        with store.db:
            for table in ("mentions", "entity_articles", "entities", "mention_articles"):
                store.db.execute(f"DELETE FROM {table}")
            store.db.executemany(
                """INSERT INTO entities (id, key, name, type, aliases, country, sector, org, code, geonames_id, lat, lon,
                   mentions, articles, first_date, last_date, component, run_id)
                   VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
                [
                    (
                        eid,
                        e.key,
                        e.name,
                        e.type,
                        json.dumps(e.aliases, ensure_ascii=False),
                        e.country or None,
                        e.sector or None,
                        e.org or None,
                        e.code or None,
                        e.geonames_id,
                        e.lat,
                        e.lon,
                        e.mentions,
                        len(e.articles),
                        e.first_date,
                        e.last_date,
                        component,
                        run_id,
                    )
                    for eid, e in enumerate(entities, start=1)
                ],
            )
            store.db.executemany(
                "INSERT INTO entity_articles (entity_id, article_id, mentions) VALUES (?,?,?)",
                [
                    (eid, aid, n)
                    for eid, e in enumerate(entities, start=1)
                    for aid, n in Counter(a for a, _ in e.members).items()
                ],
            )
            store.db.executemany(
                f"INSERT INTO mentions ({_MENTION_COLS}) VALUES ({','.join('?' * 22)})",
                [
                    (
                        aid,
                        i,
                        m.sentence,
                        m.start,
                        m.end,
                        m.text,
                        m.label,
                        m.kind,
                        m.source,
                        m.title or None,
                        m.country or None,
                        m.sector or None,
                        m.org or None,
                        m.role or None,
                        m.key or None,
                        m.ref if m.ref >= 0 else None,
                        m.geonames_id or None,
                        m.flags or None,
                        entity_of.get((aid, i)),
                        component,
                        annotations.get(aid, ""),
                        run_id,
                    )
                    for aid, ms in by_article.items()
                    for i, m in enumerate(ms)
                ],
            )
            store.db.executemany(
                "INSERT INTO mention_articles (article_id, component, annotation, mentions, run_id) VALUES (?,?,?,?,?)",
                [
                    (aid, component, annotations.get(aid, ""), len(ms), run_id)
                    for aid, ms in by_article.items()
                ],
            )
    except sqlite3.Error as exc:
        raise StoreError(
            f"writing entities to {store.path} failed, nothing of this run was kept: {exc}"
        ) from exc


def _entity_row(r: sqlite3.Row) -> dict[str, Any]:
    d = dict(r)
    d["aliases"] = json.loads(d["aliases"])
    return d


def list_entities(
    store: Store,
    *,
    types: Sequence[str] | None = None,
    limit: int | None = None,
    query: str | None = None,
) -> list[dict[str, Any]]:
    """Canonical entities, most mentioned first. ``types`` filters on PER, ORG, LOC, GPE, MISC, and
    IGO (organisations whose code is an international one); ``query`` on the name or an alias."""
    where: list[str] = []
    args: list[Any] = []
    if types:
        wanted = [t.upper() for t in types]
        parts = []
        plain = [t for t in wanted if t != "IGO"]
        if plain:
            parts.append(f"type IN ({','.join('?' * len(plain))})")
            args.extend(plain)
        if "IGO" in wanted:
            parts.append("(type = 'ORG' AND org IN ('UNO', 'EUR', 'IGO') AND key LIKE 'IGO:%')")
        where.append("(" + " OR ".join(parts) + ")")
    if query:
        where.append("(name LIKE ? OR aliases LIKE ?)")
        args.extend([f"%{query}%", f"%{query}%"])
    sql = "SELECT * FROM entities" + (" WHERE " + " AND ".join(where) if where else "")
    sql += " ORDER BY mentions DESC, name"
    if limit is not None:
        sql += " LIMIT ?"
        args.append(limit)
    try:
        return [_entity_row(r) for r in store.db.execute(sql, args)]
    except sqlite3.OperationalError as exc:
        raise StoreError(f"{store.path} has no entities yet: run the entities stage ({exc})") from exc


def entity_articles(store: Store, entity_id: int) -> list[str]:
    rows = store.db.execute(
        "SELECT article_id FROM entity_articles WHERE entity_id=? ORDER BY article_id", (entity_id,)
    )
    return [r[0] for r in rows]


def article_mentions(store: Store, article_id: str) -> list[dict[str, Any]]:
    """The mentions of one article with the entity each belongs to."""
    rows = store.db.execute(
        """SELECT m.*, e.name AS entity_name, e.type AS entity_type FROM mentions m
           LEFT JOIN entities e ON e.id = m.entity_id WHERE m.article_id=? ORDER BY m.idx""",
        (article_id,),
    )
    return [dict(r) for r in rows]
