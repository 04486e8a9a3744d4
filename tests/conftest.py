"""Shared fixtures: the packaged graph, loaded once per test session."""

from __future__ import annotations

import contextlib
import os
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
import rdflib

from kzgraph.build import Build, compute, persist
from kzgraph.namespaces import GRAPH_ONTOLOGY
from kzgraph.store import LocalStore
from kzgraph.view import GraphView

PREFIXES = """
PREFIX kz: <https://w3id.org/kzgraph/ontology#>
PREFIX src: <https://w3id.org/kzgraph/id/source/>
PREFIX person: <https://w3id.org/kzgraph/id/person/>
PREFIX group: <https://w3id.org/kzgraph/id/group/>
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

# ----------------------------------------------------------------------------------------------------
# The audit hook: installed once (hooks cannot be removed), recording only inside `audit_events()`.

_EVENTS: list[tuple[str, tuple[Any, ...]]] = []
_RECORDING = [False]
AUDITED = (
    "urllib.Request",
    "socket.connect",
    "socket.getaddrinfo",
    "socket.sendto",
    "open",
    "subprocess.Popen",
)


def _hook(event: str, args: tuple[Any, ...]) -> None:
    if _RECORDING[0] and event in AUDITED:
        _EVENTS.append((event, args))


sys.addaudithook(_hook)


@contextlib.contextmanager
def audit_events() -> Iterator[list[tuple[str, tuple[Any, ...]]]]:
    """Every network event, file open and process start in the block (the list fills when it ends)."""
    _EVENTS.clear()
    _RECORDING[0] = True
    found: list[tuple[str, tuple[Any, ...]]] = []
    try:
        yield found
    finally:
        _RECORDING[0] = False
        found.extend(_EVENTS)
        _EVENTS.clear()


@pytest.fixture(scope="session")
def inferred(store: LocalStore) -> rdflib.Graph:
    """The inferred triples, as rdflib."""
    from kzgraph.namespaces import GRAPH_INFERRED
    from kzgraph.oracle import rdflib_graph

    return rdflib_graph(store.ox, [GRAPH_INFERRED])


@pytest.fixture(scope="session")
def built() -> Build:
    """The packaged graph loaded, reasoned and validated once for the whole session, in memory."""
    return compute()


@pytest.fixture(scope="session")
def store(built: Build) -> LocalStore:
    """The session's store (asserted, inferred, shapes, stamp)."""
    return built.store


@pytest.fixture(scope="session")
def view(store: LocalStore) -> GraphView:
    """Point lookups on the session's store (asserted + inferred)."""
    return GraphView(store.ox)


