"""Every language folder parses, every pattern compiles, and the French data has what the code reads."""

from __future__ import annotations

import re

import pytest

from chronique import lang
from chronique.stages import clean

CLEAN_KEYS = {
    "navigation",
    "photo_credit",
    "stamp_tokens",
    "stamp_separators",
    "update_cues",
    "inline_stamp",
    "datelines",
    "credits",
    "desk_signatures",
    "bylines",
    "agencies",
    "default_wire_agency",
    "wire_style",
    "sentence_end",
    "teaser_cut",
    "glued_breaks",
    "breadcrumb_separator",
}


def test_languages_available() -> None:
    assert {"fr", "en"} <= set(lang.available())


@pytest.mark.parametrize("code", lang.available())
def test_stopwords_parse(code: str) -> None:
    words = lang.load(code, "stopwords.txt")
    assert len(words) >= 30 and all(w == w.lower() for w in words)


def test_french_clean_data_complete_and_compiles() -> None:
    data = lang.load("fr", "clean.yaml")
    assert set(data) == CLEAN_KEYS
    p = clean.patterns("fr")
    assert p.navigation and p.credits and p.agency_names
    for pat in data["credits"]:
        assert "agency" in re.compile(pat).groupindex, f"credit pattern without an 'agency' group: {pat}"


def test_missing_language_data_is_a_clear_error() -> None:
    from chronique.errors import LanguageDataError

    with pytest.raises(LanguageDataError, match="no language data"):
        lang.load("xx", "clean.yaml")
