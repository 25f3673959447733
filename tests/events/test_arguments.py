"""Reading arguments on invented sentences: recipients the parse leaves without a slot, the "de" of
event nouns, coordinated verbs, crowds, relatives and names the tagger misreads.

People are invented; countries and capitals are real (they are language data). Where the model
parses a short invented sentence right but misparses the same construction in longer news text,
the test parses with the real model and then applies the misattachment seen in the corpus
(``misparse``), so that the fallback is what is tested.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest

from chronique.events import adapters
from chronique.events.model import Event
from chronique.events.tree import Tree
from chronique.stages.annotate import Annotation, Sentence, Token, annotate, load_model
from chronique.stages.dating import publication_date
from chronique.stages.events import code_events
from tests.events.helpers import article, code, one

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def nlp():
    return load_model()


def misparse(nlp: Any, text: str, change: Callable[[Annotation, Callable[[str], int]], None]) -> list[Event]:
    """Code ``text`` after ``change`` edited its parse; ``change`` gets the annotation and a function
    giving the index of the first token with a given text."""
    art = article(text)
    (ann,) = annotate([art], nlp)
    body = ann.text

    def index(word: str) -> int:
        return next(i for i, t in enumerate(ann.tokens) if body[t.start : t.end] == word)

    change(ann, index)
    pd = publication_date(art)
    return code_events(art, ann, pd, adapters.mentions(art, ann), adapters.timexes(art, ann, pd))


def names(actors: Any) -> list[str]:
    return [a.canonical.lower() for a in actors]


# -- event nouns: whom "de X" names -------------------------------------------------------------------


def test_a_death_sentence_names_the_convicted_in_its_de(nlp) -> None:
    ev = one(code(nlp, "Un tribunal a annoncé jeudi la condamnation à mort de Paul Martin."), "SANCTION")
    assert names(ev.recipient) == ["paul martin"]
    assert names(ev.actor) == ["tribunal"]


def test_a_possessive_makes_the_de_of_a_condemnation_its_target(nlp) -> None:
    ev = one(code(nlp, "L'Union européenne a exprimé sa condamnation de la Russie."), "ACCUSE")
    assert [a.code for a in ev.actor] == ["EUR"]
    assert [a.code for a in ev.recipient] == ["RUS"]


def test_the_de_of_a_charge_after_other_complements(nlp) -> None:
    text = "Le parquet a annoncé l'inculpation pour corruption et fraude fiscale de l'homme d'affaires Paul Martin."
    ev = one(code(nlp, text), "ACCUSE")
    assert names(ev.recipient) == ["paul martin"]


def test_condemning_an_act_targets_who_carried_it_out(nlp) -> None:
    text = "L'Allemagne a réitéré sa condamnation de l'offensive lancée par la Russie en Ukraine."
    ev = one(code(nlp, text), "ACCUSE")
    assert [a.code for a in ev.recipient] == ["RUS"]


def test_a_noun_of_several_words_keeps_its_own_de(nlp) -> None:
    evs = code(nlp, "Les manifestants ont défilé pour la première fois depuis le coup d'État de 2014.")
    assert not any(a.canonical.startswith("état") for e in evs for a in e.actor)


def test_the_agent_of_an_event_noun_hung_on_the_noun_it_completes(nlp) -> None:
    text = "La soirée a dégénéré, avec des vitrines brisées et l'usage de gaz lacrymogène par la police près de la gare."
    ev = one(code(nlp, text), "COERCE")
    assert names(ev.actor) == ["police"]


def test_who_took_part_in_a_meeting_the_relative_clause_names(nlp) -> None:
    text = (
        "Ces mesures ont été annoncées après une longue réunion du conseil de défense, à laquelle ont "
        "participé les principaux ministres et généraux maliens."
    )
    ev = one(code(nlp, text), "CONSULT")
    assert names(ev.actor) == ["ministres"]


# -- verbs ---------------------------------------------------------------------------------------------


def test_a_seizure_from_someone_names_them_with_aupres_de(nlp) -> None:
    ev = one(code(nlp, "La police a saisi dix kilos de cocaïne auprès des accusés."), "COERCE")
    assert names(ev.recipient) == ["accusés"]


def test_coordinated_verbs_share_the_object_after_them(nlp) -> None:
    text = "Le président a continué à renforcer son pouvoir, emprisonnant ou écartant ses opposants."
    ev = one(code(nlp, text), "COERCE")
    assert ev.event_text == "emprisonnant"
    assert [a.sector for a in ev.recipient] == ["OPP"]


def test_criticising_a_rapprochement_targets_both_parties(nlp) -> None:
    ev = one(code(nlp, "La Turquie a fustigé le rapprochement entre la Grèce et l'Égypte."), "ACCUSE")
    assert {a.code for a in ev.recipient} == {"GRC", "EGY"}


def test_an_object_clitic_of_a_verb_the_parse_hung_on_a_noun(nlp) -> None:
    # in news text the model often hangs "X l'a qualifié de..." on the noun of an opening adjunct
    # ("D'un tweet, ..."); the clitic is still the verb's object
    text = "Le ministre a démissionné lundi. D'un tweet, le président Paul Martin l'a qualifié de traître."

    def hang(ann: Annotation, index: Callable[[str], int]) -> None:
        v, n = index("qualifié"), index("tweet")
        ann.tokens[v] = replace(ann.tokens[v], dep="acl", head=n)
        ann.tokens[n] = replace(ann.tokens[n], dep="ROOT", head=n)

    ev = one(misparse(nlp, text, hang), "ACCUSE")
    assert names(ev.recipient) == ["ministre"]


def test_a_request_to_donors(nlp) -> None:
    text = (
        '"Nous exhortons les donateurs à se montrer généreux", a déclaré Paul Martin, porte-parole de l\'ONU.'
    )
    ev = one(code(nlp, text), "REQUEST")
    assert names(ev.recipient) == ["donateurs"]


def test_the_addressee_of_a_call_is_its_recipient_even_when_no_table_knows_the_noun(nlp) -> None:
    # "les boulangers" is in no list of group nouns: the object of "appeler X à" is still whom it asks
    text = "La ministre brelunoise Claire Vidal a appelé les boulangers à baisser leurs prix."
    ev = one(code(nlp, text), "REQUEST")
    assert names(ev.recipient) == ["boulangers"]


def test_a_request_worded_as_a_clause_is_addressed_to_the_clause_subject(nlp) -> None:
    text = "Le maire Paul Garnier a plaidé pour que le gouvernement revienne sur sa décision."
    ev = one(code(nlp, text), "REQUEST")
    assert names(ev.recipient) == ["gouvernement"]


def test_a_visit_takes_the_partner_of_the_meeting_noun_it_governs(nlp) -> None:
    # "rencontre" is dropped as the same event as "se rendre": its "avec" partner is the host
    text = "Le ministre Paul Garnier va se rendre à Lyon pour une rencontre avec les syndicats."
    ev = one(code(nlp, text), "CONSULT")
    assert names(ev.recipient) == ["syndicats"]


def test_a_protest_in_front_of_a_ministry_is_aimed_at_it(nlp) -> None:
    text = "Des centaines d'étudiants se sont rassemblés vendredi devant le ministère à Valmorie."
    ev = one(code(nlp, text), "PROTEST")
    assert names(ev.recipient) == ["ministère"]


def test_a_march_against_a_policy_named_by_an_adjective_is_aimed_at_its_group(nlp) -> None:
    text = "Des milliers d'étudiants ont défilé samedi à Valmorie contre la politique gouvernementale."
    ev = one(code(nlp, text), "PROTEST")
    assert names(ev.recipient) == ["gouvernement"]


def test_going_to_meet_people_makes_them_the_recipient(nlp) -> None:
    # "à la rencontre de X": X is met by the subject; the verb of the same sentence is the same meeting
    text = (
        "Des habitants de Valmorie ont bloqué la route nationale. "
        "Le préfet Paul Garnier est venu à leur rencontre pour dialoguer."
    )
    ev = one(code(nlp, text), "CONSULT")
    assert names(ev.recipient) == ["habitants"]
    assert names(ev.actor) == ["paul garnier"]


def test_a_description_parsed_as_a_second_subject_is_not_a_guessed_target(nlp) -> None:
    # the parse makes "l'un des opposants" and "Paul Garnier" two subjects of "a salué": the
    # description is the actor's own, not whom the praise goes to
    text = "L'un des plus farouches opposants au barrage, Paul Garnier a salué cette décision."
    ev = one(code(nlp, text), "SUPPORT")
    assert names(ev.recipient) == []


def test_a_suspicion_worded_as_a_clause_is_aimed_at_the_clause_agent(nlp) -> None:
    # not the nearest actor after the verb (the union), but the one the clause says acted
    text = "Le parquet de Valmorie soupçonne que le syndicat des taxis a été infiltré par Paul Garnier."
    ev = one(code(nlp, text), "ACCUSE")
    assert names(ev.recipient) == ["paul garnier"]


def test_a_visit_to_an_institution_makes_it_the_host(nlp) -> None:
    text = "Le maire de Brelune, Paul Garnier, s'est rendu lundi au ministère de la Santé."
    ev = one(code(nlp, text), "CONSULT")
    assert names(ev.recipient) == ["ministère de la santé"]


def test_a_detached_participle_with_an_agent_is_said_of_the_noun_before_its_comma(nlp) -> None:
    # in news text the model hangs "appuyé lui par X" on the main verb, with "lui" as its object
    text = (
        "Dans ce conflit, la Russie soutient les forces du général Paul Martin, rivales du gouvernement, "
        "appuyé lui par la Turquie."
    )

    def hang(ann: Annotation, index: Callable[[str], int]) -> None:
        v, main, lui, tur = index("appuyé"), index("soutient"), index("lui"), index("Turquie")
        ann.tokens[v] = replace(ann.tokens[v], dep="advcl", head=main)
        ann.tokens[lui] = replace(ann.tokens[lui], dep="obj", head=v)
        ann.tokens[tur] = replace(ann.tokens[tur], dep="obl:agent", head=v)

    evs = [e for e in misparse(nlp, text, hang) if e.event_text == "appuyé"]
    assert len(evs) == 1
    assert [a.code for a in evs[0].actor] == ["TUR"]
    assert names(evs[0].recipient) == ["gouvernement"]


# -- actors --------------------------------------------------------------------------------------------


def test_a_court_of_a_town_is_of_the_towns_country(nlp) -> None:
    text = (
        "La France a protesté. Paris a convoqué un diplomate. Les Français sont inquiets.\n\n"
        "Un tribunal de Canton a annoncé la condamnation à mort de Paul Martin, un ressortissant français."
    )
    ev = one(code(nlp, text), "SANCTION")
    assert [(a.code, a.sector) for a in ev.actor] == [("CHN", "JUD")]


def test_a_group_of_states_is_named_by_its_de(nlp) -> None:
    ev = one(code(nlp, "Le président Paul Martin recevra ses homologues du Sahel."), "CONSULT")
    assert "homologues du sahel" in names([*ev.actor, *ev.recipient])


def test_a_relative_hung_on_the_wrong_noun_has_the_noun_before_it(nlp) -> None:
    # the model hangs "qui le critiquent" on "encontre", not on "médias"
    text = (
        "Le chef de l'État Paul Martin a souvent proféré des menaces "
        "à l'encontre des médias qui le critiquent."
    )
    ev = one(code(nlp, text), "ACCUSE")
    assert names(ev.actor) == ["médias"]
    assert names(ev.recipient) == ["paul martin"]


PLURAL_RELATIVE = (
    "Le blocage vient du {} conservateur Likoud et de son allié Shass, dirigé par le député "
    "Paul Martin, qui réclament la démission du ministre."
)


def test_a_plural_verb_after_qui_has_the_coordination_as_antecedent(nlp) -> None:
    # the model hangs "qui réclament" on the singular name just before it
    ev = one(code(nlp, PLURAL_RELATIVE.format("parti")), "REQUEST")
    assert "likoud" in names(ev.actor)
    assert "paul martin" not in names(ev.actor)


def test_a_name_after_a_common_noun_is_what_the_phrase_names(nlp) -> None:
    # in news text the model makes the name an nmod of "mouvement"
    def nmod(ann: Annotation, index: Callable[[str], int]) -> None:
        k, parti = index("Likoud"), index("mouvement")
        ann.tokens[k] = replace(ann.tokens[k], dep="nmod", head=parti)

    ev = one(misparse(nlp, PLURAL_RELATIVE.format("mouvement"), nmod), "REQUEST")
    assert "likoud" in names(ev.actor)


def test_a_name_the_tagger_took_for_a_pronoun_is_still_a_name(nlp) -> None:
    text = "Mardi, les Emirats arabes unis ont signé un accord avec Israël."

    def pron(ann: Annotation, index: Callable[[str], int]) -> None:
        u, v = index("unis"), index("signé")
        ann.tokens[u] = replace(ann.tokens[u], pos="PRON", dep="nsubj", head=v)

    evs = misparse(nlp, text, pron)
    assert any(a.code == "ARE" for e in evs for a in e.actor), [(e.event, e.actor) for e in evs]


# -- crowd control -------------------------------------------------------------------------------------


def test_gas_fired_to_stop_a_crowd_targets_the_crowd(nlp) -> None:
    ev = one(
        code(nlp, "La police a tiré des gaz lacrymogènes pour empêcher les manifestants d'avancer."), "COERCE"
    )
    assert names(ev.recipient) == ["manifestants"]


def test_a_crowd_in_a_clause_of_its_own_is_not_the_target(nlp) -> None:
    text = (
        "A Nantes, la police a tiré des gaz lacrymogènes vers minuit, "
        "les manifestants étant bloqués sur le pont."
    )
    ev = one(code(nlp, text), "COERCE")
    # the crowd rule leaves it; since coder v15 an act aimed at someone guesses its target among the
    # actors named (the adjudicated labels give crowd control its crowd), marked as a guess
    assert [(a.canonical, a.source) for a in ev.recipient] == [("manifestants", "guess")]


def test_a_participle_after_a_passive_shares_it(nlp) -> None:
    # the model hangs "blessé" on "tués" as a clause of its own: its subject is not who acted
    evs = code(nlp, "Deux hommes de 20 et 31 ans ont été tués et un troisième, âgé de 45 ans, blessé.")
    assert not [e for e in evs if e.event == "ASSAULT" and e.actor]


def test_a_date_the_parser_takes_for_the_object_is_not_the_object(nlp) -> None:
    # the model makes "jeudi" the object of "reçu" and hangs "non coupable" on "jeudi"
    ev = one(code(nlp, "Le président Karl Osten a reçu jeudi Marta Velde à Brelune."), "CONSULT")
    assert [a.canonical for a in ev.actor] == ["Marta Velde"]
    assert [a.canonical for a in ev.recipient] == ["Karl Osten"]
    plea = "L'ancien conseiller Paul Verdane a plaidé jeudi non coupable devant le tribunal de Brelune."
    assert [a.canonical for a in one(code(nlp, plea), "REJECT").actor] == ["Paul Verdane"]
    # without the temporal tagger the parse is read as it is: no visitor
    assert not [
        e
        for e in code(nlp, "Le président Karl Osten a reçu jeudi Marta Velde à Brelune.", timexes=False)
        if e.event == "CONSULT"
    ]


def test_a_protest_named_with_no_marcher_is_the_marchers(nlp) -> None:
    for text in (
        "Les manifestations se sont multipliées à Brelune depuis l'annonce de la réforme.",
        "Le préfet a salué le calme de la manifestation de samedi.",
    ):
        ev = one(code(nlp, text, calibrated=False), "PROTEST")
        assert [(a.canonical, a.sector, a.source) for a in ev.actor] == [("manifestants", "CVL", "default")]
        assert ev.confidence < 0.5  # a mention, not a report of who marched
    # an event noun other than a protest, as the subject of its verb, is that verb's means
    assert not [e for e in code(nlp, "L'offensive a fait vingt morts à Brelune.") if e.event == "ASSAULT"]


def test_who_qui_is_after_a_chain_of_de(nlp) -> None:
    # in news text the model may hang the relative clause on a noun further up ("soutien"): "qui"
    # follows "des hôpitaux publics", whose owners, the employees, are who act
    text = "Le conseil a été ajourné en soutien aux employés des hôpitaux publics, qui dénoncent une réforme brutale."
    assert [a.canonical for a in one(code(nlp, text), "ACCUSE").actor] == ["employés"]

    def hang(ann: Annotation, index: Callable[[str], int]) -> None:
        v, n = index("dénoncent"), index("soutien")
        ann.tokens[v] = replace(ann.tokens[v], dep="acl:relcl", head=n)

    assert [a.canonical for a in one(misparse(nlp, text, hang), "ACCUSE").actor] == ["employés"]


def test_the_speaker_of_a_t_elle_is_the_person_named_before(nlp) -> None:
    text = (
        "Claire Montel a visité le commissariat mardi. "
        '"Les agents sont épuisés par une direction cynique", a-t-elle dénoncé.'
    )
    assert [a.canonical for a in one(code(nlp, text), "ACCUSE").actor] == ["Claire Montel"]


def test_asking_for_a_penalty_accuses(nlp) -> None:
    ev = one(
        code(nlp, "Le ministère public a demandé six ans de réclusion contre l'ex-trésorier Paul Garnier."),
        "ACCUSE",
    )
    assert [(a.canonical, a.sector) for a in ev.actor] == [("ministère public", "JUD")]
    assert [a.canonical for a in ev.recipient] == ["Paul Garnier"] and ev.mode == "allege"
    # an ordinary request stays one
    assert one(code(nlp, "Le maire a demandé au préfet de libérer les prisonniers."), "REQUEST")


def test_the_lawyers_of_someone_are_not_that_someone(nlp) -> None:
    ev = one(code(nlp, "Les avocats de Paul Garnier ont demandé sa remise en liberté."), "REQUEST")
    assert [a.canonical for a in ev.actor] == ["avocats"]
    ev = one(code(nlp, "Le chef de la diplomatie russe Sergueï Lavrov a dénoncé une provocation."), "ACCUSE")
    assert [a.canonical for a in ev.actor] == ["Sergueï Lavrov"]


def test_a_warning_to_someone_or_with_a_consequence_is_a_threat(nlp) -> None:
    ev = one(
        code(
            nlp,
            "Arrivé au sommet de Brelune, le ministre Paul Garnier a mis en garde les députés de l'opposition.",
        ),
        "THREATEN",
    )
    assert [a.canonical for a in ev.recipient] == ["députés"]
    text = "Le président Paul Garnier a averti jeudi qu'en cas de nouveau rejet du traité, son pays romprait les discussions."
    assert [a.canonical for a in one(code(nlp, text), "THREATEN").actor] == ["Paul Garnier"]
    # a warning about a risk, to nobody
    assert not [
        e for e in code(nlp, "Le médecin a mis en garde contre les effets du tabac.") if e.event == "THREATEN"
    ]


def test_unions_are_actors_that_protest(nlp) -> None:
    ev = one(code(nlp, "Les syndicats ont manifesté jeudi contre la réforme des retraites."), "PROTEST")
    assert [(a.canonical, a.sector) for a in ev.actor] == [("syndicats", "LAB")]


def test_a_group_in_an_article_naming_no_country_is_of_the_home_country(nlp) -> None:
    ev = one(
        code(
            nlp, "Le tribunal correctionnel a condamné l'ancien trésorier Paul Garnier à deux ans de prison."
        ),
        "SANCTION",
    )
    assert [(a.canonical, a.code) for a in ev.actor] == [("tribunal correctionnel", "FRA")]
    # a country named anywhere in the article decides instead
    text = "Le tribunal correctionnel a condamné l'ancien trésorier Paul Garnier à deux ans de prison. Le Maroc a protesté."
    assert one(code(nlp, text), "SANCTION").actor[0].code != "FRA"


def test_trades_that_march_are_actors(nlp) -> None:
    for text, who in (
        ("Les paysans se sont rassemblés devant les préfectures de Brelune.", "paysans"),
        ("Les cheminots ont entamé une grève illimitée.", "cheminots"),
    ):
        ev = one(code(nlp, text), "PROTEST")
        assert [(a.canonical, a.sector) for a in ev.actor] == [(who, "CVL")]


def test_the_speaker_named_after_the_medium(nlp) -> None:
    # wire copy: '"...", a déploré auprès de l'AFP X': the parser hangs X on the medium
    text = '"Personne ne répond à nos appels au ministère", a déploré auprès de l\'AFP Marie Lenoir, présidente du collectif.'
    assert [a.canonical for a in one(code(nlp, text), "ACCUSE").actor] == ["Marie Lenoir"]


def test_a_pronoun_the_parser_calls_an_expletive_before_a_reflexive_trigger(nlp) -> None:
    # "Il s'oppose": the parser reads "il" as in "il s'agit"; a reflexive trigger verb has an actor
    text = "Paul Garnier, maire de Brelune, a écrit au préfet. Il s'oppose à la fermeture de la maternité."
    ev = one(code(nlp, text), "REJECT")
    assert [a.canonical for a in ev.actor] == ["Paul Garnier"]
    # a verb whose triggers are not reflexive stays impersonal: "il se blesse" is no assault
    assert not [
        e for e in code(nlp, "Paul Garnier est tombé. Il se blesse à la tête.") if e.event == "ASSAULT"
    ]


def test_l_accusation_is_the_prosecution(nlp) -> None:
    text = (
        "Au procès de Brelune, l'accusation a requis trois ans de prison contre l'ancien maire Paul Garnier."
    )
    ev = one(code(nlp, text), "ACCUSE")
    assert [(a.canonical, a.sector) for a in ev.actor] == [("accusation", "JUD")]
    assert [a.canonical for a in ev.recipient] == ["Paul Garnier"]
    # an accusation with a complement of its own is a charge, not who makes it
    text = "L'accusation de fraude visant Paul Garnier a été rejetée par le tribunal."
    assert all(a.canonical != "accusation" for e in code(nlp, text) for a in e.actor)


def test_a_preposition_of_several_words_wherever_the_parse_hung_it(nlp) -> None:
    # "à l'encontre de X" hung on a relative inside the object still names whom the demand is against
    text = "Le parquet a requis six ans de prison, dont quatre ferme, à l'encontre de l'ancien ministre Paul Garnier."
    ev = one(code(nlp, text), "ACCUSE")
    assert [(a.canonical, a.source != "guess") for a in ev.recipient] == [("Paul Garnier", True)]


def test_a_target_no_slot_names_is_guessed_among_the_actors_named(nlp) -> None:
    ev = one(
        code(nlp, "Paul Garnier a démenti jeudi toute rencontre secrète avec Luc Morel.", calibrated=False),
        "REJECT",
    )
    assert [(a.canonical, a.source) for a in ev.recipient] == [("Luc Morel", "guess")]
    sure = one(code(nlp, "Paul Garnier a démenti jeudi les propos de Luc Morel.", calibrated=False), "REJECT")
    assert sure.recipient[0].source != "guess" and ev.confidence < sure.confidence


def test_no_target_is_guessed_among_sources_descriptions_or_the_actors_own_state(nlp) -> None:
    for text, event in (
        ("Paul Garnier a démenti ces informations, selon Luc Morel.", "REJECT"),
        ("Le porte-parole de la diplomatie brelunoise, Paul Garnier, a rejeté ces accusations.", "REJECT"),
        ("Le ministre russe des Affaires étrangères a confirmé le soutien de la Russie au plan.", "SUPPORT"),
    ):
        assert one(code(nlp, text), event).recipient == (), text


def test_no_target_is_guessed_among_bare_names_nobody_resolved(nlp) -> None:
    # "Kalvane": a proper noun neither the entities stage nor a group noun makes an actor
    ev = one(code(nlp, "Après le sommet Kalvane, Paul Garnier a démenti toute rencontre secrète."), "REJECT")
    assert ev.recipient == ()


def test_no_target_is_guessed_among_the_speakers_own_nor_the_actors_own_kind(nlp) -> None:
    for text, event in (
        (
            "« Nous allons rappeler notre ambassadeur », a affirmé le ministre brelunois Paul Garnier.",
            "SANCTION",
        ),
        (
            "Des heurts ont éclaté et la police a fait usage de gaz lacrymogène près du commissariat "
            "où travaillent les policiers mis en cause.",
            "COERCE",
        ),
    ):
        assert all(
            a.canonical not in ("ambassadeur", "policiers") for a in one(code(nlp, text), event).recipient
        ), text
    # praise may go to one's own side
    ev = one(
        code(nlp, "« Je salue le courage de nos soldats », a déclaré le ministre Paul Garnier."), "SUPPORT"
    )
    assert [a.canonical for a in ev.recipient] == ["soldats"]


def test_a_place_where_an_act_happens_is_no_participant(nlp) -> None:
    text = "Après des manifestations à Paris en janvier, la maire a critiqué la police."
    assert one(code(nlp, text), "PROTEST").recipient == ()


def test_whose_proposal_is_accepted(nlp) -> None:
    ev = one(code(nlp, "Paul Garnier a accepté la proposition de Luc Morel."), "AGREE")
    assert [a.canonical for a in ev.recipient] == ["Luc Morel"]


def test_whom_a_possessive_stands_for_in_an_arrest(nlp) -> None:
    text = "Le militant Paul Garnier a été relâché lundi. Son interpellation par la police avait suscité la colère."
    ev = one(code(nlp, text), "COERCE")
    assert [a.canonical for a in ev.actor] == ["police"]
    assert [a.canonical for a in ev.recipient] == ["Paul Garnier"]


def test_a_participle_said_of_a_description_set_beside_a_name(nlp) -> None:
    text = "La marche rend hommage à Paul Garnier, un ouvrier asphyxié par un policier le 25 mai à Brelune."
    ev = one(code(nlp, text), "ASSAULT")
    assert [a.canonical for a in ev.recipient] == ["Paul Garnier"]


# -- a participle opening its sentence; targets carried from the sentence before -----------------------


def test_a_participle_opening_the_sentence_has_the_main_clauses_subject(nlp) -> None:
    # the parse makes the participle the root and hangs the main verb under its object
    ev = one(
        code(nlp, "Fustigeant la majorité, l'ancienne ministre Claire Vidal a quitté la salle jeudi."),
        "ACCUSE",
    )
    assert names(ev.actor) == ["claire vidal"]


def test_a_gerund_opening_the_sentence_has_the_main_clauses_subject(nlp) -> None:
    ev = one(code(nlp, "En fustigeant la réforme, les syndicats sont restés unis jeudi."), "ACCUSE")
    assert names(ev.actor) == ["syndicats"]


def test_a_target_is_carried_from_the_event_of_the_sentence_before(nlp) -> None:
    text = "Le ministre Paul Garnier a accusé jeudi la Russie de mentir. Il a aussi dénoncé une manœuvre indigne."
    first, second = [e for e in code(nlp, text, calibrated=False) if e.event == "ACCUSE"]
    assert [a.code for a in second.recipient] == ["RUS"]
    assert [a.source for a in second.recipient] == ["carried"]
    assert second.confidence < first.confidence


def test_a_target_is_not_carried_onto_its_own_actor(nlp) -> None:
    text = "La Russie a accusé jeudi Paul Garnier de mentir. Paul Garnier a dénoncé une manœuvre indigne."
    second = [e for e in code(nlp, text) if e.event == "ACCUSE"][-1]
    assert not any(a.source == "carried" for a in second.recipient)


def test_a_target_is_not_carried_across_two_sentences(nlp) -> None:
    text = (
        "Le ministre Paul Garnier a accusé jeudi la Russie de mentir. La séance a duré trois heures. "
        "Le ministre a aussi dénoncé une manœuvre indigne."
    )
    last = [e for e in code(nlp, text) if e.event == "ACCUSE"][-1]
    assert not last.recipient


def test_the_subject_of_a_passive_auxiliary_the_parser_called_a_plain_subject() -> None:
    # "Les syndicats seront reçus par X", with "syndicats" tagged nsubj (not nsubj:pass)
    text = "Les syndicats seront reçus par Paul."
    words = [
        ("Les", "le", "DET", "", "det", 1),
        ("syndicats", "syndicat", "NOUN", "Number=Plur", "nsubj", 3),
        ("seront", "être", "AUX", "VerbForm=Fin", "aux:pass", 3),
        ("reçus", "recevoir", "VERB", "Tense=Past|VerbForm=Part", "ROOT", 3),
        ("par", "par", "ADP", "", "case", 5),
        ("Paul", "Paul", "PROPN", "", "obl:agent", 3),
        (".", ".", "PUNCT", "", "punct", 3),
    ]
    toks, pos = [], 0
    for w, lemma, upos, morph, dep, head in words:
        start = text.index(w, pos)
        pos = start + len(w)
        toks.append(Token(start, pos, lemma, upos, morph, dep, head))
    ann = Annotation("a", text, toks, [Sentence(0, len(text), 0, 0, len(toks))])
    t = Tree(ann, 0)
    assert t.is_passive(3)
    assert t.passive_subject(3) == 1


def test_a_verb_with_no_actor_the_parse_finds_is_the_speakers(nlp) -> None:
    # the parser hangs "Il" on the auxiliary: the verb has no subject; the passage reports Marc Vidal
    text = (
        "Le projet de fermeture de l'usine de Brelune est injuste, a indiqué l'avocat Marc Vidal. "
        "Il a par ailleurs dénoncé la décision du préfet."
    )
    ev = one(code(nlp, text), "ACCUSE")
    assert [(a.canonical, a.source) for a in ev.actor] == [("Marc Vidal", "speaker")]
    # not for a passive: who undergoes an act does not do it
    text = (
        "Les ouvriers de Brelune ont été arrêtés, a indiqué l'avocat Marc Vidal. Ils ont été condamnés jeudi."
    )
    assert not [e for e in code(nlp, text) if e.event in ("SANCTION", "ACCUSE")]


def test_the_participle_of_a_pronominal_act_is_said_of_its_doer(nlp) -> None:
    # "rassemblés" stands for "qui se sont rassemblés": the protesters gathered, nobody gathered them
    text = (
        "Des centaines de manifestants rassemblés devant la préfecture de Valmorie ont applaudi le verdict."
    )
    ev = one(code(nlp, text), "PROTEST")
    assert [a.canonical for a in ev.actor] == ["manifestants"]
