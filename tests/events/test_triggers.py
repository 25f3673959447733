"""Triggers on invented sentences: critical verbs that report a quotation or a "que" clause (the
speaker accuses the one actor the quotation names), verbs the lemmatizer left conjugated, and a few
triggers added from corpus frequency.

People are invented; countries and organisations are real (they are language data).
"""

from __future__ import annotations

import pytest

from chronique.stages.annotate import load_model
from tests.events.helpers import code, one

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def nlp():
    return load_model()


def test_a_quotation_before_a_critical_verb_is_the_speakers_accusation(nlp) -> None:
    text = '"Cette loi est une honte pour la Pologne", s\'est insurgé le député Tomasz Nowak.'
    ev = one(code(nlp, text), "ACCUSE")
    assert ev.mode == "disapprove"
    assert [a.canonical for a in ev.actor] == ["Tomasz Nowak"]
    assert [a.code for a in ev.recipient] == ["POL"]


def test_the_speaker_after_a_quotation_cut_by_the_segmenter(nlp) -> None:
    text = '"Le gouvernement syrien affame sa population", a dénoncé l\'ONG Amnesty International.'
    ev = one(code(nlp, text), "ACCUSE")
    assert "Amnesty" in ev.actor[0].canonical and len(ev.actor) == 1


def test_a_quotation_naming_two_actors_targets_both(nlp) -> None:
    # not one of the two alone (before coder v35 and annotate v2 this gave no recipient: the
    # segmenter had cut the quotation off its verb)
    text = '"Paris et Berlin ont trahi leurs promesses", a fustigé le ministre grec Nikos Papadakis.'
    ev = one(code(nlp, text), "ACCUSE")
    assert [a.canonical for a in ev.actor] == ["Nikos Papadakis"]
    assert sorted(a.code for a in ev.recipient) == ["DEU", "FRA"]


def test_a_guessed_target_comes_with_those_written_beside_it(nlp) -> None:
    text = "Le ministre Paul Garnier a dénoncé mardi une trahison, en pensant à la France et à l'Allemagne."
    ev = one(code(nlp, text), "ACCUSE")
    assert sorted(a.code for a in ev.recipient) == ["DEU", "FRA"]
    assert {a.source for a in ev.recipient} == {"guess"}
    text = "Marie Lenoir a rendu hommage, mardi soir, au sang-froid de la police et de la gendarmerie."
    ev = one(code(nlp, text), "SUPPORT")
    assert sorted(a.canonical for a in ev.recipient) == ["gendarmerie", "police"]


def test_a_que_clause_after_a_critical_verb(nlp) -> None:
    text = "L'opposant Karim Benali s'indigne que le régime algérien refuse toute élection libre."
    evs = code(nlp, text)
    ev = one(evs, "ACCUSE")
    assert [a.canonical for a in ev.actor] == ["Karim Benali"]
    assert [a.code for a in ev.recipient] == ["DZA"]
    assert not [e for e in evs if e.event == "REJECT"]  # what is criticised is not a second event


def test_a_reporting_verb_after_a_quotation_of_scorn(nlp) -> None:
    text = '"Ce procès contre la Biélorussie est une mascarade", a réagi l\'avocat Paul Rivière.'
    ev = one(code(nlp, text), "ACCUSE")
    assert [a.canonical for a in ev.actor] == ["Paul Rivière"]
    assert [a.code for a in ev.recipient] == ["BLR"]
    plain = '"Ce procès contre la Biélorussie commence lundi", a déclaré l\'avocat Paul Rivière.'
    assert not [e for e in code(nlp, plain) if e.event == "ACCUSE"]


def test_a_critical_verb_with_an_object_keeps_its_slots(nlp) -> None:
    ev = one(code(nlp, "Le ministre Pierre Lenoir a dénoncé la décision de la Turquie."), "ACCUSE")
    assert [a.code for a in ev.recipient] == ["TUR"]


