"""The annotation stage: paragraphs as units, offsets into the body, typographic characters, tense."""

from __future__ import annotations

import pytest

from chronique.models import RawDocument
from chronique.settings import Settings
from chronique.stages.annotate import Annotation, annotate, annotate_text, for_model, load_model
from chronique.stages.clean import clean

pytestmark = pytest.mark.model

TEXT = (
    "Le conseil de Valmorie s’est réuni mardi à Brena\n\n"
    "La ministre Irène Castellan a déclaré qu’elle n’accepterait aucun report. "
    "Elle quittera ses fonctions le 20 janvier.\n\n"
    "Les délégués sont attendus samedi à Lissandre. Ils vont signer l’accord lundi."
)


@pytest.fixture(scope="module")
def nlp():
    return load_model()


def test_for_model_keeps_length() -> None:
    s = "l’ONU «\u00a0trêve\u00a0» “x”"
    assert len(for_model(s)) == len(s) and "’" not in for_model(s)


def test_paragraphs_are_units_and_offsets_index_the_body(nlp) -> None:
    art = clean(RawDocument("x.txt", "x", "txt", "Titre court de l'article\n\n" + TEXT), Settings())
    (ann,) = annotate([art], nlp)
    assert {s.paragraph for s in ann.sentences} == set(range(len(art.paragraphs)))
    for s in ann.sentences:  # no sentence crosses a paragraph boundary
        p = art.paragraphs[s.paragraph]
        assert p.start <= s.start < s.end <= p.end
    for t in ann.tokens:
        assert art.body[t.start : t.end].strip() == art.body[t.start : t.end]
    # the subhead-like first line with no final stop is its own sentence
    assert ann.sentences[0].end <= art.paragraphs[0].end


def test_apostrophes_do_not_become_entities(nlp) -> None:
    ann = annotate_text(TEXT, nlp)
    texts = [ann.text[e.start : e.end] for e in ann.entities]
    assert not any(t.lower() in ("qu’", "n’", "s’", "l’", "qu'", "n'") for t in texts), texts
    assert any("Castellan" in t for t in texts)


def test_tense_direction(nlp) -> None:
    ann = annotate_text(TEXT, nlp)
    at = lambda w: ann.tense_at(TEXT.index(w))  # noqa: E731
    assert at("mardi") == "past"
    assert at("20 janvier") == "future"
    assert at("lundi") == "future"


def test_roundtrip_bytes(nlp) -> None:
    ann = annotate_text(TEXT, nlp)
    back = Annotation.from_bytes(ann.article_id, ann.text, ann.to_bytes())
    assert back.tokens == ann.tokens and back.sentences == ann.sentences and back.entities == ann.entities
