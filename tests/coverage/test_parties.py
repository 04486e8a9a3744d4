"""Coverage of the parties, coalitions and movements (data/parties.trig).

Every expected value below is written by hand from the profile text: the Summary box, THE PARLIAMENT,
Political Opposition, the SOCIAL DEMOCRATIC PARTIES / Other opposition parties / PRO-GOVERNMENT PARTIES
sections and Tuyakbay's biography. Election results stated in the party sections belong to
elections.trig and are not checked here.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

FACTS = [
    # --- Summary box: sister party, membership agreed by the SI Council, to be ratified
    "?m a kz:Membership ; kz:member party:ansdp ; kz:organisation intorg:socialist-international ; kz:status kz:StatusPending",
    """party:ansdp skos:altLabel "All-National Social Democratic Party 'AZAT'" """,
    "party:nur-otan kz:alignment kz:ProGovernment",
    # --- SOCIAL DEMOCRATIC PARTIES: All National Social Democratic Party (ANSDP)
    'party:ansdp a kz:PoliticalParty ; kz:abbreviation "ANSDP"',
    'party:ansdp skos:altLabel "All National Social Democratic Party"',
    'party:ansdp skos:altLabel "National Social Democratic Party"',
    "party:ansdp kz:alignment kz:Opposition ; kz:ideology concept:social-democracy",
    "party:ansdp kz:hasOfficeIn place:astana , place:almaty",
    '?t kz:holder person:zharmakhan-tuyakbay ; kz:post ?p ; kz:status kz:StatusCurrent . ?p kz:postIn party:ansdp ; skos:prefLabel ?l . FILTER(STRSTARTS(LCASE(?l), "chairman"))',
    '?t kz:holder person:amirzhan-kosanov ; kz:post ?p . ?p kz:postIn party:ansdp ; skos:prefLabel ?l . FILTER(CONTAINS(LCASE(?l), "deputy"))',
    '?e a kz:Founding ; kz:resultingOrganisation party:ansdp ; kz:date "2006-09-10"^^xsd:date',
    '?e a kz:Registration ; kz:affects party:ansdp ; kz:date "2007-01-25"^^xsd:date',
    '?s kz:statedGoal ?g . FILTER(?s = party:ansdp && CONTAINS(LCASE(?g), "innovative economy"))',
    # --- Kazakhstan Social Democratic Party Auy! (Auyl in the 2007 results table)
    'party:auyl a kz:PoliticalParty ; skos:altLabel "Auyl" , "Auy!"',
    "?t kz:holder person:gani-kaliev ; kz:post/kz:postIn party:auyl ; kz:status kz:StatusCurrent",
    '?e a kz:Registration ; kz:affects party:auyl ; kz:date "2002-03-01"^^xsd:date',
    "party:auyl kz:inAllRegions true",
    '?s kz:statedGoal ?g . FILTER(?s = party:auyl && CONTAINS(LCASE(?g), "rural"))',
    # --- Other opposition parties: Ak-Zhol (Bright Path)
    'party:ak-zhol skos:altLabel "Bright Path" , "Ak Zhol"',
    "party:ak-zhol kz:alignment kz:Opposition ; kz:regionCount 12",
    '?e a kz:Registration ; kz:affects party:ak-zhol ; kz:date "2002-04-03"^^xsd:date',
    '?e a kz:Merger ; kz:date "2007-07-08"^^xsd:date ; kz:originalOrganisation party:ak-zhol , party:adilet ; kz:resultingOrganisation party:ak-zhol',
    "party:adilet a kz:PoliticalParty ; kz:alignment kz:ProGovernment",
    "?t kz:holder person:alikhan-baimenov ; kz:post/kz:postIn party:ak-zhol ; kz:status kz:StatusCurrent",
    "?t kz:holder person:maksut-narikbaev ; kz:post/kz:postIn party:adilet ; kz:status kz:StatusEnded",
    # --- Communist People's Party of Kazakhstan
    '?e a kz:Split ; kz:originalOrganisation party:communist-party-of-kazakhstan ; kz:resultingOrganisation party:communist-peoples-party ; kz:date "2004"^^xsd:gYear',
    "?c a kz:Accusation ; kz:claimant person:vladislav-kosarev ; kz:accused person:serikbolsyn-abdildin",
    '?o a kz:Observation ; kz:indicator concept:party-membership-indicator ; kz:observedEntity party:communist-peoples-party ; kz:value 15000 ; kz:valueQualifier "some"',
    "?c a kz:Claim ; kz:claimant person:vladislav-kosarev ; kz:about party:communist-peoples-party ; kz:claimedValue 55000",
    "?t kz:holder person:vladislav-kosarev ; kz:post/kz:postIn party:communist-peoples-party",
    "party:communist-peoples-party kz:ideology concept:marxism-leninism ; kz:hasOfficeIn place:astana , place:almaty",
    # --- Communist Party of Kazakhstan
    'party:communist-party-of-kazakhstan kz:abbreviation "CPK"',
    '?e a kz:Registration ; kz:affects party:communist-party-of-kazakhstan ; kz:date "1998-08-27"^^xsd:date',
    "?t kz:holder person:serikbolsyn-abdildin ; kz:post/kz:postIn party:communist-party-of-kazakhstan",
    "party:communist-party-of-kazakhstan kz:ideology concept:scientific-socialism ; kz:inAllRegions true",
    'party:peoples-opposition-union-and-dvk a kz:ElectoralCoalition ; skos:prefLabel "People\'s opposition union and DVK"',
    "?m a kz:Membership ; kz:member party:communist-party-of-kazakhstan ; kz:organisation party:peoples-opposition-union-and-dvk",
    "?e a kz:Boycott ; kz:actor party:communist-party-of-kazakhstan ; kz:involves election:parliamentary-2007",
    # --- Patriots Party
    'party:patriots-party skos:altLabel "Patriot\'s Party" ; kz:regionCount 12',
    '?e a kz:Registration ; kz:affects party:patriots-party ; kz:date "2000-08-04"^^xsd:date ; kz:provisional true',
    '?e a kz:Registration ; kz:affects party:patriots-party ; kz:date "2001-08"^^xsd:gYearMonth ; kz:registeredBy inst:ministry-of-justice',
    '?e kz:actor orgn:union-of-officers ; kz:involves party:patriots-party ; kz:date "2004-04-24"^^xsd:date',
    "?o a kz:Observation ; kz:observedEntity orgn:union-of-officers ; kz:value 27000",
    "?t kz:holder person:gani-kasymov ; kz:post/kz:postIn party:patriots-party ; kz:status kz:StatusCurrent",
    # --- Rukhaniyat (Spirituality)
    'party:rukhaniyat skos:altLabel "Spirituality"',
    '?e a kz:Registration ; kz:affects party:rukhaniyat ; kz:date "2003-10-30"^^xsd:date',
    "?e a kz:Founding ; kz:resultingOrganisation party:rukhaniyat ; kz:originalOrganisation party:revival-of-kazakhstan-party",
    '?e a kz:Founding ; kz:resultingOrganisation party:revival-of-kazakhstan-party ; kz:founder person:altynshash-zhaganova ; kz:date "1995"^^xsd:gYear',
    "?t kz:holder person:altynshash-zhaganova ; kz:post/kz:postIn party:rukhaniyat",
    # --- PRO-GOVERNMENT PARTIES: National Democratic Party Nur Otan (Fatherland)
    'party:nur-otan skos:altLabel "Otan" , "Fatherland"',
    "?e a kz:Founding ; kz:resultingOrganisation party:nur-otan ; kz:founder person:sergei-tereshchenko ; kz:involves election:presidential-1999",
    "party:liberal-movement-of-kazakhstan a kz:PoliticalMovement",
    'party:justice-party-adolat skos:altLabel "Adolat"',
    '?s kz:statedGoal ?g . FILTER(?s = party:nur-otan && CONTAINS(?g, "2006"))',
    "?t kz:holder person:bakhytzhhan-zhumagulov ; kz:post/kz:postIn party:nur-otan",
    "?e a/rdfs:subClassOf* kz:Event ; kz:affects person:nursultan-nazarbayev ; kz:involves/kz:postIn party:nur-otan ; kz:source src:parties-nur-otan",
    "?c a kz:Conflict ; kz:reading ?r . ?r kz:refersTo person:nursultan-nazarbayev ; kz:source src:political-system-parliament",
    "?c a kz:Conflict ; kz:reading ?r . ?r kz:refersTo person:bakhytzhhan-zhumagulov ; kz:source src:parties-nur-otan",
    "?o a kz:Observation ; kz:indicator concept:party-membership-indicator ; kz:observedEntity party:nur-otan ; kz:value 607557",
    "?c a kz:Opinion ; kz:claimant person:eduard-poletaev ; kz:about party:nur-otan",
    'orgn:news-briefing-central-asia a kz:MediaOutlet ; skos:prefLabel "News Briefing Central Asia"',
    # --- IMPORTANT POLITICAL ISSUES, Political Opposition: the DVK and Nagyz Ak Zhol
    'party:dvk kz:abbreviation "DVK" ; kz:alignment kz:Opposition',
    '?e a kz:Ban ; kz:affects party:dvk ; kz:date "2005-01"^^xsd:gYearMonth',
    "?e a kz:Renaming ; kz:originalOrganisation party:dvk",
    '?e a kz:RegistrationRefusal ; kz:actor inst:supreme-court ; kz:affects party:dvk ; kz:date "2006-06-06"^^xsd:date',
    '?o a kz:Observation ; kz:observedEntity party:dvk ; kz:value 62000 ; kz:valueQualifier "more than"',
    "party:nagyz-ak-zhol kz:alignment kz:Opposition",
    "?t kz:holder person:altynbek-sarsenbaiuly ; kz:post/kz:postIn party:nagyz-ak-zhol ; kz:status kz:StatusEnded",
    # --- BIOGRAPHIES: Zharmakhan Tuyakbay's party roles
    # vice-chairman of Otan "several months before" the September 2004 elections: a bound, not a year
    "?t kz:holder person:zharmakhan-tuyakbay ; kz:post/kz:postIn party:nur-otan ;"
    ' kz:startNoLaterThan "2004-09"^^xsd:gYearMonth . FILTER NOT EXISTS { ?t kz:startDate ?d }',
    '?t kz:holder person:zharmakhan-tuyakbay ; kz:post/kz:postIn party:coordinating-council-of-democratic-forces ; kz:startDate "2004"^^xsd:gYear',
    '?t kz:holder person:zharmakhan-tuyakbay ; kz:post/kz:postIn party:for-a-just-kazakhstan ; kz:startDate "2005-03"^^xsd:gYearMonth',
    "party:for-a-just-kazakhstan a kz:PoliticalMovement",
    "?a kz:holder person:zharmakhan-tuyakbay ; kz:coHolder ?b . ?b kz:holder person:bulat-abilov",
    "?e a kz:Founding ; kz:resultingOrganisation party:ansdp ; kz:founder person:zharmakhan-tuyakbay",
    "?e a kz:Merger ; kz:originalOrganisation party:ansdp , party:azat",
    # --- Parliamentary elections 2007, Election results: two ANSDP leaders quoted
    "?t kz:holder person:bolat-apilov ; kz:post/kz:postIn party:ansdp",
    "?t kz:holder person:zholdasbek-nusenov ; kz:post/kz:postIn party:ansdp",
]


@pytest.mark.parametrize("pattern", FACTS)
def test_party_fact(ask: Callable[[str], bool], pattern: str) -> None:
    assert ask(pattern), pattern


PERSON = "https://w3id.org/kzgraph/id/person/"
PARTY = "https://w3id.org/kzgraph/id/party/"


def test_otan_bases(select: Callable[[str], set[tuple[str, ...]]]) -> None:
    # PRO-GOVERNMENT PARTIES: Otan was formed on the basis of four named parties and movements.
    rows = select(
        "SELECT ?o WHERE { ?e a kz:Founding ; kz:resultingOrganisation party:nur-otan ; kz:originalOrganisation ?o }"
    )
    assert rows == {
        (PARTY + "national-unity-party-of-kazakhstan",),
        (PARTY + "liberal-movement-of-kazakhstan",),
        (PARTY + "for-kazakhstan-2030",),
        (PARTY + "justice-party-adolat",),
    }


def test_ak_zhol_deputies(select: Callable[[str], set[tuple[str, ...]]]) -> None:
    # Ak-Zhol: Narikbaev joins Zhulanova and Nurmukhamedov as Baimenov's deputies.
    rows = select(
        "SELECT ?h WHERE { ?t kz:holder ?h ; kz:post ?p . ?p kz:postIn party:ak-zhol . "
        "FILTER(?h != person:alikhan-baimenov) }"
    )
    assert rows == {
        (PERSON + "maksut-narikbaev",),
        (PERSON + "lyudmila-zhulanova",),
        (PERSON + "burikhan-nurmukhamedov",),
    }


def test_coordinating_council_members(select: Callable[[str], set[tuple[str, ...]]]) -> None:
    # Tuyakbay biography: the Council included the DVK, the Ak Zhol Party and the Communist Party.
    rows = select(
        "SELECT ?m WHERE { ?x a kz:Membership ; kz:member ?m ; "
        "kz:organisation party:coordinating-council-of-democratic-forces }"
    )
    assert rows == {
        (PARTY + "dvk",),
        (PARTY + "ak-zhol",),
        (PARTY + "communist-party-of-kazakhstan",),
    }


def test_nur_otan_leadership_readings(select: Callable[[str], set[tuple[str, ...]]]) -> None:
    # Party section (Zhumagulov chairman; Nazarbayev declined) vs THE PARLIAMENT (Nazarbayev heads it).
    rows = select(
        "SELECT DISTINCT ?who WHERE { ?c a kz:Conflict ; kz:about party:nur-otan ; kz:reading ?r . "
        "?r kz:refersTo ?who ; kz:source ?s }"
    )
    assert rows == {(PERSON + "bakhytzhhan-zhumagulov",), (PERSON + "nursultan-nazarbayev",)}


def test_opposition_grouping(select: Callable[[str], set[tuple[str, ...]]]) -> None:
    # "Other opposition parties": Ak-Zhol, the two Communist parties, Patriots, Rukhaniyat are opposition.
    rows = select("SELECT ?p WHERE { ?p kz:alignment kz:Opposition }")
    for slug in (
        "ak-zhol",
        "communist-peoples-party",
        "communist-party-of-kazakhstan",
        "patriots-party",
        "rukhaniyat",
    ):
        assert (PARTY + slug,) in rows, slug


def test_party_posts_have_one_label(select: Callable[[str], set[tuple[str, ...]]]) -> None:
    # Every post in a party, coalition or movement carries exactly one preferred label.
    rows = select(
        "SELECT ?p (COUNT(?l) AS ?n) WHERE { ?p a kz:Post ; kz:postIn ?o . "
        "FILTER(STRSTARTS(STR(?o), STR(party:))) OPTIONAL { ?p skos:prefLabel ?l } } GROUP BY ?p"
    )
    assert rows and all(n == "1" for _, n in rows), rows