def test_a_quotation_does_not_override_the_recipient_the_verb_names(nlp) -> None:
    text = "\"Vous avez menti au monde entier\", a accusé le ministre Paul Lenoir à l'adresse d'Ankara."
    ev = one(code(nlp, text), "ACCUSE")
    assert [a.canonical for a in ev.actor] == ["Paul Lenoir"]
    assert [a.code for a in ev.recipient] == ["TUR"]


def test_a_verb_the_lemmatizer_left_conjugated(nlp) -> None:
    ev = one(code(nlp, "Le syndicat CGT réclame une hausse des salaires au gouvernement."), "REQUEST")
    assert ev.actor and ev.actor[0].canonical == "CGT"


@pytest.mark.parametrize(
    ("text", "etype"),
    [
        ("La militante Greta Lind a réprimandé les dirigeants européens.", "ACCUSE"),
        ("Des heurts entre manifestants et policiers ont éclaté samedi à Alger.", "ASSAULT"),
        ("Le gouvernement italien a assoupli les restrictions de circulation.", "CONCEDE"),
        ("Le parquet a requis dix ans de prison contre l'ancien maire.", "ACCUSE"),
    ],
)
def test_triggers_added_from_corpus_frequency(nlp, text: str, etype: str) -> None:
    assert one(code(nlp, text), etype).actor


def test_a_truce_declared_void_has_collapsed(nlp) -> None:
    ev = one(code(nlp, "Les rebelles ont déclaré caduc le cessez-le-feu signé en mars."), "REJECT")
    assert ev.ceasefire == "collapsed"
    ev = one(code(nlp, "Le gouvernement a déclaré un cessez-le-feu unilatéral de trois jours."), "CONCEDE")
    assert ev.ceasefire == "declared"


def test_a_protest_noun_alone_in_an_article_about_protests(nlp) -> None:
    text = (
        "Des milliers de manifestants ont défilé samedi à Brelune contre la réforme. "
        "Le rassemblement est le plus important depuis 2014."
    )
    protests = [e for e in code(nlp, text) if e.event == "PROTEST"]
    assert any(e.event_text == "rassemblement" for e in protests)


def test_no_protest_in_a_gathering_limit_a_party_name_or_a_police_deployment(nlp) -> None:
    for text in (
        "Les rassemblements restent limités à dix personnes dans l'espace public jusqu'au 21 juin.",
        "Le Rassemblement national a désigné Paul Garnier comme tête de liste à Brelune.",
        "Des milliers de manifestants sont attendus. La mobilisation des forces de l'ordre sera renforcée.",
    ):
        assert not [e for e in code(nlp, text) if e.event == "PROTEST" and e.event_text != "manifestants"], (
            text
        )


def test_a_noun_a_preposition_makes_an_event(nlp) -> None:
    # "à l'appel de X": X called for it; "en soutien à X": the subject backs X
    ev = one(
        code(nlp, "Des viticulteurs ont manifesté mardi devant la mairie de Brelune à l'appel de la FNSEA."),
        "REQUEST",
    )
    assert [a.canonical for a in ev.actor] == ["FNSEA"]
    ev = one(
        code(nlp, "Des salariés ont défilé jeudi en soutien aux grévistes de l'usine Brelac."), "SUPPORT"
    )
    assert [a.canonical for a in ev.actor] == ["salariés"] and [a.canonical for a in ev.recipient] == [
        "grévistes"
    ]


def test_words_of_scorn_in_a_quotation_make_a_criticism(nlp) -> None:
    text = "« Cette réforme est un fiasco, Paul Garnier a fait preuve d'amateurisme », a déclaré Luc Morel."
    ev = one(code(nlp, text), "ACCUSE")
    assert [a.canonical for a in ev.actor] == ["Luc Morel"]
    # judgements of wrong and words of disappointment, not descriptions of a fact
    for text in (
        "« Cette décision du conseil municipal est injuste et illégitime », a estimé Luc Morel.",
        "Luc Morel s'est dit « très déçu » par la décision du conseil municipal de Brelune.",
    ):
        assert [a.canonical for a in one(code(nlp, text), "ACCUSE").actor] == ["Luc Morel"], text
    text = "Réveillé, il a tenté de dire quelques mots confus, a raconté Luc Morel."
    assert not [e for e in code(nlp, text) if e.event == "ACCUSE"]


