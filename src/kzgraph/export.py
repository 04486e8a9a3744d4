"""Export stage: serialise the graph and the network, deterministically, and write files atomically.

Every writer here returns text, and the same input always gives the same bytes: subjects, predicates,
objects, JSON keys and array items are sorted, and blank-node labels are numbered in order. Files are
written to a temporary file beside the target, flushed to disk and renamed over it, so a failure never
leaves a truncated file where a good one was (rdflib's ``serialize(destination=...)`` truncates first).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from rdflib import RDF, RDFS, SKOS, XSD, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kzgraph import resources
from kzgraph.budget import register_temporary, release_temporary
from kzgraph.errors import InputError, KzError
from kzgraph.namespaces import GRAPH_ASSERTED, GRAPH_INFERRED, KZ, PREFIXES
from kzgraph.turtle import to_trig as _to_trig
from kzgraph.turtle import to_turtle as _to_turtle

#: Export formats: RDF ones work on the graph, the others on the relationship network or Popolo.
RDF_FORMATS = ("turtle", "nt", "nquads", "trig", "jsonld")
OTHER_FORMATS = ("graphml", "gexf", "csv", "popolo")
FRAMES = ("person", "party", "election", "organisation", "country")


# --------------------------------------------------------------------------------------------------
# Atomic writing


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def atomic_writer(path: Path, mode: str = "w") -> Iterator[IO[Any]]:
    """Open a temporary file beside ``path``; on success it replaces ``path``, on error it vanishes."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{path.parent}: cannot create folder ({exc.strerror})") from None
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    register_temporary(Path(tmp))
    try:
        encoding = None if "b" in mode else "utf-8"
        newline = None if "b" in mode else ""
        with os.fdopen(fd, mode, encoding=encoding, newline=newline) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes files private; outputs are ordinary files
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    finally:
        release_temporary(Path(tmp))


