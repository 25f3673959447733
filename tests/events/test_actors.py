"""Actors' countries and sectors on invented sentences: nationalities as populations, a group
noun's country from its place or from the other party, a person's country from a role given
elsewhere in the article.

People are invented; countries and capitals are real (they are language data).
"""

from __future__ import annotations

import pytest

from chronique.stages.annotate import load_model
from tests.events.helpers import code, one

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def nlp():
    return load_model()


def test_a_plural_nationality_is_a_population(nlp) -> None:
    ev = one(code(nlp, "Des Maliens exaspérés ont manifesté samedi à Bamako contre la vie chère."), "PROTEST")
    assert [(a.code, a.sector) for a in ev.actor] == [("MLI", "CVL")]


def test_a_group_noun_takes_the_country_of_the_place_it_is_in(nlp) -> None:
    text = (
        "La France a annoncé lundi de nouvelles mesures. Paris veut rassurer les Français. "
        "Le gouvernement français a réuni ses ministres à Paris.\n\n"
        "La police a arrêté vingt manifestants au Liban mardi."
    )
    ev = one(code(nlp, text), "COERCE")
    assert [(a.code, a.sector) for a in ev.actor] == [("LBN", "COP")]


def test_a_government_is_not_the_country_it_acts_against(nlp) -> None:
    text = (
        "L'Inde a révoqué l'autonomie du Cachemire. L'Inde a déployé des troupes. New Delhi assume. "
        "L'Inde, selon le Pakistan, viole le droit. Le Pakistan proteste.\n\n"
        "Le gouvernement a condamné l'Inde mardi."
    )
    ev = one(code(nlp, text), "ACCUSE")
    assert [(a.code, a.sector) for a in ev.actor] == [("PAK", "GOV")]


def test_a_person_keeps_the_country_a_role_gave_them_earlier(nlp) -> None:
    text = (
        "Le président bélarusse Ivan Petrovitch a reçu des diplomates lundi.\n\n"
        "Plus tard, Ivan Petrovitch a dénoncé l'opposition."
    )
    ev = one(code(nlp, text), "ACCUSE")
    assert [(a.canonical, a.code) for a in ev.actor] == [("Ivan Petrovitch", "BLR")]


def test_chef_d_etat_without_article_is_the_head_of_state_named_before(nlp) -> None:
    text = (
        "Le président bélarusse Alexandre Vorine a prêté serment mardi. "
        "Le soir, des milliers de personnes ont défilé contre le chef d'Etat à Minsk."
    )
    ev = one(code(nlp, text), "PROTEST")
    assert [(a.canonical, a.code) for a in ev.recipient] == [("Alexandre Vorine", "BLR")]


def test_an_attacker_and_passers_by_named_by_common_nouns(nlp) -> None:
    ev = one(code(nlp, "Un homme a blessé trois passants au couteau samedi à Lyon."), "ASSAULT")
    assert [a.canonical for a in ev.actor] == ["homme"] and [a.canonical for a in ev.recipient] == [
        "passants"
    ]
    assert [
        a.canonical
        for a in one(code(nlp, "Un tireur a tiré à plusieurs reprises sur la foule."), "ASSAULT").actor
    ] == ["tireur"]


def test_placards_carried_are_a_protest_and_a_threat_brandished_stays_one(nlp) -> None:
    ev = one(code(nlp, "Des manifestants ont brandi des pancartes contre la réforme à Rennes."), "PROTEST")
    assert ev.mode == "demo"
    evs = code(nlp, "Le ministre a brandi la menace de sanctions contre la Turquie.")
    assert [e.event for e in evs] == ["THREATEN"]


def test_local_offices_take_the_articles_country(nlp) -> None:
    # "le maire", "la juge": held where the story is; "le président" alone stays unknown
    ev = one(code(nlp, "« Cet arrêté est illégal », a estimé la juge des référés de Brelune."), "ACCUSE")
    assert [(a.canonical, a.code) for a in ev.actor] == [("juge", "FRA")]


def test_people_of_unknown_nationality_in_a_story_about_the_home_country(nlp) -> None:
    home = "À Paris, Paul Garnier a critiqué la décision du gouvernement français."
    assert [a.code for a in one(code(nlp, home), "ACCUSE").actor] == ["FRA"]
    abroad = "À Berlin, Paul Garnier a critiqué la décision du gouvernement allemand."
    assert [a.code for a in one(code(nlp, abroad), "ACCUSE").actor] == [""]


def test_western_countries_have_no_default_country(nlp) -> None:
    text = "Le président russe a de nouveau critiqué les Occidentaux."
    ev = one(code(nlp, text), "ACCUSE")
    assert [(a.canonical, a.code) for a in ev.recipient] == [("occidentaux", "")]


