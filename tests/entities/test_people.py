"""What the text says of people and short forms: a role's country shared by every mention of the
person, the article's country for an unqualified office, the collection's knowledge, a role's
name after an apposition, "l'Union" for the organisation the article named.

People are invented; countries, capitals and organisations are real (they are language data).
"""

from __future__ import annotations

import re

import pytest

from chronique.entities import roles
from chronique.entities.gazetteer import load
from chronique.entities.linking import harmonise, link
from chronique.entities.records import Mention
from chronique.models import Article, Paragraph
from chronique.stages.annotate import annotate, load_model
from chronique.stages.entities import extract_mentions


def m(aid: str, text: str, label: str = "PER", **kw) -> Mention:
    start = kw.pop("start", 0)
    return Mention(aid, kw.pop("sentence", 0), start, start + len(text), text, label, **kw)


def test_every_mention_of_a_person_shares_what_one_says() -> None:
    ms = [
        m("a", "Ivan Petrovitch", start=0, country="BLR", sector="GOV", role="head_of_state"),
        m("a", "Ivan Petrovitch", start=100, sentence=4),
        m("a", "Petrovitch", start=200, sentence=6, ref=1),
        m("a", "Olga Ivanova", start=300, sentence=7),
    ]
    roles.share(ms, load("fr"))
    assert [(x.country, x.sector) for x in ms[:3]] == [("BLR", "GOV")] * 3
    assert ms[3].country == "" and ms[3].sector == ""


def test_an_unqualified_office_takes_the_articles_country_flagged_inferred() -> None:
    ms = [
        m("a", "Jean Tartempion", role="prime_minister", sector="GOV"),
        m("a", "Paul Dupont", start=40, role="president"),  # a president of what? left alone
        m("a", "Ana Lima", start=80, role="ambassador", sector="GOV"),  # usually a foreign one
    ]
    roles.national(ms, "fr", "LBN")
    assert (ms[0].country, ms[0].flags) == ("LBN", "country-inferred")
    assert ms[1].country == "" and ms[2].country == ""


def test_the_collection_gives_a_person_the_country_another_article_states() -> None:
    arts = {
        "a1": [m("a1", "Jean Tartempion", country="FRA", sector="GOV", role="head_of_state")],
        "a2": [m("a2", "Jean Tartempion")],
        "a3": [m("a3", "Jean Tartempion", country="MLI", flags="country-inferred")],
    }
    harmonise(arts, link(arts))
    assert arts["a2"][0].country == "FRA" and arts["a2"][0].sector == "GOV"
    assert arts["a3"][0].country == "FRA" and "country-inferred" not in arts["a3"][0].flags


@pytest.fixture(scope="module")
def nlp():
    return load_model()


def article(text: str) -> Article:
    paras = [Paragraph(x.start(), x.end(), x.start(), lang="fr") for x in re.finditer(r"[^\n]+", text)]
    return Article("a1", "a1", "a1.txt", "txt", text, text, paras, lang="fr")


def mentions(nlp, text: str) -> list[Mention]:
    art = article(text)
    (ann,) = annotate([art], nlp)
    return extract_mentions(art, ann, "fr")


@pytest.mark.model
def test_a_role_finds_its_name_after_an_apposition(nlp) -> None:
    ms = mentions(
        nlp,
        "Le président du Tchad, un pays voisin de la Libye, Saleh Ousmane Abakar, a condamné l'attaque.",
    )
    person = next(x for x in ms if x.text == "Saleh Ousmane Abakar")
    assert (person.country, person.sector) == ("TCD", "GOV")


@pytest.mark.model
def test_lunion_is_the_union_the_article_named(nlp) -> None:
    ms = mentions(
        nlp,
        "L'UE a adopté des sanctions contre Minsk. L'Union est aux côtés du peuple bélarusse, a dit un diplomate.",
    )
    union = next(x for x in ms if x.text == "Union")
    assert union.key == "IGO:Union européenne" and union.org == "EUR"
