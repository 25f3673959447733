"""Language data: one folder per language (``lang/fr/``, ``lang/en/``), YAML and word lists.

The code that uses these files knows no French. Adding a language means adding a folder with the
same files; ``tests/lang/test_integrity.py`` checks every folder has the same keys and that
every pattern compiles.
"""

from __future__ import annotations

import functools
import re
from importlib import resources
from typing import Any

import yaml

from chronique.errors import LanguageDataError


def available() -> list[str]:
    """Language codes that have a data folder."""
    root = resources.files("chronique.lang")
    return sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith("_"))


@functools.cache
def load(code: str, name: str) -> Any:
    """The parsed content of ``lang/<code>/<name>`` (``.yaml`` parsed, ``.txt`` as a list of lines)."""
    path = resources.files("chronique.lang").joinpath(code, name)
    if not path.is_file():
        raise LanguageDataError(
            f"no language data {name!r} for language {code!r} (looked for chronique/lang/{code}/{name}); "
            f"languages with data: {', '.join(available())}"
        )
    text = path.read_text(encoding="utf-8")
    if name.endswith(".txt"):
        return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise LanguageDataError(f"chronique/lang/{code}/{name} is not valid YAML: {exc}") from exc


def compile_all(patterns: list[str], *, whole: bool = False) -> list[re.Pattern[str]]:
    """Compile case-insensitive patterns; ``whole`` anchors each to the whole string."""
    out = []
    for p in patterns:
        src = rf"^(?:{p})$" if whole else p
        try:
            out.append(re.compile(src, re.IGNORECASE | re.UNICODE))
        except re.error as exc:
            raise LanguageDataError(f"bad pattern {p!r}: {exc}") from exc
    return out
