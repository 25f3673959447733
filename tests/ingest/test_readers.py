"""Single-article files, gzip variants and whole-file errors."""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

import pytest

from chronique.errors import InputError
from chronique.ingest import read_file, register_reader, source, supported_suffixes
from chronique.ingest.readers import split_suffix
from chronique.models import RawDocument
from chronique.settings import Settings
from tests.ingest.helpers import FRENCH, jsonl, read_all, write


def reason_of(path: Path, settings: Settings) -> str:
    with pytest.raises(InputError) as err:
        list(read_file(path, settings))
    return err.value.reason


def test_txt(tmp_path: Path, settings: Settings) -> None:
    path = write(tmp_path / "a.txt", "Titre\r\n\r\n" + FRENCH + "\r\n")
    docs, skips = read_all(path, settings)
    assert skips == []
    [doc] = docs
    assert doc.fmt == "txt"
    assert doc.text == "Titre\n\n" + FRENCH + "\n"
    assert doc.source_id == doc.source_path == str(path)
    assert doc.record_index == 0
    assert doc.encoding == "utf-8"
    assert doc.meta == {} and doc.meta_origin == {}  # no title: the cleaner finds it


def test_txt_in_cp1252(tmp_path: Path, settings: Settings) -> None:
    [doc] = read_all(write(tmp_path / "a.txt", FRENCH, "cp1252"), settings)[0]
    assert doc.text == FRENCH
    assert doc.encoding == "cp1252"


def test_txt_holding_html_markup_is_html(tmp_path: Path, settings: Settings) -> None:
    [doc] = read_all(write(tmp_path / "a.txt", "<html><body><p>" + FRENCH + "</p></body></html>"), settings)[
        0
    ]
    assert doc.fmt == "html"


@pytest.mark.parametrize("name", ["page.html", "page.htm", "PAGE.HTML"])
def test_html_keeps_the_markup(tmp_path: Path, settings: Settings, name: str) -> None:
    page = "<!doctype html>\n<html><head><title>T</title></head>\n<body><p>" + FRENCH + "</p></body></html>\n"
    [doc] = read_all(write(tmp_path / name, page), settings)[0]
    assert doc.fmt == "html"
    assert doc.text == page


def test_html_with_declared_charset(tmp_path: Path, settings: Settings) -> None:
    page = '<html><head><meta charset="ISO-8859-1"></head><body><p>' + FRENCH + "</p></body></html>"
    [doc] = read_all(write(tmp_path / "p.html", page, "cp1252"), settings)[0]
    assert doc.text == page
    assert doc.encoding == "cp1252"


def test_malformed_html_is_read_and_html_without_markup_is_text(tmp_path: Path, settings: Settings) -> None:
    [broken] = read_all(write(tmp_path / "b.html", "<div><p>" + FRENCH + "</span"), settings)[0]
    assert broken.fmt == "html"
    [plain] = read_all(write(tmp_path / "c.html", FRENCH), settings)[0]
    assert plain.fmt == "txt"
    assert plain.text == FRENCH


@pytest.mark.parametrize(
    ("name", "content", "fmt"),
    [
        ("a.txt.gz", FRENCH, "txt"),
        ("a.html.gz", "<html><p>" + FRENCH + "</p></html>", "html"),
        ("a.htm.gz", "<html><p>" + FRENCH + "</p></html>", "html"),
        ("a.json.gz", json.dumps({"text": FRENCH}), "json"),
        ("a.jsonl.gz", jsonl([{"text": FRENCH}]), "jsonl"),
        ("a.ndjson.gz", jsonl([{"text": FRENCH}]), "jsonl"),
        ("a.csv.gz", 'id,text\n1,"' + FRENCH + '"\n', "csv"),
        ("a.tsv.gz", "id\ttext\n1\t" + FRENCH + "\n", "csv"),
    ],
)
def test_gzip_variants(tmp_path: Path, settings: Settings, name: str, content: str, fmt: str) -> None:
    [doc] = read_all(write(tmp_path / name, content), settings)[0]
    assert doc.fmt == fmt
    assert FRENCH in doc.text


