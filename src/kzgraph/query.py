"""Query stage: the named competency questions, parameters, safe execution and result formats.

Every named query is a ``.rq`` file in ``queries/`` whose first lines are a header::

    # title: Current office holders
    # question: Who holds which post at the profile's last update, and since when?
    # params: post=post:president-of-kazakhstan

Parameters are SPARQL variables given a value before the query runs (substitution, not string
splicing). Results come back in one store-independent shape, :class:`Table`, ``bool`` (ASK) or an rdflib
:class:`~rdflib.Graph` (CONSTRUCT / DESCRIBE), and are written by :func:`format_result`.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from rdflib import XSD, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kzgraph import resources
from kzgraph.errors import NotFoundError, QueryError
from kzgraph.namespaces import PREFIXES, shorten, sparql_prologue

TABLE_FORMATS = ("table", "csv", "tsv", "json", "srj", "srx")
GRAPH_FORMATS = ("turtle", "nt", "jsonld")
_HEADER = re.compile(r"^#\s*(title|question|params)\s*:\s*(.*?)\s*$")


@dataclass(frozen=True)
class Param:
    """A named query parameter: a SPARQL variable and its default value (as written)."""

    name: str
    default: str


@dataclass(frozen=True)
class NamedQuery:
    """A query from the library, with its header."""

    name: str
    path: Path
    title: str
    question: str
    params: tuple[Param, ...]
    text: str


@dataclass
class Table:
    """A SELECT result: variable names and rows of rdflib terms (``None`` where unbound)."""

    variables: list[str]
    rows: list[tuple[Node | None, ...]] = field(default_factory=list)


QueryResult = Table | bool | Graph


def parse_header(path: Path, text: str) -> tuple[str, str, tuple[Param, ...]]:
    """Read ``# title:``, ``# question:`` and ``# params:`` from the top of a query file.

    >>> parse_header(Path("x.rq"), "# title: T\\n# question: Q?\\n# params: year=2007\\nSELECT * {}")
    ('T', 'Q?', (Param(name='year', default='2007'),))
    """
    found: dict[str, str] = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        m = _HEADER.match(line)
        if m:
            found[m.group(1)] = m.group(2)
    missing = [k for k in ("title", "question", "params") if k not in found]
    if missing:
        raise QueryError(f"{path}: query header lacks {', '.join('# ' + m + ':' for m in missing)}")
    params: list[Param] = []
    spec = found["params"].strip()
    if spec and spec.lower() != "none":
        for item in spec.split(","):
            name, sep, default = item.strip().partition("=")
            if not sep or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name.strip()):
                raise QueryError(f"{path}: bad parameter {item.strip()!r} in # params: (write name=default)")
            params.append(Param(name.strip(), default.strip()))
    return found["title"], found["question"], tuple(params)


def read_query(path: Path) -> NamedQuery:
    """Read one named query file, checking its header."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise NotFoundError(f"{path}: no such query file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise QueryError(f"{path}: cannot read ({exc})") from None
    title, question, params = parse_header(path, text)
    return NamedQuery(path.stem, path, title, question, params, text)


def named_queries(folder: Path | None = None) -> dict[str, NamedQuery]:
    """Every named query in the library, by name (file name without ``.rq``), sorted."""
    folder = folder or resources.queries_dir()
    return {p.stem: read_query(p) for p in sorted(folder.glob("*.rq"))}


def qc_queries(folder: Path | None = None) -> dict[str, NamedQuery]:
    """The data-quality queries (``queries/qc/*.rq``)."""
    folder = (folder or resources.queries_dir()) / "qc"
    return {p.stem: read_query(p) for p in sorted(folder.glob("*.rq"))} if folder.is_dir() else {}


def find_query(name_or_path: str) -> NamedQuery:
    """A named query by name, or a query file by path."""
    library = named_queries()
    if name_or_path in library:
        return library[name_or_path]
    path = Path(name_or_path)
    if path.suffix == ".rq" or path.exists():
        if not path.is_file():
            raise NotFoundError(f"{path}: no such query file")
        text = path.read_text(encoding="utf-8")
        try:
            title, question, params = parse_header(path, text)
        except QueryError:
            title, question, params = path.stem, "", ()
        return NamedQuery(path.stem, path, title, question, params, text)
    close = [n for n in library if name_or_path.lower() in n.lower()]
    hint = f" (did you mean {', '.join(close[:3])}?)" if close else " (see 'kzgraph queries')"
    raise NotFoundError(f"no named query {name_or_path!r}{hint}")


