"""The spellings a YAML scalar may use when YAML would read it as a number or a boolean.

PyYAML follows YAML 1.1, whose readings surprise: ``015`` is octal 13, ``1:30`` is base-60 90,
``0x1E`` is 30, ``1_000`` is 1000, and ``yes``/``no``/``on``/``off`` (with ``True``, ``NO`` and the
other capitalised forms) are booleans, so ``prn: yes`` or ``opioid_tolerant: on`` would silently
become ``true``. The strict loader (``strict_load``) refuses, naming the field
(``items[0].dose.value``, ``patient.opioid_tolerant``):

- a plain decimal no field can take (more than MAX_INT_DIGITS digits, beyond float range);
- a number in any form but plain decimal, DECIMAL_NUMBER: an optional sign, digits without a
  leading zero (or a single 0), an optional fraction and exponent; ``1.`` and ``.5`` pass too, as
  their decimal reading is the YAML one. Text YAML leaves as a string (``1e5``, ``0o17``) goes on
  to the field's own parser.
- a boolean written as anything but ``true`` or ``false`` (the JSON spellings). Quoted text
  (``"yes"``) stays text, and a boolean field refuses text (the models use strict booleans).
"""

from __future__ import annotations

import math
import re
from typing import Final

import yaml

from mps_pain.json_places import MAX_INT_DIGITS, too_many_digits
from mps_pain.units import not_finite

__all__ = ["BOOLEAN_SPELLINGS", "DECIMAL_NUMBER", "check_yaml_scalars"]

DECIMAL_NUMBER: Final = re.compile(r"[-+]?(?:0|[1-9][0-9]*)?(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?")
"""The only number spelling a YAML document may use (checked on the scalar's text)."""

BOOLEAN_SPELLINGS: Final = frozenset({"true", "false"})
"""The only boolean spellings a YAML document may use (the JSON ones)."""

_NUMBER_TAGS: Final = frozenset({"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"})
_BOOL_TAG: Final = "tag:yaml.org,2002:bool"


def _scalar_problem(node: yaml.Node) -> str | None:
    """Why a scalar YAML reads as a number or boolean is refused (None when it is not)."""
    if not isinstance(node, yaml.ScalarNode):
        return None
    text = str(node.value)
    if node.tag == _BOOL_TAG:
        if text in BOOLEAN_SPELLINGS:
            return None
        # the field may be a text (``frequency: yes``, ``drug: on``): both ways out are said
        # (fuzz review 20, D6: "write true or false" was advice for a yes/no field only)
        return (
            f"'{text[:40]}' is read by YAML as yes or no (YAML 1.1 reads yes/no/on/off so), "
            f'which this program does not accept: write true or false, or "{text[:40]}" in '
            "quotes if it is a text"
        )
    if node.tag not in _NUMBER_TAGS:
        return None
    if DECIMAL_NUMBER.fullmatch(text) and any(ch.isdigit() for ch in text):
        return _out_of_range(node.tag, text)
    if text.lstrip("+-").lower() in {".inf", ".nan"}:
        return not_finite(text[:40])
    return (
        f"'{text[:40]}' is not a plain decimal number (YAML would not read it as "
        "written: a leading 0 is octal, 0x hex, 0b binary, 1:30 base 60, _ is dropped); "
        "write the decimal value, e.g. 12 or 0.5"
    )


def _out_of_range(tag: str, text: str) -> str | None:
    """A plain decimal no field can take, refused here so its path is named (the constructors
    below the walk know only the line): more than MAX_INT_DIGITS digits, or a float beyond
    float range (``1.0e+400``)."""
    if tag == "tag:yaml.org,2002:int":
        digits = len(text.lstrip("+-"))
        return too_many_digits(digits) if digits > MAX_INT_DIGITS else None
    try:
        finite = math.isfinite(float(text))
    except ValueError:  # a spelling YAML reads and Python does not ("1."): the constructor's
        return None
    return None if finite else not_finite(text[:40])


def _refusal(node: yaml.Node, path: str) -> yaml.constructor.ConstructorError | None:
    problem = _scalar_problem(node)
    if problem is None:
        return None
    message = f"{path or 'the document'}: {problem}"
    return yaml.constructor.ConstructorError(None, None, message, node.start_mark)


def _child_nodes(node: yaml.Node, path: str) -> list[tuple[yaml.Node, str]]:
    if isinstance(node, yaml.MappingNode):
        children = []
        for key_node, value_node in node.value:
            key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "?"
            children.append((value_node, f"{path}.{key}" if path else key))
        return children
    if isinstance(node, yaml.SequenceNode):
        return [(item, f"{path}[{index}]") for index, item in enumerate(node.value)]
    return []


def check_yaml_scalars(root: yaml.Node) -> None:
    """Refuse the first number not in plain decimal or boolean not ``true``/``false``, naming
    its path (iteratively).

    A first walk without paths finds whether any scalar is refused (nearly every document
    passes, and building a path for each of its thousands of nodes was most of the check's
    cost); only then does the walk that names the path run, in the same order, so the refusal
    is the same one.
    """
    if _all_scalars_plain(root):
        return
    _refuse_first_scalar(root)


def _all_scalars_plain(root: yaml.Node) -> bool:
    seen: set[int] = set()
    pending: list[yaml.Node] = [root]
    while pending:
        node = pending.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            pending.extend(value for _, value in node.value)
        elif isinstance(node, yaml.SequenceNode):
            pending.extend(node.value)
        elif _scalar_problem(node) is not None:
            return False
    return True


def _refuse_first_scalar(root: yaml.Node) -> None:
    seen: set[int] = set()
    pending: list[tuple[yaml.Node, str]] = [(root, "")]
    while pending:
        node, path = pending.pop()
        if id(node) in seen:  # an alias points back; construction refuses it with its own words
            continue
        seen.add(id(node))
        refusal = _refusal(node, path)
        if refusal is not None:
            raise refusal
        pending.extend(reversed(_child_nodes(node, path)))
