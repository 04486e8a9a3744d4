"""The endpoint's query page in a real browser: offline, and data shown as text, never as markup."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import HOSTILE, SCRIPT, running_endpoint, write_hostile_data
from kzgraph.query import named_queries

pytestmark = pytest.mark.browser

BUILD = Path(__file__).resolve().parent.parent / "build"


@pytest.fixture(scope="module")
def hostile_endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An endpoint over a small graph whose labels and notes carry HTML and script."""

    data = write_hostile_data(tmp_path_factory.mktemp("hostile-data"))
    with running_endpoint(timeout=5, data_dir=data) as url:
        yield url


def test_query_page_shows_hostile_data_as_text_offline(browser: Any, hostile_endpoint: str) -> None:
    """Checked with Playwright's locators only: the page's CSP forbids eval, which page.evaluate needs."""
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": 1200, "height": 800})
    errors: list[str] = []
    dialogs: list[str] = []
    outside: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

    def only_the_endpoint(route: Any) -> None:
        if route.request.url.startswith(hostile_endpoint):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_the_endpoint)
    page.goto(hostile_endpoint + "/")

    # The named questions are listed, each title as text.
    expect(page.locator("#library li")).to_have_count(len(named_queries()))

    page.fill(
        "#query",
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
        "SELECT ?label WHERE { ?p skos:prefLabel|skos:altLabel ?label } ORDER BY ?label",
    )
    page.click("#run")
    expect(page.locator("#status")).to_contain_text("rows")
    cells = page.locator("#results td").all_text_contents()
    assert HOSTILE in cells and SCRIPT in cells
    assert page.locator("#results img, #results script").count() == 0

    # A query carrying markup fails as a syntax error, shown as text.
    page.fill("#query", f"SELECT ?x WHERE {{ {HOSTILE} }}")
    page.click("#run")
    expect(page.locator("#status")).to_have_class("error")
    assert "syntax error" in (page.locator("#status").text_content() or "")
    assert page.locator("img").count() == 0

    BUILD.mkdir(exist_ok=True)
    page.screenshot(path=str(BUILD / "endpoint-hostile-label.png"))
    assert dialogs == []
    assert outside == []
    # The failed query's 400 is logged by the browser as a failed resource; nothing else may be.
    assert [e for e in errors if "400" not in e] == []
    page.close()
