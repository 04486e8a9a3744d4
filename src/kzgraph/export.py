"""Export stage: the graph and its network in every format, deterministic, written by the libraries' writers.

- Turtle: kzgraph's deterministic writer (:mod:`kzgraph.turtle`), fed from the store.
- N-Triples, N-Quads, TriG: pyoxigraph's writers, blank nodes given stable names (:mod:`kzgraph.canon`)
  and the quads sorted, so that the same graph gives the same bytes.
- JSON-LD: pyoxigraph writes it, pyld compacts it with the packaged context, or frames it with the frames
  in ``ontology/frames/`` (JSON-LD 1.1 frames).
- GraphML, GEXF: networkx's writers; CSV: Python's csv module, with spreadsheet formulas neutralised;
  Popolo JSON.

Every writer returns bytes or text; files are written by :mod:`kzgraph.files` (atomically).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kzgraph import resources
from kzgraph.canon import relabel
from kzgraph.errors import InputError, KzError
from kzgraph.namespaces import GRAPH_ASSERTED, GRAPH_INFERRED, GRAPH_ONTOLOGY, KZ, PREFIXES, RDF
from kzgraph.store import Store
from kzgraph.text import xml_safe
from kzgraph.turtle import to_turtle

#: Export formats: RDF ones work on the graph, the others on the relationship network or Popolo.
RDF_FORMATS = ("turtle", "nt", "nquads", "trig", "jsonld")
OTHER_FORMATS = ("graphml", "gexf", "csv", "popolo")
FRAMES = ("person", "party", "election", "organisation", "country")


# --------------------------------------------------------------------------------------------------
# RDF


def quads_of(store: Store, inferred: bool, *, named: bool) -> list[ox.Quad]:
    """The asserted (and, if asked, inferred) triples as quads. When ``named``, each in its own graph: the
    ontology's, each section's, the plain data's, the citations', the inferred one (a remote store's
    asserted triples, whose graphs it does not keep apart, in ``GRAPH_ASSERTED``)."""
    graphs = {"asserted": ox.NamedNode(GRAPH_ASSERTED), "inferred": ox.NamedNode(GRAPH_INFERRED)}
    out = []
    for role, q in store.graph_quads(inferred, named=named):
        own = q.graph_name if isinstance(q.graph_name, ox.NamedNode) else graphs[role]
        g = own if named else ox.DefaultGraph()
        out.append(ox.Quad(q.subject, q.predicate, q.object, g))
    return list(dict.fromkeys(out))


def store_lines(store: Any, inferred: bool, *, named: bool) -> str:
    """N-Triples (or, when ``named``, N-Quads) straight from a local store, sorted: the fast path.

    pyoxigraph writes each graph as N-Triples; in N-Quads each line gets its graph's label (written by
    pyoxigraph too, ``str(NamedNode)``) before the final dot. Graphs with blank nodes (a few: the
    ontology's lists) go through :func:`~kzgraph.canon.relabel` for stable names; the others are written
    as they are, never turned into Python objects a triple at a time.
    """
    lines = line_list(store, inferred, named=named)
    return (b"\n".join(lines) + b"\n" if lines else b"").decode("utf-8")


def line_list(store: Any, inferred: bool, *, named: bool) -> list[bytes]:
    """The sorted, distinct lines of :func:`store_lines`, as bytes without their line breaks (what a file
    is written from, one line after another, with no second copy of the whole text)."""
    data = store.export_graphs() if named else store.data_graphs()
    parts = [GRAPH_ONTOLOGY, *data] + ([GRAPH_INFERRED] if inferred else [])
    lines: list[bytes] = []
    blank: list[ox.Quad] = []
    for graph in parts:
        dump = store.ox.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph)) or b""
        target = ox.NamedNode(graph) if named else ox.DefaultGraph()
        if b"_:" in dump:  # (perhaps only inside a literal: then the slow path is merely slower)
            blank.extend(
                ox.Quad(t.subject, t.predicate, t.object, target) for t in ox.parse(dump, format=_NT)
            )
            continue
        if named:  # (a line break only ever ends a line in N-Triples: literals escape theirs)
            dump = dump.replace(b" .\n", b" " + str(target).encode("utf-8") + b" .\n")
        lines.extend(dump.split(b"\n"))
        del dump
    if blank:
        fmt = ox.RdfFormat.N_QUADS if named else _NT
        written = ox.serialize(relabel(blank) if named else [q.triple for q in relabel(blank)], format=fmt)
        lines.extend((written or b"").split(b"\n"))
    # a list sort: each graph's dump is already in runs (by subject), which the sort merges fast; a triple
    # in two graphs appears twice in N-Triples, and is written once
    lines.sort()
    del lines[: lines.count(b"")]  # (the empty ones, after each dump's last line break, sort first)
    if not named:
        lines = [line for i, line in enumerate(lines) if i == 0 or line != lines[i - 1]]
    return lines


def write_lines(store: Any, fmt: str, path: Path, *, inferred: bool = False) -> None:
    """``export(store, fmt)`` for N-Triples or N-Quads of a local store, written to ``path`` atomically
    a line at a time: at a million triples this holds the sorted lines once, not also the whole text
    twice (as bytes and as a string)."""
    from kzgraph.files import atomic_writer

    lines = line_list(store, inferred, named=fmt == "nquads")
    header = with_header(fmt, "", provenance(store.stamp())).encode("utf-8")
    with atomic_writer(path, "wb") as handle:
        handle.write(header)
        for start in range(0, len(lines), _CHUNK):
            handle.write(b"\n".join(lines[start : start + _CHUNK]) + b"\n")


#: Lines joined per write by :func:`write_lines`.
_CHUNK = 65_536


_NT = ox.RdfFormat.N_TRIPLES


def _sorted_lines(data: bytes) -> str:
    lines = sorted(set(data.decode("utf-8").splitlines()))
    return "".join(line + "\n" for line in lines if line)


def to_ntriples(quads: Iterable[ox.Quad]) -> str:
    """N-Triples, one triple a line, sorted, blank nodes named stably."""
    triples = [q.triple for q in relabel(list(quads))]
    return _sorted_lines(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"")


def to_nquads(quads: Iterable[ox.Quad]) -> str:
    """N-Quads, sorted, blank nodes named stably."""
    return _sorted_lines(ox.serialize(relabel(list(quads)), format=ox.RdfFormat.N_QUADS) or b"")


def to_trig(quads: Iterable[ox.Quad]) -> str:
    """TriG by pyoxigraph's writer, quads in a stable order."""
    stable = sorted(
        relabel(list(quads)),
        key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)),
    )
    return (ox.serialize(stable, format=ox.RdfFormat.TRIG, prefixes=dict(PREFIXES)) or b"").decode("utf-8")


