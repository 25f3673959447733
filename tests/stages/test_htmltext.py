"""Tests of ``chronique.stages.htmltext`` (and of its scorer, ``chronique.eval.html``).

Pages are written by hand here, with invented French text. The test marked ``shared`` scores the
stage on the real pages of ``../shared/data/orangesum-raw-html-dev`` and skips when it is absent.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from chronique.errors import InputError
from chronique.eval.html import (
    evaluate,
    first_sentence,
    leaked_boilerplate,
    normalise,
    page_segments,
    read_pages,
    site_boilerplate,
    summarise,
    title_matches,
)
from chronique.stages import htmltext
from chronique.stages.htmltext import HtmlText, extract_html

SHARED_PAGES = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "orangesum-raw-html-dev"

LEAD = (
    "La commune de Saint-Aubin-des-Prés a inauguré samedi une passerelle piétonne au-dessus de la "
    "Vienne, attendue par les habitants depuis plus de dix ans."
)
PARAS = [
    "Les travaux, commencés au printemps 2019, ont été retardés à deux reprises par des crues "
    "exceptionnelles qui avaient emporté une partie des échafaudages installés sur la rive gauche.",
    "« C'est une fierté pour toute la vallée », a déclaré la maire, Hélène Corbières, devant près de "
    "trois cents personnes réunies sous une pluie fine pour la coupure du ruban.",
    "L'ouvrage, long de 84 mètres, a coûté 2,3 millions d'euros, financés pour moitié par la région et "
    "pour le reste par le département et la communauté de communes du Val de Vienne.",
    "Les cyclistes devront toutefois mettre pied à terre : la largeur du tablier, limitée à deux mètres, "
    "ne permet pas de croiser un vélo en toute sécurité, ont expliqué les ingénieurs du chantier.",
]
SUBHEAD = "Une fréquentation attendue"
LAST = (
    "La municipalité espère voir passer chaque jour plusieurs centaines de promeneurs, notamment les "
    "collégiens qui rejoignent l'établissement situé sur l'autre rive de la rivière."
)

NAV = ["Accueil", "Politique", "Économie", "Sports", "Culture", "Régions"]
COOKIE = "Nous utilisons des cookies pour mesurer l'audience et personnaliser les publicités de ce site."
RELATED = [
    "Inondations : la Vienne sort de son lit à Châtellerault",
    "Budget régional : les élus votent une rallonge pour les ponts",
    "Un nouveau marché de producteurs ouvre ses portes à Loudun",
]
CAPTION = "La nouvelle passerelle, le jour de son inauguration. Photo Jeanne Laborde / Le Courrier du Val"
COMMENT = "Enfin ! Ça fait des années qu'on attendait ça, bravo à toute l'équipe municipale pour ce travail."
FOOTER = ["Mentions légales", "Contactez la rédaction", "© 2021 Le Courrier du Val"]


def full_page(*, with_meta: bool = True, stamp: str = "Publié le 13 mars 2021 à 18h05") -> str:
    """A news page with everything an extractor must leave out around the article."""
    meta = (
        """
  <link rel="canonical" href="https://www.courrier-du-val.example/regions/passerelle-vienne.html">
  <meta property="og:title" content="Une passerelle enjambe enfin la Vienne">
  <meta property="og:site_name" content="Le Courrier du Val">
  <meta property="og:description" content="Attendue depuis dix ans, la passerelle a été inaugurée samedi.">
  <meta name="author" content="Marc Delorme">
  <meta property="article:published_time" content="2021-03-13T18:05:00+01:00">
  <meta property="article:modified_time" content="2021-03-15T09:12:00+01:00">"""
        if with_meta
        else ""
    )
    nav = "".join(f'<li><a href="/{n.lower()}/">{n}</a></li>' for n in NAV)
    related = "".join(f'<li><a href="/r{i}.html">{t}</a></li>' for i, t in enumerate(RELATED))
    paras = "".join(f"<p>{p}</p>" for p in PARAS)
    footer = "".join(f'<li><a href="/f{i}">{t}</a></li>' for i, t in enumerate(FOOTER))
    sidebar_dates = "".join(
        f'<li><a href="/s{d}.html">Brève numéro {d} du fil</a><div class="date">{d} avril 2021</div></li>'
        for d in (2, 3, 4)
    )
    return f"""<!DOCTYPE html>
