"""Clinician re-check 20c, L3: a check whose proposal swaps the rescue (morphine SC 8 mg as
needed, none taken → oxycodone oral IR 20 mg as needed) read "This is a dose increase, not a
switch (every current line kept, lines added) … The increase is the added amount: 0 mg/day …
100 → 100 mg/day OME (+0%)". Nothing increased: the as-needed line added counts 0.

Invariant (``check_kept.change_kind``, the one rule a change's words follow): a check calls a
change an increase only where the proposed amount is above the current one, and never writes
"+0%"; an amount kept is said to be unchanged."""

from __future__ import annotations

from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.rotation.plans import checked

RESCUES = [
    {"drug": "oxycodone", "route": "oral", "form": "IR", "dose": "20 mg"},
    {"drug": "oxycodone", "route": "oral", "form": "IR", "dose": "5 mg"},
    {"drug": "hydromorphone", "route": "sc", "dose": "1 mg"},
    {"drug": "morphine", "route": "oral", "form": "IR", "dose": "10 mg"},
]


def _said(result: dict[str, Any]) -> str:
    return "\n".join([*result["reasons"], *(w["message"] for w in result["warnings"])])


@settings(max_examples=40, deadline=None)
@given(
    rate=st.sampled_from([30, 50, 60, 100]),
    old_taken=st.integers(0, 3),
    rescue=st.sampled_from(RESCUES),
    taken=st.integers(0, 4),
)
@example(rate=50, old_taken=0, rescue=RESCUES[0], taken=0)  # the clinician's case
@example(rate=30, old_taken=0, rescue=RESCUES[0], taken=1)  # merging s20-kind: no "increase"
def test_a_change_is_called_an_increase_only_when_the_amount_rises(
    rate: int, old_taken: int, rescue: dict[str, str], taken: int
) -> None:
    regular = {"drug": "morphine", "route": "sc", "rate": f"{rate} mg/24h"}
    current = [regular, {"drug": "morphine", "route": "sc", "dose": "8 mg", "prn": True,
                         "doses_per_day": old_taken}]  # fmt: skip
    proposed = [regular, {**rescue, "prn": True, "doses_per_day": taken}]
    result = checked(
        {"from": {"items": current}, "proposed": {"items": proposed}, "table": "uk-palliative"}
    )
    said = _said(result)
    assert "+0%" not in said, said
    now, new = result["dose_change_from"], result["proposed_ome_per_day"]
    if now is None or new is None:
        return
    if new <= now:
        assert "increase" not in said.casefold(), said
    if result["verdict"] == "dose_change" and new > now:
        assert "dose increase" in said, said


SAME = "the same drug by the same route"


@settings(max_examples=30, deadline=None)
@given(
    rate=st.sampled_from([30, 50, 60]),
    raised=st.sampled_from([1.0, 1.25, 1.5]),
    rescue=st.sampled_from([RESCUES[0], RESCUES[2]]),
    taken=st.integers(1, 6),
)
@example(rate=30, raised=1.0, rescue=RESCUES[0], taken=1)  # 60 -> 90 mg/day OME
@example(rate=30, raised=4 / 3, rescue=RESCUES[0], taken=4)  # 60 -> 200: more than twice
def test_a_rescue_of_another_drug_summed_beside_the_regular_line_is_a_line_added(
    rate: int, raised: float, rescue: dict[str, str], taken: int
) -> None:
    """Merging s20-kind (a summed rescue no longer sets the switch's kind): an as-needed line of
    another drug, too large to be set aside and so summed by its count, was said as "a dose
    change … (the same drug by the same route)" with no increase named, and the whole step was
    no longer judged (60 -> 200 mg/day OME lost its danger). A line added is said as one, in
    OME, with its change; above twice the current total the step is a danger."""
    regular = {"drug": "morphine", "route": "sc", "rate": f"{rate} mg/24h"}
    current = [regular, {"drug": "morphine", "route": "sc", "dose": "8 mg", "prn": True,
                         "doses_per_day": 0}]  # fmt: skip
    new_rate = {**regular, "rate": f"{round(rate * raised, 2)} mg/24h"}
    proposed = [new_rate, {**rescue, "prn": True, "doses_per_day": taken}]
    result = checked(
        {"from": {"items": current}, "proposed": {"items": proposed}, "table": "uk-palliative"}
    )
    said = _said(result)
    assert result["switch_kind"] == "dose_change", said
    if "Breakthrough order (row 2)" in said:
        return  # the rescue set aside as a breakthrough order, not summed: no line added
    now, new = result["dose_change_from"], result["proposed_ome_per_day"]
    assert result["unit"].endswith("OME"), said  # another drug's mg never added to morphine's
    assert SAME not in said, said
    assert "lines added" in said, said
    if new > now * (1 + 1e-6):
        assert "dose increase" in said, said
        assert f"+{round((new / now - 1) * 100)}" in said.replace(".", ""), said
    steps = {w["code"]: w["severity"] for w in result["warnings"]}
    if new > 2 * now * (1 + 1e-6):
        assert steps.get("dose-step-above-range") == "danger", said