def jsonld_context() -> dict[str, Any]:
    """The hand-written JSON-LD context shipped with the ontology (``ontology/context.jsonld``)."""
    path = resources.ontology_dir() / "context.jsonld"
    context = json.loads(path.read_text(encoding="utf-8"))["@context"]
    assert isinstance(context, dict)
    return context


def _no_remote(url: str, options: object = None) -> Any:
    raise KzError(f"JSON-LD processing tried to load {url}; kzgraph never fetches contexts")


def sorted_json(value: Any) -> Any:
    """Sort arrays (RDF values are sets) and objects, recursively, so JSON output is stable.

    The items of an ``@list`` keep their order: an RDF list is ordered.
    """
    if isinstance(value, dict):
        return {
            k: ([sorted_json(v) for v in val] if k == "@list" and isinstance(val, list) else sorted_json(val))
            for k, val in sorted(value.items())
        }
    if isinstance(value, list):
        items = [sorted_json(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def expanded_jsonld(quads: Iterable[ox.Quad]) -> Any:
    """The triples as expanded JSON-LD, written by pyoxigraph (sorted by subject, so that each node is
    written as one object)."""
    triples = sorted(
        {q.triple for q in relabel(list(quads))},
        key=lambda t: (str(t.subject), str(t.predicate), str(t.object)),
    )
    doc = json.loads(ox.serialize(triples, format=ox.RdfFormat.JSON_LD) or b"[]")
    # pyoxigraph writes rdf:type as a property; JSON-LD's own form (fromRdf, useRdfType false) is @type,
    # which frames match on and compaction writes as "type"
    for node in doc if isinstance(doc, list) else []:
        types = node.get(RDF.type)
        if isinstance(types, list) and all(isinstance(t, dict) and set(t) == {"@id"} for t in types):
            node["@type"] = [t["@id"] for t in types]
            del node[RDF.type]
        # and integers and booleans as JSON numbers and booleans (fromRdf's useNativeTypes; kzgraph keeps
        # them in canonical form, so they convert back to the same literal)
        for values in node.values():
            for v in values if isinstance(values, list) else []:
                if isinstance(v, dict) and v.get("@type") in _NATIVE and isinstance(v.get("@value"), str):
                    v["@value"] = _NATIVE[v.pop("@type")](v["@value"])
    return doc


_NATIVE: dict[str, Any] = {
    "http://www.w3.org/2001/XMLSchema#integer": int,
    "http://www.w3.org/2001/XMLSchema#boolean": lambda x: x == "true",
}


def to_jsonld(quads: Iterable[ox.Quad]) -> str:
    """Compacted JSON-LD with the packaged context embedded (readers fetch nothing), sorted.

    rdflib's JSON-LD writer compacts (a copy of the triples in rdflib, made for it): it is about three times
    faster than pyld on this graph. pyld frames (:func:`to_framed_jsonld`) and checks the result in the tests.
    """
    from kzgraph.oracle import rdflib_dataset_of, rdflib_graph_of

    context = jsonld_context()
    quads = relabel(list(quads))
    named = any(isinstance(q.graph_name, ox.NamedNode) for q in quads)
    graph = rdflib_dataset_of(quads) if named else rdflib_graph_of(quads)
    try:
        doc = json.loads(
            graph.serialize(format="json-ld", context=context, auto_compact=True, use_native_types=True)
        )
    except RecursionError:
        # rdflib walks a chain of blank nodes recursively (though it writes them flat); pyld compacts the
        # flat document pyoxigraph writes, at any depth, only slower
        from pyld import jsonld

        options = {"documentLoader": _no_remote, "graph": True}
        doc = jsonld.compact(expanded_jsonld(quads), {"@context": context}, options)
    body = {k: v for k, v in doc.items() if k != "@context"}
    if "@graph" not in body:
        body = {"@graph": [body]} if body else {"@graph": []}
    nodes = sorted(
        (sorted_json(n) for n in body["@graph"]),
        key=lambda n: (str(n.get("id", n.get("@id", ""))), json.dumps(n, sort_keys=True, ensure_ascii=False)),
    )
    return json.dumps({"@context": context, "@graph": nodes}, indent=2, ensure_ascii=False) + "\n"


def frame_document(name: str) -> dict[str, Any]:
    """A JSON-LD 1.1 frame from ``ontology/frames/``, its context merged with the packaged one."""
    if name not in FRAMES:
        raise InputError(f"unknown frame {name!r} (frames: {', '.join(FRAMES)})")
    path = resources.ontology_dir() / "frames" / f"{name}.jsonld"
    frame = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(frame, dict)
    extra = frame.get("@context", {})
    frame["@context"] = {**jsonld_context(), **extra}
    return frame


def own_terms(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """Asserted triples plus what reasoning adds in kzgraph's own terms (inverse links, kz: types).

    The standard-vocabulary copies (``skos:note`` beside ``kz:note``, ``schema:name`` beside the label)
    would make every framed object say everything twice.
    """
    kz = str(KZ)
    out = []
    for q in quads:
        if q.graph_name == ox.NamedNode(GRAPH_INFERRED):
            is_type = q.predicate.value == RDF.type
            if not (
                (is_type and str(getattr(q.object, "value", "")).startswith(kz))
                or (not is_type and q.predicate.value.startswith(kz))
            ):
                continue
        out.append(q)
    return out


def _framer() -> Any:
    """pyld's processor, with its @reverse framing fixed: pyld 2.0 marks reverse-embedded nodes with a
    misspelt flag ('embeded'), so they are framed as top-level nodes, ignore @embed and recurse through
    every cycle. This sets the flag it meant to set."""
    from pyld.jsonld import JsonLdProcessor

    class Framer(JsonLdProcessor):  # type: ignore[misc]
        def _match_frame(
            self, state: dict[str, Any], subjects: Any, frame: Any, parent: Any, property: Any
        ) -> Any:
            if state.pop("embeded", False):
                state = {**state, "embedded": True}
            return super()._match_frame(state, subjects, frame, parent, property)

    return Framer()


def to_framed_jsonld(quads: Iterable[ox.Quad], name: str) -> str:
    """One JSON object per entity of the frame's type, its dated facts embedded, framed by pyld."""
    frame = frame_document(name)
    options = {"documentLoader": _no_remote, "embed": "@never", "omitGraph": False, "omitDefault": True}
    framed = _framer().frame(expanded_jsonld(own_terms(quads)), frame, options)
    nodes = sorted((sorted_json(n) for n in framed.get("@graph", [])), key=lambda n: str(n.get("id", "")))
    return json.dumps({"@context": frame["@context"], "@graph": nodes}, indent=2, ensure_ascii=False) + "\n"


# --------------------------------------------------------------------------------------------------
# The relationship network: GraphML, GEXF, CSV


def _stable_network(net: Any) -> Any:
    """A copy of the network with nodes, edges and attributes in a stable order, XML-safe."""
    import networkx as nx

    def clean(data: Mapping[str, Any]) -> dict[str, Any]:
        return {k: xml_safe(v) if isinstance(v, str) else v for k, v in sorted(data.items())}

    out = nx.MultiDiGraph()
    for n in sorted(net.nodes):
        out.add_node(xml_safe(n), **clean(net.nodes[n]))
    for a, b, key, data in sorted(net.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2]))):
        out.add_edge(xml_safe(a), xml_safe(b), key=xml_safe(str(key)), **clean(data))
    return out


