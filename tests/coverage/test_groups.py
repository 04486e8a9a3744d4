"""Statements about a group stay about the group (issue 16).

INTRODUCTION: the President's daughters and sons-in-law have influential positions in the media, the
energy and oil sectors, services and banks; it does not say which of them holds which.
POLITICAL SYSTEM > The President: the eldest daughter Dariga Nazarbayeva and her ex-husband Rakhat
Aliyev were media magnates and controlled businesses in energy, oil, services and banks; the other
daughter, Dinara, is married to Timur Kulibayev, Vice President of KazMunayGaz.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kzgraph.namespaces import ID

GROUP = "group:nazarbayev-daughters-and-sons-in-law"
SECTORS = ["media-sector", "energy-sector", "oil-sector", "services-sector", "banking-sector"]


@pytest.mark.parametrize("sector", SECTORS)
def test_the_group_has_influence_in_each_sector_said_by_the_introduction(
    select: Callable[[str], set[tuple[str, ...]]], sector: str
) -> None:
    rows = select(
        f"SELECT ?s WHERE {{ ?r kz:from {GROUP} ; kz:relation kz:influenceIn ; kz:to concept:{sector} ; "
        "kz:source ?s }"
    )
    assert rows == {(f"{ID}source/introduction",)}


def test_the_group_is_one_node_whose_named_members_are_the_daughters_and_dinaras_husband(
    select: Callable[[str], set[tuple[str, ...]]],
) -> None:
    assert select("SELECT ?g WHERE { ?g a kz:PersonGroup }") == {
        (f"{ID}group/nazarbayev-daughters-and-sons-in-law",)
    }
    members = select(f"SELECT ?m WHERE {{ {GROUP} kz:groupMember ?m }}")
    # Rakhat Aliyev is named as Dariga's ex-husband: not a present son-in-law
    assert members == {
        (f"{ID}person/dariga-nazarbayeva",),
        (f"{ID}person/dinara",),
        (f"{ID}person/timur-kulibayev",),
    }


def test_no_sector_tie_of_a_person_rests_on_the_group_statement(
    select: Callable[[str], set[tuple[str, ...]]],
) -> None:
    rows = select(
        "SELECT ?who ?s WHERE { ?r kz:relation kz:influenceIn ; kz:from ?who ; kz:source ?s . ?who a kz:Person }"
    )
    assert rows  # Dariga Nazarbayeva's and Rakhat Aliyev's own ties remain
    assert {s for _, s in rows} == {f"{ID}source/political-system-president"}
    assert {w.rsplit("/", 1)[-1] for w, _ in rows} == {"dariga-nazarbayeva", "rakhat-aliyev"}


@pytest.mark.parametrize("person", ["dinara", "timur-kulibayev"])
def test_reasoning_gives_no_member_the_groups_ties(store: object, person: str) -> None:
    """Neither the asserted nor the inferred graph gives Dinara or Timur Kulibayev a sector: the profile
    says it only of the group they belong to."""
    from kzgraph.store import LocalStore

    assert isinstance(store, LocalStore)
    found = store.ox.query(
        f"ASK {{ <{ID}person/{person}> <https://w3id.org/kzgraph/ontology#influenceIn> ?sector }}",
        default_graph=store.default_graphs(inferred=True),
    )
    assert not bool(found)
