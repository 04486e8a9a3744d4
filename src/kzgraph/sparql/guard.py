"""The one guard every query passes before any store sees it, whatever the store.

It refuses, with one line each:

- a query longer than :data:`MAX_QUERY_CHARS`;
- brackets nested deeper than :data:`MAX_DEPTH`, counted on the raw text before any parser runs (so a
  parser's own recursion can never be the thing that fails);
- anything Oxigraph's grammar would not accept (see :mod:`kzgraph.sparql.grammar`);
- updates (``INSERT``, ``DELETE``, ``LOAD``, ``CLEAR``...), ``SERVICE``, and the dataset clauses ``FROM`` and
  ``FROM NAMED``, found in the parsed query, never by searching its text;
- a structure deeper than :data:`MAX_DEPTH`, where every bracket is a level and every element of a chain
  (triple patterns and other elements of a group, ``UNION`` branches, path steps, operands) is one more:
  that is the depth of the tree a store builds, and a deep tree overflows a native stack.

Where the text holds ``\\u`` escapes, it is also checked as a server that expands them before parsing (as
the SPARQL 1.1 text allows) would read it.

>>> inspect("SELECT ?service WHERE { ?service a ?type }").form
'SELECT'
>>> inspect("SELECT * WHERE { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }")
Traceback (most recent call last):
...
kzgraph.errors.QueryError: SERVICE is refused: kzgraph queries never reach other endpoints (line 1, column 18)
"""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Mapping

from kzgraph.errors import QueryError
from kzgraph.sparql.grammar import ParsedQuery, SparqlSyntaxError, parse

#: Longest query text accepted, in characters.
MAX_QUERY_CHARS = 100_000
#: Deepest structure accepted: bracket levels plus chain lengths, along any path through the query.
MAX_DEPTH = 256

_UNICODE_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


class UpdateRefused(QueryError):
    """The text is a SPARQL update; kzgraph's queries and its endpoint are read-only."""


def position(text: str, index: int) -> str:
    """``line L, column C`` of a character index (lines end at \\n, \\r\\n or \\r, as SPARQL's do)."""
    before = text[:index]
    lines = re.split(r"\r\n|\r|\n", before)
    return f"line {len(lines)}, column {len(lines[-1]) + 1}"


def check_nesting(text: str, limit: int = MAX_DEPTH) -> None:
    """Refuse brackets nested deeper than ``limit``, counting every bracket in the text (even in strings).

    >>> check_nesting("(" * 300 + ")" * 300)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kzgraph.errors.QueryError: the query nests brackets more than 256 deep (line 1, column 257); ...
    """
    depth = 0
    for index, char in enumerate(text):
        if char in "([{":
            depth += 1
            if depth > limit:
                raise QueryError(
                    f"the query nests brackets more than {limit} deep ({position(text, index)}); "
                    "kzgraph refuses deeper queries"
                )
        elif char in ")]}" and depth:
            depth -= 1


def unescape(text: str) -> str:
    """``\\uXXXX`` and ``\\UXXXXXXXX`` expanded, as SPARQL 1.1 allows a server to do before parsing."""

    def expand(m: re.Match[str]) -> str:
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else m.group(0)

    return _UNICODE_ESCAPE.sub(expand, text)


def _refusals(text: str, info: ParsedQuery) -> None:
    if info.kind == "update":
        raise UpdateRefused("updates are refused: kzgraph's queries are read-only")
    if info.services:
        raise QueryError(
            "SERVICE is refused: kzgraph queries never reach other endpoints "
            f"({position(text, info.services[0])})"
        )
    if info.datasets:
        raise QueryError(
            "FROM and FROM NAMED are refused: kzgraph queries only its own graph "
            f"({position(text, info.datasets[0])})"
        )
    if info.depth > MAX_DEPTH:
        raise QueryError(
            f"the query's structure is {info.depth} levels deep (brackets and chains of patterns or "
            f"operators); kzgraph refuses more than {MAX_DEPTH}"
        )


def _parse_any(text: str, prefixes: Mapping[str, str]) -> ParsedQuery:
    try:
        return parse(text, prefixes=prefixes)
    except SparqlSyntaxError as query_error:
        try:
            return parse(text, prefixes=prefixes, update=True)
        except SparqlSyntaxError:
            raise query_error from None


def inspect(text: str, prefixes: Mapping[str, str] | None = None) -> ParsedQuery:
    """Check a query as every store will read it; return what was found, or raise :class:`QueryError`.

    ``prefixes`` are the prefixes the store is told to predeclare. Syntax errors are reported with the
    furthest position the grammar reached; the store's own parser gives a fuller message. Accepted
    queries are remembered (the parse costs milliseconds; named queries and endpoint clients repeat).
    """
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(
            f"the query is {len(text)} characters long; kzgraph accepts at most {MAX_QUERY_CHARS}"
        )
    return copy.deepcopy(_inspect(text, tuple(sorted((prefixes or {}).items()))))


@functools.lru_cache(maxsize=512)
def _inspect(text: str, prefixes: tuple[tuple[str, str], ...]) -> ParsedQuery:
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(
            f"the query is {len(text)} characters long; kzgraph accepts at most {MAX_QUERY_CHARS}"
        )
    check_nesting(text)
    known = dict(prefixes)
    try:
        info = _parse_any(text, known)
    except SparqlSyntaxError as exc:
        raise QueryError(f"SPARQL syntax error at {position(text, exc.position)}") from None
    _refusals(text, info)
    if _UNICODE_ESCAPE.search(text):
        expanded = unescape(text)
        check_nesting(expanded)
        try:
            other = _parse_any(expanded, known)
        except SparqlSyntaxError:
            return info  # a server that expands escapes first would refuse it as malformed
        _refusals(expanded, other)
    return info