def parse_value(text: str) -> Node:
    """Turn a parameter value as typed by a user into an RDF term.

    Prefixed names and ``<IRIs>`` become IRIs, integers and decimals become numbers, ISO dates become
    xsd:date / gYearMonth / gYear, ``true`` / ``false`` booleans; anything else is a plain string.

    >>> parse_value("person:karim-massimov")
    rdflib.term.URIRef('https://w3id.org/kzgraph/id/person/karim-massimov')
    >>> parse_value("2007")
    rdflib.term.Literal('2007', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer'))
    """
    text = text.strip()
    if text.startswith("<") and text.endswith(">"):
        return URIRef(text[1:-1])
    prefix, sep, local = text.partition(":")
    if sep and prefix in PREFIXES and re.fullmatch(r"[A-Za-z0-9_.-]*", local):
        return URIRef(PREFIXES[prefix] + local)
    if re.fullmatch(r"-?\d+", text):
        return Literal(text, datatype=XSD.integer)
    if re.fullmatch(r"-?\d+\.\d+", text):
        return Literal(text, datatype=XSD.decimal)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return Literal(text, datatype=XSD.date)
    if re.fullmatch(r"\d{4}-\d{2}", text):
        return Literal(text, datatype=XSD.gYearMonth)
    if text in ("true", "false"):
        return Literal(text, datatype=XSD.boolean)
    return Literal(text)


def bindings_for(query: NamedQuery, given: Mapping[str, str]) -> dict[str, Node]:
    """The parameter values for a run: the given ones over the header's defaults."""
    known = {p.name for p in query.params}
    unknown = sorted(set(given) - known)
    if unknown:
        names = ", ".join(sorted(known)) or "none"
        raise QueryError(f"query {query.name!r} has no parameter {unknown[0]!r} (its parameters: {names})")
    values = {p.name: p.default for p in query.params}
    values.update(given)
    return {name: parse_value(value) for name, value in values.items() if value != ""}


# --------------------------------------------------------------------------------------------------
# Parameters: a VALUES block injected at the top of the WHERE clause, so that every engine (rdflib,
# Oxigraph, a remote endpoint) binds parameters the same way, whether or not they are projected.

_SKIP = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|<[^<>"{}|^`\\\s]*>'
    r"|#[^\n]*"
)


def code_only(text: str) -> str:
    """``text`` with strings, IRIs and comments blanked out (same length), to search for keywords."""
    return _SKIP.sub(lambda m: " " * len(m.group(0)), text)


def where_brace(text: str) -> int:
    """The index just after the ``{`` that opens the query's top-level WHERE group."""
    code = code_only(text)
    m = re.search(r"\bWHERE\s*\{", code, re.IGNORECASE)
    if m is None:
        m = re.search(r"\b(SELECT|ASK)\b[^{]*\{", code, re.IGNORECASE)
    if m is None:
        raise QueryError("cannot find the query's WHERE clause to bind parameters")
    return m.end()


def inject_bindings(text: str, bindings: Mapping[str, Node]) -> str:
    """The query with ``VALUES ?name { term }`` for each parameter at the top of its WHERE group.

    >>> inject_bindings("SELECT ?x WHERE { ?x a ?c }", {"c": URIRef("http://e/C")})
    'SELECT ?x WHERE { VALUES ?c { <http://e/C> } ?x a ?c }'
    """
    if not bindings:
        return text
    at = where_brace(text)
    block = " ".join(f"VALUES ?{name} {{ {term.n3()} }}" for name, term in bindings.items())
    return f"{text[:at]} {block}{text[at:]}"


# --------------------------------------------------------------------------------------------------
# Safe execution on rdflib's engine


def _check_dataset_clauses(text: str) -> None:
    """Refuse FROM / FROM NAMED: on rdflib they load files or URLs into the dataset."""
    if re.search(r"(?<![?$:\w-])FROM\b", code_only(text), re.IGNORECASE):
        raise QueryError("FROM and FROM NAMED are refused: kzgraph queries only its own graph")


