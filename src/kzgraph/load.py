"""Load stage: read the ontology, shapes, rules and data into rdflib graphs.

Files are parsed with pyoxigraph rather than rdflib's own parsers: it is 10-20x faster, reports syntax
errors with line and column, never fetches anything from the network (no remote JSON-LD contexts, no
external entities), and cannot be made to recurse. The triples are then copied into rdflib graphs, the
in-memory model the rest of the pipeline (owlrl, pyshacl, networkx) works on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kzgraph import resources
from kzgraph.errors import InputError
from kzgraph.namespaces import PREFIXES

#: File extensions kzgraph reads, and their pyoxigraph formats.
FORMATS: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".turtle": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".jsonld": ox.RdfFormat.JSON_LD,
}

#: Budgets that keep a hostile or broken file from exhausting memory.
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_LITERAL_CHARS = 1_000_000
MAX_TRIPLES = 5_000_000
_OWL_SAMEAS = "http://www.w3.org/2002/07/owl#sameAs"

_XSD = "http://www.w3.org/2001/XMLSchema#"
_XSD_STRING = _XSD + "string"
_RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_XSD_INTEGER = _XSD + "integer"
_XSD_BOOLEAN = _XSD + "boolean"
#: Datatypes whose lexical forms are checked at load time, so "2011-02-30"^^xsd:date is an input error.
_CHECKED = {_XSD + t for t in ("date", "gYear", "gYearMonth", "integer", "decimal", "boolean", "double")}
_LEXICAL = {
    _XSD + "gYear": re.compile(r"-?\d{4,}(Z|[+-]\d\d:\d\d)?"),
    _XSD + "gYearMonth": re.compile(r"-?\d{4,}-(0[1-9]|1[0-2])(Z|[+-]\d\d:\d\d)?"),
}


@dataclass
class KnowledgeGraph:
    """Everything the pipeline starts from: ontology, shapes, rules and data, as loaded."""

    ontology: Graph
    data: Graph
    shapes: Graph
    rules: list[tuple[str, str]] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)

    def asserted(self) -> Graph:
        """The asserted graph: ontology and data together (a new graph; the parts stay separate)."""
        g = new_graph()
        for t in self.ontology:
            g.add(t)
        for t in self.data:
            g.add(t)
        return g


def new_graph() -> Graph:
    """An empty rdflib graph with kzgraph's prefixes bound."""
    g = Graph(bind_namespaces="none")
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True)
    return g


def _format_for(path: Path) -> ox.RdfFormat:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(FORMATS))
        raise InputError(f"{path}: unknown RDF file type {path.suffix!r} (kzgraph reads {known})")
    return fmt


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    if path.is_dir():
        raise InputError(f"{path}: is a folder, not an RDF file")
    if size > MAX_FILE_BYTES:
        raise InputError(f"{path}: file is {size} bytes, over the {MAX_FILE_BYTES}-byte limit")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None


def _position(text: str, needle: str) -> str:
    index = text.find(needle)
    if index < 0:
        return ""
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return f"line {line}, column {column}: "


class _Converter:
    """Turns pyoxigraph terms into rdflib terms, checking literals as it goes."""

    def __init__(self, path: Path, raw: bytes) -> None:
        self.path = path
        self.raw = raw
        self.iris: dict[str, URIRef] = {}
        self.bnodes: dict[str, BNode] = {}

    def term(self, t: object) -> Node:
        if isinstance(t, ox.NamedNode):
            iri = t.value
            node = self.iris.get(iri)
            if node is None:
                node = self.iris[iri] = URIRef(iri)
            return node
        if isinstance(t, ox.BlankNode):
            b = self.bnodes.get(t.value)
            if b is None:
                b = self.bnodes[t.value] = BNode()
            return b
        if isinstance(t, ox.Literal):
            return self.literal(t)
        raise InputError(f"{self.path}: RDF-star triple terms are not supported")

    def literal(self, t: ox.Literal) -> Literal:
        value = t.value
        if len(value) > MAX_LITERAL_CHARS:
            raise InputError(
                f"{self.path}: a literal of {len(value)} characters is over the {MAX_LITERAL_CHARS} limit"
            )
        if t.language:
            return Literal(value, lang=t.language)
        datatype = t.datatype.value
        if datatype in (_XSD_STRING, _RDF_LANGSTRING):
            return Literal(value)
        value = _canonical(datatype, value)
        lit = Literal(value, datatype=URIRef(datatype))
        if datatype in _CHECKED:
            pattern = _LEXICAL.get(datatype)
            bad = bool(getattr(lit, "ill_typed", False)) or (
                pattern is not None and not pattern.fullmatch(value)
            )
            if bad:
                where = _position(self.raw.decode("utf-8", "replace"), f'"{value}"')
                short = datatype.replace(_XSD, "xsd:")
                raise InputError(f"{self.path}: {where}invalid {short} value {value!r}")
        return lit


