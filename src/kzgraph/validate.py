"""Validate stage: SHACL (pyshacl) over the asserted graph plus its precomputed closure.

pyshacl is run with ``inference="none"``: the OWL 2 RL closure has already been computed by the reason
stage, and asking pyshacl to reason again costs 20x more for the same answer.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from rdflib import RDF, BNode, Graph, Literal, Namespace
from rdflib.term import Node

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


def validate(data: Graph, shapes: Graph) -> ValidationReport:
    """Validate ``data`` (asserted + inferred) against ``shapes``; never fetches anything."""
    from pyshacl import validate as shacl_validate

    conforms, results, _ = shacl_validate(
        data,
        shacl_graph=shapes,
        inference="none",
        advanced=True,
        allow_warnings=True,
        abort_on_first=False,
        meta_shacl=False,
        do_owl_imports=False,
    )
    assert isinstance(results, Graph)
    violations: list[Violation] = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
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
    violations.sort()
    return ValidationReport(conforms=bool(conforms), violations=violations, graph=results)
