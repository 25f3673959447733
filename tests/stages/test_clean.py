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
