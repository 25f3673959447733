"""DATEWISE (news-tls, Gholipour Ghalandari & Ifrim 2020): the baseline the chronique method beats.

As news-tls runs it without its trained date ranker:

1. **Date ranking** (``MentionCountDateRanker``): days ranked by how many sentences mention them
   (publication days count once per article, so a collection without date mentions still ranks).
2. **Candidates** (``PM_Mean_SentenceCollector``): for a day d, the sentences that mention d, plus
   the first :data:`CLIP_SENTS` sentences that mention no day of the articles published on d or the
   day after (``pub_end = 2``); when both kinds exist, those closest to the mean of the two kinds'
   centroids, cut at the knee of the similarity curve.
3. **Summary** (``CentroidOpt``): greedily, the sentence that brings the summary's vector closest
   to the candidates' centroid (TF-IDF fitted on all the sentences), skipping exact repeats.

No wire-copy grouping, no faithfulness preference, no length filter: those are the chronique
method's additions (:func:`chronique.stages.timeline.timeline`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import date, timedelta

from chronique.stages.timeline import DatedSentence, Entry, Line, Timeline, in_span, sources_of
from chronique.stories import textvec

#: news-tls defaults: the first 5 sentences of an article, dated by publication to that day and the one before.
CLIP_SENTS = 5
PUB_END = 2
#: CentroidOpt's redundancy cut: only (near-)identical sentences are skipped.
MAX_SIM = 0.9999


def datewise(
    sentences: Sequence[DatedSentence],
    *,
    n_dates: int,
    per_date: int,
    start: date | None,
    end: date | None,
    lang: str = "fr",
) -> Timeline:
    toks = [textvec.words(s.text, lang) for s in sentences]
    idf = textvec.Idf(toks)
    vecs = [idf.vector(t) for t in toks]

    counts: Counter[date] = Counter()
    ment: dict[date, list[int]] = defaultdict(list)
    pub: dict[date, list[int]] = defaultdict(list)
    seen_pub: set[str] = set()
    for i, s in enumerate(sentences):
        days = sorted({m.value for m in s.mentions})
        for d in days:
            counts[d] += 1
            ment[d].append(i)
        if s.pub_date is not None and s.article_id not in seen_pub:
            seen_pub.add(s.article_id)
            counts[s.pub_date] += 1
        if not days and s.index <= CLIP_SENTS and s.pub_date is not None:
            for j in range(PUB_END):
                pub[s.pub_date - timedelta(days=j)].append(i)
    ranked = [d for d, _ in sorted(counts.items(), key=lambda x: (-x[1], x[0])) if in_span(d, start, end)]

    entries: list[Entry] = []
    for d in ranked:
        if len(entries) >= n_dates:
            break
        cands = _collect(ment[d], pub[d], vecs)
        chosen = _centroid_opt(cands, vecs, per_date)
        if not chosen:
            continue
        lines = tuple(
            Line(" ".join(sentences[i].text.split()), sources_of(sentences[i], []), "datewise")
            for i in chosen
        )
        entries.append(Entry(d, lines, float(counts[d]), len({sentences[i].source for i in cands})))
    entries.sort(key=lambda e: e.date)
    return Timeline(tuple(entries), "datewise", {"n_dates": n_dates, "per_date": per_date})


def _collect(ment: list[int], pub: list[int], vecs: list[dict[str, float]]) -> list[int]:
    if not ment or not pub:
        return ment or pub
    c_ment = textvec.centroid(vecs[i] for i in ment)
    c_pub = textvec.centroid(vecs[i] for i in pub)
    # The day's vector keeps only the words both kinds share, as in news-tls.
    shared = {w: c_ment[w] + c_pub[w] for w in c_ment.keys() & c_pub.keys()}
    center = textvec.normalise(shared)
    sims = [(textvec.cosine(vecs[i], center), i) for i in [*ment, *pub]]
    values = sorted((s for s, _ in sims), reverse=True)
    thresh = values[_knee(values)]
    chosen = [i for s, i in sims if s > 0 and s > thresh]
    return chosen or [*ment, *pub]


def _knee(values: list[float]) -> int:
    """Index of the point farthest from the line joining the first and last values."""
    n = len(values)
    if n < 3:
        return 0
    x0, y0, x1, y1 = 0.0, values[0], float(n - 1), values[-1]
    dx, dy = x1 - x0, y1 - y0
    norm = (dx * dx + dy * dy) ** 0.5 or 1.0
    dist = [abs(dy * i - dx * (v - y0)) / norm for i, v in enumerate(values)]
    return max(range(n), key=lambda i: (dist[i], -i))


def _centroid_opt(cands: list[int], vecs: list[dict[str, float]], k: int) -> list[int]:
    if not cands:
        return []
    center = textvec.centroid(vecs[i] for i in cands)
    selected: list[int] = []
    remaining = sorted(set(cands))
    summary: Counter[str] = Counter()
    while remaining and len(selected) < k:
        best, best_score = None, -1.0
        for i in remaining:
            trial = Counter(summary)
            trial.update(vecs[i])
            score = textvec.cosine(textvec.normalise(trial), center)
            if score > best_score:
                best, best_score = i, score
        assert best is not None
        remaining.remove(best)
        if any(textvec.cosine(vecs[best], vecs[j]) > MAX_SIM for j in selected):
            continue
        selected.append(best)
        summary.update(vecs[best])
    return selected
