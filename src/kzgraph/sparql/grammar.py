"""A recogniser for SPARQL 1.1 (and the SPARQL 1.2 syntax Oxigraph accepts), written to match Oxigraph's.

Why a second parser: kzgraph must refuse ``SERVICE``, ``FROM`` and updates *before* a query reaches a store,
and it must see the query exactly as the store will. A search of the text cannot do that: comments end at a
carriage return as well as a line feed, ``<`` is an IRI in one place and an operator in another, and a string
can hide a keyword from one reading and show it to another. So this module follows the grammar Oxigraph
itself uses (a PEG: ordered choices, backtracking, the same lexical rules, the same checks of IRIs,
prefixes and language tags) and reports what it found: the query form, every ``SERVICE``, every dataset
clause, update operations, where the top-level ``WHERE`` group opens, and how deep the query nests.

It recognises; it builds no algebra. Chains that Oxigraph turns into deep trees (path sequences, ``UNION``,
operators) are measured too, because a deep tree is what overflows a native parser's or evaluator's stack.

>>> info = parse("PREFIX ex: <http://e/> SELECT * WHERE { ?s ex:p ?o }")
>>> info.form, info.services, info.datasets
('SELECT', [], [])
>>> parse("SELECT * WHERE { # c\\r SERVICE <http://h/> { ?s ?p ?o } }").services
[22]
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import pyoxigraph as ox

__all__ = ["ParsedQuery", "SparqlSyntaxError", "parse"]


class SparqlSyntaxError(ValueError):
    """The text is not a query (or update) Oxigraph would accept; ``position`` is the furthest point read."""

    def __init__(self, message: str, position: int) -> None:
        super().__init__(message)
        self.position = position


@dataclass
class ParsedQuery:
    """What the recogniser found in one query or update."""

    kind: str  # "query" or "update"
    form: str  # SELECT, CONSTRUCT, DESCRIBE, ASK, or UPDATE
    services: list[int] = field(default_factory=list)
    datasets: list[int] = field(default_factory=list)
    updates: list[str] = field(default_factory=list)
    where_brace: int = -1
    depth: int = 0
    projection: list[str] = field(default_factory=list)  # variables the query itself selects; "*" for all


def _negated(ranges: list[tuple[int, int]]) -> str:
    """A ``[^...]`` class body matching exactly the code points in ``ranges`` (the complement, written as
    ranges: Python compiles that an order of magnitude faster than many positive Unicode ranges)."""

    def esc(code: int) -> str:
        return f"\\U{code:08x}"

    out, at = [], 0
    for lo, hi in sorted(ranges):
        if lo > at:
            out.append(f"{esc(at)}-{esc(lo - 1)}" if lo - 1 > at else esc(at))
        at = max(at, hi + 1)
    out.append(f"{esc(at)}-{esc(0x10FFFF)}")
    return "^" + "".join(out)


# SPARQL's (and Oxigraph's) character classes, as code point ranges
_BASE = [
    (0x41, 0x5A), (0x61, 0x7A), (0xC0, 0xD6), (0xD8, 0xF6), (0xF8, 0x2FF), (0x370, 0x37D), (0x37F, 0x1FFF),
    (0x200C, 0x200D), (0x2070, 0x218F), (0x2C00, 0x2FEF), (0x3001, 0xD7FF), (0xF900, 0xFDCF),
    (0xFDF0, 0xFFFD),
]  # fmt: skip
_U = [*_BASE, (0x5F, 0x5F)]
_VARTAIL = [*_U, (0x30, 0x39), (0xB7, 0xB7), (0x300, 0x36F), (0x203F, 0x2040)]
_CHARS = [*_VARTAIL, (0x2D, 0x2D)]
_PN_CHARS_BASE = _negated(_BASE)
_PN_CHARS_U = _negated(_U)
_PN_CHARS = _negated(_CHARS)
_VAR_TAIL = _negated(_VARTAIL)
_VAR_HEAD = _negated([*_U, (0x30, 0x39)])
_LOCAL_HEAD = _negated([*_U, (0x30, 0x3A)])
_LOCAL_TAIL = _negated([*_CHARS, (0x3A, 0x3A)])
_PLX = r"(?:%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%])"
_RE = {
    "ws": re.compile(r"(?:[ \t\n\r]|#[^\r\n]*)*"),
    "WS*": re.compile(r"[ \t\r\n]*"),
    "PN_PREFIX": re.compile(f"[{_PN_CHARS_BASE}][{_PN_CHARS}]*(?:\\.+[{_PN_CHARS}]+)*"),
    "PN_LOCAL": re.compile(
        f"(?:[{_LOCAL_HEAD}]|{_PLX})(?:[{_LOCAL_TAIL}]|{_PLX})*(?:\\.+(?:[{_LOCAL_TAIL}]|{_PLX})+)?"
    ),
    "BLANK": re.compile(f"_:[{_VAR_HEAD}][{_PN_CHARS}]*(?:\\.+[{_PN_CHARS}]+)*"),
    "VAR": re.compile(f"[?$][{_VAR_HEAD}][{_VAR_TAIL}]*"),
    "LANGDIR": re.compile(r"@([A-Za-z]+(?:-[A-Za-z0-9]+)*)(--[A-Za-z]+)?"),
    "INTEGER": re.compile(r"[0-9]+"),
    "DECIMAL": re.compile(r"[0-9]*\.[0-9]+"),
    "DOUBLE": re.compile(r"(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)[eE][+-]?[0-9]+"),
    "IRIREF": re.compile(r"<([^>]*)>"),
    "S1": re.compile(r"'((?:[^'\\\n\r]|\\[tbnrf\"'\\]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*)'"),
    "S2": re.compile(r'"((?:[^"\\\n\r]|\\[tbnrf"\'\\]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*)"'),
    "L1": re.compile(r"'''((?:(?:''|')?(?:[^'\\]|\\[tbnrf\"'\\]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}))*)'''"),
    "L2": re.compile(r'"""((?:(?:""|")?(?:[^"\\]|\\[tbnrf"\'\\]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}))*)"""'),
    "PATH_Q": re.compile(f"\\?(?![{_VAR_HEAD}])"),
}
_IRI_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8}))")


class _Fail(Exception):
    pass