def test_hurting_oneself_is_no_assault(nlp) -> None:
    assert not [
        e
        for e in code(nlp, "Le suspect a sauté d'un pont et s'est grièvement blessé dans sa chute.")
        if e.event == "ASSAULT"
    ]
    assert one(code(nlp, "Un homme a blessé deux policiers à Brelune."), "ASSAULT").recipient


def test_clashes_and_arrests_named_by_a_noun(nlp) -> None:
    text = "La marche de Brelune a été émaillée d'escarmouches entre grévistes et policiers."
    ev = one(code(nlp, text), "ASSAULT")  # "entre X et Y" hung on the verb, not the noun
    assert sorted(a.canonical for a in ev.actor) == ["grévistes", "policiers"]
    ev = one(code(nlp, "Paul Garnier est mort en 2016 après son interpellation par des gendarmes."), "COERCE")
    assert [a.canonical for a in ev.actor] == ["gendarmes"]


def test_the_speakers_own_description_is_not_the_one_criticised(nlp) -> None:
    text = (
        "« Paul Garnier fait sa propagande aux frais de l'État, je ne trouve pas ça honnête », "
        "a critiqué la porte-parole des Verts Marie Lenoir."
    )
    ev = one(code(nlp, text), "ACCUSE")
    assert [a.canonical for a in ev.actor] == ["Marie Lenoir"]
    assert "Verts" not in [a.canonical for a in ev.recipient]


def test_a_bare_day_between_the_verb_and_its_object(nlp) -> None:
    ev = one(code(nlp, "Paul Garnier reçoit jeudi les présidents de l'Assemblée et du Sénat."), "CONSULT")
    assert [a.canonical for a in ev.actor] == ["présidents"]
    assert [a.canonical for a in ev.recipient] == ["Paul Garnier"]


def test_a_warning_with_a_stated_consequence_anywhere_in_its_clause(nlp) -> None:
    text = "Le ministre Paul Garnier a mis en garde contre un conflit majeur en cas d'annexion."
    assert [a.canonical for a in one(code(nlp, text), "THREATEN").actor] == ["Paul Garnier"]
    text = (
        "Paul Garnier a parlé aux élus. « En cas de refus, nous quitterons la table », a-t-il mis en garde."
    )
    assert [a.canonical for a in one(code(nlp, text), "THREATEN").actor] == ["Paul Garnier"]


def test_a_participle_opening_the_sentence_is_said_of_its_subject(nlp) -> None:
    text = "Salué comme historique par les syndicats, le plan de Luc Morel prévoit une hausse des salaires."
    ev = one(code(nlp, text), "SUPPORT")
    assert [a.canonical for a in ev.actor] == ["syndicats"]
    assert [a.canonical for a in ev.recipient] == ["Luc Morel"]


def test_more_requests_warnings_denials_and_tributes(nlp) -> None:
    for text, event, actor, recipient in (
        ("Le maire Paul Garnier a suggéré au préfet de fermer le pont.", "REQUEST", "Paul Garnier", "préfet"),
        ("Luc Morel a insisté pour être reçu par le préfet.", "REQUEST", "Luc Morel", None),
        (
            "« En cas de nouvelle violence, nous fermerons la frontière », a prévenu le ministre Paul Garnier.",
            "THREATEN",
            "Paul Garnier",
            None,
        ),
        ("Les avocats de Paul Garnier contestent la décision du préfet.", "REJECT", "avocats", "préfet"),
        (
            "La ministre Marie Lenoir a rendu hommage aux policiers de Brelune.",
            "SUPPORT",
            "Marie Lenoir",
            "policiers",
        ),
    ):
        ev = one(code(nlp, text), event)
        assert [a.canonical for a in ev.actor] == [actor], text
        if recipient:
            assert [a.canonical for a in ev.recipient] == [recipient], text
    # insisting on a point is no request; a reporting "insister" neither
    for text in (
        "« Il faut rester prudent », a insisté Luc Morel.",
        "Les médecins insistent sur le fait que la vague n'est pas passée.",
    ):
        assert not [e for e in code(nlp, text) if e.event == "REQUEST"], text


