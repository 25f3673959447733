from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from chronique.ingest.fields import FieldMap
from chronique.ingest.sidecars import file_meta, folder_date, is_sidecar
from chronique.settings import Settings
from tests.ingest.helpers import FRENCH, jsonl, read_all, write

SIDE = {
    "Title": "Titre du sidecar",
    "published": "2011-02-03T10:00:00",
    "source": "AFP",
    "tags": ["x"],
    "id": 77,
}


def test_sidecar_beside_txt(tmp_path: Path, settings: Settings) -> None:
    path = write(tmp_path / "a.txt", FRENCH)
    write(tmp_path / "a.meta.json", json.dumps(SIDE))
    [doc] = read_all(path, settings)[0]
    assert doc.meta == {
        "id": "77",
        "title": "Titre du sidecar",
        "date": "2011-02-03T10:00:00",
        "outlet": "AFP",
    }
    assert set(doc.meta_origin.values()) == {"sidecar"}
    assert doc.source_id == "77"


def test_sidecar_beside_html(tmp_path: Path, settings: Settings) -> None:
    path = write(tmp_path / "p.html", "<p>" + FRENCH + "</p>")
    write(tmp_path / "p.meta.json", json.dumps({"url": "https://exemple.fr/a"}))
    [doc] = read_all(path, settings)[0]
    assert doc.meta == {"url": "https://exemple.fr/a"}


@pytest.mark.parametrize("sidecar", ["x.txt.meta.json", "x.meta.json"])
def test_sidecar_of_gz(tmp_path: Path, settings: Settings, sidecar: str) -> None:
    path = write(tmp_path / "x.txt.gz", FRENCH)
    write(tmp_path / sidecar, json.dumps({"lang": "fr"}))
    [doc] = read_all(path, settings)[0]
    assert doc.meta == {"lang": "fr"}
    assert doc.meta_origin == {"lang": "sidecar"}


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", "\x00\x01\x02\x03" * 50])
def test_malformed_sidecar_is_ignored_with_a_warning(
    tmp_path: Path, settings: Settings, caplog: pytest.LogCaptureFixture, content: str
) -> None:
    path = write(tmp_path / "a.txt", FRENCH)
    write(tmp_path / "a.meta.json", content)
    with caplog.at_level(logging.WARNING, logger="chronique.ingest"):
        [doc] = read_all(path, settings)[0]
    assert doc.text == FRENCH
    assert doc.meta == {}
    assert "a.meta.json" in caplog.text


@pytest.mark.parametrize("key_column", ["file", "Filename", "name", "path"])
def test_metadata_csv(tmp_path: Path, settings: Settings, key_column: str) -> None:
    a = write(tmp_path / "a.txt", FRENCH)
    b = write(tmp_path / "b.txt.gz", FRENCH)
    c = write(tmp_path / "c.txt", FRENCH)
    write(
        tmp_path / "metadata.csv",
        f"{key_column},titre,date,journal\na.txt,Titre A,2020-01-02,Le Monde\nb.txt,Titre B,,\n",
    )
    [da] = read_all(a, settings)[0]
    assert da.meta == {"title": "Titre A", "date": "2020-01-02", "outlet": "Le Monde"}
    assert set(da.meta_origin.values()) == {"metadata.csv"}
    [db] = read_all(b, settings)[0]
    assert db.meta == {"title": "Titre B"}
    [dc] = read_all(c, settings)[0]
    assert dc.meta == {}


def test_metadata_csv_with_semicolons_and_paths(tmp_path: Path, settings: Settings) -> None:
    a = write(tmp_path / "a.txt", FRENCH)
    write(tmp_path / "metadata.csv", "path;headline\n./corpus/a.txt;Titre\n", "cp1252")
    assert read_all(a, settings)[0][0].meta == {"title": "Titre"}


