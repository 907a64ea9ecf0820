"""The form a dosing interval implies: q12h oral oxycodone is modified-release, q4h immediate.

One clinical rule, one place: the mapping lives in ``data/form_inference.yaml`` with its sources;
this module reads it and answers one question. The CLI (``rotate``), the planner and the quick
converter all call :func:`infer_form` and state the inference in their output.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

import yaml
from pydantic import BaseModel, ConfigDict, Field

from mps_pain.paths import data_dir
from mps_pain.strict_load import StrictYamlLoader

if TYPE_CHECKING:
    from mps_pain.domain.frequency import Frequency
    from mps_pain.tables.index import TableIndex

__all__ = ["FormInference", "FormRule", "form_rules", "infer_form"]


class FormRule(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    drug: str
    route: str
    interval_h: float = Field(gt=0, allow_inf_nan=False)
    form: str
    source: str
    locator: str


class _RuleFile(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    rules: tuple[FormRule, ...]


class FormInference(BaseModel):
    """The form chosen, and the sentence that says why (with its source)."""

    model_config = ConfigDict(frozen=True)

    form: str
    form_name: str
    explanation: str


@cache
def form_rules() -> tuple[FormRule, ...]:
    """The shipped rules (read once; validated)."""
    path = data_dir() / "form_inference.yaml"
    return _RuleFile.model_validate(
        yaml.load(path.read_text(encoding="utf-8"), Loader=StrictYamlLoader)
    ).rules


def infer_form(
    tables: TableIndex, drug_id: str, route: str, frequency: Frequency | None
) -> FormInference | None:
    """The form this interval implies for this drug and route, or None when it is not implied."""
    if frequency is None:
        return None
    for rule in form_rules():
        if (rule.drug, rule.route) != (drug_id, route) or rule.interval_h != frequency.interval_h:
            continue
        drug = tables.resolve_drug(drug_id, location=None)
        form = next((f for f in drug.forms if f.id == rule.form and route in f.routes), None)
        if form is None or rule.source not in tables.tables.sources:
            return None
        explanation = (
            f"{drug.name} {frequency.label} by mouth is taken as the "
            f"{form.name.lower()} form ({tables.cite(rule.source, rule.locator)}); "
            "give the form to choose another."
        )
        return FormInference(form=form.id, form_name=form.name, explanation=explanation)
    return None
