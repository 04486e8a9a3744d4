"""Load stage: read RDF files into named graphs of an Oxigraph store, refusing what is broken or hostile.

Oxigraph parses (fast, exact line and column in syntax errors, no network access: no remote JSON-LD
contexts, no external entities). Before any parser sees a file, kzgraph checks that it is a regular file,
counts its bytes as it reads them, checks its encoding, and measures the nesting of a JSON-LD document
(Oxigraph's JSON-LD parser recurses once per level). After parsing, a few queries over the new graph
refuse ``owl:sameAs``, literals over the size limit, RDF-star terms and ill-typed dates and numbers
(``"2011-02-30"^^xsd:date``), with the file, line and column of the first offender.
"""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kzgraph.errors import InputError
from kzgraph.files import open_regular
from kzgraph.namespaces import (
    GRAPH,
    GRAPH_CITATIONS,
    GRAPH_DATA,
    GRAPH_ONTOLOGY,
    GRAPH_SHAPES,
    GRAPH_UNION,
    KZ,
    OWL,
    XSD,
)
from kzgraph.sources import Sources

#: File extensions kzgraph reads, and their formats.
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


@dataclass(frozen=True)
class Limits:
    """Budgets that keep a hostile or broken file from exhausting memory or the stack."""

    file_bytes: int = 64 * 1024 * 1024
    literal_chars: int = 1_000_000
    triples: int = 5_000_000
    json_depth: int = 256


DEFAULT_LIMITS = Limits()
_CHECKED = {
    XSD.date: re.compile(r"-?\d{4,}-\d\d-\d\d(Z|[+-]\d\d:\d\d)?"),
    XSD.gYear: re.compile(r"-?\d{4,}(Z|[+-]\d\d:\d\d)?"),
    XSD.gYearMonth: re.compile(r"-?\d{4,}-(0[1-9]|1[0-2])(Z|[+-]\d\d:\d\d)?"),
    XSD.integer: re.compile(r"[+-]?\d+"),
    XSD.decimal: re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)"),
    XSD.double: re.compile(r"[+-]?((\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|INF|NaN)"),
    XSD.boolean: re.compile(r"true|false|1|0"),
}


@dataclass
class Loaded:
    """What a load put where: triples per graph, and the files read."""

    counts: dict[str, int] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)


