"""``--about``: restrict a chronology to an entity, a place or keywords ("Alep", "Lavrov", "cessez-le-feu").

Two readings of the query, used together:

1. **Entities.** When the entities stage has filled its tables, the canonical entities whose name
   or one of whose aliases *is* the query (case and accents folded: "alep" finds "Alep") — or, when
   none is, those whose name or an alias *contains* it as whole words ("Lavrov" finds "Sergueï
   Lavrov"). Every mention the stage linked to them counts: short forms ("M. Lavrov"), acronyms,
   and roles it resolved ("le chef de la diplomatie russe"). Collective actors ("France
   (gouvernement)", whose aliases are metonymies such as "Élysée") are not matched: the keywords
   find the word itself.
2. **Keywords.** The full-text index (Snowball stems, accents folded; the syntax of ``chronique
   search``: words ANDed, "quoted phrases", OR, -excluded): a hyphenated word is a phrase
   ("cessez-le-feu" finds "cessez-le-feu", not "feu" alone).

The articles are those either reading finds. The rule for sentences (what the chronology keeps):

* a sentence is kept when it **matches**: it holds a mention of one of the entities, or the
  keywords (every word of one OR-branch, phrases in order, no excluded word);
* an article **matches strongly** when its title matches (names the entity or holds the keywords)
  or when :data:`STRONG_SENTENCES` of its sentences match: it is *about* the query, so its lead
  (the first :data:`~chronique.stages.timeline.LEAD` sentences, which say what happened that day)
  is kept too, even where it says "il" or "le ministre" instead of the name.
"""

from __future__ import annotations

import functools
import re
import sqlite3
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from chronique.stages.timeline import LEAD, DatedSentence
from chronique.store import Store, fts
from chronique.timeline.corpus import Corpus, has_table, rows_in
from chronique.timeline.model import QueryError

#: Matching sentences from which an article is about the query (its lead is kept too). Three: one
#: or two mentions are an aside in an article about something else; three make it a subject.
STRONG_SENTENCES = 3

_NON_WORD = re.compile(r"[\W_]+")
_COMBINING = re.compile(r"[\u0300-\u036f]+")
#: Letters that are written the same in a name and in its fold (no accented form in Latin scripts
#: the entities hold); any other character of a query matches any one character of a name.
_PLAIN = frozenset("bdfhjkmpqrtvwx0123456789")
#: The full-text index's word pattern (chronique.store.fts): the i-th match is the i-th index term.
_WORD = re.compile(r"\w+", re.UNICODE)

Phrase = tuple[bool, tuple[str, ...]]  # (excluded, stems in order)


def fold(text: str) -> str:
    """Lower case, accents and punctuation dropped, single spaces: "Sergueï Lavrov" → "serguei lavrov"."""
    text = _COMBINING.sub("", unicodedata.normalize("NFKD", text.replace("’", "'")))
    return _NON_WORD.sub(" ", text.casefold()).strip()


def like_pattern(folded: str) -> str:
    """A LIKE pattern every name whose fold contains ``folded`` matches: letters that may carry an
    accent in the stored name are any one character (``_``), separators any run (``%``)."""
    words = ("".join(c if c in _PLAIN else "_" for c in w) for w in folded.split())
    return "%" + "%".join(words) + "%"


@dataclass(frozen=True, slots=True)
class MatchedEntity:
    id: int
    name: str
    type: str
    aliases: tuple[str, ...]


@dataclass
class About:
    """A resolved ``--about`` query: its entities, its keyword plan and the articles they find."""

    text: str
    entities: tuple[MatchedEntity, ...] = ()
    plan: tuple[tuple[Phrase, ...], ...] = ()  # OR of AND-groups
    articles: list[str] = field(default_factory=list)  # store order
    spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)  # entity mentions per article
    keyword_articles: int = 0
    entity_articles: int = 0

    @functools.cached_property
    def names(self) -> set[str]:
        """Folded names and aliases of the matched entities."""
        return {fold(n) for e in self.entities for n in (e.name, *e.aliases) if fold(n)}

    def to_dict(self) -> dict[str, object]:
        return {
            "text": self.text,
            "entities": [{"id": e.id, "name": e.name, "type": e.type} for e in self.entities],
            "keywords": [[" ".join(p) for neg, p in group if not neg] for group in self.plan],
            "articles": len(self.articles),
            "entity_articles": self.entity_articles,
            "keyword_articles": self.keyword_articles,
        }


def plan(query: str, lang: str = "fr") -> tuple[tuple[Phrase, ...], ...]:
    """The keyword query as OR-branches of (excluded, stemmed phrase), as :func:`fts.match_query` reads it."""
    groups: list[list[Phrase]] = [[]]
    for m in re.finditer(r'(-?)"([^"]+)"|(\S+)', query):
        neg, phrase, word = m.group(1), m.group(2), m.group(3)
        if word == "OR":
            groups.append([])
            continue
        if word and word.startswith("-"):
            neg, word = "-", word[1:]
        stems = tuple(fts.terms(phrase or word or "", lang))
        if stems:
            groups[-1].append((bool(neg), stems))
    return tuple(tuple(g) for g in groups if any(not neg for neg, _ in g))


def _has(terms: Sequence[str], phrase: tuple[str, ...]) -> bool:
    first = phrase[0]
    if first not in terms:  # the common case, decided in C
        return False
    n = len(phrase)
    return n == 1 or any(
        terms[i] == first and tuple(terms[i : i + n]) == phrase for i in range(len(terms) - n + 1)
    )


def keywords_match(p: tuple[tuple[Phrase, ...], ...], text: str, lang: str = "fr") -> bool:
    """Whether ``text`` holds the keywords of one OR-branch (phrases in order, no excluded word)."""
    return bool(p) and _phrases_match(p, fts.terms(text, lang))


