"""Generate a synthetic political graph in kzgraph's ontology, of about N triples, that conforms to the shapes.

People with birth dates and places, families (daughters, spouses, former spouses), parties with
chairmen, state bodies with posts and dated tenures (one holder at a time), elections with results whose
votes add up and shares sum to 100, international memberships with join dates: the same kinds of
nodes and ties as the profile, so every stage (load, reason, validate, query, export, render) does the
same kind of work it does on the real graph. Deterministic for a given N and seed.

Run: ``python benchmarks/synth.py --triples 100000 -o build/synth-100k.ttl``
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Iterator
from pathlib import Path

PREFIXES = """@prefix kz: <https://w3id.org/kzgraph/ontology#> .
@prefix src: <https://w3id.org/kzgraph/id/source/> .
@prefix person: <https://w3id.org/kzgraph/id/person/> .
@prefix party: <https://w3id.org/kzgraph/id/party/> .
@prefix inst: <https://w3id.org/kzgraph/id/institution/> .
@prefix intorg: <https://w3id.org/kzgraph/id/intorg/> .
@prefix country: <https://w3id.org/kzgraph/id/country/> .
@prefix place: <https://w3id.org/kzgraph/id/place/> .
@prefix post: <https://w3id.org/kzgraph/id/post/> .
@prefix tenure: <https://w3id.org/kzgraph/id/tenure/> .
@prefix membership: <https://w3id.org/kzgraph/id/membership/> .
@prefix rel: <https://w3id.org/kzgraph/id/relationship/> .
@prefix election: <https://w3id.org/kzgraph/id/election/> .
@prefix result: <https://w3id.org/kzgraph/id/result/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


