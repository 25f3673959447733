"""Evaluation of the entities stage against hand labels (shared by ``benchmarks/entities.py`` and the gate).

The labels (``data/labels/orangesum-entities.jsonl``) hold ids, offsets and labels only: for each
sentence, the record id, the sentence's offsets in the record's text field, the SHA-1 of the
sentence, and its mentions (offsets relative to the sentence, label PER/LOC/ORG, canonical name,
country, and ``gov`` for a capital standing for its government). The text is read at run time from
the corpus file; a sentence whose hash no longer matches is reported and left out.

Scores: precision, recall and F1 of mentions (PER, LOC, ORG), strict (same span and label), for the
model's entities alone and after chronique's post-processing; and, over the gold mentions that
post-processing found with the right span, the accuracy of the canonical name and of the country.
"""

from __future__ import annotations

import hashlib
import json
import logging
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from chronique.entities.names import fold

log = logging.getLogger(__name__)

LABELS = ("PER", "LOC", "ORG")


@dataclass(frozen=True, slots=True)
class Gold:
    start: int  # offsets in the article's body
    end: int
    label: str
    canonical: str
    country: str
    gov: bool = False


@dataclass(slots=True)
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(slots=True)
class Scores:
    sentences: int = 0
    gold_mentions: int = 0
    skipped: dict[str, int] = field(default_factory=dict)  # sentences left out, by reason
    model: dict[str, PRF] = field(default_factory=dict)  # "all" and per label
    chronique: dict[str, PRF] = field(default_factory=dict)
    canonical_total: int = 0
    canonical_right: int = 0
    country_total: int = 0
    country_right: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def canonical_accuracy(self) -> float:
        return self.canonical_right / self.canonical_total if self.canonical_total else 0.0

    @property
    def country_accuracy(self) -> float:
        return self.country_right / self.country_total if self.country_total else 0.0

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["model"] = {k: v.to_dict() for k, v in self.model.items()}
        d["chronique"] = {k: v.to_dict() for k, v in self.chronique.items()}
        d["canonical_accuracy"] = round(self.canonical_accuracy, 4)
        d["country_accuracy"] = round(self.country_accuracy, 4)
        return d


def score_spans(
    gold: Iterable[tuple[int, int, str]], predicted: Iterable[tuple[int, int, str]]
) -> dict[str, PRF]:
    """Strict P/R/F1 (same span, same label), overall and per label."""
    g, p = set(gold), set(predicted)
    out = {k: PRF() for k in ("all", *LABELS)}
    for s in p:
        hit = s in g
        for k in ("all", s[2]):
            if k in out:
                if hit:
                    out[k].tp += 1
                else:
                    out[k].fp += 1
    for s in g - p:
        for k in ("all", s[2]):
            if k in out:
                out[k].fn += 1
    return out


def _add(total: dict[str, PRF], part: dict[str, PRF]) -> None:
    for k, v in part.items():
        t = total.setdefault(k, PRF())
        t.tp, t.fp, t.fn = t.tp + v.tp, t.fp + v.fp, t.fn + v.fn


