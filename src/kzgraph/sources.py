"""The files a graph is built from, and one digest of them that says when a built store is stale.

A built store (see :mod:`kzgraph.build`) is stamped with :meth:`Sources.digest`. Every command that reads
the graph compares the stamp with the digest of the sources it would build from, and rebuilds when they
differ: the data, the ontology, the shapes, the rules, or kzgraph's own code changed.

>>> s = Sources.packaged()
>>> len(s.digest())
64
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kzgraph import __version__, resources
from kzgraph.errors import InputError


def _ttl_files(folder: Path, suffixes: tuple[str, ...] = (".ttl",)) -> tuple[Path, ...]:
    if not folder.is_dir():
        raise InputError(f"{folder}: no such folder")
    # every file so named but folders: a device or FIFO among them is then refused by name when read
    found = (p for suffix in suffixes for p in folder.glob(f"*{suffix}"))
    return tuple(sorted(p for p in found if not p.is_dir()))


@dataclass(frozen=True)
class Sources:
    """Ontology, shapes, rules and data files, in the order they are read."""

    ontology: tuple[Path, ...]
    shapes: tuple[Path, ...]
    rules: tuple[Path, ...]
    data: tuple[Path, ...]

    @classmethod
    def packaged(
        cls,
        data_dir: Path | None = None,
        data_files: Sequence[Path] | None = None,
        ontology_dir: Path | None = None,
    ) -> Sources:
        """The packaged ontology, shapes and rules, with the packaged data, a data folder, or given files."""
        odir = Path(ontology_dir) if ontology_dir is not None else resources.ontology_dir()
        if data_files is not None:
            data = tuple(Path(f) for f in data_files)
        else:
            folder = Path(data_dir) if data_dir is not None else resources.data_dir()
            data = _ttl_files(folder, (".ttl", ".trig"))
        rules_dir = odir / "rules"
        rules = tuple(sorted(rules_dir.glob("*.rq"))) if rules_dir.is_dir() else ()
        return cls(_ttl_files(odir), _ttl_files(odir / "shapes"), rules, data)

    def files(self) -> list[tuple[str, Path]]:
        """Every file with its role (ontology, shapes, rules, data)."""
        return [
            (role, path) for role in ("ontology", "shapes", "rules", "data") for path in getattr(self, role)
        ]

    def digest(self) -> str:
        """SHA-256 over every source file's role, name and bytes, and over kzgraph's own code.

        A data file that cannot be read gives a digest no store matches, so the build that follows
        reports the problem itself.
        """
        from kzgraph.files import open_regular

        h = hashlib.sha256()
        h.update(_code_digest().encode())
        for role, path in self.files():
            h.update(f"\0{role}\0{path.name}\0".encode())
            try:
                fd = open_regular(path)  # a device or FIFO is refused here, before a byte is read
            except InputError as exc:
                if "no such file" in exc.message or "cannot read" in exc.message:
                    h.update(b"unreadable")
                    continue
                raise
            with os.fdopen(fd, "rb") as handle:
                h.update(hashlib.file_digest(handle, "sha256").digest())
        return h.hexdigest()


@cache
def _code_digest() -> str:
    """The version plus a digest of the package's Python code and templates (a dev checkout changes)."""
    package = Path(__file__).resolve().parent
    h = hashlib.sha256(__version__.encode())
    for path in sorted(package.rglob("*")):
        parts = path.relative_to(package).parts
        if (
            path.suffix in (".py", ".html", ".js", ".css", ".json")
            and parts[0] != "resources"
            and "__pycache__" not in parts
        ):
            h.update(path.relative_to(package).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()
