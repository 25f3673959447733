"""Linking: the mentions of every article clustered into canonical entities over the whole collection.

Pure: mentions in, entities out. Mentions are joined when

1. the article itself links them (a short form, an acronym or a role description and the full name:
   :attr:`Mention.ref`);
2. they carry the same identity key (a country ``GPE:SYR``, an international organisation, a GeoNames
   place, an actor ``ACT:RUS:GOV``);
3. their names share a linking key (:func:`~chronique.entities.names.name_key`: accents, transliterated
   articles, doubled letters and varying vowels folded; "Sergeï"/"Sergueï", "al-Assad"/"el-Assad");
4. across articles, a surname used alone ("Assad") matches one full name of the collection, and an
   acronym used alone matches the one expansion articles give it.

Each entity gets its canonical name (the most frequent full form; for a place, GeoNames' name when the
collection uses it; for an actor, the language data's "Syrie (gouvernement)"), aliases, type,
country, sector, organisation, GeoNames id and coordinates, counts, articles and first and last dates.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from chronique.entities.gazetteer import Lexicon, load
from chronique.entities.geo import Gazetteer, gazetteer
from chronique.entities.names import display, initials, is_acronym, name_key, words
from chronique.entities.records import Entity, Mention

#: A surname used alone is linked to the most frequent full name that ends with it only when that
#: one has at least this many times the mentions of the next candidate.
SURNAME_DOMINANCE = 3.0

#: Mention kinds whose text is a name of the entity (aliases are made of these).
NAME_KINDS = ("name", "acronym", "metonymy", "group")

_TYPE_ORDER = {"PER": 0, "ORG": 1, "LOC": 2, "GPE": 3, "MISC": 4}


class _Sets:
    """Union-find over mention numbers."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        p = self.parent
        while p[i] != i:
            p[i] = p[p[i]]
            i = p[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _label_class(label: str) -> str:
    """Names of one class share a key space: people apart; organisations, other names and places
    GeoNames does not know together (the model calls "Le Parisien" an organisation here, a place there)."""
    return "PER" if label == "PER" else "NAME"


def link(
    mentions_by_article: Mapping[str, Sequence[Mention]],
    *,
    dates: Mapping[str, str] | None = None,
    lang: str = "fr",
) -> list[Entity]:
    """Cluster the mentions of the collection into entities (see the module docstring).

    ``dates`` maps article ids to their publication dates (ISO 8601, any precision) for the first and
    last dates of each entity. Role descriptions that no person of their article took stay unlinked.
    """
    lex = load(lang)
    nodes: list[Mention] = []
    where: list[tuple[str, int]] = []
    offsets: dict[str, int] = {}
    for aid, ms in mentions_by_article.items():
        offsets[aid] = len(nodes)
        for i, m in enumerate(ms):
            nodes.append(m)
            where.append((aid, i))
    sets = _Sets(len(nodes))
    keys = [name_key(m.text, lex) if m.kind in ("name", "acronym") else "" for m in nodes]
    _one_word_people_as_places(nodes, keys)

    # 1-3: the article's own links, identity keys, name keys
    first_of: dict[tuple[str, str], int] = {}
    for n, m in enumerate(nodes):
        if m.ref >= 0:
            sets.union(n, offsets[m.article_id] + m.ref)
        if m.key:
            token = ("key", m.key)
        elif m.ref >= 0:
            continue  # a short form is who its article says, whatever others with that surname are
        elif keys[n] and m.kind in ("name", "acronym"):
            token = (_label_class(m.label), keys[n])
        else:
            continue
        if token in first_of:
            sets.union(n, first_of[token])
        else:
            first_of[token] = n

    _link_surnames(nodes, keys, sets)
    _link_acronyms(lex, nodes, offsets, sets)

    clusters: dict[int, list[int]] = defaultdict(list)
    for n, m in enumerate(nodes):
        if m.kind == "role" and sets.find(n) == n and m.ref < 0:
            continue  # a role no person of the article took: no entity of its own
        clusters[sets.find(n)].append(n)
    geo = gazetteer(lang)
    built = [
        _entity(lex, geo, [nodes[n] for n in members], [where[n] for n in members], dates or {})
        for members in clusters.values()
    ]
    entities = [e for e in built if e is not None]
    seen: Counter[str] = Counter()
    for e in entities:
        seen[e.key] += 1
        if seen[e.key] > 1:
            e.key = f"{e.key}#{seen[e.key]}"
    entities.sort(key=lambda e: (-e.mentions, e.name))
    return entities


def _one_word_people_as_places(nodes: list[Mention], keys: list[str]) -> None:
    """A "person" the collection only ever names by one word, which other mentions call a place, is
    that place: the model often takes an unfamiliar town for a surname ("frappes sur Korvassa").
    A real surname alone is a person when some mention gives the full name ending with it."""
    places = {keys[n] for n, m in enumerate(nodes) if m.label == "LOC" and keys[n]}
    if not places:
        return
    surnames = {
        keys[n].split()[-1]
        for n, m in enumerate(nodes)
        if m.label == "PER" and keys[n] and (" " in keys[n] or m.title or m.role)
    }
    for n, m in enumerate(nodes):
        if (
            m.label == "PER"
            and m.kind == "name"
            and keys[n] in places
            and keys[n] not in surnames
            and " " not in keys[n]
            and not (m.title or m.role or m.ref >= 0)
        ):
            nodes[n] = replace(m, label="LOC")


def _link_surnames(nodes: list[Mention], keys: list[str], sets: _Sets) -> None:
    """A cluster known only by a surname ("Assad") joins the one full name of the collection ending
    with it ("Bachar al-Assad"), or the dominant one."""
    forms: dict[int, list[list[str]]] = defaultdict(list)
    sizes: Counter[int] = Counter()
    for n, m in enumerate(nodes):
        root = sets.find(n)
        sizes[root] += 1
        if m.label == "PER" and m.kind == "name" and keys[n]:
            forms[root].append(keys[n].split())
    full = {r: fs for r, fs in forms.items() if any(len(f) >= 2 for f in fs)}
    by_tail: dict[str, set[int]] = defaultdict(set)
    for r, fs in full.items():
        for f in fs:
            for k in range(1, len(f)):
                by_tail[" ".join(f[-k:])].add(r)
    for r, fs in forms.items():
        if r in full:
            continue
        tails = {" ".join(f) for f in fs}
        cands = set().union(*(by_tail.get(t, set()) for t in tails))
        cands = {sets.find(c) for c in cands} - {sets.find(r)}
        if not cands:
            continue
        ranked = sorted(cands, key=lambda c: -sizes[c])
        if len(ranked) == 1 or sizes[ranked[0]] >= SURNAME_DOMINANCE * sizes[ranked[1]]:
            sets.union(r, ranked[0])


def _link_acronyms(lex: Lexicon, nodes: list[Mention], offsets: Mapping[str, int], sets: _Sets) -> None:
    """An acronym used alone joins the expansion articles give it, when they give only one; failing
    that, the one multi-word name of the collection whose initials it is ("PS": "Parti socialiste")."""
    expansions: dict[str, set[int]] = defaultdict(set)
    for m in nodes:
        if m.kind == "acronym" and m.ref >= 0:
            expansions[m.text].add(offsets[m.article_id] + m.ref)
    unmatched = []
    for n, m in enumerate(nodes):
        if m.kind not in ("name", "acronym") or m.key or not is_acronym(m.text):
            continue
        roots = {sets.find(x) for x in expansions.get(m.text, set())}
        if len(roots) == 1:
            sets.union(n, roots.pop())
        elif not roots:
            unmatched.append(n)
    if not unmatched:
        return
    # no article gives this acronym's expansion: the one name of the collection with its initials
    by_initials: dict[str, set[int]] = defaultdict(set)
    for n, m in enumerate(nodes):
        if m.kind == "name" and m.label in ("ORG", "MISC") and not m.key and len(words(m.text)) >= 2:
            letters = initials(m.text, lex.acronym_skip, ordered=True)
            if len(letters) >= 2:
                by_initials[letters].add(n)
    spelled = {
        sets.find(i) for i, m in enumerate(nodes) if m.kind in ("name", "acronym") and not is_acronym(m.text)
    }
    for n in unmatched:
        if sets.find(n) in spelled:
            continue  # already joined to a spelled-out name
        acr = nodes[n].text
        acr = acr[:-1] if acr.endswith("s") and acr[:-1].isupper() else acr
        roots = {sets.find(x) for x in by_initials.get(acr, set())}
        roots.discard(sets.find(n))
        if len(roots) == 1:
            sets.union(n, roots.pop())


def _contained(short: list[str], long: list[str]) -> bool:
    k = len(short)
    return k < len(long) and (long[:k] == short or long[-k:] == short)


def _entity(
    lex: Lexicon, geo: Gazetteer, ms: list[Mention], members: list[tuple[str, int]], dates: Mapping[str, str]
) -> Entity | None:
    keyed = Counter(m.key for m in ms if m.key)
    primary = ""
    for prefix in ("GPE:", "IGO:", "ORG:", "GEO:", "SUB:", "ACT:"):
        ks = [k for k, _ in keyed.most_common() if k.startswith(prefix)]
        if ks:
            primary = ks[0]
            break
    named = [m for m in ms if m.kind in ("name", "acronym")]
    labels = Counter(m.label for m in named)
    place = (
        geo.by_id.get(int(primary[4:]))
        if primary.startswith("GEO:")
        else geo.regions.get(primary[4:])
        if primary.startswith("SUB:")
        else None
    )

    if primary.startswith("GPE:"):
        etype = "GPE"
    elif primary.startswith(("IGO:", "ORG:", "ACT:")):
        etype = "ORG"
    elif place is not None:
        etype = "LOC"
    elif labels:
        etype = min(labels, key=lambda lab: (-labels[lab], _TYPE_ORDER.get(lab, 9)))
    else:
        return None

    forms = Counter(display(m.text, lex) for m in ms if m.kind in NAME_KINDS)
    articles_of: dict[str, set[str]] = defaultdict(set)
    for m in ms:
        if m.kind in NAME_KINDS:
            articles_of[display(m.text, lex)].add(m.article_id)
    stated = [m.country for m in ms if "country-inferred" not in m.flags]
    inferred = [m.country for m in ms if "country-inferred" in m.flags] if etype == "LOC" else []
    country = _vote(stated) or _vote(inferred)  # an inferred country only for a place, and last
    sector = _vote(m.sector for m in ms)
    org = _vote(m.org for m in ms)
    if primary.startswith("ACT:"):
        _, country, sector = primary.split(":", 2)
        name = lex.actor_display(country, sector)
    else:
        reference = place.name if place else ""
        if primary.startswith("IGO:"):
            reference = primary[4:]  # the name the language data lists first
        elif primary.startswith("ORG:"):
            reference = primary[4:]
        name = _canonical(lex, forms, articles_of, named, etype, reference)
    if not name:
        return None
    if primary.startswith("GPE:"):
        country = primary[4:]
    elif primary.startswith("IGO:"):
        igo = lex.igo_by_id.get(primary[4:])
        org, country = (igo.code if igo else org), ""
    elif place is not None:
        country = place.country
    aliases = [f for f, _ in sorted(forms.items(), key=lambda kv: (-kv[1], kv[0])) if f != name]
    article_ids = sorted({m.article_id for m in ms}, key=lambda a: (dates.get(a, "9999"), a))
    days = sorted(d for d in (dates.get(a) for a in article_ids) if d)
    e = Entity(
        key=primary or f"{etype}:{name_key(name, lex)}",
        name=name,
        type=etype,
        aliases=aliases,
        country=country,
        sector=sector,
        org=org,
        code=(org or country) if etype in ("PER", "ORG", "GPE") else "",
        mentions=len(ms),
        articles=article_ids,
        first_date=days[0] if days else None,
        last_date=days[-1] if days else None,
        members=members,
    )
    if place is not None:
        e.geonames_id, e.lat, e.lon = place.geonames_id or None, place.lat, place.lon
    elif etype == "GPE" and country in geo.countries:
        e.geonames_id = geo.countries[country].geonames_id
    return e


def _vote(values: Iterable[str]) -> str:
    """The most frequent non-empty value."""
    c = Counter(v for v in values if v)
    return c.most_common(1)[0][0] if c else ""


def _fold_determiners(lex: Lexicon, pool: Counter[str], named: list[Mention]) -> None:
    """ "Le Parisien" and "Parisien" are one form. A capitalised determiner inside a sentence is part
    of the name (the form with it absorbs the other); one that only ever opens a sentence is grammar
    ("L'Assemblée nationale a voté": the form without it absorbs the other)."""
    mid_sentence = {display(m.text, lex) for m in named if "initial" not in m.flags}
    for f in list(pool):
        head, sep, rest = f.partition(" ")
        if "'" in head and not sep:
            head, _, rest = f.partition("'")
            head += "'"
        if head.lower() not in lex.leading_determiners or not head[:1].isupper() or rest not in pool:
            continue
        if f in mid_sentence:
            pool[f] += pool.pop(rest)
        else:
            pool[rest] += pool.pop(f)


def _canonical(
    lex: Lexicon,
    forms: Counter[str],
    articles_of: Mapping[str, set[str]],
    named: list[Mention],
    etype: str,
    reference: str,
) -> str:
    """The most frequent full form: not an acronym when an expansion exists, not a part of a longer
    form (a surname alone, a name cut short); for a place, GeoNames' own name when the collection
    uses it. Ties: more articles, then alphabetical order."""
    name_forms = Counter({display(m.text, lex): 0 for m in named})
    for f in name_forms:
        name_forms[f] = forms[f]
    pool = name_forms or forms
    if not pool:
        return ""
    _fold_determiners(lex, pool, named)
    spelled = [f for f in pool if not is_acronym(f)]
    cands = spelled or list(pool)
    if etype in ("PER", "ORG", "MISC", "LOC"):
        split = {f: name_key(f, lex).split() for f in cands}
        full = [f for f in cands if not any(_contained(split[f], split[g]) for g in cands if g != f)]
        cands = full or cands
    if reference:
        same = next((f for f in cands if f == reference or f.casefold() == reference.casefold()), None)
        if same is not None:
            return reference
    return min(cands, key=lambda f: (-pool[f], -len(articles_of.get(f, ())), f))


def harmonise(mentions_by_article: Mapping[str, Sequence[Mention]], entities: Sequence[Entity]) -> int:
    """Give every name of an entity the entity's class (one identity, one class): "Parisien" that
    the model took for a place in one sentence is the newspaper its other mentions name; and every
    name of a person the country, organisation and sector the collection knows of them when their
    own article says nothing. Sets the mentions' fields in place; returns how many changed."""
    changed = 0
    for e in entities:
        if e.type not in ("PER", "ORG", "LOC", "GPE"):
            continue
        label = "LOC" if e.type == "GPE" else e.type
        for aid, i in e.members:
            m = mentions_by_article[aid][i]
            if (
                m.kind in ("name", "acronym")
                and m.label != label
                and not m.key.startswith(("GPE:", "GEO:", "SUB:"))
            ):
                m.label = label
                changed += 1
            if e.type == "PER" and m.kind in ("name", "acronym"):
                changed += _person_fields(m, e)
    return changed


def _person_fields(m: Mention, e: Entity) -> int:
    """A person's mention takes what the collection knows of them when its article says nothing
    (Emmanuel Macron is French where one article says "le président français" and another
    "Emmanuel Macron" alone); a country only inferred from the article gives way to a stated one."""
    inferred = "country-inferred" in m.flags.split(",")
    changed = 0
    if e.country and e.country != m.country and (not m.country or inferred) and not m.org:
        m.country = e.country
        m.flags = ",".join(f for f in m.flags.split(",") if f and f != "country-inferred")
        changed = 1
    if e.org and not m.org and not m.country:
        m.org, changed = e.org, 1
    if e.sector and not m.sector:
        m.sector, changed = e.sector, 1
    return changed
