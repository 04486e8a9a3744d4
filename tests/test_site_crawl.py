"""The static site, crawled: every page parses as HTML5, every link lands on a file of the site, nothing
comes from or points to another origin, every page carries the policy, and every entity's RDF parses.

The site is built once (``kzgraph site``'s ``build_site`` on the session's store, downloads included)
and every ``.html`` file in it is parsed once with html5lib, the WHATWG parser in Python.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import html5lib
import pytest
import rdflib
from html5lib.constants import E as PARSE_ERRORS

from kzgraph.query import named_queries
from kzgraph.site import build_site
from kzgraph.store import LocalStore

ID = "https://w3id.org/kzgraph/id/"
SVG = "{http://www.w3.org/2000/svg}"
#: Attributes that make the browser fetch or navigate (their value is a URL).
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "data", "srcset", "cite", "background"}
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
#: The one page that is not the site's own template: the explorer, in the downloads.
EXPLORER = "downloads/explorer.html"
#: The browse lists, in the order of kzgraph.site.BROWSE (the packaged data has every one of them).
BROWSE = [
    "people",
    "parties",
    "posts",
    "elections",
    "countries",
    "organisations",
    "claims",
    "events",
    "conflicts",
    "places",
    "concepts",
    "rules-and-laws",
    "documents",
    "sections-of-the-profile",
]
REMOTE_CSS = re.compile(r"""@import|url\(\s*(?!["']?data:)""", re.IGNORECASE)
#: What a policy may allow: keywords ('none', 'self', 'unsafe-inline'), hashes, and the schemes of content
#: the page makes itself (data:, blob:); never a host, a wildcard, or http:/https:.
SOURCE_EXPRESSION = re.compile(r"'[a-z-]+'|'sha(256|384|512)-[A-Za-z0-9+/=]+'|data:|blob:")


@dataclass
class Page:
    """One parsed page: its tree, html5lib's parse errors, and the URLs its elements name."""

    rel: str
    tree: ET.Element
    errors: list[str]
    urls: list[tuple[str, str, str]] = field(default_factory=list)  # (element, attribute, value)


@dataclass
class Crawl:
    root: Path
    pages: dict[str, Page]


def local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def parse(root: Path, path: Path) -> Page:
    parser = html5lib.HTMLParser(tree=html5lib.getTreeBuilder("etree"), namespaceHTMLElements=False)
    tree = parser.parse(path.read_bytes(), transport_encoding="utf-8")
    errors = [
        f"line {line} col {col}: {PARSE_ERRORS.get(code, code) % (data or {})}"
        for (line, col), code, data in parser.errors
    ]
    page = Page(path.relative_to(root).as_posix(), tree, errors)
    for el in tree.iter():
        for name, value in el.attrib.items():
            if name in URL_ATTRIBUTES or name == XLINK_HREF:
                page.urls.append((local(el.tag), local(name), value))
    return page


@pytest.fixture(scope="module")
def crawl(store: LocalStore, tmp_path_factory: pytest.TempPathFactory) -> Crawl:
    root = tmp_path_factory.mktemp("site") / "site"
    build_site(store, root)
    pages = {p.relative_to(root).as_posix(): parse(root, p) for p in sorted(root.rglob("*.html"))}
    return Crawl(root, pages)


def text_of(el: ET.Element) -> str:
    return "".join(el.itertext())


def find_all(page: Page, tag: str) -> list[ET.Element]:
    return [el for el in page.tree.iter() if local(el.tag) == tag]


def internal_target(crawl: Crawl, page: Page, url: str) -> Path | None:
    """The file an internal URL names (query and fragment dropped), or None for another scheme."""
    if url.startswith(("http:", "https:", "mailto:", "#")):
        return None
    path = unquote(urlsplit(url).path)
    return (crawl.root / page.rel).parent.joinpath(path).resolve()


# ------------------------------------------------------------------------------------------------------


def test_the_site_has_every_part(crawl: Crawl) -> None:
    pages = set(crawl.pages)
    entities = {p for p in pages if p.startswith("id/")}
    assert {"index.html", "ontology/index.html", "queries/index.html", "quality.html"} <= pages
    assert {"downloads/index.html", EXPLORER} <= pages
    assert {f"browse/{g}.html" for g in BROWSE} == {p for p in pages if p.startswith("browse/")}
    assert {f"queries/{name}.html" for name in named_queries()} | {"queries/index.html"} == {
        p for p in pages if p.startswith("queries/")
    }
    # A page per entity and per section of the profile (BIOGRAPHIES > Karim Massimov is bio-massimov).
    assert {
        "id/person/karim-massimov.html",
        "id/person/kassym-jomart-tokayev.html",
        "id/post/prime-minister-of-kazakhstan.html",
        "id/source/bio-massimov.html",
        "id/source/political-system-prime-minister.html",
    } <= entities
    assert {
        "ontology/class/Tenure.html",
        "ontology/class/Person.html",
        "ontology/property/holder.html",
    } <= pages
    for name in ("kzgraph.ttl", "kzgraph.trig", "kzgraph.nq", "kzgraph.nt", "kzgraph.jsonld", "popolo.json"):
        assert (crawl.root / "downloads" / name).stat().st_size > 1000, name
    # Nothing outside the site's own folders, and no page without a title or an h1.
    assert {p.split("/")[0] for p in pages} == {
        "index.html",
        "quality.html",
        "browse",
        "id",
        "ontology",
        "queries",
        "downloads",
    }
    for rel, page in crawl.pages.items():
        if rel == EXPLORER:
            continue
        assert page.tree.get("lang") == "en", rel
        assert text_of(find_all(page, "title")[0]).strip(), rel
        assert len(find_all(page, "h1")) == 1, rel


def test_every_page_parses_as_html5_without_errors(crawl: Crawl) -> None:
    errors = {rel: page.errors for rel, page in crawl.pages.items() if page.errors and rel != EXPLORER}
    assert errors == {}


def test_the_explorer_download_parses_as_html5_without_errors(crawl: Crawl) -> None:
    assert crawl.pages[EXPLORER].errors == []


def test_every_internal_link_lands_on_a_file_of_the_site(crawl: Crawl) -> None:
    broken: dict[str, list[str]] = defaultdict(list)
    checked = 0
    for rel, page in crawl.pages.items():
        for _tag, _attr, url in page.urls:
            target = internal_target(crawl, page, url)
            if target is None:
                continue
            checked += 1
            if not target.is_file() or not target.is_relative_to(crawl.root.resolve()):
                broken[rel].append(url)
    assert dict(broken) == {}
    assert checked > 20000  # (every page links its navigation, its facts' sections and its neighbours)


def test_fragments_name_an_element_of_their_page(crawl: Crawl) -> None:
    missing = []
    for rel, page in crawl.pages.items():
        ids = {el.get("id") for el in page.tree.iter()}
        for _tag, _attr, url in page.urls:
            if url.startswith("#") and url[1:] not in ids:
                missing.append((rel, url))
    assert missing == []


def test_every_page_is_reachable_from_the_index(crawl: Crawl) -> None:
    root = crawl.root.resolve()
    seen = {"index.html"}
    todo = ["index.html"]
    while todo:
        page = crawl.pages[todo.pop()]
        for _tag, _attr, url in page.urls:
            target = internal_target(crawl, page, url)
            if target is not None and target.suffix == ".html" and target.is_file():
                rel = target.relative_to(root).as_posix()
                if rel not in seen:
                    seen.add(rel)
                    todo.append(rel)
    assert set(crawl.pages) - seen == set()


def test_no_element_fetches_or_links_anything_from_another_origin(crawl: Crawl) -> None:
    """Every URL in an attribute is a relative path of the site: no scheme, no host, no data: URL.

    IRIs (``https://w3id.org/kzgraph/...``) are shown as text only: in the entity's <code> line, in the
    SPARQL of the query pages and in the ontology's tables, never as a link.
    """
    scheme_or_host = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*:|//|\\\\)")
    outside = [
        (rel, tag, attr, url)
        for rel, page in crawl.pages.items()
        for tag, attr, url in page.urls
        if scheme_or_host.match(url)
    ]
    assert outside == []
    for rel, page in crawl.pages.items():
        # no attribute anywhere names another origin, but the namespace of the inline SVG drawings
        for el in page.tree.iter():
            for name, value in el.attrib.items():
                if "http://" in value or "https://" in value:
                    assert (local(el.tag), local(name), value) == ("svg", "xmlns", SVG[1:-1]), (rel, name)
        # styles load nothing either: no @import, and url() only of data: (the explorer's icons)
        styles = [el.text or "" for el in find_all(page, "style")] + [
            el.get("style", "") for el in page.tree.iter()
        ]
        assert [css for css in styles if REMOTE_CSS.search(css)] == [], rel
        assert not find_all(page, "link") and not find_all(page, "base") and not find_all(page, "iframe"), rel
        if rel != EXPLORER:
            assert [el for el in find_all(page, "script") if el.get("src") is not None] == [], rel
    # The IRIs are there, as text.
    massimov = crawl.pages["id/person/karim-massimov.html"]
    assert f"{ID}person/karim-massimov" in [text_of(c) for c in find_all(massimov, "code")]


def csp_of(page: Page) -> dict[str, list[str]]:
    head = next(el for el in page.tree.iter() if local(el.tag) == "head")
    metas = [m for m in head if m.get("http-equiv", "").lower() == "content-security-policy"]
    assert len(metas) == 1, page.rel
    # the policy comes before anything it governs
    order = [local(el.tag) for el in head]
    governed = [i for i, tag in enumerate(order) if tag in ("script", "style", "link")]
    assert list(head).index(metas[0]) < min(governed, default=len(order)), page.rel
    policy: dict[str, list[str]] = {}
    for directive in metas[0].get("content", "").split(";"):
        name, *sources = directive.split()
        assert name not in policy, page.rel
        policy[name] = sources
    return policy


def test_every_page_allows_nothing_from_another_origin(crawl: Crawl) -> None:
    for rel, page in crawl.pages.items():
        policy = csp_of(page)
        assert policy["default-src"] == ["'none'"], rel
        for name, sources in policy.items():
            for source in sources:
                assert SOURCE_EXPRESSION.fullmatch(source), (rel, name, source)
        if rel == EXPLORER:
            continue
        assert policy["base-uri"] == ["'none'"] and policy["form-action"] == ["'none'"], rel
        # only the index runs a script of its own (the search); no other page may run any
        scripts = [el for el in find_all(page, "script") if el.get("type") != "application/json"]
        if rel == "index.html":
            assert len(scripts) == 1 and policy["script-src"] == ["'unsafe-inline'"]
        else:
            assert scripts == [], rel
            assert policy.get("script-src", ["'none'"]) == ["'none'"], rel


def test_the_search_index_names_every_entity_page(crawl: Crawl) -> None:
    index = crawl.pages["index.html"]
    blob = next(el for el in find_all(index, "script") if el.get("id") == "index")
    entries = json.loads(blob.text or "")
    assert sorted(e["h"] for e in entries) == sorted(p for p in crawl.pages if p.startswith("id/"))
    massimov = next(e for e in entries if e["h"] == "id/person/karim-massimov.html")
    # The summary box writes "Karim Masimov", the biography "Massimov" (each an skos:altLabel).
    assert massimov == {
        "l": "Karim Massimov",
        "n": ["Karim Masimov", "Masimov", "Massimov"],
        "k": "people",
        "h": "id/person/karim-massimov.html",
    }
    # Each browse list links every entity of its group once, and every entity is in one list.
    listed: list[str] = []
    root = crawl.root.resolve()
    for group in BROWSE:
        page = crawl.pages[f"browse/{group}.html"]
        main = find_all(page, "main")[0]
        targets = [internal_target(crawl, page, a.get("href", "")) for a in main.iter("a")]
        assert targets, group
        listed += [t.relative_to(root).as_posix() for t in targets if t is not None]
    assert sorted(listed) == sorted(e["h"] for e in entries)


def test_entity_rdf_files_parse_and_mention_their_entity(crawl: Crawl) -> None:
    entities = [rel for rel in crawl.pages if rel.startswith("id/")]
    assert len(entities) > 500
    for rel in entities:
        iri = rdflib.URIRef(ID + rel[len("id/") : -len(".html")])
        stem = crawl.root / rel[: -len(".html")]
        ttl = rdflib.Graph().parse(stem.with_suffix(".ttl"), format="turtle")
        jsonld = rdflib.Graph().parse(stem.with_suffix(".jsonld"), format="json-ld")
        assert (iri, None, None) in ttl, rel
        assert set(ttl) == set(jsonld), rel
        # the page links its own files
        page = crawl.pages[rel]
        name = Path(rel).stem
        assert {f"{name}.ttl", f"{name}.jsonld"} <= {Path(u).name for _t, _a, u in page.urls}, rel
    # Karim Massimov's Turtle: his birth date (BIOGRAPHIES > Karim Massimov: 15 June 1965) and the
    # tenure that makes him Prime Minister (since January 2007), with its own triples.
    g = rdflib.Graph().parse(crawl.root / "id/person/karim-massimov.ttl", format="turtle")
    kz = rdflib.Namespace("https://w3id.org/kzgraph/ontology#")
    massimov = rdflib.URIRef(ID + "person/karim-massimov")
    assert str(g.value(massimov, kz.birthDate)) == "1965-06-15"
    tenure = rdflib.URIRef(ID + "tenure/massimov-prime-minister")
    assert (tenure, kz.holder, massimov) in g
    assert (tenure, kz.post, rdflib.URIRef(ID + "post/prime-minister-of-kazakhstan")) in g
    assert str(g.value(tenure, kz.startDate)) == "2007-01"


def term_page(crawl: Crawl, rel: str) -> tuple[int, list[str], dict[str, list[str]]]:
    """An ontology page's use count, its examples and its shapes (heading -> constraints)."""
    page = crawl.pages[rel]
    main = find_all(page, "main")[0]
    used = next(tr for tr in main.iter("tr") if text_of(tr).startswith("used"))
    count = int(text_of(list(used)[1]).split()[0])
    children = list(main)
    examples: list[str] = []
    shapes: dict[str, list[str]] = {}
    for i, el in enumerate(children):
        if el.tag == "h2" and text_of(el) == "Examples from the data":
            examples = [text_of(li) for li in children[i + 1].iter("li")]
        if el.tag == "h3":
            shapes[text_of(el)] = [text_of(li) for li in children[i + 1].iter("li")]
    return count, examples, shapes


def test_ontology_pages_show_three_examples_when_the_graph_has_them(crawl: Crawl) -> None:
    short = {}
    for rel in crawl.pages:
        if rel.startswith("ontology/") and rel != "ontology/index.html":
            count, examples, _shapes = term_page(crawl, rel)
            if len(examples) < min(count, 3):
                short[rel] = (count, len(examples))
    assert short == {}


def test_ontology_pages_show_every_shape_with_its_constraints(crawl: Crawl) -> None:
    _count, _examples, shapes = term_page(crawl, "ontology/class/Tenure.html")
    assert shapes["kzsh:OfficeAfterBirthShape (Violation)"] == [
        "Begins ({?value}) before its holder was born ({?born})."
    ]
    empty = [
        (rel, shape)
        for rel in crawl.pages
        if rel.startswith("ontology/class/")
        for shape, constraints in term_page(crawl, rel)[2].items()
        if not constraints
    ]
    assert empty == []
    # kzsh:TenureShape constrains kz:holder: its page says so.
    _count, _examples, shapes = term_page(crawl, "ontology/property/holder.html")
    assert any("A tenure has exactly one holder, a kz:Agent." in c for cs in shapes.values() for c in cs)


def test_the_ontology_files_parse_and_define_its_terms(crawl: Crawl) -> None:
    kz = rdflib.Namespace("https://w3id.org/kzgraph/ontology#")
    skos = rdflib.Namespace("http://www.w3.org/2004/02/skos/core#")
    for name, fmt in (("kzgraph.ttl", "turtle"), ("kzgraph.jsonld", "json-ld")):
        g = rdflib.Graph().parse(crawl.root / "ontology" / name, format=fmt)
        assert (kz.Tenure, rdflib.RDF.type, rdflib.OWL.Class) in g, name
        assert str(g.value(kz.Tenure, skos.definition)).startswith("One holding of one post by one holder"), (
            name
        )
    # and the ontology's page links them
    assert {"kzgraph.ttl", "kzgraph.jsonld"} <= {u for _t, _a, u in crawl.pages["ontology/index.html"].urls}
