"""A proposed line the chosen set has no factor for is not judged (pharmacist review 20, L4).

The planner refuses a switch to a drug and route its set has no row for (``planner_steps.
_ratio_step``; pharmacist review 12, #4), and ``mme`` refuses such a line. The check had judged a
same-drug route change by the cited route ratio whatever the set: under uk-palliative, which has
no rectal morphine factor, a rectal dose from an oral one read ABOVE by JSPM's ratio, while
``rotate`` and ``mme`` refused it, and its rescue row was refused without naming the set that
holds a factor. One rule for the three: every regular proposed opioid line needs the set's
factor for its drug and route (and form), else the check refuses at that line, naming the sets
that have one (``context.equianalgesic_only``). Methadone is judged by its methods, not a
factor. An as-needed line keeps the rescue rule's own refusal (``check_rescues``: its size
cannot be judged, a coverage gap such as buccal fentanyl), which names those sets too.
"""

from __future__ import annotations

from collections.abc import Sequence

from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.rotation.context import equianalgesic_only
from mps_pain.errors import NoConversionFactorError
from mps_pain.tables.index import TableIndex

__all__ = ["refuse_uncovered_lines"]


def refuse_uncovered_lines(
    tables: TableIndex, set_id: str, lines: Sequence[DailyItem], methadone: str, prefix: str
) -> None:
    """Refuse the first regular opioid line of ``lines`` (methadone aside) that ``set_id`` has no
    factor for, at its route, naming the equianalgesic sets that cover it."""
    for line in lines:
        if not line.is_opioid or line.drug_id == methadone or line.item.shape == "prn":
            continue
        if tables.covers(set_id, line.drug_id, line.route, line.form):
            continue
        try:  # the one refusal ``mme`` gives, with the sets that cover the line
            tables.find_factor(
                set_id,
                line.drug_id,
                line.route,
                line.form,
                line.daily_mg_per_day,
                location=f"{prefix}.{line.location}.route",
            )
        except NoConversionFactorError as exc:
            raise equianalgesic_only(tables, exc) from None
