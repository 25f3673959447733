"""JSON Lines, JSON objects, lists and wrappers (chronique.ingest.jsonfiles)."""

from __future__ import annotations

import json
import time
import tracemalloc
from pathlib import Path

import pytest

from chronique.errors import InputError
from chronique.ingest import read_file
from chronique.models import RawDocument, Skip
from chronique.settings import Settings
from tests.ingest.helpers import FRENCH, jsonl, read_all, write

RECORDS = [
    {"id": 101, "title": "Premier", "date": "2020-05-23", "text": "Un. " + FRENCH},
    {"id": "b-2", "headline": "Deuxième", "published": 1590192000, "body": "Deux. " + FRENCH},
    {"uid": "c3", "titre": "Troisième", "article": "Trois. " + FRENCH, "source": "AFP", "lang": "fr"},
]


def raises(path: Path, settings: Settings) -> InputError:
    with pytest.raises(InputError) as err:
        list(read_file(path, settings))
    return err.value


# --- JSON Lines -------------------------------------------------------------------------------


def test_jsonl_records_and_fields(tmp_path: Path, settings: Settings) -> None:
    path = write(tmp_path / "a.jsonl", jsonl(RECORDS))
    docs, skips = read_all(path, settings)
    assert skips == []
    assert [d.source_id for d in docs] == ["101", "b-2", "c3"]
    assert [d.record_index for d in docs] == [0, 1, 2]
    assert {d.fmt for d in docs} == {"jsonl"}
    assert docs[0].meta == {"id": "101", "title": "Premier", "date": "2020-05-23"}
    assert docs[1].meta["date"] == "1590192000"
    assert docs[1].meta_origin == {"id": "field:id", "title": "field:headline", "date": "field:published"}
    assert docs[2].meta == {"id": "c3", "title": "Troisième", "outlet": "AFP", "lang": "fr"}
    assert docs[2].text == "Trois. " + FRENCH


def test_jsonl_without_ids_numbers_records(tmp_path: Path, settings: Settings) -> None:
    path = write(tmp_path / "a.jsonl", "\n" + jsonl([{"text": "a"}]) + "   \n" + jsonl([{"text": "b"}]))
    docs, _ = read_all(path, settings)
    assert [d.source_id for d in docs] == [f"{path}#1", f"{path}#2"]
    assert [d.record_index for d in docs] == [0, 1]


def test_jsonl_crlf_and_bom(tmp_path: Path, settings: Settings) -> None:
    path = write(tmp_path / "a.jsonl", "\ufeff" + jsonl(RECORDS).replace("\n", "\r\n"))
    docs, skips = read_all(path, settings)
    assert len(docs) == 3 and not skips


def test_jsonl_in_utf16(tmp_path: Path, settings: Settings) -> None:
    path = write(tmp_path / "a.jsonl", "\ufeff" + jsonl(RECORDS), "utf-16-le")
    docs, _ = read_all(path, settings)
    assert [d.source_id for d in docs] == ["101", "b-2", "c3"]
    assert docs[0].encoding == "utf-16"


def test_jsonl_in_cp1252(tmp_path: Path, settings: Settings) -> None:
    path = write(tmp_path / "a.jsonl", jsonl([{"text": FRENCH}] * 3), "cp1252")
    docs, _ = read_all(path, settings)
    assert [d.text for d in docs] == [FRENCH] * 3


def test_malformed_json_line_is_skipped_and_others_kept(tmp_path: Path, settings: Settings) -> None:
    lines = jsonl(RECORDS[:1]) + '{"id": 7, "text": "coupé\n' + "[1, 2]\n" + jsonl(RECORDS[1:])
    path = write(tmp_path / "a.jsonl", lines)
    docs, skips = read_all(path, settings)
    assert [d.source_id for d in docs] == ["101", "b-2", "c3"]
    assert [s.reason for s in skips] == ["malformed-json", "malformed-json"]
    assert skips[0].detail.startswith("line 2, column")
    assert skips[0].source_id == f"{path}#2"
    assert "not an object" in skips[1].detail


def test_malformed_first_lines_are_reported_once_a_line_parses(tmp_path: Path, settings: Settings) -> None:
    path = write(tmp_path / "a.jsonl", "{oops\n" + jsonl(RECORDS))
    docs, skips = read_all(path, settings)
    assert len(docs) == 3
    assert [s.reason for s in skips] == ["malformed-json"]


