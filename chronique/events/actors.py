"""Who the actors are: noun phrases of the parse → :class:`~chronique.events.model.Actor` records.

The names come as :class:`Ref` records: from the entities stage when it ran (canonical names, ISO-3
codes, sectors, capitals read as governments), else from the model's named-entity spans and the
small fallback tables of ``lang/<code>/events_actors.yaml`` (:mod:`chronique.events.adapters`).
On top of them this module reads what only the clause says:

* coordination: "Moscou, Damas et Téhéran" are three actors;
* the name inside a description: "le chef de la diplomatie russe Sergueï Lavrov";
* group nouns: "les manifestants", "la police", "l'armée syrienne" (country from the phrase, else the
  article's main country);
* pronouns: "il", "ils" (the last actor named as a subject), "qui" (its antecedent), "je"/"nous"
  inside a quotation (whoever the sentence or the next one says spoke).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from chronique.events.lexicon import Lexicon
from chronique.events.model import Actor
from chronique.events.names import fold
from chronique.events.tree import CLAUSE_DEPS, Tree

#: Kinds of reference that can act.
ACTOR_KINDS = frozenset({"person", "role", "government", "org", "group", "country", "demonym"})
#: How many sentences back a pronoun may find its antecedent.
PRONOUN_REACH = 3
#: How many words a group's "de" complement may add to its name ("les dirigeants des 27").
GROUP_OWNER_SPAN = 5
#: Share of the article's country mentions its second country needs to be the other side of a
#: domestic group noun ("le gouvernement ... avec l'Inde" in an article about India and Pakistan).
RUNNER_UP_SHARE = 0.15


@dataclass(frozen=True, slots=True)
class Ref:
    """What a span of the text names (offsets in ``Article.body``).

    ``kind``: person, role (a person described by office), government (a capital or seat of power
    acting), country, org, group (a collective actor), demonym, place. ``country`` is a place's or a
    person's country, ``code`` the PLOVER actor code.
    """

    start: int
    end: int
    text: str
    canonical: str
    kind: str
    code: str = ""
    sector: str = ""
    country: str = ""
    key: str = ""
    seat: bool = False  # a capital or seat of power (a government when it acts)
    source: str = "entities"
    inferred: bool = False  # the country is the article's, not the text's ("les rebelles")

    def actor(self, sector: str = "") -> Actor:
        return Actor(
            self.text, self.canonical, self.code, sector or self.sector, self.start, self.end, self.source
        )


class RefIndex:
    """The references of one article, looked up by token."""

    def __init__(self, refs: Sequence[Ref], tree_tokens: Sequence[tuple[int, int]]) -> None:
        self.refs = sorted(refs, key=lambda r: (r.start, -(r.end - r.start)))
        self.by_token: dict[int, list[Ref]] = {}
        starts = [s for s, _ in tree_tokens]
        import bisect

        for r in self.refs:
            i = max(0, bisect.bisect_right(starts, r.start) - 1)
            while i < len(tree_tokens) and tree_tokens[i][0] < r.end:
                _s, e = tree_tokens[i]
                if e > r.start:
                    self.by_token.setdefault(i, []).append(r)
                i += 1

    def at(self, i: int) -> list[Ref]:
        return self.by_token.get(i, [])

    def country_counts(self) -> Counter[str]:
        """How often the article names each country (its name, capital, nationality, people's)."""
        c: Counter[str] = Counter()
        for r in self.refs:
            iso = r.country or (r.code if r.kind in ("country", "government", "demonym") else "")
            if len(iso) == 3 and iso.isalpha() and iso not in ("UNO", "EUR", "IGO", "NGO"):
                c[iso] += 1
        return c

    def main_country(self, share: float = 0.3) -> str:
        """The country the article is mostly about (for "les manifestants", "la police")."""
        c = self.country_counts()
        if not c:
            return ""
        top, n = c.most_common(1)[0]
        return top if n / sum(c.values()) >= share else ""

    def runner_up(self, exclude: str, share: float = RUNNER_UP_SHARE) -> str:
        """The article's most named country other than ``exclude``, when it is named often enough
        to be a side of the story."""
        counts = self.country_counts()
        total = sum(counts.values())
        ranked = [(iso, n) for iso, n in counts.most_common() if iso != exclude]
        if not ranked or not total:
            return ""
        iso, n = ranked[0]
        return iso if n / total >= share else ""

    def named_as_party(
        self, start: int, end: int, iso: str, text: str, skip: tuple[int, int], lex: Lexicon
    ) -> bool:
        """Is the country ``iso`` named in ``start:end`` (a sentence) as a party — not as a place
        ("en Inde", "au Liban") nor as an owner ("du Liban") — outside the span ``skip``?"""
        for r in self.refs:
            if not (start <= r.start < end) or skip[0] <= r.start < skip[1]:
                continue
            if not (r.kind in ("country", "government") or r.seat) or (r.code or r.country) != iso:
                continue
            before = text[max(start, r.start - 12) : r.start].lower().replace("’", "'").replace("'", "' ")
            words = [w for w in before.split() if w not in lex.articles]
            if not words or (
                words[-1] not in lex.place_prepositions and words[-1] not in lex.owner_prepositions
            ):
                return True
        return False


class Resolver:
    """Resolves the noun phrases of one article's sentences to actors, with a memory for pronouns."""

    def __init__(self, refs: RefIndex, lex: Lexicon) -> None:
        self.refs = refs
        self.lex = lex
        # the article's main country; the language's home when it names none at all
        self.country = refs.main_country() or ("" if refs.country_counts() else lex.home_country)
        self.memory: list[tuple[int, tuple[Actor, ...], bool]] = []  # (sentence, actors, plural)
        self.speakers: dict[int, tuple[Actor, ...]] = {}
        self.sentence = 0
        self.persons: set[str] = set()  # canonical names of the people resolved so far
        self.genders: dict[str, str] = {}  # person → "Masc"/"Fem", when the text tells
        self._busy: set[tuple[int, int]] = set()
        self.article_words: frozenset[str] = frozenset()  # every word and lemma of the article

    # -- public ----------------------------------------------------------------------------------
    def phrase(self, t: Tree, i: int, *, acting: bool = True) -> list[Actor]:
        """The actors a noun phrase headed by ``i`` names (coordinated ones included)."""
        out: list[Actor] = []
        heads = t.conjuncts(i)
        # "X et son homologue Y" hung on X's name part; "six pays, dont les États-Unis"
        for k in t.children(i, "nmod", "appos", "flat:name"):
            if not t.prep(k):
                heads += [j for j in t.conjuncts(k) if j != k]
        for k in t.children(i, "dep", "appos"):
            if any(t.lower(d) == "dont" for d in t.children(k)):
                heads.append(k)
        for j in heads:
            for a in self.np(t, j, acting=acting):
                if all(a.canonical != b.canonical or a.code != b.code for b in out):
                    out.append(a)
        return out

    def is_actor(self, t: Tree, i: int) -> bool:
        return bool(self.np(t, i, acting=True, remember=False))

    def owner(self, t: Tree, i: int, depth: int = 0) -> list[Actor]:
        """Whose a thing is: "les frappes russes", "les frappes de l'aviation russe", "le rapprochement
        entre X et Y", "un acte commis par X", "la véracité des informations du journal"."""
        for k in t.children(i, "amod"):
            a = self._demonym_actor(t, k, "")
            if a is not None:
                return [a]
        for k in t.children(i, "nmod", "obl"):
            if t.prep(k) in ("de", "par", "entre"):
                found = self.phrase(t, k)
                if found:
                    return found
                if depth < 2:
                    found = self.owner(t, k, depth + 1)
                    if found:
                        return found
        for k in t.children(i, "acl"):
            for g in t.children(k):
                if t.dep(g) == "obl:agent" or t.prep(g) == "par":
                    found = self.phrase(t, g) or (self.owner(t, g, depth + 1) if depth < 2 else [])
                    if found:
                        return found
        return []

    def adjective_group(self, t: Tree, k: int) -> Actor | None:
        """The group an adjective says acts ("la politique gouvernementale": the government;
        ``group_adjectives``), of the country a group noun there would have."""
        lemma, word = t.forms(k)
        noun = self.lex.group_adjectives.get(lemma) or self.lex.group_adjectives.get(word)
        sector = self.lex.group_nouns.get(noun or "", "")
        if not noun or not sector:
            return None
        tok = t.tok(k)
        code = self._default_country(t, k, sector)
        return Actor(t.word(k), noun, code, sector, tok.start, tok.end, "group")

    def remember(self, sentence: int, actors: Sequence[Actor], plural: bool) -> None:
        if actors:
            self.memory.append((sentence, tuple(actors), plural))

    # -- one noun phrase ---------------------------------------------------------------------------
    def np(self, t: Tree, i: int, *, acting: bool = True, remember: bool = True) -> list[Actor]:
        key = (t.index, i)
        if key in self._busy:  # a pronoun whose antecedent leads back to itself
            return []
        self._busy.add(key)
        try:
            found = self._np(t, i, acting)
        finally:
            self._busy.discard(key)
        if len(found) == 1 and found[0].canonical in self.persons and found[0].canonical not in self.genders:
            g = self._gender(t, i, found[0])
            if g:
                self.genders[found[0].canonical] = g
        return found

    def _gender(self, t: Tree, i: int, a: Actor) -> str:
        """A person's gender as the phrase naming them tells: a title before the name ("Mme X"),
        or the article of the noun describing them ("la ministre X", "le mari, X")."""
        titles = self.lex.pronouns
        span = [k for k in t.tokens() if a.start <= t.tok(k).start < a.end]
        if not span:
            return ""
        before = span[0] - 1
        if before >= t.lo:
            w = t.lower(before)
            if w in titles.get("title_masc", ()):
                return "Masc"
            if w in titles.get("title_fem", ()):
                return "Fem"
        # the first name's only when feminine: the parser calls names it does not know masculine
        # ("Rachida", "Fawzia"), but seldom a man's name feminine
        if len(span) > 1 and t.feats(span[0]).get("Gender") == "Fem":
            return "Fem"
        h = t.head(span[0])
        for k in (i, h):  # "la ministre X", "le mari de Y, X": the article's gender
            if k is not None and k not in span and t.tok(k).pos == "NOUN":
                for d in t.children(k, "det"):
                    g = t.feats(d).get("Gender", "")
                    if g and t.feats(d).get("Number") == "Sing":
                        return g
        return ""

    def _fits(self, actors: Sequence[Actor], gender: str, sure: bool = False) -> bool:
        """Can a pronoun of ``gender`` stand for ``actors`` (a person the text gave another gender
        cannot; with ``sure``, only a person the text gave that gender)?"""
        if not gender or len(actors) != 1:
            return not sure
        known = self.genders.get(actors[0].canonical)
        return known == gender if sure else known is None or known == gender

    def _np(self, t: Tree, i: int, acting: bool) -> list[Actor]:
        tok = t.tok(i)
        lemma, word = t.forms(i)
        word = word.lstrip("-")
        p = self.lex.pronouns
        # a word of a name the tagger took for a pronoun ("les Emirats arabes unis" with "unis" a PRON)
        misread = (
            tok.pos == "PRON"
            and not any(word in w or lemma in w for w in p.values())
            and any(r.kind in ACTOR_KINDS for r in self.refs.at(i))
        )
        if not misread and (
            tok.pos == "PRON" or word in p.get("speaker", ()) or word in p.get("singular", ())
        ):
            return self._pronoun(t, i, word, lemma)
        if lemma in p.get("latest", ()) and any(t.lemma(k) == "ce" for k in t.children(i, "det")):
            return self._from_memory(plural=None)
        named = self._named(t, i, acting)
        if named:
            return named
        group = self._group(t, i)
        if len(group) == 1 and not group[0].code and self._described_person(t, i):
            person = self._last_person()
            if person is not None:  # "le chef de l'État" with no name nor country: the last person named
                g = group[0]
                return [
                    replace(person, entity_text=g.entity_text, start=g.start, end=g.end, source="description")
                ]
        if (
            len(group) == 1
            and not group[0].code
            and group[0].sector in self.lex.domestic_sectors
            and not self._vague(t, i)
        ):
            # an office no name, no country and no earlier person stands for: the article's ("le
            # président" of a story about one country is most often that country's)
            return [replace(group[0], code=self._default_country(t, i, group[0].sector))]
        return group or self._bare_name(t, i)

    def _vague(self, t: Tree, i: int) -> bool:
        return bool(set(t.forms(i)) & self.lex.no_default_country)

    def _population(self, t: Tree, i: int) -> bool:
        """A plural noun of nationality that names people of the country (PLOVER: CVL), not its
        state: without a definite article ("des Maliens exaspérés", "trois Français"), or with one
        when the people undergo the event ("appelant les Libanais à la sagesse"). With a definite
        article as the agent, French news means the state ("les Palestiniens se disent prêts",
        "des attaques par les Russes")."""
        if t.tok(i).pos not in ("NOUN", "PROPN") or t.feats(i).get("Number") != "Plur":
            return False
        definite = any(
            t.feats(k).get("Definite") == "Def" or t.feats(k).get("Poss") == "Yes"
            for k in t.children(i, "det")
        )
        return not definite or t.dep(i) in ("obj", "iobj")

    def _described_person(self, t: Tree, i: int) -> bool:
        """A definite, singular office noun ("le chef", "la présidente")."""
        lemma, word = t.forms(i)
        return (
            (lemma in self.lex.person_roles or word in self.lex.person_roles)
            and t.tok(i).pos == "NOUN"
            and t.feats(i).get("Number") != "Plur"
            and any(t.feats(k).get("Definite") == "Def" for k in t.children(i, "det"))
        )

    def _last_person(self, gender: str = "") -> Actor | None:
        """The last person named a few sentences back; one the text gave the pronoun's gender
        first, then one of unknown gender."""
        for sure in (True, False) if gender else (False,):
            for sent, actors, _ in reversed(self.memory):
                if self.sentence - sent > PRONOUN_REACH:
                    break
                if (
                    len(actors) == 1
                    and actors[0].canonical in self.persons
                    and self._fits(actors, gender, sure)
                ):
                    return actors[0]
        return None

    def _bare_name(self, t: Tree, i: int) -> list[Actor]:
        """A proper name nobody resolved ("le GNA"): the name itself, with no code."""
        # not a place (a capital or a country where an act happens is no one; when one acts,
        # :meth:`_named` has taken it as its government)
        if t.tok(i).pos != "PROPN" or any(r.kind in ("place", "country") for r in self.refs.at(i)):
            return []
        if not t.word(i)[:1].isupper() or t.lemma(i) in self.lex.pronouns.get("impersonal", ()):
            return []
        last = max([i, *t.children(i, "flat:name", "flat")])
        text = t.span_text(i, last)
        return [Actor(text, text, "", "", t.tok(i).start, t.tok(last).end, "name")]

    def _named(self, t: Tree, i: int, acting: bool) -> list[Actor]:
        """A named entity that the phrase is, or that names the person it describes."""
        heads = [i, *t.children(i, "flat:name", "flat")]
        titles = self.lex.pronouns
        if t.lower(i) in (*titles.get("title_masc", ()), *titles.get("title_fem", ())):
            # "M. de Villepin", "Mme Da Silva": the parser reads the particle of a name after a title
            # as a preposition, and the name as the title's complement
            heads += [
                k
                for k in t.children(i, "nmod")
                if k > i and t.tok(k).pos == "PROPN" and all(t.dep(j) == "case" for j in range(i + 1, k))
            ]
        if not self.refs.at(i) and t.lemma(i) in self.lex.group_nouns:
            # "le syndicat CGT", "le parti Ennahda", "l'association anticorruption Anticor": a name
            # right after a group noun (and an adjective) names it
            heads += [
                k
                for k in range(i + 1, min(i + 4, t.hi))
                if (t.tok(k).pos == "PROPN" or (self.refs.at(k) and not self._actor_role(t, i)))
                and self._bare_apposition(t, i, k)
            ]
        if not self.refs.at(i) and t.lemma(i) not in self.lex.group_nouns:
            heads += t.children(i, "appos")
            # "le mouvement chiite armé Hezbollah": a name right after a common noun and its adjectives
            if t.tok(i).pos == "NOUN" and t.word(i)[:1].islower():
                heads += [
                    k for k in t.children(i, "nmod") if k > i and t.tok(k).pos == "PROPN" and not t.prep(k)
                ]
        own = [
            r
            for h in heads
            for r in self.refs.at(h)
            if r.kind in ACTOR_KINDS or (acting and (r.seat or r.kind == "country"))
        ]
        best = _best(own)
        capital = t.word(i)[:1].isupper()
        head_is_name = t.tok(i).pos in ("PROPN", "X") or capital or bool(own and own[0].kind != "demonym")
        if (
            best is not None
            and (best.kind != "demonym" or capital)
            and (head_is_name or best.kind in ("role", "group"))
        ):
            if best.kind == "role":  # a described person: a name inside the phrase is better
                inner = self._inner_person(t, i)
                if inner is not None:
                    return [inner]
            if best.kind == "group" and best.inferred and best.sector:
                # "les rebelles" with the article's country: the clause may say another
                a = self._as_actor(best)
                return [replace(a, code=self._default_country(t, i, best.sector, best.code))]
            if best.kind == "demonym" and best.code and self._population(t, i):
                tok = t.tok(i)  # "des Maliens exaspérés": people of the country, not its state
                return [Actor(best.text, t.word(i), best.code, "CVL", tok.start, tok.end, best.source)]
            return [self._as_actor(best)]
        lemma, word = t.forms(i)
        if lemma in self.lex.quantity_nouns or word in self.lex.quantity_nouns:
            for k in t.children(i, "nmod"):
                if t.prep(k) == "de":
                    found = self.phrase(t, k)
                    if found:
                        return found
        if not self._actor_noun(t, i):
            return []
        if lemma not in self.lex.person_roles and word not in self.lex.person_roles:
            return []  # "les forces du président X": X owns them, he is not them
        person = self._inner_person(t, i)
        if person is not None:
            return [person]
        return []

    def _actor_role(self, t: Tree, i: int) -> bool:
        """An office ("la présidente ex-LR": a name after it may be her party, not her)."""
        return bool(set(t.forms(i)) & self.lex.person_roles)

    def _bare_apposition(self, t: Tree, i: int, k: int) -> bool:
        """Is ``k`` set beside ``i`` with no preposition on the way ("l'association écologiste
        Probitas"; not "les avocats de Paul Garnier", nor an adjective "la présidente ex-LR")?"""
        if t.dep(k) == "amod":
            return False
        while k != i:
            if t.prep(k) or t.dep(k) not in ("appos", "nmod", "flat:name", "flat", "dep", "amod"):
                return False
            h = t.head(k)
            if h is None or h == k:
                return False
            k = h
        return True

    def _inner_person(self, t: Tree, i: int) -> Actor | None:
        within = t.subtree(i, stop=(*CLAUSE_DEPS, "case", "det"))
        # not a name that is itself the complement: "les avocats de X" are not X (but "le chef de la
        # diplomatie russe X" is X, a name hung on the complement's common noun)
        owned = {
            j
            for k in within
            if k != i and t.dep(k) == "nmod" and t.prep(k) and t.tok(k).pos == "PROPN"
            for j in t.subtree(k)
        }
        for k in within:
            if k == i or k in owned or t.dep(k) not in ("appos", "flat:name", "flat", "nmod", "nsubj"):
                continue
            for r in self.refs.at(k):
                if r.kind == "person":
                    return self._as_actor(r)
            if t.dep(k) in ("appos", "flat:name", "nmod") and not self.refs.at(k):
                bare = self._bare_name(t, k)
                if bare:
                    return bare[0]
        return None

    def _actor_noun(self, t: Tree, i: int) -> bool:
        lemma, word = t.forms(i)
        known = self.lex.group_nouns.keys() | self.lex.person_roles
        return lemma in known or word in known or self._multiword_group(t, i) != ""

    def _multiword_group(self, t: Tree, i: int) -> str:
        firsts = set(t.forms(i))
        for phrase, first, sector in self.lex.group_phrases:
            if first in firsts and fold(
                t.ann.text[t.tok(i).start : min(t.end, t.tok(i).start + 40)]
            ).startswith(phrase):
                return sector
        return ""

    def _group(self, t: Tree, i: int) -> list[Actor]:
        """A group noun: "les manifestants", "l'armée syrienne", "le chef de l'ONU"."""
        lemma, word = t.forms(i)
        sector = (
            self._multiword_group(t, i)
            or self.lex.group_nouns.get(lemma)
            or self.lex.group_nouns.get(word, "")
            or self._definite_group(t, i, lemma)
        )
        if not sector:
            return []
        code = ""
        for k in t.subtree(i, stop=(*CLAUSE_DEPS, "case", "det", "punct")):
            if k == i:
                continue
            if t.dep(k) in ("amod", "nmod", "appos", "flat") and not t.prep(k):
                a = self._demonym_actor(t, k, sector)
                if a is not None:
                    code = a.code
                    break
            if t.dep(k) in ("nmod", "appos") and t.prep(k) in ("de", ""):
                named = [r for r in self.refs.at(k) if r.kind in ACTOR_KINDS or r.seat]
                if named:
                    b = _best(named)
                    if b is not None:
                        code = b.code or b.country
                        if code:
                            break
                # "un tribunal de Canton", "la police de Minneapolis": the group of a town
                town = next(
                    (r.country for r in self.refs.at(k) if r.kind == "place" and len(r.country) == 3), ""
                )
                if town and t.prep(k) == "de" and t.head(k) == i:
                    code = town
                    break
        vague = (
            lemma in self.lex.no_default_country
            or word in self.lex.no_default_country
            or (lemma in self.lex.person_roles and lemma not in self.lex.local_roles)
        )
        if not code:  # a movement with a home country ("les talibans"), wherever the article is
            code = self.lex.group_home.get(lemma) or self.lex.group_home.get(word, "")
        if not code and sector in self.lex.domestic_sectors and not vague:
            code = self._default_country(t, i, sector)
        first, last = i, i
        for k in sorted(t.children(i, "amod", "flat", "flat:name", "fixed")):
            if k == last + 1:
                last = k
        if not code and (lemma in self.lex.no_default_country or word in self.lex.no_default_country):
            # "ses homologues du Sahel", "les dirigeants des 27": a group of states with no country is
            # named by its "de" complement
            for k in t.children(i, "nmod"):
                sub = t.subtree(k, stop=CLAUSE_DEPS)
                if t.prep(k) == "de" and min(sub) == last + 1 and len(sub) <= GROUP_OWNER_SPAN:
                    last = max(sub)
                    break
        text = t.span_text(first, last)
        return [
            Actor(
                text,
                text.lower() if t.tok(i).pos != "PROPN" else text,
                code,
                sector,
                t.tok(first).start,
                t.tok(last).end,
                "group",
            )
        ]

    def _definite_group(self, t: Tree, i: int, lemma: str) -> str:
        """The sector of a noun that names a group only as a definite singular with no complement
        ("l'accusation a requis": the prosecution)."""
        sector = self.lex.definite_group_nouns.get(lemma, "")
        if (
            not sector
            or t.feats(i).get("Number") != "Sing"
            or not any(t.feats(k).get("Definite") == "Def" for k in t.children(i, "det"))
            or any(t.prep(k) for k in t.children(i, "nmod", "acl", "amod"))
            or t.children(i, "acl", "acl:relcl", "amod")  # "la défense antiaérienne" is no court party
        ):
            return ""
        return sector

    def _default_country(self, t: Tree, i: int, sector: str, fallback: str = "") -> str:
        """The country of a group noun its phrase does not name: that of a place in its phrase or
        clause (for ``located_sectors``, and not "nos troupes"); else the article's main country
        (``fallback``: the entities stage's guess), unless the sentence names that country as the
        other party ("le gouvernement a abaissé ses relations avec l'Inde"), when it is the
        article's next country (for ``counterpart_sectors``)."""
        owned = any(t.feats(k).get("Poss") == "Yes" for k in t.children(i, "det"))
        where = self._place_country(t, i) if sector in self.lex.located_sectors and not owned else ""
        if where:
            return where
        main = fallback or self.country
        if not main or sector not in self.lex.counterpart_sectors:
            return main
        sub = t.subtree(i, stop=CLAUSE_DEPS)
        skip = (t.tok(min(sub)).start, t.tok(max(sub)).end) if sub else (0, 0)
        if self.refs.named_as_party(t.start, t.end, main, t.ann.text, skip, self.lex):
            other = self.refs.runner_up(exclude=main)
            return other or main
        return main

    def _place_country(self, t: Tree, i: int) -> str:
        """The country of a place the group is said to be in: in its own phrase ("l'armée au
        Liban", "les manifestants à Beyrouth"), else in its clause ("la police a arrêté 20 personnes
        en Égypte"), else at the head of its sentence."""
        cands = [k for k in t.subtree(i, stop=CLAUSE_DEPS) if k != i]
        verb = t.head(i)
        if verb is not None and t.dep(i).startswith(("nsubj", "obj", "iobj", "obl")):
            cands += [k for k in t.subtree(verb, stop=CLAUSE_DEPS) if k not in cands and k != i]
        # a place set at the head of the sentence frames all of it ("À Hambourg, les syndicats ont
        # affirmé que deux mille personnes avaient défilé")
        first_verb = next((k for k in t.tokens() if t.tok(k).pos in ("VERB", "AUX")), t.hi)
        cands += [k for k in range(t.lo, first_verb) if k not in cands and k != i]
        for k in cands:
            if t.prep(k) not in self.lex.place_prepositions:
                continue
            for r in self.refs.at(k):
                iso = r.country or (r.code if r.kind == "country" else "")
                if r.kind in ("place", "country", "government") and len(iso) == 3:
                    return iso
        return ""

    def _group_ending_at(self, t: Tree, i: int) -> list[Actor]:
        """A group noun of several words whose last word is ``i`` ("les forces de l'ordre, qui")."""
        end = t.tok(i).end
        before = fold(t.ann.text[max(t.start, end - 40) : end])
        for w, sector in self.lex.group_nouns.items():
            if " " in w and before.endswith(fold(w)):
                text = t.ann.text[end - len(w) : end]
                code = "" if sector not in self.lex.domestic_sectors else self.country
                return [Actor(text, w, code, sector, end - len(w), end, "group")]
        return []

    def _demonym_actor(self, t: Tree, k: int, sector: str) -> Actor | None:
        for r in self.refs.at(k):
            if r.kind == "demonym" and r.code:
                return Actor(
                    r.text,
                    self.lex.country_names.get(r.code, r.canonical),
                    r.code,
                    sector or "GOV",
                    r.start,
                    r.end,
                    r.source,
                )
        iso = self.lex.demonyms.get(fold(t.word(k)))
        if iso:
            tok = t.tok(k)
            return Actor(
                t.word(k),
                self.lex.country_names.get(iso, iso),
                iso,
                sector or "GOV",
                tok.start,
                tok.end,
                "table",
            )
        return None

    def _as_actor(self, r: Ref) -> Actor:
        if r.seat and r.kind != "government":  # a capital in an actor's place: its government
            return Actor(
                r.text,
                self.lex.country_names.get(r.country, r.canonical),
                r.country,
                "GOV",
                r.start,
                r.end,
                r.source,
            )
        if r.kind == "country":
            return Actor(
                r.text, r.canonical, r.code or r.country, r.sector or "GOV", r.start, r.end, r.source
            )
        if r.kind == "demonym":
            return Actor(
                r.text,
                self.lex.country_names.get(r.code, r.canonical),
                r.code,
                "GOV",
                r.start,
                r.end,
                r.source,
            )
        a = r.actor()
        if r.kind == "person":
            self.persons.add(a.canonical)
        if not a.code and a.canonical.lower() in self.lex.group_home:  # "les Vingt-Sept" tagged as a name
            a = replace(a, code=self.lex.group_home[a.canonical.lower()])
        if r.kind in ("person", "org") and not a.code:
            # a person or organisation the entities stage knows no country of: its own when the
            # text gives one; in a story about the language's home country, one of that country
            # (the press covering its own affairs); elsewhere unknown (foreign stories name
            # people of many countries)
            home = self.lex.home_country if self.country == self.lex.home_country else ""
            if r.country or home:
                a = replace(a, code=r.country or home)
        return a

    # -- pronouns ----------------------------------------------------------------------------------
    def possessive(self, t: Tree, i: int, plural: bool) -> list[Actor]:
        """Whom the possessive determiner ``i`` stands for, read as "ils" or "il" (no gender)."""
        return self._pronoun(t, i, "ils" if plural else "il", "ils" if plural else "il", gendered=False)

    def _pronoun(self, t: Tree, i: int, word: str, lemma: str, *, gendered: bool = True) -> list[Actor]:
        p = self.lex.pronouns
        own_token = i
        if word == "t" and i + 1 < t.hi and t.tok(i + 1).pos == "PRON":
            # "a-t-elle dit": the parser makes the euphonic "-t" the subject, the pronoun its name
            word = lemma = t.lower(i + 1).lstrip("-")
            own_token = i + 1
        feats = t.feats(i)
        # "il", "elle": the gender a person it stands for must not contradict
        gender = t.feats(own_token).get("Gender", "") if gendered and word in p.get("gendered", ()) else ""
        if feats.get("PronType") == "Rel" or word in p.get("relative", ()):
            verb = t.head(i)
            if verb is not None and t.dep(verb).startswith("acl"):
                ante = t.head(verb)
                if ante is not None:
                    found = self.phrase(t, ante) or self._group_ending_at(t, ante)
                    if not found:  # the parse hung the clause on another noun: "qui" follows its antecedent
                        found = self._before_relative(t, i)
                    if not found:
                        found = self._owner_before_relative(t, i)
                    if len(found) == 1 and t.feats(verb).get("Number") == "Plur" != t.feats(ante).get(
                        "Number"
                    ):
                        found = self._plural_antecedent(t, ante) or found
                    return [replace(a, source="relative") for a in found]
            return []
        if word in p.get("speaker", ()) or lemma in p.get("speaker", ()) or feats.get("Person") == "1":
            return [replace(a, source="speaker") for a in self.speakers.get(t.index, ())]
        if word in p.get("impersonal", ()) or lemma in p.get("impersonal", ()):
            return []
        plural = word in p.get("plural", ()) or (
            lemma in p.get("plural", ()) and feats.get("Number") == "Plur"
        )
        singular = word in p.get("singular", ()) or lemma in p.get("singular", ())
        if not (plural or singular):
            return []
        # the subject of a clause above, earlier in the sentence ("X a fait savoir qu'il avait...");
        # not the subject of the pronoun's own verb when it is its object ("X lui a demandé")
        own = t.head(i) if t.dep(i) in ("obj", "iobj") else None
        clitics = p.get("object_clitics", frozenset())
        h = t.head(i)
        if (
            own is None
            and word in clitics
            and h is not None
            and i < h
            and any(k < i and t.lower(k) not in clitics for k in t.children(h, "nsubj"))
        ):
            own = h  # "X lui a demandé" with "lui" parsed as a second subject
        # an object clitic never stands for its own verb's subject ("X l'a qualifié de...")
        exclude: set[str] = set()
        if own is not None and word in clitics:
            for k in t.children(own, "nsubj", "nsubj:pass"):
                if k != i and t.lower(k) not in clitics:
                    exclude |= {a.canonical for a in self.phrase(t, k)}
        for a in t.ancestors(i):
            if a == own:
                continue
            subj = next((k for k in t.children(a, "nsubj") if k < i and t.tok(k).pos != "PRON"), None)
            if subj is not None:
                if t.in_quotation(subj) and not t.in_quotation(i):
                    continue  # '"X n'a aucune stratégie", a-t-elle accusé': not X, the one quoted on
                found = self.phrase(t, subj)
                number = t.feats(subj).get("Number")
                if any(x.canonical in exclude for x in found) or not self._fits(found, gender):
                    continue
                if (found and (number == "Plur") == plural) or (found and number is None):
                    return [replace(x, source="pronoun") for x in found]
        h = t.head(i)
        if (
            not plural
            and h is not None
            and t.dep(i) == "nsubj"
            and (t.lemma(h) in self.lex.reporting or t.lemma(h) in self.lex.critics)
        ):
            person = self._last_person(gender)  # "..., a-t-elle fustigé": a speaker is a person
            if person is not None and person.canonical not in exclude:
                return [replace(person, source="pronoun")]
        return self._from_memory(plural=plural, exclude=exclude, gender=gender)

    def _plural_antecedent(self, t: Tree, ante: int) -> list[Actor]:
        """A plural verb after "qui" hung on one singular noun: its antecedent is the coordination
        that noun is inside ("X, et son allié Y, dirigé par Z, qui réclament": X and Y)."""
        for a in t.ancestors(ante):
            if t.tok(a).pos in ("NOUN", "PROPN") and t.children(a, "conj"):
                found = self.phrase(t, a)
                if len(found) > 1:
                    return found
        return []

    def _before_relative(self, t: Tree, i: int) -> list[Actor]:
        """The noun written right before the relative pronoun ``i`` (a comma between them allowed):
        "des médias qui le critiquent" when the parse hung the clause on "à l'encontre"."""
        k = i - 1
        if k >= t.lo and t.lower(k) == ",":
            k -= 1
        while k >= t.lo and t.tok(k).pos == "ADJ":
            k -= 1
        if k < t.lo or t.tok(k).pos not in ("NOUN", "PROPN"):
            return []
        return self.phrase(t, k)

    def _owner_before_relative(self, t: Tree, i: int) -> list[Actor]:
        """The actor heading the "de" chain that ends right before the relative pronoun ``i``, for a
        clause the parse hung elsewhere: "les grévistes des chaînes d'information, qui dénoncent":
        the strikers act, not the channels nor the news."""
        k = i - 1
        while k >= t.lo and t.tok(k).pos in ("PUNCT", "ADJ"):
            k -= 1
        found: list[Actor] = []
        while k >= t.lo and t.tok(k).pos in ("NOUN", "PROPN") and t.dep(k) == "nmod" and t.prep(k) == "de":
            h = t.head(k)
            if h is None or h > k or t.tok(h).pos not in ("NOUN", "PROPN"):
                break
            found = self.phrase(t, h) or found  # the head-most actor: "les grévistes des chaînes"
            k = h
        return found

    def _from_memory(
        self, plural: bool | None, exclude: set[str] | None = None, gender: str = ""
    ) -> list[Actor]:
        for sure in (True, False) if gender else (False,):
            for sent, actors, pl in reversed(self.memory):
                if self.sentence - sent > PRONOUN_REACH:
                    break
                if (exclude and any(a.canonical in exclude for a in actors)) or not self._fits(
                    actors, gender, sure
                ):
                    continue
                if plural is None or pl == plural or (plural and len(actors) > 1):
                    return [replace(a, source="pronoun") for a in actors]
        return []


def _best(refs: Sequence[Ref]) -> Ref | None:
    """The most specific reference: a person over a role over a government, a group, a country."""
    order = {
        "person": 0,
        "role": 1,
        "government": 2,
        "org": 3,
        "group": 4,
        "country": 5,
        "demonym": 6,
        "place": 7,
    }
    cands = [r for r in refs if r.kind in order]
    if not cands:
        return None
    return min(cands, key=lambda r: (order[r.kind], -(r.end - r.start)))