def format_for(path: Path) -> ox.RdfFormat:
    """The RDF format of a file, from its extension."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(FORMATS))
        raise InputError(f"{path}: unknown RDF file type {path.suffix!r} (kzgraph reads {known})")
    return fmt


def read_bytes(path: Path, limit: int) -> bytes:
    """The bytes of a regular file, read in chunks and refused past ``limit``; never a device or FIFO."""
    fd = open_regular(path)
    try:
        chunks: list[bytes] = []
        total = 0
        while True:
            try:
                chunk = os.read(fd, 1 << 20)
            except OSError as exc:
                raise InputError(f"{path}: cannot read ({exc.strerror})") from None
            if not chunk:
                break
            total += len(chunk)
            if total > limit:
                raise InputError(f"{path}: file is over the {limit}-byte limit")
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def json_depth(raw: bytes) -> tuple[int, int]:
    """The deepest nesting of objects and arrays in a JSON text, and where it is first reached.

    >>> json_depth(b'{"a": [1, {"b": "[[["}]}')
    (3, 10)
    """
    depth = deepest = at = 0
    in_string = escaped = False
    for index, byte in enumerate(raw):
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x7B, 0x5B):
            depth += 1
            if depth > deepest:
                deepest, at = depth, index
        elif byte in (0x7D, 0x5D):
            depth -= 1
    return deepest, at


def _line_col(text: str, index: int) -> str:
    line = text.count("\n", 0, index) + 1
    return f"line {line}, column {index - (text.rfind(chr(10), 0, index) + 1) + 1}"


def _locate(raw: bytes, needle: str) -> str:
    text = raw.decode("utf-8", "replace")
    index = text.find(needle)
    return f"{_line_col(text, index)}: " if index >= 0 else ""


def _valid(datatype: str, value: str) -> bool:
    pattern = _CHECKED[datatype]
    if not pattern.fullmatch(value):
        return False
    if datatype == XSD.date:
        year, month, day = value.lstrip("-")[:10].split("-") if len(value.lstrip("-")) >= 10 else ("", "", "")
        try:
            datetime.date(min(int(year), 9999), int(month), int(day))
        except ValueError:
            return False
    return True


def _canonical(datatype: str, value: str) -> str:
    if datatype == XSD.integer:
        return str(int(value))
    if datatype == XSD.boolean:
        return {"1": "true", "0": "false"}.get(value, value)
    return value


def check_graphs(
    store: ox.Store, graphs: list[str], files: list[Path], limits: Limits = DEFAULT_LIMITS
) -> None:
    """Refuse what these graphs must not hold, naming the file it came from; canonicalise numbers.

    Integers and booleans are rewritten in their canonical form ("7" for "+007", "true" for "1"), so
    that equal values are equal terms in every store and every output.
    """
    if not graphs:
        return
    values = " ".join(f"<{g}>" for g in graphs)
    where = f"VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }}"

    def blame(needle: str, message: str) -> InputError:
        for path in files:
            try:
                raw = read_bytes(path, limits.file_bytes)
            except InputError:
                continue
            if needle.encode() in raw:
                return InputError(f"{path}: {_locate(raw, needle)}{message}")
        return InputError(f"{files[0] if len(files) == 1 else 'the data'}: {message}")

    if store.query(f"ASK {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s <{OWL.sameAs}> ?o }} }}"):
        raise blame(
            "sameAs",
            "owl:sameAs is refused: it merges entities and its closure grows with the square of a chain "
            "(use kz:possiblySameAs to record a suspected identity)",
        )
    if store.query(f"ASK {{ {where} FILTER(isTRIPLE(?s) || isTRIPLE(?o)) }}"):
        raise blame("<<", "RDF-star triple terms are not supported")
    if GRAPH_ONTOLOGY not in graphs:
        undeclared(store, graphs, files, limits)
    long_ones = store.query(
        f"SELECT ?o WHERE {{ {where} FILTER(isLITERAL(?o) && STRLEN(?o) > {limits.literal_chars}) }} LIMIT 1"
    )
    for row in long_ones:  # type: ignore[union-attr]
        text = row["o"].value
        raise blame(
            text[:200], f"a literal of {len(text)} characters is over the {limits.literal_chars} limit"
        )
    listed = ", ".join(f"<{d}>" for d in _CHECKED)
    typed = store.query(
        f"SELECT DISTINCT ?o WHERE {{ {where} FILTER(isLITERAL(?o) && DATATYPE(?o) IN ({listed})) }}"
    )
    renames: list[tuple[ox.Literal, ox.Literal]] = []
    for row in typed:  # type: ignore[union-attr]
        lit = row["o"]
        assert isinstance(lit, ox.Literal)
        datatype, value = lit.datatype.value, lit.value
        if not _valid(datatype, value):
            short = datatype.replace(str(XSD), "xsd:")
            raise blame(f'"{value}"', f"invalid {short} value {value!r}")
        canonical = _canonical(datatype, value)
        if canonical != value:
            renames.append((lit, ox.Literal(canonical, datatype=lit.datatype)))
    for old, new in renames:
        for graph in graphs:
            g = ox.NamedNode(graph)
            for q in list(store.quads_for_pattern(None, None, old, g)):
                store.remove(q)
                store.add(ox.Quad(q.subject, q.predicate, new, g))


def undeclared(
    store: ox.Store, graphs: list[str], files: list[Path], limits: Limits = DEFAULT_LIMITS
) -> None:
    """Refuse a kzgraph term (``kz:``) that the ontology does not declare, used as a property or a class,
    naming it, its file and its line: a misspelt ``kz:endDat`` would otherwise pass validation unseen.
    (Checked only when the ontology is in the store, as it is whenever data is loaded.)"""
    if not store.query(f"ASK {{ GRAPH <{GRAPH_ONTOLOGY}> {{ ?s ?p ?o }} }}"):
        return
    values = " ".join(f"<{g}>" for g in graphs)
    found = store.query(
        f"SELECT ?term WHERE {{ VALUES ?g {{ {values} }} "
        f"GRAPH ?g {{ {{ ?s ?term ?o }} UNION {{ ?s a ?term }} }} "
        f'FILTER (isIRI(?term) && STRSTARTS(STR(?term), "{KZ}")) '
        f"FILTER NOT EXISTS {{ GRAPH <{GRAPH_ONTOLOGY}> {{ ?term ?p2 ?o2 }} }} }} ORDER BY ?term LIMIT 1"
    )
    for row in found:  # type: ignore[union-attr]
        term = row["term"].value
        local = term[len(KZ) :]
        pattern = re.compile(rf"<{re.escape(term)}>|(?<![\w.-])[A-Za-z][\w.-]*:{re.escape(local)}(?![\w-])")
        for path in files:
            try:
                text = read_bytes(path, limits.file_bytes).decode("utf-8", "replace")
            except InputError:
                continue
            match = pattern.search(text)
            if match:
                raise InputError(
                    f"{path}: {_line_col(text, match.start())}: kz:{local} is not a term of the kzgraph "
                    "ontology (misspelt? the ontology declares every kz: property and class)"
                )
        raise InputError(f"the data: kz:{local} is not a term of the kzgraph ontology")


def load_file(store: ox.Store, path: Path, graph: str, limits: Limits = DEFAULT_LIMITS) -> int:
    """Parse one RDF file into the named graph ``graph`` of ``store``; return its triple count.

    Raises :class:`~kzgraph.errors.InputError` naming the file (and line and column where there is one)
    for a missing or unreadable file, a device or FIFO, a file over the size limit, bad encoding, a syntax
    error, JSON-LD nested too deeply, or content the checks above refuse.
    """
    path = Path(path)
    if path.is_dir():
        raise InputError(f"{path}: is a folder, not an RDF file")
    fmt = format_for(path)
    raw = read_bytes(path, limits.file_bytes)
    if not raw.strip():
        raise InputError(f"{path}: the file is empty")
    if fmt is not ox.RdfFormat.RDF_XML:
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw.count(b"\n", 0, exc.start) + 1
            raise InputError(f"{path}: line {line}: not valid UTF-8 (byte {exc.start})") from None
    if fmt is ox.RdfFormat.RDF_XML and re.search(rb"<!(ENTITY|DOCTYPE)", raw):
        # Entity declarations are how a 700-byte "billion laughs" file expands to gigabytes.
        raise InputError(f"{path}: RDF/XML with a DOCTYPE or ENTITY declaration is refused")
    if fmt is ox.RdfFormat.JSON_LD:
        deepest, at = json_depth(raw)
        if deepest > limits.json_depth:
            where = _line_col(raw.decode("utf-8", "replace"), len(raw[:at].decode("utf-8", "replace")))
            raise InputError(
                f"{path}: {where}: JSON nested more than {limits.json_depth} deep; "
                "kzgraph refuses deeper documents"
            )
    before = len(store)
    try:
        store.bulk_load(raw, format=fmt, to_graph=ox.NamedNode(graph))
    except SyntaxError as exc:
        where = f"line {exc.lineno}, column {exc.offset}: " if exc.lineno else ""
        message = str(exc.msg) if exc.msg else str(exc)
        message = re.sub(r"^Parser error (at|between) [^:]*: ", "", message)
        raise InputError(f"{path}: {where}{message}") from None
    except (ValueError, OSError) as exc:
        raise InputError(f"{path}: {exc}") from None
    count = len(store) - before
    if count > limits.triples:
        raise InputError(f"{path}: more than {limits.triples} triples; kzgraph reads at most that many")
    if count == 0 and not any(True for _ in ox.parse(raw, format=fmt)):
        # (a file that only repeats triples already loaded adds nothing, but it does hold triples)
        raise InputError(f"{path}: the file holds no RDF triples")
    return count


GraphNode = ox.NamedNode | ox.BlankNode | ox.DefaultGraph


def graph_list(names: Iterable[str]) -> list[GraphNode]:
    """Named-graph IRIs as the list pyoxigraph's ``default_graph`` option takes."""
    return [ox.NamedNode(n) for n in names]


