"""Helpers for the ingest tests: inputs are written by hand into tmp_path."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from chronique.ingest import read_file
from chronique.models import RawDocument, Skip
from chronique.settings import Settings

#: A French paragraph with the characters encodings get wrong.
FRENCH = (
    "Le ministre a déclaré mercredi à Paris qu’il était « très préoccupé » par la crise. "
    "Sa sœur, élève à l’école, a reçu un cœur en chocolat à Noël ; voilà l’œuvre d’un été."
)


def write(path: Path, content: str | bytes, encoding: str = "utf-8") -> Path:
    """Write ``content`` to ``path`` (gzipped when the name ends in .gz), creating folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode(encoding) if isinstance(content, str) else content
    if path.name.endswith(".gz"):
        data = gzip.compress(data)
    path.write_bytes(data)
    return path


def jsonl(records: Iterable[Any]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def read_all(path: Path, settings: Settings) -> tuple[list[RawDocument], list[Skip]]:
    docs: list[RawDocument] = []
    skips: list[Skip] = []
    for item in read_file(path, settings):
        (skips if isinstance(item, Skip) else docs).append(item)  # type: ignore[arg-type]
    return docs, skips