def test_malformed_metadata_csv_is_ignored(
    tmp_path: Path, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    a = write(tmp_path / "a.txt", FRENCH)
    write(tmp_path / "metadata.csv", "titre,date\nTitre,2020-01-01\n")  # no file column
    with caplog.at_level(logging.WARNING, logger="chronique.ingest"):
        [doc] = read_all(a, settings)[0]
    assert doc.meta == {}
    assert "metadata.csv" in caplog.text


def test_metadata_csv_change_is_seen(tmp_path: Path, settings: Settings) -> None:
    a = write(tmp_path / "a.txt", FRENCH)
    table = write(tmp_path / "metadata.csv", "file,title\na.txt,Avant\n")
    assert read_all(a, settings)[0][0].meta["title"] == "Avant"
    table.write_text("file,title\na.txt,Après bien plus long\n", encoding="utf-8")
    assert read_all(a, settings)[0][0].meta["title"] == "Après bien plus long"


def test_folder_date(tmp_path: Path, settings: Settings) -> None:
    path = write(tmp_path / "egypte" / "2011-02-03" / "gv_1.txt", FRENCH)
    [doc] = read_all(path, settings)[0]
    assert doc.meta == {"date": "2011-02-03"}
    assert doc.meta_origin == {"date": "folder"}


def test_folder_date_innermost_valid_wins(tmp_path: Path) -> None:
    assert folder_date(tmp_path / "2010-01-01" / "2011-02-03" / "x" / "a.txt") == "2011-02-03"
    assert folder_date(tmp_path / "2010-01-01" / "2011-02-30" / "a.txt") == "2010-01-01"
    assert folder_date(tmp_path / "20110203" / "a.txt") is None


def test_precedence_sidecar_then_metadata_csv_then_folder(tmp_path: Path, settings: Settings) -> None:
    folder = tmp_path / "2011-02-03"
    path = write(folder / "a.txt", FRENCH)
    write(folder / "a.meta.json", json.dumps({"title": "Du sidecar"}))
    write(folder / "metadata.csv", "file,title,author,date\na.txt,Du tableau,Jean Dupont,2011-02-04\n")
    meta, origin = file_meta(path, FieldMap(settings))
    assert meta == {"title": "Du sidecar", "author": "Jean Dupont", "date": "2011-02-04"}
    assert origin == {"title": "sidecar", "author": "metadata.csv", "date": "metadata.csv"}


def test_record_fields_win_over_sidecar(tmp_path: Path, settings: Settings) -> None:
    path = write(tmp_path / "a.json", json.dumps({"text": FRENCH, "title": "Du record"}))
    write(tmp_path / "a.meta.json", json.dumps({"title": "Du sidecar", "source": "AFP"}))
    [doc] = read_all(path, settings)[0]
    assert doc.meta == {"title": "Du record", "outlet": "AFP"}
    assert doc.meta_origin == {"title": "field:title", "outlet": "sidecar"}


def test_batch_file_takes_only_collection_metadata(tmp_path: Path, settings: Settings) -> None:
    path = write(
        tmp_path / "2019-05-06" / "lot.jsonl", jsonl([{"text": "a"}, {"text": "b", "date": "2019-05-07"}])
    )
    write(tmp_path / "2019-05-06" / "lot.meta.json", json.dumps({"title": "T", "id": "x", "source": "AFP"}))
    docs, _ = read_all(path, settings)
    assert docs[0].meta == {"outlet": "AFP", "date": "2019-05-06"}
    assert docs[0].meta_origin == {"outlet": "sidecar", "date": "folder"}
    assert docs[1].meta["date"] == "2019-05-07"
    assert [d.source_id for d in docs] == [f"{path}#1", f"{path}#2"]


def test_is_sidecar() -> None:
    assert is_sidecar(Path("a.meta.json"))
    assert is_sidecar(Path("x/METADATA.csv"))
    assert not is_sidecar(Path("a.json"))
    assert not is_sidecar(Path("meta.csv"))