#: kzgraph's own graphs that hold data (the rest under ``GRAPH`` are ontology, shapes, inferred, stamp).
OWN_DATA_GRAPHS = (GRAPH_DATA, GRAPH_CITATIONS, GRAPH_UNION)


def _named(store: ox.Store) -> list[str]:
    return sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))


def source_graphs(store: ox.Store) -> list[str]:
    """The graphs the data files wrote: each section's (any graph a file names) and ``GRAPH_DATA`` (the
    triples outside any graph). ``GRAPH ?g`` in a query ranges over these."""
    return [g for g in _named(store) if g == GRAPH_DATA or not g.startswith(GRAPH)]


def data_graphs(store: ox.Store) -> list[str]:
    """The graphs whose union is the data part of the default graph: the union graph when the data names
    graphs (see ``GRAPH_UNION``), otherwise ``GRAPH_DATA`` alone, as read."""
    named = _named(store)
    if GRAPH_UNION in named:
        return [GRAPH_UNION]
    return [g for g in named if g in OWN_DATA_GRAPHS or not g.startswith(GRAPH)]


def section_graphs(store: ox.Store) -> list[str]:
    """The data graphs named after a section of a source (``?g a kz:SourceSection``), in section order."""
    named = {g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode)}
    rows = store.query(
        f"SELECT DISTINCT ?g ?n WHERE {{ GRAPH ?h {{ ?g a <{KZ}SourceSection> "
        f"OPTIONAL {{ ?g <{KZ}sectionOrder> ?n }} }} }}"
    )
    assert isinstance(rows, ox.QuerySolutions)
    found = {}
    for row in rows:
        g = row["g"]
        if isinstance(g, ox.NamedNode) and g.value in named:
            n = row["n"]
            found[g.value] = int(n.value) if n is not None and n.value.isdigit() else 10**9
    return sorted(found, key=lambda g: (found[g], g))


