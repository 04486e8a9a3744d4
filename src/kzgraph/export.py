"""Export stage: serialise graphs, and write every output file atomically.

A failure while writing never leaves a truncated file where a good one was: each file is written to a
temporary file beside its target, flushed to disk, then renamed over it (rdflib's own
``serialize(destination=...)`` truncates the target first).
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from rdflib import Graph

from kzgraph import resources
from kzgraph.errors import InputError, KzError

RDF_FORMATS = {"turtle": "ttl", "nt": "nt", "jsonld": "jsonld", "trig": "trig", "nquads": "nq"}


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def atomic_writer(path: Path, mode: str = "w") -> Iterator[IO[Any]]:
    """Open a temporary file beside ``path``; on success it replaces ``path``, on error it vanishes."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{path.parent}: cannot create folder ({exc.strerror})") from None
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        encoding = None if "b" in mode else "utf-8"
        newline = None if "b" in mode else ""
        with os.fdopen(fd, mode, encoding=encoding, newline=newline) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes files private; outputs are ordinary files
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically (UTF-8)."""
    try:
        with atomic_writer(path) as handle:
            handle.write(text)
    except OSError as exc:
        raise KzError(f"{path}: cannot write ({exc.strerror})") from None


def write_files(files: Mapping[Path, str]) -> None:
    """Write several files, each atomically; nothing is written if any text is missing."""
    for path, text in files.items():
        write_text(path, text)


def jsonld_context() -> dict[str, Any]:
    """The hand-written JSON-LD context shipped with the ontology (``ontology/context.jsonld``)."""
    path = resources.ontology_dir() / "context.jsonld"
    doc = json.loads(path.read_text(encoding="utf-8"))
    context = doc["@context"]
    assert isinstance(context, dict)
    return context


def to_turtle(graph: Graph) -> str:
    """Turtle with kzgraph's prefixes, subjects grouped and sorted so diffs stay small."""
    return str(graph.serialize(format="turtle"))


def to_ntriples(graph: Graph) -> str:
    """N-Triples, one triple a line, sorted: byte-identical for the same graph."""
    text = str(graph.serialize(format="nt"))
    lines = sorted(line for line in text.splitlines() if line.strip())
    return "\n".join(lines) + ("\n" if lines else "")


def to_jsonld(graph: Graph) -> str:
    """Compacted JSON-LD using the packaged context (embedded, so readers fetch nothing)."""
    context = jsonld_context()
    text = graph.serialize(format="json-ld", context=context, auto_compact=True, indent=2, sort_keys=True)
    return str(text) + ("\n" if not str(text).endswith("\n") else "")


def serialize(graph: Graph, fmt: str) -> str:
    """Serialise ``graph`` in one of :data:`RDF_FORMATS`."""
    if fmt == "turtle":
        return to_turtle(graph)
    if fmt == "nt":
        return to_ntriples(graph)
    if fmt == "jsonld":
        return to_jsonld(graph)
    raise InputError(f"unknown RDF export format {fmt!r} (use one of {', '.join(RDF_FORMATS)})")
