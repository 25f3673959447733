"""Countries in an article's context, and capitals read as governments (metonymy).

"Moscou a rejeté", "Washington a garanti à Moscou", "le régime de Damas", "avec Moscou": the capital
stands for the government. "à Moscou", "la région de Damas", "Moscou :" opening a dispatch: it is the
place. The decision reads the dependency parse and the words around the mention through the cues of
the language data (``metonymy`` in ``lang/<code>/entities.yaml``).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable

from chronique.entities.doc import Doc
from chronique.entities.gazetteer import Seat, load
from chronique.entities.names import fold, strip_accents
from chronique.entities.records import Mention

#: A country dominates an article when it has at least this share of the article's country
#: mentions, ...
DOMINANT_SHARE = 0.25
#: ... at least this many of them, ...
DOMINANT_MIN = 2
#: ... and this many times as many as the next country.
DOMINANT_LEAD = 1.5
#: Sectors whose explicit country tells the country of a conflict.
CONFLICT_SECTORS = frozenset({"GOV", "REB", "OPP"})

#: How far up the dependency tree to look for the verb that governs a mention.
MAX_CLIMB = 4


def country_counts(mentions: Iterable[Mention]) -> Counter[str]:
    """How often each country is named or implied (a country, a demonym, a capital, a place)."""
    c: Counter[str] = Counter()
    for m in mentions:
        if m.country and m.kind in ("name", "demonym", "metonymy", "acronym") and m.label != "PER":
            c[m.country] += 1
    return c


def weights(counts: Counter[str]) -> dict[str, float]:
    total = sum(counts.values())
    return {k: v / total for k, v in counts.items()} if total else {}


def dominant(counts: Counter[str]) -> str:
    """The article's main country, if one clearly dominates its country mentions."""
    if not counts:
        return ""
    ranked = [*counts.most_common(2), ("", 0)]
    (top, n), (_, second) = ranked[0], ranked[1]
    total = sum(counts.values())
    if n >= DOMINANT_MIN and n / total >= DOMINANT_SHARE and n >= DOMINANT_LEAD * second:
        return top
    return ""


def conflict_country(groups: Iterable[tuple[str, str]], counts: Counter[str]) -> str:
    """The country "les rebelles", "le régime", "l'opposition" belong to when the text does not say:
    the one the article's explicit descriptions of governments, rebels and opposition name most
    ("le régime syrien", "l'opposition syrienne"), else the country that dominates its mentions.
    Foreign armies do not vote ("l'aviation russe" intervenes in another country's war)."""
    votes: Counter[str] = Counter(c for c, sector in groups if c and sector in CONFLICT_SECTORS)
    if votes:
        ranked = [*votes.most_common(2), ("", 0)]
        if ranked[0][1] > ranked[1][1]:
            return ranked[0][0]
    return dominant(counts)


def _governing_verb(doc: Doc, i: int) -> int | None:
    toks = doc.ann.tokens
    for _ in range(MAX_CLIMB):
        if toks[i].pos in ("VERB", "AUX"):
            return i
        h = toks[i].head
        if h == i:
            return None
        i = h
    return i if toks[i].pos in ("VERB", "AUX") else None


def diplomatic(doc: Doc, m: Mention, others: Iterable[Mention], actor_sentences: set[int]) -> bool:
    """Is the sentence of ``m`` about actors: an actor verb governs it, another country or actor is
    named or described in the sentence (``actor_sentences``), or a diplomatic noun occurs in it?"""
    cues = doc.lex.metonymy
    sents = context_sentences(doc, m.sentence)
    if sents & actor_sentences:
        return True
    verbs = cues.get("actor_verbs", frozenset())
    h = doc.head(m.start, m.end)
    v = _governing_verb(doc, h) if h is not None else None
    if v is None:  # a fragmentary parse: the first verb of the sentence (and of the next, see above)
        v = next((i for s in sorted(sents) for i in _range(doc, s) if doc.ann.tokens[i].pos == "VERB"), None)
    if v is not None and doc.ann.tokens[v].lemma.lower() in verbs:
        return True
    for o in others:
        if o is not m and o.sentence in sents and (o.country or o.org) and o.label != "PER":
            return True
    nouns = cues.get("diplomatic_nouns", frozenset())
    for s in sents:
        for i in _range(doc, s):
            t = doc.ann.tokens[i]
            if t.lemma.lower() in nouns or doc.plain[t.start : t.end].lower() in nouns:
                return True
    return False


