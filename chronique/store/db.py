"""The store: one SQLite file, one writer, named migrations.

Why SQLite: it ships with Python (nothing to install), is a single file a journalist can copy,
survives a crash mid-write (every batch is one transaction, WAL journal), and its FTS5 index
folds accents; chronique adds French stemming by indexing Snowball stems (``store/fts.py``).
DuckDB cannot load its full-text extension offline; tantivy would add a second store to keep in
step. See ``docs/architecture.md``.

Only the process that runs the pipeline writes, through :class:`Store`; stages never touch it.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chronique.errors import StoreError
from chronique.models import Article, RawDocument, Skip
from chronique.store import fts
from chronique.store.migrations import MIGRATIONS

if TYPE_CHECKING:
    from chronique.stages.annotate import Annotation

log = logging.getLogger(__name__)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def cleaner_version(components: dict[str, str]) -> str:
    """What the ``articles.cleaner`` column holds: the cleaner's (and the HTML extractor's) version."""
    out = f"clean={components.get('clean', '')}" if components.get("clean") else ""
    if components.get("html"):
        out += f";html={components['html']}"
    return out


#: Rows derived from an article's body, by table and the column naming the article: what a new
#: body (the cleaner changed) makes stale. The build's stages then make them again.
DERIVED: tuple[tuple[str, str], ...] = (
    ("annotations", "article_id"),
    ("pubdates", "article_id"),
    ("timexes", "article_id"),
    ("timex_runs", "article_id"),
    ("mentions", "article_id"),
    ("mention_articles", "article_id"),
    ("entity_articles", "article_id"),
    ("events", "article_id"),
    ("event_articles", "article_id"),
    ("dup_groups", "article_id"),
    ("dup_pairs", "a"),
    ("dup_pairs", "b"),
    ("sentence_groups", "article_id"),
    ("story_articles", "article_id"),
)

#: Rows derived from an article's metadata and removed parts (stamps, datelines), not its offsets.
DERIVED_FROM_DETAILS: tuple[tuple[str, str], ...] = (("pubdates", "article_id"),)


@dataclass(frozen=True, slots=True)
class FileDone:
    """A file whose every record is in the store (or was skipped with a reason)."""

    path: str
    size: int
    mtime_ns: int
    status: str
    reason: str = ""
    records: int = 0


@dataclass(frozen=True, slots=True)
class SearchHit:
    article_id: str
    source_id: str
    title: str
    outlet: str
    snippet: str
    score: float


class Store:
    """Open (creating and migrating if needed) the store at ``path``."""

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = Path(path)
        if readonly and not self.path.exists():
            raise StoreError(f"no store at {self.path}: run `chronique build PATH --db {self.path}` first")
        try:
            if readonly:
                self.db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self.db = sqlite3.connect(self.path)
            self.db.row_factory = sqlite3.Row
            if not readonly:
                self.db.execute("PRAGMA journal_mode=WAL")
                self.db.execute("PRAGMA synchronous=NORMAL")
                self.db.execute("PRAGMA foreign_keys=ON")
                self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"cannot open the store {self.path}: {exc} (is it a chronique database?)"
            ) from exc

    # -- life cycle -----------------------------------------------------------------------------
    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _migrate(self) -> None:
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
        )
        done = {r[0] for r in self.db.execute("SELECT name FROM _migrations")}
        for name, fn in MIGRATIONS:
            if name in done:
                continue
            log.info("store %s: applying migration %s", self.path, name)
            with self.db:
                fn(self.db)
                self.db.execute("INSERT INTO _migrations VALUES (?, ?)", (name, _now()))

    def migrations(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT name FROM _migrations ORDER BY name")]

    # -- runs -------------------------------------------------------------------------------------
    def start_run(
        self, command: str, inputs: Sequence[str], settings: dict[str, Any], components: dict[str, str]
    ) -> int:
        with self.db:
            # A run still marked running was killed: say so.
            self.db.execute("UPDATE runs SET status='interrupted' WHERE status='running'")
            cur = self.db.execute(
                "INSERT INTO runs (command, started_at, status, inputs, settings, components) VALUES (?,?,?,?,?,?)",
                (
                    command,
                    _now(),
                    "running",
                    json.dumps(list(inputs)),
                    json.dumps(settings),
                    json.dumps(components),
                ),
            )
        return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, status: str, stats: dict[str, Any]) -> None:
        with self.db:
            self.db.execute(
                "UPDATE runs SET status=?, finished_at=?, stats=? WHERE id=?",
                (status, _now(), json.dumps(stats, ensure_ascii=False), run_id),
            )

    def runs(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self.db.execute("SELECT * FROM runs ORDER BY id")]

    # -- files and keys ----------------------------------------------------------------------------
    def file_unchanged(self, path: str, size: int, mtime_ns: int) -> bool:
        row = self.db.execute(
            "SELECT size, mtime_ns FROM files WHERE path=? AND status='done'", (path,)
        ).fetchone()
        return bool(row) and row["size"] == size and row["mtime_ns"] == mtime_ns

    def known(self, keys: Iterable[str]) -> set[str]:
        keys = list(keys)
        found: set[str] = set()
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            q = f"SELECT id FROM articles WHERE id IN ({','.join('?' * len(chunk))})"
            found.update(r[0] for r in self.db.execute(q, chunk))
        return found

    # -- the one write path --------------------------------------------------------------------------
    def write_batch(
        self,
        run_id: int,
        articles: Sequence[Article],
        raws: dict[str, str],
        skips: Sequence[Skip],
        files: Sequence[FileDone],
        index: dict[str, tuple[str, str]] | None = None,
    ) -> int:
        """Write a batch in one transaction; return how many articles were new.

        ``index`` may hold each article's full-text terms (title, body) computed elsewhere (in
        the workers); missing ones are computed here.
        """
        index = index or {}
        added = 0
        now = _now()
        try:
            with self.db:
                for a in articles:
                    raw = raws.get(a.id)
                    removed_chars = sum(r.end - r.start for r in a.removed)
                    cur = self.db.execute(
                        """INSERT OR IGNORE INTO articles (id, source_id, source_path, record_index, fmt, encoding,
                           title, outlet, agency, lang, length, removed_chars, body, original, raw, meta, details,
                           run_id, added_at, cleaner) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
                        (
                            a.id,
                            a.source_id,
                            a.source_path,
                            a.record_index,
                            a.fmt,
                            a.encoding,
                            a.title,
                            a.outlet,
                            a.agency,
                            a.lang,
                            len(a.body),
                            removed_chars,
                            a.body,
                            a.original,
                            zlib.compress(raw.encode("utf-8", "surrogatepass")) if raw is not None else None,
                            json.dumps(a.meta, ensure_ascii=False),
                            json.dumps(a.details(), ensure_ascii=False),
                            run_id,
                            now,
                            cleaner_version(a.components),
                        ),
                    )
                    if cur.rowcount:
                        added += 1
                        terms = index.get(a.id) or index_terms(a)
                        self.db.execute(
                            "INSERT INTO articles_fts (rowid, title, body) VALUES (?,?,?)",
                            (cur.lastrowid, *terms),
                        )
                self.db.executemany(
                    "INSERT INTO skipped (run_id, path, source_id, reason, detail) VALUES (?,?,?,?,?)",
                    [(run_id, s.path, s.source_id, s.reason, s.detail) for s in skips],
                )
                self.db.executemany(
                    "INSERT OR REPLACE INTO files (path, size, mtime_ns, status, reason, records, run_id) VALUES (?,?,?,?,?,?,?)",
                    [(f.path, f.size, f.mtime_ns, f.status, f.reason, f.records, run_id) for f in files],
                )
        except sqlite3.Error as exc:
            raise StoreError(f"writing to {self.path} failed, nothing of this batch was kept: {exc}") from exc
        return added

    # -- cleaning again after an upgrade --------------------------------------------------------------
    def stale_cleaning(self, expected: dict[str, str]) -> list[str]:
        """Ids of articles whose body another version of the cleaner made (``expected``: format →
        :func:`cleaner_version` of today's cleaner), in store order."""
        rows = self.db.execute("SELECT id, fmt, cleaner FROM articles ORDER BY rowid")
        return [r[0] for r in rows if r[2] != expected.get(r[1], expected.get("", ""))]

    def stored_records(self, ids: Sequence[str]) -> list[tuple[str, RawDocument]]:
        """The records of stored articles as they were read, to clean them again: the text (the
        page's markup for HTML), the input's metadata (without what an HTML page's own tags gave,
        which the extractor gives again)."""
        q = f"SELECT * FROM articles WHERE id IN ({','.join('?' * len(ids))}) ORDER BY rowid"
        out = []
        for row in self.db.execute(q, list(ids)):
            details = json.loads(row["details"]) if row["details"] else {}
            meta = json.loads(row["meta"]) if row["meta"] else {}
            origin = dict(details.get("meta_origin") or {})
            text = row["original"]
            if row["fmt"] == "html" and row["raw"] is not None:
                text = zlib.decompress(row["raw"]).decode("utf-8", "surrogatepass")
                for k in [k for k, v in origin.items() if v == "html"]:
                    meta.pop(k, None)
                    origin.pop(k, None)
            doc = RawDocument(
                row["source_path"],
                row["source_id"],
                row["fmt"],
                text,
                encoding=row["encoding"] or "utf-8",
                record_index=row["record_index"] or 0,
                meta=meta,
                meta_origin=origin,
            )
            out.append((row["id"], doc))
        return out

    def replace_cleaned(
        self, articles: Sequence[Article], index: dict[str, tuple[str, str]] | None = None
    ) -> tuple[int, int]:
        """Store what the cleaner now makes of stored records (each article's ``id`` the stored one),
        in one transaction; return how many bodies changed and how many kept their body but not their
        details (metadata, stamps).

        A new body moves every offset: the rows derived from the old one (:data:`DERIVED`) are
        deleted, and the build's stages make them again. New details only make the publication
        date stale. An article cleaned the same way only takes the new cleaner's version.
        """
        index = index or {}
        changed = details_only = 0
        try:
            with self.db:
                for a in articles:
                    old = self.db.execute(
                        "SELECT rowid, body, title, outlet, agency, lang, details FROM articles WHERE id=?",
                        (a.id,),
                    ).fetchone()
                    if old is None:
                        continue
                    details = json.dumps(a.details(), ensure_ascii=False)
                    same_body = old["body"] == a.body
                    same_rest = (
                        old["title"] or "",
                        old["outlet"] or "",
                        old["agency"] or "",
                        old["lang"] or "",
                    ) == (
                        a.title,
                        a.outlet,
                        a.agency,
                        a.lang,
                    ) and _same_details(old["details"], details)
                    self.db.execute(
                        """UPDATE articles SET title=?, outlet=?, agency=?, lang=?, length=?, removed_chars=?, body=?,
                           details=?, cleaner=?, meta=? WHERE id=?""",
                        (
                            a.title,
                            a.outlet,
                            a.agency,
                            a.lang,
                            len(a.body),
                            sum(r.end - r.start for r in a.removed),
                            a.body,
                            details,
                            cleaner_version(a.components),
                            json.dumps(a.meta, ensure_ascii=False),
                            a.id,
                        ),
                    )
                    if same_body and same_rest:
                        continue
                    derived = DERIVED if not same_body else DERIVED_FROM_DETAILS
                    for table, column in derived:
                        self.db.execute(f"DELETE FROM {table} WHERE {column}=?", (a.id,))
                    if same_body:
                        details_only += 1
                        continue
                    changed += 1
                    terms = index.get(a.id) or index_terms(a)
                    self.db.execute("DELETE FROM articles_fts WHERE rowid=?", (old["rowid"],))
                    self.db.execute(
                        "INSERT INTO articles_fts (rowid, title, body) VALUES (?,?,?)", (old["rowid"], *terms)
                    )
        except sqlite3.Error as exc:
            raise StoreError(f"writing to {self.path} failed, nothing of this batch was kept: {exc}") from exc
        return changed, details_only

    def keep_cleaning(self, ids: Sequence[str], cleaner: dict[str, str]) -> None:
        """Mark articles as checked by today's cleaner when it could not clean them again (the new
        cleaner rejects the record): the stored body stays, and is not tried again at every build."""
        with self.db:
            for aid in ids:
                fmt = self.db.execute("SELECT fmt FROM articles WHERE id=?", (aid,)).fetchone()
                if fmt is not None:
                    version = cleaner.get(fmt[0], cleaner.get("", ""))
                    self.db.execute("UPDATE articles SET cleaner=? WHERE id=?", (version, aid))

    # -- annotations ---------------------------------------------------------------------------------
    def unannotated(self, component: str, limit: int | None = None) -> list[str]:
        """Ids of articles with no annotation by ``component`` (new ones, or made by an older model)."""
        q = """SELECT a.id FROM articles a LEFT JOIN annotations n ON n.article_id = a.id
               WHERE n.article_id IS NULL OR n.component != ? ORDER BY a.rowid"""
        args: list[Any] = [component]
        if limit is not None:
            q += " LIMIT ?"
            args.append(limit)
        return [r[0] for r in self.db.execute(q, args)]

    def write_annotations(
        self, run_id: int, component: str, rows: Sequence[tuple[str, int, int, bytes]]
    ) -> None:
        """Store (article id, tokens, sentences, blob) rows in one transaction."""
        try:
            with self.db:
                self.db.executemany(
                    "INSERT OR REPLACE INTO annotations (article_id, component, tokens, sentences, data, run_id) VALUES (?,?,?,?,?,?)",
                    [(aid, component, nt, ns, blob, run_id) for aid, nt, ns, blob in rows],
                )
        except sqlite3.Error as exc:
            raise StoreError(
                f"writing annotations to {self.path} failed, nothing of this batch was kept: {exc}"
            ) from exc

    def annotation(self, article: Article) -> Annotation | None:
        from chronique.stages.annotate import Annotation

        row = self.db.execute("SELECT data FROM annotations WHERE article_id=?", (article.id,)).fetchone()
        return Annotation.from_bytes(article.id, article.body, row["data"]) if row else None

    # -- reads ---------------------------------------------------------------------------------------
    def count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM articles").fetchone()[0])

    def articles(self, *, ids: Sequence[str] | None = None, limit: int | None = None) -> Iterator[Article]:
        q = "SELECT * FROM articles"
        args: list[Any] = []
        if ids is not None:
            q += f" WHERE id IN ({','.join('?' * len(ids))})"
            args.extend(ids)
        q += " ORDER BY rowid"
        if limit is not None:
            q += " LIMIT ?"
            args.append(limit)
        for row in self.db.execute(q, args):
            yield Article.from_row(dict(row))

    def raw(self, article_id: str) -> str | None:
        row = self.db.execute("SELECT raw FROM articles WHERE id=?", (article_id,)).fetchone()
        if not row or row["raw"] is None:
            return None
        return zlib.decompress(row["raw"]).decode("utf-8", "surrogatepass")

    def skipped(self, run_id: int | None = None) -> list[Skip]:
        q = "SELECT path, reason, detail, source_id FROM skipped"
        rows = self.db.execute(q + " WHERE run_id=?", (run_id,)) if run_id else self.db.execute(q)
        return [Skip(r["path"], r["reason"], r["detail"], r["source_id"] or "") for r in rows]

    def search(self, query: str, *, limit: int = 20, lang: str = "fr") -> list[SearchHit]:
        """Articles matching ``query`` (stemmed, accents folded), best first, with a snippet."""
        expr = fts.match_query(query, lang)
        if not expr:
            return []
        rows = self.db.execute(
            """SELECT a.id, a.source_id, a.title, a.outlet, a.body, bm25(articles_fts, 3.0, 1.0) AS score
               FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid
               WHERE articles_fts MATCH ? ORDER BY score LIMIT ?""",
            (expr, limit),
        ).fetchall()
        wanted = set(fts.terms(query.replace('"', " "), lang))
        return [
            SearchHit(
                r["id"],
                r["source_id"],
                r["title"] or "",
                r["outlet"] or "",
                _snippet(r["body"], wanted, lang),
                -r["score"],
            )
            for r in rows
        ]


def _same_details(old: str | None, new: str) -> bool:
    """Two details JSON texts say the same (the cleaner's versions left aside)."""
    a = json.loads(old) if old else {}
    b = json.loads(new)
    a.pop("components", None)
    b.pop("components", None)
    return bool(a == b)


def index_terms(a: Article) -> tuple[str, str]:
    """The full-text terms of an article's title and body (pure: workers compute them)."""
    return fts.index_text(a.title, a.lang or "fr"), fts.index_text(a.body, a.lang or "fr")


def _snippet(body: str, wanted: set[str], lang: str, width: int = 160) -> str:
    """A window of the body around the first word whose stem was searched for, with it marked."""
    import re

    for m in re.finditer(r"\w+", body):
        if fts.terms(m.group(), lang)[:1] and fts.terms(m.group(), lang)[0] in wanted:
            a = max(0, m.start() - width // 2)
            b = min(len(body), m.end() + width // 2)
            text = body[a : m.start()] + "[" + m.group() + "]" + body[m.end() : b]
            return ("…" if a else "") + " ".join(text.split()) + ("…" if b < len(body) else "")
    return " ".join(body[:width].split()) + ("…" if len(body) > width else "")
