"""Timeline measures (AR1, AR2 align+ m:1, Date-F1), the timeline generators and the ML-Crisis protocol.

The scorer is checked on hand-made timelines whose values are worked out by hand; the generators on
hand-made dated sentences; the protocol end to end on a tiny corpus in the ML-Crisis layout. The
gate at the end runs on ../shared/data/ml-crisis-fr-dev (skipped when absent) against pinned floors.
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from chronique.eval import rouge, tls
from chronique.stages.timeline import DatedSentence, timeline
from chronique.stories.datewise import datewise
from chronique.stories.mentions import DateMention, find
from chronique.stories.sentences import split
from tests.conftest import shared_path

D1, D2, D3 = date(2011, 3, 17), date(2011, 3, 18), date(2011, 3, 19)


# -- the scorer --------------------------------------------------------------------------------------


def test_tokens_lower_words_without_stop_words_or_stemming() -> None:
    assert rouge.tokens("Le Conseil de sécurité de l'ONU a voté les résolutions.") == [
        "conseil",
        "sécurité",
        "onu",
        "voté",
        "résolutions",
    ]


def test_identical_timelines_score_one() -> None:
    tl = {
        D1: ["Le Conseil de sécurité vote une zone d'exclusion aérienne."],
        D3: ["Les frappes aériennes commencent."],
    }
    s = rouge.evaluate(tl, tl)
    assert s.ar1.f1 == pytest.approx(1.0) and s.ar2.f1 == pytest.approx(1.0) and s.dates.f1 == 1.0


def test_disjoint_timelines_score_zero() -> None:
    s = rouge.evaluate(
        {D1: ["rebelles avancent Benghazi"]}, {date(2012, 1, 1): ["élections législatives égyptiennes"]}
    )
    assert s.ar1.f1 == 0.0 and s.ar2.f1 == 0.0 and s.dates.f1 == 0.0


def test_a_date_off_by_one_day_counts_half() -> None:
    text = ["rebelles prennent Benghazi"]
    s = rouge.evaluate({D2: text}, {D1: text})
    assert s.ar1.precision == pytest.approx(0.5) and s.ar1.recall == pytest.approx(0.5)
    assert s.ar2.f1 == pytest.approx(0.5)
    assert s.dates.f1 == 0.0


def test_many_to_one_alignment_by_hand() -> None:
    # Reference: D1 "a b c d" (4 tokens). Prediction: D1 "a b" (exact date, 2 hits), D2 "c d e f"
    # (one day off: weight 1/2, 2 hits of 4 tokens). Precision = (1*2 + 0.5*2) / (2 + 4) = 0.5.
    # Recall: D1 aligns to the predicted date of least cost, D1 itself (cost 0): 2 hits of 4 = 0.5.
    ref = {D1: ["alpha beta gamma delta"]}
    pred = {D1: ["alpha beta"], D2: ["gamma delta epsilon zeta"]}
    s = rouge.evaluate(pred, ref)
    assert s.ar1.precision == pytest.approx(0.5)
    assert s.ar1.recall == pytest.approx(0.5)
    assert s.dates.precision == 0.5 and s.dates.recall == 1.0


def test_content_breaks_date_ties_in_the_alignment() -> None:
    # Two reference days, both one day from the predicted day: the one whose content matches wins.
    ref = {D1: ["alpha beta"], D3: ["gamma delta"]}
    s = rouge.evaluate({D2: ["gamma delta"]}, ref)
    assert s.ar1.precision == pytest.approx(0.5)  # aligned to D3, weight 1/2, 2 hits of 2


def test_average_takes_means_of_precision_and_recall_then_f() -> None:
    a = rouge.TimelineScores(rouge.PRF(1.0, 0.0), rouge.PRF(0, 0), rouge.PRF(0.5, 0.5))
    b = rouge.TimelineScores(rouge.PRF(0.0, 1.0), rouge.PRF(0, 0), rouge.PRF(0.5, 0.5))
    avg = rouge.average([a, b])
    assert avg.ar1.precision == 0.5 and avg.ar1.recall == 0.5 and avg.ar1.f1 == pytest.approx(0.5)


def test_read_t17_and_protocol() -> None:
    text = (
        "2011-02-15\nUne phrase .\nDeux phrases .\n" + "-" * 32 + "\n2011-02-17\nTrois .\n" + "-" * 32 + "\n"
    )
    ref = tls.read_t17(text)
    assert ref == {date(2011, 2, 15): ["Une phrase .", "Deux phrases ."], date(2011, 2, 17): ["Trois ."]}
    assert tls.protocol(ref) == (2, 2, date(2011, 2, 15), date(2011, 2, 17))  # round(1.5) == 2


# -- sentences and date mentions ---------------------------------------------------------------------


def test_plain_splitter_keeps_initials_and_titles_together() -> None:
    text = "M. Saleh a parlé. Il a ajouté « Nous partirons ». J. Smith aussi! Fin"
    assert [text[a:b] for a, b in split(text)] == [
        "M. Saleh a parlé.",
        "Il a ajouté « Nous partirons ».",
        "J. Smith aussi!",
        "Fin",
    ]


def test_calendar_finder_days_weekdays_and_years() -> None:
    anchor = date(2011, 3, 21)  # a Monday
    found = find(
        "Le 19 mars, puis samedi 19 mars 2011 et dimanche, enfin le 28 décembre.", anchor, use_tagger=False
    )
    assert [(m.text.strip(), m.value) for m in found] == [
        ("19 mars", date(2011, 3, 19)),
        ("samedi 19 mars 2011", date(2011, 3, 19)),
        ("dimanche", date(2011, 3, 20)),
        ("28 décembre", date(2010, 12, 28)),  # the nearest 28 December to the anchor
    ]


# -- the generators ----------------------------------------------------------------------------------


def _s(
    aid: str, text: str, pub: date, *days: date, index: int = 0, group: str = "", outlet: str = ""
) -> DatedSentence:
    from chronique.stages.dedupe import sentence_key

    mentions = tuple(DateMention(0, 1, "x", d, "test") for d in days)
    return DatedSentence(
        aid, outlet or aid, 0, len(text), text, pub, mentions, index, group or aid, sentence_key(text)
    )


def _corpus() -> list[DatedSentence]:
    war = "Les avions de la coalition frappent les chars des forces loyalistes près de Benghazi."
    return [
        # 19 March is remembered by three independent sources published later; a wire copy of one
        # of them (same group) does not count twice.
        _s("a1", war, date(2011, 3, 25), D3, group="g1", outlet="AFP"),
        _s("a2", war, date(2011, 3, 25), D3, group="g1", outlet="Le Monde"),
        _s(
            "a3",
            "Le 19 mars, les frappes aériennes de la coalition commencent contre les forces loyalistes.",
            date(2011, 4, 2),
            D3,
        ),
        _s(
            "a4",
            "Depuis le 19 mars, la coalition bombarde les positions des forces loyalistes en Libye.",
            date(2011, 4, 9),
            D3,
        ),
        # An article published on 18 March about 17 March: its line goes under 17 March.
        _s(
            "a5",
            "Jeudi, le Conseil de sécurité de l'ONU a adopté une résolution sur une zone d'exclusion aérienne.",
            D2,
            D1,
        ),
        _s(
            "a5",
            "Les diplomates de plusieurs pays saluent ce vote historique au siège des Nations unies.",
            D2,
            index=1,
        ),
        # Boilerplate on three different days is evidence for nothing.
        *[
            _s(
                f"b{i}",
                "Abonnez-vous à notre lettre quotidienne pour recevoir toute l'actualité du jour.",
                date(2011, 3, 10 + i),
            )
            for i in range(3)
        ],
    ]


def test_chronique_timeline_dates_salience_sources_and_faithfulness() -> None:
    tl = timeline(_corpus(), n_dates=2, per_date=2, start=date(2011, 3, 1), end=date(2011, 4, 30))
    assert [e.date for e in tl.entries] == [D1, D3]
    by_date = {e.date: e for e in tl.entries}
    assert by_date[D3].sources == 3  # a1 and a2 are one wire-copy group
    assert all(ln.evidence == "mention" for ln in by_date[D1].lines)
    assert "Conseil de sécurité" in by_date[D1].lines[0].text  # about the 17th, not its publication day
    copies = [ln for ln in by_date[D3].lines if ln.text.startswith("Les avions")]
    assert copies and {s.outlet for s in copies[0].sources} == {"AFP", "Le Monde"}
    assert all(s.end > s.start for e in tl.entries for ln in e.lines for s in ln.sources)
    assert not any("Abonnez-vous" in ln.text for e in tl.entries for ln in e.lines)
    t17 = tl.to_t17()
    assert t17.startswith("2011-03-17\n") and "-" * 32 in t17


def test_generators_respect_the_span_and_the_sizes() -> None:
    for gen in (timeline, datewise):
        tl = gen(_corpus(), n_dates=1, per_date=1, start=D3, end=D3)
        assert [e.date for e in tl.entries] == [D3]
        assert all(len(e.lines) == 1 for e in tl.entries)


# -- the protocol end to end ---------------------------------------------------------------------------


def _corpus_dir(root: Path) -> Path:
    topic = root / "libye"
    texts = {
        "2011-03-18/a.txt": "Zone d'exclusion aérienne\n\nJeudi 17 mars, le Conseil de sécurité de l'ONU a adopté la résolution 1973 sur une zone d'exclusion aérienne au-dessus de la Libye.",
        "2011-03-19/b.txt": "Premières frappes\n\nSamedi 19 mars, les avions français ont frappé les chars des forces loyalistes près de Benghazi.",
        "2011-03-25/c.txt": "Une semaine de frappes\n\nDepuis le 19 mars, la coalition frappe les forces loyalistes en Libye. Le 17 mars, l'ONU avait voté la résolution.",
    }
    for rel, text in texts.items():
        p = topic / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    (root / "reference").mkdir()
    (root / "reference" / "libye.txt").write_text(
        "2011-03-17\nLe Conseil de sécurité de l' ONU adopte la résolution 1973 .\n"
        + "-" * 32
        + "\n2011-03-19\nLes avions français frappent les chars près de Benghazi .\n"
        + "-" * 32
        + "\n",
        encoding="utf-8",
    )
    return root


def test_evaluate_on_a_tiny_ml_crisis_layout(tmp_path: Path) -> None:
    root = _corpus_dir(tmp_path)
    for method in tls.METHODS:
        report = tls.evaluate(root, method=method, use_tagger=False)
        t = report.topics[0]
        assert (t.n_dates, t.per_date, t.start, t.end) == (2, 1, D1, D3)
        assert t.articles == 2  # the article of 25 March is outside the gold span
        assert report.average.dates.f1 > 0 and report.average.ar1.f1 > 0
    assert "average" in tls.table(report)


def test_cli_eval_tls(tmp_path: Path) -> None:
    from chronique.cli import cli

    root = _corpus_dir(tmp_path)
    res = CliRunner().invoke(cli, ["eval", "tls", str(root), "--no-tagger", "--t17", str(tmp_path / "out")])
    assert res.exit_code == 0, res.output
    assert "libye" in res.output and "average" in res.output
    assert (tmp_path / "out" / "libye.txt").read_text(encoding="utf-8").startswith("2011-03-")
    bad = CliRunner().invoke(cli, ["eval", "tls", str(root), "--topic", "nowhere"])
    assert bad.exit_code == 1 and "no topic nowhere" in bad.output


# -- the gate ------------------------------------------------------------------------------------------

#: sha256 of the three gold chronologies (egypt, libya, yemen) the floors were measured on.
GOLD_DIGEST = "39a9d3c8cbef7518e0bac4de1d316bd1d6fc380c2ac6859aa98c2cbd4b32d7f5"
#: Floors on ../shared/data/ml-crisis-fr-dev, averaged over the topics (P and R averaged, then F), the
#: issue's: AR1 0.045, Date-F1 0.30. Measured with the temporal tagger (the default, what `chronique
#: timeline` uses): AR1 0.0466, AR2 0.0117, Date-F1 0.315; with the calendar finder: 0.0488, 0.0141,
#: 0.315; DATEWISE on the same input: 0.0283, 0.0048, 0.231. Never lowered silently.
FLOORS = {"ar1": 0.045, "ar2": 0.010, "dates": 0.30}


@pytest.mark.shared
@pytest.mark.parametrize("use_tagger", [True, False], ids=["tagger", "calendar"])
def test_gate_ml_crisis_dev(use_tagger: bool) -> None:
    root = shared_path("data", "ml-crisis-fr-dev")
    h = hashlib.sha256()
    for p in sorted((root / "reference").glob("*.txt")):
        h.update(p.read_bytes())
    assert h.hexdigest() == GOLD_DIGEST, "the gold chronologies changed: re-measure and re-pin the floors"
    avg = tls.evaluate(root, method="chronique", use_tagger=use_tagger).average
    assert avg.ar1.f1 >= FLOORS["ar1"], avg
    assert avg.ar2.f1 >= FLOORS["ar2"], avg
    assert avg.dates.f1 >= FLOORS["dates"], avg
