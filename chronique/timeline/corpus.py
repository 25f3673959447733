"""Stored articles → :class:`~chronique.stages.timeline.DatedSentence` records, read from the store.

What the build stored is read back, never computed again when it is there:

* sentences: the annotation's (stage 3) — only the sentence list is decoded from the stored blob,
  not the tokens (:func:`annotation_parts`), which keeps a 1,000-article chronology under a second;
  articles stored without annotation are split by :func:`chronique.stories.sentences.sentences`.
  The model cuts some sentences where no sentence ends ("le Royaume" | "-" | "Uni, les
  États-Unis…", "Mardi" | ", Ankara a annoncé…"): :func:`repair` joins a piece to the one before
  it when that one does not end a sentence, or when the piece cannot start one (see there);
* publication days: the dating stage's day-precision dates (table ``pubdates``), else the
  metadata's ``date``;
* date mentions: the stored timexes (table ``timexes``) turned into days and periods by
  :mod:`chronique.timeline.periods`; an article the timex stage has not tagged is tagged here;
* wire-copy groups and sentence keys: the dedupe stage's tables (``dup_groups``,
  ``sentence_groups``); a sentence found in one article only gets a key of its own. Sentences
  published identically on :data:`~chronique.stages.timeline.BOILERPLATE_DAYS` days or more
  anywhere in the store are dropped (site furniture, not news) — the generator can only see the
  selection, the store sees every day. When the dedupe stage has not run, keys are computed here
  and each article is its own source.
"""

from __future__ import annotations

import bisect
import json
import logging
import re
import sqlite3
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from chronique.stages.timeline import BOILERPLATE_DAYS, DatedSentence, PeriodMention
from chronique.store import Store
from chronique.stories.mentions import DateMention
from chronique.timeline import periods

log = logging.getLogger(__name__)

#: Ids per ``IN (...)`` query: under SQLite's default limit of 999 variables.
CHUNK = 500


@dataclass(slots=True)
class StoredArticle:
    """What a chronology needs of an article (not the original text nor the cleaning details)."""

    id: str
    source_id: str
    title: str
    outlet: str
    agency: str
    lang: str
    body: str
    meta: dict[str, Any]
    pub: date | None = None
    group: str = ""
    spans: list[tuple[int, int]] = field(default_factory=list)
    joined: set[tuple[int, int]] = field(default_factory=set)  # spans repair() made of several pieces

    @property
    def url(self) -> str:
        return str(self.meta.get("url") or "")


@dataclass
class Corpus:
    """The dated sentences of a selection of articles, in article then text order."""

    articles: dict[str, StoredArticle]
    sentences: list[DatedSentence]
    by_article: dict[str, list[DatedSentence]]
    boilerplate: int = 0  # sentences dropped as site furniture
    tagged_here: int = 0  # articles whose timexes were not stored (tagged on the fly)
    grouped: bool = False  # the dedupe stage's groups and keys were in the store

    def sentence_at(self, article_id: str, start: int) -> DatedSentence | None:
        for s in self.by_article.get(article_id, ()):
            if s.start == start:
                return s
        return None


def chunks(ids: Sequence[str], n: int = CHUNK) -> Iterator[Sequence[str]]:
    for i in range(0, len(ids), n):
        yield ids[i : i + n]


def has_table(store: Store, name: str) -> bool:
    row = store.db.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (name,)).fetchone()
    return row is not None


def rows_in(store: Store, sql: str, ids: Sequence[str], extra: Sequence[Any] = ()) -> Iterator[sqlite3.Row]:
    """``sql`` (with ``{ids}`` where the placeholders go) run over ``ids`` chunk by chunk."""
    for chunk in chunks(ids):
        yield from store.db.execute(sql.format(ids=",".join("?" * len(chunk))), [*chunk, *extra])


def annotation_parts(blob: bytes) -> tuple[list[list[Any]], list[list[Any]]]:
    """The sentence and entity lists of a stored annotation, without decoding its tokens.

    The blob is compact JSON (``{"model":…,"t":[tokens],"s":[sentences],"e":[entities]}``,
    :meth:`chronique.stages.annotate.Annotation.to_bytes`); ``"s":[`` can only occur there as the
    key (a quote inside a JSON string is escaped), so decoding starts at it: four times faster than
    decoding the whole blob, which is mostly tokens.
    """
    text = zlib.decompress(blob).decode("utf-8")
    decoder = json.JSONDecoder()
    i = text.find('"s":[')
    if i < 0:
        cols = json.loads(text)
        return cols.get("s", []), cols.get("e", [])
    sents, end = decoder.raw_decode(text, i + 4)
    j = text.find('"e":[', end)
    ents = decoder.raw_decode(text, j + 4)[0] if j >= 0 else []
    return sents, ents


