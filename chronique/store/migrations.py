"""Named, ordered schema migrations. Each runs once, in a transaction, and is recorded in ``_migrations``.

Never edit a migration that has shipped: add a new one. Later stages (dates, entities, events,
timeline) add their tables here the same way.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

Migration = tuple[str, Callable[[sqlite3.Connection], None]]


def _m001_core(db: sqlite3.Connection) -> None:
    db.executescript(
        """
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            command TEXT NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            status TEXT NOT NULL,            -- running | done | interrupted | failed
            inputs TEXT NOT NULL,            -- JSON list of paths
            settings TEXT NOT NULL,          -- JSON: the resolved settings
            components TEXT NOT NULL,        -- JSON: component name -> version
            stats TEXT                       -- JSON: the BuildReport
        );
        CREATE TABLE files (
            path TEXT PRIMARY KEY,           -- absolute path
            size INTEGER NOT NULL,
            mtime_ns INTEGER NOT NULL,
            status TEXT NOT NULL,            -- done | skipped
            reason TEXT,
            records INTEGER NOT NULL DEFAULT 0,
            run_id INTEGER REFERENCES runs(id)
        );
        CREATE TABLE articles (
            rowid INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,         -- content hash (RawDocument.key)
            source_id TEXT NOT NULL,         -- the input's own id, or its file path
            source_path TEXT NOT NULL,
            record_index INTEGER NOT NULL DEFAULT 0,
            fmt TEXT NOT NULL,
            encoding TEXT,
            title TEXT,
            outlet TEXT,
            agency TEXT,
            lang TEXT,
            length INTEGER NOT NULL,         -- characters of the cleaned body
            removed_chars INTEGER NOT NULL,
            body TEXT NOT NULL,
            original TEXT NOT NULL,
            raw BLOB,                        -- the record as read (HTML markup), zlib, when it differs from original
            meta TEXT NOT NULL,              -- JSON: metadata the input gave
            details TEXT NOT NULL,           -- JSON: paragraphs, removed parts, stamps, evidence
            run_id INTEGER REFERENCES runs(id),
            added_at TEXT NOT NULL
        );
        CREATE INDEX articles_source ON articles(source_id);
        CREATE INDEX articles_path ON articles(source_path);
        CREATE TABLE skipped (
            id INTEGER PRIMARY KEY,
            run_id INTEGER REFERENCES runs(id),
            path TEXT NOT NULL,
            source_id TEXT,
            reason TEXT NOT NULL,
            detail TEXT NOT NULL
        );
        -- Full-text index over stemmed, accent-folded words (see chronique/store/fts.py).
        -- rowid = articles.rowid; holds index terms, not the text itself.
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, body, tokenize="unicode61 remove_diacritics 2"
        );
        """
    )


def _m002_annotations(db: sqlite3.Connection) -> None:
    db.executescript(
        """
        CREATE TABLE annotations (
            article_id TEXT PRIMARY KEY REFERENCES articles(id),
            component TEXT NOT NULL,         -- chronique.annotate.v1+<model>-<version>
            tokens INTEGER NOT NULL,
            sentences INTEGER NOT NULL,
            data BLOB NOT NULL,              -- Annotation.to_bytes()
            run_id INTEGER REFERENCES runs(id)
        );
        CREATE INDEX annotations_component ON annotations(component);
        """
    )


def _m005_pubdates(db: sqlite3.Connection) -> None:
    db.executescript(
        """
        CREATE TABLE pubdates (
            article_id TEXT PRIMARY KEY REFERENCES articles(id),
            component TEXT NOT NULL,
            value TEXT NOT NULL,             -- ISO day, month, year, or begin/end for an interval; '' unknown
            precision TEXT NOT NULL,         -- day | month | year | interval | unknown
            begin TEXT NOT NULL,
            "end" TEXT NOT NULL,
            method TEXT NOT NULL,            -- metadata | header-stamp | inferred | unknown
            source TEXT NOT NULL,
            confidence REAL NOT NULL,
            evidence TEXT NOT NULL,          -- JSON list
            flags TEXT NOT NULL,             -- JSON list
            clues TEXT NOT NULL,             -- JSON: the date clues read in the text (for re-inference)
            run_id INTEGER REFERENCES runs(id)
        );
        """
    )


MIGRATIONS: tuple[Migration, ...] = (
    ("001_core", _m001_core),
    ("002_annotations", _m002_annotations),
    ("005_pubdates", _m005_pubdates),
)
