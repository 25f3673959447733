from __future__ import annotations

import os
from pathlib import Path

import pytest

from chronique.errors import InputError
from chronique.ingest import discover, read_file
from chronique.settings import Settings
from tests.ingest.helpers import write


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    for rel in [
        "b.txt",
        "a.json",
        "sub/2011-02-03/x.html",
        "sub/2011-02-03/x.meta.json",
        "sub/a.jsonl.gz",
        "sub/metadata.csv",
        "z.csv",
        "notes.docx",
        "image.png",
        "README",
        ".hidden.txt",
        ".git/config.txt",
        "c.TSV",
    ]:
        write(root / rel, "contenu")
    return root


def test_walk_is_sorted_and_skips_hidden_sidecars_and_unsupported(tree: Path) -> None:
    found = discover([tree])
    rel = [p.relative_to(tree).as_posix() for p in found]
    assert rel == ["a.json", "b.txt", "c.TSV", "sub/2011-02-03/x.html", "sub/a.jsonl.gz", "z.csv"]
    assert found.ignored == 3
    assert dict(found.ignored_by_suffix) == {".docx": 1, ".png": 1, "(none)": 1}
    assert found.sidecars == 2
    assert found.problems == []


def test_paths_keep_the_form_given(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tree.parent)
    assert [str(p) for p in discover(["corpus/sub"])] == [
        os.path.join("corpus", "sub", "2011-02-03", "x.html"),
        os.path.join("corpus", "sub", "a.jsonl.gz"),
    ]


def test_explicit_files_in_the_order_given_and_deduplicated(tree: Path) -> None:
    paths = [
        tree / "z.csv",
        tree / "notes.docx",
        tree / "sub",
        tree / "sub" / "a.jsonl.gz",
        tree / ".hidden.txt",
    ]
    found = list(discover(paths))
    assert found == [
        tree / "z.csv",
        tree / "notes.docx",  # named explicitly: read_file reports it
        tree / "sub" / "2011-02-03" / "x.html",
        tree / "sub" / "a.jsonl.gz",
        tree / ".hidden.txt",
    ]


def test_explicit_unsupported_file_is_reported_by_read_file(tree: Path, settings: Settings) -> None:
    [path] = discover([tree / "notes.docx"])
    with pytest.raises(InputError) as err:
        list(read_file(path, settings))
    assert err.value.reason == "unsupported"


def test_explicit_sidecar_is_passed_over(tree: Path) -> None:
    found = discover([tree / "sub" / "metadata.csv"])
    assert list(found) == []
    assert found.sidecars == 1


def test_missing_path_raises_at_once(tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        discover([tmp_path, tmp_path / "absent"])
    assert err.value.reason == "unreadable"
    assert "absent does not exist" in err.value.detail


def test_single_string_path(tree: Path) -> None:
    assert len(list(discover(str(tree)))) == 6


def test_symlink_loop_and_broken_link(tmp_path: Path, settings: Settings) -> None:
    write(tmp_path / "d" / "a.txt", "contenu")
    (tmp_path / "d" / "loop").symlink_to(tmp_path / "d")
    (tmp_path / "d" / "broken.txt").symlink_to(tmp_path / "gone.txt")
    found = list(discover([tmp_path / "d"]))
    assert found == [tmp_path / "d" / "a.txt", tmp_path / "d" / "broken.txt"]
    with pytest.raises(InputError) as err:
        list(read_file(found[1], settings))
    assert err.value.reason == "unreadable"


def test_unlistable_folder_is_a_problem_not_a_crash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "ok" / "a.txt", "contenu")
    locked = tmp_path / "locked"
    write(locked / "b.txt", "contenu")
    real_scandir = os.scandir

    def scandir(path):
        if Path(path) == locked:  # what a folder without read permission does
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    found = discover([tmp_path])
    assert list(found) == [tmp_path / "ok" / "a.txt"]
    assert [(p.path, p.reason) for p in found.problems] == [(str(locked), "unreadable")]
