"""The explorer in a real browser: headless Chromium (Debian's) driven by Playwright, offline.

Every request the page makes is blocked and recorded; the page must not need any. Screenshots go to
``build/``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import HOSTILE, write_hostile_data
from kzgraph.cli import main
from kzgraph.network import build_network

pytestmark = pytest.mark.browser

BUILD = Path(__file__).resolve().parent.parent / "build"


class Page:
    """A page with every network request blocked and every console error and dialog recorded."""

    def __init__(self, browser: Any, path: Path, fragment: str = "", init_script: str | None = None) -> None:
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page(viewport={"width": 1400, "height": 900}, accept_downloads=True)
        if init_script is not None:
            self.page.add_init_script(init_script)
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

        def block(route: Any) -> None:
            if not route.request.url.startswith("file:"):
                self.requests.append(route.request.url)
            route.abort() if not route.request.url.startswith("file:") else route.continue_()

        self.page.route("**/*", block)
        self.page.goto(path.as_uri() + fragment)
        self.page.wait_for_function("window.kzExplorer && window.kzExplorer.rendered", timeout=20000)

    def js(self, expr: str) -> Any:
        return self.page.evaluate(expr)

    def click_node(self, iri: str) -> None:
        self.js(f"window.kzExplorer.network.focus({iri!r}, {{scale: 1.5, animation: false}})")
        self.page.wait_for_timeout(100)
        x, y = self.js(
            f"""(() => {{ const n = window.kzExplorer.network;
                 const p = n.getPositions([{iri!r}])[{iri!r}];
                 const d = n.canvasToDOM(p);
                 const r = document.getElementById('network').getBoundingClientRect();
                 return [r.left + d.x, r.top + d.y]; }})()"""
        )
        self.page.mouse.click(x, y)


@pytest.fixture(scope="module")
def explorer(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("viz") / "explorer.html"
    assert main(["viz", "-o", str(path)]) == 0
    return path


def test_full_explorer_offline(browser: Any, explorer: Path, view: Any) -> None:
    page = Page(browser, explorer)
    net = build_network(view)
    rendered_nodes = page.js("window.kzExplorer.network.body.nodeIndices.length")
    rendered_edges = page.js("window.kzExplorer.network.body.edgeIndices.length")
    assert (rendered_nodes, rendered_edges) == (net.number_of_nodes(), net.number_of_edges())
    assert page.js("window.kzExplorer.nodes.length") == net.number_of_nodes()
    # Searching an alternative spelling (the summary box writes "Karim Masimov") focuses Massimov.
    page.page.fill("#search", "Masimov")
    page.page.press("#search", "Enter")
    massimov = "https://w3id.org/kzgraph/id/person/karim-massimov"
    assert page.js("window.kzExplorer.network.getSelectedNodes()") == [massimov]
    assert page.js("document.getElementById('info-title').textContent") == "Karim Massimov"
    # Clicking a node shows its facts, each with the profile section it comes from.
    tokayev = "https://w3id.org/kzgraph/id/person/kassym-jomart-tokayev"
    page.click_node(tokayev)
    info = page.js("document.getElementById('info').innerText")
    assert "Kassym-Jomart Tokayev" in info
    assert "1953-05-17" in info
    assert "Source: BIOGRAPHIES > Kassym-Jomart Tokayev" in info
    assert page.js("document.querySelectorAll('#info .fact-source').length") > 3
    # Filters: hide the people, and only the other kinds remain drawn.
    page.page.click("#kinds input[value='person']")
    people = sum(1 for _, d in net.nodes(data=True) if d["kind"] == "person")
    assert page.js("window.kzExplorer.nodeView.length") == net.number_of_nodes() - people
    BUILD.mkdir(exist_ok=True)
    page.page.click("#kinds input[value='person']")
    page.page.screenshot(path=str(BUILD / "explorer-test.png"))
    assert page.errors == []
    assert page.requests == []


def test_focus_on_a_neighbourhood(browser: Any, explorer: Path) -> None:
    page = Page(browser, explorer)
    page.page.fill("#search", "Dariga Nazarbayeva")
    page.page.press("#search", "Enter")
    page.page.select_option("#depth", "1")
    page.page.click("#focus")
    shown = set(page.js("window.kzExplorer.nodeView.getIds()"))
    # POLITICAL SYSTEM > The President: her father, her former husband; Media: Khabar, which she headed.
    ids = "https://w3id.org/kzgraph/id/"
    assert {
        ids + "person/nursultan-nazarbayev",
        ids + "person/rakhat-aliyev",
        ids + "organisation/khabar",
    } <= shown
    assert ids + "person/karim-massimov" not in shown
    assert page.errors == []


def test_hostile_label_renders_as_text(browser: Any, tmp_path: Path) -> None:
    data = write_hostile_data(tmp_path / "data")
    path = tmp_path / "hostile.html"
    assert main(["viz", "--data", str(data), "-o", str(path)]) == 0
    html = path.read_text(encoding="utf-8")
    assert HOSTILE not in html  # the label only ever appears JSON-escaped
    page = Page(browser, path)
    page.page.fill("#search", "<img")
    page.page.press("#search", "Enter")
    page.click_node("https://w3id.org/kzgraph/id/person/hostile")
    page.page.mouse.move(10, 10)
    page.page.wait_for_timeout(300)
    assert page.js("document.getElementById('info-title').textContent") == HOSTILE
    assert page.js("document.querySelectorAll('img, script[src], b').length") == 0
    assert "<script>alert(2)</script>" in page.js("document.getElementById('info').textContent")
    assert page.js("document.querySelector('#matches li span').textContent") == HOSTILE
    assert page.dialogs == []
    assert page.errors == []
    BUILD.mkdir(exist_ok=True)
    page.page.screenshot(path=str(BUILD / "explorer-hostile-label.png"))


def test_date_control_draws_certain_ties_solid_and_possible_ties_dashed(browser: Any, explorer: Path) -> None:
    """BIOGRAPHIES > Kassym-Jomart Tokayev, counted by hand. On 1 June 2009 he certainly chairs the Senate
    (since 2007, still on the profile's date): 1 solid tie. His seat on the CIS Inter-parliamentary
    Assembly's council and his PACE delegation (current, start not given) and his three undated studies
    are possible: 5 dashed. His two terms as Foreign Minister (1994-1999, 2002-2007) and his three years
    as Prime Minister (1999-2002) are over: 3 hidden. On 1 June 2000 the premiership is possible only (the
    profile gives three years somewhere in 1999-2002), the Senate and both ministries are not in effect:
    0 solid, 6 dashed."""
    page = Page(browser, explorer)
    tokayev = "https://w3id.org/kzgraph/id/person/kassym-jomart-tokayev"

    def counts() -> tuple[int, int, int]:
        return tuple(  # type: ignore[return-value]
            page.js(
                f"""(() => {{ const x = window.kzExplorer, all = x.edges.get().filter(
                      (e) => e.from === {tokayev!r} || e.to === {tokayev!r});
                    const shown = all.filter((e) => x.edgeView.get(e.id));
                    return [shown.filter((e) => !e.dashes).length, shown.filter((e) => e.dashes).length,
                            all.length - shown.length]; }})()"""
            )
        )

    assert counts() == (9, 0, 0)  # no date: every tie, drawn solid
    page.page.fill("#asof", "2009-06-01")
    page.page.dispatch_event("#asof", "change")
    assert counts() == (1, 5, 3)
    page.page.fill("#asof", "2000-06-01")
    page.page.dispatch_event("#asof", "change")
    assert counts() == (0, 6, 3)
    # the timeline of his dated ties, and the side panel's phrase for a tie, say bounds as bounds
    page.js(f"window.kzExplorer.select({tokayev!r})")
    assert page.js("document.querySelectorAll('#info .timeline .tl-row').length") == 6
    labels = page.js(
        "Array.from(document.querySelectorAll('#info .timeline svg'))"
        ".map((s) => s.getAttribute('aria-label'))"
    )
    assert "Chairman of the Senate: from 2007, still in effect on 2011-04-05" in labels
    page.page.click("#asof-clear")
    assert counts() == (9, 0, 0)
    assert page.errors == [] and page.requests == []
