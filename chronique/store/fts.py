"""Full-text search terms: words stemmed with Snowball, then accents folded.

SQLite's FTS5 folds accents but does not stem, so chronique stems before indexing and before
querying: "négociations", "négocier" and "negociation" all meet on ``negoci``.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import Stemmer

_WORD = re.compile(r"\w+", re.UNICODE)
#: Snowball language names for the language codes chronique knows.
_SNOWBALL = {
    "fr": "french",
    "en": "english",
    "de": "german",
    "es": "spanish",
    "it": "italian",
    "pt": "portuguese",
}


@functools.lru_cache(maxsize=8)
def _stemmer(lang: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(_SNOWBALL.get(lang, "french"))


def _fold(word: str) -> str:
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode()


def terms(text: str, lang: str = "fr") -> list[str]:
    """The index terms of a text: lower-cased words, stemmed, accents folded."""
    words = [w.lower() for w in _WORD.findall(text.replace("’", "'"))]
    return [_fold(s) for s in _stemmer(lang).stemWords(words)]


def index_text(text: str, lang: str = "fr") -> str:
    """The index terms of a text joined by spaces (the same as :func:`terms`, folded in one pass)."""
    words = [w.lower() for w in _WORD.findall(text.replace("’", "'"))]
    return _fold(" ".join(_stemmer(lang).stemWords(words)))


def match_query(query: str, lang: str = "fr") -> str:
    """Turn a user query into an FTS5 MATCH expression.

    Words are ANDed; ``"quoted words"`` form a phrase; ``OR`` between words is kept; a leading
    ``-`` excludes a word. Everything is stemmed like the index, so the user never writes FTS syntax.
    """
    out: list[str] = []
    for m in re.finditer(r'(-?)"([^"]+)"|(\S+)', query):
        neg, phrase, word = m.group(1), m.group(2), m.group(3)
        if word == "OR":
            if out and out[-1] != "OR":
                out.append("OR")
            continue
        if word and word.startswith("-"):
            neg, word = "-", word[1:]
        ts = terms(phrase or word or "", lang)
        if not ts:
            continue
        expr = '"' + " ".join(ts) + '"'
        out.append(f"NOT {expr}" if neg else expr)
    while out and out[-1] == "OR":
        out.pop()
    if out and out[0].startswith("NOT "):
        raise ValueError("a query cannot start with an excluded word; put a word to search for first")
    return " ".join(out)
