"""The relationship network: projection, shortest chains (`kzgraph path`) and statistics (`kzgraph stats`).

The chains below are written by hand from the profile, tie by tie.
"""

from __future__ import annotations

from typing import Any

import pytest

from kzgraph.cli import main
from kzgraph.network import build_network, chains, network_stats

ID = "https://w3id.org/kzgraph/id/"
NAZARBAYEV = ID + "person/nursultan-nazarbayev"


@pytest.fixture(scope="module")
def net(view: Any) -> Any:
    return build_network(view)


def shortest(net: Any, a: str, b: str) -> list[list[tuple[str, str, bool, str]]]:
    """Every shortest chain, as (from label, to label, forward, tie label) per hop."""
    found = chains(net, a, b, max_paths=10)
    length = len(found[0])
    return [
        [(net.nodes[h.source]["label"], net.nodes[h.target]["label"], h.forward, h.label) for h in c]
        for c in found
        if len(c) == length
    ]


def test_president_to_his_sister_in_law(net: Any) -> None:
    # IMPORTANT POLITICAL ISSUES > Media: Svetlana Nazarbayeva is the President's sister-in-law.
    assert shortest(net, NAZARBAYEV, ID + "person/svetlana-nazarbayeva") == [
        [("Nursultan Nazarbayev", "Svetlana Nazarbayeva", False, "sibling-in-law of")]
    ]


def test_president_to_his_son_in_law(net: Any) -> None:
    # POLITICAL SYSTEM > The President: his other daughter Dinara is married to Timur Kulibayev.
    assert shortest(net, NAZARBAYEV, ID + "person/timur-kulibayev") == [
        [
            ("Nursultan Nazarbayev", "Dinara", False, "daughter of"),
            ("Dinara", "Timur Kulibayev", True, "spouse of"),
        ]
    ]


def test_president_to_his_former_son_in_law(net: Any) -> None:
    # POLITICAL SYSTEM > The President: his eldest daughter Dariga and her ex-husband Rakhat Aliyev.
    assert shortest(net, NAZARBAYEV, ID + "person/rakhat-aliyev") == [
        [
            ("Nursultan Nazarbayev", "Dariga Nazarbayeva", False, "daughter of"),
            ("Dariga Nazarbayeva", "Rakhat Aliyev", True, "former spouse of"),
        ]
    ]


def test_president_to_his_campaign_manager(net: Any) -> None:
    # PRO-GOVERNMENT PARTIES > Nur Otan: Sergei Tereshchenko, Nazarbayev's campaign manager.
    assert shortest(net, NAZARBAYEV, ID + "person/sergei-tereshchenko") == [
        [("Nursultan Nazarbayev", "Sergei Tereshchenko", False, "campaign manager of")]
    ]


def test_party_chairman_to_the_president(net: Any) -> None:
    # Nur Otan: chaired by Bakhytzhhan Zhumagulov; Overview and INTRODUCTION: Nur Otan is Nazarbayev's
    # party (he is a member of it).
    assert shortest(net, ID + "person/bakhytzhhan-zhumagulov", NAZARBAYEV) == [
        [
            ("Bakhytzhhan Zhumagulov", "Nur Otan", True, "Chairman of Nur Otan"),
            ("Nur Otan", "Nursultan Nazarbayev", False, "member"),
        ]
    ]


def test_alternatives_come_shortest_first(net: Any) -> None:
    found = chains(net, NAZARBAYEV, ID + "person/timur-kulibayev", max_paths=4)
    assert len(found) == 4
    assert [len(c) for c in found] == sorted(len(c) for c in found)


def test_fewer_alternatives_are_a_prefix_of_more(net: Any) -> None:
    """--max 1 shows the first chain of --max 3: ties within one length are ordered by label."""
    abilov = ID + "person/bulat-abilov"
    one, three = chains(net, abilov, NAZARBAYEV, max_paths=1), chains(net, abilov, NAZARBAYEV, max_paths=3)
    assert [one[0]] == three[:1]
    labels = [[net.nodes[h.target]["label"] for h in c] for c in three]
    assert labels == sorted(labels)


def test_path_cli_prints_ties_with_dates_and_sources(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["path", "Zhumagulov", "Nazarbaev", "--max", "1"]) == 2  # not a full name: no match
    capsys.readouterr()
    assert main(["path", "Bakhytzhhan Zhumagulov", "Nazarbaev", "--max", "1"]) == 0
    out = capsys.readouterr().out
    # PRO-GOVERNMENT PARTIES > Nur Otan: Zhumagulov chairs the party, formed in 1999, no date given;
    # Overview, INTRODUCTION, ANSDP: Nur Otan is Nazarbayev's party (a member, still on the profile's date;
    # the party was formed in 1999, so not before then)
    assert out.startswith(
        "1. (2 ties) Bakhytzhhan Zhumagulov -[Chairman of Nur Otan (from no earlier than 1999-01-01, "
        "until an unknown date)]-> Nur Otan"
    )
    assert (
        "<-[member (from no earlier than 1999-01-01, still in effect on 2011-04-05)]- Nursultan Nazarbayev"
        in out
    )
    assert "PRO-GOVERNMENT PARTIES > National Democratic Party Nur Otan" in out


def test_stats(net: Any, capsys: pytest.CaptureFixture[str]) -> None:
    stats = network_stats(net)
    assert stats.kinds["person"] == 38  # every person the profile names
    assert stats.nodes == net.number_of_nodes() and stats.edges == net.number_of_edges()
    # The country and its President are the hubs of the profile's network.
    assert {n for n, _ in stats.betweenness[:2]} == {ID + "country/kazakhstan", NAZARBAYEV}
    assert sum(stats.components) == stats.nodes
    assert len(stats.communities) > 3
    assert main(["stats", "--top", "5"]) == 0
    out = capsys.readouterr().out
    assert "Betweenness centrality, top 5:" in out and "Communities" in out