def test_se_faire_with_an_infinitive_is_a_passive(nlp) -> None:
    for text in (
        "Paul Garnier s'est fait agresser par deux hommes à Brelune.",
        "Paul Garnier s'est fait rouer de coups par deux hommes à Brelune.",
        # a passive subject first in the body (token 0) is one too
        "Paul Garnier a été agressé par deux hommes à Brelune.",
    ):
        ev = one(code(nlp, text), "ASSAULT")
        assert [a.canonical for a in ev.actor] == ["hommes"], text
        assert [a.canonical for a in ev.recipient] == ["Paul Garnier"], text


def test_at_the_request_of_someone(nlp) -> None:
    # not the announcement's light verb carrying the request: X asked, Y acted
    ev = one(
        code(nlp, "À la demande de Paul Garnier, le ministre Luc Morel a annoncé des mesures."), "REQUEST"
    )
    assert [a.canonical for a in ev.actor] == ["Paul Garnier"]
    assert [a.canonical for a in ev.recipient] == ["Luc Morel"]


def test_words_of_acclaim_in_a_quotation_back_someone(nlp) -> None:
    text = "« Le préfet Luc Morel a fait un travail remarquable », a souligné le ministre Paul Garnier."
    ev = one(code(nlp, text), "SUPPORT")
    assert [a.canonical for a in ev.actor] == ["Paul Garnier"]
    assert [a.canonical for a in ev.recipient] == ["Luc Morel"]
    # scorn wins over acclaim: one event, a criticism
    text = "« Ce bilan remarquable est un mensonge », a réagi Paul Garnier."
    assert [e.event for e in code(nlp, text)] == ["ACCUSE"]


def test_criticism_named_by_a_noun(nlp) -> None:
    ev = one(
        code(nlp, "Des critiques inédites de la part de Marie Lenoir contre le maire Luc Morel."), "ACCUSE"
    )
    assert [a.canonical for a in ev.actor] == ["Marie Lenoir"]
    assert [a.canonical for a in ev.recipient] == ["Luc Morel"]
    # a review is no criticism of anyone
    assert not code(nlp, "Le film a reçu de bonnes critiques dans la presse.")


