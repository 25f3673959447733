"""The TimeML scorer (TempEval-3 measures), and the gate: the tagger's floors on French TimeBank dev."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from chronique.eval import timeml
from chronique.time import Timex, tag
from tests.conftest import shared_path

#: Floors of issue 3 on ../shared/data/french-timebank-dev (HeidelTime: 0.816 / 0.899 / 0.807).
#: Never lowered silently.
STRICT_F1 = 0.90
RELAXED_F1 = 0.93
VALUE_ACCURACY = 0.88

DOC = """<?xml version='1.0' encoding='UTF-8'?>
<TimeML>
<DOCID>test-1</DOCID>
<DCT><TIMEX3 functionInDocument="CREATION_TIME" tid="t1" type="DATE" value="2016-12-07" /></DCT>
<TEXT>
Le ministre a <EVENT eid="e1">parlé</EVENT> <TIMEX3 tid="t2" type="DATE" value="2016-12-06">hier</TIMEX3> &amp; il partira <TIMEX3 tid="t3" type="DATE" value="2016-12-10">samedi</TIMEX3> pour <TIMEX3 tid="t4" type="DURATION" value="P3D">trois jours</TIMEX3>.
</TEXT>
</TimeML>
"""


def _t(start: int, end: int, text: str, type_: str, value: str) -> Timex:
    return Timex(start, end, text, type_, value, "", "", "none", "test")


def test_read_timeml(tmp_path: Path) -> None:
    f = tmp_path / "a.tml"
    f.write_text(DOC, encoding="utf-8")
    doc = timeml.read_timeml(f)
    assert doc.id == "test-1" and doc.anchor == dt.date(2016, 12, 7)
    assert "&" in doc.text and "<" not in doc.text
    assert [(g.text, g.type, g.value) for g in doc.gold] == [
        ("hier", "DATE", "2016-12-06"),
        ("samedi", "DATE", "2016-12-10"),
        ("trois jours", "DURATION", "P3D"),
    ]
    for g in doc.gold:
        assert doc.text[g.start : g.end] == g.text


def test_scores_strict_relaxed_type_value(tmp_path: Path) -> None:
    f = tmp_path / "a.tml"
    f.write_text(DOC, encoding="utf-8")
    doc = timeml.read_timeml(f)
    hier, samedi, jours = doc.gold

    def system(text: str, anchor: dt.date) -> list[Timex]:
        return [
            _t(hier.start, hier.end, "hier", "DATE", "2016-12-06"),  # exact
            _t(samedi.start, samedi.end + 4, "samedi pou", "DATE", "2016-12-03"),  # overlap, wrong value
            _t(0, 3, "\nLe", "DATE", "2016"),  # spurious
        ]

    s = timeml.evaluate([doc], system)
    d = s.to_dict()
    assert (s.gold, s.system, s.strict, s.relaxed) == (3, 3, 1, 2)
    assert d["strict"]["precision"] == pytest.approx(1 / 3)
    assert d["relaxed"]["recall"] == pytest.approx(2 / 3)
    assert d["type_accuracy"] == 1.0 and d["value_accuracy"] == 0.5
    assert d["value_f1"] == pytest.approx(d["relaxed"]["f1"] * 0.5)
    kinds = sorted(e["error"] for e in s.errors())
    assert kinds == ["missed", "spurious", "value"]
    assert s.error_counts()["missed:DURATION"] == 1
    assert jours.text == "trois jours"


def test_one_system_span_counts_for_one_gold_only() -> None:
    gold = [timeml.GoldTimex(0, 4, "hier", "DATE", "x"), timeml.GoldTimex(5, 9, "soir", "TIME", "y")]
    pairs = timeml.match("d", gold, [_t(0, 9, "hier soir", "TIME", "y")])
    assert sum(1 for p in pairs if p.gold and p.system) == 1


def test_decade_notations_are_the_same_value() -> None:
    assert timeml.same_value("196X", "196") and timeml.same_value("18XX", "18")
    assert not timeml.same_value("1960", "196")


def test_unreadable_files_are_input_errors(tmp_path: Path) -> None:
    from chronique.errors import InputError

    (tmp_path / "bad.tml").write_text("<TimeML><TEXT>x", encoding="utf-8")
    with pytest.raises(InputError, match="malformed-xml"):
        timeml.read_dir(tmp_path)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError, match=r"no \*\.tml"):
        timeml.read_dir(empty)


@pytest.mark.shared
def test_french_timebank_floors() -> None:
    docs = timeml.read_dir(shared_path("data", "french-timebank-dev"))
    d = timeml.evaluate(docs, lambda text, anchor: tag(text, anchor)).to_dict()
    assert d["strict"]["f1"] >= STRICT_F1, d
    assert d["relaxed"]["f1"] >= RELAXED_F1, d
    assert d["value_accuracy"] >= VALUE_ACCURACY, d


@pytest.mark.shared
@pytest.mark.model
def test_french_timebank_floors_with_morphology() -> None:
    from chronique.time import morphology

    nlp = morphology.load_model()
    if nlp is None:
        pytest.skip("the spaCy model is not installed")
    docs = timeml.read_dir(shared_path("data", "french-timebank-dev"))
    d = timeml.evaluate(
        docs, lambda text, anchor: tag(text, anchor, tense=morphology.tense_for(text, nlp))
    ).to_dict()
    assert d["strict"]["f1"] >= STRICT_F1, d
    assert d["relaxed"]["f1"] >= RELAXED_F1, d
    assert d["value_accuracy"] >= VALUE_ACCURACY, d
