"""A learned chooser of the recipient an event's slots did not name.

When no slot of its trigger names whom an act is aimed at, the coder may still find the target
among the other actors of the sentence ("X a fustigé la décision du gouvernement": the government).
The rule (:func:`chronique.events.arguments.nearest`) takes the nearest candidate after the trigger,
and only for the types aimed at someone. This chooser scores every candidate of
:func:`chronique.events.arguments.recipient_candidates` — where it stands from the trigger, its
relation and preposition, whether the trigger governs it, what kind of actor it is and whether it
shares the actors' country or side, the event's type, and which candidate the rule would take — and
keeps the best one when its probability reaches the model's threshold, for events of any type.

The weights are data (``lang/<lang>/events_recipients.npz``), fitted on the dev half of the labels
(``benchmarks/events_recipients.py --save``), never on the held-out half. Logistic regression in
numpy: no other dependency, microseconds per candidate.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from chronique.events.model import EVENT_TYPES, Actor
from chronique.events.tree import Tree

#: Relations and prepositions the chooser tells apart (any other is one more value).
DEPS = ("obj", "iobj", "obl", "nmod", "nsubj", "appos", "conj")
PREPS = ("", "à", "contre", "de", "avec", "auprès de", "pour", "entre", "vers")
SOURCES = ("entities", "group", "description", "pronoun")
#: Sectors of the state (a side of the state line, as the scorer reads it).
STATE = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
TYPES = tuple(sorted(EVENT_TYPES))

#: A candidate: its token in the sentence and the actor it names.
Candidate = tuple[int, Actor]
#: Chooses among candidates: (tree, trigger token, event type, actors, candidates, the rule's pick)
#: → the chosen candidate or ``None``.
Chooser = Callable[[Tree, int, str, Sequence[Actor], Sequence[Candidate], Candidate | None], Candidate | None]


def _bucket(n: int, edges: Sequence[int]) -> list[float]:
    return [float(n <= e) for e in edges]


def _base(dep: str) -> str:
    return dep.split(":")[0]


def _governs(t: Tree, trig: int, k: int) -> bool:
    return trig in t.ancestors(k)


def features(
    t: Tree,
    trig: int,
    event: str,
    actors: Sequence[Actor],
    cands: Sequence[Candidate],
    rule: Candidate | None,
    i: int,
) -> Any:
    """The sample of candidate ``cands[i]`` for an event of type ``event`` triggered at ``trig``."""
    k, a = cands[i]
    after = [c for c in cands if c[0] > trig]
    before = [c for c in cands if c[0] < trig]
    dep = _base(t.dep(k))
    prep = t.prep(k)
    codes = {b.code for b in actors if b.code}
    actor_state = any(b.sector in STATE for b in actors)
    vec = [
        1.0,
        float(k > trig),
        float(bool(after) and k == min(c[0] for c in after)),
        float(bool(before) and k == max(c[0] for c in before)),
        *_bucket(abs(k - trig), (3, 8, 15)),
        float(rule is not None and rule[0] == k and rule[1].canonical == a.canonical),
        *[float(dep == d) for d in DEPS],
        float(dep not in DEPS),
        *[float(prep == p) for p in PREPS],
        float(prep not in PREPS),
        float(t.head(k) == trig),
        float(_governs(t, trig, k)),
        float(_governs(t, k, trig)),
        float(t.verb_of(k) is not None and t.verb_of(k) == t.verb_of(trig)),
        float(t.in_quotation(k)),
        float(t.tok(k).pos == "PROPN"),
        *[float(a.source == s) for s in SOURCES],
        float(bool(a.code)),
        float(bool(a.code) and a.code in codes),
        float(a.sector in STATE),
        float(a.sector in STATE and actor_state),
        float(bool(a.sector) and any(a.sector == b.sector for b in actors)),
        *_bucket(len(cands), (1, 2)),
        *[float(event == ty) for ty in TYPES],
    ]
    return np.array(vec)


@dataclass(frozen=True)
class RecipientModel:
    weights: Any  # (features,) float array
    threshold: float

    def probabilities(self, x: Any) -> Any:
        return 1.0 / (1.0 + np.exp(-(np.atleast_2d(x) @ self.weights)))

    def choose(
        self,
        t: Tree,
        trig: int,
        event: str,
        actors: Sequence[Actor],
        cands: Sequence[Candidate],
        rule: Candidate | None,
    ) -> Candidate | None:
        """The most likely recipient among ``cands``, or ``None`` when none reaches the threshold."""
        if not cands:
            return None
        x = np.stack([features(t, trig, event, actors, cands, rule, i) for i in range(len(cands))])
        p = self.probabilities(x)
        best = int(p.argmax())
        return cands[best] if p[best] >= self.threshold else None

    def save(self, path: str | Path) -> None:
        np.savez_compressed(path, weights=self.weights.astype(np.float32), threshold=self.threshold)


def fit(x: Any, y: Any, *, epochs: int = 2000, lr: float = 0.5, l2: float = 1e-3) -> Any:
    """Weights of a logistic regression of ``y`` (0/1) on samples ``x``, the two classes weighted by
    the square root of their inverse frequency (full-batch gradient descent)."""
    w = np.zeros(x.shape[1])
    pos = max(1.0, float(y.sum()))
    neg = max(1.0, float(len(y) - y.sum()))
    weight = np.where(y > 0, np.sqrt(len(y) / (2 * pos)), np.sqrt(len(y) / (2 * neg)))
    for _ in range(epochs):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        w -= lr * (x.T @ ((p - y) * weight) / len(y) + l2 * w)
    return w


def path(lang: str = "fr") -> Path:
    return Path(__file__).resolve().parents[1] / "lang" / lang / "events_recipients.npz"


@functools.lru_cache(maxsize=4)
def load(lang: str = "fr") -> RecipientModel | None:
    """The language's chooser, or ``None`` when it has none."""
    p = path(lang)
    if not p.exists():
        return None
    with np.load(p) as d:
        return RecipientModel(d["weights"].astype(np.float64), float(d["threshold"]))