@pytest.mark.parametrize(
    ("text", "etype"),
    [
        ("Le ministre Paul Garnier s'est défendu d'avoir menti aux députés.", "REJECT"),
        ("Le maire Luc Morel a défendu le préfet Claude Vidal.", "SUPPORT"),
        ("La députée Claire Vidal s'est réjouie de la décision du ministre Paul Garnier.", "SUPPORT"),
        ("La sénatrice Claire Vidal s'est émue de la décision du ministre Paul Garnier.", "ACCUSE"),
        ("Le député Luc Morel a taclé le ministre Paul Garnier.", "ACCUSE"),
        ("Le ministre Paul Garnier a haussé le ton face aux syndicats.", "ACCUSE"),
        ("Le maire Luc Morel a tendu la main à la députée Claire Vidal.", "AGREE"),
        ("Le député Luc Morel a volé au secours du ministre Paul Garnier.", "SUPPORT"),
        ("Le député Luc Morel a rallié la candidate Claire Vidal.", "SUPPORT"),
        ("Des passants ont alerté la police.", "REQUEST"),
        ("Les gendarmes sont intervenus vers minuit à Brelune.", "MOBILIZE"),
        ("Le gouvernement de Valmorie a refermé ses frontières.", "COERCE"),
        ("Le ministre Paul Garnier a quitté le gouvernement en mars.", "RETREAT"),
        ("L'ancien maire Luc Morel a plaidé coupable.", "CONCEDE"),
        ("La ministre Claire Vidal a reconnu une faute.", "CONCEDE"),
        ("Le député Luc Morel a saisi la justice.", "ACCUSE"),
        ("Le député Luc Morel a saisi le tribunal administratif de Brelune.", "REQUEST"),
        ("Le député Luc Morel a renvoyé la responsabilité sur le préfet Claude Vidal.", "ACCUSE"),
        ("Le député Luc Morel a déposé une main courante.", "ACCUSE"),
        ("La droite a déposé une motion de censure contre le gouvernement.", "ACCUSE"),
        ("Le projet a suscité les railleries du député Luc Morel.", "ACCUSE"),
        ("Le ministère a diligenté une enquête sur la fédération.", "ACCUSE"),
        ("Les policiers ont procédé à des verbalisations.", "COERCE"),
        ("Le juge a décidé l'abandon des poursuites contre Paul Garnier.", "CONCEDE"),
        ('"Tu es une ignoble ordure", a lancé le député Luc Morel au ministre Paul Garnier.', "ACCUSE"),
        ("Les manifestants scandaient des slogans hostiles au maire Luc Morel.", "PROTEST"),
        ("Des étudiants ont installé des barricades devant l'université de Brelune.", "PROTEST"),
        ("Le député Luc Morel a tiré à boulets rouges sur le ministre Paul Garnier.", "ACCUSE"),
        ("Des policiers ont passé à tabac un jeune homme à Brelune.", "ASSAULT"),
    ],
)
def test_triggers_added_for_unknown_lemmas(nlp, text: str, etype: str) -> None:
    assert one(code(nlp, text), etype).actor


@pytest.mark.parametrize(
    ("text", "etype"),
    [
        # an infinitive of intention, a thing seized, a term's end, a loss regretted, a sum
        ("Le député Luc Morel a annoncé son intention de saisir la justice.", "ACCUSE"),
        ("La douane a saisi deux tonnes de cannabis à Brelune.", "ACCUSE"),
        ("Le ministre Paul Garnier quittera ses fonctions le 20 janvier.", "RETREAT"),
        ("Le maire Luc Morel a regretté la mort de trois passants.", "ACCUSE"),
        ("Le déficit s'est élevé à trois milliards d'euros.", "ACCUSE"),
    ],
)
def test_conditions_of_triggers_added_for_unknown_lemmas(nlp, text: str, etype: str) -> None:
    assert not [e for e in code(nlp, text) if e.event == etype and not e.negated]


# -- session 10: conditions that turned down triggers the lexicon knows ---------------------------


def test_a_past_participle_qualifying_a_noun_has_it_as_its_content(nlp) -> None:
    # "demander" needs a content: the noun the participle qualifies is what was asked for
    ev = one(code(nlp, "Le ministre a présenté une réforme réclamée par les syndicats agricoles."), "REQUEST")
    assert [a.canonical for a in ev.actor] == ["syndicats agricoles"]


def test_a_place_taken_for_the_object_of_an_intransitive_protest_verb(nlp) -> None:
    ev = one(code(nlp, "Le 3 mars, les premiers contestataires manifestaient partout France."), "PROTEST")
    assert [a.canonical for a in ev.actor] == ["contestataires"]


def test_a_resignation_named_by_its_noun_alone(nlp) -> None:
    text = (
        "Six mois après la démission fracassante du ministre Paul Garnier, le gouvernement a changé de cap."
    )
    ev = one(code(nlp, text), "RETREAT")
    assert ev.mode == "resign"
    assert [a.canonical for a in ev.actor] == ["Paul Garnier"]


def test_taking_a_matter_to_the_courts_is_a_complaint(nlp) -> None:
    text = "La maire de Brelune Claire Vidal a saisi la justice après les propos de Paul Garnier."
    ev = one(code(nlp, text), "ACCUSE")
    assert [a.canonical for a in ev.actor] == ["Claire Vidal"]


