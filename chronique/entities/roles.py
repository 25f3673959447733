"""Roles and collective actors: "le chef de la diplomatie russe Sergueï Lavrov", "le porte-parole de
l'ONU", "les rebelles syriens", "le régime de Damas".

The patterns are language data (``lang/<code>/entities_roles.yaml``) with slots for a demonym, a
country, a seat of power and an organisation; this module compiles them, finds them in an article,
and resolves a role described without a name to the person of the article it describes.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from chronique.entities.doc import Doc, Span
from chronique.entities.gazetteer import Lexicon, load
from chronique.entities.names import fold, name_key, strip_accents
from chronique.entities.records import Mention
from chronique.errors import LanguageDataError

#: How many sentences back a role described without a name may find its person by proximity alone.
ANTECEDENT_WINDOW = 3
#: The longest apposition skipped between a role and its name ("le président du Tchad, un pays voisin
#: de la Libye, Saleh Ousmane Abakar"): a short noun phrase, not a clause.
APPOSITION_CHARS = 60


@dataclass(frozen=True, slots=True)
class Pattern:
    kind: str  # role | group
    role: str
    sector: str
    parent: str
    same_as_possessor: bool
    regex: re.Pattern[str]
    literal: str = ""  # the letters every match starts with, if the pattern starts with letters


def _literal(src: str) -> str:
    """The letters a pattern's matches start with ("ministre(?: ..." → "ministre"), or ""."""
    m = re.match(r"[a-z]+", src)
    return m.group(0) if m else ""


@dataclass(slots=True)
class RoleMatch:
    """A role or collective actor found in the text, with what its slots say."""

    start: int  # determiner included
    end: int
    kind: str  # role | group
    role: str
    sector: str
    parent: str = ""
    country: str = ""
    igo: str = ""  # a seat in the slot standing for an international organisation
    org: tuple[int, int] | None = None  # where the organisation named in the slot starts
    orgref: bool = False  # "de l'organisation": the last organisation named
    possessive: bool = False
    same_as_possessor: bool = False
    name: tuple[int, int] | None = None  # the person named right after, or before in apposition


@dataclass(frozen=True, slots=True)
class Patterns:
    items: tuple[Pattern, ...]
    determiner: re.Pattern[str]
    possessives: frozenset[str]
    need_name: frozenset[str]
    alone_if_slot: frozenset[str]
    national: frozenset[str] = frozenset()
    apposition: re.Pattern[str] | None = None  # ", un pays voisin de la Libye," between role and name


def _alt(values: Sequence[str]) -> str:
    return "|".join(re.escape(v) for v in sorted(set(values), key=len, reverse=True) if v)


@functools.cache
def patterns(lang: str) -> Patterns:
    """The role and group patterns of a language, compiled (once per process)."""
    lex = load(lang)
    data: dict[str, Any] = lex.roles
    slots = {
        "DEM": _alt([fold(d) for d in lex.demonyms]),
        "COUNTRY": _alt(list(lex.countries)),
        "SEAT": _alt(list(lex.seats)),
        "ORGREF": _alt(sorted(lex.anaphoric_org_nouns)),
        "ABOUT": _alt(list(lex.countries)),
    }
    of = strip_accents(str(data.get("of", "(?:de )")))
    items: list[Pattern] = []

    def expand(src: str) -> str:
        counter = {"n": 0}

        def sub(m: re.Match[str]) -> str:
            counter["n"] += 1
            name = m.group(1)
            group = f"{name.lower()}_{counter['n']}"
            if name == "ORG":
                return rf"(?-i:(?P<{group}>[A-Z][\w'-]*))"
            if name == "CAPWORD":
                return r"(?-i:[A-Z][\w'-]*)"
            if name == "of":
                return of
            return rf"(?P<{group}>{slots[name]})"

        return re.sub(r"\{(DEM|COUNTRY|SEAT|ORGREF|ORG|ABOUT|CAPWORD|of)\}", sub, strip_accents(src))

    for kind, key in (("role", "roles"), ("group", "groups")):
        for item in data.get(key) or []:
            for src in item.get("patterns") or []:
                try:
                    rx = re.compile(rf"(?:{expand(src)})(?![\w-])", re.IGNORECASE)
                except re.error as exc:
                    raise LanguageDataError(
                        f"lang/{lang}/entities_roles.yaml: bad pattern {src!r}: {exc}"
                    ) from exc
                items.append(
                    Pattern(
                        kind,
                        str(item.get("id", "")),
                        str(item.get("sector", "")),
                        str(item.get("parent", "")),
                        bool(item.get("same_as_possessor", False)),
                        rx,
                        _literal(strip_accents(src).lower()),
                    )
                )
    dets = _alt([strip_accents(d) for d in data.get("determiners") or []])
    return Patterns(
        tuple(items),
        re.compile(rf"(?:^|(?<=[\s\"'(«]))({dets})\s*$", re.IGNORECASE),
        frozenset(data.get("possessives") or []),
        frozenset(data.get("need_name") or []),
        frozenset(data.get("alone_if_slot") or []),
        frozenset(data.get("national_offices") or []),
        re.compile(rf"[ ]*,[ ]*(?:{dets})\b[^,.;:!?«»\"()]{{1,{APPOSITION_CHARS}}}?,[ ]*", re.IGNORECASE),
    )


