"""One article as the entities stage reads it: its body in three aligned forms and its annotation.

``text`` is ``Article.body``; ``plain`` the same with typographic apostrophes, quotes and spaces made
plain; ``folded`` the same again without accents (case kept). All three have the same length, so an
offset found in any of them is an offset in the body.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from chronique.entities.gazetteer import Lexicon
from chronique.entities.names import fold_chars, plain
from chronique.models import Article
from chronique.stages.annotate import Annotation

#: Punctuation that is never part of a name at its edges.
EDGE = " \t\n\r,;:.!?\"'()[]{}«»“”-–—/*#•·|…"


@dataclass(slots=True)
class Span:
    """A candidate mention while an article is read (offsets in the body).

    ``priority`` settles overlaps: spans found by chronique's rules (titles, roles, the lexicon,
    acronyms) win over the model's; then the longer span wins.
    """

    start: int
    end: int
    label: str
    source: str = "ner"
    title: str = ""
    priority: int = 1
    entry_kind: str = ""  # country | seat | igo | org (lexicon) or ""
    entry_value: str = ""
    acronym_of: Span | None = field(default=None, repr=False)

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def inside(self, start: int, end: int) -> bool:
        return start <= self.start and self.end <= end


class Doc:
    """An article's body, annotation and language data, with the lookups the stage needs."""

    def __init__(self, article: Article, ann: Annotation, lex: Lexicon, lang: str) -> None:
        self.id = article.id
        self.ann = ann
        self.lex = lex
        self.text = ann.text
        self.plain = plain(self.text)
        self.folded = fold_chars(self.plain)
        main = article.lang or lang
        self.foreign = [(p.start, p.end) for p in article.paragraphs if p.lang and p.lang != main]
        self.paragraph_starts = {p.start for p in article.paragraphs}

    def is_foreign(self, offset: int) -> bool:
        return any(a <= offset < b for a, b in self.foreign)

    def sentence(self, offset: int) -> int:
        s = self.ann.sentence_at(offset)
        if s is not None:
            return s
        for i in range(len(self.ann.sentences) - 1, -1, -1):
            if self.ann.sentences[i].start <= offset:
                return i
        return 0

    def tokens(self, start: int, end: int) -> range:
        """Indices of the tokens inside [start, end)."""
        i = self.ann.token_at(start)
        if i is None:
            return range(0)
        j = i
        toks = self.ann.tokens
        while j < len(toks) and toks[j].start < end:
            j += 1
        return range(i, j)

    def head(self, start: int, end: int) -> int | None:
        """The token of [start, end) whose head lies outside it (the span's syntactic head)."""
        rng = self.tokens(start, end)
        for i in rng:
            h = self.ann.tokens[i].head
            if h == i or h not in rng:
                return i
        return rng[0] if rng else None

    def word_before(self, offset: int, skip_pos: tuple[str, ...] = ("DET",)) -> int | None:
        """Index of the token before ``offset`` in the same sentence, passing over ``skip_pos``."""
        i = self.ann.token_at(offset)
        if i is None:
            return None
        s = self.sentence(offset)
        lo = self.ann.sentences[s].first if self.ann.sentences else 0
        k = i - 1
        while k >= lo and self.ann.tokens[k].pos in skip_pos:
            k -= 1
        return k if k >= lo else None

    def at_paragraph_start(self, offset: int) -> bool:
        k = offset
        while k > 0 and self.plain[k - 1] in " \"'(«":
            k -= 1
        return k in self.paragraph_starts or k == 0 or self.plain[k - 1] == "\n"

    def sentence_start(self, offset: int) -> bool:
        s = self.sentence(offset)
        if not self.ann.sentences:
            return offset == 0
        return not self.plain[self.ann.sentences[s].start : offset].strip(" \"'(«-—–")