def test_file_that_is_not_json_lines_at_all(tmp_path: Path, settings: Settings) -> None:
    err = raises(write(tmp_path / "a.jsonl", FRENCH + "\n" + FRENCH + "\n"), settings)
    assert err.reason == "malformed-json"
    pretty = json.dumps(RECORDS, indent=2)  # a JSON document saved as .jsonl
    err = raises(write(tmp_path / "b.jsonl", pretty), settings)
    assert err.reason == "malformed-json"
    assert ".json" in err.detail


def test_record_without_text_is_skipped(tmp_path: Path, settings: Settings) -> None:
    path = write(
        tmp_path / "a.jsonl", jsonl([RECORDS[0], {"id": 9, "title": "Sans texte", "text": ""}, RECORDS[1]])
    )
    docs, skips = read_all(path, settings)
    assert len(docs) == 2
    [skip] = skips
    assert (skip.reason, skip.source_id) == ("no-text", "9")
    assert "'text' is empty" in skip.detail


def test_record_text_too_long_is_skipped(tmp_path: Path, settings: Settings) -> None:
    path = write(
        tmp_path / "a.jsonl", jsonl([{"text": "court"}, {"id": "long", "text": "x" * 500}, {"text": "bref"}])
    )
    docs, skips = read_all(path, settings.replace(max_record_chars=100))
    assert [d.text for d in docs] == ["court", "bref"]
    assert [(s.reason, s.source_id) for s in skips] == [("too-large", "long")]


def test_text_field_override(tmp_path: Path, settings: Settings) -> None:
    path = write(tmp_path / "a.jsonl", jsonl([{"corps": "Le texte.", "text": "non"}, {"text": "sans corps"}]))
    docs, skips = read_all(path, settings.replace(text_field="corps", id_field="nothing"))
    assert [d.text for d in docs] == ["Le texte."]
    [skip] = skips
    assert skip.reason == "no-text"
    assert "'corps'" in skip.detail and "text" in skip.detail


def test_html_in_a_record_is_html(tmp_path: Path, settings: Settings) -> None:
    recs = [{"text": "  <div><p>" + FRENCH + "</p></div>"}, {"text": "<3 " + FRENCH}]
    docs, _ = read_all(write(tmp_path / "a.jsonl", jsonl(recs)), settings)
    assert [d.fmt for d in docs] == ["html", "jsonl"]


def test_mojibake_record_is_repaired(tmp_path: Path, settings: Settings) -> None:
    bad = FRENCH.encode("utf-8").decode("cp1252")
    docs, _ = read_all(write(tmp_path / "a.jsonl", jsonl([{"text": bad}])), settings)
    assert docs[0].text == FRENCH
    assert docs[0].encoding == "utf-8+repaired"


def test_big_jsonl_is_streamed(tmp_path: Path, settings: Settings) -> None:
    record = {"title": "Titre", "date": "2020-01-01", "text": (FRENCH + " ") * 14}  # about 2.4 KB
    path = tmp_path / "big.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for i in range(8000):
            f.write(json.dumps({"id": i, **record}, ensure_ascii=False) + "\n")
    size = path.stat().st_size
    assert size > 20_000_000
    tracemalloc.start()
    try:
        items = read_file(path, settings)
        first = [next(items) for _ in range(10)]
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < size / 10  # not loaded whole
    assert [d.source_id for d in first] == [str(i) for i in range(10)]
    t0 = time.perf_counter()
    rest = sum(1 for _ in items)
    assert rest == 7990
    assert time.perf_counter() - t0 < 5  # well under a second in practice; generous for CI


# --- JSON ----------------------------------------------------------------------------------


def test_json_single_object(tmp_path: Path, settings: Settings) -> None:
    path = write(tmp_path / "a.json", json.dumps({"title": "Titre", "content": FRENCH}, indent=2))
    [doc] = read_all(path, settings)[0]
    assert (doc.fmt, doc.source_id, doc.record_index) == ("json", str(path), 0)
    assert doc.meta == {"title": "Titre"}
    [own] = read_all(write(tmp_path / "b.json", json.dumps(RECORDS[0])), settings)[0]
    assert own.source_id == "101"


def test_json_list(tmp_path: Path, settings: Settings) -> None:
    path = write(tmp_path / "a.json", json.dumps([{"text": "a"}, *RECORDS], indent=1))
    docs, skips = read_all(path, settings)
    assert [d.source_id for d in docs] == [f"{path}#1", "101", "b-2", "c3"]
    assert [d.record_index for d in docs] == [0, 1, 2, 3]
    assert not skips


