"""The temporal tagger on hand-written French sentences: coverage, values, spans, anchoring, tense."""

from __future__ import annotations

import datetime as dt

import pytest

from chronique.time import Timex, tag

WED = dt.date(2016, 12, 7)  # a Wednesday


def one(text: str, anchor: dt.date | None = WED, **kw: object) -> Timex:
    found = tag(text, anchor, **kw)  # type: ignore[arg-type]
    assert len(found) == 1, [(t.text, t.value) for t in found]
    return found[0]


def values(text: str, anchor: dt.date | None = WED) -> list[tuple[str, str]]:
    return [(t.text, t.value) for t in tag(text, anchor)]


# ------------------------------------------------------------------------------------------- absolute dates


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("Il est né le 3 mars 1952 à Lyon.", "le 3 mars 1952", "1952-03-03"),
        ("La loi a été votée le 1er juillet 2015.", "le 1er juillet 2015", "2015-07-01"),
        ("Le conseil a siégé mardi 29 novembre.", "mardi 29 novembre", "2016-11-29"),
        ("Rendez-vous le samedi 10 décembre.", "le samedi 10 décembre", "2016-12-10"),
        ("Signé le 10/11/2016 à Paris.", "le 10/11/2016", "2016-11-10"),
        ("Publié le 03/05/16.", "le 03/05/16", "2016-05-03"),
        ("Le chantier a débuté en octobre 98.", "octobre 98", "1998-10"),
        ("L'usine a fermé en mai 2014.", "mai 2014", "2014-05"),
        ("Les faits remontent au 12 juin 2003.", "12 juin 2003", "2003-06-12"),
        ("Un accord signé le 4 avril dernier.", "le 4 avril dernier", "2016-04-04"),
        ("Le vote aura lieu en juin prochain.", "juin prochain", "2017-06"),
        ("Il a été élu en septembre dernier.", "septembre dernier", "2016-09"),
    ],
)
def test_absolute_and_named_dates(text: str, span: str, value: str) -> None:
    t = one(text)
    assert (t.text, t.value, t.type) == (span, value, "DATE")


def test_prepositions_stay_out_of_the_span() -> None:
    assert values("La ville a changé depuis 2011 et en 2014.") == [("2011", "2011"), ("2014", "2014")]
    assert values("Les élections du 30 mai ont été annulées.") == [("30 mai", "2016-05-30")]


def test_day_pair_and_elided_ranges() -> None:
    t = one("Réunis à Munich les 11-12 février, ils ont signé un accord.", dt.date(2016, 2, 20))
    assert (t.value, t.begin, t.end_value) == ("2016-02-11/2016-02-12", "2016-02-11", "2016-02-12")
    a, b = tag("Le festival s'est tenu du 13 au 15 juillet.", WED)
    assert (a.text, a.value, b.text, b.value) == ("13", "2016-07-13", "15 juillet", "2016-07-15")
    assert a.begin == b.begin == "2016-07-13" and a.end_value == b.end_value == "2016-07-15"
    a, b = tag("Les scrutins auront lieu les 6 et 13 avril prochains.", WED)
    assert (a.text, a.value, b.text, b.value) == ("les 6", "2017-04-06", "13 avril prochains", "2017-04-13")


def test_intervals_of_two_expressions() -> None:
    a, b = tag("L'armée avait mené une offensive entre avril et août.", dt.date(2019, 12, 26))
    assert (a.value, b.value) == ("2019-04", "2019-08")
    assert (a.begin, a.end_value) == (b.begin, b.end_value) == ("2019-04", "2019-08")
    a, b = tag("La salle sera ouverte de 18 h à 23 h.", WED)
    assert (a.value, b.value, a.type) == ("2016-12-07T18:00", "2016-12-07T23:00", "TIME")
    assert a.begin == "2016-12-07T18:00" and b.end_value == "2016-12-07T23:00"


# ------------------------------------------------------------------------------------------- tense decides direction