def test_gz_that_is_not_gzip_is_read_as_it_is(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "a.txt.gz"
    path.write_text(FRENCH, encoding="utf-8")
    [doc] = read_all(path, settings)[0]
    assert doc.text == FRENCH


def test_split_suffix() -> None:
    assert split_suffix(Path("x/Y.JSONL.GZ")) == (".jsonl", True)
    assert split_suffix(Path("x/.txt")) == ("", False)
    assert split_suffix(Path("README")) == ("", False)


# --- whole-file errors ----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["a.txt", "a.html", "a.json", "a.jsonl", "a.csv", "a.txt.gz", "a.jsonl.gz"])
@pytest.mark.parametrize("content", ["", " \n\t\r\n "])
def test_empty(tmp_path: Path, settings: Settings, name: str, content: str) -> None:
    assert reason_of(write(tmp_path / name, content), settings) == "empty"


@pytest.mark.parametrize("name", ["a.txt", "a.jsonl", "a.csv", "a.json", "a.txt.gz"])
def test_binary(tmp_path: Path, settings: Settings, name: str) -> None:
    path = write(tmp_path / name, b"%PDF-1.5\n" + random.Random(1).randbytes(3000))
    assert reason_of(path, settings) == "binary"
    path = write(tmp_path / name, random.Random(2).randbytes(3000))
    assert reason_of(path, settings) == "binary"


def test_encoding_error(tmp_path: Path, settings: Settings) -> None:
    garbled = FRENCH.encode("cp1252").decode("utf-8", "replace")
    assert reason_of(write(tmp_path / "a.txt", garbled), settings) == "encoding"


def test_too_large_single_file_is_refused_before_reading(tmp_path: Path, settings: Settings) -> None:
    small = settings.replace(max_file_mb=0.01)  # 10 KiB
    path = write(tmp_path / "big.txt", FRENCH * 100)
    with pytest.raises(InputError) as err:
        list(read_file(path, small))
    assert err.value.reason == "too-large"
    assert "max_file_mb" in err.value.detail
    assert read_all(write(tmp_path / "ok.txt", FRENCH), small)[0]


@pytest.mark.parametrize("name", ["big.txt.gz", "big.html.gz"])
def test_too_large_gz_is_measured_decompressed(tmp_path: Path, settings: Settings, name: str) -> None:
    path = write(tmp_path / name, "<p>x</p>" + " " * 200_000)  # compresses to a few hundred bytes
    assert path.stat().st_size < 10_000
    assert reason_of(path, settings.replace(max_file_mb=0.1)) == "too-large"


def test_too_large_single_json_object(tmp_path: Path, settings: Settings) -> None:
    path = write(tmp_path / "big.json", json.dumps({"title": "T", "text": FRENCH * 100}))
    assert reason_of(path, settings.replace(max_file_mb=0.01)) == "too-large"


def test_text_longer_than_max_record_chars(tmp_path: Path, settings: Settings) -> None:
    assert (
        reason_of(write(tmp_path / "a.txt", FRENCH * 3), settings.replace(max_record_chars=100))
        == "too-large"
    )


def test_unsupported_suffix(tmp_path: Path, settings: Settings) -> None:
    path = write(tmp_path / "a.docx", FRENCH)
    with pytest.raises(InputError) as err:
        list(read_file(path, settings))
    assert err.value.reason == "unsupported"
    assert ".jsonl" in err.value.detail


def test_missing_file(tmp_path: Path, settings: Settings) -> None:
    assert reason_of(tmp_path / "nope.txt", settings) == "unreadable"


def test_directory_given_as_a_file(tmp_path: Path, settings: Settings) -> None:
    (tmp_path / "dir.txt").mkdir()
    with pytest.raises(InputError) as err:
        list(read_file(tmp_path / "dir.txt", settings))
    assert err.value.reason == "unreadable"
    assert "directory" in err.value.detail


def test_broken_symlink(tmp_path: Path, settings: Settings) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "gone.txt")
    with pytest.raises(InputError) as err:
        list(read_file(link, settings))
    assert err.value.reason == "unreadable"
    assert "broken symbolic link" in err.value.detail


def test_permission_denied(tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "a.txt", FRENCH)

    def denied(*args: object, **kwargs: object) -> None:  # what opening a mode-000 file does
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(source, "open", denied, raising=False)
    with pytest.raises(InputError) as err:
        list(read_file(path, settings))
    assert err.value.reason == "unreadable"
    assert "permission" in err.value.detail


# --- truncated gzip ---------------------------------------------------------------------------


def _noisy_records(n: int) -> list[dict[str, str]]:
    rng = random.Random(7)  # random words: the gzip stream grows with the records
    return [
        {
            "id": f"r{i}",
            "text": " ".join(rng.choice(FRENCH.split()) + str(rng.randrange(10**6)) for _ in range(60)),
        }
        for i in range(n)
    ]


def test_truncated_gzip_keeps_the_records_before_the_cut(tmp_path: Path, settings: Settings) -> None:
    records = _noisy_records(400)
    data = gzip.compress(jsonl(records).encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    docs, skips = read_all(path, settings)
    assert 100 < len(docs) < 400
    assert [d.source_id for d in docs] == [r["id"] for r in records[: len(docs)]]
    assert [s.reason for s in skips] == ["truncated"]
    assert "kept" in skips[0].detail


def test_truncated_gzip_csv(tmp_path: Path, settings: Settings) -> None:
    rows = "".join(f'{r["id"]},"{r["text"]}"\n' for r in _noisy_records(300))
    data = gzip.compress(("id,text\n" + rows).encode())
    path = tmp_path / "cut.csv.gz"
    path.write_bytes(data[: len(data) * 2 // 3])
    docs, skips = read_all(path, settings)
    assert len(docs) > 100
    assert skips[-1].reason == "truncated"


def test_truncated_gzip_with_nothing_readable_raises(tmp_path: Path, settings: Settings) -> None:
    data = gzip.compress(FRENCH.encode() * 20)
    path = tmp_path / "cut.txt.gz"
    path.write_bytes(data[: len(data) // 2])
    assert reason_of(path, settings) == "truncated"


def test_corrupt_gzip(tmp_path: Path, settings: Settings) -> None:
    data = bytearray(gzip.compress(FRENCH.encode() * 20))
    data[-6] ^= 0xFF  # the CRC no longer matches
    path = tmp_path / "bad.txt.gz"
    path.write_bytes(bytes(data))
    assert reason_of(path, settings) == "unreadable"


# --- registry ---------------------------------------------------------------------------------


def test_register_reader(tmp_path: Path, settings: Settings) -> None:
    def read_xyz(src):
        yield RawDocument(str(src.path), str(src.path), "txt", "from the plugin")

    assert ".xyz" not in supported_suffixes()
    register_reader(".xyz", read_xyz)
    try:
        [doc] = read_all(write(tmp_path / "a.xyz.gz", "anything"), settings)[0]
        assert doc.text == "from the plugin"
    finally:
        from chronique.ingest.readers import _READERS

        del _READERS[".xyz"]
    with pytest.raises(ValueError):
        register_reader("xyz", read_xyz)
