"""Find the input files under the paths a user gives: files and folders, recursively.

The order is deterministic: the paths in the order given, the entries of each folder sorted by
name (so a folder's files come out in path order). Hidden files and folders (``.name``) and
metadata sidecars (``NAME.meta.json``, ``metadata.csv``) are passed over. A file whose suffix no
reader supports is passed over in a folder walk but counted (:attr:`Discovery.ignored`), and
yielded when it is named explicitly, so that :func:`~chronique.ingest.read_file` reports it.
"""

from __future__ import annotations

import logging
import os
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path

from chronique.errors import InputError
from chronique.ingest.readers import is_supported, split_suffix
from chronique.ingest.sidecars import is_sidecar
from chronique.models import Skip

log = logging.getLogger(__name__)


class Discovery(Iterator[Path]):
    """The files found under some paths, yielded lazily, with counts of what was passed over.

    Read the counts after iterating: ``ignored`` (unsupported files met in folder walks, by
    suffix in ``ignored_by_suffix``), ``sidecars`` (metadata files, read with their articles)
    and ``problems`` (folders that could not be listed, as Skips).
    """

    def __init__(self, paths: Sequence[str | Path]) -> None:
        if isinstance(paths, (str, Path)):
            paths = [paths]
        self.roots = [Path(p) for p in paths]
        for root in self.roots:
            if not os.path.lexists(root):
                raise InputError("unreadable", f"{root} does not exist; check the path")
        self.ignored = 0
        self.ignored_by_suffix: Counter[str] = Counter()
        self.sidecars = 0
        self.problems: list[Skip] = []
        self._seen: set[str] = set()
        self._iter = self._walk_all()

    def __iter__(self) -> Discovery:
        return self

    def __next__(self) -> Path:
        return next(self._iter)

    def _file(self, path: Path, explicit: bool) -> Iterator[Path]:
        if is_sidecar(path):
            self.sidecars += 1
            if explicit:
                log.info("%s is metadata for other files; it is read with them, not on its own", path)
            return
        if not explicit and not is_supported(path):
            self.ignored += 1
            suffix, gz = split_suffix(path)
            self.ignored_by_suffix[(suffix or "(none)") + (".gz" if gz else "")] += 1
            return
        real = os.path.realpath(path)
        if real in self._seen:
            return
        self._seen.add(real)
        yield path

    def _walk(self, folder: Path, ancestors: frozenset[str]) -> Iterator[Path]:
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            log.warning("cannot list %s: %s", folder, exc.strerror or exc)
            self.problems.append(
                Skip(str(folder), "unreadable", f"cannot list the folder: {exc.strerror or exc}")
            )
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = folder / entry.name
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                real = os.path.realpath(path)
                if real in ancestors:  # a symbolic link back up the tree
                    log.warning("not following %s: it links to a folder that contains it", path)
                    continue
                yield from self._walk(path, ancestors | {real})
            else:
                # Files, and broken links with a supported suffix (read_file reports them).
                yield from self._file(path, explicit=False)

    def _walk_all(self) -> Iterator[Path]:
        for root in self.roots:
            if root.is_dir():
                yield from self._walk(root, frozenset({os.path.realpath(root)}))
            else:
                yield from self._file(root, explicit=True)
        if self.ignored:
            kinds = ", ".join(f"{n} {s}" for s, n in self.ignored_by_suffix.most_common())
            log.info("ignored %d file(s) of unsupported types (%s)", self.ignored, kinds)


def discover(paths: Sequence[str | Path]) -> Discovery:
    """The input files under ``paths`` (files or folders), recursively, in a deterministic order.

    Raises ``InputError("unreadable")`` at once if a path does not exist. The result is an
    iterator of paths (each the given path joined with the part below it) that also counts what
    it passed over; see :class:`Discovery`.
    """
    return Discovery(paths)