def test_bare_weekdays_follow_the_tense() -> None:
    assert one("Le ministre a démissionné vendredi.").value == "2016-12-02"
    assert one("Le ministre démissionnera vendredi.").value == "2016-12-09"
    assert one("Le ministre a parlé mercredi.").value == "2016-12-07"  # the anchor itself
    assert one("Le ministre est attendu à Paris samedi.").value == "2016-12-10"  # lexical future
    t = one("Une réunion est prévue lundi à Genève.")
    assert (t.value, t.direction) == ("2016-12-12", "future")


def test_weekday_and_relative_modifier() -> None:
    assert one("Il est arrivé vendredi dernier.").value == "2016-12-02"
    assert one("Il arrivera mercredi prochain.").value == "2016-12-14"
    assert one("Il l'a vu mercredi dernier.").value == "2016-11-30"
    t = one("Ils ont dîné samedi soir.", dt.date(2016, 2, 20))
    assert (t.value, t.type, t.precision) == ("2016-02-20TEV", "TIME", "part-of-day")


def test_an_expression_stops_at_a_paragraph_break() -> None:
    text = "Le conseil de Brelune a voté vendredi\n\nLa semaine dernière, le maire avait promis un vote."
    assert [t.text for t in tag(text, WED)] == ["vendredi", "La semaine dernière"]


def test_a_capitalised_unit_after_its_number_is_a_name() -> None:
    # a daily paper, a race, a television news programme
    for text in (
        "Selon 20 Minutes, le conseil a voté.",
        "Il a couru les 24 Heures du Mans.",
        "au 20 Heures de Brelune TV",
    ):
        assert tag(text, WED) == [], text
    assert one("Le conseil a siégé 20 minutes.").value == "PT20M"
    assert one("LE CONSEIL A SIÉGÉ 20 MINUTES").value == "PT20M"


def test_months_and_dates_follow_the_tense() -> None:
    assert one("Il quittera ses fonctions le 20 janvier.").value == "2017-01-20"
    assert one("Il a pris ses fonctions le 20 janvier.").value == "2016-01-20"
    assert one("Le cessez-le-feu a été annoncé en août.", dt.date(2019, 12, 26)).value == "2019-08"
    assert one("Le sommet se tiendra en mars.").value == "2017-03"


def test_a_past_verb_about_a_day_a_few_weeks_ahead_keeps_the_coming_day() -> None:
    # A past verb often reports a decision about a near date; a day of last year is far behind.
    assert one("Le conseil a repoussé le vote au 19 décembre.").value == "2016-12-19"
    assert one("Les syndicats avaient fixé au 2 janvier la reprise.").value == "2017-01-02"
    # More than a month ahead: the past tense means last year's.
    assert one("La digue a cédé le 28 janvier.").value == "2016-01-28"
    assert one("Le marché a rouvert le 3 décembre.").value == "2016-12-03"


def test_month_abbreviations_without_their_dot_after_a_day() -> None:
    assert values("- 14 fév: une grève a paralysé Brena.", WED) == [("14 fév", "2016-02-14")]
    assert values("le 9 nov 2015, puis le 2 déc.", WED) == [
        ("le 9 nov 2015", "2015-11-09"),
        ("le 2 déc.", "2016-12-02"),
    ]
    assert values("Les 14 octets du message.", WED) == []


def test_a_clock_time_after_a_date_is_not_a_two_digit_year() -> None:
    assert values("Publié le 22 octobre 17:22 par un lecteur.", WED) == [
        ("le 22 octobre", "2016-10-22"),
        ("17:22", "2016-10-22T17:22"),
    ]


def test_relative_clause_does_not_lend_its_tense() -> None:
    found = values(
        "Mardi, le secrétaire d'Etat, qui quittera ses fonctions le 20 janvier, avait plaidé pour une trêve."
    )
    assert found == [("Mardi", "2016-12-06"), ("le 20 janvier", "2017-01-20")]


def test_infinitive_leaves_the_date_to_the_calendar() -> None:
    # "avant de quitter": the matrix verb's past says nothing about the date; the nearest one wins
    t = one("Le général l'a rappelé, avant de quitter ses fonctions le 30 octobre.", dt.date(2002, 9, 14))
    assert t.value == "2002-10-30"