@pytest.fixture(scope="session", autouse=True)
def build_dir(built: Build, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One built store on disk for every command run in the session (kzgraph reads it, never rebuilds)."""
    folder = tmp_path_factory.mktemp("build")
    persist(built, folder)
    old = os.environ.get("KZGRAPH_BUILD_DIR")
    os.environ["KZGRAPH_BUILD_DIR"] = str(folder)
    yield folder
    if old is None:
        os.environ.pop("KZGRAPH_BUILD_DIR", None)
    else:
        os.environ["KZGRAPH_BUILD_DIR"] = old


@pytest.fixture(scope="session")
def graph(store: LocalStore) -> rdflib.Graph:
    """The asserted graph (ontology and data) as rdflib, for tests that use rdflib's own tools."""
    from kzgraph.oracle import rdflib_graph

    return rdflib_graph(store.ox, [GRAPH_ONTOLOGY, *store.data_graphs()])


@pytest.fixture(scope="session")
def merged(store: LocalStore) -> rdflib.Graph:
    """Asserted plus inferred triples, as rdflib."""
    from kzgraph.namespaces import GRAPH_INFERRED
    from kzgraph.oracle import rdflib_graph

    return rdflib_graph(store.ox, [GRAPH_ONTOLOGY, *store.data_graphs(), GRAPH_INFERRED])


@dataclass
class Parts:
    """The parts of the packaged graph as rdflib graphs: what rdflib-based checks read."""

    ontology: rdflib.Graph
    data: rdflib.Graph
    shapes: rdflib.Graph


@pytest.fixture(scope="session")
def kg(store: LocalStore) -> Parts:
    """The ontology, the data and the shapes, apart, as rdflib graphs."""
    from kzgraph.namespaces import GRAPH_SHAPES
    from kzgraph.oracle import rdflib_graph

    return Parts(
        rdflib_graph(store.ox, [GRAPH_ONTOLOGY]),
        rdflib_graph(store.ox, store.data_graphs()),
        rdflib_graph(store.ox, [GRAPH_SHAPES]),
    )


def _asserted(store: LocalStore) -> list[ox.NamedNode]:
    return store.default_graphs(inferred=False)


@pytest.fixture(scope="session")
def ask(store: LocalStore) -> Callable[[str], bool]:
    """ask('person:x kz:birthDate "1940"^^xsd:gYear') -> True when the pattern matches the asserted graph."""

    def _ask(pattern: str) -> bool:
        return bool(store.ox.query(PREFIXES + "ASK {" + pattern + "}", default_graph=_asserted(store)))

    return _ask


@pytest.fixture(scope="session")
def select(store: LocalStore) -> Callable[[str], set[tuple[str, ...]]]:
    """select('SELECT ?x WHERE {...}') -> set of rows (asserted graph), each a tuple of strings."""

    def _select(query: str) -> set[tuple[str, ...]]:
        result = store.ox.query(PREFIXES + query, default_graph=_asserted(store))
        names = [v.value for v in result.variables]  # type: ignore[union-attr]
        return {tuple(row[n].value if row[n] is not None else "None" for n in names) for row in result}  # type: ignore[union-attr]

    return _select


def result_cell(term: object) -> str:
    """A result term as text: IRIs as prefixed names, decimals by value (stores write 7.0 or 7)."""
    from decimal import Decimal, InvalidOperation

    from kzgraph.namespaces import shorten

    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return shorten(term.value)
    if isinstance(term, ox.Literal) and term.datatype.value == "http://www.w3.org/2001/XMLSchema#decimal":
        try:
            number = Decimal(term.value)
        except InvalidOperation:
            return term.value
        return "0" if number == 0 else format(number.normalize(), "f")
    if isinstance(term, ox.Literal | ox.BlankNode):
        return term.value
    return str(term)


def result_rows(result: object) -> list[tuple[str, ...]]:
    """A query result as rows of text (ASK: [("true",)] or [("false",)])."""
    from kzgraph.results import Rows

    if isinstance(result, bool):
        return [("true" if result else "false",)]
    assert isinstance(result, Rows)
    return [tuple(result_cell(v) for v in row) for row in result.rows]


@pytest.fixture(scope="session")
def run_named(store: LocalStore) -> Callable[..., list[tuple[str, ...]]]:
    """run_named("office-holders", post="post:prime-minister-of-kazakhstan") -> rows.

    Runs a named query from ``queries/`` on the reasoned graph, through the guard and the sandbox like any
    query, and returns the rows as tuples of strings: IRIs as prefixed names, literals as their lexical
    form, unbound as "". ASK queries return [("true",)] or [("false",)].
    """
    from kzgraph.query import bindings_for, named_queries

    library = named_queries()

    def _run(name: str, /, **params: str) -> list[tuple[str, ...]]:
        q = library[name]
        return result_rows(store.execute(q.text, bindings_for(q, params)))

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
    with ``config`` as ServeConfig fields; yields its base URL; ``data_dir``: build from that data."""
    import uvicorn

    from kzgraph.httpguard import protocol_for
    from kzgraph.serve import ServeConfig, prepare
    from kzgraph.sources import Sources

    port = free_port()
    settings = ServeConfig(**{"port": port, "workers": 1, **config})
    if data_dir is not None:
        store = compute(Sources.packaged(data_dir=data_dir)).store
    else:
        store = LocalStore.open(Path(os.environ["KZGRAPH_BUILD_DIR"]) / "kzgraph.oxigraph")
    pool, app = prepare(settings, store)
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", http=protocol_for(settings))
    )
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
    (folder / "sources.trig").write_bytes((data_dir() / "sources.trig").read_bytes())
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


# ----------------------------------------------------------------------------------------------------
# Scheduling: the suite runs on two workers (pytest-xdist, one file per worker at a time); the files
# that hold the long oracle comparisons go first, so they do not end up alone at the tail.

_FIRST = ("test_reasoning.py", "test_shapes.py", "test_stores.py", "test_hostile.py", "test_export.py")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        name = item.path.name
        return _FIRST.index(name) if name in _FIRST else len(_FIRST)

    items.sort(key=rank)  # stable: the order within each file is kept


@contextlib.contextmanager
def oxigraph_server(folder: Path) -> Iterator[str]:
    """A real SPARQL server for the store tests: the one KZGRAPH_TEST_SPARQL_URL names (as CI starts), or
    Oxigraph's own server (from the test extras) on a free local port, stopped afterwards."""
    import shutil
    import subprocess
    import urllib.request

    given = os.environ.get("KZGRAPH_TEST_SPARQL_URL")
    if given:
        yield given
        return
    binary = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
    if binary is None:
        pytest.fail(
            "the store tests need the Oxigraph server: pip install oxigraph (it is in the test extras)"
        )
    port = free_port()
    proc = subprocess.Popen(
        [binary, "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/query"
    deadline = time.time() + 30
    while True:
        try:
            urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=1).read()
            break
        except OSError:
            if time.time() > deadline:
                proc.kill()
                pytest.fail("the Oxigraph server did not start")
            time.sleep(0.1)
    try:
        yield url
    finally:
        proc.terminate()
        proc.wait(10)
