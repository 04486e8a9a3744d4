"""Allow ``python -m kzgraph`` (supervised, as the console command is)."""

from kzgraph.cli import run

run()