def test_morphology_is_used_when_given() -> None:
    text = "Le ministre se rend à Berlin jeudi."
    assert one(text).value == "2016-12-01"  # present: the latest Thursday
    assert one(text, tense=lambda offset: "future").value == "2016-12-08"


# ------------------------------------------------------------------------------------------- relative days, weeks, years


@pytest.mark.parametrize(
    ("text", "span", "value", "type_"),
    [
        ("Il a été arrêté hier.", "hier", "2016-12-06", "DATE"),
        ("Il a été arrêté avant-hier.", "avant-hier", "2016-12-05", "DATE"),
        ("Il sera jugé demain.", "demain", "2016-12-08", "DATE"),
        ("Il est décédé hier matin.", "hier matin", "2016-12-06TMO", "TIME"),
        ("Le film passe ce soir.", "ce soir", "2016-12-07TEV", "TIME"),
        ("Les discussions se terminent aujourd'hui.", "aujourd'hui", "2016-12-07", "DATE"),
        ("Il l'a dit la semaine dernière.", "la semaine dernière", "2016-W48", "DATE"),
        ("Il l'a dit cette semaine.", "cette semaine", "2016-W49", "DATE"),
        ("Les ventes ont chuté l'an dernier.", "l'an dernier", "2015", "DATE"),
        ("Les ventes ont chuté l'année dernière.", "l'année dernière", "2015", "DATE"),
        ("Il reviendra le mois prochain.", "le mois prochain", "2017-01", "DATE"),
        ("Il est parti il y a trois semaines.", "trois semaines", "2016-W46", "DATE"),
        ("Il reviendra dans deux mois.", "deux mois", "2017-02", "DATE"),
        ("Les travaux seront finis à la fin de l'année.", "la fin de l'année", "2016", "DATE"),
        (
            "La toiture a été refaite à la fin de l'année dernière.",
            "la fin de l'année dernière",
            "2015",
            "DATE",
        ),
        ("Le gouvernement tombera ce week-end.", "ce week-end", "2016-W49-WE", "DATE"),
        ("Des coureurs se sont rendus ce week-end à Genève.", "ce week-end", "2016-W48-WE", "DATE"),
        ("Le bilan du premier trimestre 2016 est bon.", "premier trimestre 2016", "2016-Q1", "DATE"),
    ],
)
def test_relative_expressions(text: str, span: str, value: str, type_: str) -> None:
    t = one(text)
    assert (t.text, t.value, t.type) == (span, value, type_)


def test_fuzzy_positions_and_parts() -> None:
    anchor = dt.date(2019, 12, 26)
    assert [(t.text, t.value, t.mod) for t in tag("Les frappes ont repris mi-décembre.", anchor)] == [
        ("mi-décembre", "2019-12", "MID")
    ]
    assert one("Il a été nommé début avril.", anchor).mod == "START"
    t = one("Une trêve a été mise en place fin mars.", anchor)
    assert (t.text, t.value, t.mod) == ("fin mars", "2019-03", "END")
    t = one("Ils ont voté la première quinzaine d'avril.", anchor)
    assert (t.value, t.mod, t.begin, t.end_value) == ("2019-04", "START", "2019-04-01", "2019-04-15")


def test_seasons_decades_centuries() -> None:
    assert values("Il est venu l'été dernier.") == [("l'été dernier", "2016-SU")]
    assert values("Elle reviendra cet hiver.") == [("cet hiver", "2016-WI")]
    assert values("Le groupe a connu la gloire dans les années 1990.") == [("les années 1990", "199")]
    assert values("Une mode du début des années 60.") == [("début des années 60", "196")]
    assert values("Une église du XIXe siècle.") == [("XIXe siècle", "18")]
    assert values("Elle a été bâtie à la fin du XVIIe siècle.") == [("la fin du XVIIe siècle", "16")]


