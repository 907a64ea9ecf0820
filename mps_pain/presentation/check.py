"""The view of a ``CheckResult``: the pharmacist check's verdict, headline and numbers
(moved out of ``presentation/rotation.py``, which keeps the rotation plan's views)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from mps_pain.domain.daily_amount import PATCH_ROUTE, amount_words
from mps_pain.domain.form_words import product_label
from mps_pain.domain.max_dose import MAX_DOSE, MAX_DOSE_ADVICE
from mps_pain.domain.rotation.check_dangers import proposal_dangers
from mps_pain.domain.rotation.check_dose_change import STEP_ABOVE
from mps_pain.domain.rotation.check_result import CheckResult
from mps_pain.domain.rotation.gate import AVOIDED
from mps_pain.domain.rotation.label_start import label_words
from mps_pain.domain.rotation.methadone_method import OPEN_ENDED_ORDER, PRN_OPEN_ENDED
from mps_pain.numbers import format_beside
from mps_pain.presentation.check_rescue import rescue_headline
from mps_pain.presentation.set_names import set_names
from mps_pain.presentation.severity import SeverityStyle, severity_style
from mps_pain.presentation.spoken import in_words_of
from mps_pain.presentation.warning_titles import warning_title
from mps_pain.presentation.wording import (
    ABSENT,
    Fact,
    WarningView,
    number,
    percent_figure,
    plain_source,
    quantity,
    rows_of,
    span_text,
    warning_views,
)
from mps_pain.sentences import then
from mps_pain.tables.schema import Severity

__all__ = ["CheckView", "check_view", "not_signable", "signed_for"]


@dataclass(frozen=True, slots=True)
class CheckView:
    """The pharmacist check: ``verdict_sentence`` says what the verdict means for the patient."""

    verdict: str
    verdict_label: str
    verdict_sentence: str
    severity: SeverityStyle
    heading: str
    current: str
    proposed: str
    expected: str
    reduction: str
    reasons: tuple[str, ...]
    warnings: tuple[WarningView, ...]

    @property
    def numbers(self) -> str:
        """One line with every number of the check."""
        return (
            f"Current {self.current}; proposed {self.proposed}; expected {self.expected} "
            f"(reduction {self.reduction}) under {self.heading}."
        )


_VERDICTS: dict[str, tuple[str, Severity]] = {
    "within": ("Within the expected range", "info"),
    "below": ("BELOW the expected range — risk of uncontrolled pain or withdrawal", "caution"),
    "not_reduced": (
        "ABOVE the reduced range, not above equianalgesia — no reduction for incomplete "
        "cross-tolerance",
        "caution",
    ),
    "above": ("DANGER: ABOVE the expected range — risk of overdose", "danger"),
    "dose_change": (
        "This is a dose change, not a switch: not checked against a switching range",
        "info",
    ),
}
_VERDICTS["rescue_above"] = _VERDICTS["within"]  # the amount's words: ``rescue_headline``
_LABELS = {"dose_change": "DOSE CHANGE", "not_reduced": "NOT REDUCED"}
#: not reduced where the sourced reduction is 0% (a band chart at no reduction; pharmacist
#: review 15, D5): no reduction is missing, so the headline does not say one is
_ABOVE_RULE = (
    "ABOVE THE RULE'S AMOUNT",
    "ABOVE the switching rule's amount at no reduction, not above equianalgesia — see the "
    "caution for what to check",
)


def _verdict_words(result: CheckResult) -> tuple[str, str, Severity]:
    """The amount's label, sentence and severity."""
    sentence, severity = _VERDICTS[result.verdict]
    # in words, never the verdict's id (fuzz review 21, D4: "(amount RESCUE_ABOVE)")
    label = _LABELS.get(result.verdict, result.verdict.replace("_", " ").upper())
    if result.verdict == "not_reduced" and result.reduction_high <= 0:
        label, sentence = _ABOVE_RULE
    return label, sentence, severity