def parse_query(text: str) -> Any:
    """Parse SPARQL with rdflib, raising a one-line :class:`QueryError` with the position on error."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql import prepareQuery

    _check_dataset_clauses(text)
    try:
        return prepareQuery(text, initNs=PREFIXES)
    except ParseException as exc:
        raise QueryError(f"SPARQL syntax error at line {exc.lineno}, column {exc.col}: {exc.msg}") from None
    except Exception as exc:
        raise QueryError(f"SPARQL error: {exc}") from None


def _no_service(ctx: Any, part: Any) -> Any:
    if getattr(part, "name", None) == "ServiceGraphPattern":
        raise QueryError("SERVICE is refused: kzgraph queries never reach other endpoints")
    raise NotImplementedError  # let rdflib evaluate everything else


def install_guards() -> None:
    """Make rdflib's SPARQL engine refuse SERVICE (it would otherwise make HTTP requests)."""
    from rdflib.plugins.sparql import CUSTOM_EVALS

    CUSTOM_EVALS["kzgraph-no-service"] = _no_service


def run(graph: Graph, text: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
    """Run a SPARQL query (SELECT, ASK, CONSTRUCT or DESCRIBE) on an rdflib graph."""
    install_guards()
    prepared = parse_query(text)
    # rdflib pre-binds parameters itself (its optimiser handles that far better than an injected
    # VALUES block, which makes it evaluate later patterns unbound); other engines get VALUES.
    init: dict[str, Any] = dict(bindings or {})
    try:
        result = graph.query(prepared, initBindings=init)
        return _materialise(result)
    except QueryError:
        raise
    except RecursionError:
        raise QueryError("query too deeply nested or path too long for the in-memory engine") from None
    except Exception as exc:
        raise QueryError(f"query failed: {exc}") from None


def _materialise(result: Any) -> QueryResult:
    """Drain rdflib's lazy result inside the caller's error handling (evaluation happens here)."""
    if result.type == "ASK":
        return bool(result.askAnswer)
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        assert result.graph is not None
        out = Graph(bind_namespaces="none")
        for prefix, ns in PREFIXES.items():
            out.bind(prefix, ns)
        for t in result.graph:
            out.add(t)
        return out
    variables = [str(v) for v in (result.vars or [])]
    rows = [tuple(row[i] for i in range(len(variables))) for row in result]
    return Table(variables, rows)


def run_oxigraph(
    store: Any, text: str, bindings: Mapping[str, Node] | None = None, **options: Any
) -> QueryResult:
    """Run a SPARQL query on a pyoxigraph store; the result in the same shape as :func:`run`.

    ``options`` go to ``Store.query`` (``use_default_graph_as_union``, ``default_graph``).
    """
    import pyoxigraph as ox

    from kzgraph.oxi import from_ox

    _check_dataset_clauses(text)
    if re.search(r"(?<![?$:\w-])SERVICE\b", code_only(text), re.IGNORECASE):
        raise QueryError("SERVICE is refused: kzgraph queries never reach other endpoints")
    # (trailing blank lines would make Oxigraph place an error at the end of input on a line of its own)
    body = inject_bindings(text.rstrip(), bindings or {})
    full = prologue_for(body)
    added_lines = full.count("\n") - body.count("\n")
    try:
        result = store.query(full, **options)
        # Results are lazy: evaluation errors surface while reading them, so read them here.
        if isinstance(result, ox.QueryBoolean):
            return bool(result)
        if isinstance(result, ox.QueryTriples):
            out = Graph(bind_namespaces="none")
            for prefix, ns in PREFIXES.items():
                out.bind(prefix, ns)
            for t in result:
                out.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
            return out
        variables = [v.value for v in result.variables]
        rows = [tuple(from_ox(sol[v]) if sol[v] is not None else None for v in variables) for sol in result]
        return Table(variables, rows)
    except SyntaxError as exc:
        raise QueryError(_syntax_message(str(exc), added_lines)) from None
    except (OSError, ValueError, RuntimeError) as exc:
        raise QueryError(f"query failed: {exc}") from None


def _syntax_message(message: str, added_lines: int) -> str:
    """Oxigraph's "error at L:C: ..." as kzgraph says it, with L counted in the user's own text."""
    m = re.match(r"error at (\d+):(\d+): (.*)", message.strip().splitlines()[0] if message.strip() else "")
    if m is None:
        return f"SPARQL syntax error: {' '.join(message.split())}"
    line = max(1, int(m.group(1)) - added_lines)
    return f"SPARQL syntax error at line {line}, column {m.group(2)}: {m.group(3)}"


# --------------------------------------------------------------------------------------------------
# Result formats


def _plain(term: Node | None) -> str:
    if term is None:
        return ""
    return str(term)


def _short(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return shorten(str(term))
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _nt(term: Node | None) -> str:
    return "" if term is None else term.n3()


def _json_value(term: Node | None) -> Any:
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, bool | int | float | str):
            return value
        return str(term)
    return str(term)


def _srj_term(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, Literal)
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype is not None:
        out["datatype"] = str(term.datatype)
    return out


def _srx_term(term: Node) -> str:
    if isinstance(term, URIRef):
        return f"<uri>{escape(str(term))}</uri>"
    if isinstance(term, BNode):
        return f"<bnode>{escape(str(term))}</bnode>"
    assert isinstance(term, Literal)
    attr = ""
    if term.language:
        attr = f" xml:lang={quoteattr(term.language)}"
    elif term.datatype is not None:
        attr = f" datatype={quoteattr(str(term.datatype))}"
    return f"<literal{attr}>{escape(str(term))}</literal>"


def format_table(table: Table, fmt: str) -> str:
    """Write a SELECT result as table, csv, tsv, json, srj (SPARQL JSON) or srx (SPARQL XML)."""
    if fmt == "table":
        cells = [[_short(v) for v in row] for row in table.rows]
        widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(table.variables)]
        lines = ["  ".join(h.ljust(w) for h, w in zip(table.variables, widths, strict=True)).rstrip()]
        lines.append("  ".join("-" * w for w in widths))
        lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
        lines.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
        return "\n".join(lines) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(table.variables)
        writer.writerows([_plain(v) for v in row] for row in table.rows)
        return buf.getvalue()
    if fmt == "tsv":
        head = "\t".join(f"?{v}" for v in table.variables)
        return "\n".join([head, *("\t".join(_nt(v) for v in row) for row in table.rows)]) + "\n"
    if fmt == "json":
        rows = [{k: _json_value(v) for k, v in zip(table.variables, row, strict=True)} for row in table.rows]
        return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    if fmt == "srj":
        bindings = [
            {k: _srj_term(v) for k, v in zip(table.variables, row, strict=True) if v is not None}
            for row in table.rows
        ]
        doc = {"head": {"vars": table.variables}, "results": {"bindings": bindings}}
        return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    if fmt == "srx":
        out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "  <head>"]
        out += [f"    <variable name={quoteattr(v)}/>" for v in table.variables]
        out += ["  </head>", "  <results>"]
        for row in table.rows:
            out.append("    <result>")
            for name, term in zip(table.variables, row, strict=True):
                if term is not None:
                    out.append(f"      <binding name={quoteattr(name)}>{_srx_term(term)}</binding>")
            out.append("    </result>")
        out += ["  </results>", "</sparql>"]
        return "\n".join(out) + "\n"
    raise QueryError(f"unknown result format {fmt!r} (use one of {', '.join(TABLE_FORMATS)})")