def to_graphml(net: Any) -> str:
    """GraphML (Gephi, Cytoscape, yEd) with node kind/label and edge relation/label/dates/sources."""
    import networkx as nx

    return "\n".join(nx.generate_graphml(_stable_network(net), named_key_ids=True)) + "\n"


def to_gexf(net: Any) -> str:
    """GEXF (Gephi) with the same attributes as the GraphML export."""
    import networkx as nx

    text = "\n".join(nx.generate_gexf(_stable_network(net), version="1.2draft"))
    # networkx stamps the current date into the header: drop it so runs are byte-identical
    return re.sub(r'\s+lastmodifieddate="[^"]*"', "", text) + "\n"


NODE_COLUMNS = ["id", "label", "kind", "short", "names", "sources"]
EDGE_COLUMNS = [
    "source", "target", "relation", "label", "start", "end", "when", "edtf",
    "earliestBegin", "latestBegin", "earliestEnd", "latestEnd", "sources", "fact",
]  # fmt: skip
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: Any) -> str:
    """A CSV cell a spreadsheet will show as text, never run: a leading ``=``, ``+``, ``-``, ``@``, tab or
    carriage return gets a ``'`` in front (the OWASP advice on CSV injection).

    >>> spreadsheet_cell('=HYPERLINK("http://x.invalid")')
    '\\'=HYPERLINK("http://x.invalid")'
    >>> spreadsheet_cell("1990-02")
    '1990-02'
    """
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA) else text


