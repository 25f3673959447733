from __future__ import annotations

import codecs
import io
import random

import pytest

from chronique.errors import InputError
from chronique.ingest.encoding import declared_charset, decode, open_text, sniff_encoding
from tests.ingest.helpers import FRENCH

LATIN1_FRENCH = (
    "À Noël, l'élève déjà reçu à l'été a dû goûter « ça » : où est la fenêtre ? Ça coûte très cher."
)


def test_utf8_plain() -> None:
    assert decode(FRENCH.encode("utf-8")) == (FRENCH, "utf-8")


def test_utf8_bom_is_stripped() -> None:
    text, enc = decode(codecs.BOM_UTF8 + FRENCH.encode("utf-8"))
    assert text == FRENCH
    assert enc == "utf-8-sig"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(codec: str) -> None:
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    text, enc = decode(bom + FRENCH.encode(codec))
    assert text == FRENCH
    assert enc == "utf-16"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_recognised_by_its_nuls(codec: str) -> None:
    text, enc = decode(FRENCH.encode(codec))
    assert text == FRENCH
    assert enc == codec


def test_cp1252_french() -> None:
    text, enc = decode(FRENCH.encode("cp1252"))
    assert text == FRENCH
    assert enc == "cp1252"
    for ch in "éèàçœ’«»":
        assert ch in text


@pytest.mark.parametrize("sample", ["Élève à l’école", "été", "Un cœur brisé… Voilà."])
def test_cp1252_short_texts(sample: str) -> None:
    assert decode(sample.encode("cp1252"))[0] == sample


def test_latin1_french() -> None:
    text, _ = decode(LATIN1_FRENCH.encode("latin-1"))
    assert text == LATIN1_FRENCH


def test_newlines_are_normalised() -> None:
    text, _ = decode(b"un\r\ndeux\rtrois\nquatre")
    assert text == "un\ndeux\ntrois\nquatre"


def test_mostly_utf8_with_a_stray_cp1252_byte() -> None:
    data = FRENCH.encode("utf-8") + b" l" + "’".encode("cp1252") + b"homme"
    text, enc = decode(data)
    assert text == FRENCH + " l’homme"
    assert enc == "utf-8+cp1252"


def test_declared_charset_is_used_when_not_utf8() -> None:
    page = '<html><head><meta charset="iso-8859-1"></head><body><p>' + FRENCH + "</p></body></html>"
    data = page.encode("cp1252")
    assert declared_charset(data) == "iso-8859-1"
    text, enc = decode(data, hint=declared_charset(data))
    assert text == page  # Latin-1 labels are read as Windows-1252: ’ and œ survive
    assert enc == "cp1252"


def test_declared_charset_does_not_override_valid_utf8() -> None:
    page = '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252"><p>' + FRENCH
    assert decode(page.encode("utf-8"), hint="windows-1252") == (page, "utf-8")


def test_stray_nul_is_removed() -> None:
    text, _ = decode(FRENCH.encode() + b"\x00" + FRENCH.encode())
    assert text == FRENCH + FRENCH


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"PK\x03\x04\x14\x00\x06\x00",
        random.Random(4).randbytes(4000),
        b"ab\x00\x01\x02cd\x00\x00\x03" * 100,
    ],
    ids=["pdf", "png", "zip", "random", "controls"],
)
def test_binary_is_refused(data: bytes) -> None:
    with pytest.raises(InputError) as err:
        decode(data)
    assert err.value.reason == "binary"


def test_mostly_replacement_characters_is_an_encoding_error() -> None:
    broken = FRENCH.encode("cp1252").decode("utf-8", "replace")  # what a bad converter leaves
    with pytest.raises(InputError) as err:
        decode(broken.encode("utf-8"))
    assert err.value.reason == "encoding"
    assert "UTF-8" in err.value.detail


def test_double_encoded_utf8_is_repaired() -> None:
    mojibake = FRENCH.encode("utf-8").decode("cp1252")  # "dÃ©clarÃ©"
    text, enc = decode(mojibake.encode("utf-8"))
    assert text == FRENCH
    assert enc == "utf-8+repaired"


def test_french_typography_is_not_mistaken_for_mojibake() -> None:
    sample = "« Voilà\u00a0» dit-il, « déjà\u00a0», « là\u00a0» et « Ça\u00a0» — À l’été. " * 3
    assert decode(sample.encode("utf-8")) == (sample, "utf-8")


def test_sniff_allows_a_character_cut_at_the_end_of_the_sample() -> None:
    data = FRENCH.encode("utf-8")
    cut = data[: data.index("é".encode()) + 1]
    assert sniff_encoding(cut, final=False) == "utf-8"


def test_open_text_decodes_stray_bytes_instead_of_failing() -> None:
    data = "ligne un é\n".encode() + b"l\x92homme\n"
    stream = open_text(io.BufferedReader(io.BytesIO(data)), "utf-8", None)
    assert stream.read() == "ligne un é\nl’homme\n"
