"""``kzgraph serve --site``: the static site served with its IRIs resolving by content negotiation, no path
leaving the site; and the w3id.org rules (``w3id/.htaccess``) that do the same for https://w3id.org/kzgraph/."""

from __future__ import annotations

import http.client
import json
import os
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import rdflib

from conftest import ROOT, running_endpoint
from kzgraph.cli import main
from kzgraph.serve import ONTOLOGY_FILES, REPRESENTATIONS, preferred
from kzgraph.site import build_site, page_of, rdf_of
from kzgraph.store import LocalStore

MASSIMOV = "https://w3id.org/kzgraph/id/person/karim-massimov"
SKOS_PREF = rdflib.URIRef("http://www.w3.org/2004/02/skos/core#prefLabel")
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
SECRET = "kzgraph-secret-outside-the-site"


@pytest.fixture(scope="module")
def site(store: LocalStore, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, written once; beside it a file no request may reach, and inside it a link leaving it."""
    folder = tmp_path_factory.mktemp("published")
    build_site(store, folder / "site")
    (folder / "secret.txt").write_text(SECRET, encoding="utf-8")
    (folder / "site" / ".hidden").write_text(SECRET, encoding="utf-8")
    (folder / "site" / "leak.html").symlink_to(folder / "secret.txt")
    (folder / "site" / "id" / "leak").symlink_to(folder, target_is_directory=True)
    return folder / "site"


@pytest.fixture(scope="module")
def endpoint(site: Path) -> Iterator[str]:
    with running_endpoint(timeout=10, site=site) as url:
        yield url


def get(url: str, accept: str | None = None, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    """Status, headers (lower-case names) and body, without following redirects or raising on errors."""
    headers = {"Accept": accept} if accept is not None else {}
    req = urllib.request.Request(url, headers=headers, method=method)
    try:
        with urllib.request.urlopen(req) as resp:
            return resp.status, {k.lower(): v for k, v in resp.headers.items()}, resp.read()
    except urllib.error.HTTPError as err:
        return err.code, {k.lower(): v for k, v in err.headers.items()}, err.read()


def raw(endpoint: str, target: str, method: str = "GET") -> tuple[int, bytes]:
    """A request whose target is sent exactly as written (no client normalises its dots or escapes)."""
    host, port = urllib.parse.urlsplit(endpoint).netloc.split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        conn.putrequest(method, target, skip_accept_encoding=True)
        conn.endheaders()
        resp = conn.getresponse()
        return resp.status, resp.read()
    finally:
        conn.close()


def names_massimov(data: bytes, fmt: str) -> bool:
    g = rdflib.Graph()
    g.parse(data=data, format=fmt, publicID=MASSIMOV)
    return any(str(o) == "Karim Massimov" for o in g.objects(rdflib.URIRef(MASSIMOV), SKOS_PREF))


# -- content negotiation ---------------------------------------------------------------------------


def test_entity_as_turtle(endpoint: str) -> None:
    status, headers, body = get(endpoint + "/id/person/karim-massimov", "text/turtle")
    assert status == 200
    assert headers["content-type"].startswith("text/turtle")
    assert "accept" in headers["vary"].lower()
    assert headers["content-location"] == "/id/person/karim-massimov.ttl"
    assert names_massimov(body, "turtle")


def test_entity_as_jsonld(endpoint: str) -> None:
    status, headers, body = get(endpoint + "/id/person/karim-massimov", "application/ld+json")
    assert status == 200
    assert headers["content-type"].startswith("application/ld+json")
    assert "accept" in headers["vary"].lower()
    assert names_massimov(body, "json-ld")


@pytest.mark.parametrize("accept", ["text/html", BROWSER, None, "*/*", ""])
def test_entity_as_html_by_default(endpoint: str, accept: str | None) -> None:
    status, headers, body = get(endpoint + "/id/person/karim-massimov", accept)
    assert status == 200
    assert headers["content-type"].startswith("text/html")
    assert "accept" in headers["vary"].lower()
    page = body.decode("utf-8")
    assert "Karim Massimov" in page
    assert '<meta http-equiv="Content-Security-Policy"' in page


@pytest.mark.parametrize(
    "accept, ctype",
    [
        ("text/turtle;q=0.5, application/ld+json", "application/ld+json"),
        ("text/html;q=0.1, text/turtle", "text/turtle"),
        ("application/*;q=0.9, text/turtle;q=0.2", "application/ld+json"),
        ("text/*, text/html;q=0", "text/turtle"),
        ("image/png, application/ld+json;q=0.01", "application/ld+json"),
    ],
)
def test_q_values_are_honoured(endpoint: str, accept: str, ctype: str) -> None:
    status, headers, _ = get(endpoint + "/id/person/karim-massimov", accept)
    assert status == 200 and headers["content-type"].startswith(ctype)


@pytest.mark.parametrize("accept", ["image/png", "text/turtle;q=0, text/html;q=0, application/ld+json;q=0"])
def test_an_accept_nothing_satisfies_is_406(endpoint: str, accept: str) -> None:
    status, headers, body = get(endpoint + "/id/person/karim-massimov", accept)
    assert status == 406
    assert "accept" in headers["vary"].lower()
    assert body.decode().count("\n") == 1 and "text/turtle" in body.decode()


def test_unknown_entity_is_404_in_one_line(endpoint: str) -> None:
    for accept in ("text/html", "text/turtle", "image/png"):
        status, _, body = get(endpoint + "/id/person/nobody", accept)
        assert status == 404
        assert body.decode().count("\n") == 1 and "person/nobody" in body.decode()


def test_head_answers_headers_only(endpoint: str) -> None:
    status, headers, body = get(endpoint + "/id/person/karim-massimov", "text/turtle", method="HEAD")
    assert status == 200 and body == b""
    assert headers["content-type"].startswith("text/turtle") and "accept" in headers["vary"].lower()


# -- the site's own files ----------------------------------------------------------------------------


def test_root_is_the_site_index_and_the_query_page_moves(endpoint: str, site: Path) -> None:
    status, headers, body = get(endpoint + "/", BROWSER)
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert body == (site / "index.html").read_bytes()
    for path in ("/query", "/sparql"):
        status, _, body = get(endpoint + path, BROWSER)
        assert status == 200 and b"<textarea" in body, path
    # the query page's own requests still reach the protocol endpoint and the list of named queries
    query = urllib.parse.quote("ASK { ?s ?p ?o }")
    status, _, body = get(f"{endpoint}/sparql?query={query}", "application/sparql-results+json")
    assert status == 200 and json.loads(body)["boolean"] is True
    status, _, body = get(endpoint + "/api/queries")
    assert status == 200 and "election-results" in {q["name"] for q in json.loads(body)}


def test_every_kind_of_file_is_served_under_its_own_path(endpoint: str, site: Path) -> None:
    expected = {
        ".html": "text/html",
        ".ttl": "text/turtle",
        ".jsonld": "application/ld+json",
        ".json": "application/json",
        ".nt": "application/n-triples",
        ".nq": "application/n-quads",
        ".trig": "application/trig",
    }
    seen: dict[tuple[str, str], Path] = {}
    for folder, _, names in sorted(os.walk(site)):  # (not into the link that leaves the site)
        for name in sorted(names):
            f = Path(folder, name)
            if not f.is_symlink() and not name.startswith("."):
                seen.setdefault((f.relative_to(site).parts[0], f.suffix), f)
    assert len(seen) > 10
    for (_, suffix), f in seen.items():
        rel = f.relative_to(site).as_posix()
        status, headers, body = get(f"{endpoint}/{rel}", "*/*")
        assert status == 200, rel
        assert body == f.read_bytes(), rel
        if suffix in expected:
            assert headers["content-type"].startswith(expected[suffix]), (rel, headers["content-type"])
        assert headers["x-content-type-options"] == "nosniff"
    for path in ("/ontology/index.html", "/browse/people.html", "/id/person/karim-massimov.html"):
        status, headers, body = get(endpoint + path)
        assert status == 200 and headers["content-type"].startswith("text/html"), path
    status, _, body = get(endpoint + "/ontology/", BROWSER)
    assert status == 200 and body == (site / "ontology" / "index.html").read_bytes()


def test_named_queries_and_their_pages_both_answer(endpoint: str) -> None:
    status, headers, _ = get(endpoint + "/queries/election-results.html", BROWSER)
    assert status == 200 and headers["content-type"].startswith("text/html")
    url = endpoint + "/queries/election-results?election=election:parliamentary-2007"
    status, _, body = get(url, "text/csv")
    assert status == 200 and "nur-otan" in body.decode()


def test_ontology_by_accept(endpoint: str, site: Path) -> None:
    status, headers, body = get(endpoint + "/ontology", BROWSER)
    assert status == 200 and "accept" in headers["vary"].lower()
    assert body == (site / "ontology" / "index.html").read_bytes()
    # the page's relative links work from /ontology as from /ontology/index.html
    href = re.search(r'href="([^"#]*class/[^"]+\.html)"', body.decode())
    assert href is not None
    assert get(urllib.parse.urljoin(endpoint + "/ontology", href.group(1)))[0] == 200
    person = (rdflib.URIRef("https://w3id.org/kzgraph/ontology#Person"), None, None)
    for accept, fmt in (("text/turtle", "turtle"), ("application/ld+json", "json-ld")):
        status, headers, body = get(endpoint + "/ontology", accept)
        assert status == 200 and headers["content-type"].startswith(accept)
        assert "accept" in headers["vary"].lower()
        g = rdflib.Graph().parse(data=body, format=fmt)
        assert (person[0], rdflib.RDF.type, rdflib.OWL.Class) in g
    for rel in ONTOLOGY_FILES.values():  # the single files, from the site or else the package
        assert get(f"{endpoint}/{rel}")[0] == 200
    assert get(endpoint + "/ontology", "image/png")[0] == 406


# -- what no request may do ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "target",
    [
        "/id/../../etc/passwd",
        "/id/../../secret.txt",
        "/../secret.txt",
        "/id/%2e%2e/%2e%2e/etc/passwd",
        "/id/%2E%2E/%2E%2E/secret.txt",
        "/%2e%2e/secret.txt",
        "/id/person/%2e%2e%2f%2e%2e%2f%2e%2e%2fsecret.txt",
        "/..%2fsecret.txt",
        "/..%5csecret.txt",
        "/%2fetc%2fpasswd",
        "//etc/passwd",
        "/etc/passwd",
        "/id/person/..",
        "/id/person/%2e%2e",
        "/leak.html",
        "/id/leak/secret.txt",
        "/.hidden",
        "/id/%00/x",
        "/id/person/%0a%0dx",
        "/%252e%252e/secret.txt",
    ],
)
def test_no_path_leaves_the_site(endpoint: str, target: str) -> None:
    status, body = raw(endpoint, target)
    assert status in (400, 404), (target, status)
    assert SECRET.encode() not in body and b"root:" not in body


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
def test_only_get_and_head_reach_the_site(endpoint: str, method: str) -> None:
    for path in ("/id/person/karim-massimov", "/index.html", "/ontology", "/"):
        status, headers, _ = get(endpoint + path, method=method)
        assert status == 405, (method, path)
        assert "GET" in headers.get("allow", ""), (method, path)


def test_the_host_guard_stays_in_front(endpoint: str) -> None:
    host, port = urllib.parse.urlsplit(endpoint).netloc.split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        conn.request("GET", "/id/person/karim-massimov", headers={"Host": "attacker.example"})
        assert conn.getresponse().status == 421
    finally:
        conn.close()


def test_serve_refuses_a_folder_that_is_no_site(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["serve", "--site", str(tmp_path / "missing")]) == 2
    assert main(["serve", "--site", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 2 and "index.html" in err


# -- the w3id.org rules ------------------------------------------------------------------------------------


def rewrite(htaccess: str, path: str, accept: str) -> tuple[int, str] | None:
    """What Apache's mod_rewrite does with ``path`` (relative to the .htaccess folder) and an Accept header,
    for the directives the file uses: RewriteCond on %{HTTP_ACCEPT} ([NC], [OR], ``!``), RewriteRule with
    ``-`` and [E=VAR:VALUE], or a substitution with $N and %{ENV:VAR} and [R=CODE,L]."""
    env: dict[str, str] = {}
    conds: list[tuple[str, str, set[str]]] = []
    for line in htaccess.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        words = line.split()
        flags = set(words.pop()[1:-1].split(",")) if words[-1].startswith("[") else set()
        if words[0] == "RewriteEngine":
            assert words[1:] == ["on"]
        elif words[0] == "RewriteCond":
            assert words[1] == "%{HTTP_ACCEPT}", line
            conds.append((words[1], words[2], flags))
        elif words[0] == "RewriteRule":
            pattern, target = words[1], words[2]
            ok = True
            pending_or = False
            for _, cond, cflags in conds:
                negate = cond.startswith("!")
                found = re.search(cond[1:] if negate else cond, accept, re.I if "NC" in cflags else 0)
                result = (found is None) if negate else (found is not None)
                ok = (ok or result) if pending_or else (ok and result)
                pending_or = "OR" in cflags
            conds = []
            match = re.search(pattern, path)
            if match is None or not ok:
                continue
            for flag in flags:
                if flag.startswith("E="):
                    name, value = flag[2:].split(":", 1)
                    env[name] = value
            if target == "-":
                continue
            out = re.sub(r"%\{ENV:(\w+)\}", lambda m: env[m.group(1)], target)
            groups = match.groups()
            out = re.sub(r"\$(\d)", lambda m, g=groups: g[int(m.group(1)) - 1] or "", out)
            code = next((int(f[2:]) for f in flags if f.startswith("R=")), 0)
            assert "L" in flags and code, line
            return code, out
        else:
            raise AssertionError(f"a directive the test does not know: {line}")
    return None


def test_w3id_rules_send_each_accept_to_the_files_the_site_writes() -> None:
    htaccess = (ROOT / "w3id" / ".htaccess").read_text(encoding="utf-8")
    placeholder = "https://example.github.io/kzgraph"
    rules = [line for line in htaccess.splitlines() if not line.lstrip().startswith("#")]
    assert sum(line.count(placeholder) for line in rules) == 1  # the site's address, written once
    suffixes = dict(REPRESENTATIONS)
    path = MASSIMOV.removeprefix("https://w3id.org/kzgraph/")
    cases = {
        "text/turtle": "text/turtle",
        "application/ld+json": "application/ld+json",
        "text/html": "text/html",
        BROWSER: "text/html",
        "": "text/html",
        "*/*": "text/html",
        "application/ld+json, text/turtle;q=0.9": "application/ld+json",
        "text/turtle, application/ld+json;q=0.9": "text/turtle",
        "text/turtle;q=0, application/ld+json": "application/ld+json",
        "text/html, text/turtle;q=0.1": "text/html",
        "image/png": "text/html",
    }
    for accept, media in cases.items():
        want = page_of(MASSIMOV) if media == "text/html" else rdf_of(MASSIMOV, suffixes[media])
        assert rewrite(htaccess, path, accept) == (303, f"{placeholder}/{want}"), accept
        offers = [m for m, _ in REPRESENTATIONS]
        if accept != "image/png":  # (the server says 406 where a redirect can only guess)
            assert preferred(accept, offers) == media, accept  # kzgraph serve --site agrees
        want = "ontology/index.html" if media == "text/html" else ONTOLOGY_FILES[suffixes[media]]
        assert rewrite(htaccess, "ontology", accept) == (303, f"{placeholder}/{want}"), accept
    for rest in ("", "browse/people.html", "id/person/karim-massimov.ttl", "ontology/class/Person.html"):
        assert rewrite(htaccess, rest, "text/turtle") == (302, f"{placeholder}/{rest}")
