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

from kzgraph.query import NamedQuery, qc_queries
from kzgraph.results import Rows, table
from kzgraph.store import LocalStore


@dataclass
class QualityReport:
    """The results of the quality queries."""

    reports: dict[str, tuple[NamedQuery, Rows]] = field(default_factory=dict)
    violations: dict[str, tuple[NamedQuery, Rows]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when no violation query returned a row."""
        return all(not rows.rows for _, rows in self.violations.values())

    def failures(self) -> list[str]:
        """One line per violation query that returned rows."""
        return [
            f"{name}: {len(rows.rows)} row(s): {q.title}"
            for name, (q, rows) in self.violations.items()
            if rows.rows
        ]

    def markdown(self) -> str:
        """The report as Markdown: each query's question, then its rows as a table."""
        out = ["# kzgraph data-quality report", ""]
        out.append("Checks that must find nothing:")
        out.append("")
        for name, (q, rows) in self.violations.items():
            state = "none found" if not rows.rows else f"**{len(rows.rows)} found**"
            out.append(f"- {q.title} (`{name}`): {state}")
        out.append("")
        for name, (q, rows) in [*self.reports.items(), *self.violations.items()]:
            if name in self.violations and not rows.rows:
                continue
            out += [
                f"## {q.title}",
                "",
                q.question,
                "",
                f"`queries/qc/{name}.rq`: {len(rows.rows)} rows",
                "",
            ]
            if rows.rows:
                # A fenced block shows its content as text, so data never turns into markup in a
                # Markdown viewer; the fence is longer than any run of backticks in the data, which
                # therefore cannot close it.
                body = table(rows).rstrip()
                longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
                fence = "`" * max(3, longest + 1)
                out += [fence + "text", body, fence, ""]
        return "\n".join(out) + "\n"


def quality_report(store: LocalStore) -> QualityReport:
    """Run every quality query: reports on asserted + inferred, violation checks on the asserted graph alone.

    Rows are sorted by their text, so the report is the same, byte for byte, for the same graph.
    """
    report = QualityReport()
    for name, q in qc_queries().items():
        is_violation = name.endswith("-violation")
        result = store.run_trusted(q.text, inferred=not is_violation)
        assert isinstance(result, Rows), f"{name} must be a SELECT query"
        result.rows.sort(key=lambda row: tuple(str(t) if t is not None else "" for t in row))
        (report.violations if is_violation else report.reports)[name] = (q, result)
    return report