#: What a sentence can end with: final punctuation, possibly followed by closing quotes/brackets.
_ENDS = re.compile(r"[.!?…:;][\s\"»”’)\]]*$")
#: What a sentence cannot start with: a lower-case letter, a hyphen, or punctuation that follows a word.
_CANNOT_START = re.compile(r"^[a-zà-öø-ÿ\-–,;:.)\]»”]")


def repair(body: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join the model's sentence pieces that are not sentences.

    A piece is joined to the one before it, inside one paragraph (no line break between them), when
    that one does not end with final punctuation (``. ! ? … : ;``, then any closing quote) or when
    the piece starts with a lower-case letter, a hyphen or punctuation. Measured on 2,000 OrangeSum
    articles, about 7 % of the model's boundaries are such cuts (15 % on the seeds).
    """
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out:
            ps, pe = out[-1]
            if "\n" not in body[pe:s] and (not _ENDS.search(body[ps:pe]) or _CANNOT_START.match(body[s:e])):
                out[-1] = (ps, e)
                continue
        out.append((s, e))
    return out


def load_articles(store: Store, ids: Sequence[str]) -> dict[str, StoredArticle]:
    out: dict[str, StoredArticle] = {}
    sql = "SELECT id, source_id, title, outlet, agency, lang, body, meta FROM articles WHERE id IN ({ids})"
    for r in rows_in(store, sql, ids):
        out[r["id"]] = StoredArticle(
            r["id"],
            r["source_id"],
            r["title"] or "",
            r["outlet"] or "",
            r["agency"] or "",
            r["lang"] or "",
            r["body"],
            json.loads(r["meta"]) if r["meta"] else {},
        )
    return {i: out[i] for i in ids if i in out}


def _pub_dates(store: Store, arts: dict[str, StoredArticle]) -> None:
    known: dict[str, date] = {}
    if has_table(store, "pubdates"):
        sql = "SELECT article_id, value FROM pubdates WHERE precision = 'day' AND article_id IN ({ids})"
        for r in rows_in(store, sql, list(arts)):
            d = periods.parse_day(r["value"])
            if d:
                known[r["article_id"]] = d
    for a in arts.values():
        a.pub = known.get(a.id) or periods.parse_day(str(a.meta.get("date") or ""))


def _sentences(store: Store, arts: dict[str, StoredArticle]) -> None:
    sql = "SELECT article_id, data FROM annotations WHERE article_id IN ({ids})"
    for r in rows_in(store, sql, list(arts)):
        sents, _ = annotation_parts(r["data"])
        art = arts[r["article_id"]]
        pieces = [(s[0], s[1]) for s in sents]
        art.spans = repair(art.body, pieces)
        art.joined = set(art.spans) - set(pieces)
    missing = [a for a in arts.values() if not a.spans and a.body.strip()]
    if missing:
        from chronique.stories.sentences import sentences

        for full in store.articles(ids=[a.id for a in missing]):
            arts[full.id].spans = sentences(full)


def _timexes(
    store: Store, arts: dict[str, StoredArticle], lang: str
) -> tuple[dict[str, tuple[list[DateMention], list[PeriodMention]]], int]:
    """Each article's day and period mentions, from the stored timexes (tagging those with none)."""
    from chronique.time.model import Timex

    found: dict[str, list[Timex]] = {a: [] for a in arts}
    tagged: set[str] = set()
    if has_table(store, "timexes") and has_table(store, "timex_runs"):
        for r in rows_in(store, "SELECT article_id FROM timex_runs WHERE article_id IN ({ids})", list(arts)):
            tagged.add(r[0])
        cols = ", ".join(f'"{c}"' for c in Timex.__dataclass_fields__)
        sql = (
            f"SELECT article_id, {cols} FROM timexes WHERE article_id IN ({{ids}}) ORDER BY article_id, start"
        )
        for r in rows_in(store, sql, list(tagged)):
            found[r[0]].append(Timex(*tuple(r)[1:]))
    untagged = [a for a in arts.values() if a.id not in tagged]
    if untagged:
        from chronique.time import tag

        log.info("%d articles have no stored timexes: tagging them now", len(untagged))
        for a in untagged:
            found[a.id] = list(tag(a.body, a.pub, lang=a.lang or lang))
    return {aid: periods.mentions(ts) for aid, ts in found.items()}, len(untagged)


def _groups(store: Store, arts: dict[str, StoredArticle]) -> tuple[dict[tuple[str, int, int], str], bool]:
    """Wire-copy groups (set on the articles) and the stored keys of repeated sentences."""
    if not has_table(store, "dup_groups"):
        return {}, False
    grouped = False
    for r in rows_in(
        store, "SELECT article_id, group_id FROM dup_groups WHERE article_id IN ({ids})", list(arts)
    ):
        arts[r[0]].group = r[1]
        grouped = True
    keys: dict[tuple[str, int, int], str] = {}
    sql = 'SELECT key, article_id, start, "end" FROM sentence_groups WHERE article_id IN ({ids})'
    for r in rows_in(store, sql, list(arts)):
        keys[(r[1], r[2], r[3])] = r[0]
    return keys, grouped


def _store_boilerplate(store: Store, keys: set[str]) -> set[str]:
    """Keys among ``keys`` published identically on BOILERPLATE_DAYS different days or more in the store."""
    if not keys or not has_table(store, "pubdates"):
        return set()
    sql = (
        "SELECT sg.key FROM sentence_groups sg JOIN pubdates p ON p.article_id = sg.article_id "
        "WHERE sg.key IN ({ids}) GROUP BY sg.key HAVING COUNT(DISTINCT substr(p.value, 1, 10)) >= ?"
    )
    return {r[0] for r in rows_in(store, sql, sorted(keys), (BOILERPLATE_DAYS,))}


def load(store: Store, ids: Sequence[str], *, lang: str = "fr") -> Corpus:
    """The dated sentences of the stored articles ``ids`` (see the module docstring)."""
    from chronique.stages.dedupe import sentence_key

    arts = load_articles(store, ids)
    _pub_dates(store, arts)
    _sentences(store, arts)
    mentions, tagged_here = _timexes(store, arts, lang)
    keys, grouped = _groups(store, arts)
    junk = _store_boilerplate(store, set(keys.values()))
    corpus = Corpus(arts, [], {}, tagged_here=tagged_here, grouped=grouped)
    for a in arts.values():
        days, longer = mentions.get(a.id, ([], []))
        starts = [s for s, _ in a.spans]
        per_day: dict[int, list[DateMention]] = {}
        per_period: dict[int, list[PeriodMention]] = {}
        for m in days:
            i = bisect.bisect_right(starts, m.start) - 1
            if i >= 0 and m.start < a.spans[i][1]:
                per_day.setdefault(i, []).append(m)
        for pm in longer:
            i = bisect.bisect_right(starts, pm.start) - 1
            if i >= 0 and pm.start < a.spans[i][1]:
                per_period.setdefault(i, []).append(pm)
        mine: list[DatedSentence] = []
        for i, (s, e) in enumerate(a.spans):
            text = a.body[s:e]
            # A stored key is the same hash of the same sentence; a sentence the dedupe stage did not
            # group (found once, or joined by repair()) is keyed here unless the stage ran and it
            # is unique there: then it is its own source.
            key = keys.get((a.id, s, e)) if grouped else sentence_key(text)
            if key is None and (s, e) in a.joined:
                key = sentence_key(text)
            if key in junk:
                corpus.boilerplate += 1
                continue
            mine.append(
                DatedSentence(
                    article_id=a.id,
                    outlet=a.outlet or a.agency,
                    start=s,
                    end=e,
                    text=text,
                    pub_date=a.pub,
                    mentions=tuple(per_day.get(i, ())),
                    index=i,
                    group=a.group or a.id,
                    key=key or f"{a.id}:{s}",
                    periods=tuple(per_period.get(i, ())),
                    source_id=a.source_id,
                )
            )
        corpus.by_article[a.id] = mine
        corpus.sentences.extend(mine)
    return corpus
