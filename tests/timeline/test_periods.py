"""chronique.timeline.periods: stored timexes → the days and periods a chronology uses."""

from __future__ import annotations

from datetime import date

import pytest

from chronique.stages.timeline import Period, PeriodMention
from chronique.stories.mentions import DateMention
from chronique.time.model import Timex
from chronique.timeline import periods


def _t(
    value: str, precision: str, *, type_: str = "DATE", begin: str = "", end: str = "", text: str = "x"
) -> Timex:
    return Timex(0, len(text), text, type_, value, precision, "", "none", "rule", begin, end)


def test_a_day_and_a_part_of_day_are_days() -> None:
    m = periods.from_timex(_t("2016-12-07", "day"))
    assert isinstance(m, DateMention) and m.value == date(2016, 12, 7) and m.method == "timex:rule"
    m = periods.from_timex(_t("2016-12-07TEV", "part-of-day"))
    assert isinstance(m, DateMention) and m.value == date(2016, 12, 7)


def test_an_interval_of_days_is_one_period() -> None:
    # "les 11-12 février": one expression whose value is the interval
    m = periods.from_timex(_t("2016-02-11/2016-02-12", "day", begin="2016-02-11", end="2016-02-12"))
    assert isinstance(m, PeriodMention)
    assert m.period == Period(date(2016, 2, 11), date(2016, 2, 12), "interval", "2016-02-11/2016-02-12")
    # "du 3 au 6 avril": each end its own expression carrying the interval
    m = periods.from_timex(_t("2022-04-03", "day", begin="2022-04-03", end="2022-04-06"))
    assert isinstance(m, PeriodMention) and m.period.days == 4


def test_weeks_and_months() -> None:
    m = periods.from_timex(_t("2019-W51", "week"))
    assert isinstance(m, PeriodMention)
    assert (m.period.begin, m.period.end, m.period.precision) == (
        date(2019, 12, 16),
        date(2019, 12, 22),
        "week",
    )
    m = periods.from_timex(_t("2019-08", "month"))
    assert isinstance(m, PeriodMention)
    assert (m.period.begin, m.period.end, m.period.value) == (date(2019, 8, 1), date(2019, 8, 31), "2019-08")
    assert periods.month(2020, 2).end == date(2020, 2, 29)  # type: ignore[union-attr]
    assert periods.month(2019, 12).end == date(2019, 12, 31)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "timex",
    [
        _t("2011", "year"),
        _t("P3Y", "duration", type_="DURATION", begin="2013-12-07", end="2016-12-07"),
        _t("PRESENT_REF", "ref"),
        _t("2019-08", "month", begin="2019-04", end="2019-08"),  # "entre avril et août": a bound, not a date
        _t("2016-12-07T16:56", "time", type_="TIME"),  # a clock time names no day
        _t("2019-Q3", "quarter"),
    ],
)
def test_what_is_not_a_chronology_date(timex: Timex) -> None:
    assert periods.from_timex(timex) is None


def test_a_long_interval_of_days_gives_its_first_day_only() -> None:
    m = periods.from_timex(_t("2022-04-01/2022-06-30", "day"))
    assert isinstance(m, DateMention) and m.value == date(2022, 4, 1)


def test_parse_period() -> None:
    assert periods.parse_period("2016-12-07") == Period.of_day(date(2016, 12, 7))
    assert periods.parse_period("2019-W51").precision == "week"  # type: ignore[union-attr]
    assert periods.parse_period("2019-08").precision == "month"  # type: ignore[union-attr]
    assert periods.parse_period("2016-02-11/2016-02-12").precision == "interval"  # type: ignore[union-attr]
    assert periods.parse_period("2016-02-12/2016-02-11") is None
    assert periods.parse_period("n'importe quoi") is None
