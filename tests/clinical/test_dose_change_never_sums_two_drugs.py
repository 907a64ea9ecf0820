"""Merging session 16's rescue and same-drug rules: patch 25 + morphine IR as needed ×3 →
the same patch + morphine MR 30 mg q12h + the morphine rescue written again read "Current:
0.6 mg/day fentanyl; proposed: 60.6 mg/day fentanyl (+1e+04%)": the rescue written again was set
aside as a kept rescue although the proposal gives its drug regularly, and the one-drug sentence
summed the milligrams of two drugs. A dose change's one-drug sentence names a drug and sums only
its own lines; a current rescue whose drug by its route the proposal gives regularly is the
intake that line takes over (``check_rescues.with_kept_rescues``)."""

from __future__ import annotations

import re
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

from mps_pain.errors import MpsPainError
from mps_pain.services.rotation_service import check_proposal
from mps_pain.tables.loader import get_tables

TABLES = get_tables()
LINES: dict[str, dict[str, Any]] = {
    "patch": {"drug": "fentanyl", "route": "transdermal", "form": "patch", "rate": "25 mcg/h"},
    "morphine-prn": {"drug": "morphine", "route": "oral", "dose": "10 mg", "prn": True,
                     "form": "IR", "doses_per_day": 3},
    "morphine-mr": {"drug": "morphine", "route": "oral", "dose": "30 mg", "frequency": "q12h",
                    "form": "MR"},
    "oxycodone-prn": {"drug": "oxycodone", "route": "oral", "dose": "5 mg", "prn": True,
                      "form": "IR", "doses_per_day": 2},
    "oxycodone-mr": {"drug": "oxycodone", "route": "oral", "dose": "10 mg", "frequency": "q12h",
                     "form": "MR"},
    "morphine-sc": {"drug": "morphine", "route": "sc", "daily_dose": "20 mg/day"},
}  # fmt: skip
ONE_DRUG = re.compile(r"Current: [\d.]+ mg/day (\w+); proposed: [\d.]+ mg/day (\w+)")
names = st.lists(st.sampled_from(sorted(LINES)), min_size=1, max_size=3, unique=True)


def _proposed(name: str) -> dict[str, Any]:
    line = LINES[name]
    return {**line, "doses_per_day": "not reported"} if line.get("prn") else line


@given(current=names, proposed=names, table=st.sampled_from(("uk-palliative", "fpm-2021")))
@example(["patch", "morphine-prn"], ["patch", "morphine-mr", "morphine-prn"], "uk-palliative")
@example(["morphine-prn"], ["morphine-prn", "morphine-mr", "oxycodone-mr"], "fpm-2021")
def test_a_one_drug_dose_change_sums_only_that_drug(
    current: list[str], proposed: list[str], table: str
) -> None:
    request = {
        "from": {"items": [LINES[n] for n in current]},
        "proposed": {"items": [_proposed(n) for n in proposed]},
        "table": table,
    }
    try:
        result = check_proposal(request, tables=TABLES)
    except MpsPainError:
        return  # refused, naming its field: no sentence to read
    regular = {LINES[n]["drug"] for n in proposed if not LINES[n].get("prn")}
    for reason in result.reasons:
        said = ONE_DRUG.match(reason)
        if said is not None:
            assert regular <= {said.group(2)}, (current, proposed, reason)