@pytest.mark.parametrize("key", ["articles", "data", "Items", "results"])
def test_json_wrapper(tmp_path: Path, settings: Settings, key: str) -> None:
    path = write(tmp_path / "a.json", json.dumps({"count": 3, key: RECORDS, "next": None}))
    docs, skips = read_all(path, settings)
    assert [d.source_id for d in docs] == ["101", "b-2", "c3"]
    assert not skips


def test_json_wrapper_under_another_key(tmp_path: Path, settings: Settings) -> None:
    path = write(tmp_path / "a.json", json.dumps({"query": "x", "hits": RECORDS}))
    assert len(read_all(path, settings)[0]) == 3


def test_article_with_a_list_under_a_wrapper_key_is_one_article(tmp_path: Path, settings: Settings) -> None:
    path = write(tmp_path / "a.json", json.dumps({"items": ["a", "b"], "text": FRENCH}))
    [doc] = read_all(path, settings)[0]
    assert doc.text == FRENCH


def test_json_wrapper_is_streamed_without_the_single_file_limit(tmp_path: Path, settings: Settings) -> None:
    path = write(tmp_path / "a.json", json.dumps({"articles": [{"text": FRENCH}] * 300}))
    docs, _ = read_all(path, settings.replace(max_file_mb=0.01))
    assert len(docs) == 300


def test_json_list_with_non_objects(tmp_path: Path, settings: Settings) -> None:
    path = write(tmp_path / "a.json", json.dumps([RECORDS[0], "texte seul", None, RECORDS[1]]))
    docs, skips = read_all(path, settings)
    assert len(docs) == 2
    assert [(s.reason, s.source_id) for s in skips] == [
        ("malformed-json", f"{path}#2"),
        ("malformed-json", f"{path}#3"),
    ]


def test_malformed_json_file_gives_line_and_column(tmp_path: Path, settings: Settings) -> None:
    err = raises(write(tmp_path / "a.json", '{\n  "title": "T",\n  "text": "x"\n  "oops": 1\n}'), settings)
    assert err.reason == "malformed-json"
    assert "line 4, column 3" in err.detail
    err = raises(write(tmp_path / "b.json", FRENCH), settings)
    assert err.reason == "malformed-json"
    assert "line 1, column 1" in err.detail


def test_json_list_broken_midway_keeps_the_records_before(tmp_path: Path, settings: Settings) -> None:
    text = json.dumps(RECORDS, indent=1)
    path = write(tmp_path / "a.json", text[: text.index('"c3"')])
    docs, skips = read_all(path, settings)
    assert [d.source_id for d in docs] == ["101", "b-2"]
    [skip] = skips
    assert skip.reason == "malformed-json"
    assert "line" in skip.detail and "kept" in skip.detail


@pytest.mark.parametrize(
    ("content", "reason"),
    [("[]", "empty"), ('{"articles": []}', "empty"), ('"texte"', "malformed-json"), ("42", "malformed-json")],
)
def test_json_without_records(tmp_path: Path, settings: Settings, content: str, reason: str) -> None:
    assert raises(write(tmp_path / "a.json", content), settings).reason == reason


def test_json_object_without_text(tmp_path: Path, settings: Settings) -> None:
    err = raises(write(tmp_path / "a.json", json.dumps({"title": "T", "corps": "x"})), settings)
    assert err.reason == "no-text"
    assert "title, corps" in err.detail


def test_concatenated_json_objects(tmp_path: Path, settings: Settings) -> None:
    path = write(tmp_path / "a.json", jsonl(RECORDS))
    docs, skips = read_all(path, settings)
    assert [d.source_id for d in docs] == ["101", "b-2", "c3"]
    assert not skips


def test_items_are_documents_or_skips(tmp_path: Path, settings: Settings) -> None:
    path = write(tmp_path / "a.jsonl", jsonl([*RECORDS, {"x": 1}]))
    assert all(isinstance(i, RawDocument | Skip) for i in read_file(path, settings))


def test_deeply_nested_json(tmp_path: Path, settings: Settings) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    assert raises(write(tmp_path / "a.json", deep), settings).reason == "malformed-json"
    docs, skips = read_all(write(tmp_path / "a.jsonl", jsonl(RECORDS[:1]) + deep + "\n"), settings)
    assert len(docs) == 1
    assert [s.reason for s in skips] == ["malformed-json"]


def test_wrapper_list_starting_with_null_is_not_records(tmp_path: Path, settings: Settings) -> None:
    path = write(tmp_path / "a.json", json.dumps({"items": [None, 1], "text": FRENCH}))
    [doc] = read_all(path, settings)[0]
    assert doc.text == FRENCH
