"""Articles → :class:`~chronique.stages.timeline.DatedSentence`: what the timeline generators read.

Each sentence of each article (the annotation's sentences, else the plain splitter) with its
article, outlet, offsets in ``Article.body``, position in the article, publication date
(:func:`chronique.stories.sentences.pub_date`), the days it mentions
(:func:`chronique.stories.mentions.find`, run once over the whole body so the tagger sees the
context), its wire-copy group (from the dedupe stage) and its normalised key (the same sentence in
two articles has the same key).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING

from chronique.models import Article
from chronique.stages.dedupe import sentence_key
from chronique.stages.timeline import DatedSentence
from chronique.stories import mentions as mentions_mod
from chronique.stories.sentences import pub_date as default_pub_date
from chronique.stories.sentences import sentences

if TYPE_CHECKING:
    from chronique.stages.annotate import Annotation


def dated_sentences(
    articles: Sequence[Article],
    *,
    annotations: Mapping[str, Annotation] | None = None,
    groups: Mapping[str, str] | None = None,
    lang: str = "fr",
    pub_date: Callable[[Article], date | None] = default_pub_date,
    use_tagger: bool = True,
) -> list[DatedSentence]:
    """Every sentence of ``articles`` with its dates and provenance, in article order."""
    annotations = annotations or {}
    groups = groups or {}
    out: list[DatedSentence] = []
    for art in articles:
        pub = pub_date(art)
        spans = sentences(art, annotations.get(art.id))
        ann = annotations.get(art.id)
        found = mentions_mod.find(
            art.body, pub, art.lang or lang, use_tagger=use_tagger, tense=ann.tense_at if ann else None
        )
        starts = [a for a, _ in spans]
        per_sentence: dict[int, list[mentions_mod.DateMention]] = {}
        for m in found:
            i = bisect.bisect_right(starts, m.start) - 1
            if i >= 0 and m.start < spans[i][1]:
                per_sentence.setdefault(i, []).append(m)
        for i, (a, b) in enumerate(spans):
            text = art.body[a:b]
            out.append(
                DatedSentence(
                    article_id=art.id,
                    outlet=art.outlet or art.agency,
                    start=a,
                    end=b,
                    text=text,
                    pub_date=pub,
                    mentions=tuple(per_sentence.get(i, ())),
                    index=i,
                    group=groups.get(art.id, art.id),
                    key=sentence_key(text),
                )
            )
    return out
