"""``tense(offset)`` from the annotation stage (spaCy morphology), for the CLI and the evaluations.

The tagger itself never needs spaCy. Inside the pipeline, the annotation stage has already read
each article and its ``Annotation.tense_at`` is passed to :func:`chronique.time.tag`. For a bare
text (``chronique timex``, ``chronique eval timeml``) this module annotates *only the sentences that
hold an expression whose direction depends on the tense*, when the tagger asks, and caches them:
most sentences of a news text never need the model.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Callable
from typing import Any

from chronique.errors import ChroniqueError

log = logging.getLogger(__name__)

#: The annotation components the tense reading uses (the entity recogniser is not needed).
PIPES = ("morphologizer", "parser", "attribute_ruler", "lemmatizer")

_NEWLINE = re.compile(r"\n")


def load_model() -> Any | None:
    """The annotation stage's spaCy model, or None (with a log line) when it cannot be loaded."""
    try:
        from chronique.stages import annotate
    except ImportError as exc:
        log.info("no annotation stage (%s): tenses are read from cues only", exc)
        return None
    try:
        return annotate.load_model(pipes=PIPES)
    except (ChroniqueError, OSError, ImportError) as exc:
        log.warning("the spaCy model cannot be loaded (%s): tenses are read from cues only", exc)
        return None


def tense_for(text: str, nlp: Any, lang: str = "fr") -> Callable[[int], str]:
    """A ``tense(offset)`` for ``text`` that annotates a sentence the first time it is asked about.

    Sentences are cut as the tagger's cue reader cuts them (``tense: sentence_break`` in the
    language's time data) and never cross a line.
    """
    from chronique.stages.annotate import annotate_text
    from chronique.time import grammar

    brk = re.compile(str(grammar.load(lang).tense["sentence_break"]))
    cuts = sorted(
        {0, len(text)} | {m.end() for m in brk.finditer(text)} | {m.end() for m in _NEWLINE.finditer(text)}
    )
    cache: dict[int, Any] = {}

    def tense(offset: int) -> str:
        i = bisect.bisect_right(cuts, offset) - 1
        if i < 0 or i + 1 >= len(cuts):
            return ""
        a, b = cuts[i], cuts[i + 1]
        if i not in cache:
            cache[i] = annotate_text(text[a:b], nlp)
        t = cache[i].tense_at(offset - a)
        return t if isinstance(t, str) else ""

    return tense
