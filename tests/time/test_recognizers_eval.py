"""The Recognizers-Text scorer (chronique/eval/recognizers.py), on cases written here."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from chronique.eval import recognizers
from chronique.time import tag

SPEC = [
    {
        "Input": "Je repasserai jeudi",
        "Context": {"ReferenceDateTime": "2018-03-14T00:00:00"},
        "Results": [
            {
                "Text": "jeudi",
                "Type": "date",
                "Value": {
                    "Timex": "XXXX-WXX-4",
                    "FutureResolution": {"date": "2018-03-15"},
                    "PastResolution": {"date": "2018-03-08"},
                },
                "Start": 14,
                "Length": 5,
            }
        ],
    },
    {
        "Input": "pendant 7 heures",
        "Results": [
            {
                "Text": "7 heures",
                "Type": "duration",
                "Value": {"Timex": "PT7H", "FutureResolution": {"duration": "25200"}},
                "Start": 8,
                "Length": 8,
            }
        ],
    },
    {"Input": "rien du tout", "Results": []},
    {"Input": "en anglais", "NotSupported": "dotnet", "Results": [{"Text": "x", "Start": 0, "Length": 1}]},
]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "DateParser.json").write_text(json.dumps(SPEC, ensure_ascii=False), encoding="utf-8-sig")
    return tmp_path


def test_reads_only_cases_dotnet_supports(folder: Path) -> None:
    cases = recognizers.read_specs(folder)
    assert len(cases) == 3 and cases[0].reference == dt.date(2018, 3, 14)
    assert cases[1].reference == recognizers.DEFAULT_REFERENCE


def test_reproduced_cases(folder: Path) -> None:
    report = recognizers.evaluate(recognizers.read_specs(folder), lambda text, anchor: tag(text, anchor))
    assert (report.cases, report.reproduced) == (3, 3)
    assert "DateParser" in recognizers.format_table(report)


def test_a_wrong_value_is_found_but_not_reproduced(folder: Path) -> None:
    def wrong(text: str, anchor: dt.date):  # type: ignore[no-untyped-def]
        return [
            t.__class__(**{**t.to_dict(), "value": "2015-01-01"}) if t.type == "DATE" else t
            for t in tag(text, anchor)
        ]

    report = recognizers.evaluate(recognizers.read_specs(folder), wrong)
    f = report.files[0]
    assert (f.found, f.reproduced) == (3, 2)
    assert report.to_dict(failures=5)["files"][0]["failures"][0]["input"] == "Je repasserai jeudi"
