"""The data-quality report: what the profile leaves blank or contradicts, and what must never happen.

Every query in ``queries/qc/`` is run. Report queries describe the profile (lost figures, conflicts,
possible duplicates, shared names, undated facts) and are listed in ``build/quality-report.md``. Queries
named ``*-violation.rq`` describe mistakes in the data (dangling references, derivable facts stored by
hand, two entities with one label): they run on the asserted graph, and any row they return fails the
build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from rdflib import Graph

from kzgraph.namespaces import GRAPH_ASSERTED, GRAPH_INFERRED
from kzgraph.oxi import dataset_store
from kzgraph.query import NamedQuery, Table, format_table, qc_queries, run_oxigraph


@dataclass
class QualityReport:
    """The results of the quality queries."""

    reports: dict[str, tuple[NamedQuery, Table]] = field(default_factory=dict)
    violations: dict[str, tuple[NamedQuery, Table]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when no violation query returned a row."""
        return all(not table.rows for _, table in self.violations.values())

    def failures(self) -> list[str]:
        """One line per violation query that returned rows."""
        return [
            f"{name}: {len(table.rows)} row(s): {q.title}"
            for name, (q, table) in self.violations.items()
            if table.rows
        ]

    def markdown(self) -> str:
        """The report as Markdown: each query's question, then its rows as a table."""
        out = ["# kzgraph data-quality report", ""]
        out.append("Checks that must find nothing:")
        out.append("")
        for name, (q, table) in self.violations.items():
            state = "none found" if not table.rows else f"**{len(table.rows)} found**"
            out.append(f"- {q.title} (`{name}`): {state}")
        out.append("")
        for name, (q, table) in [*self.reports.items(), *self.violations.items()]:
            if name in self.violations and not table.rows:
                continue
            out += [
                f"## {q.title}",
                "",
                q.question,
                "",
                f"`queries/qc/{name}.rq`: {len(table.rows)} rows",
                "",
            ]
            if table.rows:
                # A fenced block shows its content as text, so data never turns into markup in a
                # Markdown viewer; the fence is longer than any run of backticks in the data, which
                # therefore cannot close it.
                body = format_table(table, "table").rstrip()
                longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
                fence = "`" * max(3, longest + 1)
                out += [fence + "text", body, fence, ""]
        return "\n".join(out) + "\n"


def quality_report(asserted: Graph, inferred: Graph, store: Any = None) -> QualityReport:
    """Run every quality query: reports on asserted + inferred, violation checks on ``asserted`` alone.

    ``store`` is an Oxigraph store that already holds both graphs (named ``GRAPH_ASSERTED`` and
    ``GRAPH_INFERRED``); without it, one is made.
    """
    import pyoxigraph as ox

    report = QualityReport()
    if store is None:
        store = dataset_store({GRAPH_ASSERTED: asserted, GRAPH_INFERRED: inferred})
    for name, q in qc_queries().items():
        is_violation = name.endswith("-violation")
        options: dict[str, Any] = (
            {"default_graph": [ox.NamedNode(GRAPH_ASSERTED)]}
            if is_violation
            else {"use_default_graph_as_union": True}
        )
        result = run_oxigraph(store, q.text, **options)
        assert isinstance(result, Table), f"{name} must be a SELECT query"
        (report.violations if is_violation else report.reports)[name] = (q, result)
    return report
