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
            component TEXT NOT NULL,         -- chronique.annotate.v2+<model>-<version>
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


def _m004_dedupe_stories(db: sqlite3.Connection) -> None:
    """Wire-copy groups, repeated sentences and stories (chronique/store/stories.py)."""
    db.executescript(
        """
        CREATE TABLE dup_groups (
            article_id TEXT PRIMARY KEY REFERENCES articles(id),
            group_id TEXT NOT NULL,          -- the group's first article (earliest date, then id)
            size INTEGER NOT NULL,           -- articles in the group (1: no copy)
            component TEXT NOT NULL,
            run_id INTEGER REFERENCES runs(id)
        );
        CREATE INDEX dup_groups_group ON dup_groups(group_id);
        CREATE TABLE dup_pairs (
            a TEXT NOT NULL,
            b TEXT NOT NULL,
            kind TEXT NOT NULL,              -- exact | near
            similarity REAL NOT NULL,        -- share of the shorter text's word 5-grams in the other (1 for exact)
            run_id INTEGER REFERENCES runs(id),
            PRIMARY KEY (a, b)
        );
        CREATE TABLE sentence_groups (
            key TEXT NOT NULL,               -- hash of the normalised sentence
            article_id TEXT NOT NULL REFERENCES articles(id),
            start INTEGER NOT NULL,          -- offsets in articles.body
            "end" INTEGER NOT NULL,
            run_id INTEGER REFERENCES runs(id),
            PRIMARY KEY (key, article_id, start)
        );
        CREATE INDEX sentence_groups_article ON sentence_groups(article_id);
        CREATE TABLE stories (
            id INTEGER PRIMARY KEY,          -- 1.. by size, stable for the same input and settings
            label TEXT NOT NULL,             -- the most central title
            label_article TEXT NOT NULL,
            size INTEGER NOT NULL,           -- articles
            sources INTEGER NOT NULL,        -- independent sources (wire-copy groups)
            first_date TEXT NOT NULL,
            last_date TEXT NOT NULL,
            entities TEXT NOT NULL,          -- JSON [[name, articles], ...]
            keywords TEXT NOT NULL,          -- JSON [[word, weight], ...]
            component TEXT NOT NULL,
            run_id INTEGER REFERENCES runs(id)
        );
        CREATE TABLE story_articles (
            story_id INTEGER NOT NULL REFERENCES stories(id),
            article_id TEXT NOT NULL REFERENCES articles(id),
            similarity REAL NOT NULL,        -- cosine to the story's centroid when it joined
            PRIMARY KEY (article_id)
        );
        CREATE INDEX story_articles_story ON story_articles(story_id);
        """
    )


def _m003_entities(db: sqlite3.Connection) -> None:
    db.executescript(
        """
        -- Canonical entities over the collection (rebuilt by each entities run).
        CREATE TABLE entities (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,        -- stable identity: GPE:SYR, IGO:<name>, GEO:<geonames id>, ACT:RUS:GOV, PER:<name key>
            name TEXT NOT NULL,              -- canonical name
            type TEXT NOT NULL,              -- PER | ORG | LOC | GPE | MISC
            aliases TEXT NOT NULL,           -- JSON list, most frequent first
            country TEXT,                    -- ISO 3166-1 alpha-3
            sector TEXT,                     -- PLOVER sector (GOV, MIL, REB, OPP, ...)
            org TEXT,                        -- PLOVER code of the international organisation (UNO, EUR, IGO)
            code TEXT,                       -- PLOVER actor code
            geonames_id INTEGER,
            lat REAL,
            lon REAL,
            mentions INTEGER NOT NULL,
            articles INTEGER NOT NULL,
            first_date TEXT,
            last_date TEXT,
            component TEXT NOT NULL,
            run_id INTEGER REFERENCES runs(id)
        );
        CREATE INDEX entities_type ON entities(type);
        CREATE TABLE entity_articles (
            entity_id INTEGER NOT NULL REFERENCES entities(id),
            article_id TEXT NOT NULL REFERENCES articles(id),
            mentions INTEGER NOT NULL,
            PRIMARY KEY (entity_id, article_id)
        );
        CREATE INDEX entity_articles_article ON entity_articles(article_id);
        -- Every mention, offsets in the cleaned body (articles.body).
        CREATE TABLE mentions (
            id INTEGER PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id),
            idx INTEGER NOT NULL,            -- position among the article's mentions
            sentence INTEGER NOT NULL,       -- index in the annotation's sentences
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            label TEXT NOT NULL,             -- PER | LOC | ORG | MISC
            kind TEXT NOT NULL,              -- name | acronym | role | group | metonymy | demonym
            source TEXT NOT NULL,            -- ner | ner-fixed | title | role | lexicon | acronym | demonym | group
            title TEXT,
            country TEXT,
            sector TEXT,
            org TEXT,
            role TEXT,
            key TEXT,
            ref INTEGER,                     -- idx of the mention of the same article this one stands for
            geonames_id INTEGER,
            flags TEXT,                      -- "initial": opens its sentence
            entity_id INTEGER REFERENCES entities(id),
            component TEXT NOT NULL,         -- chronique.entities.v1
            annotation TEXT NOT NULL,        -- the annotation component the mentions were read from
            run_id INTEGER REFERENCES runs(id),
            UNIQUE (article_id, idx)
        );
        CREATE INDEX mentions_entity ON mentions(entity_id);
        -- Articles whose mentions are current (also those with none).
        CREATE TABLE mention_articles (
            article_id TEXT PRIMARY KEY REFERENCES articles(id),
            component TEXT NOT NULL,
            annotation TEXT NOT NULL,
            mentions INTEGER NOT NULL,
            run_id INTEGER REFERENCES runs(id)
        );
        """
    )


