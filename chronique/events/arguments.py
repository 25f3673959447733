"""Reading a trigger's arguments in the parse: who acts, to whom.

The French model's parse is often wrong about attachments (an inverted subject taken for an object,
"auprès de X" hung on an adverb, a subject hung on the previous verb), so each reading has a
fallback that looks at the words around the verb; every fallback is tried only when the parse gave
nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from chronique.events.actors import Resolver
from chronique.events.model import Actor
from chronique.events.tree import CLAUSE_DEPS, Tree
from chronique.events.triggers import Cand, fronted_participle_noun, loose_object

#: How deep a subject is inherited (infinitive → its verb → ...).
MAX_INHERIT = 4
#: Relations a subject the parser missed may have been given.
_BARE_DEPS = ("nsubj", "nsubj:pass", "obl:mod", "obl", "dep", "appos", "nmod", "amod", "obj", "conj")
#: Prepositions of an event noun that tells who did a passive act ("tués dans un raid américain").
_EVENT_ADJUNCT = ("dans", "lors de", "sous", "au cours de", "pendant", "à")


def finite(t: Tree, v: int) -> bool:
    return t.feats(v).get("VerbForm") == "Fin" or any(
        t.feats(a).get("VerbForm") == "Fin" for a in t.children(v, "aux", "aux:tense", "aux:pass")
    )


def inverted_subject(t: Tree, v: int) -> int | None:
    """The subject written after its verb, which the parser often takes for an object:
    "«...», a lancé le président", "«...», avait accusé le chef de la diplomatie Mike Pompeo"."""
    if t.children(v, "nsubj", "nsubj:pass"):
        return None
    if not finite(t, v):
        return None
    after_quote = t.dep(v) == "parataxis" or (
        any(
            t.lower(k) in ('"', "»", "”", ",")
            for k in range(max(t.lo, min(t.subtree(v)) - 2), min(t.subtree(v)))
        )
        and any(t.lower(k) in ('"', "»", "”", "«", "“") for k in range(t.lo, v))
    )
    p = v - 1
    while p >= t.lo and p in t.children(v, "aux", "aux:tense", "aux:pass"):
        p -= 1
    # right after the closing quotation mark and its comma: '"...", a déploré X'
    quoted = p - 1 >= t.lo and t.lower(p) == "," and t.lower(p - 1) in ('"', "»", "”")
    if not (after_quote or quoted):
        return None
    k = next((o for o in t.children(v, "obj") if o > v), None)
    if (
        k is None and quoted
    ):  # '"...", a déclaré à l'AFP X': the parser hangs X on the medium as its apposition
        for o in t.subtree(v, stop=SLOT_STOP):
            if o > v and t.dep(o).startswith("obl") and t.prep(o) in ("à", "de", "auprès de", ""):
                k = next((a for a in t.children(o, "appos") if a > o), None)
                if k is not None:
                    break
    return k


def object_clitic(t: Tree, v: int, words: frozenset[str]) -> int | None:
    """A clitic pronoun object of ``v`` written before it ("X lui a demandé", "X l'a qualifié"),
    whatever relation the parser gave it: an object, or a second subject after the real one."""
    subjects = [k for k in t.children(v, "nsubj") if t.lower(k) not in words]
    for k in t.children(v):
        if k > v or t.tok(k).pos != "PRON" or t.lower(k) not in words or t.reflexive(v) == k:
            continue
        d = t.dep(k)
        if d in ("obj", "iobj", "expl", "expl:comp") or (d == "nsubj" and any(s < k for s in subjects)):
            return k
    return None


def agent(t: Tree, v: int, res: Resolver, depth: int = 0, *, scan: bool = True) -> list[Actor]:
    """Who does what ``v`` says (see the module docstring)."""
    if depth > MAX_INHERIT:
        return []
    participle = (
        t.feats(v).get("VerbForm") == "Part"
        and t.feats(v).get("Tense") == "Past"
        and not t.children(v, "aux", "aux:tense")
    )
    agent_below = participle and any(t.dep(k) == "obl:agent" for k in t.subtree(v, stop=SLOT_STOP))
    head = t.head(v)
    # "X a été mis en examen et écroué": a bare participle coordinated with a passive shares its auxiliary,
    # also when the parse hangs it on the passive as a clause of its own ("deux hommes ont été tués et
    # un troisième, âgé de 16 ans, blessé"), after it and with no subject or object of its own
    shared_passive = (
        participle
        and head is not None
        and t.is_passive(head)
        and (
            t.dep(v) == "conj"
            or (t.dep(v) == "advcl" and v > head and not t.children(v, "nsubj", "nsubj:pass", "obj"))
        )
    )
    # "des manifestants rassemblés devant la mairie": the bare past participle of a verb that is an
    # event as a pronominal ("se rassembler", "se réunir") stands for "qui se sont rassemblés", no
    # passive: the noun it describes did it (an agent, "rassemblés par X", keeps the passive reading)
    if (
        participle
        and t.dep(v) == "acl"
        and not agent_below
        and head is not None
        and any(r.se and not r.with_ for r in res.lex.verbs.get(t.lemma(v), ()))
    ):
        found = res.phrase(t, head)
        if found:
            return found
    if t.is_passive(v) or (t.dep(v) == "acl" and participle) or agent_below or shared_passive:
        for k in t.subtree(v, stop=SLOT_STOP):
            if t.dep(k) == "obl:agent" or (
                t.head(k) == v and t.dep(k).startswith(("obl", "nmod")) and t.prep(k) == "par"
            ):
                found = res.phrase(t, k)
                for j in t.children(v, "conj"):  # "par X et Y" with Y hung on the verb
                    if j > k and t.tok(j).pos in ("NOUN", "PROPN") and not t.prep(j):
                        found += [a for a in res.phrase(t, j) if a not in found]
                if found:
                    return found
                return _event_noun_actor(t, k, res, depth + 1)
        for k in t.children(v, "obl", "nmod"):  # "tués dans un raid américain"
            if t.prep(k) in _EVENT_ADJUNCT:
                found = _event_noun_actor(t, k, res, depth + 1, own_only=True)
                if found:
                    return found
        return []
    clitic = object_clitic(t, v, res.lex.pronouns.get("object_clitics", frozenset()))
    subj = next(
        (
            k
            for k in reversed(t.children(v, "nsubj", "nsubj:pass"))
            if t.lower(k).strip("-") != "t" and k != clitic
        ),
        None,
    )
    if subj is None:  # "qui" is always a subject, whatever relation the parser gave it
        subj = next(
            (
                k
                for k in t.children(v)
                if k < v and t.lower(k) == "qui" and t.feats(k).get("PronType") == "Rel"
            ),
            None,
        )
    if subj is None:  # "a-t-il ajouté": the parser may call the inverted pronoun an expletive
        subj = next(
            (
                k
                for k in t.children(v, "expl:subj")
                if (k > v or t.lower(k).startswith("-"))
                and t.lower(k).strip("-") in ("il", "elle", "ils", "elles")
            ),
            None,
        )
    if subj is None and t.reflexive(v) is not None and any(r.se for r in res.lex.verbs.get(t.lemma(v), ())):
        # "Il s'oppose à...": before a reflexive verb the parser may call a personal pronoun an
        # expletive, as in "il s'agit"; a verb whose trigger is reflexive is not impersonal
        subj = next(
            (k for k in t.children(v, "expl:subj") if k < v and t.lower(k) in ("il", "elle", "ils", "elles")),
            None,
        )
    if subj is None:  # "a-t-elle dit" parsed as "-t" subject with "-elle" hung on it
        subj = next(
            (
                k
                for k in t.children(v, "nsubj")
                if t.lower(k).strip("-") == "t" and k + 1 < t.hi and t.tok(k + 1).pos == "PRON"
            ),
            None,
        )
    if subj is None:
        subj = inverted_subject(t, v)
    if subj is not None:
        found = res.phrase(t, subj) or _event_noun_actor(t, subj, res, depth + 1)
        if not found and scan and t.tok(subj).pos != "PRON" and res.lex.nouns.get(t.lemma(subj)) is None:
            # a subject that names no actor and no event: the parse is off ("A Lyon, des centaines
            # d'ouvriers ont défilé..." with "A" as subject); the nearest actor before the verb
            found = _left_scan(t, v, res)
        return _with_backers(t, subj, found, res)
    fronted = _fronted_participle(t, v)
    if fronted is not None:
        return agent(t, fronted, res, depth + 1)
    d = t.dep(v)
    h = t.head(v)
    if h is not None and _after_event_noun(t, v, res):
        return []
    if h is not None:
        form = t.feats(v).get("VerbForm")
        if d == "conj" and finite(t, v):  # a noun phrase between the verbs: the subject the parse missed
            found = _left_scan(t, v, res, stop=h, deps=_BARE_DEPS[:-2])
            if found:
                return found
        if (
            d in ("xcomp", "conj")
            or (d in ("obj", "ccomp") and (form == "Inf" or t.children(v, "cop")))
            or (d.startswith("advcl") and form in ("Part", "Inf"))
        ):
            found = _surface(t, h, res, depth)
            if found:
                return found
        if d == "acl" and form == "Part" and t.feats(v).get("Tense") != "Past":
            # a comma just before the participle's phrase, or inside it before the participle (the
            # parser often hangs the comma on the participle)
            comma = any(t.lower(k) == "," for k in range(max(t.lo, min(t.subtree(v)) - 1), v))
            # "... entre X et Y, se félicitant", "a annoncé l'établissement de..., se félicitant": after a
            # comma, a participle hung on a complement or an object has the main clause's subject
            in_phrase = comma and (
                bool(t.prep(h)) or t.dep(h) in ("obj", "nmod", "obl", "obl:arg", "obl:mod")
            )
            found = [] if in_phrase else res.phrase(t, h) or _event_noun_actor(t, h, res, depth + 1)
            if found:
                return found
            if not comma and (res.lex.nouns.get(t.lemma(h)) or res.lex.nouns.get(t.lower(h))):
                return []  # "une révolte ayant contraint X à...": the event acted, not the clause's subject
            up = t.verb_of(h)
            if up is None or up == v:
                return _left_scan(t, v, res)
            return agent(t, up, res, depth + 1)
    # the parse missed the subject: a bare noun phrase before the verb
    return _left_scan(t, v, res) if scan else []


#: Words that may come before a participle that opens its sentence ("En dénonçant", "Tout en").
_BEFORE_PARTICIPLE = frozenset({"en", "tout", "et", "mais", "puis", "aussi", ",", "«", '"', "-", "–"})


def _fronted_participle(t: Tree, v: int) -> int | None:
    """A present participle or gerund opening its sentence ("Fustigeant la majorité, la ministre a
    dénoncé...", "En critiquant X, Y a...") has the subject of the first clause after its comma,
    whatever the parse hung on what (it often makes the participle the root and the main verb a
    clause under its object). That clause's verb, or None."""
    if t.feats(v).get("VerbForm") != "Part" or t.feats(v).get("Tense") != "Pres":
        return None
    if any(t.lower(k) not in _BEFORE_PARTICIPLE for k in range(t.lo, v)):
        return None
    comma = next((k for k in range(v + 1, t.hi) if t.lower(k) == ","), None)
    if comma is None:
        return None
    for k in range(comma + 1, t.hi):
        h = t.head(k)
        if t.dep(k) in ("nsubj", "nsubj:pass") and h is not None and h > comma and finite(t, h):
            return h
    return None


def _after_event_noun(t: Tree, v: int, res: Resolver) -> bool:
    """A participle written right after an event noun, with no comma ("une révolte paysanne
    ayant contraint X au départ"), whatever the parse hung it on: the event is its subject."""
    if t.feats(v).get("VerbForm") != "Part" or t.children(v, "nsubj", "nsubj:pass"):
        return False
    k = min(t.subtree(v)) - 1
    while k >= t.lo and t.tok(k).pos == "ADJ":
        k -= 1
    lex = res.lex
    return (
        k >= t.lo and t.tok(k).pos == "NOUN" and bool(lex.nouns.get(t.lemma(k)) or lex.nouns.get(t.lower(k)))
    )


def _surface(t: Tree, h: int, res: Resolver, depth: int) -> list[Actor]:
    """The subject an infinitive or a participle shares with verb ``h``: its grammatical subject,
    also when ``h`` is passive ("X est attendu à Paris pour assister...")."""
    if t.is_passive(h):
        k = t.child(h, "nsubj:pass")
        if k is None:
            k = t.child(h, "nsubj")
        if k is not None:
            return res.phrase(t, k)
    return agent(t, h, res, depth + 1, scan=False)


def _left_scan(
    t: Tree, v: int, res: Resolver, stop: int | None = None, deps: tuple[str, ...] = ()
) -> list[Actor]:
    """The nearest noun phrase before ``v`` with no preposition that names an actor, not crossing a
    finite verb (or ``stop``)."""
    k = v - 1
    while k >= t.lo and k != stop:
        tok = t.tok(k)
        if tok.pos == "VERB" and finite(t, k) and t.head(k) != v:
            break
        if tok.pos in ("NOUN", "PROPN") and not t.prep(k) and t.dep(k) in (deps or _BARE_DEPS):
            head = t.head(k)
            if not (head is not None and t.dep(k) in ("flat:name", "flat") and head < k):
                found = res.phrase(t, k)
                if found:
                    return found
        k -= 1
    return []


def _with_backers(t: Tree, head: int, actors: list[Actor], res: Resolver) -> list[Actor]:
    """ "Les forces du régime, soutenues par l'aviation russe": the backers act with them."""
    out = list(actors)
    for j in t.subtree(head, stop=("acl:relcl", "parataxis", "ccomp", "advcl")):
        for k in t.children(j, "acl"):
            if t.lemma(k) in res.lex.backing:
                for a in t.children(k):
                    if t.dep(a) == "obl:agent" or t.prep(a) == "par":
                        out += [b for b in res.phrase(t, a) if b not in out]
    return out


def _event_noun_actor(t: Tree, k: int, res: Resolver, depth: int, *, own_only: bool = False) -> list[Actor]:
    """The actor of an event noun standing where an agent should be ("tués dans un raid américain",
    "les bombardements russes ont tué", "une offensive ..., tuant": the one who led it)."""
    if res.lex.nouns.get(t.lemma(k)) is None and res.lex.nouns.get(t.lower(k)) is None:
        return []
    own = noun_actors(t, k, res)
    if own or own_only or depth > MAX_INHERIT:
        return own
    h = t.head(k)
    if h is not None and t.dep(k) in ("obj", "obl:arg") and t.lemma(h) in res.lex.light_verbs:
        return agent(t, h, res, depth + 1)
    return []


def noun_actors(t: Tree, n: int, res: Resolver, *, de: str | None = None) -> list[Actor]:
    """Who acts in event noun ``n``: "par X", "entre X et Y", its "de X" when the noun's ``de`` (or
    the one its topics chose) is the actor, a nationality adjective."""
    nr = res.lex.nouns.get(t.lemma(n)) or res.lex.nouns.get(t.lower(n))
    if de is None or nr is None:  # a noun of several words ("coup d'État"): its "de" is its own
        de = nr.de if nr is not None else ""
    out: list[Actor] = []
    for k in t.children(n):
        p = t.prep(k)
        if p == "de" and t.lemma(k) == "part":  # "de la part de X": X acts, whatever the noun's "de"
            out += [a for g in t.children(k, "nmod") if t.prep(g) == "de" for a in res.phrase(t, g)]
        elif p == "par" or (p == "de" and de == "actor" and t.dep(k) == "nmod") or p == "entre":
            out += res.phrase(t, k)
    if not out:  # "l'assaut du bâtiment par X": the parse hangs "par X" on the noun's complement
        for k in t.children(n, "nmod"):
            if t.prep(k) == "de":
                for g in t.children(k, "nmod", "obl"):
                    if t.prep(g) == "par":
                        out += res.phrase(t, g)
    h = t.head(n)
    if not out and h is not None:  # "des escarmouches entre X et Y" with "entre X" hung on the verb
        for k in t.children(h):
            if n < k <= n + 3 and t.prep(k) == "entre":
                out += between(t, k, res)
    if not out and h is not None and t.dep(n) == "nmod" and t.prep(n) == "de" and t.tok(h).pos == "NOUN":
        # "l'usage de gaz lacrymogène par la police": "par X" hung on the noun the event completes
        for g in t.children(h, "nmod", "obl"):
            if g > n and t.prep(g) == "par":
                out += res.phrase(t, g)
    if not out:  # "une réunion du comité, à laquelle ont participé X": the light verb of a relative
        out += _relative_light_verb(t, n, res)
    if not out:  # "les frappes, (qui ont été) conduites par X"
        for k in t.children(n, "acl", "acl:relcl"):
            if t.lemma(k) in res.lex.light_verbs:
                for g in t.children(k):
                    if t.dep(g) == "obl:agent" or t.prep(g) == "par":
                        out += res.phrase(t, g)
    if not out:
        sector = "MIL" if nr is not None and nr.event in ("ASSAULT", "MOBILIZE") else "GOV"
        for k in t.children(n, "amod"):
            a = res._demonym_actor(t, k, sector)
            if a is not None:
                out.append(a)
    return out


def possessor(t: Tree, n: int, res: Resolver, actors: Sequence[Actor]) -> list[Actor]:
    """Whom a possessive determiner of event noun ``n`` stands for ("son interpellation", "leur
    expulsion"): the subject of the clause the noun is in when of its number and not the act's own
    actors, else the pronoun "il"/"ils" read there (of no gender: a possessive agrees with the noun)."""
    p = res.lex.pronouns
    own = {a.canonical for a in actors}
    for d in t.children(n, "det"):
        word = t.lower(d)
        plural = word in p.get("possessive_plural", ())
        if not plural and word not in p.get("possessive_singular", ()):
            continue
        v = t.verb_of(n)
        subj = t.child(v, "nsubj") if v is not None else None
        if subj is None and v is not None:
            subj = t.child(v, "nsubj:pass")
        if subj is not None and (t.feats(subj).get("Number") == "Plur") == plural:
            found = [a for a in res.phrase(t, subj) if a.canonical not in own]
            if found:
                return found
        return [a for a in res.possessive(t, d, plural) if a.canonical not in own]
    return []


def _relative_light_verb(t: Tree, n: int, res: Resolver) -> list[Actor]:
    """The subject of a light verb whose complement is a relative pronoun standing for event noun
    ``n`` ("une réunion ..., à laquelle ont participé les ministres"), whatever the parse hung the
    relative clause on: the pronoun comes right after the noun's phrase."""
    relative = res.lex.pronouns.get("relative", frozenset())
    phrase = set(t.subtree(n, stop=CLAUSE_DEPS))
    for p in range(max(phrase) + 1, min(t.hi, max(phrase) + 4)):
        if t.tok(p).pos == "PRON" and (t.lemma(p) in relative or t.lower(p) in relative):
            v = t.verb_of(p)
            if v is None or p > v:
                return []
            for lv in res.lex.light_verbs.get(t.lemma(v), ()):
                if lv.role == "actor" and lv.prep and lv.prep == t.prep(p):
                    s = t.child(v, "nsubj")
                    return res.phrase(t, s) if s is not None and s > p else []
            return []
        if t.tok(p).pos not in ("PUNCT", "ADP"):
            return []
    return []


#: How far after an event noun a "de X" the parse hung elsewhere is looked for.
LOOSE_DE_SPAN = 16


def loose_de(t: Tree, n: int, res: Resolver) -> list[Actor]:
    """The "de X" of event noun ``n`` written after other complements, which the parse hung on one
    of them or on the verb ("l'inculpation pour fraude et corruption de X"): the first "de" phrase
    in the next words that has a determiner or is a name ("de X", "du ministre"; not "d'État",
    "de fraude") and names an actor, before a verb or a clause break."""
    for k in range(n + 1, min(t.hi, n + 1 + LOOSE_DE_SPAN)):
        tok = t.tok(k)
        if tok.pos in ("VERB", "AUX") or (tok.pos == "PUNCT" and t.word(k) in (";", ":", "?", "!", ".")):
            return []
        if t.lower(k) in res.lex.pronouns.get("relative", ()):
            return []
        if tok.pos not in ("NOUN", "PROPN") or t.prep(k) != "de":
            continue
        h = t.head(k)
        if h is None or not (n <= h < k or h == t.head(n)):
            continue  # hung on the noun's phrase, the words after it or its verb; not before
        contracted = any(t.lower(c) in ("du", "des") for c in t.children(k, "case"))
        if tok.pos == "PROPN" or contracted or t.children(k, "det"):
            found = res.phrase(t, k)
            if found:
                return found
    return []


#: Relations a recipient is not looked for across.
SLOT_STOP = ("acl:relcl", "parataxis", "ccomp", "csubj", "conj", "advcl", "acl")


def slot(t: Tree, pred: int, slot: str, res: Resolver, c: Cand, subj: list[Actor]) -> list[Actor]:
    skip = set(c.extra)
    inverted = inverted_subject(t, pred)
    if inverted is not None:
        skip.add(inverted)
    if slot == "subj":
        return subj
    if slot == "obj":
        k = t.passive_subject(pred) if t.is_passive(pred) else None
        if (
            k is None
            and t.dep(pred) == "acl"
            and t.feats(pred).get("Tense") == "Past"
            and not t.children(pred, "aux", "aux:tense")  # "X l'a qualifié" hung on a noun is a clause
        ):
            k = t.head(pred)
            if k is not None and not res.np(t, k):  # "la mort du général X, tué": the general
                k = next((n for n in t.children(k, "nmod") if t.prep(n) == "de" and res.np(t, n)), k)
            up = t.head(k) if k is not None else None
            if (
                k is not None
                and t.dep(k) == "appos"
                and up is not None
                and any(a.source == "entities" for a in res.np(t, up, remember=False))
            ):
                k = up  # "X, un ouvrier tué par Y": the one named, whom the description is set beside
        if k is None and t.dep(pred) == "advcl":  # "..., rivales de X, appuyé lui par Y": X
            k = detached_participle_noun(t, pred)
            if k is None:
                k = fronted_participle_noun(t, pred)
        if k is None:
            k = next((o for o in t.children(pred, "obj") if o not in skip and t.reflexive(pred) != o), None)
        if k is None:  # "arrêtant ou écartant ses rivaux": coordinated verbs share the object after them
            k = shared_object(t, pred, skip)
        if k is None:  # "montrer du doigt X": the parse hangs X on the trigger's fixed word
            k = next((n for e in c.extra for n in t.children(e, "nmod") if not t.prep(n) and n > e), None)
        if k is None:
            k = loose_object(t, pred, res)
        return res.phrase(t, k) if k is not None and res.np(t, k, remember=False) else []
    if slot == "iobj":
        k = t.child(pred, "iobj")
        if k is None:  # "X lui a demandé", with "lui" parsed as a second subject
            k = object_clitic(t, pred, res.lex.pronouns.get("dative", frozenset()))
        if k is None or t.reflexive(pred) == k or t.feats(k).get("Person") in ("1", "2"):
            return []
        return res.phrase(t, k)  # a pronoun ("lui a demandé") is resolved as pronouns are
    if slot == "addressee":
        return addressee(t, pred, res, c, skip)
    if slot == "clause":
        return clause_subject(t, pred, res)
    if slot == "owner":
        for k in c.content or t.children(pred, "obj", "obl:arg"):
            if t.dep(k) in ("obj", "obl:arg", "nsubj:pass") or k == c.trig:
                found = res.owner(t, k)
                if found:
                    return found
        obj = t.child(pred, "obj")
        for k in t.children(pred, "obl", "nmod"):
            # "fustigé le rapprochement entre X et Y": the parse hung the object's "entre" on the verb
            if obj is not None and k > obj and t.prep(k) == "entre":
                found = between(t, k, res)
                if found:
                    return found
        return []
    words = slot.replace("'", "' ").split()
    acting = slot not in res.lex.place_prepositions
    for k in t.subtree(pred, stop=SLOT_STOP):
        if k in skip or k == pred or t.tok(k).pos not in ("NOUN", "PROPN", "PRON"):
            continue
        if t.prep(k) == slot or (len(words) > 1 and _long_prep(t, k, words)):
            found = res.phrase(t, k, acting=acting)
            if not found and slot == "contre":
                # "contre la politique gouvernementale": what is opposed is the act of the group the
                # adjective names
                found = [a for j in t.children(k, "amod") if (a := res.adjective_group(t, j)) is not None]
            if found:
                return found
    if len(words) > 2:
        # a preposition of several words says who is meant wherever the parse hung it in the verb's
        # clause ("requiert cinq ans, dont deux ferme, à l'encontre de X", hung on the relative)
        for k in range(pred + 1, t.hi):
            if k not in skip and t.verb_of(k) == pred and _long_prep(t, k, words):
                found = res.phrase(t, k, acting=acting)
                if found:
                    return found
    return []


def addressee(
    t: Tree, pred: int, res: Resolver, c: Cand, skip: set[int] | frozenset[int] = frozenset()
) -> list[Actor]:
    """Whom a request names as asked to act, even when no actor table knows the noun: the direct
    object of a verb of object control that also says what is asked ("appeler les patrons à adapter
    leurs horaires", "exhorter la majorité à voter"). French puts only the addressee there, so any
    common noun will do; not an impersonal phrase ("tout le monde"), a date, or a name
    nobody resolved (a product as often as an actor)."""
    k = next((o for o in t.children(pred, "obj") if o not in skip and t.reflexive(pred) != o), None)
    if k is None or t.tok(k).pos != "NOUN" or k in t.temporal:
        return []
    # what is asked: an "à" complement after the object, hung on the verb or (often) on the object
    if not any(j > k and t.prep(j) == "à" for j in (*t.children(pred), *t.children(k))):
        return []
    found = res.phrase(t, k)
    if found:
        return found
    impersonal = res.lex.pronouns.get("impersonal", frozenset())
    if (
        t.lower(k) in impersonal
        or t.lemma(k) in impersonal
        or t.span_text(max(t.lo, k - 2), k).lower() in impersonal
    ):
        return []
    last = k
    for j in sorted(t.children(k, "amod")):
        if j == last + 1:
            last = j
    text = t.span_text(k, last)
    return [Actor(text, text.lower(), "", "", t.tok(k).start, t.tok(last).end, "group")]


def clause_subject(t: Tree, pred: int, res: Resolver) -> list[Actor]:
    """Who a request asks to act when what it asks is a clause: the subject of the "que" clause
    ("demander que le gouvernement recule", "plaider pour que l'exécutif se réinvente"), or the
    agent of a passive one ("réclamer que le coût soit pris en charge par l'État"). Not when the
    verb has a direct object of its own: the clause is then a relative the parse hung on the verb
    ("réclamait un rapport, que l'Assemblée avait écarté")."""
    for k in t.children(pred, "ccomp", "advcl", "obj"):
        if t.tok(k).pos not in ("VERB", "AUX") or not {"que", "qu'"} & {
            t.lower(m) for m in t.children(k, "mark")
        }:
            continue
        if any(o != k and not t.prep(o) for o in t.children(pred, "obj")):
            return []
        agents = [g for g in t.children(k, "obl:agent") if t.prep(g) == "par"]
        if agents:  # an agent makes the clause passive whatever the auxiliary ("a été montée par X")
            return res.phrase(t, agents[0])
        if t.is_passive(k):
            return []
        subj = t.child(k, "nsubj")
        return res.phrase(t, subj) if subj is not None else []
    return []


def detached_participle_noun(t: Tree, v: int) -> int | None:
    """The noun a past participle with an agent, set off by a comma, is said of (the one acted on):
    the last noun before the comma that agrees with it ("les forces de X, rivales de Y, appuyé lui
    par Z": Y, masculine singular like "appuyé"). Such a participle has no object: a pronoun after
    it is emphatic ("appuyé lui par Z")."""
    f = t.feats(v)
    if (
        f.get("VerbForm") != "Part"
        or f.get("Tense") != "Past"
        or t.children(v, "aux", "aux:tense", "aux:pass")
    ):
        return None
    if not any(t.dep(k) == "obl:agent" or t.prep(k) == "par" for k in t.subtree(v, stop=SLOT_STOP)):
        return None
    first = min(t.subtree(v))
    if first - 1 < t.lo or t.lower(first - 1) != ",":
        return None
    for k in range(first - 2, max(t.lo, first - 6) - 1, -1):
        if t.tok(k).pos not in ("NOUN", "PROPN"):
            continue
        g = t.feats(k)
        if all(g.get(x) in (None, f.get(x)) for x in ("Number", "Gender") if f.get(x)):
            return k
        return None
    return None


def crowd(t: Tree, pred: int, res: Resolver, actors: list[Actor]) -> list[Actor]:
    """The crowd (topic ``crowd``) named before the act or in its clause, for crowd control that
    names no target: "des heurts entre manifestants et policiers, qui ont tiré des gaz
    lacrymogènes", "ont tiré des gaz lacrymogènes pour disperser les manifestants"; not a crowd
    after it outside its clause or as the subject of a clause of its own ("..., les manifestants
    étant bloqués")."""
    words = {e[0] for e in res.lex.topics.get("crowd", ()) if len(e) == 1}
    own = set(t.subtree(pred))
    for k in t.tokens():
        if k > pred and (k not in own or t.dep(k).startswith("nsubj")):
            continue  # after the act: only in its clause, and not the subject of a clause of its own
        if t.tok(k).pos == "NOUN" and (t.lemma(k) in words or t.lower(k) in words):
            found = [a for a in res.np(t, k) if all(a.canonical != b.canonical for b in actors)]
            if found:
                return found
    return []


def between(t: Tree, k: int, res: Resolver) -> list[Actor]:
    """The parties of "entre X et Y" headed by ``k``, also when the parse hung Y on X's complement
    ("entre l'armée du pays et les rebelles")."""
    out = res.phrase(t, k)
    for j in t.subtree(k, stop=("acl:relcl", "acl", "parataxis", "advcl", "ccomp")):
        if j != k and t.dep(j) == "conj" and t.tok(j).pos in ("NOUN", "PROPN"):
            out += [a for a in res.np(t, j) if a not in out]
    return out


def shared_object(t: Tree, v: int, skip: set[int] | frozenset[int] = frozenset()) -> int | None:
    """The object of the verb coordinated right after ``v`` with nothing but a conjunction, commas
    or adverbs between them, which both verbs share ("X a arrêté puis emprisonné Y", "emprisonnant
    ou écartant ses détracteurs")."""
    if t.children(v, "obj", "ccomp", "xcomp") or t.is_passive(v):
        return None
    for j in t.children(v, "conj"):
        if j <= v or t.tok(j).pos != "VERB" or t.children(j, "nsubj", "nsubj:pass"):
            continue
        gap = range(max(t.subtree(v, stop=("conj",))) + 1, min(t.subtree(j)))
        if all(t.tok(k).pos in ("CCONJ", "PUNCT", "ADV") for k in gap):
            return next((o for o in t.children(j, "obj") if o not in skip), None)
    return None


def noun_slot(t: Tree, c: Cand, slot: str, res: Resolver) -> list[Actor]:
    """A participant of an event noun: its own complement ("une rencontre avec X"), one of its light
    verb, or one the parser hung on the next word up, just after the noun."""
    places = [c.trig] + ([c.pred] if c.pred != c.trig else [])
    h = t.head(c.trig)
    for p in places:
        for k in t.children(p):
            if t.prep(k) == slot and t.tok(k).pos in ("NOUN", "PROPN"):
                found = res.phrase(t, k, acting=slot not in res.lex.place_prepositions)
                if found:
                    return found
    if h is not None:
        for k in t.children(h):
            if c.trig < k <= c.trig + 8 and t.prep(k) == slot and t.tok(k).pos in ("NOUN", "PROPN"):
                found = res.phrase(t, k, acting=slot not in res.lex.place_prepositions)
                if found:
                    return found
    return []


def _long_prep(t: Tree, k: int, words: list[str]) -> bool:
    """A preposition of several words around a noun: "à l'adresse de X", "aux côtés de X", and
    "auprès de X" when the parser made "auprès" an adverb governing X."""
    h = t.head(k)
    if h is None:
        return False
    if t.lower(h) == words[0] and t.tok(h).pos in ("ADV", "ADP") and t.prep(k) in ("", words[-1]):
        return True
    if t.prep(k) != words[-1]:
        return False
    return (
        len(words) > 2 and t.prep(h) == words[0] and (t.lemma(h) in words[1:-1] or t.lower(h) in words[1:-1])
    )


def fallback_objects(t: Tree, pred: int, c: Cand, res: Resolver) -> list[Actor]:
    """Named actors between the verb and its complement that the parse attached elsewhere
    ("a appelé jeudi Moscou, Damas et Téhéran à cesser...")."""
    end = min([min(t.subtree(k)) for k in c.content if k > pred and t.dep(k) != "obj"] or [t.hi])
    out: list[Actor] = []
    for k in range(pred + 1, end):
        if t.tok(k).pos != "PROPN" or any(t.tok(x).pos == "ADP" for x in t.children(k, "case")):
            continue
        for a in res.np(t, k):
            if a not in out:
                out.append(a)
    return out


#: Prepositions that name a source, a medium, a setting or a purpose, not whom an act is aimed at.
_NOT_TARGET_PREPS = frozenset({"selon", "sur", "dans", "par", "pour", "d'après", "en"})


def own_phrase(t: Tree, actors: Sequence[Actor]) -> set[int]:
    """The tokens of the phrases that name ``actors`` in ``t``, with their description ("le
    porte-parole de la diplomatie X, Y": all of it for Y)."""
    near: set[int] = set()
    for a in actors:
        for k in t.tokens():
            if a.start >= 0 and a.start <= t.tok(k).start < a.end:
                top = k  # up the actor's own phrase
                while t.dep(top) in ("appos", "flat:name", "flat", "nmod", "amod"):
                    h = t.head(top)
                    if h is None or t.tok(h).pos not in ("NOUN", "PROPN"):
                        break
                    top = h
                near |= set(t.subtree(top, stop=CLAUSE_DEPS))
                near |= _split_description(t, top)
    return near


def _split_description(t: Tree, top: int) -> set[int]:
    """The description of a name the parse made a second argument of the verb, with the same
    relation, set beside the name by a comma ("l'un des détracteurs du projet, X, a salué",
    "a réagi la rapporteure de l'ONU, X"): its tokens."""
    h = t.head(top)
    if h is None:
        return set()
    own = t.subtree(top, stop=CLAUSE_DEPS)
    for s in t.children(h, t.dep(top)):
        if s == top:
            continue
        sub = t.subtree(s, stop=CLAUSE_DEPS)
        comma = max(sub) + 1 if max(sub) < min(own) else min(sub) - 1
        if t.lower(comma) == "," and (comma + 1 == min(own) or comma - 1 == max(own)):
            return set(sub)
    return set()


def recipient_candidates(
    t: Tree, actors: Sequence[Actor], skip: set[str], res: Resolver, *, own_side: bool = False
) -> list[tuple[int, Actor]]:
    """The actors the sentence names that an act of ``actors`` may be aimed at, with their token:
    not the act's own actors or their description ("le chef de la diplomatie X, Y"), nor ``skip``
    (the speaker), nor the press, nor a source or setting ("selon X", "sur Twitter", "dans Le
    Monde"), nor a vague noun ("les pays"), nor the actors' own state, nor a bare name nobody
    resolved (a product, a place, a festival as often as an actor). The speaker's own ("nos
    soldats") and the actors' own kind ("la police ... les policiers") only when ``own_side`` (a
    praise or help may go to one's own)."""
    near = own_phrase(t, actors)
    own_states = {a.code for a in actors if a.code}
    found: list[tuple[int, Actor]] = []
    seen = set(skip) | {a.canonical for a in actors}
    for k in t.tokens():
        if (
            k in near
            or t.tok(k).pos not in ("NOUN", "PROPN")
            or t.dep(k) in ("flat:name", "flat", "fixed")
            or t.prep(k) in _NOT_TARGET_PREPS
            or t.lemma(k) in res.lex.vague_nouns
            or t.lemma(k) in res.lex.no_default_country
        ):
            continue
        if any(r.kind in ("country", "government") and r.code in own_states for r in res.refs.at(k)):
            continue  # "X confirme le soutien de la Russie": the actor's own state acts with it
        if not own_side and any(
            t.lower(d) in res.lex.pronouns.get("speaker_possessive", ()) for d in t.children(k, "det")
        ):
            continue  # "rappeler notre ambassadeur": the speaker's own side is no target of a blow
        for a in res.np(t, k, remember=False):
            if (
                not own_side
                and a.source == "group"
                and any(a.code == b.code and a.sector == b.sector for b in actors)
            ):
                continue  # "la police ... les policiers": the actor's own kind
            if a.canonical and a.canonical not in seen and a.sector != "MED" and a.source != "name":
                seen.add(a.canonical)
                found.append((k, a))
    return found


def nearest(found: Sequence[tuple[int, Actor]], trig: int) -> tuple[int, Actor] | None:
    """The candidate nearest after token ``trig``, else the nearest before it."""
    if not found:
        return None
    after = [(k, a) for k, a in found if k > trig]
    return min(after or found, key=lambda ka: abs(ka[0] - trig))


def with_partners(
    t: Tree, best: Actor, actors: Sequence[Actor], skip: set[str], res: Resolver
) -> list[Actor]:
    """``best`` and the actors written coordinated with it; none when one of those is one of the
    act's own ``actors`` or in ``skip`` (a co-actor, not a target)."""
    own = set(skip) | {a.canonical for a in actors}
    partners = _coordinated(t, best, res)
    if any(p.canonical in own for p in partners):
        return []  # written "X et Y" with one of the act's own actors: a co-actor, not a target
    return [best, *(p for p in partners if p.canonical != best.canonical)]


def _coordinated(t: Tree, a: Actor, res: Resolver) -> list[Actor]:
    """The actors written coordinated with actor ``a`` ("Paris et Berlin", "de la police et de la
    gendarmerie"), whatever the parse made of the coordination."""
    span = [k for k in t.tokens() if a.start <= t.tok(k).start < a.end]
    out: list[Actor] = []
    for step, edge in ((-1, span[0]), (1, span[-1])) if span else ():
        c = edge + step
        while t.lo <= c < t.hi and t.tok(c).pos in ("ADJ", "DET", "ADP"):
            c += step
        if not (t.lo <= c < t.hi) or t.lower(c) not in t.grammar.coordinators:
            continue
        n = c + step
        while t.lo <= n < t.hi and t.tok(n).pos in ("DET", "ADP"):
            n += step
        if t.lo <= n < t.hi and t.tok(n).pos in ("NOUN", "PROPN"):
            out += res.np(t, n, remember=False)
    return out