def write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically (UTF-8)."""
    try:
        with atomic_writer(path) as handle:
            handle.write(text)
    except OSError as exc:
        raise KzError(f"{path}: cannot write ({exc.strerror})") from None


def write_files(files: Mapping[Path, str]) -> None:
    """Write several files, each atomically."""
    for path, text in files.items():
        write_text(path, text)


# --------------------------------------------------------------------------------------------------
# RDF


def to_turtle(graph: Graph) -> str:
    """Deterministic Turtle, one fact per line (see :mod:`kzgraph.turtle`)."""
    return _to_turtle(graph)


def to_ntriples(graph: Graph) -> str:
    """N-Triples, one triple a line, sorted."""
    lines = sorted({f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in _labelled(graph)})
    return "".join(line + "\n" for line in lines)


def _labelled(graph: Graph) -> Graph:
    """The graph with blank nodes renamed b0, b1, ... in a content-derived order, for stable output."""
    bnodes = {t for triple in graph for t in triple if isinstance(t, BNode)}
    if not bnodes:
        return graph
    from rdflib.compare import to_canonical_graph

    return to_canonical_graph(graph)


def to_nquads(graphs: Mapping[str, Graph]) -> str:
    """N-Quads of several named graphs, sorted."""
    lines = set()
    for name, graph in graphs.items():
        g = URIRef(name).n3()
        lines |= {f"{s.n3()} {p.n3()} {o.n3()} {g} ." for s, p, o in _labelled(graph)}
    return "".join(line + "\n" for line in sorted(lines))


def to_trig(graphs: Mapping[str, Graph]) -> str:
    """TriG of several named graphs, deterministic."""
    return _to_trig(dict(graphs))


def jsonld_context() -> dict[str, Any]:
    """The hand-written JSON-LD context shipped with the ontology (``ontology/context.jsonld``)."""
    path = resources.ontology_dir() / "context.jsonld"
    context = json.loads(path.read_text(encoding="utf-8"))["@context"]
    assert isinstance(context, dict)
    return context


def _sorted_json(value: Any) -> Any:
    """Sort arrays (RDF values are sets) and objects, recursively, so JSON output is stable.

    The items of an ``@list`` keep their order: an RDF list is ordered.
    """
    if isinstance(value, dict):
        return {
            k: (
                [_sorted_json(v) for v in val]
                if k == "@list" and isinstance(val, list)
                else _sorted_json(val)
            )
            for k, val in sorted(value.items())
        }
    if isinstance(value, list):
        items = [_sorted_json(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def to_jsonld(graph: Graph) -> str:
    """Compacted JSON-LD with the packaged context embedded (readers fetch nothing), sorted."""
    context = jsonld_context()
    try:
        text = graph.serialize(format="json-ld", context=context, auto_compact=True, use_native_types=True)
    except RecursionError:
        raise KzError(
            "cannot write JSON-LD: blank nodes are nested too deeply (use --format nt, trig or turtle)"
        ) from None
    doc = json.loads(text)
    body = {k: v for k, v in doc.items() if k != "@context"}
    if "@graph" not in body:
        body = {"@graph": [body]} if body else {"@graph": []}
    nodes = sorted(
        (_sorted_json(n) for n in body["@graph"]), key=lambda n: str(n.get("id", n.get("@id", "")))
    )
    out = {"@context": context, "@graph": nodes}
    return json.dumps(out, indent=2, ensure_ascii=False) + "\n"


# --------------------------------------------------------------------------------------------------
# Framed JSON-LD: one readable object per entity of a kind


def _frame(name: str) -> dict[str, Any]:
    path = resources.ontology_dir() / "frames" / f"{name}.jsonld"
    if not path.is_file():
        raise InputError(f"unknown frame {name!r} (frames: {', '.join(FRAMES)})")
    frame = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(frame, dict)
    return frame


class _Compactor:
    """Writes nodes as JSON-LD objects using the packaged context's terms."""

    def __init__(self, graph: Graph, context: dict[str, Any]) -> None:
        self.g = graph
        self.context = context
        self.terms: dict[str, str] = {}
        self.coerced: dict[str, str] = {}
        for term, definition in context.items():
            if term.startswith("@"):
                continue
            iri = definition if isinstance(definition, str) else definition.get("@id")
            if not isinstance(iri, str) or iri.endswith(("/", "#")):
                continue
            full = self.expand(iri)
            self.terms.setdefault(full, term)
            if isinstance(definition, dict) and "@type" in definition:
                self.coerced[term] = definition["@type"]
        self.vocab = str(context.get("@vocab", ""))

    def expand(self, iri: str) -> str:
        prefix, sep, local = iri.partition(":")
        if sep and prefix in self.context and isinstance(self.context[prefix], str):
            return str(self.context[prefix]) + local
        return iri

    def compact_iri(self, iri: str) -> str:
        best = ""
        for prefix, ns in self.context.items():
            if isinstance(ns, str) and not prefix.startswith("@") and iri.startswith(ns):
                local = iri[len(ns) :]
                if local and "/" not in local and len(ns) > len(str(self.context.get(best, ""))):
                    best = prefix
        return f"{best}:{iri[len(str(self.context[best])) :]}" if best else iri

    def key(self, prop: Node) -> str:
        iri = str(prop)
        if iri in self.terms:
            return self.terms[iri]
        if self.vocab and iri.startswith(self.vocab) and iri[len(self.vocab) :] not in self.context:
            return iri[len(self.vocab) :]
        return self.compact_iri(iri)

    def type_name(self, cls: Node) -> str:
        iri = str(cls)
        if self.vocab and iri.startswith(self.vocab):
            return iri[len(self.vocab) :]
        return self.compact_iri(iri)

    def value(self, key: str, node: Node, brief: bool) -> Any:
        if isinstance(node, Literal):
            if key in self.coerced:
                if node.datatype is not None and self.expand(self.coerced[key]) == str(node.datatype):
                    return str(node)
                # a value of another datatype than the term's: say its type, or the term would recast it
                return {"@value": str(node), "@type": self.compact_iri(str(node.datatype or XSD.string))}
            if node.datatype in (XSD.integer, XSD.boolean):
                return node.toPython()
            if node.language:
                return {"@value": str(node), "@language": node.language}
            if node.datatype is not None and node.datatype != XSD.string:
                return {"@value": str(node), "@type": self.compact_iri(str(node.datatype))}
            return str(node)
        ref = self.compact_iri(str(node))
        if brief:
            label = self.g.value(node, SKOS.prefLabel)
            if label is not None:
                return {"id": ref, "label": str(label)}
        return ref

    def node(self, subject: Node, *, embed: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """One node's own properties; ``embed`` maps a key to already-built objects to put there."""
        out: dict[str, Any] = {"id": self.compact_iri(str(subject))}
        own = {t for t in self.g.objects(subject, RDF.type) if str(t).startswith(str(KZ))}
        # the most specific classes only: a Report is also a Claim and a DatedFact, which says nothing new
        specific = {t for t in own if not any(o != t and (o, RDFS.subClassOf, t) in self.g for o in own)}
        types = sorted(self.type_name(t) for t in (specific or own))
        if types:
            out["type"] = types if len(types) > 1 else types[0]
        grouped: dict[str, list[Any]] = {}
        for p, o in self.g.predicate_objects(subject):
            if p == RDF.type or not str(p).startswith((str(KZ), str(SKOS))):
                continue
            key = self.key(p)
            if embed is not None and key in embed:
                continue
            grouped.setdefault(key, []).append(self.value(key, o, brief=True))
        for key, values in grouped.items():
            values = _sorted_json(values)
            out[key] = values if len(values) > 1 or key in ("source", "altLabel") else values[0]
        if embed:
            out.update({k: v for k, v in embed.items() if v})
        return out


def to_framed_jsonld(graph: Graph, frame_name: str) -> str:
    """One JSON object per entity of the frame's kind, its dated facts embedded, as JSON-LD.

    ``graph`` should be the reasoned graph: the embedding follows derived inverse links (a person's
    ``holderOf`` tenures, an election's ``hasResult`` results).
    """
    frame = _frame(frame_name)
    context = dict(jsonld_context())
    reverse: dict[str, str] = frame.get("reverse", {})
    for prop, term in reverse.items():
        context[term] = {"@reverse": f"kz:{prop}", "@type": "@id"}
    c = _Compactor(graph, context)
    cls = KZ[frame["type"]]
    only = {KZ[x] for x in frame.get("only", [])}
    skip = {KZ[x] for x in frame.get("except", [])}
    objects = []
    for subject in sorted(set(graph.subjects(RDF.type, cls)), key=str):
        types = set(graph.objects(subject, RDF.type))
        if (only and not types & only) or (skip and types & skip):
            continue
        embedded: dict[str, Any] = {}
        for prop in frame.get("embed", []):
            nodes = sorted(set(graph.objects(subject, KZ[prop])), key=str)
            embedded[c.key(KZ[prop])] = [c.node(n) for n in nodes]
        for prop, term in reverse.items():
            nodes = sorted(set(graph.subjects(KZ[prop], subject)), key=str)
            embedded[term] = [c.node(n) for n in nodes]
        objects.append(c.node(subject, embed=embedded))
    doc = {"@context": context, "@graph": _sorted_json(objects)}
    doc["@graph"] = sorted(doc["@graph"], key=lambda n: n["id"])
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


# --------------------------------------------------------------------------------------------------
# The relationship network: GraphML, GEXF, CSV


def _stable_network(net: Any) -> Any:
    import networkx as nx

    out = nx.MultiDiGraph()
    for n in sorted(net.nodes):
        out.add_node(n, **{k: v for k, v in sorted(net.nodes[n].items())})
    for a, b, key, data in sorted(net.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2]))):
        out.add_edge(a, b, key=key, **{k: v for k, v in sorted(data.items())})
    return out