def read_labels(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _records(corpus: Path, ids: set[str]) -> dict[str, dict[str, Any]]:
    out = {}
    with corpus.open(encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if str(r.get("id")) in ids:
                out[str(r["id"])] = r
    return out


def evaluate(labels_path: Path, corpus: Path, workdir: Path | None = None, *, workers: int = 2) -> Scores:
    """Build the labelled articles into a fresh store (annotation and entities), then score."""
    from chronique.entities import run_entities
    from chronique.pipeline import build
    from chronique.settings import Settings
    from chronique.store import Store
    from chronique.store import entities as store_entities

    labels = read_labels(labels_path)
    records = _records(corpus, {str(lab["id"]) for lab in labels})
    scores = Scores()
    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        sub = Path(tmp) / "labelled.jsonl"
        with sub.open("w", encoding="utf-8") as f:
            for r in records.values():
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        settings = Settings(db=str(Path(tmp) / "eval.db"), workers=workers)
        build([sub], settings)
        with Store(settings.db) as store:
            run_id = store.start_run("entities-eval", [str(labels_path)], settings.to_dict(), {})
            run_entities(store, settings, run_id)
            store.finish_run(run_id, "done", {})
            articles = {a.source_id: a for a in store.articles()}
            entity_rows = {r["id"]: r for r in store_entities.list_entities(store)}
            for lab in labels:
                _score_sentence(store, lab, records, articles, entity_rows, scores)
    return scores


def _score_sentence(
    store: Any,
    lab: dict[str, Any],
    records: dict[str, dict[str, Any]],
    articles: dict[str, Any],
    entity_rows: dict[int, dict[str, Any]],
    scores: Scores,
) -> None:
    from chronique.store import entities as store_entities

    rid = str(lab["id"])
    rec = records.get(rid)
    if rec is None:
        scores.skipped["record-missing"] = scores.skipped.get("record-missing", 0) + 1
        return
    text = str(rec.get(lab.get("field", "article"), ""))
    sentence = text[lab["start"] : lab["end"]]
    if hashlib.sha1(sentence.encode("utf-8")).hexdigest() != lab["sha1"]:
        scores.skipped["text-changed"] = scores.skipped.get("text-changed", 0) + 1
        return
    article = articles.get(rid)
    if article is None:
        scores.skipped["article-not-built"] = scores.skipped.get("article-not-built", 0) + 1
        return
    if article.original[lab["start"] : lab["end"]] != sentence:
        scores.skipped["text-not-original"] = scores.skipped.get("text-not-original", 0) + 1
        return
    # Compare in the record's own coordinates: cleaning may cut a glued sentence in two paragraphs.
    base, end = lab["start"], lab["end"]
    gold = [
        Gold(
            base + m["start"],
            base + m["end"],
            m["label"],
            m.get("canonical", ""),
            m.get("country", ""),
            bool(m.get("gov", False)),
        )
        for m in lab["mentions"]
    ]
    to_orig = _to_original(article)
    if any(to_orig(g.start) is None for g in gold) or all(to_orig(k) is None for k in range(base, end)):
        scores.skipped["removed-by-cleaning"] = scores.skipped.get("removed-by-cleaning", 0) + 1
        return
    scores.sentences += 1
    scores.gold_mentions += len(gold)
    gold_spans = [(g.start, g.end, g.label) for g in gold]

    def inside(a: int, b: int) -> tuple[int, int] | None:
        oa, ob = article.to_original(a), article.to_original(b - 1) + 1
        return (oa, ob) if base <= oa and ob <= end else None

    ann = store.annotation(article)
    model = []
    for e in ann.entities if ann else []:
        span = inside(e.start, e.end)
        if span and e.label in LABELS:
            model.append((*span, e.label))
    _add(scores.model, score_spans(gold_spans, model))
    mentions = []
    for m in store_entities.article_mentions(store, article.id):
        span = inside(m["start"], m["end"])
        if span and m["kind"] in ("name", "acronym", "metonymy"):
            mentions.append({**m, "start": span[0], "end": span[1]})
    predicted = [(m["start"], m["end"], m["label"]) for m in mentions if m["label"] in LABELS]
    _add(scores.chronique, score_spans(gold_spans, predicted))
    for kind, spans in (("fp", set(predicted) - set(gold_spans)), ("fn", set(gold_spans) - set(predicted))):
        for a, b, label in sorted(spans):
            scores.errors.append(
                {
                    "id": rid,
                    "kind": kind,
                    "gold": label if kind == "fn" else "",
                    "got": f"{article.original[a:b]!r}/{label}",
                }
            )
    by_span = {(m["start"], m["end"]): m for m in mentions}
    for g in gold:
        found = by_span.get((g.start, g.end))
        if found is None:
            continue
        m = found
        e = entity_rows.get(m["entity_id"]) if m.get("entity_id") else None
        if g.canonical:
            scores.canonical_total += 1
            if g.gov:
                right = e is not None and str(e["key"]).startswith(f"ACT:{g.country}:GOV")
            else:
                right = e is not None and _same_name(e["name"], g.canonical)
            scores.canonical_right += right
            if not right:
                scores.errors.append(
                    {"id": rid, "kind": "canonical", "gold": g.canonical, "got": e["name"] if e else None}
                )
        if g.country:
            scores.country_total += 1
            got = (e or {}).get("country") or ""
            scores.country_right += got == g.country
            if got != g.country:
                scores.errors.append(
                    {
                        "id": rid,
                        "kind": "country",
                        "gold": g.country,
                        "got": got,
                        "entity": e["name"] if e else None,
                    }
                )


def _same_name(a: str, b: str) -> bool:
    """Names compared without case, accents, and hyphen-or-space differences ("Météo-France")."""
    return fold(a).replace("-", " ") == fold(b).replace("-", " ")


def _to_original(article: Any) -> Any:
    """Original offset → body offset, or None when cleaning removed that character."""
    spans = [(p.orig_start, p.orig_start + (p.end - p.start), p.start) for p in article.paragraphs]

    def body_of(o: int) -> int | None:
        for a, b, start in spans:
            if a <= o < b:
                return start + (o - a)
        return None

    return body_of


def summary(scores: Scores) -> str:
    """The scores as the benchmark prints them."""
    lines = [
        f"{scores.sentences} sentences, {scores.gold_mentions} gold mentions"
        + (f" (left out: {scores.skipped})" if scores.skipped else "")
    ]
    lines.append(f"{'':<22}{'P':>7}{'R':>7}{'F1':>7}   per label F1 (PER / LOC / ORG)")
    for name, prf in (("spaCy alone", scores.model), ("after post-processing", scores.chronique)):
        a = prf.get("all", PRF())
        per = " / ".join(f"{prf.get(k, PRF()).f1:.3f}" for k in LABELS)
        lines.append(f"{name:<22}{a.precision:7.3f}{a.recall:7.3f}{a.f1:7.3f}   {per}")
    lines.append(
        f"canonical links: {scores.canonical_right}/{scores.canonical_total} = {scores.canonical_accuracy:.3f}"
    )
    lines.append(
        f"countries:       {scores.country_right}/{scores.country_total} = {scores.country_accuracy:.3f}"
    )
    return "\n".join(lines)


def errors_text(scores: Scores, kinds: Sequence[str] = ("canonical", "country")) -> str:
    return "\n".join(
        f"  {e['kind']:<9} id={e['id']} gold={e['gold']!r} got={e['got']!r}"
        for e in scores.errors
        if e["kind"] in kinds
    )
