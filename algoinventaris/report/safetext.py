"""Text from packages made safe to show: invisible control characters become a visible marker such as [U+0007].

A package's texts (algorithm name, unit, register fields, signer name, ...) are written by whoever
signed it. Markup in them is escaped where markup is read (reportlab paragraphs); characters that
are not shown at all, or that change how the text around them is shown, are replaced here by a
marker naming their code point, so a reader sees that they are there:

- C0 control characters (U+0000-U+001F) except tab, line feed and carriage return, DEL (U+007F)
  and the C1 controls (U+0080-U+009F);
- the bidirectional embedding, override and isolate marks (U+202A-U+202E, U+2066-U+2069), which
  could make a text read backwards (e.g. 'gpj.exe' shown as 'exe.jpg');
- the line and paragraph separators (U+2028, U+2029) and lone surrogates.

With keep_layout=False, tab, line feed and carriage return are replaced as well (one-line places
such as terminal messages and spreadsheet cells that must stay on one line).
"""

from __future__ import annotations

import re

_CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff"
_HIDDEN = re.compile(f"[{_CONTROL}]")
_HIDDEN_ONE_LINE = re.compile(f"[{_CONTROL}\t\n\r]")


def marker(char: str) -> str:
    """The visible stand-in of one character: '[U+0007]'."""
    return f"[U+{ord(char):04X}]"


def visible(text: str, *, keep_layout: bool = True) -> str:
    """The text with every invisible or direction-changing character replaced by its marker."""
    pattern = _HIDDEN if keep_layout else _HIDDEN_ONE_LINE
    if pattern.search(text) is None:
        return text
    return pattern.sub(lambda m: marker(m.group(0)), text)


def has_hidden(text: str) -> bool:
    """Whether visible() would change the text (layout characters do not count)."""
    return _HIDDEN.search(text) is not None