<html lang="fr-FR">
<head>
  <meta charset="utf-8">
  <title>Une passerelle enjambe enfin la Vienne - Le Courrier du Val</title>{meta}
</head>
<body>
  <div id="cookie-banner" class="cookie-consent"><p>{COOKIE}</p><button>Accepter</button><button>Refuser</button></div>
  <header><nav class="main-menu"><ul>{nav}</ul></nav></header>
  <main>
    <article>
      <h1>Une passerelle enjambe enfin la Vienne</h1>
      <p class="date">{stamp}</p>
      <div class="share"><a href="#">Partager sur Facebook</a> <a href="#">Partager sur Twitter</a></div>
      <p class="chapo"><strong>{LEAD}</strong></p>
      <figure><img src="/p.jpg" alt="La passerelle"><figcaption>{CAPTION}</figcaption></figure>
      {paras}
      <h2>{SUBHEAD}</h2>
      <p>{LAST}</p>
    </article>
    <aside class="related"><h3>Lire aussi</h3><ul>{related}</ul></aside>
    <section id="comments" class="comments"><h3>3 commentaires</h3>
      <div class="comment"><p>{COMMENT}</p></div></section>
  </main>
  <aside class="sidebar"><h3>Le fil</h3><ul>{sidebar_dates}</ul></aside>
  <footer><ul>{footer}</ul></footer>
