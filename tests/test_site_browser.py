"""The static site in a real browser: headless Chromium (Debian's) driven by Playwright, from file://.

A reader searches for a spelling the profile uses, opens Karim Massimov's page, reads his offices and
their dates, follows the post to another Prime Minister, opens the section of the profile a fact comes
from and the ontology's page for a tenure. Every request that is not for a file is blocked and
recorded; the site must need none, log no console error and fail no request. The expectations are
written by hand from the profile (BIOGRAPHIES > Karim Massimov, BIOGRAPHIES > Kassym-Jomart Tokayev,
POLITICAL SYSTEM > The Prime Minister).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kzgraph.site import build_site
from kzgraph.store import LocalStore

pytestmark = pytest.mark.browser

MASSIMOV = "id/person/karim-massimov.html"
PM_SECTION = "POLITICAL SYSTEM > The Prime Minister"


def row(value: str) -> str:
    """An XPath to the row of a fact table whose value begins with ``value``."""
    return f"xpath=//tr[td[2][starts-with(., {value!r})]]"


class Tab:
    """A page in its own browser context, offline: requests other than file:// are blocked and recorded,
    as are console errors, page errors, failed requests and dialogs."""

    def __init__(self, browser: Any, width: int = 1300) -> None:
        self.errors: list[str] = []
        self.failed: list[str] = []
        self.blocked: list[str] = []
        self.dialogs: list[str] = []
        self.context = browser.new_context(viewport={"width": width, "height": 900}, service_workers="block")
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("requestfailed", lambda r: self.failed.append(f"{r.url}: {r.failure}"))
        self.page.on("dialog", self._dialog)

    def _route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith("file:"):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, path: Path) -> None:
        self.page.goto(path.as_uri(), wait_until="load")

    def js(self, expr: str, arg: Any = None) -> Any:
        return self.page.evaluate(expr, arg)

    def here(self) -> str:
        return str(self.page.url)

    def table(self, heading: str) -> list[list[str]]:
        """The rows of the table under the <h2> ``heading``, each cell's visible text."""
        rows = self.js(
            """(heading) => {
                 const h = [...document.querySelectorAll("main h2")].find((e) => e.textContent === heading);
                 if (!h) return null;
                 let t = h.nextElementSibling;
                 while (t && t.tagName !== "TABLE") t = t.nextElementSibling;
                 return [...t.tBodies[0].rows].map((r) => [...r.cells].map((c) => c.innerText.trim()));
               }""",
            heading,
        )
        assert rows is not None, f"no table {heading!r} on {self.here()}"
        return list(rows)

    def facts(self, heading: str) -> dict[str, tuple[str, str]]:
        """A fact table as {value (its first line): (when, sources)}."""
        return {value.split("\n")[0]: (when, sources) for _prop, value, when, sources in self.table(heading)}

    def click(self, selector: str) -> None:
        """Follow the link ``selector`` names (exactly one) and wait for the new page."""
        link = self.page.locator(selector)
        assert link.count() == 1, f"{selector}: {link.count()} links on {self.here()}"
        with self.page.expect_navigation(wait_until="load"):
            link.click()

    def assert_clean(self) -> None:
        assert self.errors == []
        assert self.failed == []
        assert self.blocked == []
        assert self.dialogs == []


@pytest.fixture(scope="module")
def site(store: LocalStore, tmp_path_factory: pytest.TempPathFactory) -> Path:
    # (the downloads, every export and the explorer, are crawled in test_site_crawl.py)
    out = tmp_path_factory.mktemp("site") / "site"
    build_site(store, out, downloads=False)
    return out


@pytest.fixture
def tab(browser: Any) -> Iterator[Tab]:
    tab = Tab(browser)
    yield tab
    tab.context.close()


