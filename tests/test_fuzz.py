"""Property-based fuzzing: random and mutated Turtle and SPARQL either work or raise kzgraph's own error.

Anything else (a library exception, a RecursionError, a crash) escaping to the caller is a bug: the CLI
would print a traceback instead of a one-line message.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib.compare import isomorphic

from kzgraph.errors import InputError, KzError, QueryError
from kzgraph.export import to_nquads, to_ntriples, to_trig
from kzgraph.load import check_graphs, load_file
from kzgraph.namespaces import GRAPH_DATA
from kzgraph.oracle import rdflib_graph
from kzgraph.query import named_queries
from kzgraph.serve import Refused, ServeConfig, check_query
from kzgraph.store import LocalStore
from kzgraph.turtle import to_turtle

FUZZ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)

#: A small document in the project's own style: prefixes, typed dates, language tags, lists, bnodes.
BASE_TURTLE = """\
@prefix kz: <https://w3id.org/kzgraph/ontology#> .
@prefix id: <https://w3id.org/kzgraph/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

id:person-a a kz:Person ;
    rdfs:label "Person A"@en , "Персона А"@ru ;
    kz:birthDate "1940-07-06"^^xsd:date ;
    kz:note "a \\"quoted\\" note\\nover two lines" .

id:tenure-a a kz:Tenure ;
    kz:holder id:person-a ;
    kz:startDate "1991-12"^^xsd:gYearMonth ;
    kz:seatCount 98 ;
    kz:voteShare 95.5 ;
    kz:parts ( id:x id:y ) ;
    kz:source [ kz:section "Elections" ] .
"""

#: Characters that matter to the Turtle and SPARQL grammars, so that mutations hit the parsers' edges.
SYNTAX = [*list("<>\"'\\{}()[]@;.,^:_#?$*+|/!=&-\n\t "), "\\u00", '"""', "^^", "a", "0", "\x00", "\ufeff"]


@st.composite
def mutated(draw: st.DrawFn, base: str) -> str:
    """``base`` with a few deletions, insertions, duplications and truncations."""
    text = base
    for _ in range(draw(st.integers(1, 6))):
        if not text:
            break
        i = draw(st.integers(0, len(text) - 1))
        kind = draw(st.sampled_from(["delete", "insert", "duplicate", "truncate", "swap"]))
        if kind == "delete":
            j = draw(st.integers(i, min(len(text), i + 8)))
            text = text[:i] + text[j:]
        elif kind == "insert":
            piece = draw(st.one_of(st.sampled_from(SYNTAX), st.text(max_size=4)))
            text = text[:i] + piece + text[i:]
        elif kind == "duplicate":
            j = draw(st.integers(i, min(len(text), i + 40)))
            text = text[:j] + text[i:j] + text[j:]
        elif kind == "truncate":
            text = text[:i]
        else:
            j = draw(st.integers(0, len(text) - 1))
            chars = list(text)
            chars[i], chars[j] = chars[j], chars[i]
            text = "".join(chars)
    return text


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def _load_text(folder: Path, text: str | bytes, suffix: str = ".ttl") -> rdflib.Graph | None:
    """Parse ``text`` as a user file; None when kzgraph refused it with its own error."""
    path = folder / f"fuzz{suffix}"
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
    else:
        path.write_bytes(text)
    store = ox.Store()
    try:
        load_file(store, path, GRAPH_DATA)
        check_graphs(store, [GRAPH_DATA], [path])
    except InputError as exc:
        assert str(path) in exc.message and "\n" not in exc.message.strip()
        return None
    return rdflib_graph(store, [g.value for g in store.named_graphs()])


def _quads(graph: rdflib.Graph) -> list[ox.Quad]:
    from kzgraph.oracle import to_ox

    return [ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.NamedNode(GRAPH_DATA)) for s, p, o in graph]


