"""Stage 7a, dedupe: exact copies, near duplicates, repeated sentences, boilerplate; the store round trip."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from chronique.models import RawDocument
from chronique.settings import Settings
from chronique.stages import dedupe
from chronique.stages.clean import clean
from chronique.store import Store
from chronique.store import stories as db
from chronique.stories.sentences import pub_date, sentences

DISPATCH = (
    "Les forces gouvernementales ont repris jeudi le contrôle de la ville portuaire après trois jours de combats "
    "acharnés contre les rebelles, a annoncé le ministère de la Défense dans un communiqué. Selon des témoins "
    "joints par téléphone, des colonnes de blindés patrouillaient dans le centre et les habitants restaient "
    "terrés chez eux. Les organisations humanitaires réclament un accès immédiat aux blessés, dont le nombre "
    "reste inconnu. Le porte-parole de l'opposition a dénoncé une offensive menée au mépris des civils et "
    "appelé la communauté internationale à réagir sans attendre."
)
OTHER = (
    "Le festival de musique de la ville a accueilli plus de cinquante mille spectateurs ce week-end, un record "
    "selon les organisateurs qui prévoient déjà une édition plus longue l'an prochain. Les commerçants du centre "
    "se félicitent d'une fréquentation en hausse. La municipalité étudie la création d'une navette gratuite."
)


def _art(sid: str, text: str, day: str = "2011-03-17", title: str = "Titre"):
    doc = RawDocument(f"/x/{sid}.txt", sid, "txt", text, meta={"id": sid, "date": day, "title": title})
    return clean(doc, Settings())


def test_normalised_keys_ignore_case_punctuation_and_spacing() -> None:
    assert dedupe.sentence_key("Le Président, a parlé !") == dedupe.sentence_key("le président a  parlé")
    assert dedupe.body_key("Un texte.") != dedupe.body_key("Un autre texte.")


def test_copies_and_near_duplicates_are_one_group_unrelated_are_not() -> None:
    trimmed = DISPATCH.rsplit(" Le porte-parole", 1)[0]  # a shorter version of the same dispatch
    arts = [
        _art("late", DISPATCH, "2011-03-18"),
        _art("first", DISPATCH.upper(), "2011-03-17"),  # the same text, other case: an exact copy
        _art("trim", trimmed, "2011-03-17"),
        _art("other", OTHER),
    ]
    res = dedupe.dedupe(arts, pub_date=pub_date)
    ids = {a.source_id: a.id for a in arts}
    g = res.groups
    assert g[ids["late"]] == g[ids["first"]] == g[ids["trim"]] != g[ids["other"]]
    first_two = sorted([ids["first"], ids["trim"]])[0]
    assert g[ids["late"]] == first_two  # the earliest article (then the smallest id) names the group
    assert {p.kind for p in res.pairs} == {"exact", "near"}
    assert len(res.members()[g[ids["late"]]]) == 3


def test_repeated_sentences_keep_their_offsets() -> None:
    a, b = _art("a", DISPATCH), _art("b", OTHER + " " + DISPATCH.split(". ")[0] + ".")
    spans = {x.id: sentences(x) for x in (a, b)}
    rep = dedupe.repeated_sentences([a, b], spans)
    assert len(rep) == 1
    (occ,) = rep.values()
    texts = {(o.article_id, (a if o.article_id == a.id else b).body[o.start : o.end]) for o in occ}
    assert {t for _, t in texts} == {DISPATCH.split(". ")[0] + "."}


def test_boilerplate_is_what_repeats_on_several_days() -> None:
    promo = "Ce billet fait partie de notre dossier sur les manifestations dans la région."
    arts = [_art(f"d{i}", f"{OTHER}\n\n{promo}", f"2011-03-1{i}", title="Boutique") for i in range(3)]
    junk = dedupe.boilerplate(arts, {a.id: sentences(a) for a in arts}, pub_date)
    assert dedupe.sentence_key(promo) in junk and dedupe.sentence_key("Boutique") in junk
    assert dedupe.boilerplate(arts[:2], {a.id: sentences(a) for a in arts}, pub_date) == set()


def test_run_dedupe_writes_groups_and_sentences(tmp_path: Path) -> None:
    arts = [_art("a", DISPATCH), _art("b", DISPATCH), _art("c", OTHER)]
    with Store(tmp_path / "s.db") as store:
        run = store.start_run("build", [], {}, {})
        store.write_batch(run, arts, {}, [], [])
        res = dedupe.run_dedupe(store, Settings(db=str(tmp_path / "s.db"), annotate=False), run)
        groups = db.groups(store)
        assert groups == res.groups and len(set(groups.values())) == 2
        assert list(db.group_members(store).values()) == [sorted([arts[0].id, arts[1].id])]
        key = next(iter(res.sentences))
        assert {o.article_id for o in db.sentence_group(store, key)} == {arts[0].id, arts[1].id}
        dedupe.run_dedupe(store, Settings(), run)  # a second run replaces the first
        assert db.groups(store) == groups
    assert date(2011, 3, 17) == pub_date(arts[0])