def to_graphml(net: Any) -> str:
    """GraphML (Gephi, Cytoscape, yEd) with node kind/label and edge relation/label/dates/sources."""
    import networkx as nx

    return "\n".join(nx.generate_graphml(_stable_network(net), named_key_ids=True)) + "\n"


def to_gexf(net: Any) -> str:
    """GEXF (Gephi) with the same attributes as the GraphML export."""
    import networkx as nx

    stable = _stable_network(net)
    text = "\n".join(nx.generate_gexf(stable, version="1.2draft"))
    # networkx stamps the current date into the header: drop it so runs are byte-identical
    import re

    return re.sub(r'\s+lastmodifieddate="[^"]*"', "", text) + "\n"


NODE_COLUMNS = ["id", "label", "kind", "short", "names", "sources"]
EDGE_COLUMNS = ["source", "target", "relation", "label", "start", "end", "sources", "fact"]


def to_csv(net: Any) -> tuple[str, str]:
    """Two CSV files: the nodes, and the edges with type, dates and source."""
    nodes, edges = io.StringIO(), io.StringIO()
    w = csv.writer(nodes, lineterminator="\n")
    w.writerow(NODE_COLUMNS)
    for n in sorted(net.nodes):
        data = net.nodes[n]
        w.writerow([n] + [data.get(c, "") for c in NODE_COLUMNS[1:]])
    w = csv.writer(edges, lineterminator="\n")
    w.writerow(EDGE_COLUMNS)
    rows = sorted([a, b] + [data.get(c, "") for c in EDGE_COLUMNS[2:]] for a, b, data in net.edges(data=True))
    w.writerows(rows)
    return nodes.getvalue(), edges.getvalue()