def test_groups_without_office_or_name(nlp) -> None:
    for text, event, actor in (
        ("Les participants ont exigé le départ du maire Luc Morel.", "REQUEST", ("participants", "CVL")),
        (
            "Les personnalités signataires appellent à un sursaut politique.",
            "REQUEST",
            ("personnalités signataires", "CVL"),
        ),
        ("La droite a salué l'annonce du gouvernement.", "SUPPORT", ("droite", "PTY")),
        (
            "Les associations ont dénoncé la fermeture du refuge de Brelune.",
            "ACCUSE",
            ("associations", "NGO"),
        ),
    ):
        ev = one(code(nlp, text), event)
        assert [(a.canonical, a.sector) for a in ev.actor] == [actor], text
    ev = one(code(nlp, "Les Vingt-Sept ont dénoncé la répression des opposants brelunois."), "ACCUSE")
    assert [a.code for a in ev.actor] == ["EUR"]
    # the name right after the group noun, even past an adjective, is the actor
    ev = one(code(nlp, "L'association écologiste Probitas a dénoncé le projet de Luc Morel."), "ACCUSE")
    assert [a.canonical for a in ev.actor] == ["Probitas"]


def test_the_defence_and_a_capital_a_without_its_accent(nlp) -> None:
    # "A la demande de X": "À" written without its accent at the head of a sentence
    ev = one(code(nlp, "A la demande de la défense, l'audience de Paul Garnier a été reportée."), "REQUEST")
    assert [(a.canonical, a.sector) for a in ev.actor] == [("défense", "JUD")]
    text = "La défense antiaérienne brelunoise a critiqué le ministre Paul Garnier."
    assert all(a.canonical != "défense" for e in code(nlp, text) for a in e.actor)


def test_a_pronoun_stands_for_no_person_the_text_gave_another_gender(nlp) -> None:
    for text in (
        "M. Garnier est arrivé lundi à Brelune. Mme Dubois l'a accueilli à la gare. "
        "Il a ensuite dénoncé la corruption du régime.",
        "Le ministre Paul Garnier est arrivé lundi. La présidente Claire Dubois l'a accueilli à la gare. "
        "Il a ensuite dénoncé la corruption du régime.",
    ):
        ev = one(code(nlp, text), "ACCUSE")
        assert [a.canonical for a in ev.actor] in (["Garnier"], ["Paul Garnier"]), text


def test_the_speaker_after_a_quotation_is_not_the_one_quoted_on(nlp) -> None:
    text = (
        "La porte-parole Claire Dubois était à Brelune lundi. "
        "« Paul Garnier ne pense qu'à une chose en ce moment, c'est de dresser les villes contre les campagnes, "
        "comme il le dit, parce que lui-même n'a aucun projet concret », a-t-elle accusé."
    )
    ev = one(code(nlp, text), "ACCUSE")
    assert [a.canonical for a in ev.actor] == ["Claire Dubois"]
    assert [a.canonical for a in ev.recipient] == ["Paul Garnier"]


def test_elle_prefers_a_woman_the_text_named(nlp) -> None:
    text = (
        "Mme Lenoir a quitté la réunion. Luc Morel est resté. Elle a ensuite dénoncé la corruption du régime."
    )
    ev = one(code(nlp, text), "ACCUSE")
    assert [a.canonical for a in ev.actor] == ["Lenoir"]


def test_an_office_or_a_man_no_name_stands_for_takes_the_articles_country(nlp) -> None:
    for text, event, actor in (
        ("À Paris, un ministre a critiqué la décision des syndicats.", "ACCUSE", "ministre"),
        ("Un homme a poignardé deux passants à Paris samedi.", "ASSAULT", "homme"),
        ("À Paris, les journalistes ont dénoncé la décision du ministre.", "ACCUSE", "journalistes"),
        ("À Lyon, l'association a dénoncé la fermeture du refuge.", "ACCUSE", "association"),
    ):
        ev = one(code(nlp, text), event)
        assert [(a.canonical, a.code) for a in ev.actor] == [(actor, "FRA")], text
    # a named person the description stands for keeps coming first
    text = "Le président Paul Garnier est arrivé à Paris. Le président a ensuite critiqué les syndicats."
    assert [a.canonical for a in one(code(nlp, text), "ACCUSE").actor] == ["Paul Garnier"]


def test_a_place_at_the_head_of_the_sentence_frames_it(nlp) -> None:
    text = (
        "Le gouvernement français a réagi. "
        "À Hambourg, les syndicats ont affirmé que près de deux mille personnes avaient défilé samedi contre la réforme."
    )
    assert [(a.canonical, a.code) for a in one(code(nlp, text), "PROTEST").actor] == [("personnes", "DEU")]


def test_a_name_with_a_particle_after_a_title_is_the_person(nlp) -> None:
    # the parser reads "De" as a preposition and "Morlaix" as the complement of "M."
    ev = one(code(nlp, "M. De Morlaix a dénoncé le blocage du port de Brelune par les dockers."), "ACCUSE")
    assert [a.canonical for a in ev.actor] == ["De Morlaix"]