def test_holidays() -> None:
    assert values("Il a été libéré à Noël.") == [("Noël", "2015-12-25")]
    assert values("Les magasins ouvriront à Pâques.") == [("Pâques", "2017-04-16")]
    assert values("Noël Mamère a pris la parole.") == []


# ------------------------------------------------------------------------------------------- previous date as reference


def test_relative_to_the_last_date_of_the_text() -> None:
    text = "Le 2 mars, il a été arrêté. Le lendemain, il a avoué. La veille, il avait fui. Deux jours plus tard, il a été jugé."
    found = tag(text, WED)
    assert [(t.text, t.value, t.anchor_kind) for t in found] == [
        ("Le 2 mars", "2016-03-02", "document"),
        ("Le lendemain", "2016-03-03", "previous-timex"),
        ("La veille", "2016-03-02", "previous-timex"),
        ("Deux jours", "2016-03-04", "previous-timex"),
    ]
    assert found[1].anchor == "2016-03-02"


def test_relative_to_the_anchor_without_a_previous_date() -> None:
    t = one("Le lendemain, il a avoué.")
    assert (t.value, t.anchor_kind, t.anchor) == ("2016-12-08", "document", "2016-12-07")


def test_lendemain_with_a_weekday() -> None:
    text = "Neuf pays ont réclamé mercredi une trêve. Lavrov a rejeté dès le lendemain mardi les appels."
    assert values(text, dt.date(2020, 2, 26)) == [
        ("mercredi", "2020-02-26"),
        ("le lendemain mardi", "2020-02-25"),
    ]


def test_la_veille_de_a_date() -> None:
    assert values("Il est arrivé la veille du 14 juillet.", dt.date(2016, 8, 1)) == [
        ("la veille", "2016-07-13"),
        ("14 juillet", "2016-07-14"),
    ]


def test_clock_times_take_the_day_around_them() -> None:
    found = values("Il a été blessé mardi vers 21 h 45. Il est décédé hier matin.", dt.date(1999, 5, 20))
    assert found == [
        ("mardi", "1999-05-18"),
        ("21 h 45", "1999-05-18T21:45"),
        ("hier matin", "1999-05-19TMO"),
    ]
    assert values("La fumée est apparue vers 15 h 30, hier.", dt.date(2003, 2, 23)) == [
        ("15 h 30", "2003-02-22T15:30"),
        ("hier", "2003-02-22"),
    ]
    t = one("Le train est arrivé à 15h13.")
    assert (t.value, t.type, t.precision) == ("2016-12-07T15:13", "TIME", "time")
    assert one("Il est passé vers midi.").value == "2016-12-07T12:00"


def test_parts_of_the_day_alone() -> None:
    found = values("Il est arrivé hier. Il devait ouvrir les Jeux dans la soirée.", dt.date(2002, 2, 9))
    assert found == [("hier", "2002-02-08"), ("la soirée", "2002-02-08TEV")]


# ------------------------------------------------------------------------------------------- durations and sets


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("Il a passé trois ans en prison.", "trois ans", "P3Y"),
        ("Le cessez-le-feu durera cinq jours.", "cinq jours", "P5D"),
        ("Ces trois dernières années, il a milité.", "Ces trois dernières années", "P3Y"),
        ("Une réunion d'environ une heure.", "environ une heure", "PT1H"),
        ("Le TGV a été retardé de quinze minutes.", "quinze minutes", "PT15M"),
        ("Il le devance de 30,4 secondes.", "30,4 secondes", "PT30.4S"),
        ("Le hangar sert depuis un quart de siècle.", "un quart de siècle", "P25Y"),
        ("Il est condamné à deux ans et demi de prison.", "deux ans et demi", "P30M"),
        ("Le mandat est de dix-huit mois.", "dix-huit mois", "P18M"),
        ("Ces derniers jours, il a montré des signes de faiblesse.", "Ces derniers jours", "PXD"),
        ("Il échappe depuis plusieurs jours aux recherches.", "plusieurs jours", "PXD"),
        ("Il est le premier depuis des années.", "des années", "PXY"),
        ("Un accord est attendu dans les prochaines heures.", "les prochaines heures", "PTXH"),
        ("Ils ont négocié pendant 48 heures.", "48 heures", "PT48H"),
        ("Il ne veut pas d'un septennat.", "septennat", "P7Y"),
    ],
)
def test_durations(text: str, span: str, value: str) -> None:
    t = one(text)
    assert (t.text, t.value, t.type) == (span, value, "DURATION")


