"""Questions of time: the date questions in ``time_questions.py`` (written by hand from the profile) through
the named queries, each answer compared as a whole, certainty and reading included."""

from __future__ import annotations

import pytest

from kzgraph.api import KnowledgeGraph
from kzgraph.cli import main
from kzgraph.namespaces import shorten
from kzgraph.query import bindings_for, find_query
from kzgraph.store import LocalStore
from time_questions import QUESTIONS, DateQuestion

# the answer column of each query (the entity a row is about)
ENTITY = {
    "office-holders-on": "holder",
    "posts-held-on": "post",
    "parties-in-parliament-on": "party",
    "changes-between": "fact",
}


def _entity_column(q: DateQuestion) -> str:
    if q.query == "memberships-on":
        return "organisation" if "member" in q.params and "organisation" not in q.params else "member"
    return ENTITY[q.query]


def answer(store: LocalStore, q: DateQuestion) -> frozenset[tuple[str, str, str]]:
    nq = find_query(q.query)
    params = dict(q.params)
    if q.query == "memberships-on":
        params.setdefault("member", "")
        params.setdefault("organisation", "")
    rows = store.execute(nq.text, bindings_for(nq, params))
    column = _entity_column(q)
    got: dict[tuple[str, str], str] = {}
    rank = {"no": 0, "possible": 1, "certain": 2}
    for row in rows.values():  # type: ignore[union-attr]
        key = (shorten(row[column]), shorten(row["reading"]) if row.get("reading") else "")
        # a fact that both begins and ends in a range is one answer, at its better certainty
        if rank[row["certainty"]] >= rank.get(got.get(key, "no"), -1):
            got[key] = row["certainty"]
    return frozenset((entity, certainty, reading) for (entity, reading), certainty in got.items())


@pytest.mark.parametrize("q", QUESTIONS, ids=[f"{i:02d}-{q.query}" for i, q in enumerate(QUESTIONS)])
def test_date_question(store: LocalStore, q: DateQuestion) -> None:
    assert answer(store, q) == q.expected, q.question


# ---------------------------------------------------------------------------------------------------
# asof: the state of the system on a day, each row with its certainty (expectations from the profile)

NAZARBAYEV = "person:nursultan-nazarbayev"
FIRST_ELECTED = {"conflict:nazarbayev-first-elected-1990", "conflict:nazarbayev-first-elected-1991"}


def _asof(kg: KnowledgeGraph, day: str) -> set[tuple[str, str, str, str]]:
    return {
        (r["topic"], shorten(r["entity"]), r["certainty"], shorten(r["reading"]) if r["reading"] else "")
        for r in kg.asof(day).values()
    }


@pytest.fixture(scope="module")
def kg(store: LocalStore) -> KnowledgeGraph:
    return KnowledgeGraph(store)


def test_asof_mid_2009(kg: KnowledgeGraph) -> None:
    # Summary box: Nazarbayev President (first elected 1990 or December 1991: both readings certain by
    # 2009), Massimov Prime Minister since January 2007; BIOGRAPHIES > Tokayev: Chairman of the Senate
    # since 2007; Parliamentary elections 2007: Nur Otan won all 98 seats on 18 August 2007.
    rows = _asof(kg, "2009-06-01")
    assert {(t, e, c, r) for t, e, c, r in rows if t == "President"} == {
        ("President", NAZARBAYEV, "certain", reading) for reading in FIRST_ELECTED
    }
    assert ("Prime Minister", "person:karim-massimov", "certain", "") in rows
    assert ("Chairman of the Senate", "person:kassym-jomart-tokayev", "certain", "") in rows
    assert {(e, c) for t, e, c, _ in rows if t == "Party in the Mazhilis"} == {("party:nur-otan", "certain")}
    # INTERNATIONAL RELATIONS: UN member since 2 March 1992, OSCE since 30 January 1992
    assert ("International membership", "intorg:un", "certain", "") in rows
    assert ("International membership", "intorg:osce", "certain", "") in rows


def test_asof_mid_1995(kg: KnowledgeGraph) -> None:
    # Nazarbayev already President by either reading; the profile names no Prime Minister before
    # Tokayev (1999-2002); the EAEC was founded only in May 2001.
    rows = _asof(kg, "1995-06-01")
    assert {r for t, _, _, r in rows if t == "President"} == FIRST_ELECTED
    assert not [row for row in rows if row[0] == "Prime Minister"]
    assert not [row for row in rows if row[1] == "intorg:eaec"]
    assert ("International membership", "intorg:un", "certain", "") in rows


def test_asof_early_2005_parliament(kg: KnowledgeGraph) -> None:
    # Ak-Zhol: 2 mandates in the Third Convocation (September 2004); Otan ran in 2004 but the profile
    # gives no seat count, so it possibly sat; the other 2004 contestants won none.
    rows = _asof(kg, "2005-01-01")
    assert {(e, c) for t, e, c, _ in rows if t == "Party in the Mazhilis"} == {
        ("party:ak-zhol", "certain"),
        ("party:nur-otan", "possible"),
    }


