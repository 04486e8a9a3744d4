"""``kzgraph load``: put a built graph into a store, so that readers see the old graph or the new one.

- ``oxigraph:PATH``: the whole build store (every named graph, its stamp included) is written to a new
  folder beside PATH, which then takes PATH's place in two renames.
- ``sparql:URL``: the asserted triples (ontology and data) go to ``GRAPH_ASSERTED`` and the inferred ones
  to ``GRAPH_INFERRED`` of the server, through staging graphs moved over the live ones in one update.
  Triples are sent as N-Triples written by pyoxigraph, in requests Virtuoso accepts too: at most
  :data:`CHUNK` triples each, one object datatype per request (Virtuoso merges equal values of different
  date types within one request), and blank nodes in ``INSERT ... WHERE {}`` (Virtuoso refuses them in
  ``INSERT DATA``).
"""

from __future__ import annotations

import os
import shutil
from collections import defaultdict
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kzgraph.errors import InputError
from kzgraph.namespaces import GRAPH_ASSERTED, GRAPH_INFERRED
from kzgraph.store import RemoteStore, open_store

#: Triples per update request (Virtuoso refuses much more than 1,400 in one request).
CHUNK = 1_000
_STAGING = "-staging"
#: Moves the staged graphs over the live ones in one update request (one transaction).
SWAP = " ;\n".join(
    f"DROP SILENT GRAPH <{g}> ; MOVE SILENT <{g}{_STAGING}> TO <{g}>"
    for g in (GRAPH_ASSERTED, GRAPH_INFERRED)
)


def publish(build: Any, spec: str) -> str:
    """Put the build into the store named by ``spec``; the store's name."""
    kind, _, rest = spec.partition(":")
    if kind == "oxigraph" and rest:
        return _to_folder(build, Path(rest))
    store = open_store(spec)
    if not isinstance(store, RemoteStore):
        raise InputError(f"cannot load into {spec}")
    _to_server(build, store)
    return store.name


def _to_folder(build: Any, path: Path) -> str:
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise InputError(f"{path}: exists and is not a folder")
    tmp = path.parent / f".{path.name}.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        tmp.parent.mkdir(parents=True, exist_ok=True)
        disk = ox.Store(str(tmp))
        disk.bulk_load(build.store.ox.dump(format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS)
        disk.flush()
        del disk
        old = path.parent / f".{path.name}.old-{os.getpid()}"
        if path.exists():
            os.rename(path, old)
        os.rename(tmp, path)
        shutil.rmtree(old, ignore_errors=True)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise InputError(f"{path}: cannot write the store ({exc.strerror or exc})") from None
    return f"oxigraph:{path}"


_DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal"


def _server_safe(term: object) -> object:
    """Oxigraph writes a whole decimal as "27"; Virtuoso reads that as an integer. "27.0" is the same value
    and stays a decimal on every server."""
    if isinstance(term, ox.Literal) and term.datatype.value == _DECIMAL and "." not in term.value:
        return ox.Literal(term.value + ".0", datatype=term.datatype)
    return term


def _ntriples(triples: list[ox.Triple]) -> str:
    safe = [ox.Triple(t.subject, t.predicate, _server_safe(t.object)) for t in triples]  # type: ignore[arg-type]
    return (ox.serialize(safe, format=ox.RdfFormat.N_TRIPLES) or b"").decode("utf-8")


def _to_server(build: Any, store: RemoteStore) -> None:
    by_role: dict[str, list[ox.Triple]] = defaultdict(list)
    for role, q in build.store.graph_quads(True):
        by_role[role].append(q.triple)
    for role, name in (("asserted", GRAPH_ASSERTED), ("inferred", GRAPH_INFERRED)):
        staging = name + _STAGING
        store.update(f"DROP SILENT GRAPH <{staging}>")
        triples = list(dict.fromkeys(by_role[role]))
        blank = [
            t for t in triples if isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode)
        ]
        if blank:  # a blank node's label holds within one request: send every triple with one together
            store.update(f"INSERT {{ GRAPH <{staging}> {{\n{_ntriples(blank)}}} }} WHERE {{}}")
        by_datatype: dict[str, list[ox.Triple]] = defaultdict(list)
        for t in triples:
            if not (isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode)):
                key = t.object.datatype.value if isinstance(t.object, ox.Literal) else ""
                by_datatype[key].append(t)
        for _, group in sorted(by_datatype.items()):
            for i in range(0, len(group), CHUNK):
                store.update(f"INSERT DATA {{ GRAPH <{staging}> {{\n{_ntriples(group[i : i + CHUNK])}}} }}")
    store.update(SWAP)
