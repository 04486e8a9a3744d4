"""Validate stage: SHACL over the asserted graph plus its precomputed closure.

pyshacl checks the SHACL Core constraints, with ``inference="none"``: the OWL 2 RL closure has already
been computed by the reason stage, and asking pyshacl to reason again costs 20x more for the same answer.

The SHACL-SPARQL constraints (the profile's rules and arithmetic) run by default on Oxigraph instead: each
constraint's query is run once for all its focus nodes (``$this`` left unbound and joined with the shape's
target), rather than once per focus node on rdflib's engine, which made validation 20x slower. The
``engine="pyshacl"`` route runs everything in pyshacl; the test suite checks both routes report the same
violations.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from typing import Any

from rdflib import RDF, BNode, Graph, Literal, Namespace
from rdflib.term import Node

from kzgraph.errors import KzError
from kzgraph.namespaces import shorten

SH = Namespace("http://www.w3.org/ns/shacl#")


@dataclass(frozen=True, order=True)
class Violation:
    """One SHACL result, reduced to what a person needs to act on it."""

    focus: str
    shape: str
    component: str
    path: str
    value: str
    severity: str
    message: str

    def line(self) -> str:
        """One line: entity, rule, message, value."""
        where = f" {self.path}" if self.path else ""
        value = f" (value: {self.value})" if self.value else ""
        return f"{self.severity}: {self.focus}{where} [{self.shape} / {self.component}] {self.message}{value}"


@dataclass
class ValidationReport:
    """The outcome of validating one graph."""

    conforms: bool
    violations: list[Violation]
    graph: Graph

    @property
    def counts(self) -> dict[str, int]:
        """Number of results per severity."""
        out: dict[str, int] = {}
        for v in self.violations:
            out[v.severity] = out.get(v.severity, 0) + 1
        return out

    def text(self) -> str:
        """A human-readable report: one line per violation, then a summary line."""
        lines = [v.line() for v in self.violations]
        if self.conforms:
            lines.append("Conforms: no violations.")
        else:
            parts = ", ".join(
                f"{n} {sev.lower()}{'s' if n != 1 else ''}" for sev, n in sorted(self.counts.items())
            )
            lines.append(f"Does not conform: {parts}.")
        return "\n".join(lines) + "\n"

    def json(self) -> str:
        """The report as JSON: ``{"conforms": ..., "violations": [...]}``."""
        return (
            json.dumps(
                {"conforms": self.conforms, "violations": [asdict(v) for v in self.violations]},
                indent=2,
                ensure_ascii=False,
            )
            + "\n"
        )

    def turtle(self) -> str:
        """The W3C SHACL validation report graph, as Turtle."""
        return str(self.graph.serialize(format="turtle"))


def _name(node: Node | None, graph: Graph) -> str:
    if node is None:
        return ""
    if isinstance(node, Literal):
        return str(node)
    if isinstance(node, BNode):
        # an anonymous property shape: name it after the node shape that holds it
        owner = next(graph.subjects(SH.property, node), None)
        return _name(owner, graph) if owner is not None else "(anonymous shape)"
    return shorten(str(node))


def _component(node: Node | None) -> str:
    text = str(node or "")
    return text.rsplit("#", 1)[-1].replace("ConstraintComponent", "")


def _path(node: Node | None) -> str:
    if node is None:
        return ""
    text = shorten(str(node))
    return text if ":" in text or text.startswith("http") else "(path)"


@dataclass(frozen=True)
class SparqlConstraint:
    """One sh:sparql constraint of a node shape, with the shape's targets."""

    shape: Node
    prologue: str
    select: str
    message: str
    targets: tuple[tuple[str, Node], ...]


def split_shapes(shapes: Graph) -> tuple[Graph, list[SparqlConstraint]]:
    """The shapes graph without its SPARQL constraints, and those constraints."""
    constraints: list[SparqlConstraint] = []
    drop: set[Node] = set()
    for shape, node in shapes.subject_objects(SH.sparql):
        select = shapes.value(node, SH.select)
        if select is None:
            continue
        prologue = ""
        for prefixes in shapes.objects(node, SH.prefixes):
            for decl in shapes.objects(prefixes, SH.declare):
                prefix, namespace = shapes.value(decl, SH.prefix), shapes.value(decl, SH.namespace)
                prologue += f"PREFIX {prefix}: <{namespace}>\n"
        targets = tuple(
            (kind, value)
            for kind in ("targetClass", "targetSubjectsOf", "targetObjectsOf", "targetNode")
            for value in shapes.objects(shape, SH[kind])
        )
        message = str(shapes.value(node, SH.message) or shapes.value(shape, SH.message) or "")
        constraints.append(SparqlConstraint(shape, prologue, str(select), message, targets))
        drop.add(node)
    core = Graph()
    for t in shapes:
        if t[0] in drop or (t[1] == SH.sparql and t[2] in drop):
            continue
        core.add(t)
    for name, ns in shapes.namespaces():
        core.bind(name, ns)
    return core, constraints


