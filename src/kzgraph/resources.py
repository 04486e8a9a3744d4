"""Where the packaged ontology, shapes, rules, data and queries live.

They are shipped inside the package (``kzgraph/resources``) in both an editable install and a built
wheel, so this is the only place that knows their location.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from kzgraph.errors import InputError


def resource_dir(name: str) -> Path:
    """Return the packaged folder ``name`` (ontology, data or queries)."""
    path = Path(str(files("kzgraph").joinpath("resources", name)))
    if not path.is_dir():
        raise InputError(f"packaged folder {name!r} is missing from the kzgraph installation ({path})")
    return path


def ontology_dir() -> Path:
    """The OWL ontology (``*.ttl``), SHACL shapes (``shapes/``), rules (``rules/``) and JSON-LD context."""
    return resource_dir("ontology")


def data_dir() -> Path:
    """The instance data, one TriG file per topic (a graph per source section)."""
    return resource_dir("data")


def queries_dir() -> Path:
    """The named SPARQL queries (``*.rq``) and the quality-control queries (``qc/``)."""
    return resource_dir("queries")


def template_path(name: str) -> Path:
    """A file from the package's ``templates`` folder (HTML templates, scripts)."""
    path = Path(str(files("kzgraph").joinpath("templates", name)))
    if not path.is_file():
        raise InputError(f"packaged template {name!r} is missing from the kzgraph installation")
    return path


def package_file(*parts: str) -> Path:
    """A file shipped inside the package (templates, schemas)."""
    path = Path(str(files("kzgraph").joinpath(*parts)))
    if not path.is_file():
        raise InputError(f"packaged file {'/'.join(parts)!r} is missing from the kzgraph installation")
    return path