def _m006_events(db: sqlite3.Connection) -> None:
    db.executescript(
        """
        -- PLOVER events, one per trigger (chronique/stages/events.py). Offsets index articles.body;
        -- the sentence's text is not stored again (it is body[sent_start:sent_end]).
        CREATE TABLE events (
            id TEXT PRIMARY KEY,             -- Event.id: sha1 of article, trigger offset, type
            article_id TEXT NOT NULL REFERENCES articles(id),
            sentence INTEGER NOT NULL,       -- index in the annotation's sentences
            sent_start INTEGER NOT NULL,
            sent_end INTEGER NOT NULL,
            trigger_start INTEGER NOT NULL,
            trigger_end INTEGER NOT NULL,
            event_text TEXT NOT NULL,
            event TEXT NOT NULL,             -- PLOVER type
            mode TEXT NOT NULL,
            context TEXT NOT NULL,           -- JSON list
            actor TEXT NOT NULL,             -- JSON list of {entity_text, canonical, code, sector, start, end, source}
            recipient TEXT NOT NULL,         -- JSON list, same shape
            event_loc TEXT,                  -- JSON {text, canonical, country, key, start, end} or NULL
            date TEXT NOT NULL,              -- TIMEX3 value ('' unknown)
            date_precision TEXT NOT NULL,
            date_rule TEXT NOT NULL,         -- timex-attached | timex-clause | publication | unknown
            date_text TEXT NOT NULL,
            negated INTEGER NOT NULL,
            future INTEGER NOT NULL,
            hypothetical INTEGER NOT NULL,
            quad INTEGER NOT NULL,
            confidence REAL NOT NULL,
            ceasefire TEXT NOT NULL,         -- '' or the stage: called-for, agreed, declared, in-force, ...
            rule TEXT NOT NULL,
            component TEXT NOT NULL,
            run_id INTEGER REFERENCES runs(id)
        );
        CREATE INDEX events_article ON events(article_id);
        CREATE INDEX events_date ON events(date);
        CREATE INDEX events_type ON events(event);
        CREATE INDEX events_ceasefire ON events(ceasefire) WHERE ceasefire != '';
        -- Articles coded by a version of the events stage (also those with no event).
        CREATE TABLE event_articles (
            article_id TEXT PRIMARY KEY REFERENCES articles(id),
            component TEXT NOT NULL,
            events INTEGER NOT NULL,
            run_id INTEGER REFERENCES runs(id)
        );
        """
    )


def _m007_timexes(db: sqlite3.Connection) -> None:
    db.executescript(
        """
        CREATE TABLE timexes (
            article_id TEXT NOT NULL REFERENCES articles(id),
            start INTEGER NOT NULL,          -- offsets in the cleaned body
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            type TEXT NOT NULL,              -- DATE | TIME | DURATION | SET
            value TEXT NOT NULL,             -- TIMEX3 value
            precision TEXT NOT NULL,
            anchor TEXT NOT NULL,
            anchor_kind TEXT NOT NULL,
            rule TEXT NOT NULL,
            begin TEXT NOT NULL,
            end_value TEXT NOT NULL,
            mod TEXT NOT NULL,
            direction TEXT NOT NULL,
            PRIMARY KEY (article_id, start)
        );
        CREATE INDEX timexes_value ON timexes(value);
        -- which tagger and which anchor produced an article's timexes (re-tag when either changes)
        CREATE TABLE timex_runs (
            article_id TEXT PRIMARY KEY REFERENCES articles(id),
            component TEXT NOT NULL,
            anchor TEXT NOT NULL,
            run_id INTEGER REFERENCES runs(id)
        );
        """
    )


def _m008_embeddings(db: sqlite3.Connection) -> None:
    """Sentence-encoder vectors of the texts the stories stage compared (chronique/store/stories.py):
    a build that adds articles embeds only the new texts."""
    db.executescript(
        """
        CREATE TABLE embeddings (
            text_key TEXT NOT NULL,          -- sha1 of the text embedded (an article's title and lead)
            component TEXT NOT NULL,         -- the encoder and its version
            vector BLOB NOT NULL,            -- float32, little-endian
            PRIMARY KEY (text_key, component)
        ) WITHOUT ROWID;
        """
    )


def _m009_event_entities(db: sqlite3.Connection) -> None:
    """Which version of the entities stage gave an article's events their actors: a new one
    (an upgrade) makes the events stage code the article again (chronique/store/events.py)."""
    db.execute("ALTER TABLE event_articles ADD COLUMN entities TEXT NOT NULL DEFAULT ''")


def _m010_cleaner(db: sqlite3.Connection) -> None:
    """Which versions of the cleaner (and of the HTML extractor) made an article's body: a new one
    (an upgrade, or changed language data) makes the build clean the stored record again
    (chronique/store/db.py ``stale_cleaning``). Filled for existing rows from their details."""
    db.execute("ALTER TABLE articles ADD COLUMN cleaner TEXT NOT NULL DEFAULT ''")
    db.execute(
        """UPDATE articles SET cleaner = coalesce('clean=' || json_extract(details, '$.components.clean'), '')
           || coalesce(';html=' || json_extract(details, '$.components.html'), '')"""
    )


MIGRATIONS: tuple[Migration, ...] = (
    ("001_core", _m001_core),
    ("002_annotations", _m002_annotations),
    ("005_pubdates", _m005_pubdates),
    ("004_dedupe_stories", _m004_dedupe_stories),
    ("003_entities", _m003_entities),
    ("007_timexes", _m007_timexes),
    ("006_events", _m006_events),
    ("008_embeddings", _m008_embeddings),
    ("009_event_entities", _m009_event_entities),
    ("010_cleaner", _m010_cleaner),
)