class _Parser:
    """One PEG parse; every rule method returns True (consumed) or False (nothing consumed)."""

    def __init__(self, text: str, prefixes: Mapping[str, str], base: str | None) -> None:
        self.s = text
        self.n = len(text)
        self.p = 0
        self.far = 0
        self.prefixes: dict[str, str] = dict(prefixes)
        self.base = base
        self.events: list[tuple[str, int]] = []
        self.depth = 0
        self.max_depth = 0
        self.memo: dict[tuple[str, int], tuple[int, list[tuple[str, int]], dict[str, str], int]] = {}

    # -- helpers -------------------------------------------------------------------------------------

    def mark(self) -> tuple[int, int, int]:
        return self.p, len(self.events), self.depth

    def back(self, m: tuple[int, int, int]) -> bool:
        self.p, n, self.depth = m
        del self.events[n:]
        return False

    def ws(self) -> bool:
        self.p = _RE["ws"].match(self.s, self.p).end()  # type: ignore[union-attr]
        return True

    def lit(self, token: str) -> bool:
        if self.s.startswith(token, self.p):
            self.p += len(token)
            self.far = max(self.far, self.p)
            return True
        self.far = max(self.far, self.p)
        return False

    def kw(self, word: str) -> bool:
        """Oxigraph's i(): the next len(word) characters, compared case-insensitively (ASCII)."""
        end = self.p + len(word)
        segment = self.s[self.p : end]
        if end <= self.n and segment.isascii() and segment.upper() == word.upper():
            self.p = end
            self.far = max(self.far, end)
            return True
        return False

    def rx(self, name: str) -> re.Match[str] | None:
        m = _RE[name].match(self.s, self.p)
        if m is not None:
            self.p = m.end()
            self.far = max(self.far, self.p)
        return m

    def seq(self, *steps: Callable[[], bool]) -> bool:
        m = self.mark()
        for step in steps:
            if not step():
                return self.back(m)
        return True

    def alt(self, *choices: Callable[[], bool]) -> bool:
        return any(choice() for choice in choices)

    def opt(self, rule: Callable[[], bool]) -> bool:
        rule()
        return True

    def star(self, rule: Callable[[], bool]) -> bool:
        while True:
            before = self.p
            if not rule() or self.p == before:
                return True

    def plus(self, rule: Callable[[], bool]) -> bool:
        if not rule():
            return False
        return self.star(rule)

    def sep(self, rule: Callable[[], bool], separator: Callable[[], bool], at_least: int = 0) -> int:
        """``rule ** separator``: how many items matched (-1 when fewer than ``at_least``)."""
        m = self.mark()
        if not rule():
            return 0 if at_least == 0 else -1
        count = 1
        while True:
            m2 = self.mark()
            if separator() and rule():
                count += 1
                continue
            self.back(m2)
            break
        if count < at_least:
            self.back(m)
            return -1
        return count

    def chain(self, length: int) -> None:
        """A flat chain that Oxigraph builds into a tree ``length`` deep."""
        self.max_depth = max(self.max_depth, self.depth + length)

    def nested(self, rule: Callable[[], bool]) -> bool:
        self.depth += 1
        self.max_depth = max(self.max_depth, self.depth)
        try:
            return rule()
        finally:
            self.depth -= 1

    def memo_rule(self, name: str, rule: Callable[[], bool]) -> bool:
        key = (name, self.p)
        hit = self.memo.get(key)
        if hit is not None:
            end, events, prefixes, deepest = hit
            if end < 0:
                return False
            self.p = end
            self.events.extend(events)
            self.prefixes.update(prefixes)
            self.max_depth = max(self.max_depth, self.depth + deepest)
            return True
        start_events = len(self.events)
        saved_max, self.max_depth = self.max_depth, self.depth
        ok = rule()
        deepest = self.max_depth - self.depth
        self.max_depth = max(saved_max, self.max_depth)
        self.memo[key] = (self.p if ok else -1, self.events[start_events:] if ok else [], {}, deepest)
        return ok

    # -- top level -----------------------------------------------------------------------------------

    def query(self) -> ParsedQuery:
        self.ws()
        self.Prologue()
        self.ws()
        form = ""
        for name, rule in (
            ("SELECT", self.SelectQuery),
            ("CONSTRUCT", self.ConstructQuery),
            ("DESCRIBE", self.DescribeQuery),
            ("ASK", self.AskQuery),
        ):
            if rule():
                form = name
                break
        if not form:
            raise _Fail
        self.ws()
        if self.p != self.n:
            self.far = max(self.far, self.p)
            raise _Fail
        return self.result("query", form)

    def update(self) -> ParsedQuery:
        self.ws()
        self.Prologue()
        self.ws()
        self.sep(lambda: self.seq(self.Update1, self.ws), lambda: self.seq(lambda: self.lit(";"), self.ws))
        self.seq(lambda: self.lit(";"), self.ws)
        if self.p != self.n:
            self.far = max(self.far, self.p)
            raise _Fail
        return self.result("update", "UPDATE")

    def result(self, kind: str, form: str) -> ParsedQuery:
        info = ParsedQuery(kind=kind, form=form, depth=self.max_depth)
        for name, pos in self.events:
            if name == "SERVICE":
                info.services.append(pos)
            elif name == "FROM":
                info.datasets.append(pos)
            elif name == "WHERE" and info.where_brace < 0:
                info.where_brace = pos
            elif name.startswith("UPDATE:"):
                info.updates.append(name[7:])
            elif name.startswith("PROJECT:"):
                info.projection.append(name[8:])
        return info

    def Prologue(self) -> bool:
        return self.star(
            lambda: self.alt(
                lambda: self.seq(self.BaseDecl, self.ws),
                lambda: self.seq(self.PrefixDecl, self.ws),
                lambda: self.seq(self.VersionDecl, self.ws),
            )
        )

    def BaseDecl(self) -> bool:
        m = self.mark()
        if self.kw("BASE") and self.ws():
            iri = self.IRIREF()
            if iri is not None:
                self.base = iri
                return True
        return self.back(m)

    def PrefixDecl(self) -> bool:
        m = self.mark()
        if self.kw("PREFIX") and self.ws():
            ns = self.PNAME_NS()
            if ns is not None and self.ws():
                iri = self.IRIREF()
                if iri is not None:
                    self.prefixes[ns] = iri
                    return True
        return self.back(m)

    def VersionDecl(self) -> bool:
        return self.seq(lambda: self.kw("VERSION"), self.ws, lambda: self.alt(self.S1, self.S2))

    # -- query forms ---------------------------------------------------------------------------------

    def _tail(self, where: Callable[[], bool]) -> bool:
        return self.seq(
            where,
            self.ws,
            lambda: self.opt(self.GroupClause),
            self.ws,
            lambda: self.opt(self.HavingClause),
            self.ws,
            lambda: self.opt(self.OrderClause),
            self.ws,
            lambda: self.opt(self.LimitOffsetClauses),
            self.ws,
            self.ValuesClause,
        )

    def SelectQuery(self) -> bool:
        return self.seq(
            self.SelectClause, self.ws, self.DatasetClauses, self.ws, lambda: self._tail(self.TopWhere)
        )

    def SubSelect(self) -> bool:
        return self.seq(self.SelectClause, self.ws, lambda: self._tail(self.WhereClause))

    def SelectClause(self) -> bool:
        return self.seq(
            lambda: self.kw("SELECT"),
            self.ws,
            lambda: self.opt(lambda: self.alt(lambda: self.kw("DISTINCT"), lambda: self.kw("REDUCED"))),
            self.ws,
            lambda: self.alt(
                lambda: self.lit("*") and self._projected("*"), lambda: self.plus(self.SelectClause_member)
            ),
        )

    def _projected(self, name: str) -> bool:
        if self.depth == 0:  # the query's own projection, not a sub-select's
            self.events.append(("PROJECT:" + name, self.p))
        return True

    def _named_var(self) -> bool:
        start = self.p
        return self.Var() and self._projected(self.s[start + 1 : self.p])

    def SelectClause_member(self) -> bool:
        return self.alt(
            lambda: self.seq(self._named_var, self.ws),
            lambda: self.seq(
                lambda: self.lit("("),
                self.ws,
                self.Expression,
                self.ws,
                lambda: self.kw("AS"),
                self.ws,
                self._named_var,
                self.ws,
                lambda: self.lit(")"),
                self.ws,
            ),
        )

    def ConstructQuery(self) -> bool:
        return self.alt(
            lambda: self.seq(
                lambda: self.kw("CONSTRUCT"),
                self.ws,
                self.ConstructTemplate,
                self.ws,
                self.DatasetClauses,
                self.ws,
                lambda: self._tail(self.TopWhere),
            ),
            lambda: self.seq(
                lambda: self.kw("CONSTRUCT"),
                self.ws,
                self.DatasetClauses,
                self.ws,
                lambda: self.kw("WHERE"),
                self.ws,
                lambda: self.lit("{"),
                self._where_mark,
                self.ws,
                lambda: self.opt(self.TriplesTemplate),
                self.ws,
                lambda: self.lit("}"),
                lambda: self._tail(lambda: True),
            ),
        )

    def _where_mark(self) -> bool:
        self.events.append(("WHERE", self.p))
        return True

    def DescribeQuery(self) -> bool:
        def rest() -> bool:
            return self.seq(self.DatasetClauses, self.ws, lambda: self._tail(lambda: self.opt(self.TopWhere)))

        return self.alt(
            lambda: self.seq(lambda: self.kw("DESCRIBE"), self.ws, lambda: self.lit("*"), self.ws, rest),
            lambda: self.seq(
                lambda: self.kw("DESCRIBE"),
                self.ws,
                lambda: self.plus(lambda: self.seq(self.VarOrIri, self.ws)),
                self.ws,
                rest,
            ),
        )

    def AskQuery(self) -> bool:
        return self.seq(
            lambda: self.kw("ASK"), self.ws, self.DatasetClauses, self.ws, lambda: self._tail(self.TopWhere)
        )

    def DatasetClauses(self) -> bool:
        self.sep(self.DatasetClause, self.ws)
        return True

    def DatasetClause(self) -> bool:
        m = self.mark()
        at = self.p
        if (
            self.kw("FROM")
            and self.ws()
            and (self.iri() or self.seq(lambda: self.kw("NAMED"), self.ws, self.iri))
        ):
            self.events.append(("FROM", at))
            return True
        return self.back(m)

    def TopWhere(self) -> bool:
        m = self.mark()
        self.kw("WHERE")
        self.ws()
        if self.s.startswith("{", self.p):
            self.events.append(("WHERE", self.p + 1))
        if self.GroupGraphPattern():
            return True
        return self.back(m)

    def WhereClause(self) -> bool:
        m = self.mark()
        self.kw("WHERE")
        self.ws()
        if self.GroupGraphPattern():
            return True
        return self.back(m)

    def GroupClause(self) -> bool:
        return self.seq(
            lambda: self.kw("GROUP"),
            self.ws,
            lambda: self.kw("BY"),
            self.ws,
            lambda: self.plus(lambda: self.seq(self.GroupCondition, self.ws)),
        )

    def GroupCondition(self) -> bool:
        return self.alt(
            self.BuiltInCall,
            self.FunctionCall,
            lambda: self.seq(
                lambda: self.lit("("),
                self.ws,
                self.Expression,
                self.ws,
                lambda: self.opt(lambda: self.seq(lambda: self.kw("AS"), self.ws, self.Var, self.ws)),
                lambda: self.lit(")"),
            ),
            self.Var,
        )

    def HavingClause(self) -> bool:
        return self.seq(
            lambda: self.kw("HAVING"), self.ws, lambda: self.plus(lambda: self.seq(self.Constraint, self.ws))
        )

    def OrderClause(self) -> bool:
        return self.seq(
            lambda: self.kw("ORDER"),
            self.ws,
            lambda: self.kw("BY"),
            self.ws,
            lambda: self.plus(lambda: self.seq(self.OrderCondition, self.ws)),
        )

    def OrderCondition(self) -> bool:
        return self.alt(
            lambda: self.seq(lambda: self.kw("ASC"), self.ws, self.BrackettedExpression),
            lambda: self.seq(lambda: self.kw("DESC"), self.ws, self.BrackettedExpression),
            self.Constraint,
            self.Var,
        )

    def LimitOffsetClauses(self) -> bool:
        return self.alt(
            lambda: self.seq(self.LimitClause, self.ws, lambda: self.opt(self.OffsetClause)),
            lambda: self.seq(self.OffsetClause, self.ws, lambda: self.opt(self.LimitClause)),
        )

    def _count_clause(self, word: str) -> bool:
        m = self.mark()
        if self.kw(word) and self.ws():
            found = self.rx("INTEGER")
            if found is not None and int(found.group(0)) < 2**64:
                return True
        return self.back(m)

    def LimitClause(self) -> bool:
        return self._count_clause("LIMIT")

    def OffsetClause(self) -> bool:
        return self._count_clause("OFFSET")

    def ValuesClause(self) -> bool:
        self.seq(lambda: self.kw("VALUES"), self.ws, self.DataBlock)
        return True

    # -- updates -------------------------------------------------------------------------------------

    def Update1(self) -> bool:
        for name, rule in (
            ("LOAD", self.Load),
            ("CLEAR", lambda: self._graph_op("CLEAR", self.GraphRefAll)),
            ("DROP", lambda: self._graph_op("DROP", self.GraphRefAll)),
            ("ADD", lambda: self._two_graph_op("ADD")),
            ("MOVE", lambda: self._two_graph_op("MOVE")),
            ("COPY", lambda: self._two_graph_op("COPY")),
            ("CREATE", lambda: self._graph_op("CREATE", self.GraphRef)),
            (
                "INSERT DATA",
                lambda: self.seq(
                    lambda: self.kw("INSERT"), self.ws, lambda: self.kw("DATA"), self.ws, self.QuadBlock
                ),
            ),
            (
                "DELETE DATA",
                lambda: self.seq(
                    lambda: self.kw("DELETE"), self.ws, lambda: self.kw("DATA"), self.ws, self.QuadBlock
                ),
            ),
            (
                "DELETE WHERE",
                lambda: self.seq(
                    lambda: self.kw("DELETE"), self.ws, lambda: self.kw("WHERE"), self.ws, self.QuadBlock
                ),
            ),
            ("MODIFY", self.Modify),
        ):
            if rule():
                self.events.append(("UPDATE:" + name, self.p))
                return True
        return False

    def _silent(self) -> bool:
        self.kw("SILENT")
        return True

    def Load(self) -> bool:
        return self.seq(
            lambda: self.kw("LOAD"),
            self.ws,
            self._silent,
            self.ws,
            self.iri,
            self.ws,
            lambda: self.opt(lambda: self.seq(lambda: self.kw("INTO"), self.ws, self.GraphRef)),
        )

    def _graph_op(self, word: str, target: Callable[[], bool]) -> bool:
        return self.seq(lambda: self.kw(word), self.ws, self._silent, self.ws, target)

    def _two_graph_op(self, word: str) -> bool:
        return self.seq(
            lambda: self.kw(word),
            self.ws,
            self._silent,
            self.ws,
            self.GraphOrDefault,
            self.ws,
            lambda: self.kw("TO"),
            self.ws,
            self.GraphOrDefault,
        )

    def Modify(self) -> bool:
        def clauses() -> bool:
            return self.alt(
                lambda: self.seq(
                    lambda: self.seq(lambda: self.kw("DELETE"), self.ws, self.QuadBlock),
                    self.ws,
                    lambda: self.opt(lambda: self.seq(lambda: self.kw("INSERT"), self.ws, self.QuadBlock)),
                ),
                lambda: self.seq(lambda: self.kw("INSERT"), self.ws, self.QuadBlock),
            )

        def using() -> bool:
            return self.seq(
                lambda: self.kw("USING"),
                self.ws,
                lambda: self.alt(self.iri, lambda: self.seq(lambda: self.kw("NAMED"), self.ws, self.iri)),
            )

        return self.seq(
            lambda: self.opt(lambda: self.seq(lambda: self.kw("WITH"), self.ws, self.iri, self.ws)),
            self.ws,
            clauses,
            self.ws,
            lambda: bool(self.sep(using, self.ws) + 1),
            self.ws,
            lambda: self.kw("WHERE"),
            self.ws,
            self.GroupGraphPattern,
        )

    def GraphOrDefault(self) -> bool:
        return self.alt(
            lambda: self.kw("DEFAULT"),
            lambda: self.seq(lambda: self.opt(lambda: self.seq(lambda: self.kw("GRAPH"), self.ws)), self.iri),
        )

    def GraphRef(self) -> bool:
        return self.seq(lambda: self.kw("GRAPH"), self.ws, self.iri)

    def GraphRefAll(self) -> bool:
        return self.alt(
            self.GraphRef, lambda: self.kw("DEFAULT"), lambda: self.kw("NAMED"), lambda: self.kw("ALL")
        )

    def QuadBlock(self) -> bool:
        return self.nested(
            lambda: self.seq(lambda: self.lit("{"), self.ws, self.Quads, self.ws, lambda: self.lit("}"))
        )

    def Quads(self) -> bool:
        def item() -> bool:
            return self.alt(
                self.TriplesTemplate,
                lambda: self.seq(self.QuadsNotTriples, self.ws, lambda: self.opt(lambda: self.lit("."))),
            )

        self.sep(item, self.ws)
        return True

    def QuadsNotTriples(self) -> bool:
        return self.seq(
            lambda: self.kw("GRAPH"),
            self.ws,
            self.VarOrIri,
            self.ws,
            lambda: self.lit("{"),
            self.ws,
            lambda: self.opt(self.TriplesTemplate),
            self.ws,
            lambda: self.lit("}"),
        )

    def TriplesTemplate(self) -> bool:
        n = self.sep(lambda: self.seq(self.ws, self.TriplesSameSubject, self.ws), lambda: self.lit("."), 1)
        if n < 0:
            return False
        self.seq(lambda: self.lit("."), self.ws)
        return True

    # -- graph patterns ------------------------------------------------------------------------------

    def GroupGraphPattern(self) -> bool:
        return self.memo_rule("GGP", lambda: self.nested(self._ggp))

    def _ggp(self) -> bool:
        return self.alt(
            lambda: self.seq(
                lambda: self.lit("{"), self.ws, self.GroupGraphPatternSub, self.ws, lambda: self.lit("}")
            ),
            lambda: self.seq(lambda: self.lit("{"), self.ws, self.SubSelect, self.ws, lambda: self.lit("}")),
        )

    def GroupGraphPatternSub(self) -> bool:
        self.opt(self.TriplesBlock)
        self.ws()
        self.star(
            lambda: self.seq(
                self.GraphPatternNotTriples,
                self.ws,
                lambda: self.opt(lambda: self.seq(lambda: self.lit("."), self.ws)),
                lambda: self.opt(self.TriplesBlock),
                self.ws,
            )
        )
        return True

    def TriplesBlock(self) -> bool:
        n = self.sep(
            lambda: self.seq(self.ws, self.TriplesSameSubjectPath, self.ws), lambda: self.lit("."), 1
        )
        if n < 0:
            return False
        self.seq(lambda: self.lit("."), self.ws)
        return True

    def GraphPatternNotTriples(self) -> bool:
        return self.alt(
            self.GroupOrUnionGraphPattern,
            lambda: self.seq(lambda: self.kw("OPTIONAL"), self.ws, self.GroupGraphPattern),
            lambda: self.seq(lambda: self.kw("LATERAL"), self.ws, self.GroupGraphPattern),
            lambda: self.seq(lambda: self.kw("MINUS"), self.ws, self.GroupGraphPattern),
            lambda: self.seq(
                lambda: self.kw("GRAPH"), self.ws, self.VarOrIri, self.ws, self.GroupGraphPattern
            ),
            self.ServiceGraphPattern,
            lambda: self.seq(lambda: self.kw("FILTER"), self.ws, self.Constraint),
            self.Bind,
            lambda: self.seq(lambda: self.kw("VALUES"), self.ws, self.DataBlock),
        )

    def ServiceGraphPattern(self) -> bool:
        at = self.p
        ok = self.alt(
            lambda: self.seq(
                lambda: self.kw("SERVICE"),
                self.ws,
                lambda: self.kw("SILENT"),
                self.ws,
                self.VarOrIri,
                self.ws,
                self.GroupGraphPattern,
            ),
            lambda: self.seq(
                lambda: self.kw("SERVICE"), self.ws, self.VarOrIri, self.ws, self.GroupGraphPattern
            ),
        )
        if ok:
            self.events.append(("SERVICE", at))
        return ok

    def Bind(self) -> bool:
        return self.seq(
            lambda: self.kw("BIND"),
            self.ws,
            lambda: self.lit("("),
            self.ws,
            self.Expression,
            self.ws,
            lambda: self.kw("AS"),
            self.ws,
            self.Var,
            self.ws,
            lambda: self.lit(")"),
        )

    def GroupOrUnionGraphPattern(self) -> bool:
        n = self.sep(
            lambda: self.seq(self.GroupGraphPattern, self.ws),
            lambda: self.seq(lambda: self.kw("UNION"), self.ws),
            1,
        )
        if n < 0:
            return False
        self.chain(n)
        return True

    def DataBlock(self) -> bool:
        def one_var() -> bool:
            return self.seq(
                self.Var,
                self.ws,
                lambda: self.lit("{"),
                self.ws,
                lambda: self.star(lambda: self.seq(self.DataBlockValue, self.ws)),
                lambda: self.lit("}"),
            )

        def full() -> bool:
            return self.seq(
                lambda: self.lit("("),
                self.ws,
                lambda: self.star(lambda: self.seq(self.Var, self.ws)),
                self.ws,
                lambda: self.lit(")"),
                self.ws,
                lambda: self.lit("{"),
                self.ws,
                lambda: self.star(
                    lambda: self.seq(
                        lambda: self.lit("("),
                        self.ws,
                        lambda: self.star(lambda: self.seq(self.DataBlockValue, self.ws)),
                        self.ws,
                        lambda: self.lit(")"),
                        self.ws,
                    )
                ),
                lambda: self.lit("}"),
            )

        return self.alt(one_var, full)

    def DataBlockValue(self) -> bool:
        return self.alt(
            self.TripleTermData,
            self.iri,
            self.RDFLiteral,
            self.NumericLiteral,
            self.BooleanLiteral,
            lambda: self.kw("UNDEF"),
        )

    def Reifier(self) -> bool:
        return self.seq(
            lambda: self.lit("~"),
            self.ws,
            lambda: self.opt(lambda: self.alt(self.Var, self.iri, self.BlankNode)),
        )

    def Constraint(self) -> bool:
        return self.alt(self.BrackettedExpression, self.FunctionCall, self.BuiltInCall)

    def FunctionCall(self) -> bool:
        return self.seq(self.iri, self.ws, self.ArgList)

    def ArgList(self) -> bool:
        return self.nested(
            lambda: self.alt(
                lambda: self.seq(
                    lambda: self.lit("("),
                    self.ws,
                    lambda: (
                        self.sep(
                            lambda: self.seq(self.Expression, self.ws),
                            lambda: self.seq(lambda: self.lit(","), self.ws),
                            1,
                        )
                        > 0
                    ),
                    self.ws,
                    lambda: self.lit(")"),
                ),
                self.NIL,
            )
        )

    def ExpressionList(self) -> bool:
        return self.nested(
            lambda: self.alt(
                lambda: self.seq(
                    lambda: self.lit("("),
                    self.ws,
                    lambda: (
                        self.sep(
                            lambda: self.seq(self.Expression, self.ws),
                            lambda: self.seq(lambda: self.lit(","), self.ws),
                            1,
                        )
                        > 0
                    ),
                    lambda: self.lit(")"),
                ),
                self.NIL,
            )
        )

    # -- triples ---------------------------------------------------------------------------------------

    def ConstructTemplate(self) -> bool:
        def triples() -> bool:
            self.sep(
                lambda: self.seq(self.TriplesSameSubject, self.ws),
                lambda: self.seq(lambda: self.lit("."), self.ws),
            )
            self.lit(".")
            return True

        return self.nested(
            lambda: self.seq(lambda: self.lit("{"), self.ws, triples, self.ws, lambda: self.lit("}"))
        )

    def TriplesSameSubject(self) -> bool:
        return self.alt(
            lambda: self.seq(self.ReifiedTriple, self.ws, self.PropertyList),
            lambda: self.seq(self.VarOrTerm, self.ws, self.PropertyListNotEmpty),
            lambda: self.seq(self.TriplesNode, self.ws, self.PropertyList),
        )

    def PropertyList(self) -> bool:
        self.PropertyListNotEmpty()
        return True

    def PropertyListNotEmpty(self) -> bool:
        return self.seq(
            self.Verb,
            self.ws,
            self.ObjectList,
            self.ws,
            lambda: self.star(
                lambda: self.seq(
                    lambda: self.lit(";"),
                    self.ws,
                    lambda: self.opt(lambda: self.seq(self.Verb, self.ws, self.ObjectList, self.ws)),
                )
            ),
        )

    def Verb(self) -> bool:
        return self.alt(self.VarOrIri, lambda: self.lit("a"))

    def ObjectList(self) -> bool:
        return (
            self.sep(
                lambda: self.seq(self.Object, self.ws), lambda: self.seq(lambda: self.lit(","), self.ws), 1
            )
            > 0
        )

    def Object(self) -> bool:
        return self.seq(self.GraphNode, self.ws, self.Annotation)

    def TriplesSameSubjectPath(self) -> bool:
        return self.memo_rule(
            "TSSP",
            lambda: self.alt(
                lambda: self.seq(self.ReifiedTriple, self.ws, self.PropertyListPath),
                lambda: self.seq(self.VarOrTerm, self.ws, self.PropertyListPathNotEmpty),
                lambda: self.seq(self.TriplesNodePath, self.ws, self.PropertyListPath),
            ),
        )

    def PropertyListPath(self) -> bool:
        self.PropertyListPathNotEmpty()
        return True

    def PropertyListPathNotEmpty(self) -> bool:
        def verb() -> bool:
            return self.alt(self.Path, self.Var)

        return self.seq(
            verb,
            self.ws,
            self.ObjectListPath,
            self.ws,
            lambda: self.star(
                lambda: self.seq(
                    lambda: self.lit(";"),
                    self.ws,
                    lambda: self.opt(lambda: self.seq(verb, self.ws, self.ObjectListPath, self.ws)),
                )
            ),
        )

    def ObjectListPath(self) -> bool:
        return (
            self.sep(
                lambda: self.seq(self.GraphNodePath, self.ws, self.AnnotationPath, self.ws),
                lambda: self.seq(lambda: self.lit(","), self.ws),
                1,
            )
            > 0
        )

    def Path(self) -> bool:
        n = self.sep(
            lambda: self.seq(self.PathSequence, self.ws), lambda: self.seq(lambda: self.lit("|"), self.ws), 1
        )
        if n < 0:
            return False
        self.chain(n)
        return True

    def PathSequence(self) -> bool:
        n = self.sep(
            lambda: self.seq(self.PathEltOrInverse, self.ws),
            lambda: self.seq(lambda: self.lit("/"), self.ws),
            1,
        )
        if n < 0:
            return False
        self.chain(n)
        return True

    def PathEltOrInverse(self) -> bool:
        return self.alt(lambda: self.seq(lambda: self.lit("^"), self.ws, self.PathElt), self.PathElt)

    def PathElt(self) -> bool:
        def op() -> bool:
            return self.alt(
                lambda: self.lit("*"), lambda: self.lit("+"), lambda: self.rx("PATH_Q") is not None
            )

        return self.seq(self.PathPrimary, self.ws, lambda: self.opt(op))

    def PathPrimary(self) -> bool:
        return self.alt(
            self.iri,
            lambda: self.lit("a"),
            lambda: self.seq(lambda: self.lit("!"), self.ws, self.PathNegatedPropertySet),
            lambda: self.nested(
                lambda: self.seq(lambda: self.lit("("), self.ws, self.Path, self.ws, lambda: self.lit(")"))
            ),
        )

    def PathNegatedPropertySet(self) -> bool:
        return self.alt(
            lambda: self.seq(
                lambda: self.lit("("),
                self.ws,
                lambda: (
                    self.sep(
                        lambda: self.seq(self.PathOneInPropertySet, self.ws),
                        lambda: self.seq(lambda: self.lit("|"), self.ws),
                        1,
                    )
                    > 0
                ),
                lambda: self.lit(")"),
            ),
            self.PathOneInPropertySet,
        )

    def PathOneInPropertySet(self) -> bool:
        return self.alt(
            lambda: self.seq(lambda: self.lit("^"), self.ws, self.iri),
            lambda: self.seq(lambda: self.lit("^"), self.ws, lambda: self.lit("a")),
            self.iri,
            lambda: self.lit("a"),
        )

    def TriplesNode(self) -> bool:
        return self.nested(
            lambda: self.alt(
                lambda: self.seq(
                    lambda: self.lit("("),
                    self.ws,
                    lambda: self.plus(lambda: self.seq(self.GraphNode, self.ws)),
                    lambda: self.lit(")"),
                ),
                lambda: self.seq(
                    lambda: self.lit("["), self.ws, self.PropertyListNotEmpty, self.ws, lambda: self.lit("]")
                ),
            )
        )

    def TriplesNodePath(self) -> bool:
        return self.nested(
            lambda: self.alt(
                lambda: self.seq(
                    lambda: self.lit("("),
                    self.ws,
                    lambda: self.plus(lambda: self.seq(self.GraphNodePath, self.ws)),
                    self.ws,
                    lambda: self.lit(")"),
                ),
                lambda: self.seq(
                    lambda: self.lit("["),
                    self.ws,
                    self.PropertyListPathNotEmpty,
                    self.ws,
                    lambda: self.lit("]"),
                ),
            )
        )

    def VarOrTerm(self) -> bool:
        return self.alt(
            self.Var,
            self.TripleTerm,
            self.iri,
            self.RDFLiteral,
            self.NumericLiteral,
            self.BooleanLiteral,
            self.BlankNode,
            self.NIL,
        )

    def AnnotationPath(self) -> bool:
        def block() -> bool:
            return self.seq(
                lambda: self.lit("{|"),
                self.ws,
                self.PropertyListPathNotEmpty,
                self.ws,
                lambda: self.lit("|}"),
            )

        return self.star(
            lambda: self.alt(
                lambda: self.seq(self.Reifier, self.ws, lambda: self.opt(block), self.ws),
                lambda: self.seq(block, self.ws),
            )
        )

    def Annotation(self) -> bool:
        def block() -> bool:
            return self.seq(
                lambda: self.lit("{|"), self.ws, self.PropertyListNotEmpty, self.ws, lambda: self.lit("|}")
            )

        return self.star(
            lambda: self.alt(
                lambda: self.seq(self.Reifier, self.ws, lambda: self.opt(block), self.ws),
                lambda: self.seq(block, self.ws),
            )
        )

    def GraphNode(self) -> bool:
        return self.alt(self.ReifiedTriple, self.VarOrTerm, self.TriplesNode)

    def GraphNodePath(self) -> bool:
        return self.alt(self.ReifiedTriple, self.VarOrTerm, self.TriplesNodePath)

    def ReifiedTriple(self) -> bool:
        return self.nested(
            lambda: self.seq(
                lambda: self.lit("<<"),
                self.ws,
                self.ReifiedTripleObject,
                self.ws,
                self.Verb,
                self.ws,
                self.ReifiedTripleObject,
                self.ws,
                lambda: self.opt(self.Reifier),
                self.ws,
                lambda: self.lit(">>"),
            )
        )

    def ReifiedTripleObject(self) -> bool:
        return self.alt(
            self.Var,
            self.TripleTerm,
            self.ReifiedTriple,
            self.iri,
            self.RDFLiteral,
            self.NumericLiteral,
            self.BooleanLiteral,
            self.BlankNode,
        )

    def TripleTerm(self) -> bool:
        return self._triple_term(self.TripleTermObject, self.Verb)

    def _triple_term(self, part: Callable[[], bool], verb: Callable[[], bool]) -> bool:
        return self.nested(
            lambda: self.seq(
                lambda: self.lit("<<("),
                self.ws,
                part,
                self.ws,
                verb,
                self.ws,
                part,
                self.ws,
                lambda: self.lit(")>>"),
            )
        )

    def TripleTermObject(self) -> bool:
        return self.alt(
            self.Var,
            self.TripleTerm,
            self.iri,
            self.RDFLiteral,
            self.NumericLiteral,
            self.BooleanLiteral,
            self.BlankNode,
        )

    def TripleTermData(self) -> bool:
        return self._triple_term(self.TripleTermDataObject, lambda: self.alt(self.iri, lambda: self.lit("a")))

    def TripleTermDataObject(self) -> bool:
        return self.alt(
            self.TripleTermData, self.iri, self.RDFLiteral, self.NumericLiteral, self.BooleanLiteral
        )

    def VarOrIri(self) -> bool:
        return self.alt(self.Var, self.iri)

    def Var(self) -> bool:
        return self.rx("VAR") is not None

    # -- expressions -------------------------------------------------------------------------------------

    def Expression(self) -> bool:
        return self.memo_rule("EXPR", self._expression)

    def _expression(self) -> bool:
        n = self.sep(
            lambda: self.seq(self.ConditionalAnd, self.ws),
            lambda: self.seq(lambda: self.lit("||"), self.ws),
            1,
        )
        if n < 0:
            return False
        self.chain(n)
        return True

    def ConditionalAnd(self) -> bool:
        n = self.sep(
            lambda: self.seq(self.Relational, self.ws), lambda: self.seq(lambda: self.lit("&&"), self.ws), 1
        )
        if n < 0:
            return False
        self.chain(n)
        return True

    def Relational(self) -> bool:
        if not self.Additive():
            return False
        self.ws()

        def inner() -> bool:
            def op() -> bool:
                return any(self.lit(token) for token in ("=", "!=", ">=", ">", "<=", "<"))

            return self.alt(
                lambda: self.seq(op, self.ws, self.Additive),
                lambda: self.seq(lambda: self.kw("IN"), self.ws, self.ExpressionList),
                lambda: self.seq(
                    lambda: self.kw("NOT"), self.ws, lambda: self.kw("IN"), self.ws, self.ExpressionList
                ),
            )

        self.opt(inner)
        return True

    def Additive(self) -> bool:
        return self._binary(self.Multiplicative, ("+", "-"))

    def Multiplicative(self) -> bool:
        return self._binary(self.Unary, ("*", "/"))

    def _binary(self, operand: Callable[[], bool], ops: tuple[str, ...]) -> bool:
        # Oxigraph's rules are right-recursive (a _ (op _ a_rule)?); a loop recognises the same strings.
        if not operand():
            return False
        count = 1
        while True:
            m = self.mark()
            self.ws()
            if any(self.lit(o) for o in ops) and self.ws() and operand():
                count += 1
                continue
            self.back(m)
            break
        self.chain(count)
        return True

    def Unary(self) -> bool:
        # "!" _ UnaryExpression is recursive in Oxigraph: a run of "!" nests that deep.
        m = self.mark()
        bangs = 0
        while True:
            m2 = self.mark()
            if self.lit("!") and self.ws():
                bangs += 1
                continue
            self.back(m2)
            break
        self.chain(bangs)
        # the innermost level: an optional sign, then a primary expression (a last "!" consumed above
        # as a nesting level is the same string as one read here as the sign)
        m2 = self.mark()
        if (self.lit("+") or self.lit("-")) and self.ws() and self.PrimaryExpression():
            return True
        self.back(m2)
        self.ws()
        if self.PrimaryExpression():
            return True
        return self.back(m)

    def PrimaryExpression(self) -> bool:
        return self.alt(
            self.BrackettedExpression,
            lambda: self._triple_term(self.ExprTripleTermObject, self.Verb),
            self.iriOrFunction,
            self.Var,
            self.RDFLiteral,
            self.NumericLiteral,
            self.BooleanLiteral,
            self.BuiltInCall,
        )

    def ExprTripleTermObject(self) -> bool:
        return self.alt(
            lambda: self._triple_term(self.ExprTripleTermObject, self.Verb),
            self.iri,
            self.RDFLiteral,
            self.NumericLiteral,
            self.BooleanLiteral,
            self.Var,
        )

    def BrackettedExpression(self) -> bool:
        return self.nested(
            lambda: self.seq(lambda: self.lit("("), self.ws, self.Expression, self.ws, lambda: self.lit(")"))
        )

    def iriOrFunction(self) -> bool:
        if not self.iri():
            return False
        m = self.mark()
        self.ws()
        if not self.ArgList():
            self.back(m)
        return True

    def _call(self, words: tuple[str, ...], arity: int) -> bool:
        m = self.mark()
        if not any(self.kw(w) for w in words):
            return False
        self.ws()
        ok = self.nested(
            lambda: self.seq(
                lambda: self.lit("("),
                self.ws,
                *[
                    step
                    for i in range(arity)
                    for step in (([lambda: self.lit(","), self.ws] if i else []) + [self.Expression, self.ws])
                ],
                lambda: self.lit(")"),
            )
        )
        return ok or self.back(m)

    def _nil_call(self, word: str, space: bool = True) -> bool:
        m = self.mark()
        if self.kw(word) and (self.ws() if space else True) and self.NIL():
            return True
        return self.back(m)

    def BuiltInCall(self) -> bool:
        return self.memo_rule("BUILTIN", self._builtin)

    def _builtin(self) -> bool:
        c = self._call
        return self.alt(
            self.Aggregate,
            lambda: c(("STR",), 1),
            lambda: c(("LANG",), 1),
            lambda: c(("LANGMATCHES",), 2),
            lambda: c(("LANGDIR",), 1),
            lambda: c(("DATATYPE",), 1),
            lambda: self.seq(
                lambda: self.kw("BOUND"),
                self.ws,
                lambda: self.lit("("),
                self.ws,
                self.Var,
                self.ws,
                lambda: self.lit(")"),
            ),
            lambda: c(("IRI", "URI"), 1),
            lambda: c(("BNODE",), 1),
            lambda: self._nil_call("BNODE", space=False),
            lambda: self._nil_call("RAND"),
            lambda: c(("ABS",), 1),
            lambda: c(("CEIL",), 1),
            lambda: c(("FLOOR",), 1),
            lambda: c(("ROUND",), 1),
            lambda: self.seq(lambda: self.kw("CONCAT"), self.ExpressionList),
            lambda: c(("SUBSTR",), 3),
            lambda: c(("SUBSTR",), 2),
            lambda: c(("STRLEN",), 1),
            lambda: c(("REPLACE",), 4),
            lambda: c(("REPLACE",), 3),
            lambda: c(("UCASE",), 1),
            lambda: c(("LCASE",), 1),
            lambda: c(("ENCODE_FOR_URI",), 1),
            lambda: c(("CONTAINS",), 2),
            lambda: c(("STRSTARTS",), 2),
            lambda: c(("STRENDS",), 2),
            lambda: c(("STRBEFORE",), 2),
            lambda: c(("STRAFTER",), 2),
            lambda: c(("YEAR",), 1),
            lambda: c(("MONTH",), 1),
            lambda: c(("DAY",), 1),
            lambda: c(("HOURS",), 1),
            lambda: c(("MINUTES",), 1),
            lambda: c(("SECONDS",), 1),
            lambda: c(("TIMEZONE",), 1),
            lambda: c(("TZ",), 1),
            lambda: self._nil_call("NOW"),
            lambda: self._nil_call("UUID"),
            lambda: self._nil_call("STRUUID"),
            lambda: c(("MD5",), 1),
            lambda: c(("SHA1",), 1),
            lambda: c(("SHA256",), 1),
            lambda: c(("SHA384",), 1),
            lambda: c(("SHA512",), 1),
            lambda: self.seq(lambda: self.kw("COALESCE"), self.ExpressionList),
            lambda: c(("IF",), 3),
            lambda: c(("STRLANG",), 2),
            lambda: c(("STRLANGDIR",), 3),
            lambda: c(("STRDT",), 2),
            lambda: c(("sameTerm",), 2),
            lambda: c(("isIRI", "isURI"), 1),
            lambda: c(("isBLANK",), 1),
            lambda: c(("isLITERAL",), 1),
            lambda: c(("isNUMERIC",), 1),
            lambda: c(("hasLang",), 1),
            lambda: c(("hasLangDir",), 1),
            lambda: c(("REGEX",), 3),
            lambda: c(("REGEX",), 2),
            lambda: self.seq(lambda: self.kw("EXISTS"), self.ws, self.GroupGraphPattern),
            lambda: self.seq(
                lambda: self.kw("NOT"), self.ws, lambda: self.kw("EXISTS"), self.ws, self.GroupGraphPattern
            ),
            self._triple_call,
            lambda: c(("SUBJECT",), 1),
            lambda: c(("PREDICATE",), 1),
            lambda: c(("OBJECT",), 1),
            lambda: c(("isTriple",), 1),
            lambda: c(("ADJUST",), 2),
        )

    def _triple_call(self) -> bool:
        # TRIPLE(s, p "," o) has no optional space before its second comma and closing bracket in Oxigraph
        return self.nested(
            lambda: self.seq(
                lambda: self.kw("TRIPLE"),
                self.ws,
                lambda: self.lit("("),
                self.ws,
                self.Expression,
                self.ws,
                lambda: self.lit(","),
                self.ws,
                self.Expression,
                lambda: self.lit(","),
                self.ws,
                self.Expression,
                lambda: self.lit(")"),
            )
        )

    def Aggregate(self) -> bool:
        def agg(word: str, star: bool = False) -> list[Callable[[], bool]]:
            def form(distinct: bool, body: Callable[[], bool]) -> Callable[[], bool]:
                steps: list[Callable[[], bool]] = [
                    lambda: self.kw(word),
                    self.ws,
                    lambda: self.lit("("),
                    self.ws,
                ]
                if distinct:
                    steps += [lambda: self.kw("DISTINCT"), self.ws]
                steps += [body, self.ws, lambda: self.lit(")")]
                return lambda: self.nested(lambda: self.seq(*steps))

            out: list[Callable[[], bool]] = []
            if star:
                out.append(form(True, lambda: self.lit("*")))
            out.append(form(True, self.Expression))
            if star:
                out.append(form(False, lambda: self.lit("*")))
            out.append(form(False, self.Expression))
            return out

        def group_concat(distinct: bool, separator: bool) -> Callable[[], bool]:
            steps: list[Callable[[], bool]] = [
                lambda: self.kw("GROUP_CONCAT"),
                self.ws,
                lambda: self.lit("("),
                self.ws,
            ]
            if distinct:
                steps += [lambda: self.kw("DISTINCT"), self.ws]
            steps += [self.Expression, self.ws]
            if separator:
                steps += [
                    lambda: self.lit(";"),
                    self.ws,
                    lambda: self.kw("SEPARATOR"),
                    self.ws,
                    lambda: self.lit("="),
                    self.ws,
                    self.String,
                    self.ws,
                ]
            steps += [lambda: self.lit(")")]
            return lambda: self.nested(lambda: self.seq(*steps))

        def custom(distinct: bool) -> Callable[[], bool]:
            steps: list[Callable[[], bool]] = [self.iri, self.ws, lambda: self.lit("("), self.ws]
            if distinct:
                steps += [lambda: self.kw("DISTINCT"), self.ws]
            steps += [self.Expression, self.ws, lambda: self.lit(")")]
            return lambda: self.nested(lambda: self.seq(*steps))

        return self.alt(
            *agg("COUNT", star=True),
            *agg("SUM"),
            *agg("MIN"),
            *agg("MAX"),
            *agg("AVG"),
            *agg("SAMPLE"),
            group_concat(True, True),
            group_concat(True, False),
            group_concat(False, True),
            group_concat(False, False),
            custom(True),
            custom(False),
        )

    # -- terms -----------------------------------------------------------------------------------------

    def RDFLiteral(self) -> bool:
        m = self.mark()
        if not self.String():
            return False
        m2 = self.mark()
        self.ws()
        if self.lit("^^") and self.ws() and self.iri():
            return True
        self.back(m2)
        self.ws()
        if self.LANGDIR():
            return True
        self.back(m2)
        _ = m
        return True

    def LANGDIR(self) -> bool:
        m = self.mark()
        found = self.rx("LANGDIR")
        if found is None:
            return False
        try:
            ox.Literal("", language=found.group(1).lower())
        except ValueError:
            return self.back(m)
        if found.group(2) is not None and found.group(2) not in ("--ltr", "--rtl"):
            return self.back(m)
        return True

    def NumericLiteral(self) -> bool:
        for sign in ("", "+", "-"):
            m = self.mark()
            if sign and not (self.lit(sign) and self.ws()):
                self.back(m)
                continue
            if self.rx("DOUBLE") or self.rx("DECIMAL") or self.rx("INTEGER"):
                return True
            self.back(m)
        return False

    def BooleanLiteral(self) -> bool:
        return self.lit("true") or self.lit("false")

    def String(self) -> bool:
        return any(self._string(name) for name in ("L1", "L2", "S1", "S2"))

    def _string(self, name: str) -> bool:
        m = self.mark()
        found = self.rx(name)
        if found is None:
            return False
        # Oxigraph refuses escapes of surrogates or of code points past U+10FFFF
        if "\\" in found.group(0) and not _escapes_ok(found.group(0)):
            return self.back(m)
        return True

    def S1(self) -> bool:
        return self._string("S1")

    def S2(self) -> bool:
        return self._string("S2")

    def iri(self) -> bool:
        if self.IRIREF() is not None:
            return True
        return self.PrefixedName()

    def IRIREF(self) -> str | None:
        m = self.mark()
        found = self.rx("IRIREF")
        if found is None:
            return None
        raw = found.group(1)
        if "\\" in raw:
            if re.search(r"\\(?![uU])", _IRI_ESCAPE.sub("", raw)):
                self.back(m)
                return None
            if not all(_scalar(x) for x in _IRI_ESCAPE.finditer(raw)):
                self.back(m)
                return None
            raw = _IRI_ESCAPE.sub(lambda x: chr(int(x.group(1) or x.group(2), 16)), raw)
        iri = _resolve(raw, self.base)
        if iri is None:
            self.back(m)
            return None
        return iri

    def PNAME_NS(self) -> str | None:
        m = self.mark()
        found = self.rx("PN_PREFIX")
        prefix = found.group(0) if found else ""
        if self.lit(":"):
            return prefix
        self.back(m)
        return None

    def PrefixedName(self) -> bool:
        m = self.mark()
        ns = self.PNAME_NS()
        if ns is None:
            return False
        base = self.prefixes.get(ns)
        local = self.rx("PN_LOCAL")
        if base is None:
            return self.back(m)
        if local is not None:
            if _valid_iri(base + local.group(0).replace("\\", "")):
                return True
            # PNAME_LN failed: Oxigraph then tries PNAME_NS alone, from the same place
            self.back(m)
            self.PNAME_NS()
        return True if _valid_iri(base) else self.back(m)

    def BlankNode(self) -> bool:
        if self.rx("BLANK") is not None:
            return True
        m = self.mark()
        if self.lit("[") and self.rx("WS*") is not None and self.lit("]"):
            return True
        return self.back(m)

    def NIL(self) -> bool:
        m = self.mark()
        if self.lit("(") and self.rx("WS*") is not None and self.lit(")"):
            return True
        return self.back(m)


