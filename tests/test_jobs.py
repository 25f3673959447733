"""The per-article jobs of dating and timexes (``chronique.jobs``): pure, and they skip stored work."""

from __future__ import annotations

from datetime import date

import pytest

from chronique.jobs import ToDate, anchor_day, date_and_tag, infer_dates, tag_times
from chronique.models import RawDocument
from chronique.settings import Settings
from chronique.stages import dating
from chronique.stages.clean import clean
from chronique.store import dates, timexes
from chronique.time import COMPONENT, tag

LEAD = "Le médiateur de Valmorie a rencontré samedi à Brena les chefs des deux délégations, a indiqué son porte-parole."
INFERABLE = (
    LEAD + "\n\nLes deux camps s'étaient engagés à observer une trêve à partir du vendredi 4 mars, "
    "conformément à l'accord conclu les 24-25 février."
)


def _art(text: str, **meta: str):
    origin = {k: "field:" + k for k in meta}
    return clean(RawDocument("x.txt", "x", "txt", text, meta=meta, meta_origin=origin), Settings())


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("2016-12-07", date(2016, 12, 7)),
        ("2019-12", date(2019, 12, 1)),
        ("2019", date(2019, 1, 1)),
        ("2021-06-17/2021-06-18", date(2021, 6, 17)),
        ("", None),
        ("n/a", None),
    ],
)
def test_anchor_day(value: str, day: date | None) -> None:
    assert anchor_day(value) == day


def test_a_settled_date_is_tagged_at_once_unless_the_same_tagging_is_stored() -> None:
    a = _art(INFERABLE, date="2022-03-05")
    rows = date_and_tag([ToDate(a)])
    pd, found = dating.per_article(a)
    assert rows.dated == [(a.id, dates.pack(pd, found))]
    assert rows.tagged == [(a.id, "2022-03-05", [timexes.pack(t) for t in tag(a.body, date(2022, 3, 5))])]
    # stored from the same tagger against the same anchor: not done again
    assert date_and_tag([ToDate(a, tagged=(COMPONENT, "2022-03-05"))]).tagged == []
    # another anchor, or an older tagger: done again
    assert len(date_and_tag([ToDate(a, tagged=(COMPONENT, "2022-03-04"))]).tagged) == 1
    assert len(date_and_tag([ToDate(a, tagged=("chronique.time.v0", "2022-03-05"))]).tagged) == 1


def test_a_date_the_collection_may_change_waits_for_the_collection_step() -> None:
    a = _art(INFERABLE)
    rows = date_and_tag([ToDate(a)])
    assert rows.tagged == [] and len(rows.dated) == 1
    pd, found = dating.per_article(a)
    assert not dating.settled(pd)
    # the collection step: 4 March is a Friday in 2016 and 2022; the collection is in 2022
    context = dating.Context(date(2022, 1, 10), date(2022, 11, 30))
    [(aid, packed)] = infer_dates([(a, found, pd)], context)
    assert aid == a.id and packed[:2] == ("2022-03-05", "day") and packed[4] == "inferred"
    # unchanged: nothing to write
    inferred = dating.in_context(a, found, context)
    assert infer_dates([(a, found, inferred)], context) == []
    [(_, anchor, _)] = tag_times([(a, None, "2022-03-05")]).tagged
    assert anchor == "2022-03-05"
