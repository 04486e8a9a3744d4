"""Every SHACL shape and every rule: a fixture that conforms and one that violates it.

Each fixture in ``tests/fixtures/shapes/`` is a small Turtle file, written by hand, whose header names
the shape it exercises (``# shape:``) and the exact results expected (``# expect:`` lines of
``focus shape component [path]``, or ``conforms``). It is loaded with the profile's section list and run
through the real pipeline: rules, OWL 2 RL closure, then validation.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, Graph, Namespace

from kzgraph.build import compute
from kzgraph.load import KnowledgeGraph, load
from kzgraph.namespaces import shorten
from kzgraph.reason import reason
from kzgraph.resources import data_dir
from kzgraph.validate import validate

FIXTURES = sorted((Path(__file__).parent / "fixtures" / "shapes").glob("*.ttl"))
SH = Namespace("http://www.w3.org/ns/shacl#")


def header(path: Path) -> tuple[set[str], set[tuple[str, ...]] | None]:
    shapes: set[str] = set()
    expected: set[tuple[str, ...]] = set()
    conforms = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# shape:"):
            shapes.update(line.split(":", 1)[1].split())
        elif line.startswith("# expect:"):
            words = tuple(line.split(":", 1)[1].split())
            if words == ("conforms",):
                conforms = True
            else:
                expected.add(words)
    return shapes, (None if conforms else expected)


def load_fixture(path: Path) -> KnowledgeGraph:
    return load([data_dir() / "sources.ttl", path])


def found(report_violations: list) -> set[tuple[str, ...]]:  # type: ignore[type-arg]
    return {
        (v.focus, v.shape, v.component, v.path) if v.path else (v.focus, v.shape, v.component)
        for v in report_violations
    }


@pytest.mark.parametrize("path", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_fixture_gives_exactly_the_expected_results(path: Path) -> None:
    _, expected = header(path)
    build = compute(load_fixture(path))
    got = found(build.report.violations)
    if expected is None:
        assert build.conforms, build.report.text()
        assert got == set()
    else:
        assert got == expected, build.report.text()
        assert not build.report.conforms


@pytest.mark.parametrize("path", [p for p in FIXTURES if header(p)[1]], ids=lambda p: p.stem)
def test_pyshacl_route_reports_the_same(path: Path) -> None:
    """The fast route (SPARQL rules on Oxigraph) and pyshacl alone agree on what fires."""
    kg = load_fixture(path)
    asserted = kg.asserted()
    data = asserted + reason(kg, asserted).graph
    fast = validate(data, kg.shapes, engine="fast")
    reference = validate(data, kg.shapes, engine="pyshacl")
    key = {(v.focus, v.shape, v.component, v.path) for v in fast.violations}
    assert key == {(v.focus, v.shape, v.component, v.path) for v in reference.violations}


def test_every_shape_has_a_conforming_and_a_violating_fixture(kg: KnowledgeGraph) -> None:
    shapes = {shorten(str(s)) for s in kg.shapes.subjects(RDF.type, SH.NodeShape)}
    shapes.discard("kzsh:DateValue")  # a value list used by other shapes, not a target
    ok: set[str] = set()
    bad: set[str] = set()
    for path in FIXTURES:
        names, expected = header(path)
        if expected is None:
            ok |= names
        else:
            bad |= {e[1] for e in expected}
    assert shapes - ok == set(), "shapes with no conforming fixture"
    assert shapes - bad == set(), "shapes with no violating fixture"


def test_the_packaged_graph_conforms(built) -> None:  # type: ignore[no-untyped-def]
    assert built.report.conforms, built.report.text()
    assert built.inference.inconsistencies == []


def test_shapes_graph_loads_as_shacl(kg: KnowledgeGraph) -> None:
    assert isinstance(kg.shapes, Graph)
    assert len(list(kg.shapes.subjects(SH.sparql, None))) >= 8