def test_legal_and_parliamentary_complaints_filed(nlp) -> None:
    for text, who in (
        ("Paul Garnier a déposé un recours devant le tribunal administratif.", "Paul Garnier"),
        ("Le député Paul Garnier a déposé une main courante après des menaces.", "Paul Garnier"),
        ("La droite a déposé une motion de censure contre le gouvernement.", "droite"),
    ):
        ev = one(code(nlp, text), "ACCUSE")
        assert [a.canonical for a in ev.actor] == [who], text
    ev = one(code(nlp, "Le syndicat a lancé des investigations sur la direction de l'usine."), "ACCUSE")
    assert ev.mode == "investigate"


def test_a_resort_to_something_is_no_legal_appeal(nlp) -> None:
    evs = code(nlp, "Le gouvernement a annoncé le recours à la force contre les rebelles.")
    assert not [e for e in evs if e.event == "ACCUSE"], [(e.event, e.event_text) for e in evs]


def test_scorn_reported_by_lancer(nlp) -> None:
    text = '"Ce procès est une mascarade", a lancé Paul Garnier à la sortie de l\'audience.'
    ev = one(code(nlp, text), "ACCUSE")
    assert [a.canonical for a in ev.actor] == ["Paul Garnier"]


def test_a_charge_of_lying_is_scorn(nlp) -> None:
    ev = one(code(nlp, "Paul Garnier a estimé que le gouvernement avait menti aux Français."), "ACCUSE")
    assert [a.canonical for a in ev.actor] == ["Paul Garnier"]


def test_the_infinitive_of_a_request_hung_on_the_one_asked(nlp) -> None:
    text = (
        "Les députés demandent solennellement au président de l'Assemblée nationale de défendre "
        "l'honneur de la Chambre."
    )
    ev = one(code(nlp, text), "REQUEST")
    assert [a.canonical for a in ev.recipient] == ["président de l'Assemblée nationale"]


def test_the_infinitive_of_a_request_parsed_as_adjectival(nlp) -> None:
    text = (
        "Claire Vidal demande au tribunal de suspendre la réunion du 27 janvier et de respecter les statuts."
    )
    ev = one(code(nlp, text), "REQUEST")
    assert [a.canonical for a in ev.actor] == ["Claire Vidal"]


def test_backing_tweeted(nlp) -> None:
    ev = one(code(nlp, "Le maire de Brelune, Paul Garnier, a twitté son soutien aux grévistes."), "SUPPORT")
    assert "Paul Garnier" in [a.canonical for a in ev.actor]


def test_the_infinitive_of_a_call_hung_on_the_medium(nlp) -> None:
    text = "Paul Garnier avait appelé dans une vidéo sur Facebook à bloquer les routes de Valmorie."
    ev = one(code(nlp, text), "REQUEST")
    assert [a.canonical for a in ev.actor] == ["Paul Garnier"]


def test_an_infinitive_hung_on_a_participle_describing_the_object(nlp) -> None:
    # "appeler X à faire": a call, also when the parse hangs "à quitter" on "dites"
    text = 'Le ministre Paul Garnier a également appelé les factions rebelles dites "modérées" à quitter les quartiers de Brelune.'
    ev = one(code(nlp, text), "REQUEST")
    assert [a.canonical for a in ev.actor] == ["Paul Garnier"]


def test_no_event_inside_a_direct_question(nlp) -> None:
    for text in (
        "Faut-il interdire les manifestations à Brelune ?",
        "Le ministre Paul Garnier a-t-il levé des fonds pour financer sa campagne ?",
    ):
        assert not [e for e in code(nlp, text) if e.event in ("COERCE", "PROTEST", "AID")], text
    # a question quoted before its reporting verb is the quotation's: the verb's act stands
    text = "« Qui paiera les dégâts ? », a dénoncé le maire Paul Garnier à propos du préfet Luc Morel."
    assert one(code(nlp, text), "ACCUSE").actor


