"""The build: load, reason, validate, export and render, with a timing for each stage.

Nothing is written until every output has been computed in memory, and each file is then written
atomically, so a failure at any stage leaves the output folder as it was.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from rdflib import RDF, RDFS, Graph
from rdflib.term import Node

from kzgraph import export
from kzgraph.load import KnowledgeGraph, load, new_graph
from kzgraph.namespaces import GRAPH_ASSERTED, GRAPH_INFERRED, KZ, shorten
from kzgraph.oxi import dataset_store
from kzgraph.quality import QualityReport, quality_report
from kzgraph.reason import Inference, reason
from kzgraph.validate import ValidationReport, validate

T = TypeVar("T")

#: Output files of a build, by role.
OUTPUTS = {
    "asserted": "kzgraph.ttl",
    "inferred": "inferred.ttl",
    "jsonld": "kzgraph.jsonld",
    "report": "validation-report.txt",
    "quality": "quality-report.md",
    "html": "explorer.html",
}


@dataclass
class Build:
    """The result of a build: the graphs, the report, the timings and the files written."""

    kg: KnowledgeGraph
    asserted: Graph
    inference: Inference
    report: ValidationReport
    quality: QualityReport
    timings: dict[str, float] = field(default_factory=dict)
    written: list[Path] = field(default_factory=list)
    _merged: Graph | None = field(default=None, repr=False)

    @property
    def conforms(self) -> bool:
        """True when SHACL finds no violation, the closure is consistent and no quality check fails."""
        return self.report.conforms and not self.inference.inconsistencies and self.quality.ok

    def problems(self) -> str:
        """Every reason the data does not conform, one per line, after the SHACL lines."""
        lines = [f"Inconsistent: {p}" for p in self.inference.inconsistencies]
        lines += [f"Quality check failed: {f}" for f in self.quality.failures()]
        return "".join(line + "\n" for line in lines)

    def merged(self) -> Graph:
        """Asserted plus inferred triples (one graph, made once; do not change it)."""
        if self._merged is None:
            g = new_graph()
            for t in self.asserted:
                g.add(t)
            for t in self.inference.graph:
                g.add(t)
            self._merged = g
        return self._merged

    def entity_counts(self) -> Counter[str]:
        """Instances per kz class, counting each node once under each class it is asserted to have."""
        counts: Counter[str] = Counter()
        for _s, cls in self.kg.data.subject_objects(RDF.type):
            if str(cls).startswith(str(KZ)):
                counts[shorten(str(cls))] += 1
        return counts

    def summary(self) -> str:
        """The short report printed by ``kzgraph build``."""
        lines = [
            f"Triples: {len(self.asserted)} asserted "
            f"({len(self.kg.data)} data, {len(self.kg.ontology)} ontology), "
            f"{len(self.inference.graph)} inferred ({self.inference.from_rules} by rules, "
            f"{self.inference.from_owl} by OWL 2 RL)",
            "Entities per class:",
        ]
        counts = self.entity_counts()
        width = max((len(c) for c in counts), default=10)
        lines += [
            f"  {cls:<{width}} {n:>5}" for cls, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        ]
        nviol = len(self.report.violations)
        lines.append(f"Validation: {'conforms' if self.report.conforms else f'{nviol} violations'}")
        checks = len(self.quality.violations)
        failed = len(self.quality.failures())
        lines.append(
            f"Quality checks: {checks - failed} of {checks} pass; {len(self.quality.reports)} reports written"
        )
        lines.extend(self.problems().splitlines())
        lines.append("Time per stage: " + ", ".join(f"{k} {v:.2f} s" for k, v in self.timings.items()))
        if self.written:
            lines.append("Wrote: " + ", ".join(str(p) for p in self.written))
        return "\n".join(lines) + "\n"


@contextmanager
def _timed(timings: dict[str, float], stage: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        timings[stage] = timings.get(stage, 0.0) + time.perf_counter() - start


def _stage(timings: dict[str, float], stage: str, fn: Callable[[], T]) -> T:
    with _timed(timings, stage):
        return fn()


def validation_graph(kg: KnowledgeGraph, asserted: Graph, inference: Inference) -> Graph:
    """What SHACL sees: the asserted graph, the inferred property triples, and the asserted types closed
    under rdfs:subClassOf, but not the types OWL infers from domains and ranges.

    A range axiom would otherwise "repair" every mistake a class constraint should catch: a person given
    as the post of a tenure would simply be inferred to be a post.
    """
    data = Graph()
    for t in asserted:
        data.add(t)
    for t in inference.graph:
        # only kzgraph's own derived properties (the shapes use no other), and no derived types
        if t[1] != RDF.type and str(t[1]).startswith(str(KZ)):
            data.add(t)
    supers: dict[Node, set[Node]] = {}
    for sub, sup in kg.ontology.subject_objects(RDFS.subClassOf):
        supers.setdefault(sub, set()).add(sup)

    def ancestors(cls: Node) -> set[Node]:
        seen: set[Node] = set()
        todo = [cls]
        while todo:
            for sup in supers.get(todo.pop(), ()):
                if sup not in seen:
                    seen.add(sup)
                    todo.append(sup)
        return seen

    typed = [(s, c) for s, c in kg.data.subject_objects(RDF.type)]
    typed += [
        (s, c)
        for s, _, c in inference.graph.triples((None, RDF.type, None))
        if (s, RDF.type, c) in inference.ruled
    ]
    for s, c in typed:
        data.add((s, RDF.type, c))
        for sup in ancestors(c):
            data.add((s, RDF.type, sup))
    return data


def compute(
    kg: KnowledgeGraph | None = None, timings: dict[str, float] | None = None, reasoner: str = "auto"
) -> Build:
    """Load (unless given), reason and validate, in memory."""
    timings = {} if timings is None else timings
    kg = kg if kg is not None else _stage(timings, "load", load)
    asserted = _stage(timings, "load", kg.asserted)
    inference = _stage(timings, "reason", lambda: reason(kg, asserted, reasoner))

    def _check() -> tuple[ValidationReport, QualityReport]:
        # One Oxigraph copy of both graphs serves the SPARQL rules and the quality queries.
        store = dataset_store({GRAPH_ASSERTED: asserted, GRAPH_INFERRED: inference.graph})
        report = validate(validation_graph(kg, asserted, inference), kg.shapes, store=store)
        return report, quality_report(asserted, inference.graph, store)

    report, quality = _stage(timings, "validate", _check)
    return Build(kg, asserted, inference, report, quality, timings)


def outputs(build: Build, out: Path) -> dict[Path, str]:
    """Every output of a build as text, keyed by the path it goes to (nothing written yet)."""
    from kzgraph.network import build_network
    from kzgraph.viz import render_html

    t = build.timings
    files: dict[Path, str] = {}
    with _timed(t, "export"):
        files[out / OUTPUTS["asserted"]] = export.to_turtle(build.asserted)
        files[out / OUTPUTS["inferred"]] = export.to_turtle(build.inference.graph)
        files[out / OUTPUTS["jsonld"]] = export.to_jsonld(build.asserted)
        files[out / OUTPUTS["report"]] = build.report.text() + build.problems()
        files[out / OUTPUTS["quality"]] = build.quality.markdown()
    with _timed(t, "render"):
        from rdflib.graph import ReadOnlyGraphAggregate

        # a read-only view of both graphs: no copy needed for reading
        merged = ReadOnlyGraphAggregate([build.asserted, build.inference.graph])
        net = build_network(merged)
        files[out / OUTPUTS["html"]] = render_html(
            net,
            merged,
            asserted=build.asserted,
            subtitle=f"{net.number_of_nodes()} entities, {net.number_of_edges()} ties",
        )
    return files


def run_build(out: Path = Path("build"), kg: KnowledgeGraph | None = None, reasoner: str = "auto") -> Build:
    """The whole build: compute everything, then write every output atomically into ``out``."""
    build = compute(kg, reasoner=reasoner)
    files = outputs(build, Path(out))
    with _timed(build.timings, "write"):
        export.write_files(files)
    build.written = list(files)
    return build
