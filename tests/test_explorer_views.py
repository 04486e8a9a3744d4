"""The explorer's views in a real browser (Debian's Chromium through Playwright, every request blocked):
the first view, "Start here", the family tree, shared links, keyboard use and accessibility (axe-core),
ties on hover, and the PNG and SVG downloads.

Expectations are written by hand from the profile: POLITICAL SYSTEM > The President (Nazarbayev's eldest
daughter Dariga Nazarbayeva and her ex-husband Rakhat Aliyev; his other daughter Dinara, married to Timur
Kulibayev), IMPORTANT POLITICAL ISSUES > Media (his sister-in-law Svetlana Nazarbayeva; Leila Baiseitova,
daughter of the journalist Lira Baiseitova) and the summary box (Karim Masimov, Prime Minister since
January 2007). The screenshots the README shows are written to build/screenshots/.
"""

from __future__ import annotations

import struct
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from conftest import HOSTILE, SCRIPT, write_hostile_data
from kzgraph import __version__
from kzgraph.cli import main
from test_explorer_browser import BUILD, Page

pytestmark = pytest.mark.browser

SCREENSHOTS = BUILD / "screenshots"
ID = "https://w3id.org/kzgraph/id/person/"
NAZARBAYEV = ID + "nursultan-nazarbayev"
DARIGA = ID + "dariga-nazarbayeva"
DINARA = ID + "dinara"
RAKHAT = ID + "rakhat-aliyev"
KULIBAYEV = ID + "timur-kulibayev"
SVETLANA = ID + "svetlana-nazarbayeva"
MASSIMOV = ID + "karim-massimov"
TOKAYEV = ID + "kassym-jomart-tokayev"
LIRA = ID + "lira-baiseitova"
LEILA = ID + "leila-baiseitova"
SVG = "{http://www.w3.org/2000/svg}"
X = "window.kzExplorer"


