"""The package finds its ontology, data and queries when installed from a wheel, outside the checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    wheels = list(dist.glob("kzgraph-*.whl"))
    assert len(wheels) == 1
    return wheels[0]


def test_wheel_ships_ontology_data_queries_and_templates(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in [
        "kzgraph/resources/ontology/kzgraph.ttl",
        "kzgraph/resources/ontology/shapes/core.ttl",
        "kzgraph/resources/ontology/rules/10-relationships.rq",
        "kzgraph/resources/ontology/context.jsonld",
        "kzgraph/resources/data/people.trig",
        "kzgraph/resources/data/sources.trig",
        "kzgraph/resources/queries/election-results.rq",
        "kzgraph/templates/explorer.html",
    ]:
        assert required in names, required


def test_installed_wheel_builds_from_outside_the_checkout(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    where = subprocess.run(
        [sys.executable, "-c", "import kzgraph; print(kzgraph.__file__)"],
        cwd=work,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    assert where.startswith(str(target)), where  # the wheel, not the checkout
    out = tmp_path / "x"
    done = subprocess.run(
        [sys.executable, "-m", "kzgraph", "build", "--out", str(out)],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert (out / "kzgraph.ttl").stat().st_size > 0
    assert (out / "explorer.html").stat().st_size > 0