def test_search_a_spelling_then_follow_offices_to_another_prime_minister(tab: Tab, site: Path) -> None:
    tab.open(site / "index.html")
    # Time each keystroke's answer: the search runs on "input"; a listener before it (capture) and one
    # after it (bubble) bracket it, and the next animation frame shows when the answer is on screen.
    tab.js(
        """() => {
             window.kzTimes = [];
             document.addEventListener("input", () => { window.kzStart = performance.now(); }, true);
             document.addEventListener("input", () => {
               const start = window.kzStart, answered = performance.now() - start;
               requestAnimationFrame(() => window.kzTimes.push([answered, performance.now() - start]));
             });
           }"""
    )
    # The summary box and POLITICAL SYSTEM > The Prime Minister write "Karim Masimov".
    tab.page.locator("#q").press_sequentially("Masimov")
    tab.page.wait_for_function("window.kzTimes.length === 7")
    times = tab.js("window.kzTimes")
    answered = [a for a, _ in times]
    painted = [p for _, p in times]
    print(
        f"\nsearch, per keystroke of 'Masimov': answer {max(answered):.1f} ms at most "
        f"(first key 'M': {answered[0]:.1f} ms, mean {sum(answered) / len(answered):.1f} ms); "
        f"on screen {max(painted):.1f} ms at most"
    )
    results = tab.js(
        """[...document.querySelectorAll("#results li")].map((li) => {
             const a = li.querySelector("a");
             return [a.textContent, a.getAttribute("href"), li.textContent];
           })"""
    )
    assert results[0] == [
        "Karim Massimov",
        MASSIMOV,
        "Karim Massimov (people), written Karim Masimov",
    ]
    tab.click(f"#results a[href='{MASSIMOV}']")
    assert tab.here() == (site / MASSIMOV).as_uri()
    assert tab.js("document.querySelector('h1').textContent") == "Karim Massimov"
    assert tab.js("document.title") == "Karim Massimov · kzgraph"
    assert tab.js("document.querySelector('p.names').textContent") == (
        "Also written: Karim Masimov; Masimov; Massimov"
    )

    # BIOGRAPHIES > Karim Massimov: born on 15 June 1965 in Tselinograd (now Astana), an ethnic Uyghur.
    bio = "BIOGRAPHIES > Karim Massimov"
    about = {prop: (value, when, sources) for prop, value, when, sources in tab.table("About")}
    assert about["birth date"] == ("1965-06-15", "", bio)
    assert about["birth place"] == ("Astana", "", bio)
    assert about["ethnicity"] == ("Uyghur", "", bio)

    # His offices, each with its dates as the page words them and the sections that state it.
    # BIOGRAPHIES > Karim Massimov: trading operations in China and the Kazakh Trading House before the
    # banks; director of two banks 1995 to 2000; Minister of Transport and Communications in 2001 (read as
    # over, from the sequence); Deputy Prime Minister January 2006 to January 2007; adviser to the
    # President from 2003; Prime Minister since January 2007, as the summary box and POLITICAL SYSTEM >
    # The Prime Minister also say.
    assert tab.facts("Offices and roles") == {
        "Karim Massimov as Prime Minister of Kazakhstan": (
            "began 2007-01, stated; still in effect on 2011-04-05, the profile's date",
            f"Summary box; POLITICAL SYSTEM > The Prime Minister; {bio}",
        ),
        "Karim Massimov as Deputy Prime Minister": ("began 2006-01, stated; ended 2007-01, stated", bio),
        "Karim Massimov as Minister of Transport and Communications": (
            "began 2001, stated; ended by 2011-04-05, the profile's date",
            bio,
        ),
        "Karim Massimov as Adviser to the President": ("began 2003, stated; end unknown", bio),
        "Karim Massimov as Director of a Kazakh bank": ("began 1995, stated; ended 2000, stated", bio),
        "Karim Massimov as Head of Kazakhstan's trading operations in China": (
            "begin unknown; ended no later than 1995, stated",
            bio,
        ),
        "Karim Massimov as Managing Director of the Kazakh Trading House": (
            "begin unknown; ended no later than 1995, stated",
            bio,
        ),
    }
    # The timeline has a bar for each of them (and for the figure of his two banks), 1995 to 2011.
    assert tab.js("document.querySelector('table.timeline').previousElementSibling.textContent").startswith(
        "1995 to 2011:"
    )
    assert tab.js("document.querySelectorAll('table.timeline .tl').length") == 8
    # The drawing of his direct ties links the bodies he served in.
    ties = tab.js("[...document.querySelectorAll('svg a')].map((a) => a.getAttribute('href'))")
    assert "../../id/institution/council-of-ministers.html" in ties
    assert tab.js("[...document.querySelectorAll('p.muted a')].map((a) => a.textContent)") == [
        "Turtle",
        "JSON-LD",
    ]

    # The post, from the Prime Minister row; its page lists its holders: Tokayev, Prime Minister for
    # three years between his two terms as foreign minister (1994 to 1999, 2002 to 2007).
    tab.click(f"{row('Karim Massimov as Prime Minister')}//a[.='Prime Minister of Kazakhstan']")
    assert tab.here() == (site / "id/post/prime-minister-of-kazakhstan.html").as_uri()
    assert tab.js("document.querySelector('h1').textContent") == "Prime Minister of Kazakhstan"
    holders = tab.facts("Offices and roles")
    assert holders == {
        "Karim Massimov as Prime Minister of Kazakhstan": (
            "began 2007-01, stated; still in effect on 2011-04-05, the profile's date",
            f"Summary box; POLITICAL SYSTEM > The Prime Minister; {bio}",
        ),
        "Kassym-Jomart Tokayev as Prime Minister of Kazakhstan": (
            "began no earlier than 1999, stated; began no later than 2000-12-31, from the stated duration; "
            "ended no earlier than 2001-01-01, from the stated duration; ended no later than 2002, stated",
            "BIOGRAPHIES > Kassym-Jomart Tokayev",
        ),
    }
    about = {prop: value for prop, value, _when, _sources in tab.table("About")}
    assert about["appointed by"] == "President of Kazakhstan"
    assert about["post in"] == "Council of Ministers"

    tab.click(f"{row('Kassym-Jomart Tokayev as Prime Minister')}//a[.='Kassym-Jomart Tokayev']")
    assert tab.here() == (site / "id/person/kassym-jomart-tokayev.html").as_uri()
    assert tab.js("document.querySelector('h1').textContent") == "Kassym-Jomart Tokayev"
    # BIOGRAPHIES > Kassym-Jomart Tokayev: foreign minister 1994 to 1999 and 2002 to 2007, Prime Minister in
    # between, Chairman of the Senate since 2007, head of the delegation to PACE now.
    tokayev = "BIOGRAPHIES > Kassym-Jomart Tokayev"
    offices = tab.table("Offices and roles")
    now = "still in effect on 2011-04-05, the profile's date"
    pace = "Head of the Kazakh delegation to the Parliamentary Assembly of the Council of Europe"
    assert sorted((value.split("\n")[0], when) for _p, value, when, _s in offices) == [
        (f"Kassym-Jomart Tokayev as {post}", when)
        for post, when in [
            ("Chairman of the Senate", f"began 2007, stated; {now}"),
            (pace, f"begin unknown; {now}"),
            ("Minister of Foreign Affairs", "began 1994, stated; ended 1999, stated"),
            ("Minister of Foreign Affairs", "began 2002, stated; ended 2007, stated"),
            (
                "Prime Minister of Kazakhstan",
                holders["Kassym-Jomart Tokayev as Prime Minister of Kazakhstan"][0],
            ),
        ]
    ]
    assert {sources for *_, sources in offices} == {tokayev}
    about = {prop: value for prop, value, _when, _sources in tab.table("About")}
    assert about["birth date"] == "1953-05-17"
    tab.assert_clean()


