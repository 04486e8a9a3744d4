"""Dates as the profile gives them, and the uncertain intervals the rules derive from them.

The graph keeps each date at the precision the profile states (xsd:gYear, xsd:gYearMonth, xsd:date). The
reasoning rules (``ontology/rules/22-28``) give every dated fact four bounds, ``kz:earliestBegin``,
``kz:latestBegin``, ``kz:earliestEnd`` and ``kz:latestEnd``, and its dates in EDTF (``kz:edtf``); this
module reads a date a user types, and phrases an interval honestly for ``show``, ``path`` and the
explorer.

>>> period("2007")
(datetime.date(2007, 1, 1), datetime.date(2007, 12, 31))
>>> period("2008-02")
(datetime.date(2008, 2, 1), datetime.date(2008, 2, 29))
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass, field

from kzgraph.errors import InputError

#: The profile's own date: what it reports as current held then; what it reports as ended had ended.
PROFILE_DATE = datetime.date(2011, 4, 5)

_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def period(text: str) -> tuple[datetime.date, datetime.date]:
    """The first and last day of a year (``2007``), a month (``2007-08``) or a day (``2007-08-18``).

    >>> period("2011-02-30")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kzgraph.errors.InputError: '2011-02-30' is not a date: day is out of range for month (write YYYY, ...)
    """
    match = _DATE.fullmatch(text.strip())
    if not match:
        shown = text if len(text) <= 40 else text[:37] + "..."
        raise InputError(f"{shown!r} is not a date (write YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    try:
        if month is None:
            return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        if day is None:
            last = calendar.monthrange(year, month)[1]
            return datetime.date(year, month, 1), datetime.date(year, month, last)
        day_ = datetime.date(year, month, day)
    except ValueError as exc:
        shown = text.strip()
        raise InputError(f"{shown!r} is not a date: {exc} (write YYYY, YYYY-MM or YYYY-MM-DD)") from None
    return day_, day_


def first_day(text: str) -> str:
    """The first day of a date at any precision, as ISO text.

    >>> first_day("2004-09")
    '2004-09-01'
    """
    return period(text)[0].isoformat()


def last_day(text: str) -> str:
    """The last day of a date at any precision, as ISO text.

    >>> last_day("2004-09")
    '2004-09-30'
    """
    return period(text)[1].isoformat()


#: The four derived bounds, in the order they are explained.
BOUNDS = ("earliestBegin", "latestBegin", "earliestEnd", "latestEnd")


@dataclass(frozen=True)
class Interval:
    """What the graph knows of when a fact held: its stated dates and its four derived bounds.

    ``bounds`` maps each bound's name (``earliestBegin``...) to ``(day, basis, shown)``: the ISO day, the
    label of its basis (``stated``, ``the profile's date``...), and the date as the profile states it
    (``2004-09`` rather than ``2004-09-30``) when it comes from a stated value, else the day.

    >>> i = Interval(start="2007-01", current=True, bounds={
    ...     "earliestBegin": ("2007-01-01", "stated", "2007-01"),
    ...     "latestBegin": ("2007-01-31", "stated", "2007-01"),
    ...     "earliestEnd": ("2011-04-05", "the profile's date", "2011-04-05")})
    >>> i.phrase()
    'from 2007-01, still in effect on 2011-04-05'
    >>> i.explain()
    "began 2007-01, stated; still in effect on 2011-04-05, the profile's date"
    """

    start: str | None = None
    end: str | None = None
    on: str | None = None
    current: bool = False
    bounds: dict[str, tuple[str, str, str]] = field(default_factory=dict)

    def day(self, name: str) -> str | None:
        """The ISO day of one bound, or None when it is open."""
        found = self.bounds.get(name)
        return found[0] if found else None

    def _begin(self) -> tuple[str, str]:
        """(short phrase, explanation) of the begin."""
        eb, lb = self.bounds.get("earliestBegin"), self.bounds.get("latestBegin")
        if self.start and eb and lb and eb[2] == lb[2] == self.start:
            return f"from {self.start}", f"began {self.start}, {eb[1]}"
        short, said = [], []
        if eb and eb[1] not in _TRIVIAL:
            short.append(f"no earlier than {eb[2]}")
            said.append(f"began no earlier than {eb[2]}, {eb[1]}")
        if lb and lb[1] not in _TRIVIAL and lb[1] != PROFILE_BASIS:
            short.append(f"no later than {lb[2]}")
            said.append(f"began no later than {lb[2]}, {lb[1]}")
        if not short:
            return "from an unknown date", "begin unknown"
        return "from " + " and ".join(short), "; ".join(said)

    def _end(self) -> tuple[str, str]:
        ee, le = self.bounds.get("earliestEnd"), self.bounds.get("latestEnd")
        if self.end and ee and le and ee[2] == le[2] == self.end:
            return f"until {self.end}", f"ended {self.end}, {ee[1]}"
        if self.current and ee and not le:
            return f"still in effect on {ee[2]}", f"still in effect on {ee[2]}, {ee[1]}"
        short, said = [], []
        if ee and ee[1] not in _TRIVIAL:
            short.append(f"no earlier than {ee[2]}")
            said.append(f"ended no earlier than {ee[2]}, {ee[1]}")
        if le:
            word = "by" if le[1] == PROFILE_BASIS else "no later than"
            short.append(f"{word} {le[2]}")
            said.append(f"ended {word} {le[2]}, {le[1]}")
        if not short:
            return "until an unknown date", "end unknown"
        return "until " + " and ".join(short), "; ".join(said)

    def phrase(self) -> str:
        """A short phrase for a tie: ``from 1994, until 1999``, ``from no earlier than 2006-09-10, ...``."""
        if self.on and not (self.start or self.end):
            return f"on {self.on}"
        if not self.bounds and not self.current:
            return ""
        return f"{self._begin()[0]}, {self._end()[0]}"

    def explain(self) -> str:
        """Each bound with where it comes from, for ``show``."""
        if self.on and not (self.start or self.end):
            basis = self.bounds.get("earliestBegin", ("", "stated", ""))[1]
            return f"on {self.on}, {basis}"
        if not self.bounds and not self.current:
            return ""
        return f"{self._begin()[1]}; {self._end()[1]}"


#: The label of the profile's-date basis, and of bases that only restate the other end of the fact.
PROFILE_BASIS = "the profile's date"
_TRIVIAL = ("not before its begin", "not after its end")
