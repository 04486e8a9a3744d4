"""Shared fixtures: the packaged graph, loaded once per test session."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import rdflib

from kzgraph.build import Build, compute
from kzgraph.load import KnowledgeGraph, load

PREFIXES = """
PREFIX kz: <https://w3id.org/kzgraph/ontology#>
PREFIX src: <https://w3id.org/kzgraph/id/source/>
PREFIX person: <https://w3id.org/kzgraph/id/person/>
PREFIX party: <https://w3id.org/kzgraph/id/party/>
PREFIX inst: <https://w3id.org/kzgraph/id/institution/>
PREFIX intorg: <https://w3id.org/kzgraph/id/intorg/>
PREFIX orgn: <https://w3id.org/kzgraph/id/organisation/>
PREFIX country: <https://w3id.org/kzgraph/id/country/>
PREFIX place: <https://w3id.org/kzgraph/id/place/>
PREFIX concept: <https://w3id.org/kzgraph/id/concept/>
PREFIX post: <https://w3id.org/kzgraph/id/post/>
PREFIX tenure: <https://w3id.org/kzgraph/id/tenure/>
PREFIX membership: <https://w3id.org/kzgraph/id/membership/>
PREFIX rel: <https://w3id.org/kzgraph/id/relationship/>
PREFIX edu: <https://w3id.org/kzgraph/id/education/>
PREFIX election: <https://w3id.org/kzgraph/id/election/>
PREFIX result: <https://w3id.org/kzgraph/id/result/>
PREFIX event: <https://w3id.org/kzgraph/id/event/>
PREFIX claim: <https://w3id.org/kzgraph/id/claim/>
PREFIX obs: <https://w3id.org/kzgraph/id/observation/>
PREFIX rule: <https://w3id.org/kzgraph/id/rule/>
PREFIX law: <https://w3id.org/kzgraph/id/law/>
PREFIX doc: <https://w3id.org/kzgraph/id/document/>
PREFIX conflict: <https://w3id.org/kzgraph/id/conflict/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
"""

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def kg() -> KnowledgeGraph:
    """The packaged ontology, shapes, rules and data, as the load stage reads them."""
    return load()


@pytest.fixture(scope="session")
def graph(kg: KnowledgeGraph) -> rdflib.Graph:
    """The asserted graph: ontology and data, no reasoning."""
    return kg.asserted()


@pytest.fixture(scope="session")
def built(kg: KnowledgeGraph) -> Build:
    """The packaged graph reasoned and validated once for the whole session (nothing written)."""
    return compute(kg)


@pytest.fixture(scope="session")
def merged(built: Build) -> rdflib.Graph:
    """Asserted plus inferred triples."""
    return built.merged()


@pytest.fixture(scope="session")
def ask(graph: rdflib.Graph) -> Callable[[str], bool]:
    """ask('person:x kz:birthDate "1940"^^xsd:gYear') -> True when the pattern matches."""

    def _ask(pattern: str) -> bool:
        return bool(graph.query(PREFIXES + "ASK {" + pattern + "}").askAnswer)

    return _ask


@pytest.fixture(scope="session")
def select(graph: rdflib.Graph) -> Callable[[str], set[tuple[str, ...]]]:
    """select('SELECT ?x WHERE {...}') -> set of rows, each a tuple of strings."""

    def _select(query: str) -> set[tuple[str, ...]]:
        return {tuple(str(v) for v in row) for row in graph.query(PREFIXES + query)}

    return _select


def result_cell(term: object) -> str:
    """A result term as text: IRIs as prefixed names, decimals by value (rdflib keeps "7.0", Oxigraph "7")."""
    from decimal import Decimal, InvalidOperation

    from kzgraph.namespaces import shorten

    if term is None:
        return ""
    if isinstance(term, rdflib.URIRef):
        return shorten(str(term))
    if isinstance(term, rdflib.Literal) and term.datatype == rdflib.XSD.decimal:
        try:
            number = Decimal(str(term))
        except InvalidOperation:
            return str(term)
        return "0" if number == 0 else format(number.normalize(), "f")
    return str(term)


def result_rows(result: object) -> list[tuple[str, ...]]:
    """A query result as rows of text (ASK: [("true",)] or [("false",)])."""
    from kzgraph.query import Table

    if isinstance(result, bool):
        return [("true" if result else "false",)]
    assert isinstance(result, Table)
    return [tuple(result_cell(v) for v in row) for row in result.rows]


@pytest.fixture(scope="session")
def merged_store(merged: rdflib.Graph):  # type: ignore[no-untyped-def]
    """The reasoned graph in an Oxigraph store."""
    from kzgraph.oxi import store_from

    return store_from(merged)


@pytest.fixture(scope="session")
def run_named(merged: rdflib.Graph, merged_store) -> Callable[..., list[tuple[str, ...]]]:  # type: ignore[no-untyped-def]
    """run_named("office-holders", post="post:prime-minister-of-kazakhstan") -> rows.

    Runs a named query from ``queries/`` on the reasoned graph with both engines (rdflib in memory and
    Oxigraph), checks they agree (in order when the query has ORDER BY, as sets otherwise), and returns
    the rows as tuples of strings: IRIs as prefixed names, literals as their lexical form, unbound as "".
    ASK queries return [("true",)] or [("false",)].
    """
    from kzgraph.query import bindings_for, named_queries, run, run_oxigraph

    library = named_queries()

    def _run(name: str, /, **params: str) -> list[tuple[str, ...]]:
        q = library[name]
        bindings = bindings_for(q, params)
        a = result_rows(run(merged, q.text, bindings))
        b = result_rows(run_oxigraph(merged_store, q.text, bindings))
        if "ORDER BY" in q.text.upper():
            assert a == b, f"rdflib and Oxigraph disagree on {name}"
        else:
            assert sorted(a) == sorted(b), f"rdflib and Oxigraph disagree on {name}"
        return a

    return _run


# ----------------------------------------------------------------------------------------------------
# The browser for the page tests: Debian's Chromium, driven by Playwright; missing means failing.

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.fail(
            "the browser tests need Debian's Chromium at /usr/bin/chromium: apt-get install -y chromium"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(autouse=True)
def _no_hard_stop_inside_pytest(monkeypatch: pytest.MonkeyPatch) -> None:
    """A command stopped in native code ends its process; inside pytest that would end the session.

    In-process tests wait instead (a test of the hard stop runs the command in its own process).
    """
    monkeypatch.setattr("kzgraph.budget.GRACE_SECONDS", 3600.0)


def free_port() -> int:
    """A TCP port nobody listens on at 127.0.0.1 right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def running_endpoint(data_dir: Path | None = None, **config: Any) -> Iterator[str]:
    """``kzgraph serve`` in a thread of this process (one query worker unless ``config`` says otherwise),
    with ``config`` as ServeConfig fields; yields its base URL."""
    import uvicorn

    from kzgraph.serve import ServeConfig, prepare

    port = free_port()
    settings = ServeConfig(**{"port": port, "workers": 1, **config})
    pool, app = prepare(settings, data_dir=data_dir)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 30
    while not server.started and time.time() < deadline:
        time.sleep(0.05)
    assert server.started
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        pool.close()


