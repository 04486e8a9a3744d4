"""Coverage of the international sections: countries, organisations, memberships, bilateral relations,
agreements, visits, figures and the OSCE chairmanship.

Expected values are written by hand from the profile (Summary box; International relations; Relation with
Russia; Relation with other countries in Central Asia; Relation with China; Relation with the US; Relation
with EU; OSCE Chairmanship 2010; mentions in the Economy section and the biographies).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

FACTS = [
    # Summary box: capital, former capital (Economy), ruling party, last and next election
    "country:kazakhstan a kz:Country ; kz:capital place:astana ; kz:formerCapital place:almaty",
    "country:kazakhstan kz:rulingParty party:nur-otan",
    "country:kazakhstan kz:lastElection election:presidential-2011 ; kz:nextElection election:parliamentary-2012",
    "country:kazakhstan kz:governmentType ?gt",
    # Biography of Nazarbayev: the Soviet republics
    'country:kazakh-ssr a kz:Country ; skos:prefLabel "Kazakh Soviet Socialist Republic" ; kz:note ?n',
    "country:ukrainian-ssr a kz:Country ; kz:note ?n",
    "country:soviet-union a kz:Country ; kz:note ?n",
    # Relation with Russia: Georgia; Relation with the US: Kuwait
    'country:georgia a kz:Country ; skos:prefLabel "Georgia" ; kz:source src:relations-russia',
    'country:kuwait a kz:Country ; skos:prefLabel "Kuwait" ; kz:source src:relations-us',
    # Biography of Tokayev: "Russian Federation", Germany
    'country:russia skos:altLabel "Russian Federation"',
    "country:germany a kz:Country ; kz:source src:bio-tokayev",
    # Summary box: the SI Council agreed AZAT's membership
    "intorg:si-council kz:subOrganizationOf intorg:socialist-international",
    # Political system: OSCE/ODIHR and the Election Observation Mission (EOM)
    'intorg:odihr kz:subOrganizationOf intorg:osce ; kz:abbreviation "ODIHR"',
    'intorg:osce-election-observation-mission kz:abbreviation "EOM"',
    # International relations: UN on 2 March 1992, current ECOSOC seat
    'intorg:ecosoc kz:subOrganizationOf intorg:un ; kz:abbreviation "ECOSOC"',
    '?m kz:member country:kazakhstan ; kz:organisation intorg:un ; kz:startDate "1992-03-02"^^xsd:date',
    "?m kz:member country:kazakhstan ; kz:organisation intorg:ecosoc ; kz:status kz:StatusCurrent",
    # International relations: OSCE on 30 January 1992, OSCE Centre established 1998
    '?m kz:member country:kazakhstan ; kz:organisation intorg:osce ; kz:startDate "1992-01-30"^^xsd:date',
    "intorg:osce-centre-in-kazakhstan kz:subOrganizationOf intorg:osce",
    '?e a kz:Founding ; kz:resultingOrganisation intorg:osce-centre-in-kazakhstan ; kz:date "1998"^^xsd:gYear',
    # International relations: EAPC in March 1992, Partnership for Peace in 1995 (NATO framework)
    '?m kz:member country:kazakhstan ; kz:organisation intorg:eapc ; kz:startDate "1992-03"^^xsd:gYearMonth',
    '?m kz:member country:kazakhstan ; kz:organisation intorg:partnership-for-peace ; kz:startDate "1995"^^xsd:gYear',
    "intorg:partnership-for-peace kz:subOrganizationOf intorg:nato",
    # Central Asia: CIS of eleven former Soviet republics and Russia
    "?m kz:member country:russia ; kz:organisation intorg:cis",
    "?m kz:member country:kazakhstan ; kz:organisation intorg:cis",
    "intorg:cis kz:note ?n . FILTER(CONTAINS(LCASE(?n), 'eleven'))",
    # Central Asia: SCO founders
    '?m kz:member country:kazakhstan ; kz:organisation intorg:sco ; kz:membershipRole "founding member"',
    # Central Asia: CICA; China works with Kazakhstan there (Relation with China)
    "?m kz:member country:kazakhstan ; kz:organisation intorg:cica",
    "?m kz:member country:china ; kz:organisation intorg:cica",
    # Central Asia: EAEC established May 2001, member Belarus
    '?e a kz:Founding ; kz:resultingOrganisation intorg:eaec ; kz:date "2001-05"^^xsd:gYearMonth',
    "?m kz:member country:belarus ; kz:organisation intorg:eaec",
    # Central Asia: ECO began as the Central Asian Economic Union in 1994
    'intorg:eco kz:formerName "Central Asian Economic Union"',
    '?e kz:resultingOrganisation intorg:eco ; kz:date "1994"^^xsd:gYear',
    # Central Asia: neighbours
    "?r kz:from country:kazakhstan ; kz:relation kz:borders ; kz:to country:turkmenistan",
    # Central Asia: Kyrgyzstan border dispute; Bakiev's visit after the 2006 statement
    "?r kz:from country:kazakhstan ; kz:relation kz:bilateralRelationWith ; kz:to country:kyrgyzstan ; kz:summary ?s",
    "?v a kz:Visit ; kz:actor person:kurmanbek-bakiev ; kz:place country:kazakhstan",
    # Central Asia: eternal friendship treaty with Uzbekistan, 1998; the May 2005 Uzbekistan-US dispute
    '?t a kz:Treaty ; kz:signatory country:kazakhstan , country:uzbekistan ; kz:date "1998"^^xsd:gYear',
    '?e kz:involves country:uzbekistan , country:united-states ; kz:date "2005-05"^^xsd:gYearMonth',
    "?r kz:from country:kazakhstan ; kz:relation kz:bilateralRelationWith ; kz:to country:turkmenistan",
    # Relation with Russia: good relations; the March 2007 Putin-Nazarbayev meeting; media vs analysts
    "?r kz:from country:kazakhstan ; kz:relation kz:bilateralRelationWith ; kz:to country:russia ; kz:summary ?s",
    '?v a kz:Visit ; kz:actor person:putin , person:nursultan-nazarbayev ; kz:date "2007-03"^^xsd:gYearMonth',
    '?c a kz:Report ; kz:claimantDescription ?d . FILTER(CONTAINS(?d, "media"))',
    '?c a kz:Opinion ; kz:claimantDescription "Kazakh analysts" ; kz:about country:russia',
    "?r kz:from country:kazakhstan ; kz:relation kz:bilateralRelationWith ; kz:to country:georgia",
    # Relation with China: diplomatic relations 3 January 1993; Joint Statement October 1993
    '?r kz:relation kz:diplomaticRelationsWith ; kz:to country:china ; kz:startDate "1993-01-03"^^xsd:date',
    '?t a kz:Treaty ; skos:prefLabel "Joint Statement on the Foundation of the Friendly Relations" ; kz:date "1993-10"^^xsd:gYearMonth',
    # Relation with China: KazMunayGaz and CNPC; the lost ".36 billion" trade figure
    "?t a kz:Treaty ; kz:signatory orgn:kazmunaygaz , orgn:cnpc",
    '?o kz:indicator concept:trade-volume-indicator ; kz:date "2006"^^xsd:gYear ; kz:valueLost true',
    '?e kz:actor person:hu ; kz:date "2006"^^xsd:gYear',
    # Relation with the US: first embassy January 1992; 27 percent of FDI in 2006; about $1.205 billion
    '?r kz:from country:united-states ; kz:relation kz:embassyIn ; kz:to country:kazakhstan ; kz:startDate "1992-01"^^xsd:gYearMonth',
    '?o kz:indicator concept:fdi-share-indicator ; kz:observedEntity country:united-states ; kz:value 27.0 ; kz:date "2006"^^xsd:gYear',
    "?o kz:indicator concept:technical-assistance-indicator ; kz:value 1.205",
    # Relation with the US: the military in IMET, FMF and PfP
    "?m kz:member inst:armed-forces ; kz:organisation intorg:imet",
    "?m kz:member inst:armed-forces ; kz:organisation intorg:fmf",
    "?m kz:member inst:armed-forces ; kz:organisation intorg:partnership-for-peace",
    "?c kz:claimant country:united-states ; kz:about country:kazakhstan ; kz:summary ?s . FILTER(CONTAINS(LCASE(?s), 'cornerstone'))",
    # Relation with EU: PCA signed January 1995, in force 1999, widened 2002
    '?t a kz:Treaty ; kz:abbreviation "PCA" ; kz:signatory intorg:eu ; kz:date "1995-01"^^xsd:gYearMonth ; kz:inForceFrom "1999"^^xsd:gYear',
    '?e kz:amends ?t ; kz:date "2002"^^xsd:gYear . ?t kz:abbreviation "PCA"',
    '?t a kz:Treaty ; skos:prefLabel "Steel Agreement" ; kz:signatory intorg:eu , country:kazakhstan',
    # Relation with EU: 11 member-state embassies and a Commission Delegation; more than 0.3 percent
    "?o kz:indicator concept:embassy-count-indicator ; kz:value 11",
    "intorg:european-commission-delegation kz:subOrganizationOf intorg:eu",
    '?o kz:indicator concept:share-of-eu-trade-indicator ; kz:value 0.3 ; kz:valueQualifier "more than"',
    "?c a kz:Opinion ; kz:claimant intorg:eu ; kz:about country:russia , country:china , country:united-states",
    # OSCE Chairmanship 2010: announced 1 December 2007, chairmanship from 2010
    '?t kz:holder country:kazakhstan ; kz:post post:osce-chairmanship ; kz:startDate "2010"^^xsd:gYear',
    "post:osce-chairmanship kz:postIn intorg:osce",
    '?e a kz:Announcement ; kz:actor intorg:osce ; kz:date "2007-12-01"^^xsd:date',
    # OSCE Chairmanship 2010: US backing reported; Russia on ODIHR; RFE/RL blocked; Russia's allegation
    "?c a kz:Report ; kz:about country:united-states , intorg:odihr",
    "?e kz:actor country:russia ; kz:affects intorg:odihr",
    "?e kz:affects orgn:rferl",
    '?c kz:claimantDescription "western OSCE member states" ; kz:accused country:kazakhstan',
    "?c a kz:Allegation ; kz:claimant country:russia",
]


@pytest.mark.parametrize("pattern", FACTS)
def test_international_fact(ask: Callable[[str], bool], pattern: str) -> None:
    assert ask(pattern), pattern


# Relation with other countries in Central Asia: the five neighbours
def test_neighbours(select: Callable[[str], set[tuple[str, ...]]]) -> None:
    rows = select(
        "SELECT ?c WHERE { ?r a kz:Relationship ; kz:from country:kazakhstan ; kz:relation kz:borders ; kz:to ?c }"
    )
    expected = {"russia", "china", "kyrgyzstan", "turkmenistan", "uzbekistan"}
    assert {r[0].rsplit("/", 1)[1] for r in rows} == expected


# Relation with other countries in Central Asia: the six SCO founders
def test_sco_founders(select: Callable[[str], set[tuple[str, ...]]]) -> None:
    rows = select(
        'SELECT ?c WHERE { ?m kz:organisation intorg:sco ; kz:member ?c ; kz:membershipRole "founding member" }'
    )
    expected = {"china", "kazakhstan", "kyrgyzstan", "russia", "tajikistan", "uzbekistan"}
    assert {r[0].rsplit("/", 1)[1] for r in rows} == expected


# Relation with other countries in Central Asia: the six EAEC members
def test_eaec_members(select: Callable[[str], set[tuple[str, ...]]]) -> None:
    rows = select("SELECT ?c WHERE { ?m a kz:Membership ; kz:organisation intorg:eaec ; kz:member ?c }")
    expected = {"belarus", "kazakhstan", "kyrgyzstan", "russia", "tajikistan", "uzbekistan"}
    assert {r[0].rsplit("/", 1)[1] for r in rows} == expected


# Relation with other countries in Central Asia: the ten ECO members
def test_eco_members(select: Callable[[str], set[tuple[str, ...]]]) -> None:
    rows = select("SELECT ?c WHERE { ?m a kz:Membership ; kz:organisation intorg:eco ; kz:member ?c }")
    expected = {
        "turkey",
        "pakistan",
        "iran",
        "afghanistan",
        "azerbaijan",
        "turkmenistan",
        "kazakhstan",
        "uzbekistan",
        "tajikistan",
        "kyrgyzstan",
    }
    assert {r[0].rsplit("/", 1)[1] for r in rows} == expected


# Relation with EU: the four named other agreements (Steel, Nuclear Safety, Nuclear Fusion, Peaceful Use)
def test_eu_other_agreements(select: Callable[[str], set[tuple[str, ...]]]) -> None:
    rows = select(
        "SELECT ?t WHERE { ?t a kz:Treaty ; kz:signatory intorg:eu , country:kazakhstan . "
        "FILTER NOT EXISTS { ?t kz:abbreviation 'PCA' } }"
    )
    assert len(rows) == 4
