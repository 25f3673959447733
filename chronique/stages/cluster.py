"""Stage 7b, stories: a mixed stream of articles → stories (clusters), each with a label.

Reads, per article, an embedding of its title and lead (:mod:`chronique.stages.embed`), its
publication day, its wire-copy group (stage 7a) and its entities (canonical ones from the entities
stage when it has run, else the annotation's named entities, else none); writes :class:`Story`
records through the store.

The clustering is online and deterministic:

1. Wire copies are clustered once: each group's first article stands for the group, the copies
   join its story.
2. Articles are taken in publication order (then by id). Each is compared with the stories still
   *open* — those with an article less than :data:`WINDOW_DAYS` days before it: similarity = cosine
   to the story's centroid + :data:`ENTITY_WEIGHT` × the share of the article's entities the story
   already has. It joins the most similar open story if that similarity reaches :data:`THRESHOLD`,
   else it starts a new one. An undated article is compared with every story.
3. Stories are numbered by size (largest first), then first date. Each has its span, its number of
   independent sources (wire-copy groups), its top entities (or, without entities, its top
   keywords: words frequent in the story and rare in the collection) and a label: the title closest
   to the story's centroid.
"""

from __future__ import annotations

import logging
import math
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Container, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from chronique.models import Article

if TYPE_CHECKING:
    import numpy as np

    from chronique.settings import Settings
    from chronique.stages.annotate import Annotation
    from chronique.store import Store

log = logging.getLogger(__name__)

COMPONENT = "chronique.cluster.v1"

#: Similarity from which an article joins a story. On the OrangeSum dev stream (docs/timeline.md):
#: at 0.50 an open story chains a year of one broad subject, at 0.60 one event splits in several;
#: at 0.55, 15 of 20 hand-checked stories are one story each.
THRESHOLD = 0.55
#: A story that has had no article for this many days is closed: a new article on the same subject
#: starts a new story (news stories come back, but a chronology per episode reads better; a longer
#: window lets stories chain, see docs/timeline.md).
WINDOW_DAYS = 7
#: Weight of shared entities in the similarity (0..1 share of the article's entities).
ENTITY_WEIGHT = 0.15
#: Entities and keywords kept per story.
TOP = 5


@dataclass(frozen=True)
class StoryItem:
    """What the clustering knows of one article."""

    article_id: str
    day: date | None
    title: str
    group: str = ""
    entities: tuple[str, ...] = ()
    words: tuple[str, ...] = ()


@dataclass
class Story:
    id: int
    articles: list[tuple[str, float]]  # (article id, similarity when it joined; 1.0 for copies)
    label: str = ""
    label_article: str = ""
    first: date | None = None
    last: date | None = None
    sources: int = 0
    entities: list[tuple[str, int]] = field(default_factory=list)
    keywords: list[tuple[str, float]] = field(default_factory=list)

    @property
    def size(self) -> int:
        return len(self.articles)


