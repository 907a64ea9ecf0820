"""Step 7: the transition schedule with times, from the sourced practice for each case.

To a patch (overlap with the previous opioid or infusion: ``schedule_to_patch``), from a patch
(remove, then start the new opioid after the depot has fallen), infusion changes, oral ↔
infusion, and the breakthrough step; the methadone schedules (immediate stop-and-go, or the
table's three-step switch) are ``schedule_methadone``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from mps_pain.domain.normalise import DailyItem
from mps_pain.domain.results import Amount
from mps_pain.domain.rotation.depot_others import others_until_start
from mps_pain.domain.rotation.depot_start import RESCUE_FROM, share_start, start_hour
from mps_pain.domain.rotation.mixed import FirstPart
from mps_pain.domain.rotation.models import ScheduleEntry
from mps_pain.domain.rotation.patches import waits_for_depot
from mps_pain.domain.rotation.schedule_cover import gap_cover, patch_off
from mps_pain.domain.rotation.schedule_current import current_text, kept_regimen
from mps_pain.domain.rotation.schedule_to_patch import to_patch_schedule
from mps_pain.domain.rotation.shaped import HOURS_PER_DAY
from mps_pain.numbers import format_percent
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema_rotation import TransitionRules
from mps_pain.tables.schema_types import CitedText
from mps_pain.units import format_number, scale

__all__ = ["switch_schedule"]

_NEXT_DOSE_DUE = "when the next dose is due"


@dataclass(frozen=True)
class _New:
    """The new regimen as the schedule words it: its text, drug, route and whether it is an
    infusion (a continuous non-patch rate)."""

    text: str
    drug: str
    route: str
    infusion: bool

    def continues(self, daily: DailyItem) -> bool:
        """A current infusion of the new drug by the new route: it is kept or its rate changed."""
        return (
            daily.item.shape == "continuous"
            and daily.drug.id == self.drug
            and daily.item.route == self.route
        )

    def same_rate(self, regular: Sequence[DailyItem], rate: Amount) -> bool:
        """The current infusions' total rate is it (the new rate is its rounded 24-h amount ÷ 24
        h, exact: clinician review 11 #5)."""
        mg_per_h = sum(d.daily_mg_per_day for d in regular) / HOURS_PER_DAY
        return math.isclose(mg_per_h * scale("mg/h", rate.unit), rate.value, rel_tol=1e-9)


def switch_schedule(
    tables: TableIndex,
    rules: TransitionRules,
    items: Sequence[DailyItem],
    *,
    new_text: str,
    to_patch: bool,
    to_infusion: bool,
    breakthrough_text: str | None,
    breakthrough_none: str | None = None,
    breakthrough_advice: str | None = None,
    no_dose: str | None = None,
    first_part: FirstPart | None = None,
    target: tuple[str, str] = ("", ""),
    borrowed: str = "",
) -> list[ScheduleEntry]:
    """The timed steps of a switch. ``first_part``: the new regimen's share that replaces the
    regular non-patch opioids of a mixed regimen (a patch with others) when their next dose is
    due; the rest follows at the patch's sourced delay. ``target``: the new drug and route (an
    infusion of the same drug by the same route is continued or changed, never "stopped and
    given instead"; the words of an oral first dose only for an oral target). ``borrowed``
    follows the citation of each patch timing sourced for another patch drug
    (``borrowed_timing``)."""
    opioids = [d for d in items if d.is_opioid]
    from_patch = any(d.item.route == "transdermal" for d in opioids)
    current = current_text(items)
    if no_dose is not None:
        return [
            ScheduleEntry(
                when="now",
                action=f"Do not start {new_text.split(':')[0]}: {no_dose} Keep "
                f"{kept_regimen(any(not d.is_opioid for d in items))} "
                f"({current}) until another form or route is chosen.",
            )
        ]
    entries: list[ScheduleEntry] = []
    regular = [d for d in opioids if d.item.route != "transdermal" and not d.item.prn]
    new = _New(new_text, target[0], target[1], to_infusion)
    prn = [d for d in opioids if d.item.prn]  # what is given as needed until it starts (L4)
    until = f"Until the new opioid starts at {share_start(tables, rules)[0]} h"
    cover = gap_cover(until, ordered=bool(breakthrough_text), current_prn=prn,
                      agree_with="the prescriber")  # fmt: skip
    if not waits_for_depot(target[0] if to_patch else None):  # the one rule (review 19, M4)
        entries += to_patch_schedule(tables, rules, items, new_text, borrowed)
    elif from_patch and regular and first_part is not None:
        entries += _from_patch_staged(tables, rules, opioids, regular, new, first_part, borrowed)
    elif from_patch and regular:  # no dose of the new drug can be given for their part alone
        entries += _from_patch_keeping(tables, rules, opioids, regular, new, borrowed, cover)
    elif from_patch:  # the patches alone: an as-needed line is no patch to remove (review 17 #3)
        patches = current_text([d for d in opioids if d.item.route == "transdermal"])
        entries += _from_patch(tables, rules, patches, new_text, borrowed, cover)
    else:
        entries += _replace(tables, rules, regular, current, new)
    if breakthrough_text or breakthrough_none:
        row = _breakthrough(opioids, breakthrough_text, breakthrough_none, breakthrough_advice)
        entries.insert(_first_after_0_h(entries), row)
    return entries