def find(doc: Doc, spans: Sequence[Span]) -> list[RoleMatch]:
    """Roles and groups in the article, longest first where they overlap, with the names they give."""
    from chronique.entities.spans import name_pattern

    pats = patterns(doc.lex.code)
    lex = doc.lex
    raw: list[tuple[int, int, int, Pattern, re.Match[str]]] = []
    lowered = doc.folded.lower()
    starts: dict[str, list[int]] = {}
    for order, p in enumerate(pats.items):
        if p.literal:  # try the pattern only where its first letters are (much faster than scanning)
            if p.literal not in starts:
                starts[p.literal] = [m.start() for m in re.finditer(re.escape(p.literal), lowered)]
            found = (p.regex.match(doc.folded, pos) for pos in starts[p.literal])
            matches = [m for m in found if m is not None]
        else:
            matches = list(p.regex.finditer(doc.folded))
        for m in matches:
            a = m.start()
            if a > 0 and (doc.folded[a - 1].isalnum() or doc.folded[a - 1] in "-_"):
                continue  # inside a word (the regex has no look-behind: it would lose its literal prefix)
            if not doc.is_foreign(a):
                raw.append((a, m.end(), order, p, m))
    raw.sort(key=lambda r: (r[0] - r[1], r[2], r[0]))
    chosen: list[tuple[int, int, int, Pattern, re.Match[str]]] = []
    for r in raw:
        if all(r[1] <= c[0] or c[1] <= r[0] for c in chosen):
            chosen.append(r)
    chosen.sort(key=lambda r: r[0])
    name_rx = name_pattern(lex.code)
    by_start = {s.start: s for s in spans}
    out: list[RoleMatch] = []
    for start, end, _, p, m in chosen:
        rm = RoleMatch(start, end, p.kind, p.role, p.sector, p.parent, same_as_possessor=p.same_as_possessor)
        for group, value in m.groupdict().items():
            if value is None:
                continue
            slot = group.split("_")[0]
            if slot == "about":
                continue
            if slot == "dem":
                rm.country = lex.demonyms.get(value.lower(), "") or lex.demonyms.get(fold(value), "")
            elif slot == "country":
                rm.country = lex.countries.get(fold(value), "")
            elif slot == "seat":
                seat = lex.seats.get(fold(value))
                if seat:
                    rm.country, rm.igo = seat.country, seat.igo
            elif slot == "orgref":
                rm.orgref = True
            elif slot == "org":
                a = m.start(group)
                b = _org_end(doc, a, by_start.get(a), m.end(group))
                rm.org = (a, b)
                rm.end = max(rm.end, b)
        det = pats.determiner.search(doc.folded[max(0, start - 12) : start])
        if det:
            rm.start = start - (len(doc.folded[max(0, start - 12) : start]) - det.start())
            rm.possessive = det.group(1).lower() in pats.possessives
        if p.kind == "role":
            rm.name = _name_after(doc, rm.end, name_rx, lex) or _name_before(doc, rm.start, spans)
        out.append(rm)
    return out


def _org_end(doc: Doc, a: int, span: Span | None, word_end: int) -> int:
    """Where the organisation named at ``a`` ends: the longest lexicon name there, else the
    model's span there, else the word."""
    best = 0
    for w in re.finditer(r"[\w'-]+", doc.plain[a : a + 120]):
        if w.start() > 0 and doc.plain[a + w.start() - 1] not in " '":
            break
        if doc.lex.entry(doc.plain[a : a + w.end()]):
            best = a + w.end()
    if best:
        return best
    return span.end if span is not None else word_end


def _name_after(doc: Doc, pos: int, name_rx: re.Pattern[str], lex: Lexicon) -> tuple[int, int] | None:
    t = doc.plain
    m = re.compile(r"[ ]*,?[ ]*").match(t, pos)
    q = m.end() if m else pos
    n = name_rx.match(t, q)
    if n and " " in n.group():
        first = n.group().split(" ", 1)[0]
        if first.isupper() and len(first) >= 2:  # "le député PS Erwann Binet": the party, then the name
            n = name_rx.match(t, q + len(first) + 1)
    if not n:  # "le président du Tchad, un pays voisin de la Libye, Saleh Ousmane Abakar"
        app = patterns(lex.code).apposition
        a = app.match(t, pos) if app is not None else None
        if a is not None:
            q = a.end()
            n = name_rx.match(t, q)
            if n and " " not in n.group():
                n = None  # a full name only: one capitalised word after an apposition is too weak
    if not n or doc.is_foreign(q):
        return None
    text = n.group()
    if lex.entry(text) or fold(text) in lex.not_names or fold(text.split()[0]) in lex.not_names:
        return None
    return n.start(), n.end()


