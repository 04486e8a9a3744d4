"""Coverage of the state institutions, their rules, and the laws and legal changes.

Expected values are written by hand from the profile text (POLITICAL SYSTEM: The presidential republic,
The parliament, The Senate, The President, The Prime Minister; Parliamentary elections 2007, background;
IMPORTANT POLITICAL ISSUES: Corruption, Media, Human trafficking; Nur Otan's party section).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

RULE = "?r a/rdfs:subClassOf* kz:Rule ; "

FACTS = [
    # The parliament: two chambers, the Mazhilis (lower house) and the Senate (upper house)
    "inst:parliament a kz:Legislature",
    'inst:mazhilis a kz:LegislativeChamber ; kz:subOrganizationOf inst:parliament ; skos:altLabel "Majilis"',
    "inst:senate a kz:LegislativeChamber ; kz:subOrganizationOf inst:parliament",
    # The parliament: 98 of the 107 deputies by proportional closed lists, nine from the Assembly
    "inst:mazhilis kz:size 107",
    "?r a kz:CompositionRule ; kz:appliesTo inst:mazhilis ; kz:seats 98 ; kz:selectionMethod ?m"
    ' FILTER(CONTAINS(LCASE(?m), "closed"))',
    "?r a kz:CompositionRule ; kz:appliesTo inst:mazhilis ; kz:seats 9 ;"
    " kz:selectedBy inst:assembly-of-the-people",
    # The parliament: the 366-member Assembly of the People of Kazakhstan, appointed by the President
    'inst:assembly-of-the-people skos:prefLabel "Assembly of the People of Kazakhstan" ; kz:size 366',
    RULE + "kz:appliesTo inst:assembly-of-the-people ; kz:selectedBy post:president-of-kazakhstan",
    # The parliament: at least seven percent of the votes to win seats
    RULE + "kz:appliesTo inst:mazhilis ; kz:thresholdPercent ?t FILTER(?t = 7)",
    # The Senate: one-third appointed by the President; two-thirds by the regions, two per region
    RULE + "kz:appliesTo inst:senate ; kz:shareNumerator 1 ; kz:shareDenominator 3 ;"
    " kz:selectedBy post:president-of-kazakhstan",
    RULE + "kz:appliesTo inst:senate ; kz:shareNumerator 2 ; kz:shareDenominator 3 ; kz:perRegion 2",
    # The Senate: the President appoints the regional governors
    RULE + "kz:appliesTo post:regional-governor ; kz:selectedBy post:president-of-kazakhstan",
    # The Senate: Constitutional Council appointed by the President, the Senate and the Mazhilis
    RULE + "kz:appliesTo inst:constitutional-council ; kz:selectedBy post:president-of-kazakhstan ,"
    " inst:senate , inst:mazhilis",
    # The Senate: Supreme Court elected by the Senate on the President's recommendation
    RULE + "kz:appliesTo inst:supreme-court ; kz:selectedBy inst:senate ;"
    " kz:proposedBy post:president-of-kazakhstan",
    "inst:constitutional-council a kz:Court . inst:supreme-court a kz:Court",
    # The presidential republic: four levels of commissions headed by the CEC
    'inst:cec a kz:ElectionCommission ; skos:prefLabel "CEC" ; kz:tierLevel 1 ; kz:note ?n',
    "inst:regional-election-commissions kz:tierLevel 2 ; kz:bodyCount 16 ; kz:subordinateTo inst:cec",
    "inst:district-election-commissions kz:tierLevel 3 ; kz:bodyCount 205",
    "inst:precinct-election-commissions kz:tierLevel 4 ; kz:bodyCount 9730",
    "inst:precinct-election-commissions kz:subordinateTo+ inst:cec",
    # The presidential republic: seven members, five-year terms, lower tiers active only in elections
    "?c kz:tierLevel ?l ; kz:membersPerBody 7 ; kz:termYears 5 ; kz:activeOnlyDuringElections true"
    " FILTER(?l = 4)",
    "inst:regional-election-commissions kz:membersPerBody 7 ; kz:activeOnlyDuringElections true",
    # The presidential republic: the city commissions of Astana and Almaty are part of the second level
    "?a kz:subOrganizationOf inst:regional-election-commissions ; kz:locatedIn place:astana",
    "?a kz:subOrganizationOf inst:regional-election-commissions ; kz:locatedIn place:almaty",
    # The presidential republic: "TEC" is used without definition; kept apart from the DECs
    'inst:tec a kz:ElectionCommission ; skos:prefLabel "TEC" ; kz:note ?n'
    " FILTER NOT EXISTS { inst:tec owl:sameAs ?x }",
    # The presidential republic: CEC members elected by the Mazhilis on the President's proposal
    RULE + "kz:appliesTo inst:cec ; kz:selectedBy inst:mazhilis ; kz:proposedBy post:president-of-kazakhstan",
    # The presidential republic: Maslikhats select commission members; one nominee per party
    RULE + "kz:appliesTo inst:precinct-election-commissions ; kz:selectedBy inst:maslikhats",
    RULE + "kz:nomineesPerParty 1",
    'inst:maslikhats skos:altLabel "local councils"',
    "inst:akimats a kz:StateBody ; kz:note ?n",
    # The presidential republic: two-round system, two consecutive terms at most
    RULE + "kz:appliesTo post:president-of-kazakhstan ; kz:maxConsecutiveTerms 2 ;"
    " kz:establishedBy law:constitution-of-kazakhstan",
    # The parliament: term limits removed for the first President (May 2007)
    RULE + "kz:appliesTo post:president-of-kazakhstan ; kz:exemptAgent person:nursultan-nazarbayev ;"
    ' kz:startDate "2007-05"^^xsd:gYearMonth',
    # The President: October 1998, five to seven years; The parliament: May 2007, seven to five years
    '?r a kz:TermRule ; kz:termYears ?y ; kz:startDate "1998-10"^^xsd:gYearMonth ;'
    ' kz:endDate "2007-05"^^xsd:gYearMonth FILTER(?y = 7)',
    '?r a kz:TermRule ; kz:termYears ?y ; kz:startDate "2007-05"^^xsd:gYearMonth FILTER(?y = 5)',
    '?r a kz:TermRule ; kz:termYears ?y ; kz:endDate "1998-10"^^xsd:gYearMonth FILTER(?y = 5)',
    # The parliament: the President may engage in party activity (May 2007)
    RULE + 'kz:appliesTo post:president-of-kazakhstan ; kz:startDate "2007-05"^^xsd:gYearMonth ;'
    " kz:establishedBy ?e . ?e kz:amends law:constitution-of-kazakhstan",
    # Nur Otan: a constitutional restriction on a serving president heading a party
    RULE + "kz:appliesTo post:president-of-kazakhstan ; kz:source src:parties-nur-otan",
    # The presidential republic: the President may veto legislation passed by the Mazhilis
    "?r a kz:ProhibitionRule ; kz:appliesTo post:president-of-kazakhstan , inst:mazhilis ;"
    " kz:source src:political-system",
    # The President: budget, constitutional initiative and oversight, fleshed out by a presidential edict
    "?d a kz:Decree ; kz:issuedBy person:nursultan-nazarbayev . ?r kz:appliesTo inst:parliament ;"
    " kz:establishedBy ?d",
    # The President: premier and state bank head ratified by the legislature; the rest of the cabinet
    RULE + "kz:appliesTo post:prime-minister-of-kazakhstan , post:head-of-the-state-bank ;"
    " kz:selectedBy inst:parliament ; kz:proposedBy post:president-of-kazakhstan",
    RULE + "kz:appliesTo inst:council-of-ministers ; kz:selectedBy post:president-of-kazakhstan",
    # The Prime Minister: appointed by the President
    RULE + "kz:appliesTo post:prime-minister-of-kazakhstan ; kz:selectedBy post:president-of-kazakhstan ;"
    " kz:source src:political-system-prime-minister",
    # The President: urgent bills issued by decree after 30 days
    RULE + 'kz:appliesTo inst:parliament ; kz:summary ?s FILTER(CONTAINS(?s, "30"))',
    # The President: the 1995 constitution; the October 1998 amendments approved by the legislature
    '?e a kz:LegalChange ; kz:amends law:constitution-of-kazakhstan ; kz:date "1995"^^xsd:gYear',
    '?e a kz:LegalChange ; kz:amends law:constitution-of-kazakhstan ; kz:date "1998-10"^^xsd:gYearMonth ;'
    " kz:actor inst:parliament",
    # The presidential republic: Election Law amended in April 2004
    '?e a kz:LegalChange ; kz:amends law:election-law ; kz:date "2004-04"^^xsd:gYearMonth',
    # The parliament: May 2007 constitutional amendments and 19 June 2007 Election Law amendments
    '?e a kz:LegalChange ; kz:amends law:constitution-of-kazakhstan ; kz:date "2007-05"^^xsd:gYearMonth',
    '?e a kz:LegalChange ; kz:amends law:election-law ; kz:date "2007-06-19"^^xsd:date',
    # The President: in 2007 parliament voted to allow unlimited terms
    '?e a kz:LegalChange ; kz:actor inst:parliament ; kz:date "2007"^^xsd:gYear ;'
    " kz:affects person:nursultan-nazarbayev",
    # The President: in 2001 the Constitutional Council struck down the deputies' staff bill
    '?e a kz:Ruling ; kz:actor inst:constitutional-council ; kz:date "2001"^^xsd:gYear',
    # Parliamentary elections 2007, background: the President dissolved the Mazhilis
    "?e a kz:Dissolution ; kz:actor person:nursultan-nazarbayev ; kz:affects inst:mazhilis",
    # Background 2007: no coalitions, no independent candidates, mandate lost on leaving the party
    "?r a kz:ProhibitionRule ; kz:appliesTo inst:mazhilis ;"
    " kz:source src:parliamentary-elections-2007-background ;"
    ' kz:summary ?s FILTER(CONTAINS(LCASE(?s), "coalition"))',
    "?r a kz:ProhibitionRule ; kz:appliesTo inst:mazhilis ; kz:summary ?s"
    ' FILTER(CONTAINS(LCASE(?s), "independent"))',
    "?r a kz:ProhibitionRule ; kz:appliesTo inst:mazhilis ;"
    ' kz:summary ?s FILTER(CONTAINS(LCASE(?s), "mandate"))',
    # Background 2007: registration by the Ministry of Justice with signatures of 50,000 members
    "rule:party-registration-members kz:requiredMembers 50000 ; kz:selectedBy inst:ministry-of-justice",
    # Corruption: the 1998 law on fighting corruption; the May 2005 decree endorsing the Code of Honour
    '?e kz:amends law:law-on-fighting-corruption ; kz:date "1998"^^xsd:gYear',
    '?e kz:amends law:code-of-honour-for-government-officials ; kz:date "2005-05"^^xsd:gYearMonth ;'
    " kz:actor person:nursultan-nazarbayev",
    # Media: press freedom in the constitution; libel a criminal offence; insulting the President banned
    RULE + "kz:establishedBy law:constitution-of-kazakhstan ; kz:source src:issues-media",
    RULE + 'kz:source src:issues-media ; kz:summary ?s FILTER(CONTAINS(LCASE(?s), "libel"))',
    RULE + "kz:appliesTo post:president-of-kazakhstan ; kz:establishedBy law:criminal-code",
    "law:media-law a kz:Law . law:criminal-code a kz:Law",
    # Human trafficking: the US State Department
    "inst:us-state-department a kz:StateBody ; kz:jurisdiction country:united-states",
]


@pytest.mark.parametrize("pattern", FACTS)
def test_institution_fact(ask: Callable[[str], bool], pattern: str) -> None:
    assert ask(pattern), pattern


def test_mazhilis_seats_add_up_to_107(select: Callable[[str], set[tuple[str, ...]]]) -> None:
    # The parliament: 98 list deputies plus nine from the Assembly make 107
    rows = select(
        "SELECT (SUM(?s) AS ?seats) ?size WHERE { inst:mazhilis kz:size ?size ."
        " ?r a kz:CompositionRule ; kz:appliesTo inst:mazhilis ; kz:seats ?s } GROUP BY ?size"
    )
    assert rows == {("107", "107")}


def test_second_level_is_14_regional_and_2_city_commissions(
    select: Callable[[str], set[tuple[str, ...]]],
) -> None:
    # The presidential republic: 16 commissions = 14 regional + the city commissions of Astana and Almaty
    rows = select(
        "SELECT (SUM(?n) AS ?parts) (COUNT(?c) AS ?units) ?total WHERE {"
        " inst:regional-election-commissions kz:bodyCount ?total ."
        " ?c kz:subOrganizationOf inst:regional-election-commissions ; kz:bodyCount ?n } GROUP BY ?total"
    )
    ((parts, units, total),) = rows
    assert int(parts) == int(total) == 16
    assert int(units) == 3


def test_four_tier_levels(select: Callable[[str], set[tuple[str, ...]]]) -> None:
    # The presidential republic: a four-level system, one commission tier per level
    rows = select("SELECT ?l WHERE { ?c a kz:ElectionCommission ; kz:tierLevel ?l }")
    assert sorted(int(r[0]) for r in rows) == [1, 2, 3, 4]
