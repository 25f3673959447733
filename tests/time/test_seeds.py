"""The five seed dispatches: every timex of ../shared/gold/seeds.yaml as the gold says.

Reads the gold and the seed texts at run time (skipped when ../shared is absent). Each seed is
anchored on its gold publication date; seed 000 has none in its text, so it is anchored on the date
its gold note gives and checked against the values that note states.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
import yaml

from chronique.time import Timex, tag
from tests.conftest import shared_path

_NOTE_DATE = re.compile(r"metadata (\d{4}-\d{2}-\d{2})")
_NOTE_VALUES = re.compile(r"'([^']+)' = (\S+?)[,.]?(?:\s|$)")


def _cases() -> list[tuple[str, dt.date, list[dict[str, Any]]]]:
    gold = yaml.safe_load(shared_path("gold", "seeds.yaml").read_text(encoding="utf-8"))
    cases = []
    for name, g in gold.items():
        pub = g.get("pub") or {}
        if "value" in pub:
            anchor = dt.date.fromisoformat(str(pub["value"]))
            expected = list(g.get("timexes") or [])
        else:
            note = str(pub.get("note", ""))
            m = _NOTE_DATE.search(note)
            if not m:
                continue
            anchor = dt.date.fromisoformat(m.group(1))
            expected = [{"text": t, "value": v} for t, v in _NOTE_VALUES.findall(note)]
        cases.append((name, anchor, expected))
    return cases


def _matches(t: Timex, want: dict[str, Any]) -> bool:
    if "type" in want and t.type != want["type"]:
        return False
    if "value" not in want:
        return True
    value = str(want["value"])
    if "/" in value:
        return f"{t.begin}/{t.end_value}" == value or t.value == value
    return t.value == value


def _check(name: str, anchor: dt.date, expected: list[dict[str, Any]], tense: Any = None) -> list[str]:
    text = shared_path("seeds", name).read_text(encoding="utf-8")
    timexes = tag(text, anchor, tense=tense)
    problems = []
    for want in expected:
        at = text.find(str(want["text"]))
        assert at >= 0, f"{name}: gold text {want['text']!r} not found in the seed"
        end = at + len(str(want["text"]))
        over = [t for t in timexes if t.start < end and at < t.end]
        if not any(_matches(t, want) for t in over):
            got = [(t.text, t.type, t.value, t.begin, t.end_value) for t in over]
            problems.append(
                f"{name}: {want['text']!r} should be {want.get('type', '')} {want.get('value', '')}, got {got}"
            )
    return problems


@pytest.mark.shared
def test_seed_timexes_from_cues() -> None:
    problems = []
    for name, anchor, expected in _cases():
        problems += _check(name, anchor, expected)
    assert not problems, "\n".join(problems)


@pytest.mark.shared
@pytest.mark.model
def test_seed_timexes_with_morphology() -> None:
    from chronique.time import morphology

    nlp = morphology.load_model()
    if nlp is None:
        pytest.skip("the spaCy model is not installed")
    problems = []
    for name, anchor, expected in _cases():
        text = shared_path("seeds", name).read_text(encoding="utf-8")
        problems += _check(name, anchor, expected, morphology.tense_for(text, nlp))
    assert not problems, "\n".join(problems)
