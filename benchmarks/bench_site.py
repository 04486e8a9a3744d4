"""The static site (``kzgraph site``): how long it takes to write, how big it is, how fast it renders.

- seed: ``kzgraph site`` as a whole process (median of ``--runs``), after a build, so the store is read;
- 100k: a synthetic graph of about 100,000 triples (``benchmarks/synth.py``), built in memory, then its
  site (one run): pages, total size, the largest page;
- Chromium (Debian's, headless): the first render of an entity page (navigation start to the load
  event) and one search keystroke on the index (the time until the results list changes), medians.

Run: ``python benchmarks/bench_site.py`` (``--sizes seed`` to skip the synthetic graph).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench_viz import ARGS  # noqa: E402  (the same Chromium flags as the explorer's benchmark)


def kzgraph_command() -> list[str]:
    exe = Path(sys.executable).parent / "kzgraph"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "kzgraph"]


def seed(runs: int, folder: Path) -> Path:
    subprocess.run(
        [*kzgraph_command(), "build", "--out", str(folder / "build")], check=True, capture_output=True
    )
    times = []
    out = folder / "site"
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [*kzgraph_command(), "--build-dir", str(folder / "build"), "site", "--out", str(out)],
            check=True,
            capture_output=True,
        )
        times.append(time.perf_counter() - start)
    print(f"seed site, whole process: median {statistics.median(times):.2f} s of {runs} runs (target 2 s)")
    describe(out)
    return out


def describe(out: Path) -> None:
    pages = [p for p in out.rglob("*.html")]
    files = [p for p in out.rglob("*") if p.is_file()]
    total = sum(p.stat().st_size for p in files)
    largest = max(pages, key=lambda p: p.stat().st_size)
    entity = [p for p in pages if p.parts[-3:-2] == ("id",) or "/id/" in str(p)]
    biggest_entity = max(entity, key=lambda p: p.stat().st_size) if entity else largest
    print(
        f"  {len(pages)} pages, {len(files)} files, {total / 1e6:.1f} MB; largest page "
        f"{largest.relative_to(out)} ({largest.stat().st_size / 1e3:.0f} kB); largest entity page "
        f"{biggest_entity.relative_to(out)} ({biggest_entity.stat().st_size / 1e3:.0f} kB)"
    )


def synthetic(size: int, folder: Path) -> None:
    sys.path.insert(0, str(HERE))
    from kzgraph.build import compute
    from kzgraph.load import Limits
    from kzgraph.site import build_site
    from kzgraph.sources import Sources
    from synth import generate

    data = folder / f"synth-{size}.ttl"
    data.write_text(generate(size), encoding="utf-8")
    build = compute(
        Sources.packaged(data_files=[data]), limits=Limits(file_bytes=1 << 30, triples=10_000_000)
    )
    start = time.perf_counter()
    site = build_site(build.store, folder / f"site-{size}")
    took = time.perf_counter() - start
    print(f"{size // 1000}k synthetic site: {took:.1f} s (target 60 s); {site.summary()}")
    describe(folder / f"site-{size}")


def browser(out: Path, runs: int) -> None:
    from playwright.sync_api import sync_playwright

    page_url = (out / "id" / "person" / "karim-massimov.html").as_uri()
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        renders, searches = [], []
        for _ in range(runs):
            page = chromium.new_page()
            page.goto(page_url, wait_until="load")
            renders.append(
                page.evaluate("performance.timing.loadEventStart - performance.timing.navigationStart")
            )
            page.goto((out / "index.html").as_uri(), wait_until="load")
            took = page.evaluate(
                """() => { const box = document.getElementById("q"); const t0 = performance.now();
                box.value = "Masimov"; box.dispatchEvent(new Event("input"));
                return performance.now() - t0; }"""
            )
            searches.append(took)
            page.close()
        chromium.close()
    print(f"Chromium: entity page first render median {statistics.median(renders):.0f} ms (target 300 ms)")
    search = statistics.median(searches)
    print(f"Chromium: search answer for one keystroke median {search:.1f} ms (target 50 ms)")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="seed,100000", help="seed and/or synthetic triple counts")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kzgraph-site-") as tmp:
        folder = Path(tmp)
        sizes = args.sizes.split(",")
        out = seed(args.runs, folder) if "seed" in sizes else None
        if out is not None and Path("/usr/bin/chromium").exists():
            browser(out, max(args.runs, 5))
        for size in sizes:
            if size != "seed":
                synthetic(int(size), folder)


if __name__ == "__main__":
    main()
