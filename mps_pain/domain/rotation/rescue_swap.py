"""A dose change whose as-needed line is another drug or route: the check's headline says so
(clinician re-check 21b, D6). After the rescue was swapped from alfentanil SC to oxycodone oral
IR beside the same patch, the check said "This is a dose change, not a switch (the same drug by
the same route)", true of the regular line only. The headline and its info note then say
which of the two is the same and what the as-needed line became; the rescue itself is judged by
the breakthrough rule, as before (``check_rescues``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from mps_pain.domain.form_words import product_label
from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.rotation.check_result import CheckResult
from mps_pain.domain.rotation.classify import DOSE_CHANGE

__all__ = ["SAME_DRUG", "rescue_swap_words", "with_rescue_swap"]

#: what the dose-change headline says of the lines (``classify.DOSE_CHANGE``)
SAME_DRUG = "(the same drug by the same route)"


def _rescues(items: Iterable[DailyItem], as_needed: Sequence[int] = ()) -> list[str]:
    """The as-needed opioid lines, named as a prescriber writes them, each once, in order."""
    names = [
        product_label(d.drug_id, d.route, d.form)
        for d in items
        if d.is_opioid and (d.prn or d.index in as_needed)
    ]
    return list(dict.fromkeys(names))


def rescue_swap_words(
    current: Sequence[DailyItem], proposed: Sequence[DailyItem], as_needed: Sequence[int] = ()
) -> str | None:
    """ "(the regular opioid is the same drug by the same route; as needed, alfentanil sc is
    replaced by oxycodone oral IR)", or None where the as-needed lines are the same."""
    before, after = _rescues(current), _rescues(proposed, as_needed)
    stopped = [name for name in before if name not in after]
    started = [name for name in after if name not in before]
    if not stopped and not started:
        return None
    if stopped and started:
        change = f"{' and '.join(stopped)} is replaced by {' and '.join(started)}"
    elif stopped:
        change = f"{' and '.join(stopped)} is stopped"
    else:
        change = f"{' and '.join(started)} is added"
    return f"(the regular opioid is the same drug by the same route; as needed, {change})"


def with_rescue_swap(
    result: CheckResult,
    current: Sequence[DailyItem],
    proposed: Sequence[DailyItem],
    as_needed: Sequence[int] = (),
) -> CheckResult:
    """``result`` whose dose-change headline and note say what the as-needed line became."""
    words = rescue_swap_words(current, proposed, as_needed)
    if words is None or not any(DOSE_CHANGE in r for r in result.reasons):
        return result
    said = DOSE_CHANGE.replace(SAME_DRUG, words)
    reasons = [r.replace(DOSE_CHANGE, said) for r in result.reasons]
    warnings = [
        w.model_copy(update={"message": w.message.replace(DOSE_CHANGE, said)})
        if DOSE_CHANGE in w.message
        else w
        for w in result.warnings
    ]
    return result.model_copy(update={"reasons": reasons, "warnings": warnings})
