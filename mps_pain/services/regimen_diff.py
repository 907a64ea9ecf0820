"""What changed between two regimen versions, field by field (items matched by position)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

from mps_pain.domain.regimen import RegimenDocument

__all__ = ["FieldChange", "diff_regimens"]


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


def _flatten(value: Any, prefix: str, out: dict[str, Any]) -> None:
    if isinstance(value, dict) and set(value) != {"value", "unit"}:
        for key, inner in value.items():
            _flatten(inner, f"{prefix}.{key}" if prefix else key, out)
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            _flatten(inner, f"{prefix}[{i}]", out)
    elif value is not None:
        out[prefix] = value


def diff_regimens(a: RegimenDocument, b: RegimenDocument) -> list[FieldChange]:
    """Every field whose value differs, in document order; unchanged fields are left out."""
    left: dict[str, Any] = {}
    right: dict[str, Any] = {}
    _flatten(a.model_dump(mode="json"), "", left)
    _flatten(b.model_dump(mode="json"), "", right)
    paths = list(left) + [p for p in right if p not in left]
    return [
        FieldChange(
            path=p, before=_text(left.get(p)), after=_text(right.get(p)), drug=_drug_of(p, a, b)
        )
        for p in paths
        if left.get(p) != right.get(p)
    ]


def _drug_of(path: str, a: RegimenDocument, b: RegimenDocument) -> str | None:
    """The drug of the item ``path`` points into (``items[1].dose`` → item 2's), else None."""
    if not path.startswith("items["):
        return None
    index = int(path[len("items[") : path.index("]")])
    for document in (b, a):
        if index < len(document.items):
            return document.items[index].drug
    return None
