"""The five seeds' chronology: the dated entries listed at the end of ../shared/gold/seeds.yaml.

Seed 000 has no date in its text; it is dated here by a sidecar written at run time (see
conftest.py). Each expected entry must be there, under that exact date value, with lines from the
seed that tells it and every line sourced (article, input id, outlet, offsets). A week ("la semaine
dernière", 2019-W51) is one entry for the week: the text does not say which day.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from chronique.store import Store
from chronique.timeline import Timeline, TimelineQuery, build_timeline

pytestmark = [pytest.mark.model, pytest.mark.shared]

#: Expected date value → (the seed that tells it, a word its lines hold). Dates as the gold lists
#: them; the words are what the gold's comment says happened, not text of the seeds.
EXPECTED = {
    "2016-02-11/2016-02-12": ("001", "munich"),
    "2016-02-20": ("001", "kerry"),
    "2016-05-03": ("002", "lavrov"),
    "2016-12-02": ("004", "lavrov"),
    "2016-12-07": ("004", "alep"),
    "2019-08": ("003", "cessez-le-feu"),
    "2019-12-16": ("003", "bombardements"),
    "2019-W51": ("003", "veto"),
    "2019-12-24": ("003", "ankara"),
    "2019-12-26": ("003", "trump"),
    "2020-02-25": ("000", "lavrov"),
    "2020-02-26": ("000", "guterres"),
}


@pytest.fixture(scope="module")
def seeds_tl(seeds_db: Path) -> Timeline:
    with Store(seeds_db, readonly=True) as store:
        return build_timeline(store, TimelineQuery())


def test_the_chronology_holds_every_expected_entry(seeds_tl: Timeline) -> None:
    values = [e.period.value for e in seeds_tl.entries]
    missing = [v for v in EXPECTED if v not in values]
    assert not missing, f"missing {missing}; got {values}"


@pytest.mark.parametrize("value", list(EXPECTED))
def test_each_entry_is_told_by_its_seed_with_sources(seeds_db: Path, seeds_tl: Timeline, value: str) -> None:
    seed, word = EXPECTED[value]
    (entry,) = [e for e in seeds_tl.entries if e.period.value == value]
    with Store(seeds_db, readonly=True) as store:
        bodies = {a.id: a.body for a in store.articles()}
    assert any(word in ln.text.lower() for ln in entry.lines), [ln.text for ln in entry.lines]
    for ln in entry.lines:
        assert ln.sources
        for src in ln.sources:
            assert Path(src.source_id).name.startswith(f"{seed}_"), src.source_id
            assert src.outlet
            assert " ".join(bodies[src.article_id][src.start : src.end].split()) == ln.text
        if ln.evidence == "mention":
            assert (
                ln.date_text
                and ln.date_text in bodies[ln.sources[0].article_id][ln.sources[0].start : ln.sources[0].end]
            )


def test_periods_have_their_precision(seeds_tl: Timeline) -> None:
    by_value = {e.period.value: e.period for e in seeds_tl.entries}
    assert by_value["2016-02-11/2016-02-12"].precision == "interval"
    assert by_value["2019-08"].precision == "month"
    assert by_value["2019-W51"].precision == "week" and by_value["2019-W51"].days == 7
