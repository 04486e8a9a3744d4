"""Coverage of the first slice: the President, the Prime Minister, Nur Otan and the 2011 election.

Expected values are written by hand from the profile (Summary box; POLITICAL SYSTEM; Presidential
elections 2011, Results; BIOGRAPHIES).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

FACTS = [
    # Summary box and biography: the President
    'person:nursultan-nazarbayev a kz:Person ; skos:prefLabel "Nursultan Nazarbayev"',
    'person:nursultan-nazarbayev skos:altLabel "Nazarbaev"',
    'person:nursultan-nazarbayev kz:birthDate "1940"^^xsd:gYear',
    "person:nursultan-nazarbayev kz:birthPlace place:chemolgan",
    "?t kz:holder person:nursultan-nazarbayev ; kz:post post:president-of-kazakhstan ; kz:status kz:StatusCurrent",
    # The Prime Minister: seventh since independence, since January 2007
    'person:karim-massimov skos:altLabel "Karim Masimov"',
    'person:karim-massimov kz:birthDate "1965-06-15"^^xsd:date',
    '?t kz:holder person:karim-massimov ; kz:post post:prime-minister-of-kazakhstan ; kz:ordinal 7 ; kz:startDate "2007-01"^^xsd:gYearMonth',
    # Nur Otan
    'party:nur-otan a kz:PoliticalParty ; skos:prefLabel "Nur Otan"',
    # The 3 April 2011 presidential election and its four candidates
    'election:presidential-2011 kz:date "2011-04-03"^^xsd:date ; kz:turnout 89.99 ; kz:totalVotes 8216370',
    "?r kz:election election:presidential-2011 ; kz:contestant person:nursultan-nazarbayev ; kz:votes 7850958 ; kz:voteShare 95.55",
    "?r kz:election election:presidential-2011 ; kz:contestant person:gani-kasymov ; kz:votes 159036 ; kz:voteShare 1.94 ; kz:representing party:patriots-party",
    "?r kz:election election:presidential-2011 ; kz:contestant person:zhambyl-akhmetbekov ; kz:votes 111924 ; kz:voteShare 1.36",
    "?r kz:election election:presidential-2011 ; kz:contestant person:mels-eleusizov ; kz:votes 94452 ; kz:voteShare 1.15 ; kz:representing party:tabighat",
    'person:gani-kasymov skos:altLabel "Ghani Qasimov"',
]


@pytest.mark.parametrize("pattern", FACTS)
def test_slice_fact(ask: Callable[[str], bool], pattern: str) -> None:
    assert ask(pattern), pattern
