"""The one place a warning's short title is declared: what a person reads instead of its code.

A ``ClinicalWarning`` carries a stable ``code`` (``methadone-specialist``) for programs and tests,
and a full ``message``. Where a screen names a warning without its whole message (the practice
window's "warnings to raise", a list, a legend) it shows ``warning_title(code)``, never the code.
Titles are words, not clinical numbers; a threshold's number is in its message.
"""

from __future__ import annotations

from collections.abc import Mapping

from mps_pain.domain.per_hour_rate import PER_HOUR_SLIP
from mps_pain.domain.plausibility import ABOVE_LARGEST_UNIT, FAR_ABOVE_USUAL
from mps_pain.domain.rotation.check_flags import proposed_flag_code
from mps_pain.domain.staged_start import FIRST_PART_ABOVE_FULL, KEPT_NOT_CURRENT

__all__ = ["WARNING_TITLES", "warning_title"]

#: the sanity flags of a row (``plausibility``); a proposed row's are titled "Proposed …"
_FLAG_TITLES: Mapping[str, str] = {
    FAR_ABOVE_USUAL: "Amount far above the usual dose (a unit slip?)",
    ABOVE_LARGEST_UNIT: "Patch rate above the largest single patch (an extra zero?)",
    PER_HOUR_SLIP: "Rate per hour: a 24-hour amount written per hour?",
    FIRST_PART_ABOVE_FULL: "First part above the row's full dose",
}

WARNING_TITLES: Mapping[str, str] = {
    **_FLAG_TITLES,
    **{
        proposed_flag_code(code): f"Proposed {title[:1].lower()}{title[1:]}"
        for code, title in _FLAG_TITLES.items()
    },
    KEPT_NOT_CURRENT: "A line kept going is not the current dose",
    "advisory-daily-limit": "Above an advised daily limit",
    "breakthrough-avoided": "Breakthrough opioid to avoid for this patient",
    "breakthrough-dose-outside-rule": "As-needed dose does not fit the regular dose",
    "breakthrough-no-source": "Breakthrough dose without a source",
    "breakthrough-not-measurable": "No breakthrough dose that can be measured",
    "co-infusion-nmda-antagonist": "Ketamine or another NMDA antagonist given with the opioid",
    "dose-change-not-switch": "A dose change, not a switch",
    "duplicate-item": "The same order entered twice",
    "patches-alike": "Patches of one strength: worn together, or entered twice?",
    "elderly-caution": "Older patient: on the reference's caution list",
    "first-part-below-range": "First part of a staged switch below its range",
    "form-inferred": "Form inferred from the frequency",
    "from-methadone-not-bidirectional": "Switching from methadone: ratios are not reversible",
    "hepatic-current": "Liver impairment and the current opioid",
    "max-daily-dose": "Above the maximum daily dose",
    "max-daily-dose-not-in-market": "No maximum daily dose of this country's labels held",
    "measured-as-liquid": "Breakthrough dose measured as a liquid",
    "methadone-band-edge": "Methadone dose at the edge of a band",
    "methadone-cap": "Methadone dose capped",
    "methadone-interval": "Methadone interval outside the cited intervals",
    "methadone-method-far-below": "Methadone method far below the other methods",
    "methadone-prn-open-ended": "As-needed methadone without interval or 24-h maximum",
    "methadone-specialist": "Methadone: specialist supervision needed",
    "mme-50": "Total at or above 50 MME/day",
    "mme-90": "Total at or above 90 MME/day",
    "mme-not-for-switching": "MME measures risk: not a switching dose",
    "multiple-nsaids": "More than one NSAID",
    "no-dose-in-form": "No strength of this form fits the dose",
    "opioid-benzodiazepine": "Opioid with a benzodiazepine",
    "opioid-gabapentinoid": "Opioid with a gabapentinoid",
    "opioid-tolerance-conflict": "Tolerance record conflicts with the regimen",
    "not-for-regular-use": "Not for regular or continuous use",
    "opioid-ketamine": "Opioid with ketamine",
    "pain-uncontrolled": "Pain not controlled",
    "patch-beyond-chart": "Beyond the patch chart: ask for specialist review",
    "patch-depot-start": "Patch removed: when the new opioid may start",
    "patch-content-read-as-rate": "Patch content read as a rate",
    "patch-label-read-as-rate": "Patch label read as the rate it delivers",
    "patch-heat-fever": "Patch: heat and fever raise absorption",
    "patch-lingers": "Patch: the opioid lingers after removal",
    "patch-not-for-unstable-pain": "Patch not for unstable pain",
    "patch-not-opioid-tolerant": "Patch needs an opioid-tolerant patient",
    "patch-onset": "Patch: slow onset, cover the first hours",
    "patch-onset-cover": "Patch started: what to keep giving until it takes effect",
    "patch-table-one-direction": "Patch table read in one direction only",
    "patch-tolerance-duration": "Opioid tolerance not long enough for a patch",
    "patch-tolerance-unconfirmed": "Opioid tolerance not confirmed for a patch",
    "prn-none-taken": "No as-needed doses taken",
    "prn-not-reported-excluded": "As-needed doses not reported, excluded from the total",
    "prn-policy-default": "As-needed doses counted by default",
    "proposal-above-range": "Proposed dose above the expected range",
    "proposal-avoided": "Proposed opioid to avoid for this patient",
    "proposal-below-range": "Proposed dose below the expected range",
    "proposal-implausible": "Proposed amount implausible",
    "proposal-not-a-marketed-strength": "Proposed dose is not a marketed strength",
    "qtc-borderline": "QTc borderline",
    "qtc-prolonged": "QTc prolonged",
    "qtc-unknown": "QTc not known",
    "reduction-outside-sourced-range": "Reduction outside the sourced range",
    "renal-current": "Kidney function and the current opioid",
    "renal-function-needed": "Kidney function needed",
    "renal-limit-other-market": "Above another country's label maximum for this kidney function",
    "renal-target": "Kidney function and a drug to be given",
    "hepatic-impairment": "Liver impairment",
    "renal-no-rule": "No kidney rule held for a drug: check its label",
    "renal-preferred": "A drug the sources prefer in kidney disease",
    "hepatic-no-rule": "No liver rule held for a drug: check its label",
    "route-ratio-not-cited": "Route ratio without a citation",
    "rows-excluded": "Rows left out of the total",
    "set-scope-excludes-patient": "This set does not apply to this patient",
    "market-set-fallback": "No set of the market's own: read under the default set",
    "several-as-needed-opioids": "As-needed orders of more than one opioid",
    "rescue-not-judged": "Rescue beside methadone: agree it with the specialist",
    "rescue-above-current-dose": "Rescue beside methadone larger than the current regimen allows",
    "rescue-beside-methadone-not-judgeable": "Rescue beside methadone that cannot be judged",
    "strengths-all-markets": "Strengths from every market",
    "total-far-above-palliative-range": "Total far above the usual palliative range",
    "two-gabapentinoids": "Two gabapentinoids (gabapentin with pregabalin)",
}


def warning_title(code: str) -> str:
    """The warning's title; an unknown code reads as a generic title, never as the code."""
    return WARNING_TITLES.get(code, "Other warning")