def _name_before(doc: Doc, pos: int, spans: Sequence[Span]) -> tuple[int, int] | None:
    """ "John Kerry, le secrétaire d'Etat américain": a person named just before, in apposition."""
    t = doc.plain
    k = pos
    while k > 0 and t[k - 1] == " ":
        k -= 1
    if k == 0 or t[k - 1] != ",":
        return None
    k -= 1
    while k > 0 and t[k - 1] == " ":
        k -= 1
    for s in spans:
        if s.end == k and s.label == "PER":
            return s.start, s.end
    return None


# -- resolution inside an article ------------------------------------------------------------------


def compatible(role: Mention, person: Mention, parents: dict[str, str]) -> bool:
    """Can ``person`` (with what is known of them) hold the office ``role`` describes?"""
    if role.country and person.country and role.country != person.country:
        return False
    if role.org and person.org and role.org != person.org:
        return False
    if not person.role or not role.role:
        return False
    return (
        role.role == person.role
        or parents.get(person.role) == role.role
        or parents.get(role.role) == person.role
    )


def _final(mentions: list[Mention], j: int) -> Mention:
    """The mention a chain of references ends at (a short form's full name)."""
    seen = set()
    while mentions[j].ref >= 0 and j not in seen:
        seen.add(j)
        j = mentions[j].ref
    return mentions[j]


def possessive(text: str, lang: str) -> bool:
    first = fold(text).split(" ", 1)[0]
    return first in patterns(lang).possessives


def parents(lang: str) -> dict[str, str]:
    return {p.role: p.parent for p in patterns(lang).items if p.parent}


def resolve(mentions: list[Mention], lang: str) -> None:
    """Point every role described without a name at the person of the article it describes.

    First a person of the article known to hold the same office (same country or organisation when
    both are known), the nearest before; then the one person named in the ``ANTECEDENT_WINDOW``
    sentences before, if nothing known of them contradicts the role; last, the first holder of the
    office named after ("le chef du gouvernement" is the person just named, not the other country's
    Prime Minister the article names ten sentences later).
    """
    par = parents(lang)
    people = [i for i, m in enumerate(mentions) if m.label == "PER" and m.kind == "name"]
    for m in mentions:
        if m.kind != "role" or m.ref >= 0:
            continue
        same = [j for j in people if compatible(m, _final(mentions, j), par)]
        exact = [j for j in same if _final(mentions, j).role == m.role]
        for group in (exact, same):
            before = [j for j in group if mentions[j].start < m.start]
            if before:
                m.ref = before[-1]
                break
        if m.ref < 0 and not possessive(m.text, lang):
            window = [
                j
                for j in people
                if mentions[j].start < m.start and m.sentence - mentions[j].sentence <= ANTECEDENT_WINDOW
            ]
            keys = {fold(mentions[j].text).split()[-1] for j in window}
            if len(keys) == 1:
                j = window[-1]
                p = _final(mentions, j)
                clash = (
                    (m.country and p.country and m.country != p.country)
                    or (m.org and p.org and m.org != p.org)
                    or (p.role and not compatible(m, p, par))
                )
                if not clash:
                    m.ref = j
        if m.ref < 0:  # the holder of the office named later ("le Premier ministre ... X, Premier ministre")
            after = exact or same
            if after:
                m.ref = after[0]
        if m.ref >= 0:
            target = _final(mentions, m.ref)
            target.country = target.country or m.country
            target.org = target.org or m.org
            target.sector = target.sector or m.sector
            target.role = target.role or m.role


#: What a mention of a person says of them that their other mentions share.
_PERSON_FIELDS = ("country", "org", "sector", "role")


def share(mentions: list[Mention], lex: Lexicon) -> None:
    """Every mention of one person in an article knows what any of them says: "le président
    bélarusse Alexandre Loukachenko" gives Belarus to the "Alexandre Loukachenko" and "Loukachenko"
    of later paragraphs. Mentions are grouped by the name key of the full name they stand for; a
    value is taken from the first mention that has one, and never overwrites one."""
    groups: dict[str, list[Mention]] = {}
    for i, m in enumerate(mentions):
        if m.label != "PER" or m.kind not in ("name", "acronym"):
            continue
        key = name_key(_final(mentions, i).text, lex)
        if key:
            groups.setdefault(key, []).append(m)
    for ms in groups.values():
        if len(ms) < 2:
            continue
        for f in _PERSON_FIELDS:
            value = next((getattr(m, f) for m in ms if getattr(m, f)), "")
            if value:
                for m in ms:
                    if not getattr(m, f):
                        setattr(m, f, value)


def national(mentions: list[Mention], lang: str, main: str) -> None:
    """People holding an office of a state (``national_offices``) whose country the article does not
    say: the article's dominant country ``main``, flagged ``country-inferred``."""
    offices = patterns(lang).national
    if not main:
        return
    for m in mentions:
        person = m.label == "PER" and m.kind in ("name", "acronym", "role")
        if person and m.role in offices and not m.country and not m.org:
            m.country = main
            m.flags = ",".join(x for x in (m.flags, "country-inferred") if x)
