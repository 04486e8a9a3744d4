"""Every person, party, election and international organisation the profile names is in the graph.

The names below are copied by hand from the profile, spelled as it spells them (every variant it uses),
with the class each must have. A name matches an entity's preferred label, alternative label,
abbreviation or former name, ignoring case and accents.
"""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, Namespace, URIRef

from kzgraph.facts import fold

KZ = Namespace("https://w3id.org/kzgraph/ontology#")

PEOPLE = [
    # Summary box, overview, introduction, political system
    "Karim Masimov",
    "Nursultan Nazarbayev",
    "Nazarbaev",
    "Dariga Nazarbayeva",
    "Rakhat Aliyev",
    "Dinara",
    "Timur Kulibayev",
    # Parliamentary elections 2007, Presidential elections 2011
    "Bolat Apilov",
    "Zholdasbek Nusenov",
    "Nursultan Nazarbaev",
    "Ghani Qasimov",
    "Zhambyl Akhmetbekov",
    "Mels Eleusizov",
    # Important political issues
    "Leila Baiseitova",
    "Lira Baiseitova",
    "Sergei Duvanov",
    "Svetlana Nazarbayeva",
    "Zamanbek Nurkadilov",
    "Altynbek Sarsenbaiuly",
    "Yerzhan Utembayev",
    "Sergei Dospolov",
    "Kurmanbek Bakiev",
    "Gurbanguly Berdimukhammedov",
    "Putin",
    "Hu",
    # Party profiles
    "Zharmakhan Aitbayuly Tuyakbay",
    "Amirzhan Sagitrakhmanovich Kosanov",
    "Gani A.Kaliev",
    "Alikhan Baimenov",
    "Maksut Narikbaev",
    "Lyudmila Zhulanova",
    "Burikhan Nurmukhamedov",
    "Vladislav B. Kosarev",
    "Vladislav Kosarev",
    "Serikbolsyn A. Abdildin",
    "Gani E. Kasymov",
    "Altynshash K. Zhaganova",
    "Altynshash Jaganova",
    "Bakhytzhhan Zhumagulov",
    "Sergei Tereshchenko",
    "Eduard Poletaev",
    # Biographies
    "Karim Massimov",
    "Kassym-Jomart Tokayev",
    "Zharmarkhan Tuyakbay",
    "Zharmakhan Tuyakbay",
    "Bulat Abilov",
]

PARTIES = [
    ("Nur Otan", KZ.PoliticalParty),
    ("Otan", KZ.PoliticalParty),
    ("All-National Social Democratic Party 'AZAT'", KZ.PoliticalParty),
    ("ANSDP", KZ.PoliticalParty),
    ("All National Social Democratic Party", KZ.PoliticalParty),
    ("National Social Democratic Party", KZ.PoliticalParty),
    ("All-National Social Democratic Party", KZ.PoliticalParty),
    ("Azat Party", KZ.PoliticalParty),
    ("Patriots Party", KZ.PoliticalParty),
    ("Patriot's Party", KZ.PoliticalParty),
    ("Ak Zhol", KZ.PoliticalParty),
    ("Ak-Zhol", KZ.PoliticalParty),
    ("Rukhaniyat", KZ.PoliticalParty),
    ("Auyl", KZ.PoliticalParty),
    ("Kazakhstan Social Democratic Party Auy!", KZ.PoliticalParty),
    ("CPPK", KZ.PoliticalParty),
    ("Communist People's Party of Kazakhstan", KZ.PoliticalParty),
    ("Communist Party of Kazakhstan", KZ.PoliticalParty),
    ("CPK", KZ.PoliticalParty),
    ("Tabighat", KZ.PoliticalParty),
    ("Adilet", KZ.PoliticalParty),
    ("Democratic Choice of Kazakhstan Party", KZ.PoliticalParty),
    ("DVK", KZ.PoliticalParty),
    ("Nagyz Ak Zhol", KZ.PoliticalParty),
    ("National Unity Party of Kazakhstan", KZ.PoliticalParty),
    ("Justice Party", KZ.PoliticalParty),
    ("Kazakh Communist party", KZ.PoliticalParty),
    ("People's opposition union and DVK", KZ.ElectoralCoalition),
    ("Liberal Movement of Kazakhstan", KZ.Organisation),
    ("Coordinating Council of Democratic Forces of Kazakhstan", KZ.Organisation),
    ("Political Movement For a Just Kazakhstan", KZ.Organisation),
]

