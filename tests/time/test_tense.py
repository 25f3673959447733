"""Direction cues: the tense of an expression's clause from the French data, and with morphology."""

from __future__ import annotations

from chronique.time import grammar
from chronique.time.tense import CueModel, direction_reader


def direction(text: str, word: str, tense=None) -> str:  # type: ignore[no-untyped-def]
    g = grammar.load("fr")
    read = direction_reader(text, CueModel(g.tense, "fr"), tense)
    start = text.index(word)
    return read(start, start + len(word))


def test_past_and_future_verbs() -> None:
    assert direction("Il a démissionné vendredi.", "vendredi") == "past"
    assert direction("Il démissionnera vendredi.", "vendredi") == "future"
    assert direction("Il avait plaidé mardi pour une relance.", "mardi") == "past"
    assert direction("Il est arrivé samedi.", "samedi") == "past"


def test_lexical_future_overrides_the_morphology() -> None:
    assert direction("Il est attendu à Paris samedi.", "samedi", lambda o: "present") == "future"
    assert direction("Une réunion est prévue lundi.", "lundi", lambda o: "present") == "future"
    assert direction("Il va annoncer mardi sa décision.", "mardi") == "future"
    assert direction("Le texte doit être voté jeudi.", "jeudi") == "future"


def test_morphology_decides_without_a_lexical_cue() -> None:
    assert direction("Le ministre se rend à Berlin jeudi.", "jeudi") == ""
    assert direction("Le ministre se rend à Berlin jeudi.", "jeudi", lambda o: "future") == "future"
    assert direction("Il a démissionné vendredi.", "vendredi", lambda o: "") == "past"


def test_nearest_cue_wins_and_relative_clauses_are_skipped() -> None:
    text = "Il est attendu à Paris jeudi pour assister, samedi, à une réunion, a indiqué mercredi le département."
    assert direction(text, "samedi") == "future"
    assert direction(text, "mercredi") == "past"
    text = "Mardi, le secrétaire, qui quittera ses fonctions en janvier, avait plaidé pour une trêve."
    assert direction(text, "Mardi") == "past"
    assert direction(text, "janvier") == "future"


def test_an_infinitive_leaves_the_direction_open() -> None:
    assert direction("Il l'a rappelé avant de quitter ses fonctions le 30 octobre.", "le 30 octobre") == ""


def test_cues_stay_in_their_sentence() -> None:
    assert direction("Il partira demain. Vendredi, rien.", "Vendredi") == ""
