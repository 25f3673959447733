from __future__ import annotations

import io
import json

import pytest

from chronique.ingest import jsonstream
from chronique.ingest.jsonstream import JsonStream, JsonSyntaxError, ValueTooLarge

DOC = [
    {"id": i, "text": "é" * (i * 7), "n": 12345678901234567890 + i, "ok": True, "x": None} for i in range(40)
]


@pytest.fixture(params=[1, 3, 16, 1 << 16])
def chunk(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int:
    """Tiny chunks cut every value, string and number across reads."""
    monkeypatch.setattr(jsonstream, "CHUNK_CHARS", request.param)
    return int(request.param)


def test_items_survive_any_chunking(chunk: int) -> None:
    js = JsonStream(io.StringIO(json.dumps(DOC, indent=1, ensure_ascii=False)), 10_000)
    assert list(js.items()) == DOC
    assert js.peek() is None


def test_numbers_and_literals_cut_at_a_chunk_end(chunk: int) -> None:
    js = JsonStream(io.StringIO("[123456789, true, null, -1.5e10, 7]"), 100)
    assert list(js.items()) == [123456789, True, None, -1.5e10, 7]


def test_syntax_error_position(chunk: int) -> None:
    text = '[\n  {"a": 1},\n  {"a": 2}\n  {"a": 3}\n]'
    js = JsonStream(io.StringIO(text), 100)
    with pytest.raises(JsonSyntaxError) as err:
        list(js.items())
    assert (err.value.line, err.value.column) == (4, 3)


def test_unterminated_string_at_end_of_file() -> None:
    js = JsonStream(io.StringIO('["abc'), 100)
    with pytest.raises(JsonSyntaxError, match="Unterminated string"):
        list(js.items())


def test_value_too_large(chunk: int) -> None:
    js = JsonStream(io.StringIO(json.dumps(["x" * 500])), 100)
    with pytest.raises(ValueTooLarge):
        list(js.items())


def test_offset_and_empty_array() -> None:
    js = JsonStream(io.StringIO("  [ ]  "), 100)
    assert list(js.items()) == []
    assert js.offset == 5
    assert js.peek() is None
