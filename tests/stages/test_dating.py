"""Publication dates: metadata, header stamps, inference from the text, contradictions."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from chronique.models import RawDocument
from chronique.settings import Settings
from chronique.stages.clean import clean
from chronique.stages.dating import Context, clues, parse_date, publication_date
from tests.conftest import shared_path


def _art(text: str, **meta: str):
    origin = {k: "field:" + k for k in meta}
    return clean(RawDocument("x.txt", "x", "txt", text, meta=meta, meta_origin=origin), Settings())


LEAD = "Le médiateur de Valmorie a rencontré {wd} à Brena les chefs des deux délégations, a indiqué son porte-parole."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2016-12-07", (date(2016, 12, 7), "day")),
        ("2016-12-07T12:12:00-05:00", (date(2016, 12, 7), "day")),
        ("2019-12", (date(2019, 12, 1), "month")),
        ("03/05/16 à 15:13", (date(2016, 5, 3), "day")),
        ("07/12/2016 12:12 EST", (date(2016, 12, 7), "day")),
        ("1462280000", (date(2016, 5, 3), "day")),
        ("mardi 3 mai 2016", (date(2016, 5, 3), "day")),
        ("Tue, 03 May 2016 15:13:00 +0200", (date(2016, 5, 3), "day")),
        ("31/02/2016", (None, "unknown")),
        ("bientôt", (None, "unknown")),
    ],
)
def test_parse_date(text: str, expected: tuple) -> None:
    assert parse_date(text) == expected


def test_metadata_first_then_creation_stamp_not_update() -> None:
    text = (
        "MONDE\n07/12/2016 12:12 HNE | Actualisé 08/12/2017 00:12 HNE\n\nTitre de la dépêche\n\n"
        + LEAD.format(wd="mercredi")
    )
    pd = publication_date(_art(text))
    assert (pd.value, pd.method) == ("2016-12-07", "header-stamp")
    assert any("ignored" in e for e in pd.evidence)
    pd = publication_date(_art(text, date="2016-12-06"))
    assert (pd.value, pd.method) == ("2016-12-06", "metadata")


def test_weekday_and_dates_pin_the_day() -> None:
    # 4 March is a Friday in 2016 and 2022; the collection is in 2022. The lead says "samedi".
    text = (
        LEAD.format(wd="samedi")
        + "\n\nLes deux camps s'étaient engagés à observer une trêve à partir du vendredi 4 mars, "
        "conformément à l'accord conclu les 24-25 février."
    )
    pd = publication_date(_art(text), context=Context(date(2022, 1, 10), date(2022, 11, 30)))
    assert (pd.value, pd.precision, pd.method) == ("2022-03-05", "day", "inferred")
    assert 0 < pd.confidence < 0.9


def test_month_stamp_narrowed_by_the_text() -> None:
    text = (
        "date 2021-06 "
        + LEAD.format(wd="jeudi")
        + "\n\nLes combats avaient repris le 14 juin, selon une ONG."
    )
    pd = publication_date(_art(text))
    # Thursday 17 or Friday 18 June: the reference is three days older and has no weekday, so the
    # text allows both days; a single day would be a guess
    assert (pd.precision, pd.begin, pd.end, pd.method) == ("interval", "2021-06-17", "2021-06-18", "inferred")


def test_no_date_is_unknown_never_a_made_up_day() -> None:
    text = LEAD.format(wd="mercredi") + "\n\nLa région est en crise depuis 2011, selon les Nations unies."
    pd = publication_date(_art(text), context=Context(date(2015, 1, 1), date(2020, 12, 31)))
    assert pd.precision != "day" and pd.method in ("unknown", "inferred")


def test_header_contradicted_by_weekday_date_pair_is_flagged() -> None:
    # 4 March 2016 is a Friday: a page stamped in 2017 that speaks of "vendredi 4 mars" is suspect.
    text = (
        "12/03/2017 10:00\n\nTitre de la dépêche\n\n"
        + LEAD.format(wd="samedi")
        + "\n\nUne trêve avait commencé vendredi 4 mars."
    )
    pd = publication_date(_art(text))
    assert pd.value == "2017-03-12" and "weekdays-contradict-date" in pd.flags


def test_future_dates_bound_from_above() -> None:
    text = LEAD.format(wd="lundi") + "\n\nLe ministre quittera ses fonctions le 20 janvier, a-t-il annoncé."
    found = clues(_art(text))
    assert [c.tense for c in found if c.month == 1] == ["future"]


@pytest.mark.shared
def test_seed_publication_dates() -> None:
    gold = yaml.safe_load(shared_path("gold", "seeds.yaml").read_text(encoding="utf-8"))
    arts = {
        name: clean(
            RawDocument(name, name, "txt", shared_path("seeds", name).read_text(encoding="utf-8")), Settings()
        )
        for name in gold
    }
    # the collection's context: the days read for sure from metadata or stamps
    firm = [publication_date(a) for a in arts.values()]
    days = sorted(d.day for d in firm if d.day and d.method in ("metadata", "header-stamp"))
    ctx = Context(days[0], days[-1])
    for name, g in gold.items():
        pd = publication_date(arts[name], context=ctx)
        if g["pub"].get("value"):
            assert pd.value == str(g["pub"]["value"]), (name, pd)
            assert pd.method == (
                "inferred" if g["pub"]["known_from_text"] == "inferred" else "header-stamp"
            ), (name, pd)
        else:
            assert pd.precision != "day", (name, pd)


def test_demo_sidecar_dates_the_undated_seed_layout(tmp_path: Path) -> None:
    text = LEAD.format(wd="mercredi")
    pd = publication_date(_art(text, date="2020-02-26"))
    assert (pd.value, pd.method, pd.flags) == ("2020-02-26", "metadata", ())
