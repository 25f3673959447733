"""Which way a bare weekday, month or date points: the tense of its clause.

Two sources, combined by :func:`direction_reader`:

* the annotation stage's morphology, given to :func:`chronique.time.tag` as ``tense(offset)``;
* cheap cues from the language data (``tense:`` in ``lang/<code>/time.yaml``): verb forms and
  markers found by regex in the expression's sentence, each class with a meaning (``past``,
  ``future``; ``future!``/``past!`` for markers that override the morphology: "est attendu",
  "d'ici", "depuis"; ``open`` for an infinitive). Cues are ranked by distance to the expression;
  crossing a clause boundary (a comma, a bracket, a quote) costs ``clause_penalty`` characters, a
  weak cue (a participle alone) costs extra, and a relative clause the expression is not in is
  skipped.

Precedence:

1. an infinitive nearest to the expression ("avant de quitter ses fonctions le 30 octobre"): the
   governing verb's tense says nothing about the date, so the direction stays open unless an
   overriding marker comes next ("est attendu à Paris pour assister, samedi");
2. the nearest finite verb or marker when it is in the expression's own clause ("nous fixerons
   cet été", "qui constatait déjà mercredi", "depuis septembre"), or when it is an overriding
   marker — on OrangeSum samples these were right where the parse was wrong;
3. the morphology;
4. the nearest cue of the sentence.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from chronique.errors import LanguageDataError

#: Directions a tense reading can give: the value of ``tense(offset)`` and of the cues.
TENSES = ("past", "present", "future", "")


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    kind: str


class CueModel:
    """The compiled ``tense:`` section of a language's time data."""

    def __init__(self, data: dict[str, Any], where: str) -> None:
        try:
            self.sentence_break = re.compile(data["sentence_break"])
            self.clause_break = re.compile(data["clause_break"])
            self.relative_clause = re.compile(data["relative_clause"], re.IGNORECASE)
            self.penalty = int(data.get("clause_penalty", 40))
            self.weak = {str(k): int(v) for k, v in (data.get("weak") or {}).items()}
            self.meaning = {str(k): str(v or "") for k, v in (data.get("meaning") or {}).items()}
            self.cues = [
                (str(k), re.compile(str(p), re.IGNORECASE)) for k, p in (data.get("cues") or {}).items()
            ]
        except (KeyError, re.error, TypeError, ValueError) as exc:
            raise LanguageDataError(f"{where}: bad tense section: {exc}") from exc
        unknown = {k for k, _ in self.cues} - set(self.meaning)
        if unknown:
            raise LanguageDataError(
                f"{where}: tense cue classes without a meaning: {', '.join(sorted(unknown))}"
            )


class CueReader:
    """Tense cues of one text, read sentence by sentence on demand."""

    def __init__(self, text: str, model: CueModel) -> None:
        self.text = text
        self.model = model
        self._bounds: list[int] | None = None
        self._cache: dict[int, tuple[list[Cue], list[tuple[int, int]], list[int]]] = {}

    def _sentence(self, offset: int) -> tuple[int, int, int]:
        if self._bounds is None:
            self._bounds = (
                [0] + [m.end() for m in self.model.sentence_break.finditer(self.text)] + [len(self.text)]
            )
        i = max(0, bisect.bisect_right(self._bounds, offset) - 1)
        i = min(i, len(self._bounds) - 2)
        return i, self._bounds[i], self._bounds[i + 1]

    def _read(self, i: int, a: int, b: int) -> tuple[list[Cue], list[tuple[int, int]], list[int]]:
        if i in self._cache:
            return self._cache[i]
        cues: list[Cue] = []
        taken: list[tuple[int, int]] = []
        for kind, rx in self.model.cues:  # earlier classes win where two overlap
            for m in rx.finditer(self.text, a, b):
                s, e = m.span()
                if any(s < te and ts < e for ts, te in taken):
                    continue
                cues.append(Cue(s, e, kind))
                taken.append((s, e))
        relatives = [m.span() for m in self.model.relative_clause.finditer(self.text, a, b)]
        breaks = [m.start() for m in self.model.clause_break.finditer(self.text, a, b)]
        self._cache[i] = (cues, relatives, breaks)
        return self._cache[i]

    def ranked(self, start: int, end: int) -> list[tuple[Cue, bool]]:
        """The cues of the expression's sentence, nearest first, each with whether it is in the
        expression's own clause (no clause boundary between them)."""
        i, a, b = self._sentence(start)
        cues, relatives, breaks = self._read(i, a, b)
        inside = [r for r in relatives if r[0] <= start and end <= r[1]]
        scored = []
        for c in cues:
            if start < c.end and c.start < end:
                continue
            rel = next((r for r in relatives if r[0] <= c.start and c.end <= r[1]), None)
            if rel is not None and rel not in inside:
                continue
            lo, hi = (c.end, start) if c.end <= start else (end, c.start)
            crossed = bisect.bisect_left(breaks, hi) - bisect.bisect_left(breaks, lo)
            scored.append(
                (hi - lo + crossed * self.model.penalty + self.model.weak.get(c.kind, 0), c, crossed == 0)
            )
        scored.sort(key=lambda sc: sc[0])
        return [(c, same) for _, c, same in scored]


def direction_reader(
    text: str, model: CueModel, tense: Callable[[int], str] | None
) -> Callable[[int, int], str]:
    """``direction(start, end)`` of an expression: "past", "present", "future" or "" (open)."""
    reader = CueReader(text, model)

    def direction(start: int, end: int) -> str:
        ranked = reader.ranked(start, end)
        meanings = [(model.meaning.get(c.kind, ""), same, c.kind in model.weak) for c, same in ranked]
        if meanings and meanings[0][0] == "open":
            # An infinitive governs the expression: only an overriding cue further out decides.
            nxt = next((m for m, _, _ in meanings[1:] if m != "open"), "")
            return nxt[:-1] if nxt.endswith("!") else ""
        strong = next(((m, same) for m, same, weak in meanings if not weak and m != "open"), None)
        if strong is not None and (strong[1] or strong[0].endswith("!")):
            # The nearest finite verb or marker, in the expression's own clause (or a marker that
            # overrides: "est attendu à Paris, samedi"): more reliable than a parse.
            return strong[0].rstrip("!")
        if tense is not None:
            t = tense(start)
            if t in TENSES and t:
                return t
        if strong is not None:
            return strong[0].rstrip("!")
        return meanings[0][0].rstrip("!") if meanings else ""

    return direction
