"""The static site built from hostile data: labels and notes that carry markup, script, a javascript:
URL, quotes, ampersands, "</textarea>" and the JavaScript line separators appear on every page only as
text, and run nothing in a browser.

The packaged data is copied and one file added: a person cited in a real section (BIOGRAPHIES > Karim
Massimov, as rule 4 of data/README.md asks), with a current tenure (so the "Who holds power now" query
lists the name) and an ethnicity (so the ontology's page for kz:ethnicity shows the person as an example).
"""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import html5lib
import pytest
import rdflib

from kzgraph.build import compute
from kzgraph.resources import data_dir
from kzgraph.site import build_site
from kzgraph.sources import Sources

ID = "https://w3id.org/kzgraph/id/"
LABEL = "Zz <script>alert(1)</script> \"dq\" 'sq' & </textarea>\u2028end"
NAMES = [
    "</script><img src=x onerror=alert(2)>",
    "javascript:alert(3)",
    'Tom & Jerry &amp; "<b>" &lt;i&gt;',
    "--><!--<script>alert(6)</script>",
]
NOTE = "<img src=x onerror=alert(4)> javascript:alert(5) </textarea>\u2029 <!-- --> ]]>"
PAGE = "id/person/hostile.html"
#: Pages that show the hostile names, and what each must show verbatim.
SHOWN = {
    PAGE: [LABEL, NOTE, *NAMES],
    "browse/people.html": [LABEL],
    "queries/current-office-holders.html": [LABEL],
    "ontology/property/ethnicity.html": [LABEL],
    "id/post/adviser-to-the-president.html": [f"{LABEL} as Adviser to the President"],
    "id/source/bio-massimov.html": [LABEL, NOTE, *NAMES],
    # kz:Person's examples are three of its 38 people, whichever the store lists first: escaped if there
    "ontology/class/Person.html": [],
    "index.html": [],  # (the search index: checked as JSON below)
}
#: IRIs a slug should never have (kzsh:EntityShape rejects them, but the build goes on): a fragment
#: mark, a percent sign, an apostrophe and an ampersand.
FORBIDDEN = {
    "img",
    "iframe",
    "object",
    "embed",
    "textarea",
    "base",
    "link",
    "form",
    "b",
    "i",
    "foreignObject",
}
SCRIPT_SCHEMES = ("javascript:", "data:", "vbscript:")
ODD_IRIS = {f"{ID}person/hash#frag": "Hash IRI", f"{ID}person/pct%20x&y'z": "Percent IRI"}


def turtle(text: str) -> str:
    """A Turtle string literal for ``text``: quotes, backslashes and the line separators escaped."""
    out = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + out.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029") + '"'


