"""Every SHACL shape and every rule: a fixture that conforms and one that violates it.

Each fixture in ``tests/fixtures/shapes/`` is a small Turtle file, written by hand, whose header names
the shape it exercises (``# shape:``) and the exact results expected (``# expect:`` lines of
``focus shape component [path]``, or ``conforms``). It is loaded with the profile's section list and run
through the real pipeline: rules, OWL 2 RL closure, then validation.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Namespace

from conftest import Parts as KnowledgeGraph
from kzgraph.build import Build, compute
from kzgraph.namespaces import expand, shorten
from kzgraph.oracle import pyshacl_results
from kzgraph.resources import data_dir
from kzgraph.sources import Sources
from kzgraph.validate import Violation

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


@functools.cache
def compute_fixture(path: Path) -> Build:
    return compute(Sources.packaged(data_files=[data_dir() / "sources.trig", path]))


def found(report_violations: list) -> set[tuple[str, ...]]:  # type: ignore[type-arg]
    return {
        (v.focus, v.shape, v.component, v.path) if v.path else (v.focus, v.shape, v.component)
        for v in report_violations
    }


@pytest.mark.parametrize("path", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_fixture_gives_exactly_the_expected_results(path: Path) -> None:
    _, expected = header(path)
    build = compute_fixture(path)
    got = found(build.report.violations)
    if expected is None:
        assert build.conforms, build.report.text()
        assert got == set()
    elif "# severity: Warning" in path.read_text(encoding="utf-8"):
        assert got == expected, build.report.text()
        assert {v.severity for v in build.report.violations} == {"Warning"}
        assert build.report.conforms  # warnings do not make the data fail
    else:
        assert got == expected, build.report.text()
        assert not build.report.conforms


def _number(text: str) -> str:
    """A decimal's value as text (engines write 110 or 110.00)."""
    from decimal import Decimal, InvalidOperation

    try:
        return format(Decimal(text).normalize(), "f")
    except InvalidOperation:
        return text


def fast_results(violations: list[Violation]) -> set[tuple[str, ...]]:
    def full(x: str) -> str:
        return (expand(x) or x) if x else x

    return {
        (full(v.focus), full(v.shape), v.component, full(v.path), _number(full(v.value))) for v in violations
    }


def reference_results(build: Build) -> set[tuple[str, ...]]:
    return {(*r[:4], _number(r[4])) for r in pyshacl_results(build.store.ox, build.store.data_graphs())}


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_pyshacl_reports_the_same(path: Path) -> None:
    """kzgraph's SHACL (compiled to SPARQL) and pyshacl give the same focus nodes, shapes, components,
    paths and values on every fixture."""
    build = compute_fixture(path)
    assert fast_results(build.report.violations) == reference_results(build)


def test_pyshacl_reports_the_same_on_the_packaged_graph(built: Build) -> None:
    assert fast_results(built.report.violations) == reference_results(built) == set()


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


def _with_sources(tmp_path: Path, name: str) -> Path:
    """A data folder: the profile's sections and one shape fixture."""
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "sources.trig").write_bytes((data_dir() / "sources.trig").read_bytes())
    fixture = Path(__file__).parent / "fixtures" / "shapes" / name
    (folder / name).write_bytes(fixture.read_bytes())
    return folder


def test_a_warning_is_reported_and_the_exit_code_follows_only_violations(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """kzsh:SharesAddUpShape has sh:severity sh:Warning: shares adding up to 97 give one Warning line
    and exit 0; the same file with a Violation as well exits 1."""
    from kzgraph.cli import main

    code = main(["validate", "--data", str(_with_sources(tmp_path, "rule-shares-bad.ttl"))])
    out = capsys.readouterr().out
    assert code == 0
    assert [line.split(":")[0] for line in out.splitlines() if "SharesAddUpShape" in line] == ["Warning"]
    assert "Conforms" in out and "1 warning" in out


def test_property_shapes_have_iris_so_the_report_can_name_them(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Each property shape is named (kzsh:<NodeShape>-<property>), and the W3C report's sh:sourceShape
    names the property shape that fired, not a blank node."""
    from kzgraph.cli import main

    data = _with_sources(tmp_path, "result-bad-share.ttl")
    assert main(["validate", "--data", str(data), "--format", "turtle"]) == 1
    report = Graph().parse(data=capsys.readouterr().out, format="turtle")
    sources = {str(o) for o in report.objects(None, SH.sourceShape)}
    assert sources == {"https://w3id.org/kzgraph/shapes#ElectionResultShape-voteShare"}