def _avoid_danger(result: CheckResult) -> tuple[str, str]:
    """A proposal the patient-factor rules say to avoid (outside pharmacist review: "WITHIN"
    was printed first for methadone at QTc 520 ms)."""
    avoided = [
        w.message.split(" is to be avoided")[0] for w in result.warnings if w.code == AVOIDED
    ]
    return (
        "AVOID",
        f"DANGER: AVOID {', '.join(avoided)} for this patient — the patient-factor rules say "
        "so (see the danger warnings).",
    )


def _maximum_danger(result: CheckResult) -> tuple[str, str]:
    """A proposal above a drug's cited maximum daily dose (clinical-a, review3: the headline
    said WITHIN, the amount against the equianalgesic range, while the maximum-dose danger sat
    only among the warnings)."""
    over = [
        w.message.removesuffix(MAX_DOSE_ADVICE).strip().rstrip(".")
        for w in result.warnings
        if w.code == MAX_DOSE and w.severity == "danger"
    ]
    return (
        "ABOVE MAXIMUM",
        f"DANGER: ABOVE THE MAXIMUM DAILY DOSE — {' '.join(over)} (see the danger warnings).",
    )


_NOT_SIGNABLE_DANGER = (
    "NOT SIGNABLE AS WRITTEN",
    "DANGER: the methadone order is not signable as written (see the danger warnings).",
)


#: an open-ended as-needed methadone order: not signable at any dose, so no amount is expected
#: (pharmacist review 5b, N3: "ABOVE … Proposed 12 / Expected 12" read as a dose question)
NOT_SIGNABLE_LABEL = "NOT SIGNABLE: open-ended as-needed methadone"
NOT_SIGNABLE_SENTENCE = (
    f"DANGER: NOT SIGNABLE — an as-needed methadone order with {OPEN_ENDED_ORDER} (see the "
    "danger warning); no amount per dose makes it signable"
)
NOT_SIGNABLE_EXPECTED = "none: an open-ended as-needed methadone order is not signable at any dose"


def _order_danger(result: CheckResult) -> tuple[str, str] | None:
    """Any other danger about the proposed order, by its title (pharmacist review 18, D1: an
    opioid with a benzodiazepine outside palliative care, a DANGER, was headlined WITHIN)."""
    routes = {a.route for a in result.proposed_amounts} if result.proposed_amounts else None
    dangers = proposal_dangers(result.warnings, routes)  # a patch's heat only if it holds one
    titles = "; ".join(dict.fromkeys(warning_title(w.code) for w in dangers))
    if not titles:
        return None
    return f"DANGER: {titles}", f"DANGER: {titles} — see the danger warnings before signing."


def _open_ended(result: CheckResult) -> bool:
    return any(w.code == PRN_OPEN_ENDED for w in result.warnings)


def _change(now: float, new: float) -> str:
    """'+300%' (one decimal, signed)."""
    figure = percent_figure((new / now - 1) * 100)
    return f"{'' if figure.startswith('-') else '+'}{figure}%"


def _step_words(result: CheckResult) -> tuple[str, str]:
    """The label and sentence of a step above the range, each percent said of its own amount:
    the line's own mg/day, and the total in mg/day of the set's OME where several lines are
    summed (clinician re-check 12b, #7b: "+300%" of one line beside a total of +180%)."""
    step = result.dose_steps[0]
    change = _change(step.now, step.new)
    own = "of the total" if step.total else "of its own daily amount"
    amounts = f"{number(step.now)} → {number(step.new)} {step.unit}"
    sentence = f"DANGER: {step.subject} {amounts} ({change} {own}), more than twice the current"
    sentence += " amount"
    now = result.current_ome_per_day
    summed = result.measure == "ome_a_day" and not step.total and now is not None and now > 0
    if summed and now is not None:
        new, unit = result.proposed_ome_per_day, f"mg/day {result.ome_label}"
        sentence += f"; in total {number(now)} → {number(new)} {unit} ({_change(now, new)})"
    return f"DOSE CHANGE {change} ({step.subject})", sentence


