"""The entities stage on invented French sentences: junk, boundaries, recovery, roles, metonymy.

People and organisations are invented; countries and capitals are real (they are language data).
"""

from __future__ import annotations

import re

import pytest

from chronique.models import Article, Paragraph
from chronique.stages.annotate import annotate, load_model
from chronique.stages.entities import extract_mentions

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def nlp():
    return load_model()


def article(text: str, *, foreign: tuple[int, ...] = ()) -> Article:
    paras = []
    for i, m in enumerate(re.finditer(r"[^\n]+", text)):
        paras.append(Paragraph(m.start(), m.end(), m.start(), lang="en" if i in foreign else "fr"))
    return Article("a1", "a1", "a1.txt", "txt", text, text, paras, lang="fr")


@pytest.fixture(scope="module")
def read(nlp):
    def _read(text: str, **kw):
        art = article(text, **kw)
        (ann,) = annotate([art], nlp)
        return extract_mentions(art, ann)

    return _read


def names(ms, *kinds: str) -> dict[str, object]:
    kinds = kinds or ("name", "acronym", "metonymy")
    return {m.text: m for m in ms if m.kind in kinds}


def test_junk_is_dropped_and_boundaries_fixed(read) -> None:
    ms = read(
        "La France a annoncé mardi qu’elle n’enverrait pas de délégation à Genève.\n"
        "Selon l'AFP.Il a ajouté que le ministre Irène Castellan serait à Moscou."
    )
    texts = set(names(ms))
    assert {"France", "Genève", "AFP"} <= texts
    assert not any(t.lower() in ("qu’", "n’", "la france", "afp.il") for t in texts), texts
    assert not any(t[:1].islower() for t in texts), texts


def test_titles_roles_and_short_forms(read) -> None:
    ms = read(
        "Le secrétaire d’État américain Paul Verdane a rencontré son homologue russe Oleg Tamarov.\n"
        "M. Verdane a ensuite appelé Mme Sandrel. MM. Verdane et Tamarov se reverront.\n"
        "Le chef de la diplomatie russe a refusé de commenter."
    )
    n = names(ms)
    verdane, tamarov = n["Paul Verdane"], n["Oleg Tamarov"]
    assert (verdane.country, verdane.sector, verdane.role) == ("USA", "GOV", "secretary_of_state")
    assert tamarov.country == "RUS" and tamarov.role == "foreign_minister"  # the counterpart's office
    assert "État" not in n  # a word of the role, not a place
    short = [m for m in ms if m.text == "Verdane"]
    assert short and all(ms[m.ref].text == "Paul Verdane" for m in short)
    assert any(m.text == "Sandrel" and m.title == "Mme" for m in ms)
    assert {m.text for m in ms if m.title == "MM."} == {"Verdane", "Tamarov"}
    (role,) = [m for m in ms if m.kind == "role" and "russe" in m.text]
    assert ms[role.ref].text in ("Oleg Tamarov", "Tamarov")


def test_acronyms_after_their_expansion(read) -> None:
    ms = read(
        "Selon le Comité valmorien des droits civiques (CVDC), les combats ont repris.\n"
        "Le CVDC a compté 40 morts."
    )
    acr = [m for m in ms if m.text == "CVDC"]
    assert len(acr) == 2 and all(m.kind == "acronym" for m in acr)
    assert all(ms[m.ref].text == "Comité valmorien des droits civiques" for m in acr)


def test_countries_demonyms_and_places(read) -> None:
    ms = read(
        "Les forces syriennes ont repris Idleb, près de la frontière de la Turquie, selon un diplomate allemand."
    )
    n = names(ms)
    assert n["Turquie"].key == "GPE:TUR" and n["Idleb"].country == "SYR" and n["Idleb"].geonames_id
    dem = names(ms, "demonym")
    assert dem["allemand"].country == "DEU"
    (group,) = [m for m in ms if m.kind == "group"]
    assert group.key == "ACT:SYR:MIL"


def test_capitals_are_governments_when_they_act_and_places_when_they_are_places(read) -> None:
    ms = read(
        "Moscou a rejeté mardi les accusations de Washington.\n"
        "Le diplomate est arrivé à Moscou dans la soirée."
    )
    moscou = [m for m in ms if m.text == "Moscou"]
    assert [m.kind for m in moscou] == ["metonymy", "name"]
    assert moscou[0].key == "ACT:RUS:GOV" and moscou[1].key.startswith("GEO:")
    assert names(ms)["Washington"].key == "ACT:USA:GOV"


def test_seats_of_power_and_international_organisations(read) -> None:
    ms = read("Le Kremlin a salué la décision de l’ONU, a indiqué le porte-parole de l’ONU, Marc Oliveri.")
    n = names(ms)
    assert n["Kremlin"].key == "ACT:RUS:GOV"
    assert n["ONU"].key.startswith("IGO:") and n["ONU"].org == "UNO"
    assert n["Marc Oliveri"].org == "UNO" and n["Marc Oliveri"].role == "spokesperson"


def test_foreign_paragraphs_are_not_read(read) -> None:
    ms = read(
        "Le président a écrit sur Twitter.\nRussia and Syria are killing civilians, Paul Verdane said.",
        foreign=(1,),
    )
    assert not any(m.start >= 34 for m in ms)


def test_offsets_index_the_body(read) -> None:
    text = "« Nous irons à Genève », a déclaré Paul Verdane à l’AFP."
    for m in read(text):
        assert text[m.start : m.end] == m.text
