"""A learned trigger detector, beside the rules: which verbs are events the lexicon does not know.

The rules (``lang/<lang>/events.yaml``) are precise but narrow: on unseen articles most missed
events have a trigger the lexicon lacks or whose conditions fail (``benchmarks/events.py --gaps``).
This detector reads every verb of a sentence — its word, lemma and head as the spaCy model's
vectors, its dependency relation, the types the lexicon gives its lemma — and gives the PLOVER type
it most likely triggers, with a probability. The coder asks it only about verbs no rule coded, keeps
a type the sentence has no event of when the probability reaches the model's threshold, and reads
the event's arguments the way it reads those of a rule's verb (subject → actor; object, "à",
"contre", "avec" → recipient), at a low confidence and with ``rule`` ``learned:<lemma>:<TYPE>``.

The weights are data (``lang/<lang>/events_triggers.npz``), fitted on the dev half of the labels
(``benchmarks/events_trigger_probe.py --save``), never on the held-out half. Multinomial logistic
regression in numpy: no other dependency, milliseconds per article.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from chronique.events.lexicon import Lexicon
from chronique.events.model import EVENT_TYPES
from chronique.events.tree import Tree

#: Relations the detector tells apart (any other is one more class).
DEPS = (
    "nsubj", "obj", "obl", "nmod", "ROOT", "conj", "xcomp", "ccomp", "acl", "acl:relcl", "advcl",
    "amod", "appos", "parataxis", "nsubj:pass", "obl:arg", "obl:mod", "obl:agent", "iobj", "csubj",
)  # fmt: skip
#: The classes: the PLOVER types, then "no event".
CLASSES: tuple[str, ...] = (*sorted(EVENT_TYPES), "NONE")
#: Parts of speech the detector reads.
POS = ("VERB", "NOUN")

Vectors = Callable[[str], Any]


@dataclass(frozen=True)
class TriggerModel:
    weights: Any  # (features, classes) float array
    threshold: float
    classes: tuple[str, ...] = CLASSES

    def probabilities(self, x: Any) -> Any:
        z = np.atleast_2d(x) @ self.weights
        z -= z.max(1, keepdims=True)
        p = np.exp(z)
        return p / p.sum(1, keepdims=True)

    def best(self, x: Any) -> tuple[str, float]:
        """The most likely type of one sample and its probability ("NONE" when no event)."""
        p = self.probabilities(x)[0]
        k = int(p.argmax())
        return self.classes[k], float(p[k])

    def save(self, path: str | Path) -> None:
        np.savez_compressed(
            path,
            weights=self.weights.astype(np.float32),
            threshold=self.threshold,
            classes=np.array(self.classes),
        )


def _unit(v: Any) -> Any:
    n = float(np.linalg.norm(v))
    return v / n if n else v


def features(t: Tree, i: int, vectors: Vectors, lex: Lexicon) -> Any:
    """The sample of token ``i``: unit vectors of its lemma, word and head (half weight), its
    relation and part of speech, the types the lexicon gives its lemma, and a bias."""
    lemma = t.lemma(i)
    h = t.head(i)
    dep = np.zeros(len(DEPS) + 1)
    d = t.dep(i)
    dep[DEPS.index(d) if d in DEPS else -1] = 1.0
    pos = np.array([t.tok(i).pos == p for p in POS], dtype=float)
    types = sorted(EVENT_TYPES)
    hit = np.zeros(len(types))
    for r in lex.verbs.get(lemma, ()):
        hit[types.index(r.event)] = 1.0
    if lemma in lex.nouns:
        hit[types.index(lex.nouns[lemma].event)] = 1.0
    head = vectors(t.lower(h)) if h is not None else vectors("")
    return np.concatenate(
        [_unit(vectors(lemma)), _unit(vectors(t.lower(i))), 0.5 * _unit(head), dep, pos, hit, [1.0]]
    )


def fit(x: Any, y: Any, *, epochs: int = 1500, lr: float = 1.0, l2: float = 3e-4) -> Any:
    """Weights of a softmax regression of classes ``y`` (indices into :data:`CLASSES`) on samples
    ``x``, classes weighted by the square root of their inverse frequency (full-batch gradient
    descent: a few thousand samples take seconds)."""
    n = len(CLASSES)
    w = np.zeros((x.shape[1], n))
    counts = np.bincount(y, minlength=n).astype(float)
    weight = np.sqrt(np.where(counts > 0, len(y) / (n * np.maximum(counts, 1)), 0.0))[y]
    onehot = np.eye(n)[y]
    for _ in range(epochs):
        z = x @ w
        z -= z.max(1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(1, keepdims=True)
        w -= lr * (x.T @ ((p - onehot) * weight[:, None]) / len(y) + l2 * w)
    return w


def path(lang: str = "fr") -> Path:
    return Path(__file__).resolve().parents[1] / "lang" / lang / "events_triggers.npz"


@functools.lru_cache(maxsize=4)
def load(lang: str = "fr") -> TriggerModel | None:
    """The language's detector, or ``None`` when it has none."""
    p = path(lang)
    if not p.exists():
        return None
    with np.load(p) as d:
        return TriggerModel(
            d["weights"].astype(np.float64), float(d["threshold"]), tuple(str(c) for c in d["classes"])
        )


@functools.lru_cache(maxsize=2)
def vectors(model: str = "fr_core_news_md") -> Vectors:
    """Word vectors of the spaCy model (zeros for a word it has none for)."""
    from chronique.stages.annotate import load_model

    vocab = load_model(model).vocab
    zero = np.zeros(vocab.vectors.shape[1], dtype=np.float32)

    def get(word: str) -> Any:
        return vocab.get_vector(word) if word and vocab.has_vector(word) else zero

    return get
