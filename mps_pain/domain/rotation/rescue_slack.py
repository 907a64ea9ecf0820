"""The check's reason for a rescue read within its rule only by the slack of a regular rate
written per hour (``rescue_fit.written_rate_slack``, capped under the check's rounding tolerance
by ``rotation.rounding.rescue_rate_slack``): the planner rounds a rate down to a pump's step, so
the plan's own rescue beside the rate it prints can lie a little above the top that rate gives
(pharmacist re-check 20c, M-A). The reason says so, with the rule's citation, so a rescue above
the top is never read within without a word."""

from __future__ import annotations

from collections.abc import Sequence

from mps_pain.domain.rotation.rescue_fit import Judged, fits, mg_text, rule_range
from mps_pain.numbers import format_percent
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema_rotation import RotationRules

__all__ = ["slack_reasons"]

_REL = 1e-6


def slack_reasons(tables: TableIndex, rules: RotationRules, found: Sequence[Judged]) -> list[str]:
    """A reason for each judged rescue above its rule's top that the slack reads within."""
    cite = tables.cite(rules.rounding.rescue_rate_slack.citation)
    return [
        f"Row {j.line.index + 1}: the as-needed dose ({mg_text(j.dose_mg)}) is "
        f"{format_percent(j.dose_mg / high - 1)} over the breakthrough dose the regular rate "
        f"as written gives at most ({rule_range(high, high)}), by no more than one pump step "
        f"of that rate (here up to {format_percent(j.slack)}): a rate per hour is rounded down "
        f"to a pump's step, so the dose is read as within [{cite}]."
        for j in found
        if j.ceiling_mg is None  # one no source sizes is judged by its danger ceiling only
        and (high := _top(j)) is not None
        and j.dose_mg > high * (1 + _REL)
        and fits(j)
    ]


def _top(judged: Judged) -> float | None:
    return judged.rule.high.value if judged.rule.high is not None else None