# --------------------------------------------------------------------------------------------------
# Popolo


def popolo_schema() -> dict[str, Any]:
    """The JSON Schema kzgraph's Popolo export follows (the Popolo fields it writes)."""
    path = resources.package_file("schemas", "popolo.schema.json")
    schema = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(schema, dict)
    return schema


def to_popolo(graph: Graph) -> str:
    """Popolo JSON: persons, organizations, posts, memberships (and elections as events)."""
    from kzgraph.facts import label, sources
    from kzgraph.network import node_kind

    def sid(node: Node) -> str:
        return str(node)

    def srcs(node: Node) -> list[dict[str, str]]:
        return [
            {"url": str(s), "note": str(graph.value(s, KZ.headingPath) or label(graph, s))}
            for s in sorted(
                graph.objects(node, KZ.source), key=lambda s: int(str(graph.value(s, KZ.sectionOrder) or 0))
            )
        ]

    def names(node: Node) -> list[dict[str, str]]:
        return [{"name": str(n)} for n in sorted({str(x) for x in graph.objects(node, SKOS.altLabel)})]

    def date(node: Node, prop: URIRef) -> str | None:
        value = graph.value(node, prop)
        return str(value) if value is not None else None

    persons, organizations, posts, memberships, events = [], [], [], [], []
    person_ids = {s for s in graph.subjects(RDF.type, KZ.Person)}
    org_ids = {s for s in graph.subjects(RDF.type, KZ.Organisation)} | {
        s for s in graph.subjects(RDF.type, KZ.Country)
    }
    for p in sorted(person_ids, key=str):
        item: dict[str, Any] = {"id": sid(p), "name": label(graph, p)}
        if names(p):
            item["other_names"] = names(p)
        born = date(p, KZ.birthDate)
        if born:
            item["birth_date"] = born
        item["sources"] = srcs(p)
        persons.append(item)
    for o in sorted(org_ids, key=str):
        item = {
            "id": sid(o),
            "name": label(graph, o),
            "classification": node_kind(graph, o) or "organisation",
        }
        if names(o):
            item["other_names"] = names(o)
        parent = graph.value(o, KZ.subOrganizationOf)
        if parent is not None:
            item["parent_id"] = sid(parent)
        founded = sorted(
            str(graph.value(ev, KZ.date))
            for ev in graph.subjects(KZ.resultingOrganisation, o)
            if (ev, RDF.type, KZ.Founding) in graph and graph.value(ev, KZ.date) is not None
        )
        if founded:
            item["founding_date"] = founded[0]
        item["sources"] = srcs(o)
        organizations.append(item)
    for post in sorted(set(graph.subjects(RDF.type, KZ.Post)), key=str):
        org = graph.value(post, KZ.postIn)
        item = {"id": sid(post), "label": label(graph, post), "role": label(graph, post)}
        if org is not None:
            item["organization_id"] = sid(org)
        item["sources"] = srcs(post)
        posts.append(item)
    for t in sorted(set(graph.subjects(RDF.type, KZ.Tenure)), key=str):
        holder, held = graph.value(t, KZ.holder), graph.value(t, KZ.post)
        if holder is None or held is None:
            continue
        org = graph.value(held, KZ.postIn)
        item = {"id": sid(t), "label": label(graph, t), "role": label(graph, held), "post_id": sid(held)}
        item.update(_member(holder, person_ids))
        if org is not None:
            item["organization_id"] = sid(org)
        _dates(item, graph, t)
        item["sources"] = srcs(t)
        memberships.append(item)
    for m in sorted(set(graph.subjects(RDF.type, KZ.Membership)), key=str):
        member, org = graph.value(m, KZ.member), graph.value(m, KZ.organisation)
        if member is None or org is None:
            continue
        role = graph.value(m, KZ.membershipRole)
        item = {"id": sid(m), "label": label(graph, m), "organization_id": sid(org)}
        item.update(_member(member, person_ids))
        if role is not None:
            item["role"] = str(role)
        _dates(item, graph, m)
        item["sources"] = srcs(m)
        memberships.append(item)
    for e in sorted(set(graph.subjects(RDF.type, KZ.Election)), key=str):
        item = {"id": sid(e), "name": label(graph, e), "classification": "election"}
        when = date(e, KZ.date)
        if when:
            item["start_date"] = when
        body = graph.value(e, KZ.electsTo)
        if body is not None and body in org_ids:
            item["organization_id"] = sid(body)
        item["sources"] = srcs(e)
        events.append(item)
    doc = {
        "persons": persons,
        "organizations": organizations,
        "posts": posts,
        "memberships": memberships,
        "events": events,
    }
    _ = sources  # the same section headings as every other output
    return json.dumps(doc, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def _member(agent: Node, person_ids: set[Node]) -> dict[str, Any]:
    if agent in person_ids:
        return {"person_id": str(agent)}
    return {"member": {"@type": "Organization", "id": str(agent)}}


def _dates(item: dict[str, Any], graph: Graph, node: Node) -> None:
    for prop, field in ((KZ.startDate, "start_date"), (KZ.endDate, "end_date")):
        value = graph.value(node, prop)
        if value is not None:
            item[field] = str(value)


# --------------------------------------------------------------------------------------------------
# One entry point for the CLI and the build


def serialize(graph: Graph, fmt: str) -> str:
    """``graph`` in one of the single-graph RDF formats."""
    if fmt == "turtle":
        return to_turtle(graph)
    if fmt == "nt":
        return to_ntriples(graph)
    if fmt == "jsonld":
        return to_jsonld(graph)
    raise InputError(f"unknown RDF export format {fmt!r} (use one of {', '.join(RDF_FORMATS)})")


def _own_terms(asserted: Graph, inferred: Graph | None) -> Graph:
    """The asserted graph plus what reasoning adds in kzgraph's own terms (inverse links, types).

    The standard-vocabulary copies (``skos:note`` beside ``kz:note``, ``schema:name`` beside the label)
    would make every framed object say everything twice.
    """
    out = Graph()
    for t in asserted:
        out.add(t)
    for s, p, o in inferred if inferred is not None else ():
        if (p == RDF.type and str(o).startswith(str(KZ))) or (p != RDF.type and str(p).startswith(str(KZ))):
            out.add((s, p, o))
    return out


def export(fmt: str, asserted: Graph, inferred: Graph | None, *, frame: str | None = None) -> dict[str, str]:
    """The export files for ``fmt``, as ``{suffix: text}``: one entry, or ``nodes``/``edges`` for CSV.

    ``inferred`` adds the reasoned triples (in their own named graph for N-Quads and TriG); the network
    formats and Popolo always use the reasoned graph when it is given.
    """
    if fmt not in RDF_FORMATS + OTHER_FORMATS:
        raise InputError(
            f"unknown export format {fmt!r} (use one of {', '.join(RDF_FORMATS + OTHER_FORMATS)})"
        )
    merged = asserted
    if inferred is not None:
        merged = Graph()
        for t in asserted:
            merged.add(t)
        for t in inferred:
            merged.add(t)
    if frame is not None and fmt != "jsonld":
        raise InputError("--frame goes with --format jsonld")
    if fmt in ("nquads", "trig"):
        graphs = {GRAPH_ASSERTED: asserted}
        if inferred is not None:
            graphs[GRAPH_INFERRED] = inferred
        return {"": to_nquads(graphs) if fmt == "nquads" else to_trig(graphs)}
    if fmt == "jsonld" and frame is not None:
        return {"": to_framed_jsonld(_own_terms(asserted, inferred), frame)}
    if fmt in RDF_FORMATS:
        return {"": serialize(merged, fmt)}
    if fmt == "popolo":
        return {"": to_popolo(merged)}
    from kzgraph.network import build_network

    net = build_network(merged)
    if fmt == "graphml":
        return {"": to_graphml(net)}
    if fmt == "gexf":
        return {"": to_gexf(net)}
    nodes, edges = to_csv(net)
    return {"nodes": nodes, "edges": edges}


__all__ = ["PREFIXES", "export", "serialize", "to_jsonld", "to_turtle", "write_text"]