def _entities(store: Store, text: str) -> tuple[MatchedEntity, ...]:
    """Entities whose name or an alias is the query (folded), else contains it as whole words.

    Collective actors (keys ``ACT:``, "France (gouvernement)") are left out: their aliases are
    metonymies ("Élysée", "Paris") and their mentions every way of naming a government, far more
    than the query asks for; the keywords find the words themselves."""
    if not (has_table(store, "entities") and has_table(store, "mentions")):
        return ()
    import json

    q = fold(text)
    if not q:
        return ()
    pattern = like_pattern(q)
    try:
        rows = store.db.execute(
            "SELECT id, name, type, aliases, key FROM entities WHERE name LIKE ? OR aliases LIKE ?",
            (pattern, pattern),
        ).fetchall()
    except sqlite3.Error:  # another schema than this module knows: keywords only
        return ()
    ents = [
        MatchedEntity(r[0], r[1], r[2], tuple(json.loads(r[3] or "[]")))
        for r in rows
        if not (r[4] or "").startswith("ACT:")
    ]
    exact = [e for e in ents if q in {fold(n) for n in (e.name, *e.aliases)}]
    if exact:
        return tuple(exact)
    padded = f" {q} "
    return tuple(e for e in ents if any(padded in f" {fold(n)} " for n in (e.name, *e.aliases)))


def resolve(store: Store, text: str, lang: str = "fr") -> About:
    """The entities and keywords of ``text`` and the stored articles they find (store order)."""
    about = About(text.strip(), _entities(store, text), plan(text, lang))
    found: set[str] = set()
    if about.entities:
        ids = [str(e.id) for e in about.entities]
        sql = 'SELECT article_id, start, "end" FROM mentions WHERE entity_id IN ({ids}) ORDER BY article_id, start'
        for r in rows_in(store, sql, ids):
            about.spans.setdefault(r[0], []).append((r[1], r[2]))
        about.entity_articles = len(about.spans)
        found.update(about.spans)
    try:
        expr = fts.match_query(text, lang)
    except ValueError as exc:
        raise QueryError(f"--about {text!r}: {exc}") from exc
    if expr:
        rows = store.db.execute(
            "SELECT a.id FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
            "WHERE articles_fts MATCH ?",
            (expr,),
        ).fetchall()
        about.keyword_articles = len(rows)
        found.update(r[0] for r in rows)
    if found:
        order = store.db.execute("SELECT id FROM articles ORDER BY rowid").fetchall()
        about.articles = [r[0] for r in order if r[0] in found]
    return about


def _title_matches(about: About, title: str, lang: str) -> bool:
    if not title:
        return False
    folded = f" {fold(title)} "
    return any(f" {n} " in folded for n in about.names) or keywords_match(about.plan, title, lang)


def stored_terms(store: Store, ids: Sequence[str]) -> dict[str, str]:
    """Article id → the index terms of its body as the full-text index stores them (stemmed, folded)."""
    sql = "SELECT a.id, f.body FROM articles a JOIN articles_fts f ON f.rowid = a.rowid WHERE a.id IN ({ids})"
    try:
        return {r[0]: r[1] or "" for r in rows_in(store, sql, ids)}
    except sqlite3.Error:  # an index without its content: terms are computed from the bodies
        return {}


def keep(
    about: About, corpus: Corpus, lang: str = "fr", terms: Mapping[str, str] | None = None
) -> list[DatedSentence]:
    """The sentences of ``corpus`` the chronology keeps for ``about`` (see the module docstring).

    ``terms``: each article's index terms (:func:`stored_terms`); computed from the body when absent."""
    out: list[DatedSentence] = []
    for aid, sents in corpus.by_article.items():
        art = corpus.articles[aid]
        starts = sorted(a for a, _ in about.spans.get(aid, []))
        stored = (terms or {}).get(aid)
        by_sentence = _terms_by_sentence(art.body, sents, lang, stored) if about.plan else {}
        matching = {
            s.index
            for s in sents
            if _mentions_entity(starts, s.start, s.end)
            or _phrases_match(about.plan, by_sentence.get(s.index, []))
        }
        strong = len(matching) >= STRONG_SENTENCES or _title_matches(about, art.title, lang)
        out.extend(s for s in sents if s.index in matching or (strong and s.index < LEAD))
    return out


def _phrases_match(p: tuple[tuple[Phrase, ...], ...], terms: Sequence[str]) -> bool:
    return any(all(_has(terms, ph) != neg for neg, ph in group) for group in p)


def _terms_by_sentence(
    body: str, sents: Sequence[DatedSentence], lang: str, stored: str | None
) -> dict[int, list[str]]:
    """Each sentence's index terms: the i-th term of the body is its i-th word (the index's pattern)."""
    terms = (stored if stored is not None else fts.index_text(body, lang)).split(" ")
    out: dict[int, list[str]] = {}
    at = pos = 0  # words counted so far, and where in the body
    for s in sorted(sents, key=lambda x: x.start):
        at += len(_WORD.findall(body, pos, s.start))
        n = len(_WORD.findall(body, s.start, s.end))
        out[s.index] = terms[at : at + n]
        at, pos = at + n, s.end
    if at + len(_WORD.findall(body, pos)) != len(terms):  # an index made otherwise: stem each sentence
        return {s.index: fts.terms(s.text, lang) for s in sents}
    return out


def _mentions_entity(starts: Sequence[int], start: int, end: int) -> bool:
    import bisect

    i = bisect.bisect_left(starts, start)
    return i < len(starts) and starts[i] < end
