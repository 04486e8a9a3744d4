"""How fast the explorer renders in headless Chromium: from opening the file to the first drawn frame.

Also times the Python side (network projection and HTML rendering). Medians of several runs. Needs
Debian's Chromium at /usr/bin/chromium and Playwright. Run: ``python benchmarks/bench_viz.py``.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from kzgraph.build import compute
from kzgraph.network import build_network
from kzgraph.view import GraphView
from kzgraph.viz import render_html

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    build = compute()
    project, render = [], []
    html = ""
    for _ in range(args.runs):
        view = GraphView(build.store.ox)  # (a fresh view: nothing remembered from the run before)
        start = time.perf_counter()
        net = build_network(view)
        project.append(time.perf_counter() - start)
        start = time.perf_counter()
        html = render_html(net, view)
        render.append(time.perf_counter() - start)
    from playwright.sync_api import sync_playwright

    times = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        path = Path(tmp) / "explorer.html"
        path.write_text(html, encoding="utf-8")
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for _ in range(args.runs):
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
            start = time.perf_counter()
            page.goto(path.as_uri())
            page.wait_for_function("window.kzExplorer && window.kzExplorer.rendered", timeout=30000)
            times.append(time.perf_counter() - start)
            page.close()
        browser.close()
    print(
        f"explorer: {net.number_of_nodes()} entities, {net.number_of_edges()} ties, {len(html)} bytes; "
        f"median of {args.runs} runs"
    )
    print(f"  network projection   {statistics.median(project):.3f} s")
    print(f"  HTML rendering       {statistics.median(render):.3f} s")
    spread = f"min {min(times):.3f}, max {max(times):.3f}"
    print(f"  browser to first frame {statistics.median(times):.3f} s ({spread})")


if __name__ == "__main__":
    main()
