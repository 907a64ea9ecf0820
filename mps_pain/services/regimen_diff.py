"""What changed between two regimen versions, field by field.

Items are matched by identity, never by position (review 5: removing row 3 read as "fentanyl →
naproxen" for every later row): first identical items, then the same drug, route and form, then
the same drug; an item left unmatched is one "removed" (or "added") line naming the medicine.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ConfigDict

from mps_pain.domain.kept_words import kept_words
from mps_pain.domain.regimen import RegimenDocument, RegimenItem
from mps_pain.domain.staged_start import NO_REGULAR
from mps_pain.tables.form_spelling import form_label

__all__ = ["FieldChange", "diff_regimens", "match_items"]


class FieldChange(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    path: str
    before: str | None
    after: str | None
    #: the drug of the item the field belongs to (the later version's, or the earlier one's for a
    #: removed item): "Row 2 (oxycodone): Dose", never a row number alone
    drug: str | None = None

    @property
    def kind(self) -> str:
        if self.before is None:
            return "added"
        if self.after is None:
            return "removed"
        return "changed"


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dict) and set(value) == {"value", "unit"}:
        return f"{value['value']:g} {value['unit']}"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _first_part(value: dict[str, Any]) -> str:
    """A row's staged first part (``RegimenItem.first_part``) as one value: ``22.5 mg/day until
    17 h`` (``no regular opioid until 17 h``), never its fields apart (a "Rate" of its own
    beside the row's Rate would read as a second rate)."""
    amounts = [_text(value.get(key)) for key in ("dose", "frequency", "rate")]
    said = " ".join(text for text in amounts if text) or NO_REGULAR
    return f"{said} until {_text(value.get('full_from_hours'))} h"


def _flatten(value: Any, prefix: str, out: dict[str, Any]) -> None:
    if isinstance(value, dict) and prefix.endswith(".first_part"):
        out[prefix] = _first_part(value)
    elif isinstance(value, dict) and prefix.endswith(".stops_after"):  # review 21, N1
        out[prefix] = kept_words(float(value.get("hours", 0)))
    elif isinstance(value, dict) and set(value) != {"value", "unit"}:
        for key, inner in value.items():
            _flatten(inner, f"{prefix}.{key}" if prefix else key, out)
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            _flatten(inner, f"{prefix}[{i}]", out)
    elif value is not None:
        out[prefix] = value


def diff_regimens(a: RegimenDocument, b: RegimenDocument) -> list[FieldChange]:
    """Every field whose value differs; items matched by identity, unchanged fields left out."""
    left, right = a.model_dump(mode="json"), b.model_dump(mode="json")
    left_items, right_items = left.pop("items"), right.pop("items")
    changes = _field_changes(left, right, "", None)
    pairs = match_items(a.items, b.items)
    matched_a = {i for i, _ in pairs}
    matched_b = {j for _, j in pairs}
    for i, j in sorted(pairs, key=lambda pair: pair[1]):
        drug = b.items[j].drug
        changes += _field_changes(left_items[i], right_items[j], f"items[{j}]", drug)
    for i, item in enumerate(a.items):
        if i not in matched_a:
            changes.append(
                FieldChange(
                    path=f"items[{i}]", before=_item_text(left_items[i]), after=None, drug=item.drug
                )
            )
    for j, item in enumerate(b.items):
        if j not in matched_b:
            changes.append(
                FieldChange(
                    path=f"items[{j}]",
                    before=None,
                    after=_item_text(right_items[j]),
                    drug=item.drug,
                )
            )
    return changes


def _field_changes(a: Any, b: Any, prefix: str, drug: str | None) -> list[FieldChange]:
    left: dict[str, Any] = {}
    right: dict[str, Any] = {}
    _flatten(a, prefix, left)
    _flatten(b, prefix, right)
    paths = list(left) + [p for p in right if p not in left]
    return [
        FieldChange(path=p, before=_said(p, left.get(p)), after=_said(p, right.get(p)), drug=drug)
        for p in paths
        if left.get(p) != right.get(p)
    ]


def _said(path: str, value: Any) -> str | None:
    """A field's value in words; a form by its name ("ER", "buccal film"), as the regimen table
    says it (clinician review 19, L7: the diff read "oxycodone oral er 20 mg bid")."""
    if path.rpartition(".")[2] == "form" and isinstance(value, str):
        return form_label(value)
    return _text(value)


def _identity(item: RegimenItem) -> tuple[str, str, str | None]:
    return (item.drug.casefold(), str(item.route), (item.form or "").casefold() or None)


def match_items(a: list[RegimenItem], b: list[RegimenItem]) -> list[tuple[int, int]]:
    """Pairs (index in ``a``, index in ``b``) of the same medicine: identical items first, then
    the same drug, route and form, then the same drug; each item is in at most one pair."""
    keys: list[Callable[[RegimenItem], object]] = [
        lambda item: item,
        _identity,
        lambda item: item.drug.casefold(),
    ]
    pairs: list[tuple[int, int]] = []
    for key in keys:
        used_b = {j for _, j in pairs}
        used_a = {i for i, _ in pairs}
        for i, item in enumerate(a):
            if i in used_a:
                continue
            j = next(
                (j for j, other in enumerate(b) if j not in used_b and key(other) == key(item)),
                None,
            )
            if j is not None:
                pairs.append((i, j))
                used_b.add(j)
    return pairs


def _item_text(item: dict[str, Any]) -> str:
    """One medicine in words: "fentanyl transdermal patch rate 25 mcg/h"."""
    words = [_said(k, item[k]) or "" for k in ("drug", "route", "form", "product") if item.get(k)]
    for key in ("dose", "frequency", "rate", "daily_dose"):
        if item.get(key) is not None:
            text = _text(item[key]) or ""
            words.append(
                text if key in ("dose", "frequency") else f"{key.replace('_', ' ')} {text}"
            )
    if item.get("prn"):
        words.append("as needed")
    return " ".join(words)