def entity_key(name: str) -> str:
    """Entity names compared without case, accents or spacing differences."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    return " ".join("".join(c for c in folded if not unicodedata.combining(c)).split())


def cluster(
    items: Sequence[StoryItem],
    vectors: np.ndarray,
    *,
    threshold: float = THRESHOLD,
    window_days: int = WINDOW_DAYS,
    entity_weight: float = ENTITY_WEIGHT,
) -> list[Story]:
    """Cluster ``items`` (row ``i`` of ``vectors`` is item ``i``'s unit embedding) into stories."""
    import numpy as np

    n = len(items)
    if n == 0:
        return []
    order = sorted(range(n), key=lambda i: (items[i].day or date.max, items[i].article_id))
    rep_of: dict[str, int] = {}
    copies: dict[int, list[int]] = defaultdict(list)
    for i in order:
        g = items[i].group or items[i].article_id
        if g in rep_of:
            copies[rep_of[g]].append(i)
        else:
            rep_of[g] = i

    keys = [frozenset(entity_key(e) for e in it.entities) for it in items]
    sums = np.zeros((n, vectors.shape[1]), dtype=np.float64)
    norms = np.zeros(n)
    last = np.full(n, -(10**9), dtype=np.int64)
    ents: list[Counter[str]] = []
    members: list[list[tuple[int, float]]] = []
    k = 0  # stories so far
    for i in order:
        if rep_of.get(items[i].group or items[i].article_id) != i:
            continue
        it, v = items[i], vectors[i]
        day = it.day.toordinal() if it.day else None
        best, best_sim = -1, -math.inf
        if k:
            sims = sums[:k] @ v / np.maximum(norms[:k], 1e-12)
            if day is not None:
                sims = np.where(last[:k] >= day - window_days, sims, -np.inf)
            if keys[i] and entity_weight:
                # Only stories that entities could lift over the threshold are worth counting for.
                for j in np.flatnonzero(sims >= threshold - entity_weight):
                    shared = sum(1 for e in keys[i] if e in ents[j])
                    sims[j] += entity_weight * shared / len(keys[i])
            best = int(np.argmax(sims))
            best_sim = float(sims[best])
        if best < 0 or best_sim < threshold:
            best, best_sim = k, 1.0
            k += 1
            ents.append(Counter())
            members.append([])
        sums[best] += v
        norms[best] = float(np.linalg.norm(sums[best]))
        if day is not None:
            last[best] = max(last[best], day)
        ents[best].update(keys[i])
        for c in copies.get(i, []):
            ents[best].update(keys[c])
        members[best].append((i, best_sim))
        members[best].extend((c, 1.0) for c in copies.get(i, []))

    df = Counter(w for it in items for w in set(it.words))
    stories = [
        _describe(m, items, vectors, sums[j] / max(norms[j], 1e-12), df, n) for j, m in enumerate(members)
    ]
    stories.sort(key=lambda s: (-s.size, s.first or date.max, s.label_article))
    for sid, s in enumerate(stories, 1):
        s.id = sid
    return stories


def _describe(
    members: list[tuple[int, float]],
    items: Sequence[StoryItem],
    vectors: np.ndarray,
    center: np.ndarray,
    df: Counter[str],
    n_docs: int,
) -> Story:
    idx = [i for i, _ in members]
    days = [d for d in (items[i].day for i in idx) if d is not None]
    titled = sorted((i for i in idx if items[i].title.strip()), key=lambda i: items[i].article_id) or idx
    central = max(titled, key=lambda i: float(vectors[i] @ center))  # the first of equals: stable
    ents: Counter[str] = Counter()
    names: dict[str, Counter[str]] = defaultdict(Counter)
    for i in idx:
        for e in set(items[i].entities):
            ents[entity_key(e)] += 1
            names[entity_key(e)][e] += 1
    tf = Counter(w for i in idx for w in set(items[i].words))
    kw = sorted(
        ((w, c * math.log((1 + n_docs) / (1 + df[w]))) for w, c in tf.items() if c > 1 or len(idx) == 1),
        key=lambda x: (-x[1], x[0]),
    )[:TOP]
    return Story(
        id=0,
        articles=[(items[i].article_id, round(s, 4)) for i, s in members],
        label=items[central].title.strip(),
        label_article=items[central].article_id,
        first=min(days) if days else None,
        last=max(days) if days else None,
        sources=len({items[i].group or items[i].article_id for i in idx}),
        entities=[
            (names[k].most_common(1)[0][0], c)
            for k, c in sorted(ents.items(), key=lambda x: (-x[1], x[0]))[:TOP]
        ],
        keywords=[(w, round(s, 2)) for w, s in kw],
    )


def annotation_entities(
    annotation: Annotation | None, labels: tuple[str, ...] = ("PER", "ORG", "LOC")
) -> list[str]:
    """Named entities of an annotation (the model's PER, ORG, LOC spans), as written."""
    if annotation is None:
        return []
    return [
        " ".join(annotation.text[e.start : e.end].split()) for e in annotation.entities if e.label in labels
    ]


def items_for(
    articles: Sequence[Article],
    *,
    spans: Mapping[str, Sequence[tuple[int, int]]],
    groups: Mapping[str, str],
    entities: Mapping[str, Sequence[str]],
    pub_date: Callable[[Article], date | None],
    skip: Container[str] = frozenset(),
    lang: str = "fr",
) -> list[StoryItem]:
    """StoryItems for articles (the words for keywords come from title and lead).

    ``skip``: keys of boilerplate titles and sentences (:func:`chronique.stages.dedupe.boilerplate`);
    a boilerplate title is no label.
    """
    from chronique.stages.dedupe import sentence_key
    from chronique.stages.embed import article_text
    from chronique.stories.textvec import words

    return [
        StoryItem(
            article_id=a.id,
            day=pub_date(a),
            title=a.title if sentence_key(a.title) not in skip else "",
            group=groups.get(a.id, a.id),
            entities=tuple(entities.get(a.id, ())),
            words=tuple(words(article_text(a, spans.get(a.id, ()), skip), a.lang or lang)),
        )
        for a in articles
    ]


def run_stories(store: Store, settings: Settings, run_id: int) -> list[Story]:
    """Cluster every stored article into stories and write them (replacing an earlier run's)."""
    from chronique.stages.dedupe import boilerplate
    from chronique.stages.embed import article_text
    from chronique.store import stories as db
    from chronique.stories.sentences import sentences

    articles = list(store.articles())
    pub_date = db.pub_date_lookup(store)
    anns = {a.id: store.annotation(a) for a in articles}
    spans = {a.id: sentences(a, anns[a.id]) for a in articles}
    canonical = db.entities(store)
    ents = canonical if canonical is not None else {a.id: annotation_entities(anns[a.id]) for a in articles}
    junk = boilerplate(articles, spans, pub_date)
    items = items_for(
        articles,
        spans=spans,
        groups=db.groups(store),
        entities=ents,
        pub_date=pub_date,
        skip=junk,
        lang=settings.lang,
    )
    vectors = _vectors(store, [article_text(a, spans[a.id], junk) for a in articles])
    stories = cluster(
        items,
        vectors,
        threshold=settings.story_threshold,
        window_days=settings.story_window_days,
    )
    db.write_stories(store, run_id, stories, COMPONENT)
    log.info(
        "stories: %d articles in %d stories (%d of 2 or more)",
        len(articles),
        len(stories),
        sum(s.size > 1 for s in stories),
    )
    return stories


def _vectors(store: Store, texts: list[str]) -> np.ndarray:
    """The encoder's vectors of ``texts``: those the store keeps from an earlier run, the others
    embedded now and kept (a build that adds a day of news embeds only that day's articles)."""
    import hashlib

    import numpy as np

    from chronique.stages.embed import DIM, component, embed
    from chronique.store import stories as db

    comp = component()
    keys = [hashlib.sha1(t.encode("utf-8")).hexdigest() for t in texts]
    cached = db.cached_vectors(store, keys, comp)
    todo = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in cached}.items())
    if todo:
        fresh = embed([t for _, t in todo])
        new = [(k, fresh[i].astype("<f4").tobytes()) for i, (k, _) in enumerate(todo)]
        db.write_vectors(store, new, comp)
        cached.update(new)
    log.info(
        "stories: %d texts, %d embedded now, %d from the store", len(texts), len(todo), len(texts) - len(todo)
    )
    if not keys:
        return np.zeros((0, DIM), dtype=np.float32)
    return np.stack([np.frombuffer(cached[k], dtype="<f4") for k in keys]).astype(np.float32)
