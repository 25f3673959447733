"""The French time data: complete, compiled, consistent with what the engine reads."""

from __future__ import annotations

import pytest

from chronique import lang
from chronique.errors import LanguageDataError
from chronique.time import grammar
from chronique.time.tagger import HANDLERS
from chronique.time.tense import CueModel

#: Lexicon sections the resolver looks words up in.
SECTIONS = {
    "months", "month_abbreviations", "weekdays", "weekdays_plural", "numbers", "tens", "hundreds",
    "approximate_numbers", "fractions", "half", "vague_quantities", "units", "calendar_units",
    "duration_nouns", "parts_of_day", "seasons", "positions", "relatives", "this", "this_suffixes",
    "relatives_plural", "deixis", "refs", "offset_directions", "approximators", "set_quantifiers",
    "set_units", "set_adjectives", "ordinals", "period_parts", "clock_words", "hour_parts_of_day",
    "minute_words", "decade_words", "holidays", "holidays_capitalised", "duration_heads",
    "ambiguous_durations",
}  # fmt: skip
#: Contexts the resolver (not the rules) asks for by name.
CONTEXTS = {
    "age_left", "age_group_left", "apposition_left", "apposition_right", "de_left", "de_measured_right",
    "clock_left", "clock_range_left", "clock_range_right", "duration_left", "clock_approx_left",
    "of_right", "range_between", "range_opener", "duration_preposition_left",
}  # fmt: skip


def test_french_grammar_compiles_and_is_complete() -> None:
    g = grammar.load("fr")
    assert set(g.lexicon) >= SECTIONS
    assert set(g.contexts) >= CONTEXTS
    assert {r.kind for r in g.rules} <= set(HANDLERS)
    assert len({r.id for r in g.rules}) == len(g.rules), "rule ids must be unique"
    for value in g.lexicon["ambiguous_durations"].values():
        assert value in g.contexts
    CueModel(g.tense, "fr")


def test_lookup_folds_case_accents_apostrophes_and_hyphens() -> None:
    g = grammar.load("fr")
    assert g.lookup("months", "Aout") == 8
    assert g.lookup("deixis", "aujourd’hui") == [0, "document"]
    assert g.lookup("parts_of_day", "apres midi") == "AF"


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("trois", 3),
        ("dix-huit", 18),
        ("vingt et un", 21),
        ("soixante-dix-huit", 78),
        ("quatre-vingt-dix", 90),
        ("30,4", 30.4),
    ],
)
def test_numbers(words: str, value: float) -> None:
    assert grammar.load("fr").number(words) == value


def test_every_rule_compiles_alone() -> None:
    for r in grammar.load("fr").rules:
        assert r.regex.pattern


def test_unknown_macro_is_a_clear_error() -> None:
    with pytest.raises(LanguageDataError, match="unknown macro"):
        grammar._expand("%NOPE", {}, "test")


def test_rules_file_declares_only_known_kinds() -> None:
    rules = lang.load("fr", "time_rules.yaml")["rules"]
    assert {r["kind"] for r in rules} <= grammar.KINDS
