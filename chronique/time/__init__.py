"""The temporal tagger: temporal expressions of a text, normalised to TIMEX3 values.

Language-neutral code; each language's words and grammar are data under ``chronique/lang/<code>/``
(``time.yaml``, ``time_rules.yaml``).

>>> import datetime
>>> [(t.text, t.value) for t in tag("Il est arrivé hier.", datetime.date(2016, 12, 7))]
[('hier', '2016-12-06')]
"""

from __future__ import annotations

from chronique.time.model import Timex
from chronique.time.tagger import COMPONENT, tag

__all__ = ["COMPONENT", "Timex", "tag"]
