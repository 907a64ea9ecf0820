"""Set ids said by their sets' names in the planner's steps, warnings and spread (review 3:
"jspm-2010 … fpm-2021" were read in the app)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from mps_pain.presentation.wording import plain_sections, plain_source

if TYPE_CHECKING:  # the first MME says its sets by name without loading the rotation domain
    from mps_pain.domain.rotation.models import RotationPlan
    from mps_pain.tables.index import TableIndex

__all__ = ["named", "named_note", "names_of", "said_plainly", "set_names", "table_names"]


def table_names(tables: TableIndex | None) -> dict[str, str]:
    """Every set of ``tables``, id → name: what a check is said with, by the CLI, the PDF and
    the app alike (session 17: only the app named the sets of a check's reasons)."""
    return {} if tables is None else {set_id: s.name for set_id, s in tables.sets.items()}


def names_of(plan: RotationPlan) -> dict[str, str]:
    """Every set the plan mentions (its own and its spread's), id → name."""
    return {row.table: row.name for row in plan.spread} | {plan.table.id: plan.table_name}


def set_names(text: str, names: dict[str, str]) -> str:
    """Each set id in ``text`` said by its set's name ("reference set 'jspm-2010'" → "JSPM 2010
    …"; review 3: "jspm-2010 … fpm-2021" were read in the app)."""
    return _set_names(text, tuple(sorted(names.items(), key=lambda item: -len(item[0]))))


@lru_cache(maxsize=4096)
def _set_names(text: str, names: tuple[tuple[str, str], ...]) -> str:
    """``set_names`` remembered: every step, warning and spread row of a plan is said again on
    each re-plan with the same sets (a pure function of its arguments); longest id first."""
    for set_id, name in names:
        said = lambda _match, name=name: name  # noqa: E731 - a name is never a pattern
        text = re.sub(rf"(?:reference set )?'{re.escape(set_id)}'", said, text)
        text = re.sub(rf"(?<![\w-]){re.escape(set_id)}(?![\w-])", said, text)
    return text


def named(plan: RotationPlan, text: str) -> str:
    """A step or message as a clinician reads it: every set by its name, not its id."""
    return set_names(plain_source(text) or "", names_of(plan))


def named_note(plan: RotationPlan) -> str | None:
    """The rescue's working as step 6 says it (review 15: the app's planner and the JSON showed
    "fpm-2021 row factors[2]" where the step said "ANZCA FPM oMEDD table 2021 row 3")."""
    note = None if plan.breakthrough is None else plan.breakthrough.note
    return None if note is None else named(plan, note)


def said_plainly(text: str, tables: TableIndex | None) -> str:
    """A refusal as a clinician reads it: every set of ``tables`` by its name and no section of
    our source review (``plain_sections``), the one rule the command line's refusals and the
    app's share (clinician re-check 18b #5: "reference set 'uk-palliative' … cdc-2022,
    cdc-2016" and "clinical-sources §1 A5" were printed)."""
    return set_names(plain_sections(text), table_names(tables))
