"""The scan's rule index (``Grammar.candidates``) never leaves out a rule that matches."""

from __future__ import annotations

import re

from chronique.time import grammar

TEXT = (
    "Le 1er mai 2020, DEUX jours plus tard, la veille du 14-Juillet, vers 21 h 45 ; "
    "entre mars et mai 2019, il y a trois semaines, dans les années 1990, au XXe siècle, "
    "chaque lundi, le 12/03/2021, le 2021-03-12, l'été dernier, ce matin-là, ſamedi 3 juin."
)


def test_candidates_keep_every_matching_rule() -> None:
    g = grammar.load("fr")
    for w in re.finditer(r"(?<![\w\-])\w", TEXT):
        p = w.start()
        kept = {r.index for r in g.candidates(TEXT[p : p + grammar.PREFIX_LEN])}
        for rule in g.by_char.get(TEXT[p].lower(), g.others):
            if rule.regex.match(TEXT, p):
                assert rule.index in kept, (rule.id, TEXT[p : p + 20])


def test_prefixes_fold_case_as_the_regex_engine() -> None:
    ps = grammar.prefixes("(?:le\\s+)?mai", 3)
    assert ps is not None
    firsts = set().union(*(t[0] or set() for t in ps))
    assert {"l", "m"} <= firsts
    assert grammar.prefixes("(?P<a>x)(?P=a)", 3) is not None
