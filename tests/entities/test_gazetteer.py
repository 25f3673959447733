"""The entity language data: complete, consistent, and every pattern compiles."""

from __future__ import annotations

import pycountry
import pytest

from chronique import lang
from chronique.entities import roles
from chronique.entities.actors import _place_patterns
from chronique.entities.gazetteer import FILES, load, supported

ISO3 = {c.alpha_3 for c in pycountry.countries}
CODES = {"UNO", "EUR", "IGO", "NGO"}
SECTORS = {
    "GOV",
    "MIL",
    "REB",
    "OPP",
    "COP",
    "JUD",
    "LEG",
    "PTY",
    "CVL",
    "MED",
    "REF",
    "JRN",
    "BUS",
    "REL",
    "",
}


@pytest.fixture(scope="module")
def lex():
    return load("fr")


def test_french_entity_files_parse() -> None:
    for name in FILES:
        assert lang.load("fr", name), name
    assert supported("fr") and not supported("xx")


def test_countries_come_from_pycountry_and_the_data(lex) -> None:
    assert lex.countries["allemagne"] == "DEU"  # pycountry's French name
    assert lex.countries["syrie"] == "SYR"  # the press's name, from the data
    assert lex.country_of("les Etats-Unis") == "USA"
    assert set(lex.countries.values()) <= ISO3


def test_demonyms_are_inflected_and_valid(lex) -> None:
    for form in ("russe", "russes", "américain", "américaines", "syrienne", "syriens", "français"):
        assert lex.demonyms[form], form
    assert lex.demonyms["francais"] == "FRA"  # matched without accents too
    assert set(lex.demonyms.values()) <= ISO3


def test_seats_and_organisations_are_consistent(lex) -> None:
    for seat in lex.seats.values():
        assert seat.country in ISO3 and seat.kind in ("capital", "seat") and seat.sector in SECTORS
        assert not seat.igo or seat.igo in lex.igo_by_id
    assert {igo.code for igo in lex.igo_by_id.values()} <= CODES
    assert lex.entry("ONU").kind == "igo" and lex.entry("le Kremlin") is None  # entries are bare names
    assert lex.entry("Kremlin").kind == "seat"


def test_role_and_place_patterns_compile_with_known_sectors() -> None:
    pats = roles.patterns("fr")
    assert pats.items and {p.sector for p in pats.items} <= SECTORS
    ids = {p.role for p in pats.items if p.kind == "role"}
    assert {p.parent for p in pats.items if p.parent} <= ids
    data = load("fr").roles
    assert set(data["need_name"]) <= ids and set(data["alone_if_slot"]) <= ids
    assert _place_patterns("fr")


def test_names_of_the_lexicon_are_written_as_names(lex) -> None:
    for key in ("name_particles", "titles", "strip_leading"):
        assert lang.load("fr", "entities.yaml")[key]
    assert lex.actor_display("SYR", "GOV") == "Syrie (gouvernement)"
    assert lex.actor_display("", "REB").startswith("rebelles")


def test_word_lists_hold_words_not_yaml_booleans() -> None:
    """YAML reads a bare y, on, no, yes as booleans: every word of a list must be quoted as needed."""

    def walk(x: object, path: str) -> None:
        if isinstance(x, dict):
            for k, v in x.items():
                walk(v, f"{path}.{k}")
        elif isinstance(x, list):
            for v in x:
                assert not isinstance(v, bool), f"{path} holds {v!r}: quote the word"
                walk(v, path)

    for name in FILES:
        walk(lang.load("fr", name), name)
