"""Strict reading of every JSON and YAML document the program is given.

Both readers refuse, as one-line DocumentFormatErrors naming the line and column where known:

- a key written twice in one object (JSON and YAML alike; the last one would silently win): in
  JSON at its place (``items[0].dose``), found after the parse as the numbers below are;
- NaN and infinity (``NaN``, ``Infinity``, ``1e400``, YAML ``.nan``/``.inf``);
- integers longer than MAX_INT_DIGITS digits (Python would refuse at 4,300 with a crash);
  these two are refused at their field (``items[0].dose.value``), found after the parse: the
  parser's number hooks do not know where they are (fuzz review 15, D8: "(document)");
- nesting deeper than MAX_DEPTH (a regimen document is four levels deep);
- YAML anchors and aliases (the "billion laughs" expansion), and tags: any PyYAML does not know
  and the safe ones that make no plain value (``!!binary``, ``!!set``, ``!!omap``, ``!!pairs``);
- YAML numbers in any form but plain decimal (``012`` octal, ``1:30`` base 60, …) and booleans
  in any spelling but ``true``/``false`` (``yes``, ``on``): ``yaml_scalars``, naming the field.

These are checks at the boundary: what passes is plain dicts, lists, strings and finite numbers.
"""

from __future__ import annotations

import json
import math
from typing import Any, Final

import yaml
from pydantic_core import from_json

from mps_pain import document_words as words
from mps_pain.errors import DocumentFormatError, MpsPainError
from mps_pain.json_places import (
    MAX_INT_DIGITS,
    ParseHooks,
    first_bad_number,
    first_mark,
    number_problem,
    refuse_at,
    too_many_digits,
)
from mps_pain.units import not_finite
from mps_pain.yaml_scalars import DECIMAL_NUMBER, check_yaml_scalars

__all__ = [
    "DECIMAL_NUMBER",
    "MAX_DEPTH",
    "MAX_INT_DIGITS",
    "UNDECIDED",
    "StrictYamlChecks",
    "StrictYamlLoader",
    "check_parsed",
    "check_yaml_scalars",
    "decode_utf8",
    "loads_json",
    "loads_json_fast",
    "loads_yaml",
    "too_deep",
    "yaml_refusal",
]

MAX_DEPTH = 32

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def decode_utf8(data: bytes, *, origin: str = "input") -> str:
    """Bytes as text; invalid UTF-8 is refused naming the byte and where it is."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise DocumentFormatError(
            f"{origin} is not UTF-8 text (byte 0x{data[exc.start]:02x})",
            location=f"line {line}, column {column}",
        ) from None


def loads_json(
    text: str,
    *,
    origin: str = "input",
    max_depth: int = MAX_DEPTH,
    keep_out_of_range: bool = False,
) -> Any:
    """Parse JSON strictly (see the module docstring); errors name the line and column, or the
    field of a number no field can take.

    ``max_depth`` is for documents that hold free-form JSON below their own levels (a patient
    record's plans); every other check is the same for all documents. ``keep_out_of_range``
    leaves each number no field can take as an ``OutOfRangeNumber`` for a reader that refuses
    it in its own terms (a FHIR order, alone), instead of refusing the document.
    """
    hooks = ParseHooks()
    try:
        loaded = json.loads(
            text,
            object_pairs_hook=hooks.pairs,
            parse_constant=hooks.constant,
            parse_float=hooks.float_,
            parse_int=hooks.int_,
        )
    except json.JSONDecodeError as exc:
        raise DocumentFormatError(
            f"{origin} is not valid JSON: {_json_problem(exc)}",
            location=f"line {exc.lineno}, column {exc.colno}",
        ) from None
    except RecursionError:  # the C decoder stops at Python's recursion limit, quickly
        raise DocumentFormatError(too_deep(origin, max_depth), location="(document)") from None
    # Only a text with more brackets than max_depth can nest that deep: most lines skip the walk.
    if text.count("[") + text.count("{") > max_depth and _depth(loaded) > max_depth:
        raise DocumentFormatError(too_deep(origin, max_depth), location="(document)")
    if hooks.twice or (hooks.numbers and not keep_out_of_range):
        refuse_at(first_mark(loaded, numbers=not keep_out_of_range))
    return loaded


_JSON_PROBLEMS: Final = (
    ("Unexpected UTF-8 BOM", words.INNER_BOM),
    (
        "Expecting value",
        "a value is missing or is not written as JSON here (JSON writes a number, text in "
        "double quotes, true, false, null, a list [ ] or an object { })",
    ),
    ("Expecting ',' delimiter", "a comma is missing between two entries"),
    ("Expecting ':' delimiter", "a colon is missing after a key"),
    (
        "Expecting property name",
        'a key is expected here, in double quotes ("dose"); a comma before } is not allowed',
    ),
    ("Illegal trailing comma", "a comma before a closing bracket is not allowed"),
    ("Unterminated string", "a text in double quotes is not closed"),
    ("Invalid \\uXXXX", "a \\u escape needs four hexadecimal digits"),
    ("Invalid \\escape", "a backslash in a text must start an escape (write \\\\ for one)"),
    ("Extra data", "more text follows the end of the document (one JSON value per document)"),
)
"""The JSON decoder's complaints in plain words (fuzz review 16, N5: 144 of 810 refusals ended in
"Expecting ',' delimiter" or "Expecting value")."""


def _json_problem(exc: json.JSONDecodeError) -> str:
    """The decoder's complaint in plain words (never its Python advice, "decode using
    utf-8-sig"); one it has no words for as it is."""
    if exc.msg.startswith("Invalid control character"):  # named (fuzz 19, D6: NUL a "tab")
        return words.control_character(exc)
    return next((said for start, said in _JSON_PROBLEMS if exc.msg.startswith(start)), exc.msg)


