"""Entities: who and where, one canonical identity across all articles.

:func:`run_entities` is the build's entry point (after annotation): it reads the stored articles and
annotations, extracts each article's mentions (:func:`chronique.stages.entities.extract_mentions`,
pure), links them over the collection (:func:`chronique.entities.linking.link`, pure) and writes the
lot through :mod:`chronique.store.entities` in one transaction. Articles whose annotation has not
changed since their mentions were read are not read again.
"""

from __future__ import annotations

import logging
import re
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from chronique.entities.records import Entity, Mention

if TYPE_CHECKING:
    from chronique.models import Article
    from chronique.settings import Settings
    from chronique.store import Store

__all__ = ["Entity", "EntityReport", "Mention", "publication_date", "run_entities"]

log = logging.getLogger(__name__)

_ISO = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?")


@dataclass(slots=True)
class EntityReport:
    """What an entities run did."""

    run_id: int = 0
    component: str = ""
    articles: int = 0
    extracted: int = 0  # articles read now
    reused: int = 0  # articles whose stored mentions were current
    unannotated: int = 0  # articles with no annotation (skipped: run the annotation first)
    other_language: int = 0  # articles in a language with no entity data (skipped)
    mentions: int = 0
    entities: int = 0
    by_type: dict[str, int] = field(default_factory=dict)
    by_kind: dict[str, int] = field(default_factory=dict)
    dropped: dict[str, int] = field(default_factory=dict)  # the model's entities left out, by reason
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def publication_date(article: Article) -> str | None:
    """The date an entity's first and last dates are computed from.

    Hook: the article's metadata ``date`` (ISO 8601, day, month or year) for now. When the
    publication-date stage's dates are in the store, pass them to :func:`run_entities` instead
    (``dates=``), which takes precedence over this.
    """
    m = _ISO.match((article.meta or {}).get("date", "").strip())
    return m.group(0) if m else None


def run_entities(
    store: Store,
    settings: Settings,
    run_id: int,
    *,
    dates: dict[str, str] | None = None,
    refresh: bool = False,
) -> EntityReport:
    """Extract, link and store the entities of every annotated article of the store.

    ``refresh`` reads every article again, even those whose stored mentions are current.
    """
    from chronique.entities.gazetteer import supported
    from chronique.entities.linking import harmonise, link
    from chronique.stages.entities import COMPONENT, extract
    from chronique.store import entities as db

    t0 = time.perf_counter()
    report = EntityReport(run_id=run_id, component=COMPONENT)
    annotated = db.annotation_components(store)
    done = {} if refresh else db.current(store, COMPONENT)
    stored = db.mentions(store, [a for a, c in done.items() if annotated.get(a) == c])
    by_article: dict[str, list[Mention]] = {}
    known_dates: dict[str, str] = {}
    for article in store.articles():
        report.articles += 1
        d = (dates or {}).get(article.id) or publication_date(article)
        if d:
            known_dates[article.id] = d
        if article.id not in annotated:
            report.unannotated += 1
            continue
        if done.get(article.id) == annotated[article.id]:
            by_article[article.id] = stored.get(article.id, [])
            report.reused += 1
            continue
        lang = article.lang or settings.lang
        if not supported(lang):
            report.other_language += 1
            continue
        ann = store.annotation(article)
        if ann is None:
            report.unannotated += 1
            continue
        by_article[article.id], dropped = extract(article, ann, lang)
        for reason, n in dropped.items():
            report.dropped[reason] = report.dropped.get(reason, 0) + n
        report.extracted += 1
    entities = link(by_article, dates=known_dates, lang=settings.lang)
    harmonise(by_article, entities)
    db.write(store, run_id, COMPONENT, by_article, annotated, entities)
    report.mentions = sum(len(ms) for ms in by_article.values())
    report.entities = len(entities)
    report.by_type = dict(Counter(e.type for e in entities))
    report.by_kind = dict(Counter(m.kind for ms in by_article.values() for m in ms))
    report.seconds = time.perf_counter() - t0
    if report.unannotated:
        log.warning(
            "%d articles have no annotation and were passed over: build with annotation on",
            report.unannotated,
        )
    log.info(
        "entities: %d articles (%d read, %d unchanged), %d mentions, %d entities in %.1f s",
        report.articles,
        report.extracted,
        report.reused,
        report.mentions,
        report.entities,
        report.seconds,
    )
    return report
