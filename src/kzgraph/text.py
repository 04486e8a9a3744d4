"""Text safe to print: what the data holds must never drive a terminal, reorder a line or break XML.

Labels come from data kzgraph did not write. A label holding ``ESC [2J`` would clear a reader's terminal,
one holding U+202E would print the rest of its line backwards, and U+0001 or U+FFFE make an XML file
ill-formed. Every human-readable output goes through :func:`printable`; every XML output through
:func:`xml_safe`.

>>> printable("Nur Otan\\x1b[2J")
'Nur Otan\\\\x1b[2J'
>>> printable("a\\u202eb")
'a\\\\u202eb'
>>> xml_safe("a\\x01b\\ufffe")
'a\\ufffdb\\ufffd'
"""

from __future__ import annotations

import re

#: C0 and C1 controls (but tab), DEL, bidirectional overrides and isolates, and the line and paragraph
#: separators: shown as escapes in text meant for a terminal.
_UNPRINTABLE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
#: Characters XML 1.0 does not allow at all (RDF literals may hold them).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def printable(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with control and direction characters written as visible escapes (``\\x1b``, ``\\u202e``)."""

    def escape(m: re.Match[str]) -> str:
        c = m.group(0)
        if keep_newlines and c == "\n":
            return c
        return f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}"

    return _UNPRINTABLE.sub(escape, text)


def xml_safe(text: str) -> str:
    """``text`` with the characters XML 1.0 forbids replaced by U+FFFD (the replacement character)."""
    return _NOT_XML.sub("\ufffd", text)
