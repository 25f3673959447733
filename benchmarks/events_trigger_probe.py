"""Probe of a learned trigger detector, against and beside the rule coder (dev half only).

    .venv/bin/python benchmarks/events_trigger_probe.py [--epochs 1500]

Every verb and noun of the dev sentences whose events carry their trigger's offsets (the label
file's batches 11 on) is a sample: its class is the PLOVER type of the gold trigger it lies in, else
NONE. Features: the spaCy model's vectors of the word, of its lemma and of its head, its dependency
relation and part of speech, and the types the lexicon gives its lemma. Model: multinomial logistic
regression in numpy (classes weighted by the square root of their inverse frequency), 5-fold cross-
validation by article. Scored per sentence as the coder is (type pairs) for the model alone at
several probability thresholds, for the rules alone, and for their union (the model's types the
rules did not code in a sentence). Prints figures; nothing is written. Skips with a message when
``../shared`` is absent. The held-out half is never read.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SHARED = (ROOT / ".." / "shared").resolve()
LABELS = ROOT / "data" / "labels" / "events-orangesum-fr.yaml"
sys.path.insert(0, str(ROOT))

DEPS = (
    "nsubj", "obj", "obl", "nmod", "ROOT", "conj", "xcomp", "ccomp", "acl", "acl:relcl", "advcl",
    "amod", "appos", "parataxis", "nsubj:pass", "obl:arg", "obl:mod", "obl:agent", "iobj", "csubj",
)  # fmt: skip


def _unit(v: Any) -> Any:
    return v / (np.linalg.norm(v) + 1e-6)


def samples(
    nlp: Any, labels: list[Any], texts: dict[str, str], types: list[str]
) -> tuple[Any, Any, list[tuple[str, int]]]:
    from chronique.events.lexicon import load

    lex = load("fr")
    classes = [*types, "NONE"]
    zero = np.zeros(nlp.vocab.vectors.shape[1], dtype=np.float32)
    rows, ys, meta = [], [], []
    for ls in labels:
        doc = nlp(texts[ls.article][ls.start : ls.end].replace("’", "'"))
        spans = [(g.trigger[0] - ls.start, g.trigger[1] - ls.start, g.event) for g in ls.events if g.trigger]
        for t in doc:
            if t.pos_ not in ("VERB", "NOUN"):
                continue
            y = next((ev for a, b, ev in spans if t.idx >= a and t.idx + len(t.text) <= b), "NONE")
            lemma = t.lemma_.lower()
            dep = np.zeros(len(DEPS) + 1)
            dep[DEPS.index(t.dep_) if t.dep_ in DEPS else -1] = 1
            hit = np.zeros(len(types))
            for r in lex.verbs.get(lemma, ()):
                hit[types.index(r.event)] = 1
            if lemma in lex.nouns:
                hit[types.index(lex.nouns[lemma].event)] = 1
            vec = nlp.vocab[lemma].vector if nlp.vocab.has_vector(lemma) else zero
            rows.append(
                np.concatenate(
                    [
                        _unit(vec),
                        _unit(t.vector if t.has_vector else zero),
                        0.5 * _unit(t.head.vector if t.head.has_vector else zero),
                        dep,
                        [t.pos_ == "VERB", t.pos_ == "NOUN"],
                        hit,
                        [1.0],
                    ]
                )
            )
            ys.append(classes.index(y))
            meta.append((ls.article, ls.start))
    return np.array(rows, dtype=np.float64), np.array(ys), meta


def train(x: Any, y: Any, n: int, epochs: int, lr: float = 1.0, l2: float = 3e-4) -> Any:
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


def _score(labels: list[Any], found: dict[tuple[str, int], Counter[str]]) -> str:
    tp = coded = gold = 0
    for ls in labels:
        g = Counter(e.event for e in ls.events)
        p = found.get((ls.article, ls.start), Counter())
        tp += sum(min(g[k], p[k]) for k in g)
        coded += sum(p.values())
        gold += sum(g.values())
    pr, rc = tp / coded if coded else 0.0, tp / gold if gold else 0.0
    return f"P {pr:.3f}  R {rc:.3f}  F1 {2 * pr * rc / (pr + rc) if pr + rc else 0.0:.3f}  ({tp} pairs, {coded} coded, {gold} gold)"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--epochs", type=int, default=1500)
    args = ap.parse_args()
    corpus = SHARED / "data" / "orangesum-dev.jsonl"
    if not corpus.exists():
        print(f"trigger probe: skipped, {corpus} is absent")
        return
    from chronique.events.evaluate import code_records, corpus_records, load_labels
    from chronique.events.model import EVENT_TYPES
    from chronique.stages.annotate import load_model

    everything = [ls for ls in load_labels(LABELS) if ls.split == "dev"]
    with_triggers = {ls.article for ls in everything if any(g.trigger for g in ls.events)}
    labels = [ls for ls in everything if ls.article in with_triggers]
    records = corpus_records(corpus, with_triggers)
    nlp = load_model()
    coded, texts = code_records(records, nlp)
    types = sorted(EVENT_TYPES)
    x, y, meta = samples(nlp, labels, texts, types)
    print(
        f"== trigger probe: {len(labels)} dev sentences of {len(with_triggers)} articles, {len(y)} verbs and nouns, {int((y != len(types)).sum())} in a gold trigger"
    )
    articles = sorted(with_triggers)
    np.random.default_rng(0).shuffle(articles)
    probs = np.zeros((len(y), len(types) + 1))
    for k in range(5):
        fold = set(articles[k::5])
        test = np.array([m[0] in fold for m in meta])
        w = train(x[~test], y[~test], len(types) + 1, args.epochs)
        z = x[test] @ w
        z -= z.max(1, keepdims=True)
        p = np.exp(z)
        probs[test] = p / p.sum(1, keepdims=True)
    rules: dict[tuple[str, int], Counter[str]] = defaultdict(Counter)
    for ls in labels:
        for e in coded.get(ls.article, []):
            if ls.start <= e.trigger_start < ls.end and not e.negated:
                rules[(ls.article, ls.start)][e.event] += 1
    print(f"  rules                    {_score(labels, rules)}")
    for threshold in (0.3, 0.4, 0.5, 0.6, 0.7):
        model: dict[tuple[str, int], Counter[str]] = defaultdict(Counter)
        for i, m in enumerate(meta):
            k = int(probs[i].argmax())
            if k != len(types) and probs[i, k] >= threshold:
                model[m][types[k]] += 1
        union: dict[tuple[str, int], Counter[str]] = {}
        for key in set(rules) | set(model):
            u = Counter(rules.get(key, Counter()))
            for t, n in model.get(key, Counter()).items():
                u[t] = u[t] or n
            union[key] = u
        print(f"  model, p >= {threshold:.1f}         {_score(labels, model)}")
        print(f"  rules + model, p >= {threshold:.1f} {_score(labels, union)}")


if __name__ == "__main__":
    main()