UNDECIDED: Final = object()
"""What ``loads_json_fast`` returns when only the strict reader can decide."""

_DIGITS_AS_ZERO = bytes.maketrans(b"123456789", b"000000000")
_LONGEST_RUN = b"0" * (MAX_INT_DIGITS + 1)


def loads_json_fast(data: bytes) -> Any:
    """The value ``loads_json`` gives for this UTF-8 JSON text, read by pydantic-core's parser
    when that provably gives the same value; otherwise UNDECIDED (call the strict reader, which
    also gives the refusal).

    The fast parser is used only for text that is valid UTF-8 with no backslash escapes, no run
    of more than MAX_INT_DIGITS digits and no exponent (so every number is finite and in range),
    at most MAX_DEPTH brackets, and as many colons as its value has keys. Every key is followed
    by one colon, so a key written twice would leave more colons than keys. NaN, Infinity and
    anything malformed fail the fast parser and go to the strict reader.
    """
    if b"\\" in data or data.count(b"[") + data.count(b"{") > MAX_DEPTH:
        return UNDECIDED
    shape = data.translate(_DIGITS_AS_ZERO)
    if _LONGEST_RUN in shape or b"0e" in shape or b"0E" in shape:
        return UNDECIDED
    try:
        data.decode("utf-8")
        value = from_json(data, allow_inf_nan=False)
    except ValueError:  # UnicodeDecodeError is a ValueError too
        return UNDECIDED
    if type(value) is not dict and type(value) is not list:
        return value if data.count(b":") == 0 else UNDECIDED
    if _count_keys(value) != data.count(b":"):
        return UNDECIDED
    return value


def _count_keys(value: Any) -> int:
    """Keys in all the objects of a parsed value (nesting at most MAX_DEPTH). Its numbers need
    no check here: the text had no run of more than MAX_INT_DIGITS digits and no exponent, so
    every integer is within ``±10**MAX_INT_DIGITS`` and every float finite (NaN and Infinity
    fail the parser)."""
    if type(value) is dict:
        keys = len(value)
        value = value.values()
    else:
        keys = 0
    for child in value:
        kind = type(child)
        if kind is dict or kind is list:
            keys += _count_keys(child)
    return keys


