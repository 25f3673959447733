"""The cleaner on hand-written articles (the seeds have their own tests in test_clean_seeds.py)."""

from __future__ import annotations

from chronique.models import RawDocument
from chronique.settings import Settings
from chronique.stages.clean import clean


def body(text: str) -> str:
    return clean(RawDocument("t.txt", "t", "txt", text), Settings()).body


def test_newsletter_promotions_are_boilerplate_but_a_sentence_with_recevez_is_kept() -> None:
    text = (
        "Les habitants de Brena ont évacué le quartier du port.\n\n"
        "Chaque soir à 18 heures, recevez l'essentiel de l'actualité régionale\n\n"
        "Recevez gratuitement notre lettre du matin.\n\n"
        "Recevez les réfugiés dignement, a lancé la maire aux préfets réunis dans la salle du conseil."
    )
    out = body(text)
    assert "recevez l'essentiel" not in out and "lettre du matin" not in out
    assert out.startswith("Les habitants de Brena")
    assert out.endswith("réunis dans la salle du conseil.")


def paragraphs(text: str) -> list[str]:
    art = clean(RawDocument("t.txt", "t", "txt", text), Settings())
    return [art.body[p.start : p.end] for p in art.paragraphs]


def test_a_subhead_glued_to_its_paragraph_is_cut_off() -> None:
    # scrapers that drop the markup between a subhead and the next paragraph leave "…judiciaireIl"
    text = (
        "Le maire de Brelune, Paul Garnier, a été entendu mardi par les enquêteurs du parquet.\n\n"
        "Placé sous contrôle judiciaireIl s'est défendu en affirmant n'avoir rien su du contrat.\n\n"
        "Une plainte déposée en marsL'association Brelune Propre avait saisi la justice au printemps."
    )
    paras = paragraphs(text)
    assert "Placé sous contrôle judiciaire" in paras
    assert "Il s'est défendu en affirmant n'avoir rien su du contrat." in paras
    assert "L'association Brelune Propre avait saisi la justice au printemps." in paras


def test_names_written_in_camel_case_are_not_cut() -> None:
    text = (
        "La vidéo publiée sur YouTube et TikTok par Marie Lenoir a été vue cent mille fois.\n\n"
        "Elle a ensuite été reprise par le site LesEchos et par BuzzFeed, selon son entourage."
    )
    assert len(paragraphs(text)) == 2