def test_duration_mod_and_interval() -> None:
    t = one("Une réunion d'environ une heure.")
    assert t.mod == "APPROX"
    t = one("Ces trois dernières années, il a milité.")
    assert (t.begin, t.end_value) == ("2013-12-07", "2016-12-07")


def test_vague_ago_is_a_duration_as_in_the_french_timebank() -> None:
    t = one("La centrale avait été inaugurée il y a quelques mois.")
    assert (t.text, t.type, t.value) == ("quelques mois", "DURATION", "PXM")


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("Il passe chaque jeudi.", "chaque jeudi", "XXXX-WXX-4"),
        ("Les inscriptions ont lieu tous les jeudis.", "tous les jeudis", "XXXX-WXX-4"),
        ("Ils se procurent chaque jour le journal.", "chaque jour", "P1D"),
        ("Il vient tous les deux ans.", "tous les deux ans", "P2Y"),
        ("Le pays exporte 5 milliards de dollars par semestre.", "semestre", "P6M"),
        ("Lors du traditionnel dîner annuel du Crif.", "annuel", "P1Y"),
        ("La bibliothèque rouvrira uniquement le mercredi.", "le mercredi", "XXXX-WXX-3"),
    ],
)
def test_sets(text: str, span: str, value: str) -> None:
    t = one(text)
    assert (t.text, t.value, t.type) == (span, value, "SET")


def test_references_to_now_past_future() -> None:
    t = one("La liste est désormais complète.")
    assert (t.value, t.type, t.precision) == ("PRESENT_REF", "TIME", "ref")
    assert one("Il avait auparavant été ministre.").value == "PAST_REF"
    assert one("Il doit prochainement comparaître.").value == "FUTURE_REF"
    assert values("Il est sorti en maintenant la pression.") == []


# ------------------------------------------------------------------------------------------- no false positives


@pytest.mark.parametrize(
    "text",
    [
        "Après 14 veto de la Russie, le Conseil est divisé.",
        "Le régime contrôle plus de 70% du territoire.",
        "Quelque 900 000 personnes ont fui les combats.",
        "Un chauffeur de bus de 38 ans a été agressé.",
        "Philippe, 30 ans, demeurant à Laxou, a été blessé.",
        "Agée de 90 ans, elle n'avait jamais quitté son village.",
        "Un tournoi réservé aux moins de 17 ans.",
        "Des activités pour les 6-16 ans.",
        "Il a été condamné à 5.000 F d'amende.",
        "Il compte 2000 salariés et 1.761.138 m de papier.",
        "Elle a été transportée au 37, rue de la Libération.",
        "Appeler le 03.29.88.43.12 pour s'inscrire.",
        "Les Jeux olympiques d'hiver ont lieu à Salt Lake City.",
        "La sonde a atterri sur la planète Mars.",
        "Il a été élu à la tête du parti.",
        "Les quotidiens étrangers se vendent bien.",
        "Il a fait le printemps arabe.",
        "L'équipe a gagné 8 à 3.",
        "Le dernier round de négociations a échoué.",
        "Un jour, il faudra payer.",
    ],
)
def test_numbers_and_words_that_are_not_dates(text: str) -> None:
    assert values(text) == []


def test_a_meeting_of_about_an_hour_is_a_duration_but_not_an_age() -> None:
    assert values("Une femme d'une trentaine d'années est tombée.") == []
    assert values("Une grève d'une dizaine de jours.") == [("une dizaine de jours", "P10D")]


# ------------------------------------------------------------------------------------------- offsets and API