def to_csv(net: Any) -> tuple[str, str]:
    """Two CSV files meant for spreadsheets: the nodes, and the edges with type, dates and source.

    Records end in CRLF, as RFC 4180 has it, so that a cell holding a bare carriage return is quoted
    (Python's writer quotes only the characters of its line terminator) and cannot start a new row.
    """
    nodes, edges = io.StringIO(), io.StringIO()
    w = csv.writer(nodes, lineterminator="\r\n")
    w.writerow(NODE_COLUMNS)
    for n in sorted(net.nodes):
        data = net.nodes[n]
        w.writerow([spreadsheet_cell(n)] + [spreadsheet_cell(data.get(c, "")) for c in NODE_COLUMNS[1:]])
    w = csv.writer(edges, lineterminator="\r\n")
    w.writerow(EDGE_COLUMNS)
    rows = sorted(
        [spreadsheet_cell(a), spreadsheet_cell(b)]
        + [spreadsheet_cell(data.get(c, "")) for c in EDGE_COLUMNS[2:]]
        for a, b, data in net.edges(data=True)
    )
    w.writerows(rows)
    return nodes.getvalue(), edges.getvalue()


# --------------------------------------------------------------------------------------------------
# One entry point for the CLI, the API and the build


def provenance(stamp: Mapping[str, str]) -> str:
    """One line saying what made a file: kzgraph's version, the sources' SHA-256 and the verdict.

    >>> provenance({"version": "1.0", "digest": "ab12", "conforms": "true"})
    'Generated by kzgraph 1.0 from sources sha256:ab12 (the graph conforms to its shapes); do not edit.'
    """
    from kzgraph import __version__

    version = stamp.get("version", __version__)
    if "digest" not in stamp:
        return f"Generated by kzgraph {version} from a store without a build stamp; do not edit."
    verdict = "conforms to" if stamp.get("conforms") == "true" else "does NOT conform to"
    source = f"sources sha256:{stamp['digest']}"
    return f"Generated by kzgraph {version} from {source} (the graph {verdict} its shapes); do not edit."