def _first_after_0_h(entries: Sequence[ScheduleEntry]) -> int:
    """Where the breakthrough row ("from 0 h") stands in time order: after the rows from 0 h
    and before the first one later (clinician review 17 #3: it came after "17 h: Start …", so
    the rescue for the gap after a patch's removal was unclear)."""
    later = (i for i, entry in enumerate(entries) if start_hour(entry.when) > 0)
    return next(later, len(entries))


def _breakthrough(
    opioids: Sequence[DailyItem], text: str | None, none_why: str | None, advice: str | None
) -> ScheduleEntry:
    """The new as-needed dose; the current as-needed opioid lines stop, named, never left
    implicitly running beside it. No new dose (``none_why``): the plan's own advice
    (``withheld_advice``: the note's, re-check 18b L1), and the current as-needed lines stay the
    cover until a breakthrough dose is chosen, then stop (never a patient left without cover)."""
    prn = current_text([d for d in opioids if d.item.prn])
    if text is None:
        lead = f" {advice}" if advice is not None else ""
        if prn:
            until = (
                "then"
                if advice is not None
                else "the prescriber chooses a breakthrough dose for the new regimen"
            )
            keep = f"{lead} Keep the current as-needed {prn} as breakthrough cover until {until}, "
            keep += "then stop it."
        else:
            keep = lead or " Choose one with the prescriber."
        return ScheduleEntry(when=RESCUE_FROM, action=f"No breakthrough dose: {none_why}.{keep}")
    stop = f" Stop the current as-needed {prn}; it is replaced." if prn else ""
    return ScheduleEntry(when=RESCUE_FROM, action=f"Breakthrough: {text}.{stop}")


def _from_patch(
    tables: TableIndex,
    rules: TransitionRules,
    current: str,
    new_text: str,
    borrowed: str,
    cover: str,
) -> list[ScheduleEntry]:
    start, cite = share_start(tables, rules)
    return [
        ScheduleEntry(when="0 h", action=patch_off(current, cover)),
        ScheduleEntry(when=f"{start} h", action=f"Start {new_text}. [{cite}]{borrowed}"),
    ]


