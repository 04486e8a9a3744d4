"""The named competency questions: reading the library, and turning typed parameter values into terms.

Every named query is a ``.rq`` file in ``queries/`` whose first lines are a header::

    # title: Current office holders
    # question: Who holds which post at the profile's last update, and since when?
    # params: post=post:president-of-kazakhstan

Parameters are SPARQL variables given a value before the query runs: by the store's own substitution on a
local store, by a ``VALUES`` block on a remote one (see :mod:`kzgraph.store`); never by pasting text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kzgraph import resources
from kzgraph.errors import NotFoundError, QueryError
from kzgraph.namespaces import PREFIXES, XSD

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
        from kzgraph.load import read_bytes

        raw = read_bytes(path, 1_000_000)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise QueryError(f"{path}: not valid UTF-8") from None
        try:
            title, question, params = parse_header(path, text)
        except QueryError:
            title, question, params = path.stem, "", ()
        return NamedQuery(path.stem, path, title, question, params, text)
    close = [n for n in library if name_or_path.lower() in n.lower()]
    hint = f" (did you mean {', '.join(close[:3])}?)" if close else " (see 'kzgraph queries')"
    raise NotFoundError(f"no named query {name_or_path!r}{hint}")


def parse_value(text: str) -> ox.NamedNode | ox.Literal:
    """Turn a parameter value as typed by a user into an RDF term.

    Prefixed names and ``<IRIs>`` become IRIs (checked: an invalid IRI is an error, never text pasted into
    a query), integers and decimals become numbers, ISO dates become xsd:date / gYearMonth / gYear,
    ``true`` / ``false`` booleans; anything else is a plain string.

    >>> parse_value("person:karim-massimov")
    <NamedNode value=https://w3id.org/kzgraph/id/person/karim-massimov>
    >>> parse_value("2007")
    <Literal value=2007 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#integer>>
    >>> parse_value("<http://x> } UNION { ?s ?p ?o } #>")
    Traceback (most recent call last):
    ...
    kzgraph.errors.QueryError: '<http://x> } UNION { ?s ?p ?o } #>' is not a valid IRI
    """
    text = text.strip()
    if text.startswith("<") and text.endswith(">"):
        return _iri(text[1:-1], text)
    prefix, sep, local = text.partition(":")
    if sep and prefix in PREFIXES and re.fullmatch(r"[A-Za-z0-9_.-]*", local):
        return _iri(PREFIXES[prefix] + local, text)
    for pattern, datatype in (
        (r"-?\d+", XSD.integer),
        (r"-?\d+\.\d+", XSD.decimal),
        (r"\d{4}-\d{2}-\d{2}", XSD.date),
        (r"\d{4}-\d{2}", XSD.gYearMonth),
        (r"true|false", XSD.boolean),
    ):
        if re.fullmatch(pattern, text):
            return ox.Literal(text, datatype=ox.NamedNode(datatype))
    return ox.Literal(text)


def _iri(iri: str, written: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(iri)
    except ValueError:
        shown = written if len(written) <= 80 else written[:77] + "..."
        raise QueryError(f"{shown!r} is not a valid IRI") from None


def bindings_for(query: NamedQuery, given: Mapping[str, str]) -> dict[str, ox.NamedNode | ox.Literal]:
    """The parameter values for a run: the given ones over the header's defaults."""
    known = {p.name for p in query.params}
    unknown = sorted(set(given) - known)
    if unknown:
        names = ", ".join(sorted(known)) or "none"
        raise QueryError(f"query {query.name!r} has no parameter {unknown[0]!r} (its parameters: {names})")
    values = {p.name: p.default for p in query.params}
    values.update(given)
    out: dict[str, ox.NamedNode | ox.Literal] = {}
    for name, value in values.items():
        if value == "":
            continue
        try:
            out[name] = parse_value(value)
        except QueryError as exc:
            raise QueryError(f"parameter {name}: {exc.message}") from None
    return out


__all__: Sequence[str] = ["NamedQuery", "Param", "bindings_for", "find_query", "named_queries", "parse_value"]
