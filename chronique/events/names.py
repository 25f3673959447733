"""Small text helpers for event coding: accent folding, determiners off a phrase."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Lower case, accents removed, typographic apostrophes and spaces made plain."""
    text = text.replace("’", "'").replace("\u00a0", " ").replace("\u202f", " ")
    nfd = unicodedata.normalize("NFD", text.lower())
    return " ".join("".join(c for c in nfd if not unicodedata.combining(c)).split())
