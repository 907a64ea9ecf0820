"""Clinician re-check 20c, L4: a 17 mg rescue beside morphine SC 50 mg/24 h (the rule's top
8.33 mg) is 2.04 times the top, a DANGER by "more than 2 times the top is a danger", and read
"17 mg, is 2 times the top": a reader saw a figure the rule does not call a danger.

Invariant (``check_rescue.times_the_top``, the one formatting of the multiple): the multiple is
said as computed (to within its last figure shown), and a danger's multiple always reads above
the program's danger multiple (``rotation.breakthrough.above_danger``)."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from mps_pain.domain.rotation.context import rotation_rules
from mps_pain.presentation.check_rescue import rescue_headline
from mps_pain.services.rotation_service import check_proposal
from mps_pain.tables.loader import get_tables

MULTIPLE = rotation_rules(get_tables()).breakthrough.above_danger.multiple
TIMES = re.compile(r"is ([0-9.]+) times the top")


def _check(rescue_mg: float):
    regular = {"drug": "morphine", "route": "sc", "rate": "50 mg/24h"}
    rescue = {"drug": "morphine", "route": "sc", "dose": f"{rescue_mg} mg", "prn": True,
              "doses_per_day": 0}  # fmt: skip
    return check_proposal(
        {
            "from": {"items": [regular]},
            "proposed": {"items": [regular, rescue]},
            "table": "uk-palliative",
        }
    )


@settings(max_examples=60, deadline=None)
@given(st.integers(1667, 6000).map(lambda n: n / 100))
@example(17.0)  # the clinician's: 2.04 times
@example(16.7)  # 2.004 times
def test_the_multiple_reads_as_computed(rescue_mg: float) -> None:
    result = _check(rescue_mg)
    (above,) = result.rescues_above
    _, sentence, _, _ = rescue_headline(result, "WITHIN", "", "info", "within")
    shown = TIMES.search(sentence)
    assert shown is not None, sentence
    figure = float(shown.group(1))
    last = 10.0 ** -len(shown.group(1).partition(".")[2])  # one step of its last figure
    assert abs(figure - above.times) <= last / 2 + 1e-9, (sentence, above.times)
    if above.danger:
        assert figure > MULTIPLE, sentence
        assert sentence.startswith("DANGER"), sentence
