"""Stage 7a, dedupe: wire copies, near-duplicate articles and sentences repeated across articles.

Reads stored articles (and their annotations for sentences); writes, through the store, the group
of every article and the occurrences of every sentence that appears in more than one article.

* **Exact copies**: the same body once normalised (:func:`normalise`: case folded, every run of
  punctuation or white space made one space) has the same hash (:func:`body_key`).
* **Near duplicates**: MinHash signatures (datasketch, :data:`NUM_PERM` permutations) of the set
  of word :data:`SHINGLE`-grams of each body; locality-sensitive hashing proposes the pairs whose
  Jaccard similarity is about :data:`CANDIDATE_JACCARD` or more, and a pair is kept when at least
  :data:`CONTAINMENT` of the shorter text's shingles are in the other: a trimmed or extended
  version of a dispatch has a low Jaccard similarity with the full one but is contained in it.
  Both values were chosen on a hand-labelled OrangeSum sample (``benchmarks/dedupe.py``,
  ``data/labels/orangesum-near-duplicates.tsv``; ``docs/timeline.md``).
* Copies and near duplicates are joined transitively (union-find): a dispatch republished by five
  outlets is one group of five articles. The group's id is its first article (earliest publication
  date, then smallest id), so it is stable from run to run.
* **Sentences**: every sentence's :func:`sentence_key` (the hash of the normalised sentence);
  sentences of at least :data:`MIN_SENTENCE_WORDS` words whose key occurs in two or more articles
  are grouped with their (article, start, end).

:func:`dedupe` is the pure entry function; :func:`run_dedupe` reads the store and writes the result.
"""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from chronique.models import Article

if TYPE_CHECKING:
    from chronique.settings import Settings
    from chronique.store import Store

log = logging.getLogger(__name__)

COMPONENT = "chronique.dedupe.v1"

#: Words per shingle. Five words are specific enough that two unrelated news texts rarely share
#: one, short enough that a copy with a changed sentence still shares most of them.
SHINGLE = 5
#: MinHash permutations: the standard error of the Jaccard estimate is about 1/sqrt(NUM_PERM)
#: (±0.09 at 128), enough to separate copies (≥ 0.8) from articles on the same story (< 0.3).
NUM_PERM = 128
#: Jaccard similarity of shingle sets from which LSH proposes a pair: low, because a trimmed copy
#: of a long dispatch shares most of its own shingles but few of the long one's.
CANDIDATE_JACCARD = 0.2
#: Share of the shorter text's shingles found in the other from which a pair is a near duplicate.
#: On the hand-labelled OrangeSum sample: precision 0.90, recall 0.71 (0.4 Jaccard alone: 1.00, 0.54).
CONTAINMENT = 0.6
#: Shorter sentences ("Photo AFP", "Lire aussi") repeat everywhere and say nothing: not grouped.
MIN_SENTENCE_WORDS = 5
#: Fixed seed: the same articles always give the same signatures and groups.
SEED = 1

_NON_WORD = re.compile(r"[\W_]+")


def normalise(text: str) -> str:
    """Case folded, typographic variants unified (NFKC), punctuation and spacing collapsed."""
    return _NON_WORD.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


def body_key(text: str) -> str:
    return hashlib.sha1(normalise(text).encode("utf-8")).hexdigest()[:20]


def sentence_key(text: str) -> str:
    """Key of a sentence: equal for sentences equal up to case, punctuation and spacing."""
    return hashlib.sha1(normalise(text).encode("utf-8")).hexdigest()[:16]


def shingles(text: str, k: int = SHINGLE) -> set[bytes]:
    words = normalise(text).split()
    if len(words) < k:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + k]).encode("utf-8") for i in range(len(words) - k + 1)}


@dataclass(frozen=True, slots=True)
class Occurrence:
    article_id: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class NearPair:
    a: str
    b: str
    similarity: float  # share of the shorter text's shingles found in the other (1.0 for exact copies)
    kind: str  # "exact" | "near"


@dataclass
class DedupeResult:
    """Groups of articles and of sentences.

    ``groups`` maps every article id to its group id (an article alone is its own group);
    ``pairs`` are the links that made the groups; ``sentences`` maps a sentence key to its
    occurrences in two or more articles.
    """

    groups: dict[str, str] = field(default_factory=dict)
    pairs: list[NearPair] = field(default_factory=list)
    sentences: dict[str, list[Occurrence]] = field(default_factory=dict)

    def members(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for a, g in self.groups.items():
            out[g].append(a)
        return dict(out)


class _UnionFind:
    def __init__(self, items: Iterable[str]) -> None:
        self.parent = {x: x for x in items}

    def find(self, x: str) -> str:
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def near_pairs(
    texts: dict[str, str],
    *,
    candidate_jaccard: float = CANDIDATE_JACCARD,
    containment: float = CONTAINMENT,
    num_perm: int = NUM_PERM,
    shingle: int = SHINGLE,
) -> list[NearPair]:
    """Pairs of texts of which one is (mostly) contained in the other, with that containment."""
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=candidate_jaccard, num_perm=num_perm)
    sets: dict[str, set[bytes]] = {}
    sigs: dict[str, Any] = {}
    for key in sorted(texts):
        sh = shingles(texts[key], shingle)
        if not sh:
            continue
        m = MinHash(num_perm=num_perm, seed=SEED)
        m.update_batch(list(sh))
        sets[key], sigs[key] = sh, m
        lsh.insert(key, m)
    out = []
    for key in sorted(sigs):
        for other in sorted(lsh.query(sigs[key])):
            if other <= key:
                continue
            a, b = sets[key], sets[other]
            contained = len(a & b) / min(len(a), len(b))
            if contained >= containment:
                out.append(NearPair(key, other, contained, "near"))
    return out