_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|.)", re.S)


def _escapes_ok(text: str) -> bool:
    """No \\u or \\U escape in ``text`` names a surrogate or a code point past U+10FFFF."""
    return all(_scalar(x) for x in _ESCAPE.finditer(text) if x.group(1) or x.group(2))


def _scalar(escape: re.Match[str]) -> bool:
    code = int(escape.group(1) or escape.group(2), 16)
    return code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF


def _valid_iri(iri: str) -> bool:
    try:
        ox.NamedNode(iri)
    except ValueError:
        return False
    return True


def _resolve(iri: str, base: str | None) -> str | None:
    """The IRI as Oxigraph reads it: absolute, or resolved against the BASE (None when invalid)."""
    if _valid_iri(iri):
        return iri
    if base is None:
        return None
    resolved = resolve_reference(base, iri)
    return resolved if _valid_iri(resolved) else None


_REFERENCE = re.compile(r"^(?:([^:/?#]+):)?(?://([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$", re.S)


def _remove_dots(path: str) -> str:
    out: list[str] = []
    for segment in path.split("/"):
        if segment == "..":
            if len(out) > 1:
                out.pop()
        elif segment != ".":
            out.append(segment)
    if path.endswith(("/.", "/..")):
        out.append("")
    return "/".join(out)


