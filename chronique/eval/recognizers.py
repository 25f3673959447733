"""A second test bed for the temporal tagger: Microsoft Recognizers-Text French DateTime specs.

Each spec file (``Specs/DateTime/French/*.json``) is a list of cases: an input sentence, a
reference time, and the expected results. Only the cases whose ``NotSupported`` does not name
``dotnet`` are used (the reference implementation passes those). A case is **reproduced** when
every expected result is:

* found: one of the tagger's expressions overlaps the expected span (their spans often include a
  preposition, "pour le 27e", that a TimeML tagger leaves out) and has a compatible type
  (``duration`` ↔ DURATION, ``set`` ↔ SET, any other ↔ DATE or TIME);
* resolved, for the parser and model files that give a resolution: one of the tagger's values
  equals one of the expected ones, compared as follows:

  ===================================  ================================================================
  expected (theirs)                     tagger (ours)
  ===================================  ================================================================
  ``Timex`` without ``X``               ``value``; a time ``T07`` also matches ``T07:00`` and a day's
                                        ``…T07:00`` (their time has no day)
  ``FutureResolution``,                 ``value`` (day part for dates): a bare "mercredi" or "15" may be
  ``PastResolution`` dates              read either way, the tagger reads one with the tense
  range ``(a,b,P…)``, start/end dates   ``begin``/``end_value`` (or a single value equal to ``a``
                                        when the range is a whole month, year ...)
  ``duration`` in seconds               the tagger's duration in seconds (year 365 days, month 30)
  ``PRESENT_REF``, ``FUTURE_REF`` ...   the same value
  ===================================  ================================================================

A case that expects nothing is reproduced when the tagger finds nothing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chronique.errors import InputError
from chronique.time.model import Timex

Tagger = Callable[[str, dt.date], list[Timex]]

#: Reference date for the cases that give none (the specs' most common one).
DEFAULT_REFERENCE = dt.date(2016, 11, 7)
_RANGE = re.compile(r"^\((?P<a>[^,]+),(?P<b>[^,]+),(?P<d>[^)]+)\)$")
_DUR = re.compile(
    r"^P(?:(?P<Y>[\d.]+)Y)?(?:(?P<M>[\d.]+)M)?(?:(?P<W>[\d.]+)W)?(?:(?P<D>[\d.]+)D)?(?:T(?:(?P<h>[\d.]+)H)?(?:(?P<m>[\d.]+)M)?(?:(?P<s>[\d.]+)S)?)?$"
)
_SECONDS = {"Y": 365 * 86400, "M": 30 * 86400, "W": 7 * 86400, "D": 86400, "h": 3600, "m": 60, "s": 1}


@dataclass(frozen=True)
class Case:
    spec: str
    input: str
    reference: dt.date
    expected: tuple[dict[str, Any], ...]
    resolves: bool  # parser/model file: values are checked


@dataclass
class FileScore:
    spec: str
    cases: int = 0
    found: int = 0
    reproduced: int = 0
    failures: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Report:
    files: list[FileScore]

    @property
    def cases(self) -> int:
        return sum(f.cases for f in self.files)

    @property
    def reproduced(self) -> int:
        return sum(f.reproduced for f in self.files)

    def to_dict(self, failures: int = 0) -> dict[str, Any]:
        return {
            "cases": self.cases,
            "reproduced": self.reproduced,
            "share": self.reproduced / self.cases if self.cases else 0.0,
            "files": [
                {
                    "spec": f.spec,
                    "cases": f.cases,
                    "found": f.found,
                    "reproduced": f.reproduced,
                    "share": f.reproduced / f.cases if f.cases else 0.0,
                    **({"failures": f.failures[:failures]} if failures else {}),
                }
                for f in self.files
            ],
        }


def read_specs(folder: str | Path) -> list[Case]:
    """The usable cases of every ``*.json`` spec in ``folder`` (or its ``Specs/DateTime/French``)."""
    d = Path(folder)
    nested = d / "Specs" / "DateTime" / "French"
    if nested.is_dir():
        d = nested
    files = sorted(d.glob("*.json"))
    if not files:
        raise InputError("empty", f"{d} holds no Recognizers-Text spec (*.json)")
    cases: list[Case] = []
    for f in files:
        try:
            data = json.loads(f.read_text(encoding="utf-8-sig"))
        except (OSError, json.JSONDecodeError) as exc:
            raise InputError("malformed-json", f"{f}: {exc}") from exc
        resolves = "Extractor" not in f.stem
        for c in data:
            if "dotnet" in str(c.get("NotSupported") or "").lower():
                continue
            ref = str((c.get("Context") or {}).get("ReferenceDateTime") or "")
            try:
                reference = dt.date.fromisoformat(ref[:10]) if ref else DEFAULT_REFERENCE
            except ValueError:
                reference = DEFAULT_REFERENCE
            cases.append(
                Case(f.stem, str(c.get("Input", "")), reference, tuple(c.get("Results") or ()), resolves)
            )
    return cases


def _span(r: dict[str, Any]) -> tuple[int, int]:
    start = int(r.get("Start", r.get("start", 0)))
    if "Length" in r:
        return start, start + int(r["Length"])
    if "End" in r:
        return start, int(r["End"]) + 1
    return start, start + len(str(r.get("Text", "")))


def _type_ok(expected: str, ours: str) -> bool:
    e = expected.lower().rsplit(".", 1)[-1]
    if e == "duration":
        return ours == "DURATION"
    if e == "set":
        return ours == "SET"
    return ours in ("DATE", "TIME")


def _seconds(value: str) -> float | None:
    m = _DUR.match(value)
    if not m or value in ("P", "PT"):
        return None
    total = 0.0
    for unit, amount in m.groupdict().items():
        if amount:
            total += float(amount) * _SECONDS[unit]
    return total


def _expected_values(r: dict[str, Any]) -> tuple[set[str], set[tuple[str, str]], set[float]]:
    """Values, (begin, end) pairs and durations (seconds) that count as the expected resolution."""
    values: set[str] = set()
    pairs: set[tuple[str, str]] = set()
    seconds: set[float] = set()
    blocks: list[dict[str, Any]] = []
    if "Value" in r and isinstance(r["Value"], dict):
        v = r["Value"]
        if "values" in v:
            blocks += list(v["values"])
        else:
            blocks.append({"timex": v.get("Timex", "")})
            for res in (v.get("FutureResolution") or {}, v.get("PastResolution") or {}):
                blocks.append({k: val for k, val in res.items()})
    if "Resolution" in r:
        blocks += list((r["Resolution"] or {}).get("values") or [])
    for b in blocks:
        timex = str(b.get("timex", ""))
        m = _RANGE.match(timex)
        if m:
            pairs.add((m.group("a"), m.group("b")))
        elif (timex and "X" not in timex.replace("XXXX-WXX", "")) or timex.endswith("_REF"):
            values.add(timex)
        if timex.startswith("XXXX-WXX-"):
            values.add(timex)
        for key in ("date", "value"):
            if b.get(key) and re.match(r"^\d{4}-\d{2}-\d{2}", str(b[key])):
                values.add(str(b[key])[:10])
        for key in ("dateTime", "value"):
            s = str(b.get(key) or "")
            if re.match(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}", s):
                values.add(s[:10] + "T" + s[11:16])
        for key in ("time", "value"):
            s = str(b.get(key) or "")
            if re.match(r"^\d{2}:\d{2}:\d{2}$", s):
                values.add("T" + s[:5])
        for a, z in (("startDate", "endDate"), ("start", "end"), ("startDateTime", "endDateTime")):
            if b.get(a) and b.get(z):
                pairs.add((str(b[a])[:16].replace(" ", "T"), str(b[z])[:16].replace(" ", "T")))
        if b.get("duration"):
            with contextlib.suppress(ValueError):
                seconds.add(float(b["duration"]))
        if timex.startswith("P"):
            secs = _seconds(timex)
            if secs is not None:
                seconds.add(secs)
    values = {v + ":00" if re.fullmatch(r"(?:.*)T\d{2}", v) else v for v in values}
    pairs = {
        (a + ":00" if re.fullmatch(r".*T\d{2}", a) else a, z + ":00" if re.fullmatch(r".*T\d{2}", z) else z)
        for a, z in pairs
    }
    return values, pairs, seconds


def _resolved(r: dict[str, Any], ours: list[Timex]) -> bool:
    values, pairs, seconds = _expected_values(r)
    if not values and not pairs and not seconds:
        return True
    for t in ours:
        mine = {t.value, t.value[:10]}
        if "T" in t.value and t.value[:1].isdigit():
            mine.add(t.value[t.value.index("T") :])
        if values & mine:
            return True
        if t.begin and t.end_value and (t.begin, t.end_value) in pairs:
            return True
        if any(a == t.value or a[:10] == t.value for a, _ in pairs if len(t.value) < 10):
            return True
        s = _seconds(t.value) if t.type == "DURATION" else None
        if s is not None and any(abs(s - x) < 1 for x in seconds):
            return True
    return False


def evaluate(cases: Iterable[Case], tagger: Tagger) -> Report:
    """Run the tagger on every case; count, per spec file, the cases it reproduces."""
    by_file: dict[str, FileScore] = {}
    for case in cases:
        fs = by_file.setdefault(case.spec, FileScore(case.spec))
        fs.cases += 1
        timexes = tagger(case.input, case.reference)
        if not case.expected:
            ok = found = not timexes
        else:
            found = ok = True
            for r in case.expected:
                a, b = _span(r)
                over = [
                    t
                    for t in timexes
                    if t.start < b
                    and a < t.end
                    and _type_ok(str(r.get("Type") or r.get("TypeName") or ""), t.type)
                ]
                if not over:
                    found = ok = False
                    break
                if case.resolves and not _resolved(r, over):
                    ok = False
        fs.found += found
        fs.reproduced += ok
        if not ok:
            fs.failures.append(
                {
                    "input": case.input,
                    "reference": case.reference.isoformat(),
                    "expected": [
                        {"text": r.get("Text"), "value": r.get("Value") or r.get("Resolution")}
                        for r in case.expected
                    ],
                    "got": [
                        {
                            "text": t.text,
                            "type": t.type,
                            "value": t.value,
                            "begin": t.begin,
                            "end": t.end_value,
                        }
                        for t in timexes
                    ],
                }
            )
    return Report(sorted(by_file.values(), key=lambda f: f.spec))


def format_table(report: Report, failures: int = 0) -> str:
    lines = [f"{'spec':<32}{'cases':>7}{'found':>8}{'reproduced':>12}{'share':>8}"]
    for f in report.files:
        share = f.reproduced / f.cases if f.cases else 0.0
        lines.append(f"{f.spec:<32}{f.cases:>7}{f.found:>8}{f.reproduced:>12}{share:>8.1%}")
        for fail in f.failures[:failures]:
            lines.append(f"    {fail['input']!r} ref {fail['reference']}")
            lines.append(f"      expected {json.dumps(fail['expected'], ensure_ascii=False)[:300]}")
            lines.append(f"      got      {json.dumps(fail['got'], ensure_ascii=False)[:300]}")
    total = report.to_dict()
    lines.append(f"{'all':<32}{report.cases:>7}{'':>8}{report.reproduced:>12}{total['share']:>8.1%}")
    return "\n".join(lines)
