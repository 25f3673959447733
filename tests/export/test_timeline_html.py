"""chronique.export.timeline_html: one self-contained page (no asset fetched), sources on click, entity filter."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from chronique.export.timeline_html import page
from tests.export.test_timeline import _tl


def test_the_page_is_self_contained() -> None:
    html = page(_tl())
    assert html.startswith("<!doctype html>")
    assert not re.search(r"<(script|img|iframe)[^>]+src=|<link\b|@import|url\(|fonts\.", html, re.I)
    assert "<style>" in html and "function apply()" in html


def test_the_json_twin_is_embedded() -> None:
    html = page(_tl())
    m = re.search(r"<script type='application/json' id='data'>(.*?)</script>", html, re.S)
    assert m
    d = json.loads(m.group(1).replace("<\\/", "</"))
    assert [e["date"] for e in d["entries"]] == ["2016-02-11/2016-02-12", "2019-08", "2019-W51", "2019-12-24"]


def test_axis_markers_lines_sources_and_filter() -> None:
    html = page(_tl())
    assert html.count("class='year'") == 2 and html.count("class='month'") == 3  # 2016 | 2019: Aug, Dec
    assert html.count("<details class='line'>") == 4
    assert "<span class='dt'>11-12 février</span>" in html  # the words naming the date, marked
    assert "<mark>Les ministres ont conclu l&#x27;accord de Munich des 11-12 février.</mark>" in html
    assert "<span class='ctx'>Avant.</span>" in html and "<code>rec-42</code>" in html
    assert "data-entity='Munich'" in html and "data-entities='[&quot;Munich&quot;]'" in html
    assert "class='entry period'" in html  # weeks, months and intervals drawn apart from days


@pytest.mark.slow
def test_headless_chromium_filters_by_entity(tmp_path: Path) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        pytest.skip("chromium is not installed")
    f = tmp_path / "t.html"
    f.write_text(page(_tl()), encoding="utf-8")
    args = [
        chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", f"file://{f}#entity=Idleb",
    ]  # fmt: skip
    dom = subprocess.run(args, capture_output=True, text=True, timeout=90).stdout
    shown = re.findall(r'<article class="entry[^"]*"', dom)
    assert len(shown) == 4 and sum("hidden" not in s for s in shown) == 1, shown
