"""kzgraph: a validated, reasoned RDF knowledge graph of Kazakhstan's political system.

The library is one object over one store::

    import kzgraph
    kg = kzgraph.open()                      # the built store in build/ (built or rebuilt as needed)
    kg.query("office-holders", post="post:prime-minister-of-kazakhstan").values()
    kg.show("Masimov").text()

The package is cut by stage: :mod:`kzgraph.load`, :mod:`kzgraph.reason`, :mod:`kzgraph.validate`,
:mod:`kzgraph.store`, :mod:`kzgraph.export`, :mod:`kzgraph.network`, :mod:`kzgraph.viz`,
:mod:`kzgraph.build`; :mod:`kzgraph.api` is the public surface and :mod:`kzgraph.cli` only wraps it.
Importing the package itself is cheap: the rest loads when first used.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.2.0"

__all__ = ["KnowledgeGraph", "Rows", "__version__", "open"]


def __getattr__(name: str) -> Any:
    if name in ("open", "KnowledgeGraph"):
        from kzgraph import api

        return getattr(api, name)
    if name == "Rows":
        from kzgraph.results import Rows

        return Rows
    raise AttributeError(f"module 'kzgraph' has no attribute {name!r}")
