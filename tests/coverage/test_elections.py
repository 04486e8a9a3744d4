"""Coverage of the elections: presidential 1991-2011, the Mazhilis elections of 2004 and 2007, the planned
2012 election, the 2011 referendum that was not held, their results, the claims made about them and the
points where the profile contradicts itself.

Expected values are written by hand from the profile text (Summary box; opening paragraph; INTRODUCTION;
POLITICAL SYSTEM and its 2007 and 2011 election sections; the party sections; Tuyakbay's biography).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

FACTS = [
    # Summary box; The President: first elected December 1991, re-elected January 1999, December 2005
    # and April 2011
    'election:presidential-1991 a kz:PresidentialElection ; kz:date "1991-12"^^xsd:gYearMonth ;'
    " kz:electsTo post:president-of-kazakhstan",
    "?r kz:election election:presidential-1991 ; kz:contestant person:nursultan-nazarbayev ; kz:elected true",
    'election:presidential-1999 a kz:PresidentialElection ; kz:date "1999-01"^^xsd:gYearMonth',
    "?r kz:election election:presidential-1999 ; kz:contestant person:nursultan-nazarbayev ; kz:elected true",
    'election:presidential-2005 a kz:PresidentialElection ; kz:date "2005-12"^^xsd:gYearMonth',
    "?r kz:election election:presidential-2005 ; kz:contestant person:nursultan-nazarbayev ; kz:elected true",
    # The President: the October 1998 amendments let Nazarbayev call an early race for January 1999
    "election:presidential-1999 kz:early true ; kz:calledBy person:nursultan-nazarbayev",
    "election:presidential-1999 kz:governedBy ?r . ?r kz:termYears 7",
    # Tuyakbay's biography: in December 2005 he came second with 6 percent
    "?r kz:election election:presidential-2005 ; kz:contestant person:zharmakhan-tuyakbay ; kz:rank 2 ;"
    " kz:voteShare ?s FILTER(?s = 6)",
    # Presidential elections 2011: early, two years ahead; 22 potential candidates reduced to four
    "election:presidential-2011 kz:early true ; kz:yearsEarly 2 ; kz:potentialCandidates 22 ;"
    " kz:registeredContestants 4",
    # The presidential republic: eligibility (citizen, 40, Kazakh, 15 years' residency) applied in 2011
    "election:presidential-2011 kz:governedBy ?r . ?r a kz:EligibilityRule ; kz:minimumAge 40 ;"
    " kz:residencyYears 15 ; kz:requiresCitizenship true ; kz:requiredLanguage concept:kazakh-language",
    # The presidential republic: more than half to win, else the two leaders meet within two months
    "?r a kz:ElectoralSystemRule ; kz:appliesTo post:president-of-kazakhstan ; kz:majorityPercent ?m ;"
    " kz:runoffCandidates 2 ; kz:runoffWithinMonths 2 FILTER(?m = 50)",
    # 2011 Background: proposed March 2011 referendum, rejected by the Constitutional Council on 31 January
    "election:referendum-2011 a kz:Referendum ; kz:status kz:StatusCancelled ;"
    ' kz:date "2011-03"^^xsd:gYearMonth',
    "?e a kz:Ruling ; kz:actor inst:constitutional-council ; kz:affects election:referendum-2011 ;"
    ' kz:date "2011-01-31"^^xsd:date',
    # 2011 Background: it would still go ahead with 80% of parliament or a 200,000-signature petition
    "election:referendum-2011 kz:governedBy ?r . ?r kz:requiredParliamentShare ?p FILTER(?p = 80)",
    "election:referendum-2011 kz:governedBy ?r . ?r kz:requiredSignatures 200000",
    # 2011 Background: media reports of 2,600,000 signatures; observers on Nazarbayev's change of mind
    "?c a kz:Report ; kz:about election:referendum-2011 ; kz:claimedValue ?v ; kz:claimantDescription ?d"
    " FILTER(?v = 2600000)",
    "?c a kz:Opinion ; kz:about election:referendum-2011 ; kz:about person:nursultan-nazarbayev ;"
    " kz:claimantDescription ?d",
    # Presidential elections 2011: the opposition called a boycott; OSCE and monitors' criticism
    "?b a kz:Boycott ; kz:involves election:presidential-2011 ; skos:prefLabel ?l",
    "?c a/rdfs:subClassOf* kz:Claim ; kz:claimant intorg:osce ; kz:about election:presidential-2011",
    "?c a kz:Finding ; kz:about election:presidential-2011 ; kz:claimantDescription ?d"
    ' FILTER(CONTAINS(LCASE(?d), "monitor"))',
    # Opening paragraph vs results table: 95.5 against 95.55 percent
    "?c a kz:Conflict ; kz:about result:presidential-2011-nazarbayev ; kz:conflictProperty kz:voteShare ;"
    " kz:reading ?a , ?b . ?a kz:readingValue ?x . ?b kz:readingValue ?y FILTER(?x = 95.5 && ?y = 95.55)",
    # Presidential republic (1990) vs Summary box and The President (December 1991)
    '?c a kz:Conflict ; kz:reading ?a , ?b . ?a kz:readingValue "1990"^^xsd:gYear ;'
    " kz:source src:political-system ."
    ' ?b kz:readingValue "1991-12"^^xsd:gYearMonth',
    # Party sections and Tuyakbay's biography: the September 2004 Mazhilis election (Third Convocation),
    # mostly majoritarian with ten proportional seats
    'election:parliamentary-2004 a kz:ParliamentaryElection ; kz:date "2004-09"^^xsd:gYearMonth ;'
    " kz:electsTo inst:mazhilis ; kz:proportionalSeats 10",
    "?r kz:election election:parliamentary-2004 ; kz:contestant party:ak-zhol ; kz:voteShare 12.04 ;"
    " kz:seats 2",
    "?r kz:election election:parliamentary-2004 ; kz:contestant party:communist-peoples-party ;"
    " kz:voteShare 1.98",
    "?r kz:election election:parliamentary-2004 ; kz:contestant party:peoples-opposition-union-and-dvk ;"
    " kz:voteShare 3.44",
    "?r kz:election election:parliamentary-2004 ; kz:contestant party:patriots-party ; kz:voteShare 0.55",
    "?r kz:election election:parliamentary-2004 ; kz:contestant party:rukhaniyat ; kz:voteShare 0.44",
    "?r kz:election election:parliamentary-2004 ; kz:contestant party:auyl ; kz:seats 0"
    " FILTER NOT EXISTS { ?r kz:voteShare ?s }",
    "?r kz:election election:parliamentary-2004 ; kz:contestant party:nur-otan",
    # Tuyakbay's biography: he condemned the violations during the 2004 elections
    "?c a/rdfs:subClassOf* kz:Claim ; kz:claimant person:zharmakhan-tuyakbay ;"
    " kz:about election:parliamentary-2004",
    # POLITICAL SYSTEM: the ODIHR's 2004 Assessment and Final Report
    "doc:odihr-assessment-2004 kz:issuedBy intorg:odihr",
    "doc:odihr-final-report-2004 kz:issuedBy intorg:odihr ; kz:about election:parliamentary-2004",
    # Election results 2007: 18 August, turnout 64.5, 98 list seats, seven parties registered
    'election:parliamentary-2007 a kz:ParliamentaryElection ; kz:date "2007-08-18"^^xsd:date ;'
    " kz:turnout 64.5 ;"
    " kz:electsTo inst:mazhilis ; kz:calledBy person:nursultan-nazarbayev",
    "election:parliamentary-2007 kz:seatsContested 98 ; kz:registeredContestants 7",
    "election:parliamentary-2007 kz:governedBy ?r . ?r kz:thresholdPercent ?t FILTER(?t = 7)",
    # Overview of election results 2007: the table, row by row
    '?r kz:election election:parliamentary-2007 ; kz:contestant party:ak-zhol ; kz:listedAs "Ak-Zhol" ;'
    " kz:voteShare 3.09 ; kz:seats 0",
    '?r kz:election election:parliamentary-2007 ; kz:contestant party:ansdp ; kz:listedAs "ANSDP" ;'
    " kz:voteShare 4.54 ; kz:seats 0",
    '?r kz:election election:parliamentary-2007 ; kz:contestant party:auyl ; kz:listedAs "Auyl" ;'
    " kz:voteShare 1.51 ; kz:seats 0",
    '?r kz:election election:parliamentary-2007 ; kz:listedAs "CPPK" ; kz:voteShare 1.29 ; kz:seats 0 ;'
    " kz:contestant party:communist-peoples-party ; kz:note ?n",
    '?r kz:election election:parliamentary-2007 ; kz:contestant party:nur-otan ; kz:listedAs "Nur Otan" ;'
    " kz:voteShare 88.41 ; kz:seats 98 ; kz:rank 1",
    "?r kz:election election:parliamentary-2007 ; kz:contestant party:patriots-party ;"
    ' kz:listedAs "Patriot\'s Party" ; kz:voteShare 0.78 ; kz:seats 0',
    '?r kz:election election:parliamentary-2007 ; kz:contestant party:rukhaniyat ; kz:listedAs "Rukhaniyat" ;'
    " kz:voteShare 0.37 ; kz:seats 0",
    # Party sections: which party the CPPK row stands for, both readings kept
    '?c a kz:Conflict ; kz:about ?r ; kz:reading ?a , ?b . ?r kz:listedAs "CPPK" .'
    " ?a kz:refersTo party:communist-peoples-party . ?b kz:refersTo party:communist-party-of-kazakhstan",
    # INTRODUCTION and Background: the OSCE report on 2007
    "doc:osce-report-2007-elections kz:issuedBy intorg:osce ; kz:about election:parliamentary-2007",
    "?c a/rdfs:subClassOf* kz:Claim ; kz:claimant intorg:osce ;"
    " kz:inDocument doc:osce-report-2007-elections ;"
    " kz:accused party:nur-otan",
    # Election results 2007: flaws in more than 40 percent of polling stations visited
    "?c kz:claimant intorg:osce ; kz:about election:parliamentary-2007 ; kz:claimedValue ?v FILTER(?v = 40)",
    # Election results 2007: the opposition accused Nazarbayev of ordering mass falsifications
    "?c a kz:Accusation ; kz:accused person:nursultan-nazarbayev ; kz:about election:parliamentary-2007 ;"
    " kz:claimantDescription ?d",
    # Election results 2007: Apilov's turnout of about 47 percent; Nusenov on the Almaty region; ANSDP's
    # about 13 percent in the Taldy-Kurgan part of the region
    "?c a kz:Estimate ; kz:claimant person:bolat-apilov ; kz:claimedProperty kz:turnout ; kz:claimedValue ?v"
    " FILTER(?v = 47)",
    "?c kz:claimant person:zholdasbek-nusenov ; kz:about place:almaty-region ;"
    " kz:about election:parliamentary-2007",
    "?c kz:claimant party:ansdp ; kz:about place:taldy-kurgan ; kz:claimedValue ?v FILTER(?v = 13)",
    # Background 2007: ANSDP complained that TV Khabar refused some of its advertisements
    "?c a kz:Accusation ; kz:claimant party:ansdp ; kz:accused orgn:khabar ;"
    " kz:about election:parliamentary-2007",
    # POLITICAL SYSTEM: four parties told the EOM they are poorly represented among TECs; ANSDP's nominees
    # rejected by the Maslikhats
    "?c kz:about inst:tec ; kz:claimant party:patriots-party , party:ak-zhol , party:ansdp ,"
    " party:rukhaniyat",
    "?c a kz:Accusation ; kz:claimant party:ansdp ; kz:accused inst:maslikhats",
    # Summary box: next election, parliamentary 2012
    "election:parliamentary-2012 a kz:ParliamentaryElection ; kz:status kz:StatusPlanned ;"
    ' kz:date "2012"^^xsd:gYear',
]


@pytest.mark.parametrize("pattern", FACTS)
def test_election_fact(ask: Callable[[str], bool], pattern: str) -> None:
    assert ask(pattern), pattern


def test_2007_table_has_seven_rows_and_98_seats(select: Callable[[str], set[tuple[str, ...]]]) -> None:
    # Overview of election results 2007: seven parties; Nur Otan took all 98 seats
    rows = select(
        "SELECT (COUNT(?r) AS ?n) (SUM(?s) AS ?seats) (SUM(?v) AS ?share) WHERE {"
        " ?r kz:election election:parliamentary-2007 ; kz:seats ?s ; kz:voteShare ?v }"
    )
    ((n, seats, share),) = rows
    assert int(n) == 7
    assert int(seats) == 98
    assert Decimal(share) == Decimal("99.99")


def test_2011_votes_add_up_to_the_total(select: Callable[[str], set[tuple[str, ...]]]) -> None:
    # Presidential elections 2011, Results: 7,850,958 + 159,036 + 111,924 + 94,452 = 8,216,370
    rows = select(
        "SELECT (SUM(?v) AS ?sum) ?total WHERE { election:presidential-2011 kz:totalVotes ?total ."
        " ?r kz:election election:presidential-2011 ; kz:votes ?v } GROUP BY ?total"
    )
    assert rows == {("8216370", "8216370")}


def test_nazarbayev_elected_four_times(select: Callable[[str], set[tuple[str, ...]]]) -> None:
    # Opening paragraph: re-elected three times; The President: 1991, 1999, 2005, 2011
    rows = select(
        "SELECT ?e WHERE { ?r kz:contestant person:nursultan-nazarbayev ; kz:elected true ; kz:election ?e }"
    )
    assert {r[0].rsplit("/", 1)[-1] for r in rows} == {
        "presidential-1991",
        "presidential-1999",
        "presidential-2005",
        "presidential-2011",
    }