def dedupe(
    articles: Sequence[Article],
    spans: dict[str, list[tuple[int, int]]] | None = None,
    *,
    pub_date: Callable[[Article], date | None] | None = None,
    containment: float = CONTAINMENT,
    num_perm: int = NUM_PERM,
    shingle: int = SHINGLE,
) -> DedupeResult:
    """Group exact and near-duplicate articles, and sentences repeated across articles.

    ``spans`` gives each article's sentences (offsets in its body); without it sentences are not
    grouped. ``pub_date`` orders a group's members to choose its id (default: by id only).
    """
    ids = [a.id for a in articles]
    uf = _UnionFind(ids)
    pairs: list[NearPair] = []
    # Exact copies: one representative per normalised body goes to MinHash.
    by_key: dict[str, list[str]] = defaultdict(list)
    for a in articles:
        by_key[body_key(a.body)].append(a.id)
    for members in by_key.values():
        members.sort()
        for other in members[1:]:
            uf.union(members[0], other)
            pairs.append(NearPair(members[0], other, 1.0, "exact"))
    bodies = {a.id: a.body for a in articles}
    reps = {members[0]: bodies[members[0]] for members in by_key.values()}
    if containment <= 1.0:
        for p in near_pairs(reps, containment=containment, num_perm=num_perm, shingle=shingle):
            uf.union(p.a, p.b)
            pairs.append(p)
    order = {a.id: ((pub_date(a) if pub_date else None) or date.max, a.id) for a in articles}
    comps: dict[str, list[str]] = defaultdict(list)
    for i in ids:
        comps[uf.find(i)].append(i)
    groups: dict[str, str] = {}
    for members in comps.values():
        gid = min(members, key=lambda x: order[x])
        for m in members:
            groups[m] = gid
    result = DedupeResult(groups=groups, pairs=pairs)
    if spans:
        result.sentences = repeated_sentences(articles, spans)
    return result


def repeated_sentences(
    articles: Sequence[Article],
    spans: dict[str, list[tuple[int, int]]],
    *,
    min_words: int = MIN_SENTENCE_WORDS,
) -> dict[str, list[Occurrence]]:
    """Sentence key → occurrences, for the sentences found in two or more articles."""
    occ: dict[str, list[Occurrence]] = defaultdict(list)
    for a in articles:
        seen: set[str] = set()
        for s, e in spans.get(a.id, []):
            text = a.body[s:e]
            norm = normalise(text)
            if len(norm.split()) < min_words:
                continue
            key = hashlib.sha1(norm.encode("utf-8")).hexdigest()[:16]
            if key in seen:
                continue
            seen.add(key)
            occ[key].append(Occurrence(a.id, s, e))
    return {k: v for k, v in occ.items() if len({o.article_id for o in v}) > 1}


#: A sentence or title published identically on this many different days is site furniture
#: (navigation, a subscription offer, a section name), not news: wire copies are same-day.
BOILERPLATE_DAYS = 3


def boilerplate(
    articles: Sequence[Article],
    spans: dict[str, list[tuple[int, int]]],
    pub_date: Callable[[Article], date | None],
    *,
    min_days: int = BOILERPLATE_DAYS,
) -> set[str]:
    """Keys (:func:`sentence_key`) of sentences and titles repeated on ``min_days`` or more days."""
    days: dict[str, set[date]] = defaultdict(set)
    for a in articles:
        d = pub_date(a)
        if d is None:
            continue
        if a.title.strip():
            days[sentence_key(a.title)].add(d)
        for s, e in spans.get(a.id, []):
            days[sentence_key(a.body[s:e])].add(d)
    return {k for k, ds in days.items() if len(ds) >= min_days}


def run_dedupe(store: Store, settings: Settings, run_id: int) -> DedupeResult:
    """Dedupe every stored article and write the groups (replacing those of an earlier run)."""
    from chronique.store import stories as db
    from chronique.stories.sentences import sentences

    articles = list(store.articles())
    spans = {a.id: sentences(a, store.annotation(a)) for a in articles}
    result = dedupe(
        articles,
        spans,
        pub_date=db.pub_date_lookup(store),
        containment=settings.near_duplicate_containment,
    )
    db.write_dedupe(store, run_id, result, COMPONENT)
    n_groups = len({g for a, g in result.groups.items() if g != a})
    log.info(
        "dedupe: %d articles, %d groups of copies, %d repeated sentences",
        len(articles),
        n_groups,
        len(result.sentences),
    )
    return result