def with_header(fmt: str, text: str, line: str) -> str:
    """``text`` with ``line`` as a comment where the format has comments: the RDF line formats, Turtle
    and TriG (``#``), GraphML and GEXF (after the XML declaration), Markdown and HTML. JSON, JSON-LD and
    CSV have none: a build's ``manifest.json`` describes them."""
    if fmt in ("turtle", "nt", "nquads", "trig", "text"):
        return f"# {line}\n{text}"
    if fmt in ("graphml", "gexf", "markdown", "html"):
        comment = f"<!-- {line.replace('--', '- -')} -->\n"
        if text.startswith(("<?xml", "<!DOCTYPE", "<!doctype")):
            first, _, rest = text.partition("\n")
            return f"{first}\n{comment}{rest}"
        return comment + text
    return text


def export(store: Store, fmt: str, *, inferred: bool = False, frame: str | None = None) -> dict[str, str]:
    """The export files for ``fmt``, as ``{suffix: text}``: one entry, or ``nodes``/``edges`` for CSV.

    ``inferred`` adds the reasoned triples (in their own named graph for N-Quads and TriG); frames, the
    network formats and Popolo always use the reasoned graph. Formats with comments begin with one that
    says what made them (:func:`provenance`).
    """
    line = provenance(store.stamp())
    return {
        k: with_header(fmt, v, line) for k, v in _export(store, fmt, inferred=inferred, frame=frame).items()
    }


def _export(store: Store, fmt: str, *, inferred: bool = False, frame: str | None = None) -> dict[str, str]:
    if fmt not in RDF_FORMATS + OTHER_FORMATS:
        raise InputError(
            f"unknown export format {fmt!r} (use one of {', '.join(RDF_FORMATS + OTHER_FORMATS)})"
        )
    if frame is not None and fmt != "jsonld":
        raise InputError("--frame goes with --format jsonld")
    if fmt == "jsonld" and frame is not None:
        return {"": to_framed_jsonld(quads_of(store, True, named=True), frame)}
    if fmt in ("nt", "nquads") and hasattr(store, "ox"):
        return {"": store_lines(store, inferred, named=fmt == "nquads")}
    if fmt in ("nquads", "trig"):
        quads = quads_of(store, inferred, named=True)
        return {"": to_nquads(quads) if fmt == "nquads" else to_trig(quads)}
    if fmt in RDF_FORMATS:
        quads = quads_of(store, inferred, named=False)
        if fmt == "turtle":
            return {"": to_turtle(quads)}
        if fmt == "jsonld":
            return {"": to_jsonld(quads_of(store, inferred, named=True))}
        return {"": to_ntriples(quads)}
    from kzgraph.view import GraphView

    local = as_local(store)
    view = GraphView(local.ox)
    if fmt == "popolo":
        from kzgraph.popolo import to_popolo

        return {"": to_popolo(view)}
    from kzgraph.network import build_network

    net = build_network(view)
    if fmt == "graphml":
        return {"": to_graphml(net)}
    if fmt == "gexf":
        return {"": to_gexf(net)}
    nodes, edges = to_csv(net)
    return {"nodes": nodes, "edges": edges}


def as_local(store: Store) -> Any:
    """A local store for ``store``: itself, or an in-memory copy of a remote store's graphs."""
    from kzgraph.namespaces import GRAPH_DATA
    from kzgraph.store import LocalStore

    if isinstance(store, LocalStore):
        return store
    copy = ox.Store()
    graphs = {"asserted": ox.NamedNode(GRAPH_DATA), "inferred": ox.NamedNode(GRAPH_INFERRED)}
    copy.extend(
        ox.Quad(q.subject, q.predicate, q.object, graphs[role]) for role, q in store.graph_quads(True)
    )
    return LocalStore(copy, f"{store.name} (a copy in memory)")