def resolve_reference(base: str, reference: str) -> str:
    """RFC 3986 section 5.2: ``reference`` resolved against ``base``.

    >>> resolve_reference("http://a/b/c/d;p?q", "../g")
    'http://a/b/g'
    >>> resolve_reference("base:", "s")
    'base:s'
    """
    b = _REFERENCE.match(base)
    r = _REFERENCE.match(reference)
    assert b is not None and r is not None
    bs, ba, bp, bq, _ = b.groups()
    rs, ra, rp, rq, rf = r.groups()
    if rs is not None:
        scheme, authority, path, query = rs, ra, _remove_dots(rp), rq
    elif ra is not None:
        scheme, authority, path, query = bs, ra, _remove_dots(rp), rq
    elif rp == "":
        scheme, authority, path, query = bs, ba, bp, rq if rq is not None else bq
    else:
        if rp.startswith("/"):
            path = _remove_dots(rp)
        elif ba is not None and bp == "":
            path = _remove_dots("/" + rp)
        else:
            path = _remove_dots(bp[: bp.rfind("/") + 1] + rp)
        scheme, authority, query = bs, ba, rq
    out = f"{scheme}:" if scheme is not None else ""
    if authority is not None:
        out += f"//{authority}"
    out += path
    if query is not None:
        out += f"?{query}"
    if rf is not None:
        out += f"#{rf}"
    return out


def parse(
    text: str, *, prefixes: Mapping[str, str] | None = None, base: str | None = None, update: bool = False
) -> ParsedQuery:
    """Recognise a query (or, with ``update=True``, an update) as Oxigraph would.

    Raises :class:`SparqlSyntaxError` when Oxigraph would not accept it. The caller bounds the nesting of
    brackets first (see :func:`kzgraph.sparql.guard.check_nesting`): this parser recurses once per level.
    """
    parser = _Parser(text, prefixes or {}, base)
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 20_000))
    try:
        return parser.update() if update else parser.query()
    except _Fail:
        raise SparqlSyntaxError(
            "not a valid SPARQL " + ("update" if update else "query"), parser.far
        ) from None
    except RecursionError:
        raise SparqlSyntaxError("the query nests too deeply", parser.far) from None
    finally:
        sys.setrecursionlimit(limit)