@pytest.fixture(scope="module")
def explorer(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("views") / "explorer.html"
    assert main(["viz", "-o", str(path)]) == 0
    return path


def screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.page.mouse.move(1, 1)  # no hover highlight or tooltip in the picture
    page.page.screenshot(path=str(SCREENSHOTS / name))


def clean(page: Page) -> None:
    assert page.errors == [], page.errors
    assert page.requests == [], page.requests
    assert page.dialogs == [], page.dialogs


def labels(page: Page) -> set[str]:
    return set(page.js(f"{X}.nodeView.getIds().map((id) => {X}.nodes.get(id).label)"))


def positions(page: Page, ids: list[str]) -> dict[str, tuple[float, float]]:
    found = page.js(f"{X}.network.getPositions({ids!r})")
    return {k: (round(v["x"], 3), round(v["y"], 3)) for k, v in found.items()}


# The size on screen of every drawn label, for the nodes whose centre lies in the canvas: the label's font
# size times the view's scale; the label box vis-network computed when drawing it (canvas units).
LABELS_ON_SCREEN = """(() => {
  const x = window.kzExplorer, n = x.network, scale = n.getScale();
  const pane = document.getElementById('network'), w = pane.clientWidth, h = pane.clientHeight;
  return x.nodeView.getIds().map((id) => {
    const node = n.body.nodes[id], p = n.canvasToDOM(n.getPositions([id])[id]), s = node.labelModule.size;
    return { id: id, kind: x.nodes.get(id).kind, label: x.nodes.get(id).label,
             px: node.options.font.size * scale, threshold: node.options.scaling.label.drawThreshold,
             inside: p.x >= 0 && p.x <= w && p.y >= 0 && p.y <= h,
             box: [s.left, s.top, s.left + s.width, s.top + s.height] };
  });
})()"""


def test_first_view_people_and_parties_readable_others_from_closer(browser: Any, explorer: Path) -> None:
    page = Page(browser, explorer)
    page.js(f"{X}.network.redraw()")  # drawn at this scale: every label box measured
    shown = page.js(LABELS_ON_SCREEN)
    assert len(shown) == page.js(f"{X}.nodes.length") == 171
    prominent = [n for n in shown if n["kind"] in ("person", "party")]
    assert len(prominent) == 38 + 17  # every person and every party the profile names
    # each of them is in the pane, its label at 10 px or more
    assert [n["label"] for n in prominent if not n["inside"]] == []
    assert min(n["px"] for n in prominent) >= 10, sorted((n["px"], n["label"]) for n in prominent)[:3]
    # and no two of their labels overlap
    boxes = [(n["label"], n["box"]) for n in prominent]
    overlapping = [
        (a, b)
        for i, (a, p) in enumerate(boxes)
        for b, q in boxes[i + 1 :]
        if p[0] < q[2] and q[0] < p[2] and p[1] < q[3] and q[1] < p[3]
    ]
    assert overlapping == []
    # the other kinds' labels are not drawn yet (vis-network skips a label below its threshold less one)
    others = [n for n in shown if n["kind"] not in ("person", "group", "party")]
    assert others and all(n["px"] < n["threshold"] - 1 for n in others)
    screenshot(page, "explorer-first-view.png")
    # focusing on Tokayev (BIOGRAPHIES > Kassym-Jomart Tokayev) draws his offices' and studies' labels
    page.js(f"{X}.focusOn({TOKAYEV!r}, 1); {X}.network.redraw()")
    near = {n["label"]: n for n in page.js(LABELS_ON_SCREEN)}
    for body in (
        "Senate of Kazakhstan",
        "Ministry of Foreign Affairs",
        "Moscow State Institute of Foreign Relations",
    ):
        assert near[body]["inside"] and near[body]["px"] >= near[body]["threshold"], near[body]
    clean(page)


def test_same_positions_on_two_loads(browser: Any, explorer: Path) -> None:
    first, second = Page(browser, explorer), Page(browser, explorer)
    ids = first.js(f"{X}.nodes.getIds()")
    assert positions(first, ids) == positions(second, ids)
    view = f"[{X}.network.getScale(), {X}.network.getViewPosition()]"
    assert first.js(view) == second.js(view)
    # the entities with no ties (Putin and Sergei Duvanov among them) sit below all the others
    alone = first.js(
        f"{X}.nodes.getIds().filter((id) => !{X}.edges.get().some((e) => e.from === id || e.to === id))"
    )
    assert {ID + "putin", ID + "sergei-duvanov"} <= set(alone)
    pos = positions(first, ids)
    assert min(pos[i][1] for i in alone) > max(y for i, (_, y) in pos.items() if i not in alone)
    clean(first)
    clean(second)


def test_start_here_names_the_most_central_people(browser: Any, explorer: Path) -> None:
    """The President; the opposition's 2005 presidential candidate; the Prime Minister; the President's
    eldest daughter: those who lie on the most chains of ties."""
    page = Page(browser, explorer)
    names = page.js("Array.from(document.querySelectorAll('#start-here button')).map((b) => b.textContent)")
    assert names == [
        "Nursultan Nazarbayev",
        "Zharmakhan Aitbayuly Tuyakbay",
        "Karim Massimov",
        "Dariga Nazarbayeva",
    ]
    page.page.get_by_role("button", name="Karim Massimov").click()
    assert page.js(f"{X}.state.focusId") == MASSIMOV
    # two ties deep: the Council of Ministers (his premiership), and from there the other premiers
    assert {"Karim Massimov", "Council of Ministers", "Kassym-Jomart Tokayev"} <= labels(page)
    assert page.js("location.hash") == "#focus=" + quote(MASSIMOV, safe="") + "&depth=2"
    assert page.js("document.getElementById('info-title').textContent") == "Karim Massimov"
    clean(page)


def test_family_tree(browser: Any, explorer: Path) -> None:
    page = Page(browser, explorer)
    step, slot = page.js(f"[{X}.family.GEN_STEP, {X}.family.SLOT]")
    everything = page.js(f"{X}.nodes.getIds()")
    before = positions(page, everything)
    page.page.get_by_role("button", name="Family tree").click()  # nobody selected: the President's
    assert page.page.get_by_role("button", name="Family tree").get_attribute("aria-pressed") == "true"
    assert labels(page) == {
        "Nursultan Nazarbayev",
        "Dariga Nazarbayeva",
        "Rakhat Aliyev",
        "Dinara",
        "Timur Kulibayev",
        "Svetlana Nazarbayeva",
    }
    pos = positions(page, [NAZARBAYEV, DARIGA, DINARA, RAKHAT, KULIBAYEV, SVETLANA])
    # his daughters one generation below him; each husband beside his wife; his sister-in-law beside him
    assert pos[DARIGA][1] - pos[NAZARBAYEV][1] == pos[DINARA][1] - pos[NAZARBAYEV][1] == step
    for wife, husband in ((DARIGA, RAKHAT), (DINARA, KULIBAYEV)):
        assert pos[husband][1] == pos[wife][1]
        assert abs(pos[husband][0] - pos[wife][0]) == slot
        lo, hi = sorted((pos[husband][0], pos[wife][0]))
        assert not [p for p in pos.values() if p[1] == pos[wife][1] and lo < p[0] < hi]
    assert pos[SVETLANA][1] == pos[NAZARBAYEV][1]
    # the daughters sit under him
    assert (pos[DARIGA][0] + pos[DINARA][0]) / 2 == pytest.approx(pos[NAZARBAYEV][0])
    # the former marriage is dashed and says so; the current one is solid
    ties = page.js(f"{X}.edgeView.get().map((e) => [{X}.nodes.get(e.from).label, e.label, e.dashes])")
    assert ["Dariga Nazarbayeva", "former spouse of", True] in ties
    assert ["Dinara", "spouse of", False] in ties
    assert page.js("location.hash") == "#view=family&focus=" + quote(NAZARBAYEV, safe="")
    screenshot(page, "explorer-family.png")
    # out of the tree: every entity back where it was
    page.page.get_by_role("button", name="Family tree").click()
    assert page.js(f"{X}.nodeView.length") == len(everything)
    assert positions(page, everything) == before
    # any person with family ties: Lira Baiseitova, her daughter one generation below
    page.js(f"{X}.select({LIRA!r})")
    page.page.get_by_role("button", name="Family tree").click()
    assert labels(page) == {"Lira Baiseitova", "Leila Baiseitova"}
    pos = positions(page, [LIRA, LEILA])
    assert pos[LEILA][1] - pos[LIRA][1] == step
    # seen from Dariga, her father is one generation above her
    page.js(f"{X}.showFamily({DARIGA!r})")
    pos = positions(page, [NAZARBAYEV, DARIGA, RAKHAT])
    assert pos[DARIGA][1] - pos[NAZARBAYEV][1] == step and pos[RAKHAT][1] == pos[DARIGA][1]
    # someone with no family ties: the President's family, and a word why
    page.js(f"{X}.showFamily({TOKAYEV!r})")
    assert "Kassym-Jomart Tokayev has no family ties" in page.js(
        "document.getElementById('status').textContent"
    )
    assert page.js(f"{X}.state.familyId") == NAZARBAYEV
    clean(page)


def test_the_view_lives_in_the_address(browser: Any, explorer: Path) -> None:
    fragment = "#focus=" + quote(DARIGA, safe="") + "&depth=1&kinds=person,party&date=2009-06-01"
    page = Page(browser, explorer, fragment)
    # restored on load: her father and her former husband (the one tie possibly in effect that day);
    # Khabar, the sectors and the family group are of kinds left out
    assert labels(page) == {"Dariga Nazarbayeva", "Nursultan Nazarbayev", "Rakhat Aliyev"}
    assert page.js("document.getElementById('asof').value") == "2009-06-01"
    assert page.js("document.getElementById('depth').value") == "1"
    checked = page.js("Array.from(document.querySelectorAll('#kinds input:checked')).map((i) => i.value)")
    assert checked == ["party", "person"]
    # updated as the view changes
    page.page.click("#kinds input[value='party']")
    assert (
        page.js("location.hash")
        == "#focus=" + quote(DARIGA, safe="") + "&depth=1&kinds=person&date=2009-06-01"
    )
    page.page.click("#asof-clear")
    assert page.js("location.hash") == "#focus=" + quote(DARIGA, safe="") + "&depth=1&kinds=person"
    assert page.js("document.getElementById('link').value") == page.js("location.href")
    # and followed when the address changes
    page.js(f"location.hash = '#focus=' + encodeURIComponent({TOKAYEV!r}) + '&depth=1'")
    page.page.wait_for_function(f"{X}.state.focusId === {TOKAYEV!r}")
    assert {"Kassym-Jomart Tokayev", "Senate of Kazakhstan", "Council of Ministers"} <= labels(page)
    assert page.js(f"{X}.state.kinds.size") == page.js("document.querySelectorAll('#kinds input').length")
    page.js("location.hash = ''")
    page.page.wait_for_function(f"{X}.state.focusId === null && {X}.nodeView.length === {X}.nodes.length")
    # nonsense is left out, never run
    page.js(
        "location.hash = '#focus=javascript%3Aalert(1)&depth=9&kinds=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E"
        "&date=%3Cscript%3E&view=family'"
    )
    page.page.wait_for_function(f"{X}.state.familyId !== null")
    assert page.js(f"[{X}.state.depth, {X}.state.kinds.size, {X}.state.date]") == [2, 0, None]
    assert page.js("document.querySelectorAll('img, script[src]').length") == 0
    clean(page)


CLIPBOARD = """Object.defineProperty(navigator, 'clipboard', { configurable: true, value: {
  writeText: (text) => { window.copiedLink = text; return Promise.resolve(); } } });"""
NO_CLIPBOARD = "Object.defineProperty(navigator, 'clipboard', { configurable: true, value: undefined });"


def test_copy_link(browser: Any, explorer: Path) -> None:
    page = Page(browser, explorer, init_script=CLIPBOARD)
    page.page.get_by_role("button", name="Dariga Nazarbayeva").click()
    page.page.get_by_role("button", name="Copy link").click()
    page.page.wait_for_function("window.copiedLink !== undefined")
    link = page.js("window.copiedLink")
    assert link == page.js("location.href") and link.endswith("#focus=" + quote(DARIGA, safe="") + "&depth=2")
    assert page.js("document.getElementById('status').textContent") == "Link copied."
    clean(page)
    # no clipboard: the read-only field that shows the link is focused with its text selected
    page = Page(browser, explorer, init_script=NO_CLIPBOARD)
    page.page.get_by_role("button", name="Copy link").click()
    selected = page.js(
        "(() => { const i = document.activeElement; return [i.id, i.readOnly, i.selectionStart,"
        " i.selectionEnd, i.value.length, i.value === location.href]; })()"
    )
    assert selected[:3] == ["link", True, 0] and selected[3] == selected[4] and selected[5]
    clean(page)


def test_keyboard_search_filters_and_panel(browser: Any, explorer: Path) -> None:
    page = Page(browser, explorer)
    # reachable with Tab from the top of the page
    for _ in range(12):
        page.page.keyboard.press("Tab")
        if page.js("document.activeElement.id") == "search":
            break
    assert page.js("document.activeElement.id") == "search"
    page.page.keyboard.type("Nazarbay")
    options = page.js(
        "Array.from(document.querySelectorAll('#matches [role=option]')).map((o) => o.textContent)"
    )
    assert {"Nursultan Nazarbayev", "Dariga Nazarbayeva", "Svetlana Nazarbayeva"} <= set(options)
    assert page.page.get_by_role("combobox", name="Find an entity").get_attribute("aria-expanded") == "true"
    page.page.keyboard.press("ArrowDown")
    page.page.keyboard.press("ArrowDown")
    active = page.js(
        "document.getElementById(document.activeElement.getAttribute('aria-activedescendant')).textContent"
    )
    assert active == options[2]
    assert page.js("document.querySelector('#matches [aria-selected=true]').textContent") == options[2]
    page.page.keyboard.press("ArrowUp")
    page.page.keyboard.press("Enter")
    assert page.js("document.getElementById('info-title').textContent") == options[1]
    page.page.keyboard.press("Escape")
    assert page.page.get_by_role("combobox", name="Find an entity").get_attribute("aria-expanded") == "false"
    # the filters are checkboxes, each named by its label, and toggled with the space bar
    names = page.js(
        "Array.from(document.querySelectorAll('input[type=checkbox]'))"
        ".map((b) => b.closest('label') && b.closest('label').textContent.trim())"
    )
    assert len(names) == 13 + 13 and all(names)
    party = page.page.get_by_role("checkbox", name="party 17", exact=True)
    party.focus()
    page.page.keyboard.press("Space")
    assert not party.is_checked() and "kinds=" in page.js("location.hash")
    # the side panel is text: Massimov's premiership (summary box), its dates and its sections
    page.js(f"{X}.select({MASSIMOV!r})")
    text = page.page.inner_text("#info")
    assert "Prime Minister of Kazakhstan Council of Ministers" in text
    assert "from 2007-01, still in effect on 2011-04-05" in text
    assert "Source: BIOGRAPHIES > Karim Massimov" in text
    clean(page)


def test_no_serious_accessibility_violations(browser: Any, explorer: Path) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    page = Page(browser, explorer)

    def serious(when: str) -> list[tuple[str, str, str]]:
        found = axe.run(page.page).response["violations"]
        return [(when, v["id"], v["help"]) for v in found if v["impact"] in ("serious", "critical")]

    problems = serious("first view")
    page.page.fill("#search", "Masimov")
    problems += serious("with matches")
    page.page.press("#search", "Enter")
    problems += serious("an entity shown")
    page.page.get_by_role("button", name="Family tree").click()
    problems += serious("family tree")
    assert problems == []
    clean(page)


def test_ties_show_relation_and_dates_on_hover_and_in_the_panel(browser: Any, explorer: Path) -> None:
    page = Page(browser, explorer)
    # in the family tree (drawn once more at once, so that every entity's box, which hides the ties
    # under it, is current)
    page.js(f"{X}.showFamily({DARIGA!r}); {X}.network.redraw()")
    # a point of the tie Dariga -> Rakhat Aliyev (whole pixels, as the mouse moves) where, as vis-network's
    # tooltip check sees it, no entity lies over the tie and no other tie passes
    point = page.js(
        f"""(() => {{ const n = {X}.network, p = n.getPositions([{DARIGA!r}, {RAKHAT!r}]);
        const box = document.getElementById('network').getBoundingClientRect();
        const tie = {X}.edgeView.get().find((e) => e.from === {DARIGA!r} && e.to === {RAKHAT!r}).id;
        for (let f = 0.2; f < 0.9; f += 0.02) {{
          const c = n.canvasToDOM({{ x: p[{DARIGA!r}].x + f * (p[{RAKHAT!r}].x - p[{DARIGA!r}].x),
                                     y: p[{DARIGA!r}].y + f * (p[{RAKHAT!r}].y - p[{DARIGA!r}].y) }});
          const x = Math.round(box.left + c.x), y = Math.round(box.top + c.y);
          const at = n.interactionHandler.getPointer({{ x: x, y: y }});
          const q = {{ x: n.canvas._XconvertDOMtoCanvas(at.x), y: n.canvas._YconvertDOMtoCanvas(at.y) }};
          const o = {{ left: q.x, top: q.y, right: q.x, bottom: q.y }};
          const over = (table, ids) => ids.filter((id) => table[id].isOverlappingWith(o));
          if (!over(n.body.nodes, n.body.nodeIndices).length
              && over(n.body.edges, n.body.edgeIndices).join() === tie) return [x, y];
        }} return null; }})()"""
    )
    assert point is not None
    page.page.mouse.move(point[0], point[1])
    tooltip = page.page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible")
    assert tooltip.inner_text().splitlines() == [
        "Dariga Nazarbayeva → former spouse of → Rakhat Aliyev",
        "Relation: family",
        "When: From an unknown date, until by 2011-04-05",
        "Source: POLITICAL SYSTEM > The President",
    ]
    page.page.mouse.click(point[0], point[1])
    panel = page.page.inner_text("#info")
    assert "Dariga Nazarbayeva → former spouse of → Rakhat Aliyev" in panel
    assert "Relation\nfamily (former spouse of)" in panel
    assert "When\nFrom an unknown date, until by 2011-04-05" in panel
    # the legend draws each relation's colour and arrowhead, and names the arrowhead
    legend = page.js(
        "Array.from(document.querySelectorAll('#relations label')).map((l) =>"
        " [l.querySelector('span').textContent,"
        " l.querySelectorAll('svg line, svg path, svg circle, svg rect').length,"
        " l.querySelector('.style-name').textContent])"
    )
    assert len(legend) == 13 and all(n >= 2 for _, n, _ in legend)
    assert ["family", 2, "(round head)"] in legend
    clean(page)


def png_size_and_text(data: bytes) -> tuple[int, int, dict[str, str]]:
    """The width, height and text chunks of a PNG, each chunk's CRC checked."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    texts, at = {}, 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind, body = data[at + 4 : at + 8], data[at + 8 : at + 8 + length]
        assert struct.unpack(">I", data[at + 8 + length : at + 12 + length])[0] == zlib.crc32(kind + body)
        if kind == b"iTXt":
            key, _, rest = body.partition(b"\0")
            texts[key.decode()] = rest[2:].split(b"\0", 2)[2].decode("utf-8")
        at += 12 + length
    return width, height, texts


def test_png_and_svg_downloads(browser: Any, explorer: Path) -> None:
    page = Page(browser, explorer, "#focus=" + quote(DARIGA, safe="") + "&depth=1")
    caption = (
        f"Source: Political profile of Kazakhstan, last updated 5 April 2011. Drawn by kzgraph {__version__}."
    )
    with page.page.expect_download() as got:
        page.page.get_by_role("button", name="Download PNG").click()
    png = got.value
    assert png.suggested_filename == "kzgraph-dariga-nazarbayeva.png"
    width, height, texts = png_size_and_text(Path(png.path()).read_bytes())
    css = page.js(
        "(() => { const c = document.querySelector('#network canvas');"
        " return [c.clientWidth, c.clientHeight]; })()"
    )
    assert (width, height) == (2 * css[0], 2 * css[1])
    assert texts == {"Description": caption}
    # the canvas is back at the screen's own resolution afterwards
    assert page.js("document.querySelector('#network canvas').width") == css[0]

    with page.page.expect_download() as got:
        page.page.get_by_role("button", name="Download SVG").click()
    svg = got.value
    assert svg.suggested_filename == "kzgraph-dariga-nazarbayeva.svg"
    root = ET.fromstring(Path(svg.path()).read_bytes())
    assert root.tag == SVG + "svg"
    drawn = {" ".join(" ".join(t.itertext()).split()) for t in root.iter(SVG + "text")}
    assert caption in drawn
    # her neighbourhood: her father, her former husband, Khabar which she headed (Media), the family group
    entities = {
        " ".join(" ".join(g.find(SVG + "text").itertext()).split())
        for g in root.iter(SVG + "g")
        if g.get("class") == "entity"
    }
    assert {"Dariga Nazarbayeva", "Nursultan Nazarbayev", "Rakhat Aliyev", "Khabar"} <= entities
    assert entities == labels(page)
    assert "Karim Massimov" not in entities
    titled = [t.text for t in root.iter(SVG + "title")]
    assert any("former spouse of" in (t or "") and "Relation: family" in (t or "") for t in titled)
    # the family tree's SVG draws the former marriage dashed
    page.page.get_by_role("button", name="Family tree").click()
    with page.page.expect_download() as got:
        page.page.get_by_role("button", name="Download SVG").click()
    tree = ET.fromstring(Path(got.value.path()).read_bytes())
    dashed = [
        g
        for g in tree.iter(SVG + "g")
        if g.get("class") == "tie" and g.find(SVG + "line").get("stroke-dasharray")
    ]
    assert [g.find(SVG + "text").text for g in dashed] == ["former spouse of"]
    assert got.value.suggested_filename == "kzgraph-family-dariga-nazarbayeva.svg"
    clean(page)


def test_focused_screenshot(browser: Any, explorer: Path) -> None:
    page = Page(browser, explorer)
    page.page.get_by_role("button", name="Nursultan Nazarbayev").click()
    page.page.select_option("#depth", "1")
    assert page.js(f"{X}.state.depth") == 1 and page.js(f"{X}.state.focusId") == NAZARBAYEV
    assert {"Dariga Nazarbayeva", "Dinara", "Svetlana Nazarbayeva", "Nur Otan"} <= labels(page)
    screenshot(page, "explorer-focused.png")
    clean(page)


def test_hostile_labels_stay_text_in_tooltips_and_exports(browser: Any, tmp_path: Path) -> None:
    data = write_hostile_data(tmp_path / "data")
    path = tmp_path / "hostile.html"
    assert main(["viz", "--data", str(data), "-o", str(path)]) == 0
    page = Page(
        browser, path, "#focus=" + quote("https://w3id.org/kzgraph/id/person/hostile", safe="") + "&depth=1"
    )
    title = page.js(f"{X}.edges.get()[0].title")
    assert title.startswith(HOSTILE + " → spouse of → Other")
    with page.page.expect_download() as got:
        page.page.get_by_role("button", name="Download SVG").click()
    root = ET.fromstring(Path(got.value.path()).read_bytes())
    texts = {" ".join(t.itertext()) for t in root.iter(SVG + "text")}
    assert any(HOSTILE in t for t in texts)  # as characters: no element came of it
    assert not [e for e in root.iter() if e.tag.split("}")[-1] in ("img", "script", "foreignObject", "b")]
    # a family tree of two, the hostile person's name in the panel as the characters it is
    page.page.get_by_role("button", name="Family tree").click()
    assert page.js(f"{X}.nodeView.length") == 2
    assert page.js("document.getElementById('info-title').textContent") == HOSTILE
    assert SCRIPT in page.js("document.getElementById('info').textContent")
    assert page.js("document.querySelectorAll('img, script[src], b').length") == 0
    clean(page)
