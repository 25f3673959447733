from __future__ import annotations

import pytest

from chronique.ingest.fields import ALIASES, FieldMap, looks_like_html, scalar
from chronique.settings import Settings


@pytest.fixture
def fields(settings: Settings) -> FieldMap:
    return FieldMap(settings)


@pytest.mark.parametrize("key", sorted(ALIASES))
def test_every_alias_is_recognised(fields: FieldMap, key: str) -> None:
    for alias in ALIASES[key]:
        record = {alias.upper(): "42", "x": "y"}  # case-insensitive
        if key != "text":
            record["text"] = "Le texte."
        found = fields.extract(record)
        if key == "text":
            assert found.text == "42"
        else:
            assert found.meta[key] == "42"
            assert found.origin[key] == f"field:{alias.upper()}"


def test_first_alias_in_order_wins(fields: FieldMap) -> None:
    found = fields.extract(
        {"content": "C", "body": "B", "headline": "H", "title": "T", "published": "P", "date": "D"}
    )
    assert found.text == "B"
    assert found.meta["title"] == "T"
    assert found.meta["date"] == "D"
    assert found.origin == {"title": "field:title", "date": "field:date"}


def test_empty_value_falls_through_to_next_alias(fields: FieldMap) -> None:
    found = fields.extract({"text": "  ", "article": "Le texte.", "title": "", "headline": "Titre"})
    assert found.text == "Le texte."
    assert found.meta["title"] == "Titre"


def test_only_known_meta_keys(fields: FieldMap) -> None:
    found = fields.extract({"text": "t", "category": "monde", "tags": ["a"], "summary": "Chapô"})
    assert set(found.meta) == {"heading"}


def test_nested_values_are_not_text(fields: FieldMap) -> None:
    found = fields.extract({"text": ["un", "deux"], "title": {"fr": "Titre"}})
    assert found.text is None
    assert "list" in found.problem
    assert "title" not in found.meta


def test_numbers_are_stringified_and_epoch_dates_stay_numbers(fields: FieldMap) -> None:
    found = fields.extract({"text": "t", "id": 9617, "timestamp": 1612345678, "uid": 3.0})
    assert found.meta["id"] == "9617"
    assert found.meta["date"] == "1612345678"
    assert fields.extract({"text": "t", "date": 1612345678.25}).meta["date"] == "1612345678.25"


@pytest.mark.parametrize("value", [None, True, False, [], {}, "", "   ", float("nan")])
def test_scalar_rejects_non_values(value: object) -> None:
    assert scalar(value) is None


def test_missing_text_names_the_fields_present(fields: FieldMap) -> None:
    found = fields.extract({"titre": "T", "corps": "le texte"})
    assert found.text is None
    assert "titre, corps" in found.problem
    assert "text_field" in found.problem


def test_override_uses_exactly_that_name(settings: Settings) -> None:
    fields = FieldMap(settings.replace(text_field="corps", title_field="Titre_FR", date_field="jour"))
    found = fields.extract(
        {"text": "pas ça", "corps": "Le texte.", "title": "no", "Titre_FR": "Oui", "jour": "3 mai"}
    )
    assert found.text == "Le texte."
    assert found.meta["title"] == "Oui"
    assert found.meta["date"] == "3 mai"
    assert found.origin["title"] == "field:Titre_FR"


def test_override_missing_field_is_explained(settings: Settings) -> None:
    fields = FieldMap(settings.replace(text_field="corps"))
    found = fields.extract({"text": "Le texte.", "id": "1"})
    assert found.text is None
    assert "'corps'" in found.problem and "text, id" in found.problem
    assert found.meta["id"] == "1"


def test_field_claimed_by_a_setting_is_not_used_for_another_key(settings: Settings) -> None:
    fields = FieldMap(settings.replace(text_field="summary", source_field="journal"))
    found = fields.extract(
        {"summary": "Le texte.", "description": "Chapô", "source": "x", "journal": "Le Temps"}
    )
    assert found.text == "Le texte."
    assert found.meta["heading"] == "Chapô"
    assert found.meta["outlet"] == "Le Temps"


def test_newlines_are_normalised_in_text(fields: FieldMap) -> None:
    assert fields.extract({"text": "a\r\nb\rc"}).text == "a\nb\nc"


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("<p>Un paragraphe.</p>", True),
        ("\n  <div class='x'>Texte</div>", True),
        ("<!DOCTYPE html><html><body>x</body></html>", True),
        ("<3 les chats", False),
        ("Le <p> est une balise", False),
        ("<Le Monde> titre", False),
        ("", False),
    ],
)
def test_looks_like_html(text: str, html: bool) -> None:
    assert looks_like_html(text) is html