HOSTILE = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>alert(2)</script>"


def write_hostile_data(folder: Path) -> Path:
    """A data folder whose labels and notes carry HTML and script: a hostile person tied to another."""
    from kzgraph.resources import data_dir

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sources.ttl").write_bytes((data_dir() / "sources.ttl").read_bytes())
    (folder / "hostile.ttl").write_text(
        "@prefix kz: <https://w3id.org/kzgraph/ontology#> .\n"
        "@prefix src: <https://w3id.org/kzgraph/id/source/> .\n"
        "@prefix person: <https://w3id.org/kzgraph/id/person/> .\n"
        "@prefix rel: <https://w3id.org/kzgraph/id/relationship/> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        f'person:hostile a kz:Person ; skos:prefLabel "{HOSTILE}" ;\n'
        f'    skos:altLabel "{SCRIPT}" ; kz:note "<b onmouseover=alert(3)>x</b>" ;\n'
        "    kz:source src:summary .\n"
        'person:other a kz:Person ; skos:prefLabel "Other" ; kz:source src:summary .\n'
        "rel:h a kz:Relationship ; kz:from person:hostile ; kz:relation kz:spouseOf ; kz:to person:other ;\n"
        "    kz:source src:summary .\n",
        encoding="utf-8",
    )
    return folder
