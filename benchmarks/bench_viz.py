"""How big the explorer is and how fast it works in headless Chromium.

Times the Python side (network projection, layout, HTML rendering) and, in the page: from opening the
file to the first drawn frame, the family tree, focusing on a neighbourhood, and the PNG and SVG
downloads. Prints the explorer's size. Medians of several runs. Needs Debian's Chromium at
/usr/bin/chromium and Playwright. Run: ``python benchmarks/bench_viz.py``.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from kzgraph.build import compute
from kzgraph.network import build_network
from kzgraph.view import GraphView
from kzgraph.viz import _layout, render_html

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
]

NAZARBAYEV = "https://w3id.org/kzgraph/id/person/nursultan-nazarbayev"


def in_page(page: Any, call: str) -> float:
    """Seconds one call of the explorer's API takes in the page (drawing included)."""
    return float(
        page.evaluate(
            f"""(() => {{ const t = performance.now(); {call};
                window.kzExplorer.network.redraw(); return (performance.now() - t) / 1000; }})()"""
        )
    )


def download_time(page: Any, button: str) -> tuple[float, int]:
    start = time.perf_counter()
    with page.expect_download() as got:
        page.click(button)
    size = Path(got.value.path()).stat().st_size
    return time.perf_counter() - start, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    build = compute()
    project, layout, render = [], [], []
    html = ""
    for _ in range(args.runs):
        view = GraphView(build.store.ox)  # (a fresh view: nothing remembered from the run before)
        start = time.perf_counter()
        net = build_network(view)
        project.append(time.perf_counter() - start)
        start = time.perf_counter()
        _layout(net)
        layout.append(time.perf_counter() - start)
        start = time.perf_counter()
        html = render_html(net, view)
        render.append(time.perf_counter() - start)
    from playwright.sync_api import sync_playwright

    times: dict[str, list[float]] = {"first": [], "family": [], "focus": [], "png": [], "svg": []}
    sizes = {"png": 0, "svg": 0}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        path = Path(tmp) / "explorer.html"
        path.write_text(html, encoding="utf-8")
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for _ in range(args.runs):
            page = browser.new_page(viewport={"width": 1400, "height": 900}, accept_downloads=True)
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
            start = time.perf_counter()
            page.goto(path.as_uri())
            page.wait_for_function("window.kzExplorer && window.kzExplorer.rendered", timeout=30000)
            times["first"].append(time.perf_counter() - start)
            times["family"].append(in_page(page, f"window.kzExplorer.showFamily({NAZARBAYEV!r})"))
            times["focus"].append(in_page(page, f"window.kzExplorer.focusOn({NAZARBAYEV!r}, 2)"))
            for kind in ("png", "svg"):
                took, sizes[kind] = download_time(page, f"#export-{kind}")
                times[kind].append(took)
            page.close()
        browser.close()
    size = len(html.encode("utf-8"))
    print(
        f"explorer: {net.number_of_nodes()} entities, {net.number_of_edges()} ties, "
        f"{size} bytes ({size / 1024:.0f} kB); median of {args.runs} runs"
    )
    print(f"  network projection       {statistics.median(project):.3f} s")
    print(f"  layout                   {statistics.median(layout):.3f} s")
    print(f"  HTML rendering (layout included) {statistics.median(render):.3f} s")
    spread = f"min {min(times['first']):.3f}, max {max(times['first']):.3f}"
    print(f"  browser to first frame   {statistics.median(times['first']):.3f} s ({spread})")
    print(f"  family tree              {statistics.median(times['family']) * 1000:.1f} ms")
    print(f"  focus, 2 ties deep       {statistics.median(times['focus']) * 1000:.1f} ms")
    print(f"  PNG download (2x)        {statistics.median(times['png']):.3f} s, {sizes['png']} bytes")
    print(f"  SVG download             {statistics.median(times['svg']):.3f} s, {sizes['svg']} bytes")


if __name__ == "__main__":
    main()
