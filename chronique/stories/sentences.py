"""An article's sentences, as ``(start, end)`` offsets in ``Article.body``, and its publication date.

With an annotation (stage 3) the model's sentences are used. Without one (annotation off, or the
evaluation reading a folder directly) :func:`split` cuts each paragraph at a full stop, question or
exclamation mark (with any closing quote or bracket) followed by white space and an upper-case
letter, a digit or an opening quote — except after an initial ("J. Smith") or an abbreviation
listed in :data:`ABBREVIATIONS`. Measured on the ML-Crisis French dev articles this splitter and
spaCy's agree closely enough for timelines (see ``docs/timeline.md``); it is the documented
fallback, not a replacement for the annotation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from chronique.models import Article

if TYPE_CHECKING:
    from chronique.stages.annotate import Annotation

#: Words after which a full stop does not end a sentence (titles before names, "etc." inside a list).
ABBREVIATIONS = frozenset(
    {"m", "mm", "mme", "mmes", "mlle", "mlles", "dr", "pr", "me", "mgr", "st", "ste", "cf", "av", "etc", "no"}
)

#: A sentence boundary candidate: end mark, closing quotes/brackets, space, then a sentence start.
_BOUNDARY = re.compile(r"[.!?…]+[\"»”’)\]]*(?=\s+[«\"“(\[]?\s*[A-ZÀ-ÖØ-Þ0-9])")
_WORD_BEFORE = re.compile(r"(\w+)\W*$")
#: Shortest sentence kept: shorter pieces ("AFP.", "1.") are not sentences of a chronology.
MIN_CHARS = 3


def split(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentences of ``text[start:end]`` as offsets in ``text``, white space trimmed."""
    end = len(text) if end is None else end
    out: list[tuple[int, int]] = []
    cur = start
    for m in _BOUNDARY.finditer(text, start, end):
        before = _WORD_BEFORE.search(text, cur, m.start() + 1)
        word = before.group(1) if before else ""
        if m.group().startswith(".") and (
            word.lower() in ABBREVIATIONS or (len(word) == 1 and word.isupper())
        ):
            continue
        _add(text, cur, m.end(), out)
        cur = m.end()
    _add(text, cur, end, out)
    return out


def _add(text: str, a: int, b: int, out: list[tuple[int, int]]) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if b - a >= MIN_CHARS:
        out.append((a, b))


def sentences(article: Article, annotation: Annotation | None = None) -> list[tuple[int, int]]:
    """The sentences of ``article.body``: the annotation's, else :func:`split` per paragraph."""
    if annotation is not None and annotation.sentences:
        return [(s.start, s.end) for s in annotation.sentences]
    spans: list[tuple[int, int]] = []
    if article.paragraphs:
        for p in article.paragraphs:
            spans.extend(split(article.body, p.start, p.end))
    else:
        for m in re.finditer(r"[^\n]+", article.body):
            spans.extend(split(article.body, m.start(), m.end()))
    return spans


def pub_date(article: Article) -> date | None:
    """The article's publication day, from its metadata (``meta["date"]``, ISO ``YYYY-MM-DD...``).

    The hook the stories and timeline stages call; the publication-date stage will feed it.
    """
    value = article.meta.get("date", "")
    try:
        return date.fromisoformat(value[:10]) if len(value) >= 10 else None
    except ValueError:
        return None


def spans_text(text: str, spans: Sequence[tuple[int, int]]) -> list[str]:
    return [text[a:b] for a, b in spans]
