"""Places resolved with GeoNames, in the article's country context."""

from __future__ import annotations

import pytest

from chronique.entities.geo import gazetteer


@pytest.fixture(scope="module")
def geo():
    return gazetteer("fr")


def test_french_names_resolve(geo) -> None:
    for name, country in (
        ("Alep", "SYR"),
        ("Damas", "SYR"),
        ("Moscou", "RUS"),
        ("Idleb", "SYR"),
        ("Genève", "CHE"),
        ("Hambourg", "DEU"),
    ):
        place = geo.resolve(name, {})
        assert place is not None and place.country == country, name
        assert place.lat is not None and place.geonames_id > 0


def test_variants_resolve_to_one_place(geo) -> None:
    assert geo.resolve("Idlib", {}) == geo.resolve("Idleb", {})


def test_context_and_population_choose_between_homonyms(geo) -> None:
    assert geo.resolve("Damas", {"USA": 1.0}).country == "SYR"  # a capital beats a small homonym anyway
    assert geo.resolve("Washington", {}).country == "USA"
    assert geo.resolve("Orange", {"FRA": 0.8}).country == "FRA"
    assert geo.resolve("Orange", {"AUS": 0.8}).country == "AUS"


def test_unknown_or_doubtful_names_stay_unresolved(geo) -> None:
    assert geo.resolve("Valmorie", {}) is None
    # one small candidate abroad, in an article about another country: not taken
    only = geo.candidates("Cher")
    if len(only) == 1 and only[0].country != "FRA":
        assert geo.resolve("Cher", {"FRA": 1.0}) is None
