"""Pharmacist re-check 18b, L5: morphine → codeine oral (uk-palliative, F96) gives no dose because
this program holds no strengths of codeine oral (a gap in its catalogue, not in the market), but
the danger cited "'never above the reduced target' … leaves no dose": a rounding rule that was the
reason before the catalogue-gap wording (review 18, L3), not the reason now.

The citation follows the reason: a no-dose danger whose reason is the catalogue's gap
(``says_not_held``) cites the catalogue-gap rule (``rotation.rounding.not_held``); any other
no-dose danger cites a rounding rule, never that one.
"""

from __future__ import annotations

from typing import Any

from hypothesis import event, example, given
from hypothesis import strategies as st

from mps_pain.domain.rotation.context import rotation_rules
from mps_pain.domain.rotation.rounding_words import says_not_held
from mps_pain.errors import MpsPainError
from mps_pain.services.rotation_service import plan_rotation
from mps_pain.tables.loader import get_tables
from tests.discarded import discard
from tests.rotation.generated import GENERATED

TABLES = get_tables()
GAP = TABLES.cite(rotation_rules(TABLES).rounding.not_held.citation)
NEVER_ABOVE = "'never above the reduced target'"

DOSES = st.sampled_from(["5 mg", "10 mg", "30 mg", "60 mg", "200 mg"])
TARGET = st.sampled_from(
    [
        {"drug": "codeine", "route": "oral", "frequency": "q6h"},
        {"drug": "dihydrocodeine", "route": "oral", "frequency": "q6h"},
        {"drug": "tapentadol", "route": "oral", "form": "IR", "frequency": "q6h"},
        {"drug": "morphine", "route": "rectal", "frequency": "q4h"},
        {"drug": "morphine", "route": "oral", "form": "ER", "frequency": "q12h"},
        {"drug": "oxycodone", "route": "oral", "form": "ER", "frequency": "q12h"},
        {"drug": "hydromorphone", "route": "oral", "form": "ER", "frequency": "q24h"},
    ]
)
TABLE = st.sampled_from(["uk-palliative", "fpm-2021", "jspm-2010"])
MARKET = st.sampled_from([None, "UK", "US", "AU", "JP"])


@GENERATED
@given(DOSES, TARGET, TABLE, MARKET)
@example("30 mg", {"drug": "codeine", "route": "oral", "frequency": "q6h"}, "uk-palliative", None)
def test_a_no_dose_danger_cites_the_rule_that_is_its_reason(
    dose: str, to: dict[str, Any], table: str, market: str | None
) -> None:
    current = {"drug": "morphine", "route": "oral", "form": "MR", "dose": dose, "frequency": "q12h"}
    request: dict[str, Any] = {"from": {"items": [current]}, "to": to, "table": table}
    request |= {"market": market} if market else {}
    try:
        plan = plan_rotation(request, tables=TABLES)
    except MpsPainError as refusal:
        discard(refusal)
    for warning in (w for w in plan.warnings if w.code == "no-dose-in-form"):
        gap = says_not_held(warning.message)
        event("catalogue gap" if gap else "another no-dose reason")
        context = (request, warning)
        if gap:
            assert warning.source == GAP and NEVER_ABOVE not in warning.source, context
        else:
            assert warning.source != GAP, context