def round_trips(graph: rdflib.Graph) -> None:
    """``graph`` written by kzgraph in Turtle, N-Triples, N-Quads and TriG reads back as the same graph:
    isomorphic (same triples, blank nodes matched by structure), not merely as many triples."""
    quads = _quads(graph)
    assert isomorphic(graph, rdflib.Graph().parse(data=to_turtle(quads), format="turtle")), "turtle"
    assert isomorphic(graph, rdflib.Graph().parse(data=to_ntriples(quads), format="nt")), "nt"
    for text, fmt in ((to_nquads(quads), "nquads"), (to_trig(quads), "trig")):
        ds = rdflib.Dataset()
        ds.parse(data=text, format=fmt)
        assert isomorphic(graph, ds.graph(rdflib.URIRef(GRAPH_DATA))), fmt


def test_the_base_document_is_valid(folder: Path) -> None:
    """The fuzzing starts from a document that parses, so mutations explore near-valid input."""
    graph = _load_text(folder, BASE_TURTLE)
    # 5 about the person, 7 about the tenure, 4 for the two-item list, 1 in the blank node
    assert graph is not None and len(graph) == 17


def test_the_base_document_round_trips_in_every_format(folder: Path) -> None:
    """The round trip the fuzzing checks runs at least on the base document (lists, blank nodes, language
    tags, typed dates, escapes), whatever the mutations happen to produce."""
    graph = _load_text(folder, BASE_TURTLE)
    assert graph is not None
    round_trips(graph)
    # and the check can fail: a graph with one literal changed is not isomorphic to the original
    changed = rdflib.Graph()
    for s, p, o in graph:
        changed.add(
            (s, p, rdflib.Literal("1940-07-07", datatype=o.datatype) if str(o) == "1940-07-06" else o)
        )
    assert len(changed) == len(graph) and not isomorphic(graph, changed)


@FUZZ
@given(text=mutated(BASE_TURTLE))
def test_mutated_turtle_loads_or_is_refused(folder: Path, text: str) -> None:
    graph = _load_text(folder, text)
    if graph is not None:  # whatever loads also writes back out, in every RDF format, as the same graph
        round_trips(graph)


@FUZZ
@given(data=st.binary(max_size=300))
def test_random_bytes_load_or_are_refused(folder: Path, data: bytes) -> None:
    for suffix in (".ttl", ".nt", ".jsonld", ".rdf"):
        _load_text(folder, data, suffix)


@FUZZ
@given(
    text=st.lists(st.sampled_from([*SYNTAX, "kz:", "id:person-a", "@prefix", "1", "x"]), max_size=80).map(
        "".join
    )
)
def test_random_turtle_like_text_loads_or_is_refused(folder: Path, text: str) -> None:
    _load_text(folder, text)


# ----------------------------------------------------------------------------------------------------
# SPARQL: the named queries, mutated, on both engines and through the endpoint's checks


QUERIES = sorted(q.text for q in named_queries().values())


@pytest.fixture(scope="module")
def small() -> LocalStore:
    store = ox.Store()
    store.bulk_load(BASE_TURTLE.encode(), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(GRAPH_DATA))
    return LocalStore(store)


def _ask_everywhere(small: LocalStore, text: str) -> None:
    try:
        small.execute(text)
    except QueryError as exc:
        assert exc.message.strip() and "Traceback" not in exc.message and "\n" not in exc.message
    try:
        check_query(text, ServeConfig())
    except Refused as exc:
        assert 400 <= exc.status < 500


@FUZZ
@given(text=st.sampled_from(QUERIES).flatmap(mutated))
def test_mutated_named_queries_answer_or_are_refused(small: LocalStore, text: str) -> None:
    _ask_everywhere(small, text)


@FUZZ
@given(
    text=st.lists(
        st.sampled_from([*SYNTAX, "SELECT", "WHERE", "?x", "*", "ASK", "FILTER", "OPTIONAL", "kz:p", " "]),
        max_size=40,
    ).map("".join)
)
def test_random_sparql_like_text_answers_or_is_refused(small: LocalStore, text: str) -> None:
    _ask_everywhere(small, text)


def test_the_fuzzed_errors_are_kzgraph_errors() -> None:
    """The test above would be vacuous if QueryError and InputError were not kzgraph's one error family."""
    assert issubclass(QueryError, KzError) and issubclass(InputError, KzError)