def test_a_fact_leads_to_its_section_and_the_section_to_the_ontology(tab: Tab, site: Path) -> None:
    tab.open(site / MASSIMOV)
    tab.click(f"{row('Karim Massimov as Prime Minister')}/td[@class='src']/a[.='{PM_SECTION}']")
    assert tab.here() == (site / "id/source/political-system-prime-minister.html").as_uri()
    assert tab.js("document.querySelector('h1').textContent") == "The Prime Minister"
    about = {prop: value for prop, value, _when, _sources in tab.table("About")}
    assert about["heading path"] == "POLITICAL SYSTEM > The Prime Minister"
    # What the section states: the Prime Minister heads the Council of Ministers and is appointed by the
    # President; Karim Masimov holds the post, the seventh Prime Minister since independence.
    stated = tab.js(
        """() => Object.fromEntries([...document.querySelectorAll("main h3")].map((h) => [
             h.textContent,
             [...h.nextElementSibling.rows].map((r) => [...r.cells].map((c) => c.textContent)),
           ]))"""
    )
    assert tab.js("[...document.querySelectorAll('main h2')].map((h) => h.textContent)")[-1] == (
        "What this section states"
    )
    tenure = stated["Karim Massimov as Prime Minister of Kazakhstan"]
    assert ["kz:holder", "Karim Massimov"] in tenure
    assert ["kz:post", "Prime Minister of Kazakhstan"] in tenure
    assert ["kz:ordinal", "7"] in tenure
    assert ["kz:status", "current"] in tenure
    post = stated["Prime Minister of Kazakhstan"]
    assert ["kz:appointedBy", "President of Kazakhstan"] in post
    assert ["kz:postIn", "Council of Ministers"] in post
    spellings = {value for prop, value in stated["Karim Massimov"] if prop == "skos:altLabel"}
    assert {"Karim Masimov", "Masimov"} <= spellings
    rule = stated["The President appoints the Prime Minister, who heads the Council of Ministers."]
    assert ["kz:selectedBy", "President of Kazakhstan"] in rule

    # The tenure's class, from its rdf:type.
    tab.click(
        "xpath=//h3[.='Karim Massimov as Prime Minister of Kazakhstan']"
        "/following-sibling::table[1]//tr[td[1]='rdf:type']//a"
    )
    assert tab.here() == (site / "ontology/class/Tenure.html").as_uri()
    assert tab.js("document.querySelector('h1').textContent") == "kz:Tenure"
    rows = dict(
        tab.js("[...document.querySelectorAll('main tr')].map((r) => [...r.cells].map((c) => c.textContent))")
    )
    assert rows["definition"] == (
        "One holding of one post by one holder, with its start, end or status, and its order where the "
        "profile gives it."
    )
    assert rows["label"] == "tenure"
    assert rows["sub-class of"] == "org:Membership, kz:DatedFact"
    shapes = tab.js(
        """() => Object.fromEntries([...document.querySelectorAll("main h3")].map((h) => [
             h.textContent, [...h.nextElementSibling.querySelectorAll("li")].map((li) => li.textContent)]))"""
    )
    assert "A tenure is of exactly one kz:Post." in " ".join(shapes["kzsh:TenureShape (Violation)"])
    assert "kz:holder: A tenure has exactly one holder, a kz:Agent." in shapes["kzsh:TenureShape (Violation)"]
    tab.assert_clean()


