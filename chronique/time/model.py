"""The record the temporal tagger returns: one TIMEX3-style temporal expression with its provenance."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Timex:
    """A temporal expression found in a text, normalised to a TIMEX3 value.

    ``start``/``end`` are offsets in the text given to :func:`chronique.time.tag` (Unicode code
    points). ``value`` is the TIMEX3 value (``2016-12-07``, ``2016-W49``, ``P3Y``, ``PRESENT_REF``
    ...). An interval is carried by ``begin``/``end_value``: when its two ends are written as two
    expressions ("du mercredi 3 avril au samedi 6 avril", "entre avril et août"), each end is its own
    Timex with its own ``value`` and both carry the interval's ``begin``/``end_value``; when one
    expression denotes the whole interval ("les 11-12 février"), its ``value`` is the ISO 8601
    interval ``begin/end``.

    ``anchor`` is the ISO date the value was computed from ("" when the expression is absolute),
    ``anchor_kind`` says whether that was the document's date (``document``), the last explicit
    date before the expression in the text (``previous-timex``) or nothing (``none``). ``rule`` is
    the id of the grammar rule that fired, ``direction`` how the tense was read when it decided the
    value (``past`` / ``future``).
    """

    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str
    precision: str  # day | week | month | quarter | half-year | season | year | decade | century | part-of-day | time | duration | set | ref
    anchor: str
    anchor_kind: str  # document | previous-timex | none
    rule: str
    begin: str = ""
    end_value: str = ""
    mod: str = ""  # START | MID | END | APPROX | MORE_THAN | LESS_THAN | EQUAL_OR_MORE | EQUAL_OR_LESS
    direction: str = ""  # past | future | ""

    def to_dict(self) -> dict[str, Any]:
        """All fields, the empty optional ones left out (for JSON output)."""
        d = asdict(self)
        return {k: v for k, v in d.items() if v != "" or k in ("anchor", "value")}
