"""The three stores behind --store give the same answers: memory, an embedded Oxigraph store, and a real
SPARQL server (Oxigraph's, started by .ci/run; or started here when it is not already running)."""

from __future__ import annotations

import re
import shutil
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef

from conftest import free_port, oxigraph_server, result_cell, result_rows
from kzgraph.build import Build
from kzgraph.cli import main
from kzgraph.errors import InputError
from kzgraph.namespaces import GRAPH_ASSERTED, GRAPH_INFERRED
from kzgraph.oracle import to_rdflib
from kzgraph.query import bindings_for, named_queries
from kzgraph.store import LocalStore, RemoteStore, Store, open_store


@pytest.fixture(scope="module")
def sparql_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real SPARQL server: KZGRAPH_TEST_SPARQL_URL, or Oxigraph's started here."""
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph-server")) as url:
        yield url


VIRTUOSO_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")


@pytest.fixture(scope="module")
def virtuoso_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A private Virtuoso (Debian's virtuoso-opensource) on 127.0.0.1, fresh for this module."""
    binary, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    if binary is None or isql is None or not VIRTUOSO_INI.exists():
        pytest.fail("the store tests need Virtuoso: apt-get install virtuoso-opensource (scripts/check does)")
    db = tmp_path_factory.mktemp("virtuoso")
    http, sql = free_port(), free_port()
    ini = VIRTUOSO_INI.read_text()
    for pattern, value in [
        (r"/var/lib/virtuoso-opensource-7/db", str(db)),
        (r"(?m)^(ServerPort\s*=\s*)1111$", rf"\g<1>127.0.0.1:{sql}"),
        (r"(?m)^(ServerPort\s*=\s*)8890$", rf"\g<1>127.0.0.1:{http}"),
        (r"(?m)^(DefaultHost\s*=\s*)localhost:8890$", rf"\g<1>127.0.0.1:{http}"),
        (r"(?m)^(ResultSetMaxRows\s*=\s*)\d+$", r"\g<1>1000000"),
    ]:
        ini, n = re.subn(pattern, value, ini)
        assert n, f"{VIRTUOSO_INI} has no {pattern}"
    (db / "virtuoso.ini").write_text(ini)
    log = (db / "server.log").open("w")
    proc = subprocess.Popen(
        [binary, "+foreground", "+configfile", str(db / "virtuoso.ini")], cwd=db, stdout=log, stderr=log
    )
    url = f"http://127.0.0.1:{http}/sparql"
    try:
        deadline = time.time() + 60
        while True:
            try:
                urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=1).read()
                break
            except OSError:
                if time.time() > deadline or proc.poll() is not None:
                    pytest.fail(f"Virtuoso did not start: {(db / 'server.log').read_text()[-500:]}")
                time.sleep(0.2)
        # anonymous SPARQL Update, on this private, loopback-only instance
        grant = 'GRANT SPARQL_UPDATE TO "SPARQL";'
        subprocess.run(
            [isql, f"127.0.0.1:{sql}", "dba", "dba", f"exec={grant}"], check=True, capture_output=True
        )
        yield url
    finally:
        proc.terminate()
        proc.wait(30)
        log.close()


@pytest.fixture(scope="module")
def stores(
    built: Build, sparql_url: str, virtuoso_url: str, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, object]:
    path = tmp_path_factory.mktemp("store") / "kz.db"
    assert main(["load", "--store", f"oxigraph:{path}"]) == 0
    assert main(["load", "--store", f"sparql:{sparql_url}"]) == 0
    assert main(["load", "--store", f"sparql:{virtuoso_url}"]) == 0
    return {
        "memory": built.store,
        "oxigraph": LocalStore.open(path),
        "sparql": RemoteStore(sparql_url),
        "virtuoso": RemoteStore(virtuoso_url),
    }


def graphs(store: Store) -> tuple[Graph, Graph]:
    """The asserted and the inferred graph of a store, as rdflib graphs."""
    out = {"asserted": Graph(), "inferred": Graph()}
    for role, q in store.graph_quads(True):
        out[role].add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    return out["asserted"], out["inferred"]