def test_time_to_first_render_of_an_entity_page(tab: Tab, site: Path) -> None:
    """Printed, not asserted: how long Karim Massimov's page takes to load and paint, cold."""
    start = time.perf_counter()
    tab.open(site / MASSIMOV)
    wall = (time.perf_counter() - start) * 1000
    nav = tab.js(
        """() => new Promise((resolve) => {
             const n = performance.getEntriesByType("navigation")[0];
             new PerformanceObserver((list, observer) => {
               const paint = list.getEntriesByName("first-contentful-paint")[0];
               if (paint) {
                 observer.disconnect();
                 resolve([n.domContentLoadedEventEnd, n.loadEventEnd, paint.startTime]);
               }
             }).observe({ type: "paint", buffered: true });
           })"""
    )
    print(
        f"\nfirst render of {MASSIMOV}: goto(load) {wall:.0f} ms wall clock; in the page: DOMContentLoaded "
        f"{nav[0]:.0f} ms, load {nav[1]:.0f} ms, first contentful paint {nav[2]:.0f} ms"
    )
    assert tab.js("document.querySelector('h1').textContent") == "Karim Massimov"
    tab.assert_clean()


def test_a_search_with_no_answer_says_so(tab: Tab, site: Path) -> None:
    tab.open(site / "index.html")
    tab.page.fill("#q", "no such name at all")
    shown = tab.js("[...document.querySelectorAll('#results li')].map((li) => li.textContent)")
    assert shown == ["Nothing found."]
    tab.page.fill("#q", "")
    assert tab.js("document.getElementById('results').childNodes.length") == 0
    tab.assert_clean()


def test_a_phone_screen_needs_no_sideways_scrolling(browser: Any, site: Path) -> None:
    tab = Tab(browser, width=375)
    try:
        tab.open(site / "index.html")
        # the navigation wraps between its links (it could not when they touched)
        assert tab.js("document.documentElement.scrollWidth") <= 375
        tab.open(site / MASSIMOV)
        assert tab.js("document.querySelector('main svg').getBoundingClientRect().right") <= 375
        tab.assert_clean()
    finally:
        tab.context.close()


def test_a_fact_with_an_open_end_or_beginning_is_drawn_as_possibly_held(tab: Tab, site: Path) -> None:
    # BIOGRAPHIES > Karim Massimov: adviser to the President from 2003, and the profile does not say until
    # when: the pale part of the bar should reach as far as the Prime Minister's (to 2011-04-05). He led
    # the trading operations in China at some time before 1995: the pale part should start at the left.
    tab.open(site / MASSIMOV)
    edges = """(name) => {
        const row = [...document.querySelectorAll("table.timeline tr")]
          .find((r) => r.cells[0].textContent.startsWith(name));
        const bar = row.querySelector(".tl span.maybe").getBoundingClientRect();
        const track = row.querySelector(".tl").getBoundingClientRect();
        return [bar.left - track.left, bar.right - track.left];
      }"""
    adviser = tab.js(edges, "Karim Massimov as Adviser to the President")
    pm = tab.js(edges, "Karim Massimov as Prime Minister of Kazakhstan")
    china = tab.js(edges, "Karim Massimov as Head of Kazakhstan's trading operations in China")
    assert adviser[1] >= pm[1] - 1
    assert china[0] <= 1


def test_the_ties_drawing_shows_every_label_whole(tab: Tab, site: Path) -> None:
    tab.open(site / MASSIMOV)
    outside = tab.js(
        """() => {
             const svg = document.querySelector("main svg"), box = svg.getBoundingClientRect();
             return [...svg.querySelectorAll("text")].filter((t) => {
               const r = t.getBoundingClientRect();
               return r.left < box.left - 0.5 || r.right > box.right + 0.5;
             }).map((t) => t.textContent);
           }"""
    )
    assert outside == []