def _headline(result: CheckResult, label: str, sentence: str) -> tuple[str, str, Severity, str]:
    """Label, sentence, severity and view verdict: a danger the patient-factor rules or a cited
    maximum give comes first, the amount's verdict after it (JSON, text, app and PDF alike)."""
    severity = _VERDICTS[result.verdict][1]
    verdict: str = result.verdict
    step = next((w for w in result.warnings if w.code == STEP_ABOVE), None)
    if result.dose_steps:  # a titration beyond the check's range (fuzz review 8, #3)
        label, sentence = _step_words(result)
        severity, verdict = "danger", "dose_step"
    elif step is not None:  # a result saved before ``dose_steps`` (its warning's own words)
        change = step.message.split(":")[0].removeprefix("Dose change").strip(" ()")
        label, severity = f"DOSE CHANGE {change}", "danger"
        sentence = f"DANGER: a dose change of {change}, more than twice the current amount"
        verdict = "dose_step"
    # the dangers before the amount, each named once, most decisive first (pharmacist review
    # 15, D11: "AVOID (amount ABOVE MAXIMUM (amount WITHIN))")
    first: list[tuple[str, str]] = []
    if result.avoid:
        first.append(_avoid_danger(result))
    if result.above_maximum:
        first.append(_maximum_danger(result))
    if _open_ended(result):  # no amount is expected at all: the order's own headline
        label, sentence = NOT_SIGNABLE_LABEL, NOT_SIGNABLE_SENTENCE
    elif result.not_signable:  # the amount may be within; the order is not (fuzz 8, #1, #2)
        first.append(_NOT_SIGNABLE_DANGER)
    if result.not_signable or _open_ended(result):
        severity, verdict = "danger", "not_signable"
    other = None if first or severity == "danger" else _order_danger(result)
    if other is not None:  # every danger of the order heads it, by the same rule
        first.append(other)
        verdict = "danger"
    if first:
        severity = "danger"
        verdict = "avoid" if result.avoid else "above_maximum" if result.above_maximum else verdict
    # review 20, N1: a rescue above its rule first; the amount said once (fuzz review 21, D4)
    return rescue_headline(result, label, sentence, severity, verdict, first)


def check_view(result: CheckResult, names: Mapping[str, str] | None = None) -> CheckView:
    """The check in words, its market's (``in_words_of``); ``names``: see ``_check_view``."""
    with in_words_of(result.market):
        return _check_view(result, names)


def _check_view(result: CheckResult, names: Mapping[str, str] | None) -> CheckView:
    """``names``: every set's name by its id (``set_names.table_names``), each set said by its
    name, never its id (review M4: "under table uk-palliative, v2026.11.0"; session 17: the
    CLI's "uk-palliative's own 2:1"), in the heading, the verdict, the reasons and warnings."""
    label, sentence, severity = _verdict_words(result)
    # one decimal, as every percentage (review 6, #7: "19.57–45.65%" above "19.6–45.7%")
    reduction = span_text(
        percent_figure(result.reduction_low * 100), percent_figure(result.reduction_high * 100), "%"
    )
    expected = _expected(result)
    if result.verdict == "dose_change":
        reduction = "none: not a switch"
    if result.patch_label_said and result.patch_label is not None:  # review 10, D-B
        sentence = then(sentence, f"; {label_words(result.patch_label)}")
    label, sentence, severity, verdict = _headline(result, label, sentence)
    said = dict(names or {})
    reasons = [_named(reason, said) for reason in result.reasons]
    if verdict == "not_signable" and _open_ended(result):  # no expected amount to copy; an
        expected = NOT_SIGNABLE_EXPECTED  # interval danger keeps the amount's range (fuzz 9, #2)
    table_name = said.get(result.table.id)
    return CheckView(
        verdict=verdict,
        verdict_label=label,
        verdict_sentence=_named(sentence, said),
        severity=severity_style(severity),
        heading=(
            f"{table_name} (tables v{result.table.version})"
            if table_name
            else f"table {result.table.id}, v{result.table.version}"
        ),
        current=_current(result),
        proposed=_proposed(result),
        expected=expected,
        reduction=reduction,
        reasons=tuple(reasons),
        warnings=tuple(
            replace(v, message=_named(v.message, said))
            for v in _current_rows(warning_views(result.warnings))
        ),
    )