def _from_patch_staged(
    tables: TableIndex,
    rules: TransitionRules,
    opioids: Sequence[DailyItem],
    regular: Sequence[DailyItem],
    new: _New,
    first: FirstPart,
    borrowed: str,
) -> list[ScheduleEntry]:
    """A patch with regular oral or parenteral opioids: each is stopped on its own terms. The
    others' share starts when their next dose is due (as for them alone); the patch's share
    starts at the sourced delay after removal. Never a gap without regular cover."""
    patches = current_text([d for d in opioids if d.item.route == "transdermal"])
    start, cite = share_start(tables, rules)
    infusions_only = all(d.item.shape == "continuous" for d in regular)
    when = "0 h" if infusions_only else f"0 h, {_NEXT_DOSE_DUE}"
    why = f"{first.text} ({_own_terms(first)})"
    share = "the patch's share starts now that the skin depot has fallen"
    full = (
        f"set the infusion to the full dose: {new.text} ({share})"
        if new.infusion
        else f"give the full dose: {new.text} ({share}; the next regular dose is the full dose)"
    )
    return [
        ScheduleEntry(
            when=when,
            action=f"Remove the patch(es) ({patches}) and, at the same time, "
            f"{_replace_regular(tables, rules, regular, new, why, first.staged.regimen.rate)}",
        ),
        ScheduleEntry(
            when=f"{start} h",
            action=f"From {start} h on, {full}. [{cite}]{borrowed}",
        ),
    ]


def _replace_regular(
    tables: TableIndex,
    rules: TransitionRules,
    regular: Sequence[DailyItem],
    new: _New,
    what: str,
    rate: Amount | None,
) -> str:
    """The regular lines replaced by ``what``: an infusion of the target drug and route is kept
    or its rate changed; another infusion stops as the new one starts; a dose is replaced when
    the next is due; an infusion stops at a non-infusion target's first dose."""
    others = current_text(regular)
    kept = [d for d in regular if new.continues(d)]
    if new.infusion and kept:
        stopped = [d for d in regular if not new.continues(d)]
        stop = f"stop {current_text(stopped)}; " if stopped else ""
        due = (
            f" {_cited(tables, rules.next_dose_due)}"
            if any(d.item.shape != "continuous" for d in stopped)
            else ""
        )
        if not stopped and rate is not None and new.same_rate(kept, rate):
            return f"keep the infusion of {others} running unchanged: it is {what}."
        return f"{stop}change the rate of the infusion of {current_text(kept)}: give {what}.{due}"
    if new.infusion and all(d.item.shape == "continuous" for d in regular):
        return f"stop {others} and start {what} at the same time."
    stops_infusion = not new.infusion and any(d.item.shape == "continuous" for d in regular)
    when = (
        _stop_infusion(tables, rules, new)
        if stops_infusion
        else _cited(tables, rules.next_dose_due)
    )
    return f"stop {others}; give instead {what}. {when}"


def _stop_infusion(tables: TableIndex, rules: TransitionRules, new: _New) -> str:
    """An infusion stopping for a dose: the cited oral rule, or its practice for another route."""
    if new.route == "oral":
        return _cited(tables, rules.infusion_to_oral)
    return (
        "Stop the infusion when the first dose of the new regimen is given; keep breakthrough "
        f"doses available. [{tables.cite(rules.infusion_to_oral.citation)}]"
    )


def _from_patch_keeping(
    tables: TableIndex,
    rules: TransitionRules,
    opioids: Sequence[DailyItem],
    regular: Sequence[DailyItem],
    new: _New,
    borrowed: str,
    cover: str,
) -> list[ScheduleEntry]:
    """A patch with regular opioids whose own part cannot be given in the new form: they are kept
    as prescribed until the full dose starts, never stopped with only breakthrough cover
    (``cover``: what is given as needed until then, ``gap_cover``)."""
    patches = current_text([d for d in opioids if d.item.route == "transdermal"])
    others = current_text(regular)
    start, cite = share_start(tables, rules)
    later = (
        f"Change the rate of the infusion of {others} to the full dose: {new.text}."
        if new.infusion and all(new.continues(d) for d in regular)
        else f"Stop {others} and start the full dose: {new.text}."
    )
    return [
        ScheduleEntry(
            when="0 h",
            action=f"Remove the patch(es) ({patches}). "
            f"{others_until_start('keep', others, capital=True)} (no dose of the new opioid can "
            f"be given for their part alone). {cover}",
        ),
        ScheduleEntry(
            when=f"{start} h",
            action=f"{later} [{cite}]{borrowed}",
        ),
    ]


