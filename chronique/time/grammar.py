"""A language's temporal grammar: its lexicon, context patterns and rules, compiled once.

The data lives in ``chronique/lang/<code>/time.yaml`` (lexicon, contexts, tense cues) and
``time_rules.yaml`` (macros and rules). This module knows no language: it turns each lexicon section
into a lookup table and a regex macro (``%MONTHS`` for section ``months``), expands the macros in
the rules, and compiles

* one regex per rule, indexed by the characters a match can start with, and
* one trigger regex (a trie of the words every expression contains), so that the scan tries the
  rules only at word starts near a trigger word and, there, only the rules that can start with
  the character found.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from chronique import lang
from chronique.errors import LanguageDataError

try:  # CPython's regex parser, to index rules by their first character (an optimisation only)
    import re._constants as sre_c
    import re._parser as sre_parse
except ImportError:  # pragma: no cover - other interpreters: every rule is tried everywhere
    sre_c = sre_parse = None
try:  # how CPython's regex engine folds case, to index rules by their first characters
    from _sre import unicode_tolower as _tolower
    from re._casefix import _EXTRA_CASES as _CASE_FIXES
except ImportError:  # pragma: no cover - other interpreters: rules indexed by one character only
    _CASE_FIXES = _tolower = None

#: Kinds of rules the resolver knows (chronique/time/resolve.py).
KINDS = frozenset(
    {
        "date",
        "range",
        "year",
        "decade",
        "century",
        "season",
        "part",
        "relunit",
        "offset",
        "deixis",
        "pod",
        "clock",
        "duration",
        "set",
        "ref",
    }
)
#: Filter keys a rule may use.
FILTER_KEYS = frozenset(
    {"reject_left", "reject_right", "require_left", "require_right", "unless", "lowercase"}
)
#: Timex types a rule may force with ``type:``.
TYPES = frozenset({"DATE", "TIME", "DURATION", "SET"})
#: Sections whose keys are composed into numbers rather than used as a macro of their own.
_NUMBER_SECTIONS = ("numbers", "tens", "hundreds")

#: Where a match may start and end: not inside a word, a hyphenated word or a number.
_LEFT = r"(?<![\w\-])(?<![0-9][.,/])"
_RIGHT = r"(?!\w)(?![.,/][0-9])"
_GROUP = re.compile(r"\(\?P<([A-Za-z_][A-Za-z0-9_]*)>")
_MACRO = re.compile(r"%([A-Z][A-Z0-9_]*)")
_FLAGS = re.IGNORECASE | re.UNICODE


def fold(s: str) -> str:
    """Lookup key: lower case, plain apostrophe, hyphens as spaces, single spaces."""
    s = s.lower().replace("’", "'").replace("ʼ", "'").replace("-", " ").replace("\u00a0", " ")
    return " ".join(s.split())


def strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


def trie_regex(words: set[str]) -> str:
    """One regex matching any of ``words``, factored as a trie (the regex engine does not factor
    alternations itself, and a trie tests each character once)."""
    root: dict[str, Any] = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root)


def _alternation(keys: list[str]) -> str:
    """A regex matching any key, longest first; spaces match any white space, apostrophes both
    forms, hyphens a hyphen, a space or nothing; an accentless spelling matches too."""
    variants = set()
    for k in keys:
        variants.add(k)
        variants.add(strip_accents(k))
    parts = []
    for k in sorted(variants, key=lambda v: (-len(v), v)):
        out = []
        for n, ch in enumerate(k):
            if ch == "-" and n == 0 and len(k) > 1 and not k.endswith("-"):
                out.append("-")  # a suffix ("-ci", "-là") keeps its hyphen
            elif ch == " ":
                out.append(r"\s+")
            elif ch in "'’":
                out.append("['’]")
            elif ch == "-":
                out.append(r"[-\s]?")
            else:
                out.append(re.escape(ch))
        parts.append("".join(out))
    return "(?:" + "|".join(parts) + ")"


#: In a first-character set: the rule may start with any character.
ANY = "\x00any"


def first_chars(pattern: str) -> set[str]:
    """The lower-case characters a match of ``pattern`` can start with (``ANY`` when unbounded).

    Computed on the parsed regex (lookarounds are zero-width, optional parts let the next part
    through), so the scan can skip the rules that cannot start at a given character.
    """

    def seq(items: Any) -> tuple[set[str], bool]:
        out: set[str] = set()
        for op, av in items:
            f, nullable = item(op, av)
            out |= f
            if not nullable:
                return out, False
        return out, True

    def item(op: Any, av: Any) -> tuple[set[str], bool]:
        if op is sre_c.LITERAL:
            return {chr(av).lower()}, False
        if op is sre_c.IN:
            chars: set[str] = set()
            for o, a in av:
                if o is sre_c.LITERAL:
                    chars.add(chr(a).lower())
                elif o is sre_c.RANGE and a[1] - a[0] < 300:
                    chars.update(chr(c).lower() for c in range(a[0], a[1] + 1))
                elif o is sre_c.CATEGORY and a is sre_c.CATEGORY_DIGIT:
                    chars.update("0123456789")
                else:
                    return {ANY}, False
            return chars, False
        if op is sre_c.BRANCH:
            out: set[str] = set()
            nullable = False
            for alt in av[1]:
                f, n = seq(alt)
                out |= f
                nullable = nullable or n
            return out, nullable
        if op is sre_c.SUBPATTERN:
            return seq(av[3])
        if op is sre_c.ATOMIC_GROUP:
            return seq(av)
        if op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, sre_c.POSSESSIVE_REPEAT):
            f, n = seq(av[2])
            return f, av[0] == 0 or n
        if op in (sre_c.AT, sre_c.ASSERT, sre_c.ASSERT_NOT):
            return set(), True
        return {ANY}, False

    if sre_parse is None:
        return {ANY}
    chars, nullable = seq(sre_parse.parse(pattern, _FLAGS))
    return {ANY} if nullable else chars


#: How many characters the scan looks at to choose the rules to try (``Grammar.candidates``).
PREFIX_LEN = 4
_SPACES = frozenset(chr(c) for c in range(0x10000) if chr(c).isspace())
#: A prefix: per position, the (case-folded) characters a match can have there, ``None`` for any.
Prefix = tuple[frozenset[str] | None, ...]


def _folded(code: int) -> set[str]:
    """The characters whose case-folded form matches ``code`` under ``re.IGNORECASE`` (folded)."""
    lo = _tolower(code)
    return {chr(lo), *(chr(k) for k in _CASE_FIXES.get(lo, ()))}


def prefixes(pattern: str, k: int = PREFIX_LEN) -> set[Prefix] | None:
    """Prefixes (up to ``k`` characters) that every match of ``pattern`` begins with one of.

    Each position holds the set of case-folded characters (``_sre.unicode_tolower``, as the regex
    engine compares under ``re.IGNORECASE``) a match can have there, or ``None`` (any); a prefix
    shorter than ``k`` lets any characters follow. Lookarounds and anchors are zero-width and
    ignored, back-references end the prefix: the sets may be too wide, never too narrow. ``None``
    when the regex internals are unavailable.
    """
    if sre_parse is None or _tolower is None:
        return None
    # (prefix, open): open when the characters after the prefix are unknown
    Walk = set[tuple[Prefix, bool]]

    def cls(op: Any, av: Any) -> frozenset[str] | None:
        if op is sre_c.LITERAL:
            return frozenset(_folded(av))
        if op is not sre_c.IN:
            return None
        chars: set[str] = set()
        for o, a in av:
            if o is sre_c.LITERAL:
                chars |= _folded(a)
            elif o is sre_c.RANGE and a[1] - a[0] < 300:
                for c in range(a[0], a[1] + 1):
                    chars |= _folded(c)
            elif o is sre_c.CATEGORY and a is sre_c.CATEGORY_SPACE:
                chars |= _SPACES
            else:
                return None
        return frozenset(chars)

    def cat(first: Walk, rest: Callable[[int], Walk], k: int) -> Walk:
        out: Walk = set()
        for t, is_open in first:
            if is_open or len(t) >= k:
                out.add((t[:k], True))
                continue
            for u, u_open in rest(k - len(t)):
                tu = t + u
                out.add((tu[:k], u_open or len(tu) > k))
        return out

    def seq(items: list[Any], k: int) -> Walk:
        if k <= 0:
            return {((), True)}
        if not items:
            return {((), False)}
        op, av = items[0]
        return cat(item(op, av, k), lambda kk: seq(items[1:], kk), k)

    def item(op: Any, av: Any, k: int) -> Walk:
        if op in (sre_c.LITERAL, sre_c.IN, sre_c.ANY, sre_c.NOT_LITERAL):
            return {((cls(op, av),), False)}
        if op is sre_c.BRANCH:
            out: Walk = set()
            for alt in av[1]:
                out |= seq(list(alt), k)
            return out
        if op is sre_c.SUBPATTERN:
            return seq(list(av[3]), k)
        if op is sre_c.ATOMIC_GROUP:
            return seq(list(av), k)
        if op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, sre_c.POSSESSIVE_REPEAT):
            lo, hi, sub = av
            states: Walk = {((), False)}
            res: Walk = set()
            n = 0
            while True:
                if n >= lo:
                    res |= states
                if n == hi:
                    break
                if n > lo + k:  # every state is k long (or open) by now
                    res |= {(t, True) for t, _ in states}
                    break
                states = cat(states, lambda kk: seq(list(sub), kk), k)
                n += 1
            return res
        if op in (sre_c.AT, sre_c.ASSERT, sre_c.ASSERT_NOT):
            return {((), False)}
        return {((), True)}  # back-references and the like: anything may follow

    return {t for t, _ in seq(list(sre_parse.parse(pattern, _FLAGS)), k)}


@dataclass(frozen=True)
class Rule:
    index: int
    id: str
    kind: str
    pattern: str  # expanded
    regex: re.Pattern[str]
    groups: tuple[str, ...]
    filters: Mapping[str, tuple[str, ...]]
    type: str = ""  # forced timex type, "" to let the kind decide


@dataclass
class Grammar:
    lang: str
    lexicon: dict[str, dict[str, Any]]
    contexts: dict[str, re.Pattern[str]]
    tense: dict[str, Any]
    rules: list[Rule]
    #: The rules that can start with a (lower-case) character, in priority order; ``others`` for
    #: any character not listed.
    by_char: dict[str, tuple[Rule, ...]] = field(default_factory=dict)
    others: tuple[Rule, ...] = ()
    #: Words one of which every expression contains (digits, month names, units ...): the scan
    #: only tries the rules near them.
    triggers: re.Pattern[str] = field(default_factory=lambda: re.compile(r"[0-9]"))
    #: How far before a trigger word an expression may start, in characters.
    reach: int = 60
    number_keys: list[tuple[str, float]] = field(default_factory=list)
    joiners: re.Pattern[str] = field(default_factory=lambda: re.compile(r"[-\s]+"))
    #: Per rule index, its prefixes (:func:`prefixes`) by folded first character (``None``: a
    #: first position that takes any character); a rule absent has no usable prefixes.
    heads: dict[int, dict[str | None, list[Prefix]]] = field(default_factory=dict)
    _candidates: dict[str, tuple[Rule, ...]] = field(default_factory=dict, repr=False)
    #: Per key shorter than ``PREFIX_LEN``: the rules still possible and their prefixes still
    #: possible (an empty tuple for a rule without usable prefixes: never ruled out).
    _survivors: dict[str, tuple[tuple[Rule, tuple[Prefix, ...]], ...]] = field(
        default_factory=dict, repr=False
    )

    def candidates(self, key: str) -> tuple[Rule, ...]:
        """The rules, in priority order, that may match where the text continues with ``key``
        (its next ``PREFIX_LEN`` characters, fewer at the end): those ``by_char`` lists for the
        first character whose prefixes allow the others. Memoised per key."""
        rules = self._candidates.get(key)
        if rules is None:
            if len(self._candidates) > 200_000:  # a bound on memory, never reached on news text
                self._candidates.clear()
                self._survivors.clear()
            rules = self._candidates[key] = tuple(r for r, _ in self._survive(key))
        return rules

    def _survive(self, key: str) -> tuple[tuple[Rule, tuple[Prefix, ...]], ...]:
        if len(key) < PREFIX_LEN:
            got = self._survivors.get(key)
            if got is not None:
                return got
        out: list[tuple[Rule, tuple[Prefix, ...]]] = []
        if len(key) <= 1:
            bucket = self.by_char.get(key.lower(), self.others) if key else ()
            c = chr(_tolower(ord(key))) if key and _tolower is not None else None
            for rule in bucket:
                heads = self.heads.get(rule.index)
                if heads is None or c is None:
                    out.append((rule, ()))
                elif ps := (*heads.get(c, ()), *heads.get(None, ())):
                    out.append((rule, ps))
        else:
            j = len(key) - 1
            c = chr(_tolower(ord(key[j]))) if _tolower is not None else ""
            for rule, ps in self._survive(key[:j]):
                if not ps:
                    out.append((rule, ps))
                elif kept := tuple(t for t in ps if len(t) <= j or (tj := t[j]) is None or c in tj):
                    out.append((rule, kept))
        got = tuple(out)
        if len(key) < PREFIX_LEN:
            self._survivors[key] = got
        return got

    def lookup(self, section: str, text: str) -> Any:
        """The value of ``text`` in a lexicon section (case, accents, apostrophes and hyphens folded)."""
        table = self.lexicon[section]
        key = fold(text)
        if key in table:
            return table[key]
        return table.get(strip_accents(key))

    def number(self, text: str) -> float | None:
        """A cardinal number written in digits ("30,4") or words ("quatre-vingt-dix")."""
        t = text.strip()
        if t and t[0].isdigit():
            try:
                return float(t.replace(",", ".").replace(" ", ""))
            except ValueError:
                return None
        s = strip_accents(fold(t))
        total, i = 0.0, 0
        while i < len(s):
            j = self.joiners.match(s, i)
            if j and j.end() > i:
                i = j.end()
                continue
            for key, value in self.number_keys:
                if s.startswith(key, i) and (i + len(key) == len(s) or not s[i + len(key)].isalpha()):
                    total += value
                    i += len(key)
                    break
            else:
                return None
        return total if total else None

    def context(self, name: str) -> re.Pattern[str]:
        try:
            return self.contexts[name]
        except KeyError:
            raise LanguageDataError(
                f"time_rules.yaml ({self.lang}) uses an unknown context {name!r}"
            ) from None


def _table(section: str, raw: Any, code: str) -> dict[str, Any]:
    if isinstance(raw, list):
        raw = dict.fromkeys(raw, True)
    if not isinstance(raw, dict):
        raise LanguageDataError(
            f"chronique/lang/{code}/time.yaml: lexicon section {section!r} must be a mapping"
        )
    table: dict[str, Any] = {}
    for k, v in raw.items():
        key = fold(str(k))
        table.setdefault(key, v)
        table.setdefault(strip_accents(key), v)
    return table


def _expand(pattern: str, macros: Mapping[str, str], where: str) -> str:
    for _ in range(10):
        if "%" not in pattern:
            return pattern

        def sub(m: re.Match[str]) -> str:
            name = m.group(1)
            if name not in macros:
                raise LanguageDataError(f"{where}: unknown macro %{name}")
            return macros[name]

        new = _MACRO.sub(sub, pattern)
        if new == pattern:
            return new
        pattern = new
    raise LanguageDataError(f"{where}: macros nest too deep")


def _compile(src: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(src, _FLAGS)
    except re.error as exc:
        raise LanguageDataError(f"{where}: bad pattern: {exc}") from exc


@functools.cache
def load(code: str = "fr") -> Grammar:
    """The compiled grammar of language ``code`` (cached per process)."""
    data = lang.load(code, "time.yaml")
    rules_data = lang.load(code, "time_rules.yaml")
    lex_raw = data.get("lexicon") or {}
    case_sensitive = set(data.get("case_sensitive") or [])
    lexicon = {name: _table(name, raw, code) for name, raw in lex_raw.items()}

    macros: dict[str, str] = {}
    for name, raw in lex_raw.items():
        if name in _NUMBER_SECTIONS or name == "number_joiners":
            continue
        alt = _alternation([str(k) for k in raw])
        macros[name.upper()] = f"(?-i:{alt})" if name in case_sensitive else alt
    units = _alternation([str(k) for k in lex_raw.get("numbers", {})])
    tens = _alternation([str(k) for k in lex_raw.get("tens", {})])
    hundreds = _alternation([str(k) for k in lex_raw.get("hundreds", {})])
    joiners = _alternation([str(k) for k in lex_raw.get("number_joiners", {"-": 0})])
    macros["NUMBER_WORDS"] = f"(?:{tens}(?:{joiners}{units})?|{hundreds}|{units})"
    macros["NUMBER"] = r"(?:[0-9]+(?:[.,][0-9]+)?(?![0-9])|%NUMBER_WORDS)"
    for name, pat in (rules_data.get("macros") or {}).items():
        macros[str(name)] = str(pat)

    contexts: dict[str, re.Pattern[str]] = {}
    for name, pat in (data.get("contexts") or {}).items():
        contexts[name] = _compile(str(pat), f"chronique/lang/{code}/time.yaml context {name!r}")

    rules: list[Rule] = []
    firsts: list[set[str]] = []
    for i, r in enumerate(rules_data.get("rules") or []):
        rid = str(r.get("id", f"rule{i}"))
        where = f"chronique/lang/{code}/time_rules.yaml rule {rid!r}"
        kind = str(r.get("kind", ""))
        if kind not in KINDS:
            raise LanguageDataError(f"{where}: unknown kind {kind!r} (known: {', '.join(sorted(KINDS))})")
        filters = r.get("filters") or {}
        unknown = set(filters) - FILTER_KEYS
        if unknown:
            raise LanguageDataError(f"{where}: unknown filter(s) {', '.join(sorted(unknown))}")
        for key in ("reject_left", "reject_right", "require_left", "require_right"):
            for name in filters.get(key, []):
                if name not in contexts:
                    raise LanguageDataError(f"{where}: unknown context {name!r}")
        rtype = str(r.get("type", ""))
        if rtype and rtype not in TYPES:
            raise LanguageDataError(f"{where}: unknown type {rtype!r}")
        pattern = _expand(str(r["pattern"]), macros, where)
        groups = tuple(dict.fromkeys(_GROUP.findall(pattern)))
        regex = _compile(f"{_LEFT}(?:{pattern}){_RIGHT}", where)
        firsts.append(first_chars(pattern))
        rules.append(
            Rule(i, rid, kind, pattern, regex, groups, {k: tuple(v) for k, v in filters.items()}, rtype)
        )
    others = tuple(r for r, f in zip(rules, firsts, strict=True) if ANY in f)
    chars = set().union(*firsts) - {ANY} if firsts else set()
    by_char = {c: tuple(r for r, f in zip(rules, firsts, strict=True) if c in f or ANY in f) for c in chars}

    number_keys: list[tuple[str, float]] = []
    for section in _NUMBER_SECTIONS:
        for k, v in (lex_raw.get(section) or {}).items():
            number_keys.append((strip_accents(fold(str(k))), float(v)))
    number_keys.sort(key=lambda kv: -len(kv[0]))
    words: set[str] = set()
    for section in rules_data.get("scan_triggers") or []:
        if section not in lex_raw:
            raise LanguageDataError(
                f"chronique/lang/{code}/time_rules.yaml: scan_triggers names unknown section {section!r}"
            )
        for k in lex_raw[section]:
            # the longest word of a key is enough ("veille" for "la veille", "jour" for "ce jour-là")
            w = max(re.split(r"[\s'’-]+", str(k).lower()), key=len)
            if len(w) >= 2:
                words.update((w, strip_accents(w)))
    triggers = re.compile(r"[0-9]|(?<!\w)" + trie_regex(words) + r"s?(?!\w)", _FLAGS)
    joiner_keys = [fold(str(k)) for k in lex_raw.get("number_joiners", {})]
    joiner_rx = re.compile(
        "|".join(sorted((re.escape(k) for k in joiner_keys if k), key=len, reverse=True)) + r"|\s+"
    )

    heads: dict[int, dict[str | None, list[Prefix]]] = {}
    for rule in rules:
        ps = prefixes(rule.pattern)
        if ps is None or () in ps:
            continue
        by_first: dict[str | None, list[Prefix]] = {}
        for t in ps:
            for c in t[0] if t[0] is not None else (None,):
                by_first.setdefault(c, []).append(t)
        heads[rule.index] = by_first

    return Grammar(
        lang=code,
        lexicon=lexicon,
        contexts=contexts,
        tense=dict(data.get("tense") or {}),
        rules=rules,
        by_char=by_char,
        others=others,
        number_keys=number_keys,
        joiners=joiner_rx,
        triggers=triggers,
        reach=int(rules_data.get("scan_reach", 60)),
        heads=heads,
    )
