"""Query results: one shape for every store, and every output format written by a library's own writer.

A SELECT gives :class:`Rows` (variables, and rows of pyoxigraph terms, ``None`` where unbound), an ASK a
``bool``, a CONSTRUCT or DESCRIBE a list of triples. The W3C SPARQL results formats (JSON, XML, CSV, TSV)
and the RDF formats are written by pyoxigraph's serialisers; kzgraph writes only the human table and the
plain JSON list, and those escape whatever could drive a terminal (:func:`kzgraph.text.printable`).
XML 1.0 cannot hold some characters RDF allows (U+0001, U+FFFE...), not even escaped; XML outputs carry
U+FFFD in their place.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from kzgraph.errors import QueryError
from kzgraph.namespaces import PREFIXES, shorten
from kzgraph.text import printable, xml_safe

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple

#: Result formats of a SELECT or ASK query, with the writer of each (None: kzgraph's own text forms).
SOLUTION_FORMATS: dict[str, ox.QueryResultsFormat | None] = {
    "table": None,
    "json": None,
    "srj": ox.QueryResultsFormat.JSON,
    "srx": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
#: Formats of a CONSTRUCT or DESCRIBE result.
GRAPH_FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
MEDIA_TYPES = {
    "srj": "application/sparql-results+json",
    "srx": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "turtle": "text/turtle; charset=utf-8",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}


@dataclass
class Rows:
    """A SELECT result: variable names and rows of terms (``None`` where unbound).

    >>> r = Rows(["name"], [(ox.Literal("Nur Otan"),)])
    >>> r.values()
    [{'name': 'Nur Otan'}]
    """

    variables: list[str]
    rows: list[tuple[Term | None, ...]] = field(default_factory=list)

    def __iter__(self) -> Iterator[tuple[Term | None, ...]]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def dicts(self) -> list[dict[str, Term]]:
        """Each row as a dict of its bound variables."""
        return [
            {k: v for k, v in zip(self.variables, row, strict=True) if v is not None} for row in self.rows
        ]

    def values(self) -> list[dict[str, Any]]:
        """Each row as a dict of plain values: IRIs as strings, literals as numbers, booleans or text."""
        return [{k: python_value(v) for k, v in zip(self.variables, row, strict=True)} for row in self.rows]

    def to_pandas(self) -> Any:
        """The rows as a pandas DataFrame (needs pandas: ``pip install kzgraph[pandas]``)."""
        try:
            import pandas as pd  # type: ignore[import-untyped,unused-ignore]
        except ImportError:
            raise QueryError("Rows.to_pandas needs pandas: pip install 'kzgraph[pandas]'") from None
        return pd.DataFrame(self.values(), columns=self.variables)


QueryResult = Rows | bool | list[ox.Triple]


def python_value(term: Term | None) -> Any:
    """A term as a plain Python value (None when unbound).

    >>> python_value(ox.Literal("7", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")))
    7
    """
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        dt = term.datatype.value.rsplit("#", 1)[-1] if term.datatype else ""
        try:
            if dt in ("integer", "int", "long", "nonNegativeInteger", "positiveInteger"):
                return int(term.value)
            if dt in ("double", "float"):
                return float(term.value)
            if dt == "decimal":
                number = float(term.value)
                return int(number) if number.is_integer() and "." not in term.value else number
            if dt == "boolean":
                return term.value in ("true", "1")
        except ValueError:
            pass
        return term.value
    if isinstance(term, ox.NamedNode | ox.BlankNode):
        return term.value
    return str(term)


def materialize(result: object) -> QueryResult:
    """Read a pyoxigraph result to the end (evaluation errors surface here, inside the caller's handling)."""
    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        return Rows(names, [tuple(sol[n] for n in names) for sol in result])
    assert isinstance(result, ox.QueryTriples)
    return list(result)


def serialize_result(result: object, fmt: str) -> bytes:
    """Write a pyoxigraph result in ``fmt`` with pyoxigraph's own writers."""
    if isinstance(result, ox.QuerySolutions | ox.QueryBoolean):
        writer = SOLUTION_FORMATS.get(fmt)
        if writer is None:
            raise QueryError(f"a SELECT or ASK result is written as srj, srx, csv or tsv here, not {fmt!r}")
        data = result.serialize(format=writer) or b""
    else:
        rdf = GRAPH_FORMATS.get(fmt)
        if rdf is None:
            raise QueryError(f"a graph result can be written as {', '.join(GRAPH_FORMATS)}, not {fmt!r}")
        data = ox.serialize(result, format=rdf, prefixes=dict(PREFIXES)) or b""  # type: ignore[arg-type]
    if fmt in ("srx", "rdfxml"):
        data = xml_safe(data.decode("utf-8")).encode("utf-8")
    return data


def cell(term: Term | None) -> str:
    """A term as the table shows it: IRIs as prefixed names, literals as their text, escaped."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return printable(shorten(term.value))
    if isinstance(term, ox.BlankNode):
        return f"_:{printable(term.value)}"
    if isinstance(term, ox.Literal):
        return printable(term.value)
    return printable(str(term))


def table(rows: Rows) -> str:
    """A plain-text table, with a row count."""
    cells = [[cell(v) for v in row] for row in rows.rows]
    heads = [printable(v) for v in rows.variables]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(heads)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(heads, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    lines.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(lines) + "\n"


def plain_json(rows: Rows) -> str:
    """The rows as a JSON list of objects with plain values (not a W3C format; for scripts)."""
    return json.dumps(rows.values(), indent=2, ensure_ascii=False) + "\n"


def text_result(result: QueryResult, fmt: str) -> str:
    """A materialised result in one of kzgraph's own text forms (table or json)."""
    if isinstance(result, bool):
        return (
            json.dumps({"boolean": result}) + "\n" if fmt == "json" else ("true\n" if result else "false\n")
        )
    if isinstance(result, Rows):
        return table(result) if fmt == "table" else plain_json(result)
    raise QueryError("a graph result is written as turtle, nt, jsonld or rdfxml")
