"""kzgraph's own errors: each carries the exit code the CLI returns and a one-line message."""

from __future__ import annotations

EXIT_OK = 0
EXIT_VIOLATIONS = 1
EXIT_ERROR = 2


class KzError(Exception):
    """An error the user can act on; the CLI prints its message on one line, without a traceback."""

    exit_code = EXIT_ERROR

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))
        self.message = " ".join(message.split())


class InputError(KzError):
    """A file is missing, unreadable, malformed, or not of a supported format."""


class QueryError(KzError):
    """A SPARQL query is malformed, refers to an unknown named query, or is refused."""


class NotFoundError(KzError):
    """An entity, query or resource asked for by name does not exist."""


class BudgetError(KzError):
    """An operation exceeded its time budget and was stopped."""

    exit_code = 3