ODD = "".join(f"<{iri}> a kz:Person ; skos:prefLabel {turtle(name)} .\n" for iri, name in ODD_IRIS.items())
HOSTILE_TRIG = f"""@prefix kz:      <https://w3id.org/kzgraph/ontology#> .
@prefix src:     <https://w3id.org/kzgraph/id/source/> .
@prefix person:  <https://w3id.org/kzgraph/id/person/> .
@prefix post:    <https://w3id.org/kzgraph/id/post/> .
@prefix tenure:  <https://w3id.org/kzgraph/id/tenure/> .
@prefix concept: <https://w3id.org/kzgraph/id/concept/> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .

GRAPH src:bio-massimov {{
person:hostile a kz:Person ;
    skos:prefLabel {turtle(LABEL)} ;
    skos:altLabel {", ".join(turtle(n) for n in NAMES)} ;
    kz:ethnicity concept:uyghur ;
    kz:note {turtle(NOTE)} .
tenure:hostile-adviser a kz:Tenure ;
    kz:holder person:hostile ;
    kz:post post:adviser-to-the-president ;
    kz:startDate "2009"^^xsd:gYear ;
    kz:status kz:StatusCurrent .
{ODD}}}
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    data = folder / "data"
    data.mkdir()
    for f in data_dir().glob("*.trig"):
        shutil.copy(f, data / f.name)
    (data / "zz-hostile.trig").write_text(HOSTILE_TRIG, encoding="utf-8")
    store = compute(Sources.packaged(data_dir=data)).store
    out = folder / "site"
    build_site(store, out, downloads=False)
    return out


def local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def parse(path: Path) -> ET.Element:
    parser = html5lib.HTMLParser(tree=html5lib.getTreeBuilder("etree"), namespaceHTMLElements=False)
    tree = parser.parse(path.read_bytes(), transport_encoding="utf-8")
    assert parser.errors == [], (path, parser.errors)
    return tree


def texts(tree: ET.Element) -> list[str]:
    """The text of every element on its own (so a name is found whole, as the reader sees it)."""
    out = ["".join(el.itertext()) for el in tree.iter() if local(el.tag) not in ("script", "style")]
    return out + [el.get("aria-label", "") for el in tree.iter()]


@pytest.mark.parametrize("rel", sorted(SHOWN))
def test_hostile_names_are_only_ever_text(site: Path, rel: str) -> None:
    tree = parse(site / rel)
    elements = list(tree.iter())
    tags = [local(el.tag) for el in elements]
    # only the site's own scripts: the search and its index, on the index page
    scripts = [el for el in elements if local(el.tag) == "script"]
    if rel == "index.html":
        assert [el.get("type") for el in scripts] == ["application/json", None]
    else:
        assert scripts == []
    assert not set(tags) & FORBIDDEN, (rel, set(tags) & FORBIDDEN)
    for el in elements:
        for name, value in el.attrib.items():
            assert not local(name).lower().startswith("on"), (rel, local(el.tag), name, value)
            assert not value.strip().lower().startswith(SCRIPT_SCHEMES), (rel, name, value)
    # and the names read verbatim, as text
    shown = texts(tree)
    for text in SHOWN[rel]:
        assert any(text in t for t in shown), (rel, text)
    title = next(el for el in elements if local(el.tag) == "title")
    if rel == PAGE:
        assert "".join(title.itertext()) == f"{LABEL} · kzgraph"
        h1 = next(el for el in elements if local(el.tag) == "h1")
        assert "".join(h1.itertext()) == LABEL


def test_the_search_index_holds_the_names_verbatim_and_cannot_end_its_element(site: Path) -> None:
    raw = (site / "index.html").read_text(encoding="utf-8")
    opening = '<script type="application/json" id="index">'
    start = raw.index(opening) + len(opening)
    blob = raw[start : raw.index("</script>", start)]
    assert "<" not in blob  # (so no "</script" or "<!--" can end or hide the element)
    entries = json.loads(blob)
    hostile = next(e for e in entries if e["h"] == PAGE)
    assert hostile == {"l": LABEL, "n": sorted(NAMES), "k": "people", "h": PAGE}


def test_the_entity_rdf_keeps_the_names_verbatim(site: Path) -> None:
    person = rdflib.URIRef(ID + "person/hostile")
    skos = rdflib.Namespace("http://www.w3.org/2004/02/skos/core#")
    for suffix, fmt in ((".ttl", "turtle"), (".jsonld", "json-ld")):
        g = rdflib.Graph().parse(site / PAGE.replace(".html", suffix), format=fmt)
        assert str(g.value(person, skos.prefLabel)) == LABEL
        assert {str(o) for o in g.objects(person, skos.altLabel)} >= set(NAMES)


@pytest.mark.browser
def test_nothing_runs_in_a_browser(browser: Any, site: Path) -> None:
    dialogs: list[str] = []
    errors: list[str] = []
    blocked: list[str] = []
    context = browser.new_context(service_workers="block")

    def route(r: Any) -> None:
        if r.request.url.startswith("file:"):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    try:
        page = context.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

        page.goto((site / PAGE).as_uri(), wait_until="load")
        assert page.evaluate("document.querySelector('h1').textContent") == LABEL
        assert page.evaluate("document.title") == f"{LABEL} · kzgraph"
        assert page.evaluate("document.querySelectorAll('img, iframe, textarea, script').length") == 0

        page.goto((site / "index.html").as_uri(), wait_until="load")
        for typed in (NAMES[0], NAMES[3], NAMES[1], "</textarea>\u2028"):
            page.fill("#q", typed)
            results = page.evaluate(
                """[...document.querySelectorAll("#results li")].map((li) =>
                     [li.textContent, li.querySelector("a").getAttribute("href")])"""
            )
            assert results[0][1] == PAGE, typed
            written = f", written {typed}" if typed in NAMES else ""
            assert results[0][0] == f"{LABEL} (people){written}", typed
            assert (
                page.evaluate("document.querySelectorAll('#results :not(li, a), img, textarea').length") == 0
            )
        page.wait_for_timeout(100)  # (an image's error event would come after the load)
    finally:
        context.close()
    assert dialogs == []
    assert errors == []
    assert blocked == []


def test_odd_iris_get_working_links_or_no_page(site: Path) -> None:
    tree = parse(site / "browse/people.html")
    links = {"".join(a.itertext()): a.get("href", "") for a in tree.iter() if local(a.tag) == "a"}
    for label in ODD_IRIS.values():
        if label in links:
            target = (site / "browse" / unquote(urlsplit(links[label]).path)).resolve()
            assert target.is_file(), (label, links[label])


def test_the_navigation_links_only_to_pages_that_exist(site: Path) -> None:
    tree = parse(site / "index.html")
    nav = next(el for el in tree.iter() if local(el.tag) == "nav")
    for a in nav.iter("a"):
        assert (site / a.get("href", "")).is_file(), a.get("href")