</body>
</html>"""


@pytest.fixture(scope="module")
def page() -> HtmlText:
    return extract_html(full_page())


def test_keeps_every_paragraph_in_order_one_per_block(page: HtmlText) -> None:
    assert page.text.split("\n\n") == [LEAD, *PARAS, SUBHEAD, LAST]


@pytest.mark.parametrize(
    "junk",
    [
        *NAV,
        COOKIE,
        "Accepter",
        *RELATED,
        "Lire aussi",
        "Partager sur Facebook",
        CAPTION,
        "Photo Jeanne Laborde",
        COMMENT,
        "3 commentaires",
        *FOOTER,
        "Brève numéro",
        "Publié le 13 mars",
    ],
)
def test_drops_boilerplate(page: HtmlText, junk: str) -> None:
    assert junk not in page.text


def test_metadata_from_meta_tags(page: HtmlText) -> None:
    assert page.title == "Une passerelle enjambe enfin la Vienne"
    assert page.date == "2021-03-13"
    assert page.date_updated == "2021-03-15"
    assert page.author == "Marc Delorme"
    assert page.sitename == "Le Courrier du Val"
    assert page.url == "https://www.courrier-du-val.example/regions/passerelle-vienne.html"
    assert page.lang == "fr"
    assert page.description == "Attendue depuis dix ans, la passerelle a été inaugurée samedi."
    assert page.removed_chars > len(COOKIE) + len(COMMENT)


def test_date_from_the_article_stamp_when_the_page_has_no_date_metadata() -> None:
    # the sidebar carries other dates (class "date" too): only the stamp printed with the article counts
    result = extract_html(full_page(with_meta=False, stamp="Publié le 13 août 2021 à 18h05"))
    assert result.date == "2021-08-13"
    assert result.date_updated == ""
    assert result.title == "Une passerelle enjambe enfin la Vienne"  # the <h1>, not the <title>
    assert result.text.startswith(LEAD)


def test_stamp_without_a_year_gives_no_date() -> None:
    result = extract_html(full_page(with_meta=False, stamp="Publié le 13 mars"))
    assert result.date == ""


def test_related_links_inside_the_body_are_dropped_with_their_lead_in() -> None:
    links = "<br>".join(f'<a href="/a{i}.html">{t}</a> (12/03)' for i, t in enumerate(RELATED))
    markup = full_page().replace(
        f"<p>{LAST}</p>", f"<p>{LAST}</p><p><em>Retrouvez nos articles sur le sujet :</em><br>{links}</p>"
    )
    result = extract_html(markup)
    assert result.text.endswith(LAST)
    assert "Retrouvez" not in result.text


def test_read_also_line_between_paragraphs_is_dropped() -> None:
    read_also = f'<p>À lire aussi : <a href="/r.html">{RELATED[0]}</a></p>'
    result = extract_html(full_page().replace(f"<p>{PARAS[1]}</p>", f"<p>{PARAS[1]}</p>{read_also}"))
    assert result.text.split("\n\n") == [LEAD, *PARAS, SUBHEAD, LAST]


def test_a_sentence_with_a_link_is_kept() -> None:
    linked = '<p>Le chantier avait été <a href="/x.html">présenté en conseil municipal</a> dès 2017.</p>'
    result = extract_html(full_page().replace(f"<p>{LAST}</p>", f"<p>{LAST}</p>{linked}"))
    assert result.text.endswith("Le chantier avait été présenté en conseil municipal dès 2017.")


def test_text_after_an_embedded_video_is_kept() -> None:
    after = "Les premiers promeneurs ont traversé la passerelle dès la fin de la cérémonie, sous les applaudissements."
    embed = (
        '<div class="embed video"><iframe src="https://video.example/x"></iframe>'
        '<div class="video-footer"><a href="https://video.example/v/1">Reportage vidéo</a></div></div>'
    )
    markup = full_page().replace(f"<p>{PARAS[1]}</p>", f"<p>{PARAS[1]}</p>{embed} {after}")
    paragraphs = extract_html(markup).text.split("\n\n")
    assert paragraphs[paragraphs.index(PARAS[1]) + 1] == after


def test_br_separated_lines_are_paragraphs() -> None:
    body = "<br><br>".join(PARAS)
    markup = (
        f"<html><head><title>Titre</title></head><body><article><div>{body}</div></article></body></html>"
    )
    assert extract_html(markup).text.split("\n\n") == PARAS


@pytest.mark.parametrize("cut", [0.3, 0.6, 0.9])
def test_truncated_page_does_not_crash(cut: float) -> None:
    markup = full_page()
    truncated = markup[: int(len(markup) * cut)]
    try:
        result = extract_html(truncated)
    except InputError as exc:  # nothing left that looks like an article: the only allowed failure
        assert exc.reason == "malformed-html"
    else:
        assert COOKIE not in result.text


def test_broken_markup_is_repaired() -> None:
    markup = (
        "<html><head><title>Crue</title><body><div class=article><p>"
        + PARAS[0]
        + "<p>"
        + PARAS[1]
        + "</span></div></div><p>"
        + PARAS[2]
        + "<div><b>"
    )
    result = extract_html(markup)
    for para in PARAS[:3]:
        assert para in result.text


def test_fragment_without_html_or_body() -> None:
    result = extract_html(f"<p>{PARAS[0]}</p><p>{PARAS[1]}</p>")
    assert result.text.split("\n\n") == PARAS[:2]


def test_fallback_when_trafilatura_finds_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(htmltext, "_trafilatura_body", lambda tree, url: None)
    result = extract_html(full_page())
    assert result.text.split("\n\n")[0] == LEAD
    assert PARAS[0] in result.text
    assert COOKIE not in result.text  # outside <article>


@pytest.mark.parametrize(
    "markup",
    [
        "",
        "   \n\t ",
        "<html><head><title>Vide</title></head><body></body></html>",
        "<html><body><nav><a href='/'>Accueil</a> <a href='/sport'>Sport</a></nav></body></html>",
        "<html><body><script>var x = 'Une phrase dans un script ne compte pas comme un article.';</script></body></html>",
    ],
)
def test_page_without_article_raises_input_error(markup: str) -> None:
    with pytest.raises(InputError) as excinfo:
        extract_html(markup)
    assert excinfo.value.reason == "malformed-html"
    assert excinfo.value.detail


def test_deterministic_and_never_touches_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("extract_html tried to open a network connection")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    url = "https://www.courrier-du-val.example/2021/03/13/passerelle.html"
    first = extract_html(full_page(), url=url)
    assert first == extract_html(full_page(), url=url)
    # a page that is nothing but a URL must not be fetched (htmldate fetches URL strings)
    with pytest.raises(InputError):
        extract_html(url)


# --- the scorer (chronique.eval.html) ---------------------------------------------------------


def test_normalise_folds_quotes_and_spaces() -> None:
    assert normalise("« L’été »\u00a0arrive\n\n") == '"L\'été" arrive'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("M. Dupont est arrivé lundi à Paris. Il repart demain.", "M. Dupont est arrivé lundi à Paris."),
        (
            "Oui. Il a dit oui mardi soir devant le conseil. Puis il est parti.",
            "Oui. Il a dit oui mardi soir devant le conseil.",
        ),
        ('"On y va", dit-il. "Maintenant !" Puis rien.', '"On y va", dit-il.'),
        ('Il a dit "oui !" Puis il est parti.', 'Il a dit "oui !"'),
        ("Une seule phrase sans point final", "Une seule phrase sans point final"),
        ("Le maire a parlé devant le conseil.Ensuite il est parti.", "Le maire a parlé devant le conseil."),
        (
            "Le 3.000e visiteur est venu le 12 mai. Ensuite la suite.",
            "Le 3.000e visiteur est venu le 12 mai.",
        ),
    ],
)
def test_first_sentence(text: str, expected: str) -> None:
    assert first_sentence(text) == expected


def test_site_boilerplate_and_leaks() -> None:
    menu = "<ul><li>Accueil</li><li>Sports</li><li>Toutes les brèves de la semaine en un clic</li></ul>"
    pages = [
        f"<html><body>{menu}<p>Article numéro {i} avec son texte propre et unique.</p></body></html>"
        for i in range(5)
    ]
    boilerplate = site_boilerplate(("site", page_segments(p)) for p in pages)["site"]
    assert "Accueil" in boilerplate
    assert not any("Article numéro" in b for b in boilerplate)
    # a short segment leaks only as a whole paragraph, a long one anywhere
    assert leaked_boilerplate("Le club de Sports de la ville gagne.", boilerplate) == []
    assert leaked_boilerplate("Texte.\nSports", boilerplate) == ["Sports"]
    assert leaked_boilerplate("Texte. Toutes les brèves de la semaine en un clic", boilerplate) == [
        "Toutes les brèves de la semaine en un clic"
    ]
    # ... unless the reference article itself contains it
    assert leaked_boilerplate("Texte.\nSports", boilerplate, reference="Texte. Sports") == []


def test_title_matches() -> None:
    assert title_matches("Le titre\u00a0du jour", "Le titre du jour ")
    assert not title_matches("Le titre", "Le titre : le site de l'info")
    assert title_matches("Le titre", "Le titre : le site de l'info", allow_site_suffix=True)


# --- the real pages ---------------------------------------------------------------------------


@pytest.mark.shared
def test_dev_pages_first_sentence_and_no_navigation() -> None:
    if not (SHARED_PAGES / "parsed.jsonl").is_file():
        pytest.skip(f"{SHARED_PAGES} absent: the scored real pages live outside the repository")
    pages, references = read_pages(SHARED_PAGES)
    scores = evaluate(pages, references, extract_html)
    summary = summarise(scores)
    failures = {s.id: s.reasons() for s in scores if not s.ok}
    assert summary.pages >= 100
    assert summary.pass_rate >= 0.95, failures
