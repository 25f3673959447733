"""Name keys, display forms and initials (pure string functions with the French data)."""

from __future__ import annotations

import pytest

from chronique.entities.gazetteer import load
from chronique.entities.names import display, fold, fold_chars, initials, is_acronym, name_key


@pytest.fixture(scope="module")
def lex():
    return load("fr")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Sergeï Lavrov", "Sergueï Lavrov"),  # "gu" before e/i
        ("Bachar al-Assad", "Bachar el-Assad"),  # transliterated articles
        ("Bachar al-Assad", "Bashar Al-Assad"),  # sh / ch
        ("Idlib", "Idleb"),  # varying vowels in longer words
        ("Mossoul", "Mosul"),  # ou / u
        ("Mohammed Ali", "Mohamed Ali"),  # doubled letters
        ("Donald J. Trump", "Donald Trump"),  # middle initial
        ("Le Parisien", "Parisien"),  # leading determiner
        ("L'Assemblée nationale", "Assemblée nationale"),
        ("Etats-Unis", "États Unis"),  # accents, hyphens
    ],
)
def test_variants_share_a_key(lex, a: str, b: str) -> None:
    assert name_key(a, lex) == name_key(b, lex)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Marine Le Pen", "Marion Le Pen"), ("France 2", "France 3"), ("Irak", "Iran"), ("Assad", "Saad")],
)
def test_different_names_keep_different_keys(lex, a: str, b: str) -> None:
    assert name_key(a, lex) != name_key(b, lex)


def test_display_restores_accented_capitals_and_plain_apostrophes(lex) -> None:
    assert display("Etat islamique", lex) == "État islamique"
    assert display("Conseil de sécurité de l’ONU", lex) == "Conseil de sécurité de l'ONU"
    assert display('John "Kerry', lex) == "John Kerry"
    assert display("ETAT", lex) == "ETAT"  # all capitals are left alone


def test_fold_and_fold_chars() -> None:
    assert fold("  L’Élysée ") == "l'elysee"
    s = "Genève, Hambourg, Sergueï"
    assert len(fold_chars(s)) == len(s) and fold_chars(s) == "Geneve, Hambourg, Serguei"


def test_initials_match_acronyms_in_any_order(lex) -> None:
    skip = lex.acronym_skip
    assert initials("Observatoire syrien des droits de l'Homme", skip) == "".join(sorted("OSDH"))
    # an English acronym of a French expansion: same letters, another order
    assert initials("Groupe international de soutien à la Syrie", skip) == "".join(sorted("ISSG"))
    assert initials("Parti socialiste", skip, ordered=True) == "PS"


@pytest.mark.parametrize(
    ("text", "expected"), [("OSDH", True), ("EI", True), ("ONGs", True), ("Idlib", False), ("A", False)]
)
def test_is_acronym(text: str, expected: bool) -> None:
    assert is_acronym(text) is expected