def _range(doc: Doc, s: int) -> range:
    if not doc.ann.sentences:
        return range(len(doc.ann.tokens))
    sent = doc.ann.sentences[s]
    return range(sent.first, sent.last)


def context_sentences(doc: Doc, s: int) -> set[int]:
    """The sentence, and the next one of the same paragraph when the sentence has no verb: the
    model's parser sometimes cuts a sentence after its subject ("Washington" | "a jugé que ...")."""
    out = {s}
    sents = doc.ann.sentences
    same_paragraph = s + 1 < len(sents) and sents[s + 1].paragraph == sents[s].paragraph
    if same_paragraph and not any(doc.ann.tokens[i].pos in ("VERB", "AUX") for i in _range(doc, s)):
        out.add(s + 1)
    return out


def acts(
    doc: Doc,
    m: Mention,
    seat: Seat,
    others: list[Mention],
    decided: dict[int, bool],
    actor_sentences: set[int],
) -> bool:
    """Does this capital or seat of power stand for a government here (rather than a place)?

    ``decided`` maps the end offset of the capitals already read to their reading, so that a list
    ("Moscou, Damas et Téhéran") takes the reading of its first member.
    """
    cues = doc.lex.metonymy
    t = doc.plain
    if doc.at_paragraph_start(m.start) and t[m.end : m.end + 3].strip()[:1] in cues.get("dateline_marks", ()):
        return False  # "Moscou : ..." opening a dispatch
    k = doc.word_before(m.start)
    prev = doc.plain[doc.ann.tokens[k].start : doc.ann.tokens[k].end].lower() if k is not None else ""
    if prev in (",", "et", "ou") and k is not None:
        j = k
        while j >= 0 and doc.ann.tokens[j].pos in ("DET", "PUNCT", "CCONJ"):
            j -= 1
        if j >= 0:
            for end, reading in decided.items():
                if doc.ann.tokens[j].start < end <= doc.ann.tokens[j].end:
                    return reading
    if prev in cues.get("locative_prepositions", frozenset()):
        if prev in ("à", "au", "aux"):
            h = doc.head(m.start, m.end)
            v = _governing_verb(doc, h) if h is not None else None
            return v is not None and doc.ann.tokens[v].lemma.lower() in cues.get("dative_verbs", frozenset())
        return False
    if prev in ("de", "du", "des", "d'"):
        n = doc.word_before(doc.ann.tokens[k].start) if k is not None else None
        if n is None:
            return False
        noun = doc.ann.tokens[n]
        return noun.lemma.lower() in cues.get("political_heads", frozenset()) or t[
            noun.start : noun.end
        ].lower() in cues.get("political_heads", frozenset())
    if prev in cues.get("agent_prepositions", frozenset()):
        return seat.kind == "seat" or diplomatic(doc, m, others, actor_sentences)
    if seat.kind == "seat":
        return True
    return diplomatic(doc, m, others, actor_sentences)


@functools.cache
def _place_patterns(lang: str) -> tuple[re.Pattern[str], ...]:
    from chronique.errors import LanguageDataError

    lex = load(lang)
    countries = "|".join(re.escape(c) for c in sorted(lex.countries, key=len, reverse=True))
    dems = "|".join(re.escape(d) for d in sorted({fold(d) for d in lex.demonyms}, key=len, reverse=True))
    out = []
    for src in lex.place_in_country:
        pat = (
            strip_accents(src)
            .replace("{COUNTRY}", f"(?P<country>{countries})")
            .replace("{DEM}", f"(?P<dem>{dems})")
        )
        try:
            out.append(re.compile(pat, re.IGNORECASE))
        except re.error as exc:
            raise LanguageDataError(
                f"lang/{lang}/entities_places.yaml: bad place_in_country {src!r}: {exc}"
            ) from exc
    return tuple(out)


def stated_country(doc: Doc, m: Mention) -> str:
    """The country the text gives a place right after naming it ("Ballybricken, en Irlande")."""
    lex = doc.lex
    window = doc.folded[m.end : m.end + 60]
    for rx in _place_patterns(lex.code):
        hit = rx.match(window)
        if hit:
            groups = hit.groupdict()
            if groups.get("country"):
                return lex.countries.get(fold(groups["country"]), "")
            if groups.get("dem"):
                return lex.demonyms.get(fold(groups["dem"]), "")
    return ""
