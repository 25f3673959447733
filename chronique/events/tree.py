"""A dependency tree over one sentence of an :class:`~chronique.stages.annotate.Annotation`.

Token indices are the annotation's (article-wide) indices. Relations are Universal Dependencies as
the French model writes them (``nsubj``, ``obj``, ``obl:arg``, ``obl:mod``, ``xcomp``, ``acl:relcl``...);
a relation asked for as ``obl`` matches its subtypes too.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from chronique.stages.annotate import Annotation, Token

#: Relations that open a clause of its own: an argument is not looked for across them.
CLAUSE_DEPS = ("acl:relcl", "ccomp", "advcl", "parataxis", "conj", "csubj", "xcomp", "acl")
#: Quotation marks (the cleaner keeps typographic ones; the model sees plain ones).
QUOTES = frozenset({'"', "«", "»", "“", "”"})
#: Relations of a noun phrase's name part: a named entity may sit there ("le chef de la diplomatie
#: russe Sergueï Lavrov": the name is an apposition).
NAME_DEPS = ("appos", "flat", "flat:name", "nmod", "amod", "compound", "nummod", "fixed")


@dataclass(frozen=True)
class Grammar:
    """The function words a tree reads, from the language's data (``grammar`` in
    ``lang/<lang>/events.yaml``): contracted prepositions ("au" → "à"), the participle of the
    passive auxiliary ("été"), the perfect auxiliary's lemma ("avoir"), reflexive pronouns ("se"),
    the causative verb of a passive ("se faire" + infinitive), coordinating conjunctions ("et")."""

    contractions: Mapping[str, str] = field(default_factory=dict)
    passive_participle: frozenset[str] = frozenset()
    perfect_auxiliary: frozenset[str] = frozenset()
    reflexive: frozenset[str] = frozenset()
    causative: frozenset[str] = frozenset()
    coordinators: frozenset[str] = frozenset()


class Tree:
    """Children, subtrees and prepositions of the tokens of sentence ``index``."""

    def __init__(
        self,
        ann: Annotation,
        index: int,
        not_passive: frozenset[str] = frozenset(),
        temporal: frozenset[int] = frozenset(),
        grammar: Grammar | None = None,
    ) -> None:
        s = ann.sentences[index]
        self.grammar = grammar or Grammar()
        self.not_passive = not_passive
        self.temporal = temporal
        self.ann = ann
        self.index = index
        self.lo, self.hi = s.first, s.last
        self.start, self.end = s.start, s.end
        self.toks = ann.tokens
        # per-token readings asked for again and again by the rules: computed once per sentence
        self._lower: dict[int, str] = {}
        self._feats: dict[int, dict[str, str]] = {}
        self.memo: dict[tuple[str, int], Any] = {}
        self.kids: dict[int, list[int]] = defaultdict(list)
        for i in range(self.lo, self.hi):
            h = self.toks[i].head
            if h != i and self.lo <= h < self.hi:
                self.kids[h].append(i)
        # a date the parser took for an object ("X a reçu jeudi Y": "jeudi" as the object) is a
        # modifier of time: the real object is the next one
        self.deps: dict[int, str] = {}
        self.heads: dict[int, int] = {}
        for i in sorted(temporal):
            h = self.toks[i].head
            if not (
                self.lo <= i < self.hi and self.toks[i].dep == "obj" and h != i and self.lo <= h < self.hi
            ):
                continue
            self.deps[i] = "obl:mod"
            for k in list(self.kids.get(i, [])):  # "a plaidé jeudi non coupable": "coupable" is the verb's
                if k not in temporal and self.toks[k].dep not in ("det", "case", "punct", "nummod"):
                    self.kids[i].remove(k)
                    self.kids[h].append(k)
                    self.kids[h].sort()
                    self.heads[k] = h
                    if self.toks[k].dep == "amod":  # an adjective on a verb is its attribute
                        self.deps[k] = "xcomp"

    # -- tokens --------------------------------------------------------------------------------
    def tok(self, i: int) -> Token:
        return self.toks[i]

    def word(self, i: int) -> str:
        t = self.toks[i]
        return self.ann.text[t.start : t.end]

    def lower(self, i: int) -> str:
        w = self._lower.get(i)
        if w is None:
            w = self._lower[i] = self.word(i).lower().replace("’", "'")
        return w

    def lemma(self, i: int) -> str:
        return self.toks[i].lemma.lower()

    def forms(self, i: int) -> tuple[str, str]:
        """The lemma and the word, lower case: the lexicon is checked against both."""
        return self.lemma(i), self.lower(i)

    def feats(self, i: int) -> dict[str, str]:
        f = self._feats.get(i)
        if f is None:
            f = self._feats[i] = self.toks[i].feats()
        return f

    def dep(self, i: int) -> str:
        return self.deps.get(i) or self.toks[i].dep

    def head(self, i: int) -> int | None:
        h = self.heads.get(i, self.toks[i].head)
        return h if h != i and self.lo <= h < self.hi else None

    def tokens(self) -> range:
        return range(self.lo, self.hi)

    # -- structure -----------------------------------------------------------------------------
    def children(self, i: int, *deps: str) -> list[int]:
        kids = self.kids.get(i, [])
        if not deps:
            return list(kids)
        return [k for k in kids if _dep_is(self.dep(k), deps)]

    def child(self, i: int, *deps: str) -> int | None:
        found = self.children(i, *deps)
        return found[0] if found else None

    def subtree(self, i: int, *, stop: tuple[str, ...] = ()) -> list[int]:
        """``i`` and its descendants in text order, not descending into relations in ``stop``."""
        out, todo = [], [i]
        while todo:
            j = todo.pop()
            out.append(j)
            for k in self.kids.get(j, []):
                if not (stop and _dep_is(self.dep(k), stop)):
                    todo.append(k)
        return sorted(out)

    def ancestors(self, i: int) -> list[int]:
        out, seen = [], {i}
        h = self.head(i)
        while h is not None and h not in seen:
            out.append(h)
            seen.add(h)
            h = self.head(h)
        return out

    def prep(self, i: int) -> str:
        """The preposition or subordinator that introduces ``i`` ("à", "auprès de", "avec", "pour"),
        lower case, "" if none. Contracted articles count ("au" → "à", "aux" → "à", "du" → "de")."""
        words = []
        for k in self.children(i, "case", "mark"):
            if self.toks[k].pos not in ("ADP", "SCONJ"):
                continue
            w = self.lower(k)
            w = self.grammar.contractions.get(w, w)
            fixed = [self.lower(f) for f in self.children(k, "fixed")]
            words.append(" ".join([w, *fixed]))
        return " ".join(words)

    def in_quotation(self, k: int) -> bool:
        """Is token ``k`` inside a quotation of its sentence (an odd number of quotation marks before it)?"""
        return sum(1 for j in range(self.lo, k) if self.lower(j) in QUOTES) % 2 == 1

    def causative_passive(self, i: int) -> bool:
        """An infinitive after a reflexive "se faire": "X s'est fait agresser par Y" (X undergoes it)."""
        return (
            self.feats(i).get("VerbForm") == "Inf"
            and any(
                self.lemma(k) in self.grammar.causative
                for k in self.children(i, "dep", "aux", "aux:caus", "aux:tense")
            )
            and any(
                self.toks[k].pos == "PRON" and self.lower(k) in self.grammar.reflexive
                for k in self.children(i, "expl:comp", "expl:pass", "expl:pv", "expl", "obj", "iobj")
            )
        )

    def passive_subject(self, i: int) -> int | None:
        """The one a passive verb is done to: its passive subject ("X a été arrêté"), or the subject
        of a causative passive ("X s'est fait arrêter")."""
        k = self.child(i, "nsubj:pass")
        if k is None and self.children(i, "aux:pass") and self.is_passive(i):
            # "les partenaires seront reçus par X": the parser may call the subject of a passive
            # auxiliary a plain subject
            k = self.child(i, "nsubj")
        if k is None and self.causative_passive(i):
            k = self.child(i, "nsubj")
            if k is None:  # the parser may leave the subject unlabelled before "se faire"
                k = next(
                    (d for d in self.children(i, "dep") if d < i and self.toks[d].pos in ("NOUN", "PROPN")),
                    None,
                )
        return k

    def is_passive(self, i: int) -> bool:
        """A passive verb: "être" as a passive auxiliary (a subject tagged passive under "avoir" is
        a parse error, and a reflexive makes the verb pronominal, not passive), or "se faire" with
        an infinitive."""
        if self.lemma(i) in self.not_passive:
            return False
        if self.causative_passive(i):
            return True
        been = any(
            self.lower(k) in self.grammar.passive_participle
            for k in self.children(i, "aux:pass", "aux", "aux:tense")
        )
        if not been and (
            self.reflexive(i) is not None
            or any(
                self.toks[k].pos == "PRON" and self.lower(k) in self.grammar.reflexive
                for k in self.children(i, "expl:pass", "expl:pv", "expl")
            )
        ):
            return False  # "se sont rassemblés": pronominal, even when the parser calls "être" passive
        if self.children(i, "aux:pass"):
            return True
        if any(self.lemma(k) in self.grammar.perfect_auxiliary for k in self.children(i, "aux", "aux:tense")):
            return False
        if self.children(i, "expl:pass", "expl:comp", "expl:pv", "expl"):
            return False
        return self.feats(i).get("Voice") == "Pass" or bool(self.children(i, "nsubj:pass"))

    def reflexive(self, i: int) -> int | None:
        """The reflexive pronoun of a pronominal verb ("s'entretenir"), if any."""
        for k in self.children(i, "expl", "obj", "iobj"):
            if self.toks[k].pos == "PRON" and self.feats(k).get("Reflex") == "Yes":
                return k
        return None

    def clause(self, i: int) -> list[int]:
        """The tokens of ``i``'s own clause: its subtree without the clauses embedded in it."""
        return self.subtree(i, stop=CLAUSE_DEPS)

    def conjuncts(self, i: int) -> list[int]:
        """``i`` and the words coordinated with it ("Moscou, Damas et Téhéran")."""
        out, todo = [i], [i]
        while todo:
            j = todo.pop()
            for k in self.children(j, "conj"):
                if k not in out and self.toks[k].pos in ("NOUN", "PROPN", "PRON", "X"):
                    out.append(k)
                    todo.append(k)
        return sorted(out)

    def verb_of(self, i: int) -> int | None:
        """The nearest verb at or above ``i`` (the verb whose clause ``i`` is in)."""
        j: int | None = i
        while j is not None:
            if self.toks[j].pos in ("VERB", "AUX") and self.dep(j) not in (
                "aux",
                "aux:tense",
                "aux:pass",
                "cop",
            ):
                return j
            j = self.head(j)
        return None

    def span_text(self, first: int, last: int) -> str:
        return self.ann.text[self.toks[first].start : self.toks[last].end]


def _dep_is(dep: str, deps: tuple[str, ...]) -> bool:
    """``dep`` is one of ``deps``, or a subtype of one written without subtype ("obl" takes "obl:mod")."""
    exact, bare = _dep_sets(deps)
    return dep in exact or dep.partition(":")[0] in bare


@functools.lru_cache(maxsize=4096)
def _dep_sets(deps: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str]]:
    return frozenset(deps), frozenset(d for d in deps if ":" not in d)


def temporal_tokens(ann: Annotation, timexes: Sequence[Any] | None) -> frozenset[int]:
    """The tokens inside a temporal expression of the body (``timexes``: objects with character
    ``start`` and ``end``), for :class:`Tree` to read them as modifiers of time."""
    if not timexes:
        return frozenset()
    spans = sorted((x.start, x.end) for x in timexes)
    out: set[int] = set()
    j = 0
    for i, tok in enumerate(ann.tokens):
        while j < len(spans) and spans[j][1] <= tok.start:
            j += 1
        if j < len(spans) and spans[j][0] <= tok.start and tok.end <= spans[j][1]:
            out.add(i)
    return frozenset(out)
