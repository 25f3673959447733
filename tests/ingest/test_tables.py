"""CSV and TSV tables (chronique.ingest.tables)."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from chronique.errors import InputError
from chronique.ingest import read_file
from chronique.settings import Settings
from tests.ingest.helpers import FRENCH, read_all, write


def raises(path: Path, settings: Settings) -> InputError:
    with pytest.raises(InputError) as err:
        list(read_file(path, settings))
    return err.value


def test_csv(tmp_path: Path, settings: Settings) -> None:
    content = (
        'id,Title,date,text\n1,Un,2021-03-04,"Ligne un,\r\nligne deux ""citée"""\n2,Deux,,"' + FRENCH + '"\n'
    )
    path = write(tmp_path / "a.csv", content)
    docs, skips = read_all(path, settings)
    assert not skips
    assert [d.source_id for d in docs] == ["1", "2"]
    assert docs[0].text == 'Ligne un,\nligne deux "citée"'
    assert docs[0].meta == {"id": "1", "title": "Un", "date": "2021-03-04"}
    assert docs[0].meta_origin["title"] == "field:Title"
    assert "date" not in docs[1].meta
    assert {d.fmt for d in docs} == {"csv"}


def test_csv_without_ids_and_with_semicolons(tmp_path: Path, settings: Settings) -> None:
    path = write(tmp_path / "a.csv", "titre;content\nUn;Texte un\n\nDeux;Texte deux\n", "cp1252")
    docs, _ = read_all(path, settings)
    assert [d.source_id for d in docs] == [f"{path}#1", f"{path}#2"]
    assert [d.meta["title"] for d in docs] == ["Un", "Deux"]


def test_tsv(tmp_path: Path, settings: Settings) -> None:
    path = write(tmp_path / "a.tsv", "uid\tbody\tsite\nx1\t" + FRENCH + "\tLe Monde\n")
    [doc] = read_all(path, settings)[0]
    assert (doc.source_id, doc.meta["outlet"], doc.text) == ("x1", "Le Monde", FRENCH)


def test_csv_html_text(tmp_path: Path, settings: Settings) -> None:
    path = write(tmp_path / "a.csv", 'id,text\n1,"<p>Un <b>texte</b></p>"\n2,Texte\n')
    assert [d.fmt for d in read_all(path, settings)[0]] == ["html", "csv"]


def test_csv_missing_text_column(tmp_path: Path, settings: Settings) -> None:
    err = raises(write(tmp_path / "a.csv", "id,titre,corps\n1,T,le texte\n"), settings)
    assert err.reason == "no-text"
    assert "id, titre, corps" in err.detail


def test_csv_missing_text_column_with_override(tmp_path: Path, settings: Settings) -> None:
    path = write(tmp_path / "a.csv", "id,titre,corps\n1,T,le texte\n")
    [doc] = read_all(path, settings.replace(text_field="corps"))[0]
    assert doc.text == "le texte"


def test_csv_row_without_text_is_skipped(tmp_path: Path, settings: Settings) -> None:
    path = write(tmp_path / "a.csv", "id,text\n1,Un\n2,\n3\n4,Quatre\n")
    docs, skips = read_all(path, settings)
    assert [d.source_id for d in docs] == ["1", "4"]
    assert [(s.reason, s.source_id) for s in skips] == [("no-text", "2"), ("no-text", "3")]


def test_csv_unbalanced_quote_at_the_end(tmp_path: Path, settings: Settings) -> None:
    path = write(tmp_path / "a.csv", 'id,text\n1,Un\n2,Deux\n3,"Trois\n4,Quatre\n')
    docs, skips = read_all(path, settings)
    assert [d.source_id for d in docs] == ["1", "2"]
    [skip] = skips
    assert skip.reason == "malformed-csv"
    assert "line 4" in skip.detail and "never closed" in skip.detail


def test_csv_bad_quote_mid_file_skips_that_record(tmp_path: Path, settings: Settings) -> None:
    path = write(tmp_path / "a.csv", 'id,text\n1,Un\n2,"Deux" et demi\n3,Trois\n')
    docs, skips = read_all(path, settings)
    assert [d.source_id for d in docs] == ["1", "3"]
    assert [s.reason for s in skips] == ["malformed-csv"]
    assert "line 3" in skips[0].detail


def test_csv_nul_in_a_row(tmp_path: Path, settings: Settings) -> None:
    rows = "".join(f"{i},Texte numéro {i} assez long pour être une ligne normale\n" for i in range(1, 6))
    path = write(tmp_path / "a.csv", "id,text\n" + rows.replace("numéro 3", "num\x00éro 3"))
    docs, skips = read_all(path, settings)
    assert [d.source_id for d in docs] == ["1", "2", "4", "5"]
    assert [(s.reason, s.source_id) for s in skips] == [("malformed-csv", f"{path}#3")]
    assert "NUL" in skips[0].detail


def test_csv_row_with_too_many_fields(tmp_path: Path, settings: Settings) -> None:
    path = write(tmp_path / "a.csv", "id,text\n1,Un\n2,Deux, et trois\n3,Trois,\n")
    docs, skips = read_all(path, settings)
    assert [d.source_id for d in docs] == ["1", "3"]
    assert [s.reason for s in skips] == ["malformed-csv"]


def test_csv_header_only(tmp_path: Path, settings: Settings) -> None:
    assert raises(write(tmp_path / "a.csv", "id,text\n"), settings).reason == "empty"


def test_csv_field_longer_than_the_default_csv_limit(tmp_path: Path, settings: Settings) -> None:
    long_text = "mot " * 60_000  # 240,000 characters, above csv's 131,072 default
    path = write(tmp_path / "a.csv", f'id,text\n1,"{long_text}"\n2,Deux\n')
    docs, skips = read_all(path, settings)
    assert [len(d.text) for d in docs] == [len(long_text), 4]
    assert not skips


@pytest.mark.parametrize("quote", ["", '"'])
def test_truncated_csv_does_not_pass_a_cut_row_for_a_record(
    tmp_path: Path, settings: Settings, quote: str
) -> None:
    text = FRENCH.replace(",", "")
    rows = "".join(f"{i},{quote}{text} {i * 7919 % 10007} FIN{quote}\n" for i in range(400))
    data = gzip.compress(("id,text\n" + rows).encode())
    path = tmp_path / "cut.csv.gz"
    path.write_bytes(data[: len(data) // 2])
    docs, skips = read_all(path, settings)
    assert len(docs) > 100
    assert all(d.text.endswith(" FIN") for d in docs)
    assert [s.reason for s in skips] == ["truncated"]
