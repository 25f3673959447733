"""Scoring a temporal tagger on ISO-TimeML documents with the TempEval-3 measures.

A document is read as the TimeML README describes it: the anchor is the value of the TIMEX3 inside
``<DCT>``; the text is the content of ``<TEXT>`` with every tag removed (entities decoded); the gold
expressions are the TIMEX3 elements inside ``<TEXT>``, with offsets in that text.

Measures (TempEval-3, UzZaman et al. 2013):

* **strict** match: same start and end; **relaxed** match: the spans overlap. Gold and system
  expressions are paired one to one (largest overlap first), so one long system span never counts
  for two gold ones. Precision, recall and F1 for both.
* **type accuracy** and **value accuracy**: the share of relaxed pairs with the same type / value.
* **value F1** = relaxed F1 × value accuracy.

Values are compared as strings, with one equivalence: a decade or century written with trailing
``X`` ("196X", "18XX", the French TimeBank 1.1 notation) equals the TIMEX3 short form ("196",
"18") that the tagger writes.
"""

from __future__ import annotations

import datetime as dt
import re
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chronique.errors import InputError
from chronique.time.model import Timex

Tagger = Callable[[str, dt.date], list[Timex]]


@dataclass(frozen=True, slots=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True, slots=True)
class TimeMLDoc:
    id: str
    anchor: dt.date
    text: str
    gold: tuple[GoldTimex, ...]


@dataclass
class Pair:
    """One gold expression and the system expression matched to it (either may be missing)."""

    doc: str
    gold: GoldTimex | None
    system: Timex | None

    @property
    def strict(self) -> bool:
        return (
            self.gold is not None
            and self.system is not None
            and (self.gold.start, self.gold.end) == (self.system.start, self.system.end)
        )


@dataclass
class Scores:
    documents: int = 0
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0
    value_ok: int = 0
    seconds: float = 0.0
    pairs: list[Pair] = field(default_factory=list)

    @staticmethod
    def _prf(tp: int, n_sys: int, n_gold: int) -> tuple[float, float, float]:
        p = tp / n_sys if n_sys else 0.0
        r = tp / n_gold if n_gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def to_dict(self) -> dict[str, Any]:
        sp, sr, sf = self._prf(self.strict, self.system, self.gold)
        rp, rr, rf = self._prf(self.relaxed, self.system, self.gold)
        type_acc = self.type_ok / self.relaxed if self.relaxed else 0.0
        value_acc = self.value_ok / self.relaxed if self.relaxed else 0.0
        return {
            "documents": self.documents,
            "gold": self.gold,
            "system": self.system,
            "strict": {"precision": sp, "recall": sr, "f1": sf},
            "relaxed": {"precision": rp, "recall": rr, "f1": rf},
            "type_accuracy": type_acc,
            "value_accuracy": value_acc,
            "value_f1": rf * value_acc,
            "ms_per_document": 1000 * self.seconds / self.documents if self.documents else 0.0,
        }

    def errors(self) -> list[dict[str, Any]]:
        """Every pair that is not a strict match with the right type and value."""
        out = []
        for p in self.pairs:
            g, s = p.gold, p.system
            if g and s and p.strict and g.type == s.type and same_value(g.value, s.value):
                continue
            kind = (
                "missed"
                if s is None
                else "spurious"
                if g is None
                else "value"
                if not same_value(g.value, s.value)
                else "type"
                if g.type != s.type
                else "span"
            )
            out.append(
                {
                    "doc": p.doc,
                    "error": kind,
                    "gold": None if g is None else {"text": g.text, "type": g.type, "value": g.value},
                    "system": None
                    if s is None
                    else {"text": s.text, "type": s.type, "value": s.value, "rule": s.rule},
                }
            )
        return out

    def error_counts(self) -> dict[str, int]:
        """Errors by kind and gold (or system) type: ``value:DATE``, ``missed:DURATION`` ..."""
        c: Counter[str] = Counter()
        for e in self.errors():
            typ = (e["gold"] or e["system"])["type"]
            c[f"{e['error']}:{typ}"] += 1
        return dict(sorted(c.items()))


_TRAILING_X = re.compile(r"^(\d{2,3})X+$")


def same_value(gold: str, system: str) -> bool:
    """TIMEX3 values equal, "196X" and "196" (decade), "18XX" and "18" (century) being one."""
    if gold == system:
        return True
    g = _TRAILING_X.sub(r"\1", gold)
    s = _TRAILING_X.sub(r"\1", system)
    return g == s


