"""Hypothesis strategies for the documents a careless user or an attacker gives ``mps-pain``.

Each document has the real shape (items, from/to, proposed) but every field may hold a good
value, a near miss (``10 u``, ``5 gr``, ``nan%``, ``every 0.0001 h``) or garbage of any type;
the text is then JSON, YAML, or JSON with a byte broken or cut.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import yaml
from hypothesis import strategies as st

DRUGS = [
    "morphine",
    "oxycodone",
    "fentanyl",
    "hydromorphone",
    "methadone",
    "tramadol",
    "buprenorphine",
    "codeine",
    "pregabalin",
    "acetaminophen",
]
ROUTES = ["oral", "iv", "sc", "im", "transdermal", "sublingual", "buccal", "rectal"]
FORMS = ["IR", "ER", "patch", "injection", "oral_solution"]
UNITS = [
    "mg",
    "mcg",
    "g",
    "mL",
    "mg/h",
    "mcg/h",
    "mg/day",
    "mg/min",
    "mL/h",
    "mg/mL",
    "u",
    "gr",
    "kg",
    "h",
    "",
    "mg/h/h",
    "dalton",
    "L",
    "µg/hr",
    "mg/d",
    "%",
    "mL/min",
]
NEAR_MISSES = [
    "",
    " ",
    "\n",
    "10 u",
    "5 gr",
    "1e308 mg",
    "nan%",
    "-Infinity",
    "inf",
    "NaN",
    "every 0.0001 h",
    "every 1e320 h",
    "every 0." + "0" * 300 + "1 h",
    "10 m" + " " * 3000 + "x",
    "\x00",
    "\u202eevil",
    "\x1b[31m",
    "1,5 mg",
    "-1e400",
    "150%",
    "q0h",
    "1e-320 mg",
    "0 mg",
    "-5 mg",
    "9" * 400 + " mg",
]
FREQUENCIES = ["q4h", "bid", "tid", "qid", "q12h", "every 6 h", "daily", "q72h"]

numbers = st.one_of(
    st.integers(min_value=-(10**6), max_value=10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=10**18, max_value=10**60),
    st.sampled_from([0, 1e308, -1e308, 5e-324, 96, 97, 1e9, 1e10]),
)
texts = st.one_of(st.text(max_size=30), st.sampled_from(NEAR_MISSES))
quantity_texts = st.builds(
    lambda n, u, space: f"{n}{space}{u}",
    numbers,
    st.sampled_from(UNITS),
    st.sampled_from(["", " ", "  "]),
)
quantities = st.one_of(
    quantity_texts,
    st.fixed_dictionaries({"value": numbers, "unit": st.sampled_from(UNITS)}),
    st.fixed_dictionaries(
        {"value": st.one_of(numbers, texts), "unit": st.one_of(texts, numbers)},
        optional={"extra": numbers},
    ),
)
anything = st.recursive(
    st.one_of(st.none(), st.booleans(), numbers, texts),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
values = st.one_of(quantities, texts, numbers, anything)

# Good documents first; then zero to three places are broken (replaced, removed or added), so
# the campaign reaches every stage of the engine and not only the first field's check.
doses = st.floats(min_value=0.5, max_value=120, allow_nan=False).map(lambda n: round(n, 1))
good_items = st.one_of(
    st.builds(
        lambda n, f: {"drug": "morphine", "route": "oral", "dose": f"{n} mg", "frequency": f},
        doses,
        st.sampled_from(FREQUENCIES),
    ),
    st.builds(
        lambda n: {
            "drug": "oxycodone",
            "route": "oral",
            "form": "ER",
            "dose": f"{n} mg",
            "frequency": "q12h",
        },
        doses,
    ),
    st.builds(
        lambda n, k: {
            "drug": "oxycodone",
            "route": "oral",
            "form": "IR",
            "dose": f"{n} mg",
            "prn": True,
            "doses_per_day": k,
        },
        doses,
        st.integers(0, 8),
    ),
    st.builds(
        lambda r: {"drug": "fentanyl", "route": "transdermal", "rate": f"{r} mcg/h"},
        st.sampled_from([12, 25, 37.5, 50, 75, 100]),
    ),
    st.builds(
        lambda r: {"drug": "morphine", "route": "sc", "rate": f"{r} mg/h"},
        st.floats(min_value=0.1, max_value=10).map(lambda n: round(n, 2)),
    ),
    st.builds(
        lambda n: {"drug": "hydromorphone", "route": "oral", "dose": f"{n} mg", "frequency": "q4h"},
        st.sampled_from([1, 2, 4, 8]),
    ),
    st.builds(
        lambda n: {"drug": "methadone", "route": "oral", "dose": f"{n} mg", "frequency": "tid"},
        st.sampled_from([2.5, 5, 10, 20]),
    ),
    st.builds(
        lambda n: {"drug": "pregabalin", "route": "oral", "dose": f"{n} mg", "frequency": "bid"},
        st.sampled_from([25, 75, 150]),
    ),
    st.builds(
        lambda v, c: {
            "drug": "morphine",
            "route": "sc",
            "rate": f"{v} mL/h",
            "concentration": f"{c} mg/mL",
        },
        st.sampled_from([0.1, 0.5, 1]),
        st.sampled_from([1, 5, 10]),
    ),
    st.just({"drug": "morphine", "route": "oral", "daily_dose": "60 mg/day"}),
)
good_patients = st.fixed_dictionaries(
    {},
    optional={
        "age": st.integers(18, 100),
        "egfr": st.sampled_from(["25 mL/min", "60 mL/min"]),
        "weight": st.sampled_from(["50 kg", "80 kg"]),
        "qtc": st.sampled_from(["440 ms", "510 ms"]),
        "frail": st.booleans(),
    },
)
good_regimens = st.fixed_dictionaries(
    {"items": st.lists(good_items, min_size=1, max_size=4)},
    optional={
        "table": st.sampled_from(["cdc-2022", "fpm-2021", "uk-palliative"]),
        "prn": st.sampled_from(["include", "exclude"]),
        "patient": good_patients,
    },
)
good_targets = st.sampled_from(
    [
        {"drug": "oxycodone", "route": "oral", "form": "IR", "frequency": "q4h"},
        {"drug": "oxycodone", "route": "oral", "form": "ER", "frequency": "q12h"},
        {"drug": "fentanyl", "route": "transdermal"},
        {"drug": "morphine", "route": "sc", "continuous": True},
        {"drug": "hydromorphone", "route": "oral", "form": "IR", "frequency": "q4h"},
        {"drug": "methadone", "route": "oral", "frequency": "tid"},
    ]
)
good_current = st.fixed_dictionaries({"items": st.lists(good_items, min_size=1, max_size=3)})
good_rotations = st.fixed_dictionaries(
    {"from": good_current, "to": good_targets},
    optional={
        "reduction": st.sampled_from(["25%", "0.3", "50%", 0]),
        "table": st.sampled_from(["fpm-2021", "uk-palliative", "jspm-2010"]),
        "patient": good_patients,
    },
)
good_checks = st.fixed_dictionaries(
    {"from": good_current, "proposed": good_current},
    optional={"table": st.sampled_from(["fpm-2021", "uk-palliative"])},
)
GARBAGE = st.one_of(values, st.sampled_from(NEAR_MISSES + DRUGS + ROUTES + FORMS + UNITS))
EXTRA_KEYS = ["doze", "reduction", "table", "items", "to", "rate", "dose", "form", "x" * 100]


def _places(node: Any, out: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    if isinstance(node, dict):
        for key, child in node.items():
            out.append((node, key))
            _places(child, out)
    elif isinstance(node, list):
        for i, child in enumerate(node):
            out.append((node, i))
            _places(child, out)
    return out


# built once: a strategy written inside a composite is a new one, validated afresh, every draw
_ACTIONS = st.sampled_from(["replace", "replace", "remove", "add"])
_EXTRA_KEYS = st.sampled_from(EXTRA_KEYS)
_ENCODINGS = st.sampled_from(["json", "json", "yaml", "broken", "cut"])


@st.composite
def broken(draw: st.DrawFn, good: st.SearchStrategy[Any]) -> Any:
    """A good document with up to three places replaced by garbage, removed, or added."""
    document = copy.deepcopy(draw(good))  # sampled dicts are shared between examples
    for _ in range(draw(st.integers(0, 3))):
        places = _places(document, [])
        if not places:
            break
        parent, key = draw(st.sampled_from(places))
        action = draw(_ACTIONS)
        if action == "replace":
            parent[key] = draw(GARBAGE)
        elif action == "remove" and isinstance(parent, dict):
            del parent[key]
        elif isinstance(parent, dict):
            parent[draw(_EXTRA_KEYS)] = draw(GARBAGE)
    return document


regimens = broken(good_regimens)
rotations = broken(good_rotations)
checks = broken(good_checks)


@st.composite
def encoded(draw: st.DrawFn, documents: st.SearchStrategy[Any]) -> bytes:
    """A document as bytes: JSON (NaN tokens allowed), YAML, or JSON with a byte broken."""
    document = draw(documents)
    how = draw(_ENCODINGS)
    if how == "yaml":
        return yaml.safe_dump(document, allow_unicode=True).encode()
    text = json.dumps(document, allow_nan=True).encode()
    if how == "broken" and text:
        at = draw(st.integers(min_value=0, max_value=len(text) - 1))
        return text[:at] + draw(st.binary(min_size=1, max_size=3)) + text[at + 1 :]
    if how == "cut":
        return text[: draw(st.integers(min_value=0, max_value=len(text)))]
    return text
