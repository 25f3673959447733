"""The generator's periods (chronique.stages.timeline): weeks, months and intervals next to days.

Sentences with day mentions only give exactly the day chronology the TLS evaluation measures (its
gate is tests/eval/test_tls.py); these tests build dated sentences by hand.
"""

from __future__ import annotations

from datetime import date

from chronique.stages import timeline as stage
from chronique.stages.timeline import DatedSentence, Period, PeriodMention
from chronique.stories.mentions import DateMention

AUG = Period(date(2019, 8, 1), date(2019, 8, 31), "month", "2019-08")
MUNICH = Period(date(2016, 2, 11), date(2016, 2, 12), "interval", "2016-02-11/2016-02-12")


def _s(
    aid: str,
    text: str,
    pub: date,
    *,
    days: tuple[date, ...] = (),
    periods: tuple[Period, ...] = (),
    index: int = 6,
) -> DatedSentence:
    return DatedSentence(
        aid,
        "AFP",
        0,
        len(text),
        text,
        pub,
        tuple(DateMention(0, 3, "le", d, "test") for d in days),
        index,
        aid,
        f"{aid}:{text[:20]}",
        tuple(PeriodMention(0, 3, "en", p, "test") for p in periods),
        f"src-{aid}",
    )


def test_a_period_is_evidence_only_where_no_day_inside_it_is_named() -> None:
    pub = date(2019, 12, 26)
    s = _s("a", "Un cessez-le-feu annoncé en août a été rompu.", pub, periods=(AUG,))
    assert stage.period_evidence(s, None, None) == [(AUG, "mention")]
    both = _s(
        "b",
        "Le 16 août, en plein mois d'août, la trêve a cédé.",
        pub,
        days=(date(2019, 8, 16),),
        periods=(AUG,),
    )
    assert stage.period_evidence(both, None, None) == [(Period.of_day(date(2019, 8, 16)), "mention")]
    # a lead sentence naming only a month is about that month, not about its publication day
    lead = _s("c", "Un cessez-le-feu annoncé en août a été rompu.", pub, periods=(AUG,), index=0)
    assert stage.period_evidence(lead, None, None) == [(AUG, "mention")]
    # outside the span: nothing
    assert stage.period_evidence(s, date(2019, 9, 1), None) == []


def test_interval_and_month_entries_with_their_sources() -> None:
    sents = [
        _s(
            "a",
            "Les ministres ont conclu l'accord de Munich des 11-12 février sur une cessation des hostilités.",
            date(2016, 2, 20),
            periods=(MUNICH,),
        ),
        _s(
            "b",
            "Le gouvernement et les rebelles ont annoncé un cessez-le-feu général en août dernier à Idleb.",
            date(2019, 12, 26),
            periods=(AUG,),
        ),
        _s(
            "c",
            "Les forces syriennes ont intensifié leurs bombardements sur Idleb depuis le 16 décembre dernier.",
            date(2019, 12, 26),
            days=(date(2019, 12, 16),),
        ),
    ]
    tl = stage.timeline(sents, n_dates=None, per_date=1, start=None, end=None)
    assert [e.when.value for e in tl.entries] == ["2016-02-11/2016-02-12", "2019-08", "2019-12-16"]
    munich = tl.entries[0]
    assert munich.date == date(2016, 2, 11) and munich.period == MUNICH
    assert munich.lines[0].sources[0].source_id == "src-a"
    # Timeline17 has days only: a period goes under its first day
    assert tl.to_t17().splitlines()[0] == "2016-02-11"


def test_a_month_weighs_a_tenth_of_a_day() -> None:
    # the same support (one source remembering it) for a day and for a month: the day ranks first
    pub = date(2020, 3, 1)
    sents = [
        _s(
            "a",
            "Le régime a lancé une vaste offensive contre les rebelles le 5 décembre dernier.",
            pub,
            days=(date(2019, 12, 5),),
        ),
        _s(
            "b",
            "Une trêve fragile avait été conclue entre les belligérants en août dernier.",
            pub,
            periods=(AUG,),
        ),
    ]
    tl = stage.timeline(sents, n_dates=1, per_date=1, start=None, end=None)
    assert [e.when.value for e in tl.entries] == ["2019-12-05"]
    scores = {
        e.when.value: e.score
        for e in stage.timeline(sents, n_dates=2, per_date=1, start=None, end=None).entries
    }
    assert scores["2019-08"] == round(scores["2019-12-05"] * stage.PRECISION_WEIGHT["month"], 4)


def test_the_number_of_dates_grows_with_the_log_of_the_sources() -> None:
    def sents(n: int) -> list[DatedSentence]:
        return [_s(f"a{i}", "x", date(2020, 1, 1)) for i in range(n)]

    assert stage.default_dates([]) == 0
    assert stage.default_dates(sents(1)) == stage.DATES_BASE
    assert stage.default_dates(sents(5)) == 25
    assert stage.default_dates(sents(40)) == 42
    assert stage.default_dates(sents(1000)) == 67
