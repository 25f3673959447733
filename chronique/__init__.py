"""chronique: dated, sourced chronologies and event data from piles of news articles.

The library comes first; the ``chronique`` command is a thin layer over it::

    from chronique import Settings, build
    report = build(["articles/"], Settings(db="story.db"))

Public names are imported lazily so that worker processes and ``chronique --help`` stay light.
"""

from __future__ import annotations

import logging
from typing import Any

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = ["Settings", "__version__", "build"]


def __getattr__(name: str) -> Any:
    if name == "Settings":
        from chronique.settings import Settings

        return Settings
    if name == "build":
        from chronique.pipeline import build

        return build
    raise AttributeError(f"module 'chronique' has no attribute {name!r}")
