"""The annotation stage: paragraphs as units, offsets into the body, typographic characters, tense."""

from __future__ import annotations

import pytest

from chronique.models import RawDocument
from chronique.settings import Settings
from chronique.stages.annotate import (
    Annotation,
    annotate,
    annotate_text,
    for_model,
    load_model,
    sentence_starts,
)
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


def _starts(text: str) -> list[str]:
    """The words where :func:`sentence_starts` allows a sentence to start. Tokens are separated by
    spaces; one ending in "~" is glued to the next, as the tokenizer cuts "Port-Brelune"."""
    raw = text.split(" ")
    words = [w.rstrip("~") for w in raw]
    spaces = [not w.endswith("~") for w in raw[:-1]] + [False]
    return [w for w, s in zip(words, sentence_starts(words, spaces), strict=True) if s is not False]


def test_sentence_starts_only_where_a_sentence_can_end() -> None:
    assert _starts("À Brelune , le maire a parlé . Il partira .") == ["À", "Il"]
    # a sentence-final mark inside a quotation followed by its verb in lower case
    assert _starts('"~ Nous viendrons~ !~ " a dit Paul Garnier~ .') == ['"']
    # the closing quote is passed over; a capital after it may start the next sentence
    assert _starts('il a dit "~ non~ .~ " Marie Lenoir a répondu~ .') == ["il", "Marie"]
    # names and hyphenated words are never cut; nor are agency signatures
    assert _starts("Port~ -~ Brelune accueille New York . str~ -~ abc~ /~ de") == ["Port"]
    # inline "- Subhead -" and a line of capitals head a new sentence
    assert _starts("LES MAIRES EN COLÈRE Les maires ont protesté .") == ["LES", "Les"]
    assert _starts("- Réactions - Marie Lenoir a dénoncé la décision .")[-1] == "Marie"


def test_the_parser_keeps_a_fronted_place_in_its_sentence(nlp) -> None:
    text = "À Brelune, le maire Paul Garnier a condamné mardi l'incendie de la mairie. Il a porté plainte."
    ann = annotate_text(text, nlp)
    assert [text[s.start : s.end] for s in ann.sentences] == [
        "À Brelune, le maire Paul Garnier a condamné mardi l'incendie de la mairie.",
        "Il a porté plainte.",
    ]
    place = ann.tokens[ann.token_at(text.index("Brelune")) or 0]
    assert text[ann.tokens[place.head].start : ann.tokens[place.head].end] == "condamné"


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