def cite_sections(store: ox.Store) -> int:
    """``?x kz:source ?section`` for every subject of each section's graph, into ``GRAPH_CITATIONS``
    (emptied first): where the data says which section states a triple, each node cites exactly the
    sections that state something about it. Returns the number of citations."""
    store.update(f"DROP SILENT GRAPH <{GRAPH_CITATIONS}>")
    for g in section_graphs(store):
        store.update(
            f"INSERT {{ GRAPH <{GRAPH_CITATIONS}> {{ ?s <{KZ}source> <{g}> }} }} "
            f"WHERE {{ SELECT DISTINCT ?s WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }} }}"
        )
    return graph_size(store, GRAPH_CITATIONS)


def merge_data(store: ox.Store) -> None:
    """When the data files name graphs, their set union with the plain data and the citations goes to
    ``GRAPH_UNION``: a query over several overlapping graphs would see a shared triple once per graph."""
    store.update(f"DROP SILENT GRAPH <{GRAPH_UNION}>")
    graphs = source_graphs(store)
    if graphs == [GRAPH_DATA] or not graphs:
        return
    for g in [*graphs, GRAPH_CITATIONS]:
        store.update(
            f"INSERT {{ GRAPH <{GRAPH_UNION}> {{ ?s ?p ?o }} }} WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}"
        )


def load_sources(store: ox.Store, sources: Sources, limits: Limits = DEFAULT_LIMITS) -> Loaded:
    """Ontology and shapes into their named graphs, data into the graphs its files name (triples outside
    any graph go to ``GRAPH_DATA``), each part checked as a whole.

    >>> s = ox.Store()
    >>> loaded = load_sources(s, Sources.packaged())
    >>> loaded.counts["data"] > 4000
    True
    """
    loaded = Loaded()
    for role, graph in (("ontology", GRAPH_ONTOLOGY), ("shapes", GRAPH_SHAPES)):
        files = list(getattr(sources, role))
        for path in files:
            load_file(store, path, graph, limits)
        check_graphs(store, [graph], files, limits)
        loaded.files.extend(files)
        loaded.counts[role] = graph_size(store, graph)
    files = list(sources.data)
    for path in files:
        before = {g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode)}
        sizes = {g: graph_size(store, g) for g in before if g.startswith(GRAPH) and g != GRAPH_DATA}
        load_file(store, path, GRAPH_DATA, limits)
        for g in store.named_graphs():
            name = g.value if isinstance(g, ox.NamedNode) else ""
            if (
                name.startswith(GRAPH)
                and name != GRAPH_DATA
                and graph_size(store, name) != sizes.get(name, 0)
            ):
                raise InputError(f"{path}: writes into <{name}>, a graph kzgraph keeps for itself")
    cite_sections(store)
    merge_data(store)
    graphs = data_graphs(store)
    check_graphs(store, graphs, files, limits)
    loaded.files.extend(files)
    loaded.counts["data"] = sum(graph_size(store, g) for g in graphs)
    return loaded


def graph_size(store: ox.Store, graph: str) -> int:
    """The number of triples in one named graph."""
    rows = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    assert isinstance(rows, ox.QuerySolutions)
    return int(next(iter(rows))["n"].value)