@pytest.mark.parametrize("name", sorted(named_queries()), ids=str)
def test_every_named_query_gives_the_same_answer_on_every_store(stores: dict, name: str) -> None:  # type: ignore[type-arg]
    q = named_queries()[name]
    bindings = bindings_for(q, {})
    answers = {kind: result_rows(store.execute(q.text, bindings)) for kind, store in stores.items()}
    ordered = "ORDER BY" in q.text.upper()
    reference = answers["memory"] if ordered else sorted(answers["memory"])
    assert reference, name
    for kind in ("oxigraph", "sparql", "virtuoso"):
        got = answers[kind] if ordered else sorted(answers[kind])
        assert got == reference, f"{name}: {kind} differs from memory"


@pytest.mark.parametrize("kind", ["memory", "oxigraph", "sparql", "virtuoso"])
def test_asserted_only_unless_inferred(stores: dict, kind: str) -> None:  # type: ignore[type-arg]
    q = "ASK { <https://w3id.org/kzgraph/id/person/nursultan-nazarbayev> <https://schema.org/name> ?n }"
    store = stores[kind]
    assert store.execute(q, inferred=True) is True
    assert store.execute(q, inferred=False) is False


DECIMAL = URIRef("http://www.w3.org/2001/XMLSchema#decimal")


def by_value(graph: Graph) -> Graph:
    """The graph with decimals written canonically."""
    out = Graph()
    for s, p, o in graph:
        if isinstance(o, Literal) and o.datatype == DECIMAL:
            o = Literal(result_cell(o), datatype=DECIMAL)
        out.add((s, p, o))
    return out


@pytest.mark.parametrize("kind", ["oxigraph", "sparql", "virtuoso"])
def test_store_holds_exactly_the_built_graphs(stores: dict, built: Build, kind: str) -> None:  # type: ignore[type-arg]
    from rdflib.compare import isomorphic

    asserted, inferred = graphs(stores[kind])
    expected_asserted, expected_inferred = graphs(built.store)
    # Blank nodes (the ontology's lists) get new labels, and stores may write decimals in their own
    # canonical form ("27" for "27.0"): compare by structure and value.
    assert isomorphic(by_value(asserted), by_value(expected_asserted))
    assert isomorphic(by_value(inferred), by_value(expected_inferred))


@pytest.mark.parametrize("server", ["sparql_url", "virtuoso_url"])
def test_reloading_replaces_and_leaves_no_staging_graph(
    stores: dict,  # type: ignore[type-arg]
    server: str,
    request: pytest.FixtureRequest,
) -> None:
    sparql_url = request.getfixturevalue(server)
    assert main(["load", "--store", f"sparql:{sparql_url}"]) == 0
    q = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    raw = RemoteStore(sparql_url).post(sparql_url, [("query", q)], "application/sparql-results+json")
    parsed = ox.parse_query_results(raw, format=ox.QueryResultsFormat.JSON)
    rows = {r["g"].value: int(r["n"].value) for r in parsed}  # type: ignore[index,union-attr]
    # (a server may hold graphs of its own, as Virtuoso does: look at kzgraph's only)
    rows = {g: n for g, n in rows.items() if g.startswith(GRAPH_ASSERTED.rsplit("/", 1)[0] + "/")}
    assert set(rows) == {GRAPH_ASSERTED, GRAPH_INFERRED}
    asserted, inferred = graphs(stores["memory"])
    assert rows[GRAPH_ASSERTED] == len(asserted) and rows[GRAPH_INFERRED] == len(inferred)


def test_cli_reads_from_a_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "cli.db"
    assert main(["load", "--store", f"oxigraph:{path}"]) == 0
    capsys.readouterr()
    args = ["query", "--store", f"oxigraph:{path}", "election-results", "--format", "csv"]
    assert main(args) == 0
    assert "Gani E. Kasymov" in capsys.readouterr().out
    assert main(["show", "--store", f"oxigraph:{path}", "Masimov"]) == 0
    assert capsys.readouterr().out.startswith("Karim Massimov")


def test_an_empty_store_says_how_to_fill_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "--store", f"oxigraph:{tmp_path / 'empty.db'}", "Masimov"]) == 2
    assert "kzgraph load --store" in capsys.readouterr().err


def test_unknown_store_and_unreachable_server(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "--store", "mongo:x", "election-results"]) == 2
    assert "unknown store" in capsys.readouterr().err
    port = free_port()
    assert main(["query", "--store", f"sparql:http://127.0.0.1:{port}/query", "election-results"]) == 2
    assert "cannot reach the SPARQL server" in capsys.readouterr().err
    with pytest.raises(InputError, match="unknown store"):
        open_store("memory")
