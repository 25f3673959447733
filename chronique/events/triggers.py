"""Finding triggers in a sentence: verbs, nouns carried by a light verb or naming their participants,
and ceasefires that are the subject of their own state ("la trêve est entrée en vigueur").

A :class:`Cand` is a trigger whose rule's conditions hold (reflexive, fixed words, complement,
object, topic); :mod:`chronique.events.coder` then reads its arguments and decides the event.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from chronique.events.actors import Resolver
from chronique.events.lexicon import Lexicon, LightVerb, NounRule, Rule
from chronique.events.names import fold
from chronique.events.tree import QUOTES, Tree

#: Prepositions and subordinators that introduce what is asked, refused, promised, feared.
CONTENT_PREPS = frozenset(
    {
        "à",
        "pour",
        "de",
        "sur",
        "en faveur de",
        "afin de",
        "en vue de",
        "que",
        "à ce que",
        "pour que",
        "afin que",
        "contre",
    }
)
#: Relations under which a verb is an argument of another word's meaning (its content).
CONTENT_DEPS = ("xcomp", "ccomp", "csubj")


@dataclass
class Cand:
    """A trigger that matched: where it is, what reads its arguments, which rule."""

    t: Tree
    trig: int  # the trigger word
    pred: int  # the word whose dependents are the arguments (the verb; a light verb; the noun)
    event: str
    kind: str  # verb | light | noun | subject
    rule: Rule | None = None
    noun: NounRule | None = None
    light: LightVerb | None = None
    extra: list[int] = field(default_factory=list)  # other words of the trigger
    content: list[int] = field(default_factory=list)  # heads of the complements
    topics: set[str] = field(default_factory=set)
    stage: str = ""
    mode: str = ""

    @property
    def rule_id(self) -> str:
        if self.rule is not None:
            return self.rule.id
        if self.kind == "subject":
            return f"subject:{self.t.lemma(self.pred)}:{self.event}"
        base = f"noun:{self.noun.lemma if self.noun else '?'}"
        return f"{base}+{self.light.lemma}" if self.light else base


def content_children(t: Tree, pred: int, res: Resolver, skip: set[int]) -> list[int]:
    """The complements of ``pred`` that say what an act is about (not who it is addressed to)."""
    out = []
    for k in t.children(pred):
        if k in skip:
            continue
        d = t.dep(k)
        prep = t.prep(k)
        if (
            d in CONTENT_DEPS
            or (d.startswith("advcl") and prep in CONTENT_PREPS)
            or (d == "obj" and not res.is_actor(t, k))
        ) or ((d.startswith("obl") or d in ("iobj", "nmod")) and prep in CONTENT_PREPS and _thing(t, k, res)):
            out.append(k)
    return out


def topics_of(t: Tree, heads: list[int], lex: Lexicon, extra: Sequence[int] = ()) -> set[str]:
    """The topics (``topics`` in the language data) of the phrases headed by ``heads``."""
    words: set[str] = set()
    for h in [*heads, *extra]:
        for k in t.subtree(h, stop=("acl:relcl", "parataxis")):
            words.update(t.forms(k))
    found: set[str] = set()
    for w in words:
        found |= lex.topic_words.get(w, frozenset())
    for name, entry in lex.topic_phrases:
        if entry[0] in words and name not in found and all(w in words for w in entry):
            found.add(name)
    return found


def _words_topics(words: set[str], lex: Lexicon) -> set[str]:
    found: set[str] = set()
    for w in words:
        found |= lex.topic_words.get(w, frozenset())
    return found | {
        name for name, entry in lex.topic_phrases if entry[0] in words and all(w in words for w in entry)
    }


def _thing(t: Tree, k: int, res: Resolver) -> bool:
    """Neither an actor nor a place: what an act is about."""
    return not res.is_actor(t, k) and not any(r.kind == "place" for r in res.refs.at(k))


def clause_of(t: Tree, v: int) -> list[int]:
    """The direct dependents of ``v`` that belong to its clause (not its subject, not the clauses
    that have a subject of their own)."""
    out = []
    for k in t.children(v):
        d = t.dep(k)
        if d.startswith("nsubj") or d in ("acl:relcl", "parataxis", "punct"):
            continue
        if d in ("conj", "advcl", "ccomp") and t.children(k, "nsubj", "nsubj:pass"):
            continue
        out.append(k)
    return out


def _misattached_content(t: Tree, v: int, res: Resolver, skip: set[int]) -> list[int]:
    """Complements the parse hung under another word of the clause ("appelé dans un communiqué à un
    cessez-le-feu": the call's content is under "communiqué")."""
    out = []
    for h in clause_of(t, v):
        if h in skip:
            continue
        if t.dep(h) == "acl" and t.feats(h).get("VerbForm") == "Inf" and t.prep(h) in ("à", "de"):
            out.append(h)  # "demande au tribunal de suspendre...": an infinitive parsed as adjectival
        if t.prep(h) == "à" and res.is_actor(t, h):  # "réclamé à X une aide": the object hung on X
            out += [k for k in t.children(h, "nmod") if not t.prep(k) and k > h and _thing(t, k, res)]
            # "demandent au président de X de défendre...": the infinitive hung on the one asked
            out += [
                k
                for k in t.children(h, "acl", "xcomp")
                if k > h and t.feats(k).get("VerbForm") == "Inf" and t.prep(k) in ("à", "de")
            ]
        if t.dep(h) == "obj":  # "exhorté X à faire grève": the infinitive hung on the object
            out += [
                k
                for k in t.children(h, "acl", "xcomp")
                if t.feats(k).get("VerbForm") == "Inf" and t.prep(k) in ("à", "de")
            ]
            # "appelé les rebelles dits modérés à quitter...": hung on a participle describing the object
            out += [
                k
                for a in t.children(h, "acl")
                if t.feats(a).get("VerbForm") == "Part"
                for k in t.children(a, "xcomp")
                if t.feats(k).get("VerbForm") == "Inf" and t.prep(k) == "à"
            ]
        for k in t.subtree(h, stop=("acl:relcl", "parataxis", "ccomp", "advcl")):
            if (
                k != h
                and t.prep(k) in ("à", "pour", "en faveur de")
                and t.tok(k).pos == "NOUN"
                and _thing(t, k, res)
            ):
                out.append(k)
            elif k != h and t.prep(k) == "à" and t.feats(k).get("VerbForm") == "Inf":
                out.append(k)  # "appelé dans une vidéo à mener une action": the infinitive hung on "vidéo"
    return out


def _phrase_topics(t: Tree, head: int, lex: Lexicon) -> set[str]:
    """Topics of a noun phrase itself (its words and their "de" complements, no clause)."""
    words: set[str] = set()
    for k in t.subtree(head, stop=("acl", "acl:relcl", "advcl", "ccomp", "xcomp", "parataxis", "conj")):
        words.update(t.forms(k))
    return {name for name, entries in lex.topics.items() if any(all(w in words for w in e) for e in entries)}


def _has_with(t: Tree, v: int, words: tuple[str, ...]) -> list[int]:
    for k in t.children(v):
        if t.dep(k).startswith("nsubj") or t.dep(k) == "punct":
            continue
        lemma, word = t.forms(k)
        for w in words:
            if " " in w:
                sub = t.subtree(k, stop=("acl:relcl",))
                if fold(w) in fold(t.span_text(sub[0], sub[-1])):
                    return [k]
            elif lemma == w or word == w:
                return [k]
        for f in t.children(k, "fixed", "flat"):
            if t.lemma(f) in words or t.lower(f) in words:
                return [k, f]
        if (
            t.dep(k) == "obj"
        ):  # an attribute of the object the parse hangs on it ("déclarer la trêve caduque")
            for f in t.children(k, "amod"):
                if t.lemma(f) in words or t.lower(f) in words:
                    return [f]
    return []


#: Endings of a French infinitive: a verb's lemma without one is a form the lemmatizer left as
#: written ("demande", "réclame", "dénoncent").
_INFINITIVE = ("er", "ir", "re", "oir", "ïr")


def verb_lemmas(t: Tree, i: int) -> tuple[str, ...]:
    """The lemma, the word, and the infinitive a conjugated form left by the lemmatizer stands
    for ("réclame" → "réclamer", "invitent" → "inviter")."""
    key = ("verb_lemmas", i)
    done = t.memo.get(key)
    if done is not None:
        return done
    t.memo[key] = out = _verb_lemmas(t, i)
    return out


def _verb_lemmas(t: Tree, i: int) -> tuple[str, ...]:
    lemma, word = t.forms(i)
    out = [lemma, word]
    finite = t.feats(i).get("VerbForm") == "Fin" or (t.tok(i).pos == "ADJ" and t.reflexive(i) is not None)
    if not lemma.endswith(_INFINITIVE) and finite:
        for w in (lemma, word):
            if w.endswith("ent") and len(w) > 5:
                out.append(w[:-2] + "r")
            elif w.endswith("e") and len(w) > 3:
                out.append(w + "r")
    return tuple(out)


def verb_cand(t: Tree, i: int, lex: Lexicon, res: Resolver) -> Cand | None:
    rules: tuple[Rule, ...] = ()
    for form in verb_lemmas(t, i):
        rules = lex.verbs.get(form, ())
        if rules:
            break
    for rule in rules:
        c = _try_rule(t, i, rule, lex, res)
        if c is not None:
            return c
    return None


def rule_cand(t: Tree, i: int, rule: Rule, lex: Lexicon, res: Resolver) -> Cand | None:
    """The candidate a rule made outside the lexicon gives verb ``i``, when its conditions hold."""
    return _try_rule(t, i, rule, lex, res)


#: How far after a verb :func:`loose_object` looks (tokens).
LOOSE_OBJECT_SPAN = 8


def fronted_participle_noun(t: Tree, v: int) -> int | None:
    """The subject of the main clause when a past participle with an agent opens the sentence:
    the one acted on ("Salué par X, le plan de Y prévoit...": the plan)."""
    f = t.feats(v)
    if t.dep(v) != "advcl" or f.get("VerbForm") != "Part" or f.get("Tense") != "Past":
        return None
    if t.children(v, "aux", "aux:tense", "aux:pass", "nsubj", "nsubj:pass", "obj"):
        return None
    if any(t.tok(k).pos not in ("PUNCT", "ADV", "CCONJ") for k in range(t.lo, min(t.subtree(v)))):
        return None  # not at the head of the sentence
    if not any(t.dep(k) == "obl:agent" for k in t.children(v)):
        return None
    h = t.head(v)
    return t.child(h, "nsubj") if h is not None else None


def loose_object(t: Tree, v: int, res: Resolver) -> int | None:
    """The object of a transitive verb the parse left without one: the first actor named after the
    verb in the next few words, with no preposition of its own, before another verb or the end of
    the clause ("X a libéré de son côté le journaliste Y": the parser may hang the name on "côté")."""
    if t.children(v, "obj", "ccomp", "xcomp") or t.is_passive(v):
        return None
    for k in range(v + 1, min(t.hi, v + 1 + LOOSE_OBJECT_SPAN)):
        pos, d = t.tok(k).pos, t.dep(k)
        if pos == "VERB" or (pos == "PUNCT" and t.word(k) in (".", ";", ":", "?", "!")):
            return None
        if pos not in ("NOUN", "PROPN") or t.prep(k):
            continue
        if d == "obl:mod" and not t.children(k, "det"):
            continue  # a bare adverbial noun ("reçoit jeudi les présidents", parsed as its object)
        if d.startswith("nsubj") or d.startswith("obl"):
            return None
        if res.is_actor(t, k):
            return k
    return None


def _false_object(k: int, res: Resolver) -> bool:
    """An object the parser gave an intransitive verb that is a place, a locative that lost its
    preposition ("les protestataires manifestaient partout France"): no object."""
    return any(r.kind in ("place", "country") for r in res.refs.at(k))


def _bare_participle(t: Tree, i: int) -> bool:
    """A past participle qualifying a noun with no auxiliary of its own ("l'accord signé")."""
    f = t.feats(i)
    return (
        t.dep(i) == "acl"
        and f.get("VerbForm") == "Part"
        and f.get("Tense") == "Past"
        and not t.children(i, "aux", "aux:tense", "aux:pass")
    )


def _incise(t: Tree, i: int) -> bool:
    """A verb set after what it reports, with its subject after it and no object ("La trêve a
    tenu, a regretté le maire": the parser may coordinate it with the clause it reports)."""
    return (
        t.dep(i) == "conj"
        and not t.children(i, "obj", "ccomp", "xcomp")
        and any(k > i for k in t.children(i, "nsubj"))
        and any(t.lower(k) == "," for k in range(max(t.lo, i - 3), i))
    )


def _try_rule(t: Tree, i: int, rule: Rule, lex: Lexicon, res: Resolver) -> Cand | None:
    refl = t.reflexive(i)
    if rule.se is True and refl is None:
        return None
    if rule.se is False and refl is not None:
        return None
    extra: list[int] = []
    if rule.with_:
        extra = _has_with(t, i, rule.with_)
        if not extra:
            return None
    if rule.with_prep and not any(t.prep(k) in rule.with_prep for k in t.children(i)):
        return None
    if rule.no_clause and (t.children(i, "ccomp", "parataxis") or t.dep(i) == "parataxis" or _incise(t, i)):
        return None
    if rule.finite and t.feats(i).get("VerbForm") == "Inf":
        return None
    infinitives = [
        k
        for k in t.children(i)
        if t.feats(k).get("VerbForm") == "Inf"
        or any(t.feats(a).get("VerbForm") == "Inf" for a in t.children(k, "aux", "aux:tense"))
    ]
    if rule.no_infinitive and infinitives:
        return None
    if rule.infinitive and not any(not t.dep(k).startswith(("advcl", "acl")) for k in infinitives):
        return None  # an adjunct ("proposer une réforme pour relancer...") is a goal, not the content
    skip = set(extra) | ({refl} if refl is not None else set())
    content = content_children(t, i, res, skip)
    if not content and not extra and _bare_participle(t, i):
        # "la réforme réclamée par X", "l'accord signé en février": the noun a past participle
        # qualifies is what was asked for, signed, concluded
        h = t.head(i)
        if h is not None and t.tok(h).pos == "NOUN" and _thing(t, h, res):
            content = [h]
    if rule.content and not content and not extra:
        content = _misattached_content(t, i, res, skip)
        if not content:
            return None
    obj = next((k for k in t.children(i, "obj") if k not in skip), None)
    if t.is_passive(i):
        done_to = t.passive_subject(i)  # (a token index: 0 is one)
        obj = done_to if done_to is not None else obj
    if (
        obj is None
        and t.dep(i) == "acl"
        and t.feats(i).get("VerbForm") == "Part"
        and t.feats(i).get("Tense") == "Past"
        and not t.children(i, "aux", "aux:tense", "aux:pass")
    ):
        obj = t.head(i)  # "les rebelles appuyés par X": the noun a past participle qualifies is its object
    if obj is None:
        obj = fronted_participle_noun(t, i)
    if obj is None and rule.object in ("actor", "any"):
        obj = loose_object(t, i, res)
    if rule.object == "actor" and (obj is None or not res.is_actor(t, obj)):
        return None
    if rule.object == "thing" and (obj is None or res.is_actor(t, obj)):
        return None
    if rule.object == "none" and obj is not None and not _false_object(obj, res):
        return None
    if rule.object == "any" and obj is None:
        return None
    topics = topics_of(t, content, lex, [k for e in extra for k in t.children(e)])
    if not topics & {"ceasefire", "yield", "meet"}:  # the parse may have hung the content elsewhere
        topics |= topics_of(
            t, [k for k in clause_of(t, i) if k != i and k not in skip and t.dep(k) != "punct"], lex
        ) & {"ceasefire", "yield", "meet", "assist", "condition"}
    if (
        rule.reports or rule.quoted
    ):  # what a quotation the verb reports is about ('«... une mascarade», a réagi X')
        for qt, quote in quotation(t, i):
            topics |= _words_topics({w for k in quote for w in qt.forms(k)}, lex)
    if rule.topic and not (topics & set(rule.topic)):
        return None
    if rule.object_topic and (obj is None or not (_phrase_topics(t, obj, lex) & set(rule.object_topic))):
        return None
    if rule.not_topic and topics & set(rule.not_topic):
        return None
    return Cand(
        t,
        i,
        i,
        rule.event,
        "verb",
        rule=rule,
        extra=extra,
        content=content,
        topics=topics,
        mode=rule.mode,
        stage=rule.stage,
    )


def cop_cand(t: Tree, i: int, lex: Lexicon, res: Resolver) -> Cand | None:
    """Copular predicates: "être aux côtés de", "être d'accord", "se dire prêt à"."""
    cop = next((k for k in t.children(i, "cop") if t.lemma(k) == "être"), None)
    pred = i
    if cop is None:  # "les rebelles se disent prêts à...": the adjective hangs on the verb
        h = t.head(i)
        if h is None or t.dep(i) != "xcomp" or t.lemma(h) not in lex.copular_verbs:
            return None
        cop = pred = h
    lemma, word = t.forms(i)
    for rule in lex.verbs.get("être", ()):
        if lemma in rule.with_ or word in rule.with_:
            content = content_children(t, i, res, set())
            topics = topics_of(t, content, lex)
            return Cand(
                t,
                i,
                pred,
                rule.event,
                "verb",
                rule=rule,
                extra=[cop],
                content=content,
                topics=topics,
                mode=rule.mode,
                stage=rule.stage,
            )
    return None


def _noun_rule(t: Tree, i: int, lex: Lexicon) -> NounRule | None:
    lemma, word = t.forms(i)
    nr = lex.nouns.get(lemma) or lex.nouns.get(word)
    if nr is None:
        firsts = {lemma, word}
        for key, first in lex.noun_phrases:
            if first in firsts and fold(
                t.ann.text[t.tok(i).start : min(t.end, t.tok(i).start + 30)]
            ).startswith(key):
                return next(r for k, r in lex.nouns.items() if fold(k) == key)
        return None
    if nr.not_with and i + 1 < t.hi and t.tok(i + 1).pos == "ADP":
        # "le recours à la force" (the preposition right after the noun, wherever the parse hangs
        # its phrase): a resort to something, not a legal appeal
        after = t.lower(i + 1)
        if t.grammar.contractions.get(after, after) in nr.not_with:
            return None
    if nr.needs:
        near = {t.lemma(k) for k in t.subtree(i, stop=("acl:relcl", "acl"))} | {
            t.lower(k) for k in t.subtree(i)
        }
        if not near & set(nr.needs):
            return None
    return nr


def _in_context(nr: NounRule, lex: Lexicon, res: Resolver) -> bool:
    """Does the article have a word of the noun's ``context`` topics (when it has some)? "Le
    rassemblement" alone is a protest in an article about one, not in one about gathering limits."""
    return not nr.context or bool(_words_topics(set(res.article_words), lex) & set(nr.context))


def noun_cand(t: Tree, i: int, lex: Lexicon, res: Resolver) -> Cand | None:
    if t.tok(i).pos not in ("NOUN", "PROPN"):
        return None
    nr = _noun_rule(t, i, lex)
    if nr is None:
        return None
    tok = t.tok(i)
    if any(
        r.start <= tok.start
        and r.end >= tok.end
        and r.end - r.start > tok.end - tok.start
        and r.kind != "demonym"
        for r in res.refs.at(i)
    ):
        return None  # a word inside a name ("le Palais des conférences de X", "le Rassemblement national")
    topics = topics_of(t, [i], lex)
    if nr.topic and not topics & set(nr.topic):
        return None
    # a copula with "en": "être en pourparlers avec"
    cop = next((k for k in t.children(i, "cop") if t.lemma(k) == "être"), None)
    if cop is not None:
        for lv in lex.light_verbs.get("être", ()):
            if lv.prep and t.prep(i) == lv.prep:
                return Cand(
                    t,
                    i,
                    i,
                    nr.event,
                    "light",
                    noun=nr,
                    light=lv,
                    extra=[cop],
                    content=[i],
                    topics=topics,
                    mode=nr.mode,
                    stage=nr.stage,
                )
    h = t.head(i)
    if h is not None and t.head(h) is not None and not lex.light_verbs.get(t.lemma(h)):
        # "faire face à X": the parser may hang X on "face", the light verb's fixed word
        up = t.head(h)
        if up is not None and any(t.lemma(h) in lv.with_ for lv in lex.light_verbs.get(t.lemma(up), ())):
            h = up
    if h is not None:
        for lv in lex.light_verbs.get(t.lemma(h), ()):
            if lv.only and nr.event not in lv.only:
                continue
            if lv.with_ and not all(
                (w == "se" and t.reflexive(h) is not None)
                or any(t.lemma(k) == w or t.lower(k) == w for k in t.children(h))
                for w in lv.with_
            ):
                continue
            d = t.dep(i)
            if t.prep(i) in nr.marked_by and t.prep(i) != lv.prep:
                continue  # "à la demande de X, Y a annoncé...": X's request, not Y's announcement
            if lv.role in ("subject", "object"):
                if not d.startswith("nsubj"):
                    continue
            elif lv.prep:
                if t.prep(i) != lv.prep:
                    continue
            elif not (d in ("obj", "nsubj:pass") or (d.startswith("obl") and t.prep(i) in ("à", "en", "de"))):
                continue
            return Cand(
                t,
                i,
                h,
                nr.event,
                "light",
                noun=nr,
                light=lv,
                extra=[h],
                content=[i],
                topics=topics,
                mode=nr.mode,
                stage=nr.stage,
            )
    # "l'offensive lancée par X", "une opération militaire américaine menée en Syrie"
    for k in t.children(i, "acl"):
        if t.feats(k).get("Tense") == "Past" and any(
            lv.role == "actor" for lv in lex.light_verbs.get(t.lemma(k), ())
        ):
            lv = next(lv for lv in lex.light_verbs[t.lemma(k)] if lv.role == "actor")
            return Cand(
                t,
                i,
                k,
                nr.event,
                "light",
                noun=nr,
                light=lv,
                extra=[k],
                content=[i],
                topics=topics,
                mode=nr.mode,
                stage=nr.stage,
            )
    agent = any(t.prep(k) == "par" for k in t.children(i))
    between = any(t.prep(k) == "entre" and res.np(t, k, remember=False) for k in t.children(i))
    if between and (nr.alone or nr.needs_light):  # "l'accord entre X et Y", "les pourparlers entre X et Y"
        return Cand(
            t, i, i, nr.event, "noun", noun=nr, content=[i], topics=topics, mode=nr.mode, stage=nr.stage
        )
    if t.prep(i) in nr.marked_by:  # "à l'appel de X", "à la demande de X", "en soutien à X"
        return Cand(
            t, i, i, nr.event, "noun", noun=nr, content=[i], topics=topics, mode=nr.mode, stage=nr.stage
        )
    # a protest is one also as the subject of a verb that is no trigger ("les manifestations se
    # sont multipliées"); other event nouns as subjects are the means of their verb's act
    # ("l'offensive a tué vingt personnes")
    protest_subject = nr.event == "PROTEST" and h is not None and t.lemma(h) not in lex.verbs
    if (
        nr.alone
        and not nr.needs_light
        and (agent or protest_subject or not t.dep(i).startswith("nsubj"))
        and _in_context(nr, lex, res)
    ):
        return Cand(
            t, i, i, nr.event, "noun", noun=nr, content=[i], topics=topics, mode=nr.mode, stage=nr.stage
        )
    return None


def subject_cand(t: Tree, i: int, lex: Lexicon) -> Cand | None:
    """A ceasefire whose state its verb reports: in force, collapsed, violated, declared."""
    if t.tok(i).pos != "NOUN" or not {t.lemma(i), t.lower(i)} & lex.ceasefire_heads:
        return None
    if "ceasefire" not in topics_of(t, [i], lex):
        return None
    d = t.dep(i)
    verbs: list[tuple[int, bool]] = []
    h = t.head(i)
    if d.startswith("nsubj") and h is not None:
        verbs.append((h, t.is_passive(h) or d == "nsubj:pass"))
    for k in t.children(i, "acl"):
        if t.feats(k).get("VerbForm") == "Part" and t.feats(k).get("Tense") == "Past":
            verbs.append((k, True))
    for v, passive in verbs:
        vl = t.lemma(v)
        kids = {t.lemma(k) for k in t.children(v)} | {t.lower(k) for k in t.children(v)}
        for se in lex.subject_events:
            for words in se.verbs:
                ws = list(words)
                if ws[0] == "être":
                    if not passive or len(ws) < 2 or not _participle_of(vl, t.lower(v), ws[1]):
                        continue
                    rest = ws[2:]
                elif (passive and t.child(v, "aux:pass") is not None) or ws[0] != vl:
                    continue
                else:
                    rest = ws[1:]
                if all(w in kids for w in rest):
                    return Cand(
                        t,
                        v,
                        v,
                        se.event,
                        "subject",
                        extra=[i],
                        content=[i],
                        topics={"ceasefire"},
                        stage=se.stage,
                        mode=se.mode,
                    )
    return None


def _participle_of(lemma: str, word: str, form: str) -> bool:
    """Does the participle ``form`` ("respecté") belong to the verb ``lemma`` ("respecter")?"""
    stem = form[:-1] if form.endswith(("é", "i", "u")) else form
    return word.startswith(stem[: max(3, len(stem) - 1)]) or lemma.startswith(stem[: max(3, len(stem) - 1)])


# -- quotations ----------------------------------------------------------------------------------


#: Words that may stand between a quotation and the verb that reports it ('«...», a-t-il dénoncé').
_BETWEEN = frozenset({"PUNCT", "AUX", "PRON", "ADV"})


def quotation(t: Tree, v: int) -> list[tuple[Tree, set[int]]]:
    """The words of the quotation or the "que" clause verb ``v`` reports, read from the quotation
    marks rather than the parse, which often hangs a quotation anywhere: a quotation that ends right
    before the verb ('«...», a fustigé X', '«...», s\'est-il insurgé'), also when the segmenter made it
    a sentence of its own; a quoted clause right after the verb ('X a dénoncé : «...»'); a "que"
    clause ('X s\'indigne que...'). Each part comes with the tree of the sentence it is in."""
    quotes = [k for k in range(t.lo, t.hi) if t.lower(k) in QUOTES]
    out: set[int] = set()
    before = [k for k in quotes if k < v]
    # a verb that reports what precedes it is conjugated: not "Accusé de..., X a..."
    told = t.feats(v).get("VerbForm") == "Fin" or bool(t.children(v, "aux:tense"))
    if told and all(t.tok(k).pos in _BETWEEN for k in range(before[-1] + 1 if before else t.lo, v)):
        if len(before) >= 2:
            out.update(range(before[0] + 1, before[-1]))
        elif before or t.index > 0:
            parts = _cut_quotation(t, before[-1] if before else None)
            if parts:
                return parts
    after = [k for k in quotes if k > v]
    lead = set(t.children(v, "aux", "aux:tense")) | {k for k in t.children(v) if t.tok(k).pos == "ADV"}
    adjacent = all(t.tok(k).pos == "PUNCT" or k in lead for k in range(v + 1, after[0])) if after else False
    if not out and len(after) >= 2 and adjacent:
        inside = range(after[0] + 1, after[1])
        if any(t.tok(k).pos in ("VERB", "AUX") for k in inside):  # a clause, not a quoted name for a thing
            out.update(inside)
    for k in t.children(v, "ccomp", "advcl"):
        if {t.lower(m) for m in t.children(k, "mark")} & {"que", "qu'"}:
            out.update(t.subtree(k))
    return [(t, out)] if out else []


#: How many sentences back a quotation the segmenter cut may open.
_QUOTE_SENTENCES = 3


def _cut_quotation(t: Tree, close: int | None) -> list[tuple[Tree, set[int]]]:
    """A quotation the segmenter cut into sentences, closing at ``close`` in ``t`` (or at the end of
    the sentence before): its parts back to the opening mark, or nothing when none is found."""
    parts: list[tuple[Tree, set[int]]] = [(t, set(range(t.lo, close)))] if close is not None else []
    closed = close is not None
    for j in range(t.index - 1, max(-1, t.index - 1 - _QUOTE_SENTENCES), -1):
        prev = Tree(t.ann, j, t.not_passive, t.temporal, t.grammar)
        marks = [k for k in range(prev.lo, prev.hi) if prev.lower(k) in QUOTES]
        hi = prev.hi
        if not closed:  # the sentence before must end with the closing mark
            if not marks or any(prev.tok(k).pos != "PUNCT" for k in range(marks[-1], prev.hi)):
                return []
            hi, marks, closed = marks[-1], marks[:-1], True
        if marks:
            parts.append((prev, set(range(marks[-1] + 1, hi))))
            return parts
        parts.append((prev, set(range(prev.lo, hi))))
    return []
