"""The Python library: one object over one store, and every command's work as a method.

>>> import kzgraph
>>> kg = kzgraph.open(store="memory")
>>> [r["name"] for r in kg.query("prime-ministers").values()][-1]
'Karim Massimov'
>>> kg.show("Masimov").label
'Karim Massimov'

``kzgraph.open()`` reads the built store in ``build/`` (building it first, or again when the sources have
changed since); ``open(store="memory")`` builds in memory and writes nothing; ``open(store="oxigraph:PATH")``
and ``open(store="sparql:URL")`` use a store filled by ``kzgraph load``; ``open(data="my-folder")`` builds
from your own data files with the packaged ontology and shapes. The command line only wraps this.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kzgraph.errors import InputError, KzError
from kzgraph.query import NamedQuery, bindings_for, find_query, named_queries
from kzgraph.results import QueryResult, Rows
from kzgraph.sources import Sources
from kzgraph.store import LocalStore, Store, open_store

DEFAULT_BUILD = Path("build")


@dataclass
class Chain:
    """One chain of ties between two entities (see :meth:`KnowledgeGraph.path`)."""

    hops: list[Any]
    text: str


class KnowledgeGraph:
    """The reasoned, validated graph, queried through one store."""

    def __init__(self, store: Store, sources: Sources | None = None) -> None:
        self.store = store
        self.sources = sources

    # -- queries ------------------------------------------------------------------------------------

    def named_queries(self) -> dict[str, NamedQuery]:
        """The library of named questions, by name."""
        return named_queries()

    def query(self, name: str, *, inferred: bool = True, **params: str) -> QueryResult:
        """Run a named query (or a ``.rq`` file) with parameters given as text, as on the command line.

        Returns :class:`~kzgraph.results.Rows` for SELECT, a bool for ASK, triples for CONSTRUCT.
        """
        nq = find_query(name)
        bindings = bindings_for(nq, params) if nq.params or params else {}
        result = self.store.execute(nq.text, bindings, inferred=inferred)
        assert not isinstance(result, bytes)
        return result

    def sparql(
        self, text: str, *, inferred: bool = True, **bindings: ox.NamedNode | ox.Literal
    ) -> QueryResult:
        """Run your own SPARQL query (read-only; SERVICE, FROM and updates are refused)."""
        result = self.store.execute(text, bindings, inferred=inferred)
        assert not isinstance(result, bytes)
        return result

    def rows(self, name: str, **params: str) -> Rows:
        """A named SELECT query's rows."""
        result = self.query(name, inferred=True, **params)
        if not isinstance(result, Rows):
            raise KzError(f"query {name!r} is not a SELECT query")
        return result

    def asof(self, date: str) -> Rows:
        """The political system on a day (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``): who held the top
        posts, which parties sat in the Mazhilis and were registered, Kazakhstan's memberships; each row
        with its certainty and sources (the named query ``state-on``)."""
        from kzgraph.dates import period

        period(date)  # a clear error for a date that is not one, before any query runs
        return self.rows("state-on", date=date.strip())

    # -- entities -----------------------------------------------------------------------------------

    def _view(self) -> Any:
        from kzgraph.export import as_local
        from kzgraph.view import GraphView

        local = as_local(self.store)
        return GraphView(local.ox)

    def resolve(self, name: str) -> str:
        """The IRI of an entity named by IRI, prefixed name, label or any spelling the profile uses."""
        from kzgraph.facts import resolve

        return resolve(self._view(), name).value

    def show(self, name: str) -> Any:
        """Everything about one entity (a :class:`~kzgraph.facts.Profile`); ``.text()`` prints it."""
        from kzgraph.facts import profile, resolve

        view = self._view()
        return profile(view, resolve(view, name))

    def network(self) -> Any:
        """The relationship network, as a networkx ``MultiDiGraph``."""
        from kzgraph.network import build_network

        return build_network(self._view())

    def path(self, a: str, b: str, max_chains: int = 3) -> list[Chain]:
        """The shortest chains of ties between two entities, shortest first."""
        from kzgraph.network import chains, describe_chain

        view = self._view()
        from kzgraph.facts import resolve
        from kzgraph.network import build_network

        net = build_network(view)
        ends = []
        for name in (a, b):
            iri = resolve(view, name).value
            if iri not in net:
                raise KzError(f"{name!r} is not a node of the network (it is not a person or organisation)")
            ends.append(iri)
        return [Chain(c, describe_chain(net, c)) for c in chains(net, ends[0], ends[1], max_chains)]

    # -- checks and outputs ---------------------------------------------------------------------------

    def validate(self) -> Any:
        """The SHACL report of the graph in the store (a :class:`~kzgraph.validate.ValidationReport`)."""
        from kzgraph.validate import validate

        if not isinstance(self.store, LocalStore):
            raise KzError(
                "validation runs on a kzgraph store (built or oxigraph:PATH), not on a SPARQL server"
            )
        return validate(self.store.ox)

    def export(
        self, fmt: str, path: str | Path | None = None, *, inferred: bool = False, frame: str | None = None
    ) -> Any:
        """The graph in ``fmt`` (turtle, nt, nquads, trig, jsonld, graphml, gexf, csv, popolo).

        With ``path`` the export is written there (a folder for csv) and the paths are returned;
        without, the text is returned (a dict of ``nodes``/``edges`` for csv).
        """
        from kzgraph.export import export, write_lines
        from kzgraph.files import write_files

        if (
            path is not None
            and fmt in ("nt", "nquads")
            and frame is None
            and isinstance(self.store, LocalStore)
        ):
            write_lines(self.store, fmt, Path(path), inferred=inferred)  # (no whole text in memory)
            return [Path(path)]
        files = export(self.store, fmt, inferred=inferred, frame=frame)
        if path is None:
            return files if fmt == "csv" else files[""]
        target = Path(path)
        written = {target / f"{n}.csv": t for n, t in files.items()} if fmt == "csv" else {target: files[""]}
        write_files(written)
        return list(written)

    def build(self, out: str | Path = DEFAULT_BUILD) -> Any:
        """Build everything (store, exports, reports, explorer) into ``out``; returns the build."""
        from kzgraph.build import run_build

        return run_build(Path(out), self.sources)

    def site(self, out: str | Path = Path("build") / "site") -> Any:
        """Write the static website (a page per entity, section, ontology term and named query) into
        ``out``; returns what was written (pages, files, bytes, the largest page)."""
        from kzgraph.export import as_local
        from kzgraph.site import build_site

        return build_site(as_local(self.store), Path(out))

    def close(self) -> None:
        """Release the store."""
        self.store.close()

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def sources_for(data: str | Path | Sequence[str | Path] | None) -> Sources:
    """The sources for ``data``: packaged, a folder of data files, or a list of files."""
    if data is None:
        return Sources.packaged()
    if isinstance(data, str | Path):
        path = Path(data)
        if path.is_dir():
            return Sources.packaged(data_dir=path)
        return Sources.packaged(data_files=[path])
    return Sources.packaged(data_files=[Path(p) for p in data])


def open(
    data: str | Path | Sequence[str | Path] | None = None,
    store: str | None = None,
    *,
    build_dir: str | Path = DEFAULT_BUILD,
    reasoner: str = "fast",
    announce: Callable[[str], None] | None = None,
) -> KnowledgeGraph:
    """Open the graph: the built store in ``build_dir`` (rebuilt when stale), ``store="memory"`` (built in
    memory, nothing written), or an existing store ``"oxigraph:PATH"`` / ``"sparql:URL"``."""
    from kzgraph.build import compute, ensure_store

    sources = sources_for(data)
    if store in (None, "", "build"):
        return KnowledgeGraph(
            ensure_store(Path(build_dir), sources, reasoner=reasoner, announce=announce), sources
        )
    if store == "memory":
        return KnowledgeGraph(compute(sources, reasoner=reasoner).store, sources)
    if data is not None:
        raise InputError("give either your own data or a store to read, not both")
    return KnowledgeGraph(open_store(store), None)


__all__ = ["KnowledgeGraph", "open"]
