"""The Python library: ``import kzgraph; kg = kzgraph.open()`` and every method the command line wraps.

Expectations come from the profile: Karim Massimov is Prime Minister since January 2007 (his predecessors
include Kassym-Jomart Tokayev); Dariga Nazarbayeva is the President's daughter; the profile writes
Massimov's name also as Masimov.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

import kzgraph
from kzgraph.errors import InputError, KzError, QueryError
from kzgraph.results import Rows

PERSON = "https://w3id.org/kzgraph/id/person/"


@pytest.fixture(scope="module")
def kg() -> kzgraph.KnowledgeGraph:
    return kzgraph.open(store="memory")


def test_the_package_exposes_open_and_the_result_types() -> None:
    assert callable(kzgraph.open)
    assert {"open", "KnowledgeGraph", "Rows"} <= set(kzgraph.__all__)


def test_a_named_query_with_one_parameter_in_one_line(kg: kzgraph.KnowledgeGraph) -> None:
    rows = kg.query("office-holders", post="post:prime-minister-of-kazakhstan")
    assert isinstance(rows, Rows)
    by_name = {r["name"]: r for r in rows.values()}
    assert by_name["Karim Massimov"]["start"] == "2007-01"
    assert by_name["Karim Massimov"]["status"] == "Current"
    assert "Kassym-Jomart Tokayev" in by_name


def test_rows_become_a_data_frame(kg: kzgraph.KnowledgeGraph) -> None:
    frame = kg.rows("office-holders", post="post:prime-minister-of-kazakhstan").to_pandas()
    assert list(frame.columns) == ["holder", "name", "start", "end", "status", "ordinal"]
    assert "Karim Massimov" in set(frame["name"])


def test_your_own_sparql_with_bound_terms(kg: kzgraph.KnowledgeGraph) -> None:
    result = kg.sparql(
        "SELECT ?name WHERE { ?child kz:childOf ?parent ; skos:prefLabel ?name }",
        parent=ox.NamedNode(PERSON + "nursultan-nazarbayev"),
    )
    assert isinstance(result, Rows)
    assert "Dariga Nazarbayeva" in {r["name"] for r in result.values()}
    assert kg.sparql("ASK { ?s ?p ?o }") is True


def test_show_resolves_any_spelling(kg: kzgraph.KnowledgeGraph) -> None:
    assert kg.resolve("Masimov") == PERSON + "karim-massimov"
    profile = kg.show("Masimov")
    assert profile.label == "Karim Massimov"
    assert "Karim Massimov" in profile.text()


def test_path_gives_the_direct_tie(kg: kzgraph.KnowledgeGraph) -> None:
    chains = kg.path("Dariga Nazarbayeva", "Nazarbayev", max_chains=1)
    assert [c.text for c in chains] == ["Dariga Nazarbayeva -[daughter of]-> Nursultan Nazarbayev"]


def test_validate_and_export(kg: kzgraph.KnowledgeGraph, tmp_path: Path) -> None:
    assert kg.validate().conforms
    text = kg.export("nt")
    graph = rdflib.Graph().parse(data=text, format="nt")
    assert (rdflib.URIRef(PERSON + "karim-massimov"), None, None) in graph
    written = kg.export("turtle", tmp_path / "kz.ttl")
    assert written == [tmp_path / "kz.ttl"]
    assert len(rdflib.Graph().parse(tmp_path / "kz.ttl")) == len(graph)


def test_open_builds_once_then_reads_the_built_store(tmp_path: Path) -> None:
    said: list[str] = []
    with kzgraph.open(build_dir=tmp_path, announce=said.append) as first:
        assert first.query("prime-ministers").values()[-1]["name"] == "Karim Massimov"  # type: ignore[union-attr]
    assert len(said) == 1 and "build" in said[0]
    said.clear()
    with kzgraph.open(build_dir=tmp_path, announce=said.append) as again:
        assert again.sparql("ASK { ?s ?p ?o }") is True
    assert said == []


def test_build_writes_every_output(kg: kzgraph.KnowledgeGraph, tmp_path: Path) -> None:
    build = kg.build(tmp_path / "out")
    names = {p.name for p in build.written}
    assert {"kzgraph.ttl", "inferred.ttl", "kzgraph.jsonld", "explorer.html", "kzgraph.oxigraph"} <= names


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda kg: kg.query("no-such-query"), KzError, "no-such-query"),
        (lambda kg: kg.query("office-holders", nope="x"), QueryError, "nope"),
        (lambda kg: kg.show("Nobody Atall"), KzError, "Nobody Atall"),
        (lambda kg: kg.export("docx"), InputError, "docx"),
        (lambda kg: kg.sparql("SELECT * WHERE { SERVICE <http://e/> { ?s ?p ?o } }"), QueryError, "SERVICE"),
    ],
)
def test_bad_calls_raise_one_clear_error(
    kg: kzgraph.KnowledgeGraph, call: object, error: type, message: str
) -> None:
    with pytest.raises(error) as info:
        call(kg)  # type: ignore[operator]
    assert message in str(info.value) and "\n" not in str(info.value)
