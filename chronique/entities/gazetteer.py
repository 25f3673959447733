"""The entity lexicon of a language: its data files read once, compiled for lookups.

Reads ``lang/<code>/entities.yaml`` (span cleaning, junk, keys, metonymy cues),
``entities_places.yaml`` (countries, demonyms, capitals and seats of power),
``entities_orgs.yaml`` (international organisations, groups) and ``entities_roles.yaml`` (offices and
collective actors), plus pycountry's country names in the language. The code knows no French.
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass, field
from typing import Any

from chronique import lang as langdata
from chronique.entities.names import fold
from chronique.errors import LanguageDataError

log = logging.getLogger(__name__)

FILES = ("entities.yaml", "entities_places.yaml", "entities_orgs.yaml", "entities_roles.yaml")


@dataclass(frozen=True, slots=True)
class Seat:
    """A capital or seat of power that can stand for a government."""

    name: str
    country: str
    kind: str  # capital | seat
    sector: str = "GOV"
    igo: str = ""  # the international organisation it stands for instead, if any


@dataclass(frozen=True, slots=True)
class Igo:
    """An international organisation (or a large NGO): its identifying name and PLOVER code."""

    id: str
    code: str
    names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Org:
    """A named group with a fixed type (and a sector where it is clear)."""

    id: str
    sector: str
    names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Entry:
    """What a multi-word name of the lexicon is: ``kind`` in country | seat | igo | org."""

    kind: str
    value: str  # ISO-3, seat name, IGO id, org id
    name: str  # the form as listed


@dataclass(slots=True)
class Lexicon:
    code: str
    strip_leading: frozenset[str] = frozenset()
    leading_determiners: frozenset[str] = frozenset()
    titles: frozenset[str] = frozenset()
    plural_titles: frozenset[str] = frozenset()
    list_joiners: frozenset[str] = frozenset()
    particles: frozenset[str] = frozenset()
    clitics: frozenset[str] = frozenset()
    not_names: frozenset[str] = frozenset()
    name_stops: frozenset[str] = frozenset()
    stopwords: frozenset[str] = frozenset()
    pronouns: frozenset[str] = frozenset()
    piece_pos: frozenset[str] = frozenset()
    max_name_words: int = 10
    acronym: re.Pattern[str] = re.compile(r"(?!)")
    acronym_skip: frozenset[str] = frozenset()
    key_drop_prefixes: tuple[str, ...] = ()
    key_drop_words: frozenset[str] = frozenset()
    key_drop_leading: frozenset[str] = frozenset()
    key_rewrite: tuple[tuple[re.Pattern[str], str], ...] = ()
    vowel_fold: tuple[tuple[str, str], ...] = ()
    vowel_fold_min: int = 4
    accented_capitals: dict[str, str] = field(default_factory=dict)
    metonymy: dict[str, frozenset[str]] = field(default_factory=dict)
    countries: dict[str, str] = field(default_factory=dict)  # folded name → ISO-3
    country_names: dict[str, str] = field(default_factory=dict)  # ISO-3 → display name
    demonyms: dict[str, str] = field(default_factory=dict)  # lower-case form → ISO-3
    seats: dict[str, Seat] = field(default_factory=dict)  # folded name → seat
    igos: dict[str, Igo] = field(default_factory=dict)  # folded name → IGO
    igo_by_id: dict[str, Igo] = field(default_factory=dict)
    orgs: dict[str, Org] = field(default_factory=dict)  # folded name → org
    anaphoric_org_nouns: frozenset[str] = frozenset()
    org_heads: frozenset[str] = frozenset()
    actor_name: str = "{country} ({sector})"
    actor_name_no_country: str = "{sector}"
    sector_names: dict[str, str] = field(default_factory=dict)
    place_in_country: tuple[str, ...] = ()
    roles: dict[str, Any] = field(default_factory=dict)  # entities_roles.yaml as parsed
    entries: dict[str, Entry] = field(default_factory=dict)  # folded multi-word name → entry
    max_entry_words: int = 1

    # -- lookups ---------------------------------------------------------------------------------
    def entry(self, text: str) -> Entry | None:
        """The lexicon entry a name is, if any (country, seat, international organisation, group)."""
        return self.entries.get(fold(text))

    def country_of_demonym(self, word: str) -> str:
        return self.demonyms.get(word.lower(), "")

    def country_of(self, text: str) -> str:
        """ISO-3 of a country name ("la Syrie", "Etats-Unis") or a demonym; "" if neither."""
        f = fold(text)
        for det in self.leading_determiners | {"de", "du", "des", "d'"}:
            for sep in (" ", ""):
                if f.startswith(det + sep) and det.endswith("'") == (sep == ""):
                    f = f[len(det) + len(sep) :]
        return self.countries.get(f, "") or self.demonyms.get(f, "")

    def actor_display(self, country: str, sector: str) -> str:
        sector_name = self.sector_names.get(sector, sector)
        if country:
            return self.actor_name.format(
                country=self.country_names.get(country, country), sector=sector_name
            )
        return self.actor_name_no_country.format(sector=sector_name)


def _set(data: dict[str, Any], key: str, *, lower: bool = True) -> frozenset[str]:
    values = data.get(key) or []
    if not isinstance(values, list):
        raise LanguageDataError(f"entities data: {key!r} must be a list")
    return frozenset(str(v).lower() if lower else str(v) for v in values)


def _pycountry_names(code: str) -> dict[str, list[str]]:
    """Country names in the language, from pycountry's ISO 3166 translations (ISO-3 → names)."""
    import gettext

    import pycountry

    try:
        tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[code])
    except OSError:
        log.info("pycountry has no %s country names; using the language data only", code)
        return {}
    out: dict[str, list[str]] = {}
    for c in pycountry.countries:
        names = []
        for attr in ("common_name", "name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                name = tr.gettext(value)
                if "," not in name and "(" not in name:  # "Iran, République islamique d'" is an index form
                    names.append(name)
        out[c.alpha_3] = names
    return out


def _inflect(words: list[str], rule: dict[str, Any]) -> set[str]:
    suffix = str(rule.get("suffix", ""))
    unchanged = tuple(str(x) for x in rule.get("unchanged_after", []))
    out = set()
    for w in words:
        w = w.lower()
        out.add(w)
        if suffix and not w.endswith(unchanged):
            out.add(w + suffix)
    return out


@functools.cache
def supported(code: str) -> bool:
    """Does language ``code`` have entity data?"""
    try:
        load(code)
    except LanguageDataError:
        return False
    return True


@functools.cache
def load(code: str = "fr") -> Lexicon:
    """The lexicon of language ``code`` (cached per process)."""
    core, places, orgs, roles = (langdata.load(code, f) for f in FILES)
    lex = Lexicon(code=code)
    lex.strip_leading = _set(core, "strip_leading")
    lex.leading_determiners = _set(core, "leading_determiners")
    lex.titles = _set(core, "titles", lower=False)
    lex.plural_titles = _set(core, "plural_titles", lower=False)
    lex.list_joiners = _set(core, "list_joiners")
    lex.particles = _set(core, "name_particles")
    lex.clitics = _set(core, "clitics")
    lex.not_names = frozenset(fold(w) for w in core.get("not_names", []))
    lex.name_stops = _set(core, "name_stops")
    lex.stopwords = frozenset(w.lower() for w in langdata.load(code, "stopwords.txt"))
    lex.piece_pos = _set(core, "sentence_piece_pos", lower=False)
    lex.pronouns = frozenset(fold(w) for w in core.get("pronouns") or [])
    lex.max_name_words = int(core.get("max_name_words", 10))
    acr = core.get("acronym_pattern", "")
    lex.acronym = re.compile(rf"\(\s*({acr})\s*\)") if acr else re.compile(r"(?!)")
    lex.acronym_skip = _set(core, "acronym_skip")
    key = core.get("name_key", {})
    lex.key_drop_prefixes = tuple(key.get("drop_prefixes", []))
    lex.key_drop_words = frozenset(key.get("drop_words", []))
    lex.key_drop_leading = frozenset(str(w).lower() for w in key.get("drop_leading", []))
    try:
        lex.key_rewrite = tuple((re.compile(p), r) for p, r in key.get("rewrite", []))
    except re.error as exc:
        raise LanguageDataError(f"lang/{code}/entities.yaml: bad name_key rewrite: {exc}") from exc
    lex.vowel_fold = tuple((a, b) for a, b in key.get("vowel_fold", []))
    lex.vowel_fold_min = int(key.get("vowel_fold_min_length", 4))
    lex.accented_capitals = {fold(w): w for w in core.get("accented_capitals", [])}
    lex.metonymy = {k: frozenset(str(x).lower() for x in v) for k, v in core.get("metonymy", {}).items()}

    # countries: pycountry's names, then the language data's (which win on conflicts)
    display: dict[str, str] = {}
    for iso, names in _pycountry_names(code).items():
        for n in names:
            lex.countries.setdefault(fold(n), iso)
        if names:
            display[iso] = names[0]
    for iso, names in (places.get("country_names") or {}).items():
        for n in names:
            lex.countries[fold(n)] = iso
        display[iso] = names[0]
    lex.country_names = display
    rule = places.get("demonym_plural") or {}
    for iso, forms in (places.get("demonyms") or {}).items():
        for w in _inflect(list(forms), rule):
            lex.demonyms[w] = iso
            lex.demonyms[fold(w)] = iso  # texts and patterns are matched without accents too
    for s in places.get("seats") or []:
        seat = Seat(
            s["name"], s["country"], s.get("kind", "capital"), s.get("sector", "GOV"), s.get("igo", "")
        )
        lex.seats[fold(seat.name)] = seat
    for it in orgs.get("igos") or []:
        igo = Igo(it["names"][0], it["code"], tuple(it["names"]))
        lex.igo_by_id[igo.id] = igo
        for n in igo.names:
            lex.igos[fold(n)] = igo
    for it in orgs.get("organisations") or []:
        org = Org(it["names"][0], it.get("sector", ""), tuple(it["names"]))
        for n in org.names:
            lex.orgs[fold(n)] = org
    lex.anaphoric_org_nouns = _set(orgs, "anaphoric_org_nouns")
    lex.org_heads = frozenset(fold(w) for w in orgs.get("organisation_heads") or [])
    lex.actor_name = places.get("actor_name", lex.actor_name)
    lex.actor_name_no_country = places.get("actor_name_no_country", lex.actor_name_no_country)
    lex.sector_names = dict(places.get("sector_names") or {})
    lex.place_in_country = tuple(places.get("place_in_country") or [])
    lex.roles = roles or {}

    for f, iso in lex.countries.items():
        lex.entries[f] = Entry("country", iso, f)
    for f, igo in lex.igos.items():
        lex.entries[f] = Entry("igo", igo.id, f)
    for f, org in lex.orgs.items():
        lex.entries[f] = Entry("org", org.id, f)
    for f, seat in lex.seats.items():
        lex.entries[f] = Entry("seat", seat.name, f)
    lex.max_entry_words = max((len(k.split()) for k in lex.entries), default=1)
    for igo_name in (s.igo for s in lex.seats.values() if s.igo):
        if igo_name not in lex.igo_by_id:
            raise LanguageDataError(
                f"lang/{code}/entities_places.yaml: seat stands for {igo_name!r}, which entities_orgs.yaml "
                "does not list as an international organisation"
            )
    return lex
