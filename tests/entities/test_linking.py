"""Linking hand-built mentions over a collection (pure: no model, no store)."""

from __future__ import annotations

from chronique.entities.linking import harmonise, link
from chronique.entities.records import Mention


def m(aid: str, text: str, label: str, **kw) -> Mention:
    start = kw.pop("start", 0)
    return Mention(aid, kw.pop("sentence", 0), start, start + len(text), text, label, **kw)


def by_name(entities):
    return {e.name: e for e in entities}


def test_spelling_variants_merge_under_the_most_frequent_full_form() -> None:
    arts = {
        "a1": [m("a1", "Sergueï Lavrov", "PER"), m("a1", "Sergueï Lavrov", "PER", start=50)],
        "a2": [m("a2", "Sergeï Lavrov", "PER")],
        "a3": [m("a3", "Bachar el-Assad", "PER")],
        "a4": [m("a4", "Bachar al-Assad", "PER"), m("a4", "Assad", "PER", start=40)],
    }
    ents = by_name(link(arts, dates={"a1": "2016-02-20", "a2": "2020-02-26", "a4": "2016-12-07"}))
    lavrov = ents["Sergueï Lavrov"]
    assert lavrov.aliases == ["Sergeï Lavrov"] and lavrov.mentions == 3
    assert (lavrov.first_date, lavrov.last_date) == ("2016-02-20", "2020-02-26")
    assert lavrov.articles == ["a1", "a2"]
    assert "Bachar al-Assad" in ents  # a tie: alphabetical order decides, deterministic
    assert set(ents["Bachar al-Assad"].aliases) == {"Bachar el-Assad", "Assad"}


def test_a_surname_alone_joins_the_one_full_name_of_the_collection() -> None:
    arts = {
        "a1": [m("a1", "John Kerry", "PER")],
        "a2": [m("a2", "Kerry", "PER", title="M.")],
        "a3": [m("a3", "Lavrov", "PER")],  # no full name anywhere: stays as it is
    }
    ents = by_name(link(arts))
    assert ents["John Kerry"].mentions == 2 and ents["John Kerry"].aliases == ["Kerry"]
    assert "Lavrov" in ents


def test_short_forms_follow_their_article_not_their_spelling() -> None:
    # two Hallydays: each article says which one its "Hallyday" is
    arts = {
        "a1": [m("a1", "Johnny Hallyday", "PER"), m("a1", "Hallyday", "PER", start=30, ref=0)],
        "a2": [m("a2", "Laeticia Hallyday", "PER"), m("a2", "Hallyday", "PER", start=30, ref=0)],
    }
    ents = by_name(link(arts))
    assert ents["Johnny Hallyday"].mentions == 2 and ents["Laeticia Hallyday"].mentions == 2


def test_acronyms_join_the_expansion_an_article_gives() -> None:
    arts = {
        "a1": [
            m("a1", "Observatoire syrien des droits de l'Homme", "ORG"),
            m("a1", "OSDH", "ORG", start=60, kind="acronym", ref=0),
        ],
        "a2": [m("a2", "OSDH", "ORG")],
    }
    (e,) = link(arts)
    assert e.name == "Observatoire syrien des droits de l'Homme" and e.aliases == ["OSDH"] and e.mentions == 3


def test_identity_keys_give_types_countries_and_actor_names() -> None:
    arts = {
        "a1": [
            m("a1", "Syrie", "LOC", key="GPE:SYR", country="SYR"),
            m("a1", "syrien", "MISC", start=20, kind="demonym", key="GPE:SYR", country="SYR"),
            m(
                "a1",
                "Damas",
                "LOC",
                start=40,
                kind="metonymy",
                key="ACT:SYR:GOV",
                country="SYR",
                sector="GOV",
            ),
            m(
                "a1",
                "le régime syrien",
                "ORG",
                start=60,
                kind="group",
                key="ACT:SYR:GOV",
                country="SYR",
                sector="GOV",
            ),
            m("a1", "Idleb", "LOC", start=90, key="GEO:169389", geonames_id=169389, country="SYR"),
        ],
        "a2": [m("a2", "Idlib", "LOC", key="GEO:169389", geonames_id=169389, country="SYR")],
    }
    ents = by_name(link(arts))
    assert ents["Syrie"].type == "GPE" and ents["Syrie"].country == "SYR" and ents["Syrie"].mentions == 2
    assert ents["Syrie"].aliases == []  # demonyms are mentions of the country, not names of it
    gov = ents["Syrie (gouvernement)"]
    assert (gov.type, gov.country, gov.sector, gov.code) == ("ORG", "SYR", "GOV", "SYR")
    assert set(gov.aliases) == {"Damas", "le régime syrien"}
    idlib = ents["Idlib"]  # GeoNames' own name, used by the collection, beats the more frequent form
    assert idlib.type == "LOC" and idlib.aliases == ["Idleb"] and idlib.lat is not None


def test_roles_without_a_person_make_no_entity_and_roles_with_one_count_for_them() -> None:
    arts = {
        "a1": [
            m("a1", "John Kerry", "PER", role="secretary_of_state", country="USA", sector="GOV"),
            m(
                "a1",
                "le chef de la diplomatie américaine",
                "PER",
                start=40,
                kind="role",
                ref=0,
                country="USA",
            ),
            m("a1", "le ministre russe", "PER", start=90, kind="role", country="RUS"),
        ]
    }
    (e,) = link(arts)
    assert e.name == "John Kerry" and e.mentions == 2 and e.country == "USA" and e.code == "USA"
    assert e.aliases == []  # a role description is not a name


def test_harmonise_gives_every_name_the_class_of_its_entity() -> None:
    arts = {
        "a1": [m("a1", "Le Parisien", "ORG", flags="")],
        "a2": [m("a2", "Parisien", "ORG")],
        "a3": [m("a3", "Parisien", "LOC")],
    }
    ents = link(arts)
    assert len(ents) == 1 and ents[0].name == "Le Parisien"  # "Le" inside a sentence: part of the name
    assert harmonise(arts, ents) == 1 and arts["a3"][0].label == "ORG"


def test_a_sentence_opening_determiner_is_not_part_of_the_name() -> None:
    arts = {
        "a1": [m("a1", "L'Assemblée nationale", "ORG", flags="initial")],
        "a2": [m("a2", "Assemblée nationale", "ORG")],
    }
    (e,) = link(arts)
    assert e.name == "Assemblée nationale"


def test_a_one_word_person_that_other_mentions_call_a_place_is_that_place() -> None:
    arts = {
        "a1": [m("a1", "Brenvasse", "PER"), m("a1", "Brenvasse", "PER", start=30)],
        "a2": [m("a2", "Brenvase", "LOC")],
        # a surname alone stays a person when a full name ends with it, even if a place shares it
        "a3": [m("a3", "Lucie Marvane", "PER"), m("a3", "Marvane", "PER", start=40)],
        "a4": [m("a4", "Marvane", "LOC")],
    }
    ents = by_name(link(arts))
    place = ents["Brenvasse"]
    assert place.type == "LOC" and place.mentions == 3 and place.aliases == ["Brenvase"]
    assert ents["Lucie Marvane"].type == "PER" and ents["Lucie Marvane"].mentions == 2
    assert ents["Marvane"].type == "LOC"