def read_timeml(path: str | Path) -> TimeMLDoc:
    """One ISO-TimeML file: anchor, plain text of ``<TEXT>``, gold TIMEX3 with offsets."""
    p = Path(path)
    try:
        root = ET.parse(p).getroot()
    except (ET.ParseError, OSError) as exc:
        raise InputError("malformed-xml", f"{p}: {exc}") from exc
    dct = root.find("./DCT/TIMEX3")
    text_el = root.find("./TEXT")
    if dct is None or text_el is None or not dct.get("value"):
        raise InputError("unsupported", f"{p}: no <DCT><TIMEX3 value=...> or no <TEXT>")
    try:
        anchor = dt.date.fromisoformat(str(dct.get("value"))[:10])
    except ValueError as exc:
        raise InputError("unsupported", f"{p}: DCT value {dct.get('value')!r} is not a date") from exc
    parts: list[str] = []
    gold: list[GoldTimex] = []
    length = 0

    def walk(el: ET.Element) -> None:
        nonlocal length
        start = length
        if el.text:
            parts.append(el.text)
            length += len(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
                length += len(child.tail)
        if el.tag == "TIMEX3" and el is not text_el:
            gold.append(GoldTimex(start, length, "", el.get("type", ""), el.get("value", "")))

    walk(text_el)
    text = "".join(parts)
    gold = [GoldTimex(g.start, g.end, text[g.start : g.end], g.type, g.value) for g in gold]
    gold.sort(key=lambda g: (g.start, g.end))
    doc_id = root.findtext("./DOCID") or p.stem
    return TimeMLDoc(doc_id.strip(), anchor, text, tuple(gold))


def read_dir(path: str | Path) -> list[TimeMLDoc]:
    """Every ``*.tml`` file of a folder, sorted by name."""
    d = Path(path)
    if not d.is_dir():
        raise InputError("unreadable", f"{d} is not a folder of TimeML files")
    files = sorted(d.glob("*.tml"))
    if not files:
        raise InputError("empty", f"{d} holds no *.tml file")
    return [read_timeml(f) for f in files]


def match(doc: str, gold: Iterable[GoldTimex], system: Iterable[Timex]) -> list[Pair]:
    """Pair gold and system expressions one to one, largest overlap first."""
    gl, sl = list(gold), list(system)
    cands = []
    for i, g in enumerate(gl):
        for j, s in enumerate(sl):
            overlap = min(g.end, s.end) - max(g.start, s.start)
            if overlap > 0:
                exact = (g.start, g.end) == (s.start, s.end)
                cands.append((not exact, -overlap, i, j))
    cands.sort()
    used_g: set[int] = set()
    used_s: set[int] = set()
    pairs = []
    for _, _, i, j in cands:
        if i in used_g or j in used_s:
            continue
        used_g.add(i)
        used_s.add(j)
        pairs.append(Pair(doc, gl[i], sl[j]))
    pairs += [Pair(doc, g, None) for i, g in enumerate(gl) if i not in used_g]
    pairs += [Pair(doc, None, s) for j, s in enumerate(sl) if j not in used_s]
    pairs.sort(key=lambda p: (p.gold or p.system).start)  # type: ignore[union-attr]
    return pairs


def evaluate(docs: Iterable[TimeMLDoc], tagger: Tagger) -> Scores:
    """Run ``tagger(text, anchor)`` on every document and score it against the gold."""
    scores = Scores()
    for doc in docs:
        t0 = time.perf_counter()
        system = tagger(doc.text, doc.anchor)
        scores.seconds += time.perf_counter() - t0
        scores.documents += 1
        scores.gold += len(doc.gold)
        scores.system += len(system)
        for p in match(doc.id, doc.gold, system):
            scores.pairs.append(p)
            if p.gold is None or p.system is None:
                continue
            scores.relaxed += 1
            scores.strict += p.strict
            scores.type_ok += p.gold.type == p.system.type
            scores.value_ok += same_value(p.gold.value, p.system.value)
    return scores


def format_table(scores: Scores) -> str:
    """The scores as a small plain-text table."""
    d = scores.to_dict()
    lines = [
        f"documents {d['documents']}   gold {d['gold']}   system {d['system']}   {d['ms_per_document']:.2f} ms/doc",
        f"{'':10}{'P':>8}{'R':>8}{'F1':>8}",
        f"{'strict':10}{d['strict']['precision']:8.3f}{d['strict']['recall']:8.3f}{d['strict']['f1']:8.3f}",
        f"{'relaxed':10}{d['relaxed']['precision']:8.3f}{d['relaxed']['recall']:8.3f}{d['relaxed']['f1']:8.3f}",
        f"type accuracy  {d['type_accuracy']:.3f}",
        f"value accuracy {d['value_accuracy']:.3f}",
        f"value F1       {d['value_f1']:.3f}",
    ]
    return "\n".join(lines)
