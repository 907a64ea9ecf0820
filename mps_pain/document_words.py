"""The reader's refusals that a phrase table cannot word (fuzz review 19, D6): the character a
JSON text holds, a byte-order mark inside a YAML file, and the YAML tags that are not read.

- A raw NUL in a JSON text was "a line break or tab: write it as \\n or \\t": the decoder names
  every control character alike; the character is named here.
- A byte-order mark inside a YAML file was "this line's indentation does not line up": the
  mark is named where it is, in the words a JSON or batch file's inner mark gets.
- YAML tags were refused in the library's words ("could not determine a constructor for the tag
  'tag:yaml.org,2002:python/object/apply:os.system'"), and ``!!binary`` (a safe tag) hid a drug
  name that was then read: a document shows what it orders, so every tag PyYAML's safe reader
  would turn into something other than text, a number, true/false/null, a list or a mapping
  is refused, as anchors and merge keys are.
"""

from __future__ import annotations

import json
from typing import Any, Final, NoReturn

import yaml

from mps_pain.echo import CONTROL_CHARACTER, hidden_name

__all__ = [
    "INNER_BOM",
    "REFUSED_TAGS",
    "TAGS_NOT_ACCEPTED",
    "control_character",
    "inner_bom_at",
    "refuse_tag",
]

INNER_BOM: Final = "a byte-order mark (U+FEFF) is only accepted at the start of a file"
TAGS_NOT_ACCEPTED: Final = "tags (!name or !!name) are not accepted: write the value itself"

#: the safe reader's tags that make neither text, a number, true/false/null, a list nor a mapping
REFUSED_TAGS: Final = tuple(
    f"tag:yaml.org,2002:{name}" for name in ("binary", "set", "omap", "pairs")
)
_SAID: Final = dict.fromkeys("\n\r", "a line break") | {"\t": "a tab"}


def control_character(exc: json.JSONDecodeError) -> str:
    """ "Invalid control character" in plain words, naming the character."""
    char = exc.doc[exc.pos] if 0 <= exc.pos < len(exc.doc) else ""
    said = _SAID.get(char)
    if said is not None:
        return f"a text in double quotes holds {said}: write it as \\n or \\t"
    return f"a text in double quotes holds {hidden_name(char, CONTROL_CHARACTER)}: leave it out"


def inner_bom_at(text: str | bytes) -> str | None:
    """Where a byte-order mark after the start of ``text`` is (``line L, column C``), or None."""
    if not isinstance(text, str) or (at := text.find("\ufeff", 1)) < 0:
        return None
    return f"line {text.count(chr(10), 0, at) + 1}, column {at - text.rfind(chr(10), 0, at)}"


def refuse_tag(_loader: Any, node: yaml.Node) -> NoReturn:
    """The constructor of a refused tag (``REFUSED_TAGS``) and of any tag PyYAML does not know."""
    raise yaml.constructor.ConstructorError(None, None, TAGS_NOT_ACCEPTED, node.start_mark)