def _own_terms(first: FirstPart) -> str:
    """Why the first part is what it is: the regular lines' own equivalent and reduction."""
    staged = first.staged
    share = format_percent(first.share)
    of = f"{share} of the {first.label} as this switch values it"  # its valuation: step 2's
    # the share of the regular doses alone, said so (clinician re-check 19b, R11: beside the
    # guidance's share of the same drug with its as-needed doses, the two read as one)
    own = f"their own equivalent (regular doses only), {of}"
    if staged.capped:
        return f"{own}, is not less than the full dose"
    reduction = format_percent(staged.reduction)
    said = f"{own}, at their own reduction of {reduction}"
    given, equivalent = staged.daily_dose, staged.equianalgesic_daily_dose
    below = 1 - given.value / equivalent.value if equivalent.value > 0 else 0.0
    if format_percent(below) == reduction:
        return said
    # the rounding policy moved the amount off the reduced equivalent: say what is given
    # (session 15's open counterexample: "3.9%" printed beside an amount 12.3% below)
    amount = f"{format_number(given.value)} {given.unit}"
    side = "below" if below >= 0 else "above"
    return f"{said}; {amount} as rounded, {format_percent(abs(below))} {side} that equivalent"


def _replace(
    tables: TableIndex,
    rules: TransitionRules,
    regular: Sequence[DailyItem],
    current: str,
    new: _New,
) -> list[ScheduleEntry]:
    """No patch on either side: infusion ↔ infusion, oral → infusion, infusion → oral, oral, and
    regular doses beside an infusion (``_doses_beside_infusion``)."""
    new_text = new.text
    infusions = [d for d in regular if d.item.shape == "continuous"]
    if infusions and len(infusions) < len(regular):
        return [_doses_beside_infusion(tables, rules, regular, new)]
    if new.infusion and infusions:
        return [
            ScheduleEntry(
                when="0 h",
                action=f"Stop the current infusion ({current}) and start {new_text} at the "
                "same time.",
            )
        ]
    if new.infusion:
        return [
            ScheduleEntry(
                when=_NEXT_DOSE_DUE,
                action=f"Stop {current}: instead of its next dose, start {new_text}. "
                f"{_cited(tables, rules.next_dose_due)}",
            )
        ]
    if infusions:
        return [
            ScheduleEntry(
                when="0 h",
                action=f"Give the first dose of {new_text}, then stop the infusion of {current}. "
                f"{_stop_infusion(tables, rules, new)}",
            )
        ]
    return [
        ScheduleEntry(
            when=_NEXT_DOSE_DUE,
            action=f"Stop {current}; give the first dose of {new_text} instead. "
            f"{_cited(tables, rules.next_dose_due)}",
        )
    ]


def _doses_beside_infusion(
    tables: TableIndex, rules: TransitionRules, regular: Sequence[DailyItem], new: _New
) -> ScheduleEntry:
    """Regular doses beside an infusion, no patch: both run as they are until the next dose is
    due; that dose is not given and the new regimen replaces them all then (fuzz review 10, #3:
    the oral line was left unnamed, so both modified-release drugs could be given at 0 h, or
    was called part of "the current infusion")."""
    doses = current_text([d for d in regular if d.item.shape != "continuous"])
    infusions = [d for d in regular if d.item.shape == "continuous"]
    kept = [d for d in infusions if new.continues(d)]
    stopped = [d for d in infusions if not new.continues(d)]
    if new.infusion and kept:
        also = f", and stop the infusion of {current_text(stopped)}" if stopped else ""
        switch = f"change the rate of the infusion of {current_text(kept)}: give {new.text}{also}."
    elif new.infusion:
        switch = f"stop the infusion of {current_text(infusions)} and start {new.text}."
    else:
        switch = f"give the first dose of {new.text}. {_stop_infusion(tables, rules, new)}"
    return ScheduleEntry(
        when=_NEXT_DOSE_DUE,
        action=f"Stop {doses}: instead of its next dose, {switch} Until then keep the infusion "
        f"of {current_text(infusions)} running as it is. {_cited(tables, rules.next_dose_due)}",
    )


def _cited(tables: TableIndex, rule: CitedText) -> str:
    return f"{rule.message} [{tables.cite(rule.citation)}]"
