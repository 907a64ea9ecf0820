"""The refusal of a target whose form is not given and not implied by its frequency.

Clinician re-check 18b, #7: "hydromorphone oral q12h" was refused listing every form, though
only one form's cited intervals take q12h. The refusal now names the forms given at that
interval and, for each other form, the interval it is given at; the form itself is not assumed
without a source that says the drug's product at that interval is of that form
(``data/form_inference.yaml`` ``rules``, read by ``form_inference.infer_form``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from mps_pain.domain.form_inference import forms_given_at, interval_rule
from mps_pain.errors import InputError

if TYPE_CHECKING:
    from mps_pain.domain.frequency import Frequency
    from mps_pain.tables.schema import Drug, Form

__all__ = ["form_ambiguous"]


def _others_words(drug: Drug, route: str, others: Sequence[Form]) -> str:
    said = []
    for form in others:
        rule = interval_rule(drug, form.id, route)
        if rule is not None:
            said.append(f"{form.name.lower()} is given {rule.describe()}")
    return f" ({'; '.join(said)})" if said else ""


def form_ambiguous(
    drug: Drug, route: str, forms: Sequence[Form], frequency: Frequency | None
) -> InputError:
    """The refusal naming the forms to choose from (those given at ``frequency``, when any)."""
    fitting = forms_given_at(drug, route, frequency) if frequency is not None else ()
    context = {
        "drug": drug.in_sentence,
        "forms": tuple(f.name for f in forms),
        "given_at": tuple(f.name for f in fitting),
        "frequency": frequency.label if frequency is not None else "",
        "others": "",
    }
    if frequency is None or not fitting:
        known = "; ".join(f.name for f in forms)  # names are accepted spellings of the form
        message = f"choose the form of {drug.in_sentence}: {known}"
    else:
        others = _others_words(drug, route, [f for f in forms if f not in fitting])
        context["others"] = others
        message = (
            f"choose the form of {drug.in_sentence}: at {frequency.label}, "
            f"{' or '.join(f.name.lower() for f in fitting)}{others}"
        )
    return InputError(message, location="to.form", reason="form-ambiguous", context=context)