def _canonical(datatype: str, value: str) -> str:
    """The canonical lexical form of an integer or boolean ("7" for "+007", "true" for "1").

    Decimals keep the form they are written in ("27.0"), so that a SPARQL pattern with the same
    literal matches on rdflib, which compares literals by their written form; Oxigraph prints
    decimals in its own canonical form ("27"), so answers are compared by value across stores.
    """
    try:
        if datatype == _XSD_INTEGER:
            return str(int(value))
        if datatype == _XSD_BOOLEAN and value in ("1", "0"):
            return "true" if value == "1" else "false"
    except ValueError:
        return value  # left as written; the lexical check reports it
    return value


def parse_file(path: Path, graph: Graph | None = None) -> Graph:
    """Parse one RDF file into ``graph`` (a new one if not given).

    Raises :class:`~kzgraph.errors.InputError` naming the file, line and column on a syntax error, a
    missing file, an unknown format, an invalid date or number, or a file over the size budget.
    """
    path = Path(path)
    if path.is_dir():
        raise InputError(f"{path}: is a folder, not an RDF file")
    fmt = _format_for(path)
    raw = _read_bytes(path)
    if fmt is not ox.RdfFormat.RDF_XML:
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw.count(b"\n", 0, exc.start) + 1
            raise InputError(f"{path}: line {line}: not valid UTF-8 (byte {exc.start})") from None
    if fmt is ox.RdfFormat.RDF_XML and re.search(rb"<!(ENTITY|DOCTYPE)", raw):
        # Entity declarations are how a 700-byte "billion laughs" file expands to gigabytes.
        raise InputError(f"{path}: RDF/XML with a DOCTYPE or ENTITY declaration is refused")
    g = graph if graph is not None else new_graph()
    before = len(g)
    conv = _Converter(path, raw)
    try:
        for quad in ox.parse(raw, format=fmt):
            g.add((conv.term(quad.subject), conv.term(quad.predicate), conv.term(quad.object)))
            if str(quad.predicate.value) == _OWL_SAMEAS:
                raise InputError(
                    f"{path}: owl:sameAs is refused: it merges entities and its closure grows with the "
                    "square of a chain (use kz:possiblySameAs to record a suspected identity)"
                )
            if len(g) > MAX_TRIPLES:
                raise InputError(f"{path}: more than {MAX_TRIPLES} triples; kzgraph reads at most that many")
    except SyntaxError as exc:
        where = f"line {exc.lineno}, column {exc.offset}: " if exc.lineno else ""
        message = str(exc.msg) if exc.msg else str(exc)
        message = re.sub(r"^Parser error (at|between) [^:]*: ", "", message)
        raise InputError(f"{path}: {where}{message}") from None
    except ValueError as exc:
        raise InputError(f"{path}: {exc}") from None
    if len(g) == before and not raw.strip():
        raise InputError(f"{path}: the file is empty")
    if len(g) == before:
        raise InputError(f"{path}: the file holds no RDF triples")
    return g


def parse_files(paths: Iterable[Path], graph: Graph | None = None) -> Graph:
    """Parse several files into one graph."""
    g = graph if graph is not None else new_graph()
    for p in paths:
        parse_file(p, g)
    return g


def _ttl_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise InputError(f"{folder}: no such folder")
    return sorted(p for p in folder.glob("*.ttl") if p.is_file())


def _rule_queries(folder: Path) -> list[tuple[str, str]]:
    if not folder.is_dir():
        return []
    return [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.rq"))]


def load(
    data_files: Sequence[Path] | None = None,
    *,
    data_dir: Path | None = None,
    ontology_dir: Path | None = None,
) -> KnowledgeGraph:
    """Load the ontology, shapes and rules, and the data.

    By default the packaged data is loaded; ``data_dir`` loads every ``*.ttl`` of another folder, and
    ``data_files`` loads exactly the given files instead (e.g. a user's own files to validate).

    >>> kg = load()
    >>> len(kg.data) > 0 and len(kg.ontology) > 0
    True
    """
    odir = ontology_dir or resources.ontology_dir()
    ontology_files = _ttl_files(odir)
    shape_files = _ttl_files(odir / "shapes")
    if data_files is None:
        data_files = _ttl_files(data_dir or resources.data_dir())
    ontology = parse_files(ontology_files)
    shapes = parse_files(shape_files)
    data = parse_files(data_files)
    rules = _rule_queries(odir / "rules")
    return KnowledgeGraph(
        ontology=ontology,
        data=data,
        shapes=shapes,
        rules=rules,
        files=[*ontology_files, *shape_files, *data_files],
    )
