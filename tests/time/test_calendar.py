"""Calendar arithmetic and TIMEX3 value formatting."""

from __future__ import annotations

import datetime as dt

import pytest

from chronique.time import calendar as cal

WED = dt.date(2016, 12, 7)  # a Wednesday, ISO week 49


def test_weekday_directions() -> None:
    assert cal.weekday_date(WED, 3, "past") == WED  # at or before
    assert cal.weekday_date(WED, 3, "past!") == dt.date(2016, 11, 30)
    assert cal.weekday_date(WED, 3, "future") == WED
    assert cal.weekday_date(WED, 3, "future!") == dt.date(2016, 12, 14)
    assert cal.weekday_date(WED, 5, "past") == dt.date(2016, 12, 2)
    assert cal.weekday_date(WED, 6, "future") == dt.date(2016, 12, 10)
    assert cal.weekday_date(WED, 5, "") == dt.date(2016, 12, 9)  # nearest: two days on, not five back


def test_month_and_day_years() -> None:
    assert cal.month_year(WED, 8, "past") == 2016
    assert cal.month_year(WED, 1, "future") == 2017
    assert cal.month_year(WED, 1, "") == 2017  # one month on, not eleven back
    assert cal.month_year(WED, 12, "past!") == 2015
    assert cal.day_month_year(WED, 1, 20, "future") == 2017
    assert cal.day_month_year(WED, 1, 20, "past") == 2016
    assert cal.day_month_year(dt.date(2002, 2, 9), 9, 11, "") == 2001


def test_weekday_constrains_the_year() -> None:
    # 19 February is a Friday in 2016, and again in 2021
    assert cal.day_month_year(dt.date(2016, 2, 20), 2, 19, "past", weekday=5) == 2016
    assert cal.day_month_year(dt.date(2016, 11, 7), 1, 22, "", weekday=2) is None  # Tuesday only in 2019


def test_shift_values() -> None:
    assert cal.shift(WED, 0, "W") == ("2016-W49", "week")
    assert cal.shift(WED, -1, "W") == ("2016-W48", "week")
    assert cal.shift(WED, -1, "WE") == ("2016-W48-WE", "week")
    assert cal.shift(WED, 1, "M") == ("2017-01", "month")
    assert cal.shift(WED, 0, "Q") == ("2016-Q4", "quarter")
    assert cal.shift(WED, 1, "Q") == ("2017-Q1", "quarter")
    assert cal.shift(WED, 0, "HY") == ("2016-H2", "half-year")
    assert cal.shift(WED, -1, "Y") == ("2015", "year")
    assert cal.shift(WED, 0, "DE") == ("201", "decade")
    assert cal.shift(WED, -1, "CE") == ("19", "century")
    assert cal.shift_point(WED, -3, "W") == ("2016-W46", "week")
    assert cal.shift_point(WED, 2, "M") == ("2017-02", "month")


def test_seasons() -> None:
    assert cal.season_of(dt.date(2017, 1, 10)) == (2016, "WI")
    assert cal.season_value(WED, "SU", "past") == "2016-SU"
    assert cal.season_value(WED, "SU", "future") == "2017-SU"
    assert cal.season_value(WED, "WI", "") == "2016-WI"


@pytest.mark.parametrize(
    ("n", "unit", "value"),
    [
        (3, "Y", "P3Y"),
        (None, "D", "PXD"),
        (2, "H", "PT2H"),
        (15, "MIN", "PT15M"),
        (30.4, "S", "PT30.4S"),
        (0.25, "CE", "P25Y"),
        (2.5, "Y", "P30M"),
        (0.5, "H", "PT30M"),
        (6, "M", "P6M"),
        (1, "HY", "P6M"),
        (1, "W", "P1W"),
    ],
)
def test_durations(n: float | None, unit: str, value: str) -> None:
    assert cal.duration(n, unit) == value


def test_easter_and_roman() -> None:
    assert cal.easter(2016) == dt.date(2016, 3, 27)
    assert cal.easter(2019) == dt.date(2019, 4, 21)
    assert cal.roman("XIX") == 19
    assert cal.roman("XXI") == 21
    assert cal.roman("vie") is None
