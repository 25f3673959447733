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


def test_regions_resolve_in_their_country(geo) -> None:
    """Subdivisions (ISO 3166-2): a French département is not a foreign town of the same name."""
    var = geo.resolve("Var", {"FRA": 1.0})
    assert var is not None and (var.kind, var.country, var.code) == ("region", "FRA", "FR-83")
    assert var.geonames_id == 0 and var.lat is None
    assert geo.resolve("Corse", {"FRA": 0.5}).code == "FR-20R"
    # French names from pycountry's translations and from lang/fr/entities_regions.yaml
    assert geo.resolve("Floride", {"USA": 1.0}).code == "US-FL"
    england = geo.resolve("Angleterre", {})
    assert england is not None and (england.country, england.name) == ("GBR", "Angleterre")
    assert (
        geo.resolve("Catalunya", {"ESP": 1.0}).code == geo.resolve("Catalogne", {"ESP": 1.0}).code == "ES-CT"
    )


def test_regions_give_way(geo) -> None:
    # a city of the same country and name is what is meant
    kabul = geo.resolve("Kaboul", {"AFG": 1.0})
    assert kabul is not None and kabul.kind == "city" and kabul.geonames_id > 0
    # a local name met with no country in the article is not that country's region ("le Sahel")
    sahel = geo.resolve("Sahel", {})
    assert sahel is None or sahel.kind != "region"
    # nor in an article about that country: the name is the part of the world's (language data)
    sahel = geo.resolve("Sahel", {"BFA": 1.0})
    assert sahel is None or sahel.kind != "region"
    assert geo.resolve("Nord", {"FRA": 1.0}).code == "FR-59"
    # a region of a country the article does not mention, among other candidates, is not chosen
    assert (
        geo.resolve("Floride", {"FRA": 1.0}) is None or geo.resolve("Floride", {"FRA": 1.0}).kind != "region"
    )
