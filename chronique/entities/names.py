"""Names as strings: folding, linking keys, display forms, initials.

Everything language-specific (transliteration rewrites, particles, accented capitals) comes from the
language data through :class:`~chronique.entities.gazetteer.Lexicon`; this module only applies it.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from chronique.entities.gazetteer import Lexicon

#: Typographic characters made plain, one for one (offsets of a span do not move).
_PLAIN = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "ʼ": "'",
        "`": "'",
        "´": "'",
        "“": '"',
        "”": '"',
        "«": '"',
        "»": '"',
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
        "‐": "-",
        "‑": "-",
        "–": "-",
    }
)

_WORD = re.compile(r"[^\W_]+(?:['-][^\W_]+)*", re.UNICODE)
_SPACES = re.compile(r"\s+")
_QUOTES = re.compile(r"[\"«»“”„]")


def plain(text: str) -> str:
    """Typographic apostrophes, quotes, dashes and spaces made plain; same length."""
    return text.translate(_PLAIN)


def strip_accents(text: str) -> str:
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


_CHAR_FOLD: dict[int, str] = {}


def fold_chars(text: str) -> str:
    """Accents removed character by character, so the result has the same length as ``text``
    (offsets found in it are offsets in ``text``); case is kept."""
    if text.isascii():
        return text
    for ch in set(text):
        o = ord(ch)
        if o > 127 and o not in _CHAR_FOLD:
            base = strip_accents(ch)
            _CHAR_FOLD[o] = base if len(base) == 1 else ch
    return text.translate(_CHAR_FOLD)


@functools.lru_cache(maxsize=100_000)
def fold(text: str) -> str:
    """Lower case, no accents, plain apostrophes and hyphens, single spaces: a lookup form."""
    return _SPACES.sub(" ", strip_accents(plain(text)).lower()).strip()


def words(text: str) -> list[str]:
    """The words of a name ("al-Assad" and "d'Idlib" stay one word each)."""
    return _WORD.findall(text)


def display(text: str, lex: Lexicon) -> str:
    """How a mention is shown as a name: plain apostrophes, no quotes, single spaces, and capitals
    with their accents (French typography: "Etat islamique" is written "État islamique")."""
    s = _SPACES.sub(" ", _QUOTES.sub("", plain(text))).strip(" ,;:.!?()[]'-")
    if not lex.accented_capitals:
        return s

    def accent(m: re.Match[str]) -> str:
        w = m.group(0)
        if not w[0].isupper() or w.isupper():
            return w
        fixed = lex.accented_capitals.get(w.lower())
        if fixed is None:
            return w
        return fixed[0].upper() + fixed[1:] if not w[1:].isupper() else fixed.upper()

    return re.sub(r"[^\W\d_]+", accent, s)


_KEYS: dict[tuple[str, str], str] = {}
#: Keys kept per process (names repeat across a collection; the cache is cleared when full).
KEY_CACHE = 200_000


def name_key(text: str, lex: Lexicon) -> str:
    """See :func:`_name_key`; cached per language."""
    k = (lex.code, text)
    hit = _KEYS.get(k)
    if hit is None:
        if len(_KEYS) >= KEY_CACHE:
            _KEYS.clear()
        hit = _KEYS[k] = _name_key(text, lex)
    return hit


def _name_key(text: str, lex: Lexicon) -> str:
    """The key that spelling variants and transliterations of one name share.

    Accent-folded and lower-cased; transliterated articles dropped ("al-Assad" = "el-Assad" =
    "Assad"); the rewrites of the language data applied ("gu" before e/i, "ou" → "u", "y" → "i",
    doubled letters); then vowels whose transliteration varies folded in longer words
    ("Idlib" = "Idleb"). Initials ("Donald J. Trump") and quotes do not count.
    """
    out: list[str] = []
    ws = words(fold(text))
    while len(ws) > 1 and (
        ws[0] in lex.key_drop_leading or any(ws[0] == d.rstrip("'") for d in lex.key_drop_leading)
    ):
        ws = ws[1:]
    if ws and "'" in ws[0]:
        head, _, rest = ws[0].partition("'")
        if head + "'" in lex.key_drop_leading and rest:
            ws[0] = rest
    for w in ws:
        for p in lex.key_drop_prefixes:
            if w.startswith(p) and len(w) > len(p) + 1:
                w = w[len(p) :]
                break
        if w in lex.key_drop_words:
            continue
        if len(w) == 1 and w.isalpha() and out:  # a middle initial
            continue
        w = w.replace("'", " ").replace("-", " ")
        for pattern, repl in lex.key_rewrite:
            w = pattern.sub(repl, w)
        parts = []
        for part in w.split():
            if len(part) >= lex.vowel_fold_min:
                for a, b in lex.vowel_fold:
                    part = part.replace(a, b)
            parts.append(part)
        out.extend(parts)
    return " ".join(out)


def initials(text: str, skip: frozenset[str], *, ordered: bool = False) -> str:
    """Upper-case initials of the words of an expansion, skipping function words, sorted.

    Sorted, so that an English acronym matches a French expansion ("ISSG" for "Groupe international
    de soutien à la Syrie": the same letters in another order); ``ordered`` keeps the word order.
    """
    letters = []
    for w in words(plain(text)):
        if w.lower() in skip:
            continue
        for part in re.split(r"[-']", w):
            if part and part.lower() not in skip and part.lower() + "'" not in skip:
                letters.append(strip_accents(part[0]).upper())
    return "".join(letters if ordered else sorted(letters))


def is_acronym(text: str) -> bool:
    """All capitals (and digits), two to ten characters: "OSDH", "ONU", "G20"; "EI" too."""
    t = text.strip()
    core = t[:-1] if len(t) > 2 and t.endswith("s") else t
    return 2 <= len(core) <= 10 and core.isupper() and any(c.isalpha() for c in core) and " " not in core
