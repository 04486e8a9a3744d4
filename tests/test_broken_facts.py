"""Break one real fact in a copy of the data: `kzgraph validate` exits 1, naming the entity and rule."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from kzgraph.cli import main
from kzgraph.resources import data_dir


def _copy(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(data_dir(), data)
    return data


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def _validate(capsys: pytest.CaptureFixture[str], data: Path) -> tuple[int, str]:
    code = main(["validate", "--data", str(data)])
    out, _ = capsys.readouterr()
    return code, out


def test_swapped_tenure_dates(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # BIOGRAPHIES > Karim Massimov: Deputy Prime Minister from January 2006 to January 2007.
    data = _copy(tmp_path)
    block = re.compile(
        r'(tenure:massimov-deputy-prime-minister a kz:Tenure ;.*?)"2006-01"(.*?)"2007-01"', re.S
    )
    text = (data / "offices.trig").read_text(encoding="utf-8")
    (data / "offices.trig").write_text(block.sub(r'\1"2007-01"\2"2006-01"', text, count=1), encoding="utf-8")
    code, out = _validate(capsys, data)
    assert code == 1
    line = next(x for x in out.splitlines() if "tenure:massimov-deputy-prime-minister" in x)
    assert "kzsh:EndNotBeforeStartShape" in line and "Ends before it begins" in line


def test_changed_vote_count(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # Presidential elections 2011 > Results: Ghani Qasimov 159,036 votes; total 8,216,370.
    data = _copy(tmp_path)
    _edit(data / "elections.trig", "kz:votes 159036 ;", "kz:votes 159037 ;")
    code, out = _validate(capsys, data)
    assert code == 1
    line = next(x for x in out.splitlines() if "kzsh:VotesAddUpShape" in x)
    assert line.split()[1] == "election:presidential-2011"
    assert "8216371" in line and "8216370" in line


def test_dropped_label(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # IMPORTANT POLITICAL ISSUES > Media: Sergei Duvanov, a journalist.
    data = _copy(tmp_path)
    _edit(data / "people.trig", '    skos:prefLabel "Sergei Duvanov" ;\n', "")
    code, out = _validate(capsys, data)
    assert code == 1
    line = next(x for x in out.splitlines() if "person:sergei-duvanov" in x)
    assert "kzsh:EntityShape" in line and "skos:prefLabel" in line and "preferred label" in line


def test_dropped_source(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # International relations: Kazakhstan joined the UN on 2 March 1992.
    data = _copy(tmp_path)
    # the fact's statements taken out of every section's graph (into the file's default graph)
    path = data / "international.trig"
    text = path.read_text(encoding="utf-8")
    moved = re.sub(r"GRAPH src:[\w-]+ \{\n(membership:kazakhstan-un )", r"{\n\1", text)
    assert moved != text
    path.write_text(moved, encoding="utf-8")
    code, out = _validate(capsys, data)
    assert code == 1
    line = next(x for x in out.splitlines() if "membership:kazakhstan-un" in x)
    assert "kzsh:DatedFactShape" in line and "kz:source" in line and "cite" in line