def test_asof_on_the_command_line_and_a_bad_date(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["asof", "2009-06-01", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("topic,entity,name,detail,certainty,reading")
    assert "Karim Massimov" in out
    assert main(["asof", "2011-02-30"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "'2011-02-30' is not a date" in err


# ---------------------------------------------------------------------------------------------------
# Dates of any precision compare with a day: no row is dropped for a type mismatch


@pytest.mark.parametrize(
    ("post", "holder", "inside", "after"),
    [
        # a year (BIOGRAPHIES > Tokayev: Chairman of the Senate from 2007)
        ("post:chairman-of-the-senate", "person:kassym-jomart-tokayev", "2007-06-01", "2008-01-01"),
        # a month (Summary box: Prime Minister since January 2007)
        ("post:prime-minister-of-kazakhstan", "person:karim-massimov", "2007-01-15", "2007-02-01"),
        # a day (BIOGRAPHIES > Tuyakbay: ANSDP chairman from its founding, 10 September 2006, at earliest)
        ("post:chairman-of-ansdp", "person:zharmakhan-tuyakbay", "2006-09-10", "2006-09-09"),
    ],
)
def test_dates_of_every_precision_compare_with_a_day(
    store: LocalStore, post: str, holder: str, inside: str, after: str
) -> None:
    def certainty(day: str) -> set[str]:
        q = DateQuestion("", "office-holders-on", {"post": post, "date": day}, frozenset(), ())
        return {c for e, c, _ in answer(store, q) if e == holder}

    assert certainty(inside) == {"possible"}  # within the stated period (or on the bound): never dropped
    if after > inside:
        assert certainty(after) == {"certain"}  # once the stated period is over, surely begun
    else:
        assert certainty(after) == set()  # the day before the founding: not in effect
    # the asked date at year and month precision too: a period, certainly or possibly in effect in it
    assert certainty(inside[:4]) and certainty(inside[:7])


# ---------------------------------------------------------------------------------------------------
# show and path print bounds as bounds, each with its basis (text written by hand from the profile)


def test_show_explains_each_bound(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "Dariga Nazarbayeva"]) == 0
    out = capsys.readouterr().out
    # IMPORTANT POLITICAL ISSUES > Media: she resigned as head of Khabar before the 2004 campaign
    assert "as Head of Khabar (begin unknown; ended no later than 2004-09, stated)" in out
    assert main(["show", "Karim Massimov"]) == 0
    out = capsys.readouterr().out
    # Summary box: Prime Minister since January 2007, still in office on the profile's date
    assert (
        "as Prime Minister of Kazakhstan (began 2007-01, stated; still in effect on 2011-04-05, "
        "the profile's date)"
    ) in out
    assert main(["show", "Tuyakbay"]) == 0
    out = capsys.readouterr().out
    # BIOGRAPHIES > Tuyakbay: Chairman of the Mazhilis from December 1999, no end given, reported as over
    assert (
        "as Chairman of the Mazhilis (began 1999-12, stated; ended by 2011-04-05, the profile's date)" in out
    )
    # Co-chairman of the ANSDP from its founding (10 September 2006) at the earliest, still in office
    assert (
        "as Co-chairman of the ANSDP (began no earlier than 2006-09-10, stated; still in effect on "
        "2011-04-05, the profile's date)"
    ) in out


def test_path_prints_a_bound_as_a_bound(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["path", "Bulat Abilov", "Nazarbayev", "--max", "1"]) == 0
    out = capsys.readouterr().out
    assert (
        "-[Co-chairman of the ANSDP (from no earlier than 2006-09-10, still in effect on 2011-04-05)]->"
        in out
    )
    assert "<-[Head of Khabar (from an unknown date, until no later than 2004-09)]- Dariga Nazarbayeva" in out
    assert "(2006-09-10)" not in out


# ---------------------------------------------------------------------------------------------------
# EDTF: every dated fact's dates as one Extended Date/Time Format string, carried by the exports


def test_edtf_values_parse_and_say_what_the_profile_says(store: LocalStore) -> None:
    from edtf import parse_edtf

    rows = store.execute("SELECT ?fact ?edtf WHERE { ?fact kz:edtf ?edtf }")
    found = {shorten(r["fact"]): r["edtf"] for r in rows.values()}  # type: ignore[union-attr]
    assert len(found) > 150
    for value in found.values():
        parse_edtf(value)  # a strict EDTF parser accepts every one
    # BIOGRAPHIES > Tuyakbay: Chairman of the State Investigatory Committee 1995-1997
    assert found["tenure:tuyakbay-chairman-of-the-state-investigatory-committee"] == "1995/1997"
    # Summary box: Prime Minister since January 2007, current on the profile's date (an open end)
    assert found["tenure:massimov-prime-minister"] == "2007-01/.."
    # IMPORTANT POLITICAL ISSUES > Media: Dariga's start at Khabar is not given; she left by September 2004
    assert found["tenure:nazarbayeva-head-of-khabar"] == "/2004-09"


def test_csv_and_popolo_exports_carry_edtf(kg: KnowledgeGraph) -> None:
    import csv
    import io
    import json

    edges = list(csv.DictReader(io.StringIO(kg.export("csv")["edges"])))
    senate = [e for e in edges if e["label"] == "Chairman of the Senate"]
    assert [(e["edtf"], e["earliestBegin"], e["when"]) for e in senate] == [
        ("2007/..", "2007-01-01", "from 2007, still in effect on 2011-04-05")
    ]
    popolo = json.loads(kg.export("popolo"))
    by_id = {m["id"]: m for m in popolo["memberships"]}
    assert by_id["https://w3id.org/kzgraph/id/tenure/tokayev-chairman-of-the-senate"]["edtf"] == "2007/.."