def test_an_offer_is_of_ones_own_act_or_to_someone(nlp) -> None:
    ev = one(code(nlp, "Le ministre Paul Garnier a proposé de rencontrer les syndicats de Brelune."), "AGREE")
    assert [a.canonical for a in ev.actor] == ["Paul Garnier"]
    assert one(code(nlp, "Paul Garnier a proposé une trêve aux rebelles de Valmorie."), "AGREE").recipient
    # putting an idea forward offers nobody anything
    for text in (
        "La députée Claire Vidal propose une réforme du scrutin pour relancer la participation.",
        "Le maire Paul Garnier a proposé un référendum sur le nouveau pont.",
    ):
        assert not [e for e in code(nlp, text) if e.event == "AGREE"], text


def test_a_protest_told_twice_in_a_sentence_is_one(nlp) -> None:
    for text in (
        "Les agriculteurs ont défilé samedi à Brelune lors de manifestations émaillées de heurts.",
        "Le militant Paul Garnier a entamé une grève de la faim pour protester contre sa détention à Valmorie.",
        "Les grèves et les manifestations se poursuivent à Brelune depuis trois semaines.",
    ):
        protests = [e for e in code(nlp, text) if e.event == "PROTEST" and not e.negated]
        assert len(protests) == 1, (text, [e.event_text for e in protests])


def test_se_rendre_is_a_visit_to_someone_or_for_a_meeting(nlp) -> None:
    assert one(
        code(nlp, "Le ministre Paul Garnier s'est rendu jeudi chez le préfet Luc Morel."), "CONSULT"
    ).recipient
    text = "Le ministre Paul Garnier s'est rendu jeudi à Brelune pour une rencontre avec les élus."
    assert one(code(nlp, text), "CONSULT").actor
    # a trip to a place alone meets no one
    text = "Le ministre Paul Garnier s'est rendu jeudi sur le site de l'usine incendiée."
    assert not [e for e in code(nlp, text) if e.event == "CONSULT"], text


def test_a_fight_is_against_an_adversary_and_a_pledge_is_to_act(nlp) -> None:
    assert one(
        code(nlp, "Les soldats de Valmorie ont combattu les rebelles près de Brelune."), "ASSAULT"
    ).actor
    for text in (
        "Trois cents soldats de Valmorie combattent les incendies depuis samedi.",
        "Le gouvernement de Valmorie doit affronter une crise sans précédent.",
    ):
        assert not [e for e in code(nlp, text) if e.event == "ASSAULT"], text
    assert one(code(nlp, "Le ministre Paul Garnier s'est engagé à rencontrer les syndicats."), "AGREE").actor
    text = "Le député Paul Garnier s'est engagé de l'autre côté de la frontière, à Brelune."
    assert not [e for e in code(nlp, text) if e.event == "AGREE"], text


def test_interpeller_arrests_only_when_the_police_or_the_courts_do_it(nlp) -> None:
    assert one(code(nlp, "La police de Brelune a interpellé Paul Garnier jeudi soir."), "COERCE").recipient
    text = "Le député Paul Garnier a interpellé la ministre Claire Vidal lors des questions au gouvernement."
    assert not [e for e in code(nlp, text) if e.event == "COERCE"], text


def test_se_retrouver_is_a_meeting_only_with_someone_or_for_talks(nlp) -> None:
    text = "Le ministre Paul Garnier s'est retrouvé jeudi au cœur d'une polémique à Brelune."
    assert not [e for e in code(nlp, text) if e.event == "CONSULT"], text
    text = "Le ministre Paul Garnier s'est retrouvé jeudi avec le maire Luc Morel à Brelune."
    assert one(code(nlp, text), "CONSULT").recipient


def test_regret_of_a_state_of_things_reported_is_no_accusation(nlp) -> None:
    text = "La pluie a gêné les travaux du pont de Brelune, a regretté le maire Paul Garnier."
    assert not [e for e in code(nlp, text) if e.event == "ACCUSE"]
    ev = one(code(nlp, "Le maire Paul Garnier a regretté la décision du préfet Luc Morel."), "ACCUSE")
    assert [a.canonical for a in ev.recipient] == ["Luc Morel"]
