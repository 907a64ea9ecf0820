"""What a line keeps: its drug, route and form family (a dose change keeps these), and the
lines a checked proposal repeats identically beside a switch (pharmacist review 13, #1)."""

from __future__ import annotations

from collections.abc import Sequence

from mps_pain.domain.normalise import DailyItem
from mps_pain.tables.schema import Drug
from mps_pain.units import tidy

__all__ = [
    "STOPS_ONLY",
    "beyond_kept",
    "family",
    "line_key",
    "node",
    "stops_only",
    "unchanged_lines",
]

#: the words of a proposal that only stops lines (pharmacist re-check 13b, #7: "Switch: a
#: different opioid beside morphine" of morphine kept and oxycodone stopped)
STOPS_ONLY = (
    "Not a switch: lines stopped beside lines kept unchanged, no opioid started; judged as the "
    "kept lines taking over the stopped ones, as a switching plan consolidates a regimen"
)


def family(drug: Drug, route: str, form: str | None) -> str | None:
    """The form family of a line: its stated form, else the route's only catalogue form (a
    fentanyl transdermal line is a patch whether or not ``form: patch`` is written), else None.
    The classification never depends on an optional field whose value the catalogue implies."""
    if form is not None:
        return form
    only = [f.id for f in drug.forms if route in f.routes]
    return only[0] if len(only) == 1 else None


def line_key(daily: DailyItem) -> tuple[str, str, str | None]:
    """A line's drug, route and form family: what a dose change keeps (``is_dose_change``)."""
    return daily.drug.id, daily.item.route, family(daily.drug, daily.item.route, daily.form)


def node(daily: DailyItem) -> tuple[str, str]:
    """A line's drug and route: what "the same opioid" is for a dose change and for a share."""
    return daily.drug.id, daily.item.route


def _same(daily: DailyItem) -> tuple[object, ...]:
    """What a kept line keeps: drug, route, form family, as needed or not, and its amount."""
    item = daily.item.model_copy(update={"drug": daily.drug.id, "form": None, "note": None})
    return (line_key(daily), tidy(daily.daily_mg_per_day), item)


def unchanged_lines(lines: Sequence[DailyItem], proposal: Sequence[DailyItem]) -> frozenset[int]:
    """The indices of the current ``lines`` the check's proposal repeats identically (each
    proposal line matched once), none when every line is kept (a dose change) or there is no
    proposal (the planner's classification: nothing to match, so no line is copied to compare)."""
    if not proposal:
        return frozenset()
    left = [_same(d) for d in proposal]
    found = set()
    for daily in lines:
        key = _same(daily)
        if key in left:
            left.remove(key)
            found.add(daily.index)
    return frozenset(found) if len(found) < len(lines) else frozenset()


def stops_only(
    lines: Sequence[DailyItem], proposal: Sequence[DailyItem], unchanged: frozenset[int]
) -> bool:
    """The proposal repeats some current lines identically (``unchanged``) and nothing else:
    it only stops the other lines."""
    return bool(unchanged) and len(unchanged) == len([d for d in proposal if d.is_opioid])


def beyond_kept(
    lines: Sequence[DailyItem], proposal: Sequence[DailyItem], unchanged: frozenset[int]
) -> list[DailyItem]:
    """The ``proposal`` lines left once each current line kept identical (``unchanged``) has
    taken its own copy (each proposal line matched once, as ``unchanged_lines`` matches)."""
    left = list(proposal)
    for daily in lines:
        if daily.index not in unchanged:
            continue
        key = _same(daily)
        copy = next((d for d in left if _same(d) == key), None)
        if copy is not None:
            left.remove(copy)
    return left