INTERNATIONAL = [
    "UN",
    "ECOSOC",
    "Economic and Social Council of the UN",
    "OSCE",
    "OSCE Centre in Kazakhstan",
    "Euro-Atlantic Partnership Council",
    "EAPC",
    "NATO",
    "Partnership for Peace",
    "Commonwealth of Independent States",
    "CIS",
    "Shanghai Cooperation Organisation",
    "SCO",
    "Conference on Interaction and Confidence-building Measures in Asia",
    "CICA",
    "Eurasian Economic Community",
    "EAEC",
    "Economic Cooperation Organization",
    "ECO",
    "Central Asian Economic Union",
    "EU",
    "Office for Democratic Institutions and Human Rights",
    "ODIHR",
    "Election Observation Mission",
    "Parliamentary Assembly of the Council of Europe",
    "CIS Inter-parliamentary Assembly",
    "SI Council",
    "World Bank",
    "Asian Development Bank",
    "European Neighbourhood Policy",
]

COUNTRIES = [
    "Kazakhstan",
    "Russia",
    "China",
    "Kyrgyzstan",
    "Turkmenistan",
    "Uzbekistan",
    "Tajikistan",
    "Belarus",
    "Turkey",
    "Pakistan",
    "Iran",
    "Afghanistan",
    "Azerbaijan",
    "Georgia",
    "Kuwait",
    "Germany",
    "US",
    "Soviet Union",
]

ELECTIONS = [
    # (class, year and month as the profile dates them)
    (KZ.PresidentialElection, "1991-12"),
    (KZ.PresidentialElection, "1999-01"),
    (KZ.PresidentialElection, "2005-12"),
    (KZ.PresidentialElection, "2011-04-03"),
    (KZ.ParliamentaryElection, "2004-09"),
    (KZ.ParliamentaryElection, "2007-08-18"),
]

NAME_PROPS = ("skos:prefLabel", "skos:altLabel", "kz:abbreviation", "kz:formerName")


def _entities_named(graph: Graph, name: str, cls: URIRef) -> set[str]:
    found = set()
    rows = graph.query(
        "SELECT ?e ?n WHERE { ?e (" + "|".join(NAME_PROPS) + ") ?n ; a/rdfs:subClassOf* ?cls }",
        initNs={
            "skos": "http://www.w3.org/2004/02/skos/core#",
            "kz": str(KZ),
            "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
        },
        initBindings={"cls": cls},
    )
    for e, n in rows:  # type: ignore[misc]
        if fold(str(n)) == fold(name):
            found.add(str(e))
    return found


@pytest.mark.parametrize("name", PEOPLE)
def test_every_named_person_is_present(graph: Graph, name: str) -> None:
    assert len(_entities_named(graph, name, KZ.Person)) == 1, name


@pytest.mark.parametrize(("name", "cls"), PARTIES)
def test_every_named_party_is_present(graph: Graph, name: str, cls: URIRef) -> None:
    assert _entities_named(graph, name, cls), name


@pytest.mark.parametrize("name", INTERNATIONAL)
def test_every_named_international_organisation_is_present(graph: Graph, name: str) -> None:
    assert _entities_named(graph, name, KZ.Organisation), name


@pytest.mark.parametrize("name", COUNTRIES)
def test_every_named_country_is_present(graph: Graph, name: str) -> None:
    assert len(_entities_named(graph, name, KZ.Country)) == 1, name


@pytest.mark.parametrize(("cls", "date"), ELECTIONS)
def test_every_named_election_is_present(graph: Graph, cls: URIRef, date: str) -> None:
    rows = graph.query(
        "ASK { ?e a ?cls ; <https://w3id.org/kzgraph/ontology#date> ?d FILTER (STR(?d) = ?date) }",
        initBindings={"cls": cls, "date": Literal(date)},
    )
    assert rows.askAnswer, (cls, date)