def blocks(target: int, seed: int) -> Iterator[tuple[int, str]]:
    """Turtle blocks with their triple counts, until about ``target`` triples are written."""
    rng = random.Random(seed)
    yield (
        5,
        (
            'src:synthetic a kz:SourceSection ; skos:prefLabel "Synthetic data" ; '
            'kz:headingPath "SYNTHETIC" ; kz:sectionOrder 1 ; kz:sectionOf src:profile .\n'
            'src:profile a kz:SourceDocument ; skos:prefLabel "Synthetic profile" .'
        ),
    )
    written = 7
    countries = [f"country:c{i}" for i in range(40)]
    for i, c in enumerate(countries):
        yield 3, f'{c} a kz:Country ; skos:prefLabel "Country {i}" ; kz:source src:synthetic .'
    orgs = [f"intorg:o{i}" for i in range(20)]
    for i, o in enumerate(orgs):
        yield (
            3,
            f'{o} a kz:InternationalOrganisation ; skos:prefLabel "Organisation {i}" ; kz:source src:synthetic .',
        )
    places = [f"place:p{i}" for i in range(200)]
    for i, p in enumerate(places):
        yield (
            4,
            f'{p} a kz:City ; skos:prefLabel "City {i}" ; kz:locatedIn {countries[i % 40]} ; kz:source src:synthetic .',
        )
    written += 3 * 40 + 3 * 20 + 4 * 200
    n = 0
    while written < target:
        # One "unit": a state with a chamber, a party, ten people and their ties, posts, tenures,
        # an election with results, and memberships. About 200 triples.
        u = n
        n += 1
        state = countries[u % 40]
        chamber, party = f"inst:chamber-{u}", f"party:party-{u}"
        out = [
            f'{chamber} a kz:LegislativeChamber ; skos:prefLabel "Chamber {u}" ; kz:jurisdiction {state} ; '
            f"kz:source src:synthetic .",
            f'{party} a kz:PoliticalParty ; skos:prefLabel "Party {u}" ; kz:alignment kz:Opposition ; '
            f"kz:source src:synthetic .",
        ]
        count = 4 + 4
        people = [f"person:p{u}-{k}" for k in range(10)]
        for k, p in enumerate(people):
            year = 1930 + rng.randrange(50)
            out.append(
                f'{p} a kz:Person ; skos:prefLabel "Person {u}-{k}" ; skos:altLabel "P. {u}-{k}" ; '
                f'kz:birthDate "{year}"^^xsd:gYear ; kz:birthPlace {places[rng.randrange(200)]} ; kz:source src:synthetic .'
            )
            count += 6
        for a, b, prop in (
            (1, 0, "daughterOf"),
            (2, 0, "daughterOf"),
            (1, 3, "spouseOf"),
            (2, 4, "formerSpouseOf"),
            (5, 6, "siblingInLawOf"),
        ):
            out.append(
                f"rel:u{u}-{a}-{b} a kz:Relationship ; kz:from {people[a]} ; kz:relation kz:{prop} ; "
                f"kz:to {people[b]} ; kz:source src:synthetic ."
            )
            count += 5
        for k, (title, org) in enumerate((("Speaker", chamber), ("Chairman", party), ("Deputy", chamber))):
            post = f"post:u{u}-{k}"
            single = "true" if k < 2 else "false"
            out.append(
                f'{post} a kz:Post ; skos:prefLabel "{title} {u}" ; kz:postIn {org} ; kz:singleHolder {single} ; '
                f"kz:source src:synthetic ."
            )
            count += 5
            start = 1990 + rng.randrange(5)
            for j in range(3):  # three successive holders
                holder = people[(k * 3 + j) % 10]
                end = start + 1 + rng.randrange(4)
                status = f'kz:endDate "{end}"^^xsd:gYear' if j < 2 else "kz:status kz:StatusCurrent"
                out.append(
                    f"tenure:u{u}-{k}-{j} a kz:Tenure ; kz:holder {holder} ; kz:post {post} ; "
                    f'kz:startDate "{start}"^^xsd:gYear ; {status} ; kz:source src:synthetic .'
                )
                count += 6
                start = end + 1
        election = f"election:e{u}"
        shares = [rng.randrange(1, 50) for _ in range(4)]
        total_share = sum(shares)
        votes = [s * 1000 for s in shares]
        out.append(
            f'{election} a kz:ParliamentaryElection ; skos:prefLabel "Election {u}" ; '
            f'kz:date "{2000 + u % 10}-0{1 + u % 9}-1{u % 9}"^^xsd:date ; kz:electsTo {chamber} ; '
            f"kz:totalVotes {sum(votes)} ; kz:source src:synthetic ."
        )
        count += 7
        running = 0.0
        for k in range(4):
            share = round(100.0 * shares[k] / total_share, 2) if k < 3 else round(100.0 - running, 2)
            running += share
            contestant = party if k == 0 else people[k]
            out.append(
                f"result:e{u}-{k} a kz:ElectionResult ; kz:election {election} ; kz:contestant {contestant} ; "
                f"kz:votes {votes[k]} ; kz:voteShare {share:.2f} ; kz:rank {k + 1} ; kz:source src:synthetic ."
            )
            count += 7
        for k in range(3):
            org = orgs[(u + k) % 20]
            out.append(
                f"membership:u{u}-{k} a kz:Membership ; kz:member {state if k else party} ; kz:organisation {org} ; "
                f'kz:startDate "{1992 + k}-0{1 + k}"^^xsd:gYearMonth ; kz:status kz:StatusCurrent ; '
                f"kz:source src:synthetic ."
            )
            count += 6
        written += count
        yield count, "\n".join(out)


def generate(target: int, seed: int = 1) -> str:
    """The Turtle text of a synthetic graph of about ``target`` triples."""
    parts = [PREFIXES]
    for _, text in blocks(target, seed):
        parts.append(text)
    return "\n".join(parts) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--triples", type=int, default=10_000, help="about how many triples (default 10000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-o", "--output", type=Path, help="write here instead of standard output")
    args = parser.parse_args()
    text = generate(args.triples, args.seed)
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