def check_parsed(value: Any, *, origin: str = "input", max_depth: int = MAX_DEPTH) -> None:
    """The same checks as ``loads_json`` for a document that arrives already parsed (a dict).

    Refuses nesting deeper than ``max_depth``, integers of more than MAX_INT_DIGITS digits and
    non-finite floats, so that a caller handing in objects takes the same boundary as text: a
    number at its field, as ``loads_json`` names it.
    """
    pending: list[tuple[Any, int]] = [(value, 1)]
    number_refused = False
    while pending:
        node, level = pending.pop()
        if isinstance(node, dict | list):
            if level > max_depth:
                raise DocumentFormatError(too_deep(origin, max_depth), location="(document)")
            children = node.values() if isinstance(node, dict) else node
            pending.extend((child, level + 1) for child in children)
        elif number_problem(node) is not None:
            number_refused = True
    if number_refused:
        refuse_at(first_bad_number(value))


def too_deep(origin: str, max_depth: int = MAX_DEPTH) -> str:
    return f"{origin} is nested more than {max_depth} levels deep"


class StrictYamlChecks:
    """The strict loader's checks, on whichever PyYAML loader follows in the bases."""

    constructed_objects: dict[yaml.Node, Any]

    def construct_document(self, node: yaml.Node) -> Any:
        check_yaml_scalars(node)
        return super().construct_document(node)  # type: ignore[misc]

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        if node in self.constructed_objects:
            raise yaml.constructor.ConstructorError(
                None, None, "anchors and aliases (& and *) are not accepted", node.start_mark
            )
        return super().construct_object(node, deep=deep)  # type: ignore[misc]


class StrictYamlLoader(StrictYamlChecks, _BaseLoader):
    """Safe YAML loader: no duplicate keys, no aliases, finite decimal numbers, bounded integers.

    On libyaml's CSafeLoader when PyYAML has it (the fast parse), else on the pure-Python
    SafeLoader; both read a document to the same values (tests/robustness).
    """


_MERGE_TAG = "tag:yaml.org,2002:merge"


def _construct_mapping(loader: Any, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    for key_node, _ in node.value:  # a merged key beside a written one gave one of them silently
        if key_node.tag == _MERGE_TAG:
            raise yaml.constructor.ConstructorError(
                None, None, "merge keys (<<) are not accepted: write each key", key_node.start_mark
            )
    if not _distinct_scalar_keys(node):
        _refuse_first_bad_key(node)
    return dict(loader.construct_mapping(node, deep=deep))


def _refuse_first_bad_key(node: yaml.MappingNode) -> None:
    """Refuse the first key written twice (compared by its text, naming both lines), or that is
    a list or a mapping (safe YAML builds those as values no mapping can have as a key)."""
    seen: dict[tuple[str, Any], int] = {}
    for key_node, _ in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise yaml.constructor.ConstructorError(
                None,
                None,
                "a key must be a text or a number, not a list or a mapping",
                key_node.start_mark,
            )
        key = (key_node.tag, key_node.value)
        line = key_node.start_mark.line + 1
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"key '{str(key_node.value)[:40]}' appears twice in one mapping "
                f"(line {seen[key]} and line {line})",
                key_node.start_mark,
            )
        seen[key] = line


def _distinct_scalar_keys(node: yaml.MappingNode) -> bool:
    """True when every key is a scalar and no two are the same (tag and text)."""
    keys = {
        (key_node.tag, key_node.value)
        for key_node, _ in node.value
        if isinstance(key_node, yaml.ScalarNode)
    }
    return len(keys) == len(node.value)


def _construct_int(loader: Any, node: yaml.ScalarNode) -> int:
    digits = str(node.value).replace("_", "").lstrip("+-")
    if len(digits) > MAX_INT_DIGITS:
        raise yaml.constructor.ConstructorError(
            None, None, too_many_digits(len(digits)), node.start_mark
        )
    value: int = yaml.constructor.SafeConstructor.construct_yaml_int(loader, node)
    return value


def _construct_float(loader: Any, node: yaml.ScalarNode) -> float:
    value: float = yaml.constructor.SafeConstructor.construct_yaml_float(loader, node)
    if not math.isfinite(value):
        raise yaml.constructor.ConstructorError(
            None, None, not_finite(str(node.value)[:40]), node.start_mark
        )
    return value


StrictYamlLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
StrictYamlLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
StrictYamlLoader.add_constructor("tag:yaml.org,2002:float", _construct_float)
for _tag in (*words.REFUSED_TAGS, None):  # None: a tag PyYAML does not know (document_words)
    StrictYamlLoader.add_constructor(_tag, words.refuse_tag)


def yaml_refusal(
    exc: yaml.YAMLError, origin: str, text: str | bytes = ""
) -> tuple[str, str | None]:
    """A YAML error as one sentence (``<origin> is not valid YAML: …``) and a
    ``line L, column C`` location; a byte-order mark inside ``text`` is named where it is."""
    bom = words.inner_bom_at(text)  # the parser's words for it named an indent (fuzz 19, D6)
    mark = getattr(exc, "problem_mark", None)
    where = bom or (f"line {mark.line + 1}, column {mark.column + 1}" if mark else None)
    problem = " ".join(str(getattr(exc, "problem", None) or "could not be parsed").split())
    # the parser's own phrases are never said; our constructors' refusals are our words
    unlisted = problem if isinstance(exc, yaml.constructor.ConstructorError) else _UNLISTED
    said = next((plain for start, plain in _YAML_PROBLEMS if problem.startswith(start)), unlisted)
    return f"{origin} is not valid YAML: {words.INNER_BOM if bom else said}", where


_UNLISTED: Final = "the text here cannot be read (check its quotes, colons, brackets and indents)"


_YAML_PROBLEMS: Final = (  # the parser's phrases in plain words (fuzz review 16, N5)
    ("did not find expected node content", "a value is missing here"),
    ("did not find expected key", "this line's indentation does not line up with the keys above"),
    ("did not find expected '-'", "a list entry ('- ') is expected at this indentation"),
    ("expected <block end>", "this line is indented unlike the lines above it"),
    ("found unexpected end of stream", "the text ends inside quotes or an open bracket"),
    ("mapping values are not allowed", "a 'key: value' cannot start here; quote a text with ': '"),
    ("found character that cannot start", "a tab or this character cannot start a value"),
    ("did not find expected ',' or ']'", "a comma or the closing ] of a list is missing"),
    ("did not find expected ',' or '}'", "a comma or the closing } is missing"),
    ("found unknown escape character", "a backslash in double quotes must start an escape"),
    ("could not find expected ':'", "this key has no colon after it"),
    ("found undefined alias", "an alias (*name) names no anchor (&name) before it"),
    ("did not find expected <document start>", "text follows the document's end marker '...'"),
    ("but found another document", "a second document ('---') follows the first; give one"),
    ("second occurrence", "the same anchor (&name) is given twice"),
    ("did not find expected alphabetic", "an anchor or alias (&, *) needs a name of letters"),
    ("did not find the expected '>'", "a tag written !<…> is not closed"),
    ("found duplicate %YAML", "the %YAML line is given twice"),
    ("found an indentation indicator equal to 0", "an indent after | or > is 1 to 9, not 0"),
    ("exceeded maximum nesting depth", "the brackets nest past the nesting depth a document has"),
)


def loads_yaml(
    text: str | bytes,
    *,
    origin: str = "input",
    error: type[MpsPainError] = DocumentFormatError,
) -> Any:
    """Parse YAML strictly (see the module docstring); errors name the line and column.

    ``error`` is what a refusal raises: a document's format error, or the table loader's
    ``TableValidationError``."""
    try:
        loaded = yaml.load(text, Loader=StrictYamlLoader)
    except yaml.YAMLError as exc:
        problem, where = yaml_refusal(exc, origin, text)
        raise error(problem, location=where) from None
    except RecursionError:
        raise error(too_deep(origin), location="(document)") from None
    if _depth(loaded) > MAX_DEPTH:
        raise error(too_deep(origin), location="(document)")
    return loaded


def _depth(value: Any) -> int:
    """How deeply lists and mappings nest in a parsed document (iteratively, no recursion)."""
    deepest = 0
    pending: list[tuple[Any, int]] = [(value, 1)]
    while pending:
        node, level = pending.pop()
        if isinstance(node, dict | list):
            deepest = max(deepest, level)
            children = node.values() if isinstance(node, dict) else node
            pending.extend((child, level + 1) for child in children)
    return deepest