def test_offsets_are_code_points_of_the_text_given() -> None:
    text = "«Rendez-vous» — le 1ᵉʳ mai, puis 🎉 le 8 mai."
    for t in tag(text, WED):
        assert text[t.start : t.end] == t.text
    assert [t.value for t in tag(text, WED)] == ["2016-05-01", "2016-05-08"]  # no verb: May is not near


def test_no_anchor_leaves_unknown_parts() -> None:
    assert values("Il viendra mercredi, le 3 mai.", None) == [
        ("mercredi", "XXXX-WXX-3"),
        ("le 3 mai", "XXXX-05-03"),
    ]
    assert values("Le 3 mai 2016, il est arrivé. Le lendemain il repartait.", None) == [
        ("Le 3 mai 2016", "2016-05-03"),
        ("Le lendemain", "2016-05-04"),
    ]


def test_rule_and_anchor_are_reported() -> None:
    t = one("Il a été arrêté hier.")
    assert t.rule == "day.deixis" and t.anchor == "2016-12-07" and t.anchor_kind == "document"
    t = one("Il est né le 3 mars 1952.")
    assert t.anchor == "" and t.anchor_kind == "none"
    assert set(t.to_dict()) >= {"start", "end", "text", "type", "value"}


def test_empty_text_datetime_anchor_and_unknown_language() -> None:
    from chronique.errors import LanguageDataError

    assert tag("", WED) == []
    assert one("Il est venu hier.", dt.datetime(2016, 12, 7, 15, 30)).value == "2016-12-06"
    with pytest.raises(LanguageDataError, match=r"time\.yaml"):
        tag("yesterday", WED, lang="en")


# ------------------------------------------------------------------------------------------- regressions seen on news


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("Deux frères, âgés de 23 et 25 ans, ont été arrêtés.", WED, []),
        ("Une seconde manifestation a eu lieu.", WED, []),
        ("Il est mort à 85 ans.", WED, []),
        ("Il s'en ira d'ici à dix ans.", WED, [("dix ans", "P10Y")]),
        ("L'éclipse durera 7h30.", WED, [("7h30", "PT7H30M")]),
        ("Il a parlé après une heure de tractations.", WED, [("une heure", "PT1H")]),
        ("Il a passé 48 h de garde à vue.", WED, [("48 h", "PT48H")]),
        (
            "Publié le 07/12/2016 12:12.",
            WED,
            [("le 07/12/2016", "2016-12-07"), ("12:12", "2016-12-07T12:12")],
        ),
        ("Il l'a dit dans le quotidien Le Soir.", WED, []),
        ("La nuit dernière, un incendie a éclaté.", WED, [("La nuit dernière", "2016-12-06TNI")]),
        ("Il a été interpellé hier en soirée.", WED, [("hier", "2016-12-06"), ("soirée", "2016-12-06TEV")]),
        (
            "Le festival aura lieu le week-end des 5 et 6 juin.",
            WED,
            [("5", "2017-06-05"), ("6 juin", "2017-06-06")],
        ),
        (
            "Dimanche, à partir de 14 h, les enfants joueront.",
            WED,
            [("Dimanche", "2016-12-11"), ("14 h", "2016-12-11T14:00")],
        ),
        ("D'ici à octobre, nous discuterons.", dt.date(2020, 8, 30), [("octobre", "2020-10")]),
        ("Depuis septembre, le conseil refuse.", dt.date(2018, 6, 16), [("septembre", "2017-09")]),
        (
            "Les sentiers fermeront du 10 juillet au 10 septembre.",
            dt.date(2020, 5, 18),
            [("10 juillet", "2020-07-10"), ("10 septembre", "2020-09-10")],
        ),
        (
            "Le 6 mars, la crue dépasse la cote d'alerte à Brena.",
            dt.date(2020, 9, 12),
            [("Le 6 mars", "2020-03-06")],
        ),
        (
            "Un syndicat appelle à la grève le 17 septembre.",
            dt.date(2020, 9, 3),
            [("le 17 septembre", "2020-09-17")],
        ),
    ],
)
def test_news_regressions(text: str, anchor: dt.date, expected: list[tuple[str, str]]) -> None:
    assert values(text, anchor) == expected
