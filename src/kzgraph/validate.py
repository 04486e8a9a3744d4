"""Validate stage: the SHACL shapes, compiled to SPARQL (:mod:`kzgraph.shacl`), run in the store.

What SHACL sees (the *validation view*): the ontology and the data, the inferred triples of kz:
properties, and the types the data states or the rules make, with ``rdf:type/rdfs:subClassOf*`` as SHACL
reads classes. Not the types OWL derives from domains and ranges, which would otherwise "repair" the very
mistakes class constraints exist to catch: a person given as the post of a tenure would simply be inferred
to be a post. The SHACL-SPARQL constraints (the profile's own rules and arithmetic) see everything the
reasoner produced, as before.

A result has a severity (``sh:Violation``, ``sh:Warning``, ``sh:Info``); only violations make the data
not conform.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass

import pyoxigraph as ox

from kzgraph.errors import KzError
from kzgraph.load import data_graphs, graph_list
from kzgraph.namespaces import GRAPH_INFERRED, GRAPH_ONTOLOGY, GRAPH_TYPES, RDF, SH, XSD, expand, shorten
from kzgraph.shacl import Check, compile_shapes


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
    #: The shape that holds the constraint: a named property shape (kzsh:EntityShape-prefLabel) where the
    #: constraint is on a property, otherwise the node shape itself.
    source: str = ""

    def line(self) -> str:
        """One line: entity, rule, message, value."""
        where = f" {self.path}" if self.path else ""
        value = f" (value: {self.value})" if self.value else ""
        return f"{self.severity}: {self.focus}{where} [{self.shape} / {self.component}] {self.message}{value}"


@dataclass
class ValidationReport:
    """The outcome of validating one graph."""

    violations: list[Violation]

    @property
    def conforms(self) -> bool:
        """True when no result has the severity Violation (warnings and infos do not count)."""
        return not any(v.severity == "Violation" for v in self.violations)

    @property
    def counts(self) -> dict[str, int]:
        """Number of results per severity."""
        out: dict[str, int] = {}
        for v in self.violations:
            out[v.severity] = out.get(v.severity, 0) + 1
        return out

    def text(self) -> str:
        """A human-readable report: one line per result, then a summary line."""
        lines = [v.line() for v in self.violations]
        parts = ", ".join(
            f"{n} {sev.lower()}{'s' if n != 1 else ''}" for sev, n in sorted(self.counts.items())
        )
        if self.conforms:
            lines.append("Conforms: no violations." + (f" ({parts})" if parts else ""))
        else:
            lines.append(f"Does not conform: {parts}.")
        return "\n".join(lines) + "\n"

    def json(self) -> str:
        """The report as JSON: ``{"conforms": ..., "violations": [...]}``."""
        doc = {"conforms": self.conforms, "violations": [asdict(v) for v in self.violations]}
        return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"

    def quads(self) -> list[ox.Quad]:
        """The W3C SHACL validation report graph."""
        report = ox.BlankNode()
        g = ox.DefaultGraph()

        def q(s: object, p: str, o: object) -> ox.Quad:
            return ox.Quad(s, ox.NamedNode(p), o, g)  # type: ignore[arg-type]

        out = [
            q(report, RDF.type, ox.NamedNode(SH.ValidationReport)),
            q(
                report,
                SH.conforms,
                ox.Literal("true" if self.conforms else "false", datatype=ox.NamedNode(XSD.boolean)),
            ),
        ]
        for v in self.violations:
            r = ox.BlankNode()
            out += [
                q(report, SH.result, r),
                q(r, RDF.type, ox.NamedNode(SH.ValidationResult)),
                q(r, SH.resultSeverity, ox.NamedNode(SH[v.severity])),
                q(r, SH.sourceConstraintComponent, ox.NamedNode(SH[f"{v.component}ConstraintComponent"])),
                q(r, SH.focusNode, _term(v.focus)),
                q(r, SH.resultMessage, ox.Literal(v.message)),
            ]
            if v.path:
                out.append(q(r, SH.resultPath, _term(v.path)))
            if v.value:
                out.append(q(r, SH.value, _term(v.value)))
            source = v.source or v.shape
            if source.startswith(("kzsh:", "http")):
                out.append(q(r, SH.sourceShape, _term(source)))
        return out

    def turtle(self) -> str:
        """The W3C SHACL validation report graph, as Turtle."""
        from kzgraph.namespaces import PREFIXES

        data = ox.serialize(self.quads(), format=ox.RdfFormat.TURTLE, prefixes={"sh": str(SH), **PREFIXES})
        return (data or b"").decode("utf-8")


def _term(text: str) -> ox.NamedNode | ox.Literal:
    iri = expand(text)
    if iri is not None:
        try:
            return ox.NamedNode(iri)
        except ValueError:
            pass
    return ox.Literal(text)


def _fill(message: str, row: dict[str, str]) -> str:
    return re.sub(r"\{[?$](\w+)\}", lambda m: row.get(m.group(1), m.group(0)), message)


def _display(term: object) -> str:
    if isinstance(term, ox.NamedNode):
        return shorten(term.value)
    if isinstance(term, ox.Literal):
        return term.value
    if isinstance(term, ox.BlankNode):
        return "(blank node)"
    return ""


def _default_message(check: Check) -> str:
    path = f" of {check.path}" if check.path else ""
    return f"{check.component} constraint{path} not met"


def run_checks(store: ox.Store, checks: list[Check]) -> list[Violation]:
    """Run every compiled check; their results, as violations, sorted and without repeats."""
    data = data_graphs(store)
    view = graph_list([GRAPH_ONTOLOGY, *data, GRAPH_TYPES])
    everything = graph_list([GRAPH_ONTOLOGY, *data, GRAPH_INFERRED])
    found: set[Violation] = set()
    for check in checks:
        graphs = everything if check.component == "SPARQL" else view
        try:
            solutions = store.query(check.query, default_graph=graphs)
        except SyntaxError as exc:
            raise KzError(f"shape {check.shape}: cannot run its {check.component} check: {exc}") from None
        assert isinstance(solutions, ox.QuerySolutions)
        names = [v.value for v in solutions.variables]
        for solution in solutions:
            row = {n: _display(solution[n]) for n in names if solution[n] is not None}
            focus = row.get("this", "")
            message = check.message or _default_message(check)
            found.add(
                Violation(
                    focus=focus,
                    shape=check.shape,
                    component=check.component,
                    path=row.get("path", check.path) if check.component == "SPARQL" else check.path,
                    value=row.get("value", ""),
                    severity=check.severity,
                    message=" ".join(_fill(message, {**row, "this": focus}).split()),
                    source=_display(check.source_shape)
                    if isinstance(check.source_shape, ox.NamedNode)
                    else "",
                )
            )
    return sorted(found)


def validate(store: ox.Store) -> ValidationReport:
    """Validate the store's data (and what reasoning added) against its shapes graph."""
    return ValidationReport(run_checks(store, compile_shapes(store)))


__all__ = ["ValidationReport", "Violation", "validate"]