def _target_pattern(targets: tuple[tuple[str, Node], ...]) -> str:
    parts = []
    for kind, value in targets:
        term = value.n3()
        if kind == "targetClass":
            parts.append(f"{{ ?this a {term} }}")
        elif kind == "targetSubjectsOf":
            parts.append(f"{{ ?this {term} ?kzTargetObject }}")
        elif kind == "targetObjectsOf":
            parts.append(f"{{ ?kzTargetSubject {term} ?this }}")
        else:
            parts.append(f"{{ VALUES ?this {{ {term} }} }}")
    return " UNION ".join(parts) if parts else "{ }"


def _fill(message: str, row: dict[str, str]) -> str:
    return re.sub(r"\{[?$](\w+)\}", lambda m: row.get(m.group(1), m.group(0)), message)


SparqlResult = tuple[Violation, Node, Node | None]


def run_sparql_constraints(
    data: Graph, constraints: list[SparqlConstraint], shapes: Graph, store: Any = None
) -> list[SparqlResult]:
    """Each SPARQL constraint as one query over all focus nodes, on Oxigraph.

    ``store`` is an Oxigraph store already holding the data (its default graph, or the union of its
    graphs); without it, ``data`` is copied into a new one.
    """
    import pyoxigraph as ox

    from kzgraph.oxi import from_ox, store_from

    options: dict[str, Any] = {"use_default_graph_as_union": True} if store is not None else {}
    store = store if store is not None else store_from(data)
    found: list[SparqlResult] = []
    for c in constraints:
        select = c.select.replace("$this", "?this")
        query = f"{c.prologue}SELECT * WHERE {{ {_target_pattern(c.targets)} {{ {select} }} }}"
        try:
            solutions = store.query(query, **options)
        except SyntaxError as exc:
            raise KzError(f"shape {_name(c.shape, shapes)}: bad SPARQL constraint: {exc}") from None
        assert isinstance(solutions, ox.QuerySolutions)
        names = [v.value for v in solutions.variables]
        for solution in solutions:
            row = {n: from_ox(solution[n]) for n in names if solution[n] is not None}
            text = {k: _name(v, data) for k, v in row.items()}
            focus = text.get("this", "")
            violation = Violation(
                focus=focus,
                shape=_name(c.shape, shapes),
                component="SPARQL",
                path=text.get("path", ""),
                value=text.get("value", ""),
                severity="Violation",
                message=" ".join(_fill(c.message, {**text, "this": focus}).split()),
            )
            found.append((violation, row["this"], row.get("value")))
    return found


ENGINES = ("fast", "pyshacl")


def validate(data: Graph, shapes: Graph, engine: str = "fast", store: Any = None) -> ValidationReport:
    """Validate ``data`` (asserted + inferred) against ``shapes``; never fetches anything.

    ``data`` is given to pyshacl and may be changed by it (it is not copied). ``store``, an Oxigraph
    store holding the asserted and inferred graphs, saves copying them again for the SPARQL rules.
    """
    from pyshacl import validate as shacl_validate

    if engine not in ENGINES:
        raise KzError(f"unknown validation engine {engine!r} (use one of {', '.join(ENGINES)})")
    core, constraints = split_shapes(shapes) if engine == "fast" else (shapes, [])
    conforms, results, _ = shacl_validate(
        data,
        shacl_graph=core,
        inference="none",
        advanced=True,
        allow_warnings=True,
        abort_on_first=False,
        meta_shacl=False,
        do_owl_imports=False,
        inplace=True,
    )
    if not isinstance(results, Graph):
        raise KzError(f"SHACL validation failed to run: {results}")
    violations: list[Violation] = []
    # Top-level results only: nested sh:detail results explain a result, they are not results themselves.
    for result in results.objects(None, SH.result):
        source_shape = results.value(result, SH.sourceShape)
        message = results.value(result, SH.resultMessage)
        severity = results.value(result, SH.resultSeverity)
        violations.append(
            Violation(
                focus=_name(results.value(result, SH.focusNode), results),
                shape=_name(source_shape, shapes) if source_shape is not None else "",
                component=_component(results.value(result, SH.sourceConstraintComponent)),
                path=_path(results.value(result, SH.resultPath)),
                value=_name(results.value(result, SH.value), results),
                severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
                message=" ".join(str(message or "").split()),
            )
        )
    extra = run_sparql_constraints(data, constraints, shapes, store) if constraints else []
    seen = set(violations)
    for v, focus, value in extra:
        if v not in seen:
            seen.add(v)
            _report_result(results, v, focus, value)
    violations = sorted(seen)
    return ValidationReport(conforms=bool(conforms) and not extra, violations=violations, graph=results)


def _report_result(results: Graph, v: Violation, focus: Node, value: Node | None) -> None:
    """Add a result found outside pyshacl to the W3C report graph, so every report format has it."""
    from rdflib import BNode as _BNode

    report = next(results.subjects(RDF.type, SH.ValidationReport), None)
    node = _BNode()
    if report is not None:
        results.set((report, SH.conforms, Literal(False)))
        results.add((report, SH.result, node))
    results.add((node, RDF.type, SH.ValidationResult))
    results.add((node, SH.resultSeverity, SH.Violation))
    results.add((node, SH.sourceConstraintComponent, SH.SPARQLConstraintComponent))
    results.add((node, SH.resultMessage, Literal(v.message)))
    results.add((node, SH.focusNode, focus))
    if value is not None:
        results.add((node, SH.value, value))