def not_signable(view: CheckView) -> bool:
    """The one rule for ``check --json``'s ``not_signable``: a danger heads the check (AVOID,
    ABOVE MAXIMUM, NOT SIGNABLE, a dose step, any other danger of the order, ABOVE the range).
    Pharmacist re-check 18b, L6: K05's ``headline: "danger"`` stood beside ``not_signable:
    false``, which an integrator reading the flag signs."""
    return view.severity.name == "danger"


def _named(text: str, names: dict[str, str]) -> str:
    """A check's sentence in the words a clinician reads (``plain_source``), each set by its
    name, as the plan says it (clinician review 17 #9: "uk-palliative's own")."""
    return set_names(plain_source(text) or text, names)


def _current_rows(views: Sequence[WarningView]) -> list[WarningView]:
    """A check shows two tables: a lead "Row N" is the current regimen's (the proposed order's
    own say "Proposed rows …")."""
    return [replace(v, message=rows_of("Current regimen", v.message)) for v in views]


def _expected(result: CheckResult) -> str:
    """The expected range; a dose change's is none, said with the amount it is a change from (a
    result saved before ``dose_change_from`` held that amount as both ends of the range)."""
    low, high = result.expected_low, result.expected_high
    was = result.dose_change_from if result.dose_change_from is not None else low
    if result.verdict == "dose_change" or low is None or high is None:
        return "not checked" + (
            "" if was is None else f" (a dose change from {quantity(was, result.unit)})"
        )
    return span_text(number(low), number(high), result.unit)


def _current(result: CheckResult) -> str:
    """The current OME, or why none is given (methadone: pharmacist re-check 13b, #3)."""
    if result.current_ome_per_day is None:
        return f"not given ({result.no_ome_reason or ABSENT})"
    return quantity(result.current_ome_per_day, f"mg/day {result.ome_label}")


def _proposed(result: CheckResult) -> str:
    """The proposed amount; where the drugs are not summed (beside methadone) each by itself:
    "30 mg/day methadone oral + 12 mg/day morphine sc (not summed)" (pharmacist re-check 12b,
    #3: the headline named only methadone)."""
    if not result.not_summed:
        bound = result.expected_low if result.verdict == "below" else result.expected_high
        if result.verdict in ("below", "above", "not_reduced") and bound is not None:
            # beside the bound it crossed, the figures that tell them apart (pharmacist review
            # 18d, L1: "Proposed: 600 … Expected: 400–600" under NOT REDUCED)
            return _beside_ome(
                result, f"{format_beside(result.proposed_ome_per_day, bound)} {result.unit}"
            )
        return _beside_ome(result, quantity(result.proposed_ome_per_day, result.unit))
    each = [  # a patch in mcg/h (pharmacist re-check 13b, #6)
        f"{amount_words(a.mg_per_day, a.route == PATCH_ROUTE)} {product_label(a.drug, a.route)}"
        for a in result.proposed_amounts
    ]
    return f"{' + '.join(each)} (not summed)"


def _beside_ome(result: CheckResult, said: str) -> str:
    """An amount in another unit than the current side's, with the proposal's OME beside it:
    "25 mcg/h fentanyl (60 mg/day OME)" (clinician review 21, N7: "Current 80 mg/day OME;
    proposed 25 mcg/h fentanyl" gave two units and nothing to compare them by)."""
    if result.proposed_ome_beside is None:
        return said
    return f"{said} ({quantity(result.proposed_ome_beside, f'mg/day {result.ome_label}')})"


def signed_for(view: CheckView, patient: str | None, proposed: Sequence[str]) -> tuple[Fact, ...]:
    """What the signatures approve, repeated above them (clinician review 6, #5: the signature
    block alone on page 2 could be separated from the verdict and the order it signs)."""
    return (
        Fact("Patient", patient or ABSENT),
        Fact("Proposed order", "; ".join(proposed) or ABSENT),
        Fact("Verdict", f"{view.verdict_label}: {view.verdict_sentence}"),
    )