def format_boolean(value: bool, fmt: str) -> str:
    """Write an ASK result."""
    if fmt in ("srj", "json"):
        return json.dumps({"head": {}, "boolean": value}) + "\n"
    if fmt == "srx":
        return (
            '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n'
            f"  <head/>\n  <boolean>{'true' if value else 'false'}</boolean>\n</sparql>\n"
        )
    if fmt in ("table", "csv", "tsv"):
        return ("true" if value else "false") + "\n"
    raise QueryError(f"unknown result format {fmt!r}")


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """Write any query result; graphs (CONSTRUCT / DESCRIBE) are written as Turtle unless asked otherwise."""
    if isinstance(result, bool):
        return format_boolean(result, fmt)
    if isinstance(result, Table):
        return format_table(result, fmt)
    graph_fmt = {"table": "turtle", "turtle": "turtle", "nt": "nt", "jsonld": "json-ld"}.get(fmt)
    if graph_fmt is None:
        raise QueryError(f"a graph result can be written as {', '.join(GRAPH_FORMATS)}, not {fmt!r}")
    return str(result.serialize(format=graph_fmt))


def prologue_for(text: str) -> str:
    """The query with PREFIX declarations for known prefixes it uses but does not declare."""
    declared = {m.lower() for m in re.findall(r"PREFIX\s+([A-Za-z][\w-]*)\s*:", text, re.IGNORECASE)}
    missing = [p for p in PREFIXES if p.lower() not in declared and re.search(rf"\b{p}:", text)]
    return "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in missing) + text


__all__: Sequence[str] = [
    "NamedQuery",
    "Param",
    "Table",
    "bindings_for",
    "find_query",
    "format_result",
    "named_queries",
    "parse_value",
    "qc_queries",
    "run",
    "sparql_prologue",
]
