"""kzgraph: a validated, reasoned RDF knowledge graph of Kazakhstan's political system.

The package is cut by pipeline stage: :mod:`kzgraph.load`, :mod:`kzgraph.reason`, :mod:`kzgraph.validate`,
:mod:`kzgraph.query`, :mod:`kzgraph.export`, :mod:`kzgraph.network`, :mod:`kzgraph.viz`,
:mod:`kzgraph.build`; :mod:`kzgraph.cli` only parses arguments and calls them. Importing the package
itself is cheap: the heavy libraries are imported by the stage that needs them.
"""

__version__ = "0.1.0"
