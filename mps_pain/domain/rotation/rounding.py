"""Step 5: round a dose DOWN to what can be given: marketed strengths and their combinations.

Never above the target. Strengths come from the catalogue (``drugs[].forms[].strengths``) for one
market: the request's ``market``, else the market of the chosen reference set; when that market
lists no strength of the form (or none is known), one listed market's strengths are used — the
market listing the most strengths of the drug over its forms (then by name), the same for every
form it lists — and the choice says which (the plan then cautions to check the local formulary).
Never a union of markets: a dose made of a UK capsule and a JP tablet exists in no market
(pharmacist review 5, D10: "hydromorphone 2.3 mg (1.3 mg + 1 mg)" under AU). Combinations use the
fewest units that reach the largest total not above the target, with at most ``max_units`` units
per dose when given (solid oral forms); patches are not limited.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache, reduce

from mps_pain.domain.market_words import spoken_drug, spoken_form
from mps_pain.domain.results import ClinicalWarning
from mps_pain.domain.rotation.markets import MarketChoice, StrengthChoice, market_for, named_market
from mps_pain.domain.rotation.sold import unsold_row
from mps_pain.tables.index import TableIndex
from mps_pain.tables.schema import Drug, Strengths
from mps_pain.tables.schema_rotation import RotationRules
from mps_pain.tables.schema_solution import OralSolutionStep
from mps_pain.units import Dimension, dimension_of, format_number, scale, tidy

__all__ = [
    "BELOW_ONE_STEP_WORDS",
    "LiquidStep",
    "MarketChoice",
    "Rounded",
    "StrengthChoice",
    "below_one_step",
    "combination",
    "fallback_choices",
    "fallback_markets",
    "floor_significant",
    "form_market_warning",
    "grid_steps",
    "liquid_form",
    "liquid_step",
    "liquid_step_mg",
    "loss_percent",
    "market_fallback_warning",
    "market_for",
    "one_market_fallback",
    "round_down",
    "strengths_for",
]

_SCALE = 1000  # strengths are stored with at most three decimals
DISPLAY_FIGURES = 3


@dataclass(frozen=True)
class Rounded:
    total: float
    units: tuple[float, ...]

    def text_with(self, unit: str) -> str:
        """``40 mg + 5 mg``."""
        return " + ".join(f"{format_number(u)} {unit}" for u in self.units)


def liquid_form(drug: Drug) -> str | None:
    """A form of the drug with concentrations among its strengths (an oral solution measured
    by volume). A market may list the same form as unit doses too (JP oxycodone sachets, mg):
    those stay dose units of that market (``strengths_for``), the concentrations are measured."""
    for form in drug.forms:
        concentrations = any(
            dimension_of(s.unit) is Dimension.CONCENTRATION for s in form.strengths
        )
        if "oral" in form.routes and concentrations:
            return form.id
    return None


@dataclass(frozen=True, slots=True)
class LiquidStep:
    """The smallest measurable amount of an oral solution, and the citation of its volume step."""

    mg: float
    citation: str
    ml: float = 0.0  # the volume step the ``mg`` is measured in
    large_ml: float | None = None  # the most of this solution one dose is measured in
    large_citation: str = ""


def liquid_step(tables: TableIndex, drug: Drug, step: OralSolutionStep) -> LiquidStep | None:
    """``step.ml`` × the drug's lowest oral-solution concentration in the catalogue (any market),
    in mg; None without an oral solution."""
    mg = liquid_step_mg(drug, step)
    if mg is None:
        return None
    large = step.large_volume
    return LiquidStep(
        mg, tables.cite(step.citation), step.ml, large.ml, tables.cite(large.citation)
    )


#: an amount too small to measure as oral solution, in the words of every step that says so
BELOW_ONE_STEP_WORDS = "below one measurable step of the oral solution"


def below_one_step(step: float, unit: str, ml: float) -> str:
    """``below one measurable step of the oral solution (1 mg = 0.5 mL)``."""
    return f"{BELOW_ONE_STEP_WORDS} ({format_number(step)} {unit} = {format_number(ml)} mL)"


def liquid_step_mg(drug: Drug, step: OralSolutionStep) -> float | None:
    """The oral solution's measurable step in mg (see ``liquid_step``); None without one."""
    form_id = liquid_form(drug)
    form = next((f for f in drug.forms if f.id == form_id), None)
    if form is None:
        return None
    per_ml = [
        v * scale(s.unit, "mg/mL")
        for s in form.strengths
        for v in s.values
        if dimension_of(s.unit) is Dimension.CONCENTRATION
    ]
    return tidy(step.ml * min(per_ml)) if per_ml else None


def strengths_for(
    tables: TableIndex, drug: Drug, form_id: str | None, market: str | MarketChoice | None
) -> StrengthChoice | None:
    """Mass or mass-rate strengths of a form (concentrations are not dose units)."""
    choice = market if isinstance(market, MarketChoice) else MarketChoice(market, "")
    form = next((f for f in drug.forms if f.id == form_id), None)
    if form is None:
        return None
    usable = [
        s for s in form.strengths if dimension_of(s.unit) in (Dimension.MASS, Dimension.MASS_RATE)
    ]
    if not usable:
        return None

    def cite(entry: Strengths) -> str:
        return tables.cite(entry.citation)

    if choice.market is not None:
        chosen = next((s for s in usable if s.market == choice.market), None)
        if chosen is None:
            chosen = next((s for s in usable if s.market == "international"), None)
        if chosen is not None:
            why = choice.why
            if chosen.market != choice.market:  # the list for every country
                why = f"{choice.market}, {choice.why}, has none of its own"
            return StrengthChoice(
                tuple(chosen.values), chosen.unit, chosen.market, cite(chosen), note=why
            )
    ranked = fallback_markets(drug)
    chosen = min(
        usable, key=lambda s: ranked.index(s.market) if s.market in ranked else len(ranked)
    )
    missing = (
        _not_listed(drug, form.id, choice.market) if choice.market is not None else "no market"
    )
    why = f" ({named_market(choice)})" if choice.why else ""
    return StrengthChoice(
        tuple(chosen.values),
        chosen.unit,
        chosen.market,
        cite(chosen),
        note=f"{missing}{why}: the strengths of one market, {chosen.market} (the market listing "
        f"the most strengths of {drug.id}), are used",
        fallback=True,
    )


def _not_listed(drug: Drug, form_id: str, market: str) -> str:
    """Why a market has no strengths of a form: not marketed there (its cited rows list every
    product of the drug there: ``sold.unsold_row``), else a gap in the catalogue."""
    product = f"{spoken_drug(drug.id)} {spoken_form(form_id)}"
    if unsold_row(drug, form_id, market) is not None:
        return f"no {product} is marketed in {market}"
    return f"no {market} strengths of {product} in the catalogue"


def fallback_choices(
    tables: TableIndex, drug: Drug, form_id: str | None, fallback: StrengthChoice
) -> list[StrengthChoice]:
    """Every listed market's strengths of the form, in ``fallback_markets`` order, for a plan
    whose own market lists none: the planner keeps the one whose rounding comes closest to the
    reduced target without exceeding it (pharmacist review 6, R2: e05's hydromorphone dose fell by
    a third with the market listing the most strengths, far less with another). Still one
    market per dose, named."""
    form = next((f for f in drug.forms if f.id == form_id), None)
    if form is None:
        return [fallback]
    ranked = fallback_markets(drug)
    missing = (fallback.note or "").split(": the strengths of one market")[0]
    return [
        StrengthChoice(
            tuple(s.values),
            s.unit,
            s.market,
            tables.cite(s.citation),
            note=f"{missing}: the strengths of one market, {s.market} (of the listed markets, the "
            "one whose strengths come closest to the reduced target without exceeding it), are "
            "used",
            fallback=True,
        )
        for s in sorted(
            form.strengths,
            key=lambda s: ranked.index(s.market) if s.market in ranked else len(ranked),
        )
        if dimension_of(s.unit) in (Dimension.MASS, Dimension.MASS_RATE)
    ]


def fallback_markets(drug: Drug) -> list[str]:
    """The markets listing dose strengths of ``drug``, the most strengths over all its forms
    first, then by name: the one market a plan falls back on when its own lists none."""
    counts: dict[str, int] = {}
    for form in drug.forms:
        for entry in form.strengths:
            if dimension_of(entry.unit) in (Dimension.MASS, Dimension.MASS_RATE):
                counts[entry.market] = counts.get(entry.market, 0) + len(entry.values)
    return sorted(counts, key=lambda market: (-counts[market], market))


@lru_cache(maxsize=8192)
def combination(
    target: float, strengths: tuple[float, ...], max_units: int | None = None
) -> Rounded:
    """The largest sum of units (repeats allowed, at most ``max_units``) not above ``target``,
    with the fewest units.

    Remembered (the last 8,192 by arguments; ``combination.__wrapped__`` is the computation): a
    pure function of plain values whose answer is frozen, asked for the same target by the
    plan, its spread, each methadone method and ``Grid.ceil``'s walk up the grid. Equal
    arguments give an equal answer (an int target and its float give the same sums)."""
    if target <= 0 or not strengths:
        return Rounded(0.0, ())
    step, sizes = grid_steps(strengths)
    limit = math.floor(target * _SCALE / step + 1e-9)
    if limit < sizes[0]:
        return Rounded(0.0, ())
    count, last = _fewest_units(sizes, limit)
    allowed = math.inf if max_units is None else max_units + 1
    best = next(n for n in range(limit, -1, -1) if count[n] < allowed)
    units: list[float] = []
    n = best
    while n > 0:
        units.append(tidy(last[n] * step / _SCALE))
        n -= last[n]
    return Rounded(tidy(best * step / _SCALE), tuple(sorted(units, reverse=True)))


@lru_cache(maxsize=1024)
def grid_steps(strengths: tuple[float, ...]) -> tuple[int, tuple[int, ...]]:
    """The strengths in thousandths: their greatest common step, and each as a count of it
    (sorted, without repeats). Remembered per tuple of strengths (a table gives a few dozen)."""
    ints = [round(s * _SCALE) for s in strengths]
    step = reduce(math.gcd, ints)
    return step, tuple(sorted({i // step for i in ints}))


_TABLE_CELLS = 100_000  # the longest table remembered per set of sizes
_TABLES_KEPT = 256  # sets of sizes remembered (a table's strengths give a few dozen)
_tables: dict[tuple[int, ...], tuple[list[float], list[int]]] = {}


def _fewest_units(sizes: tuple[int, ...], limit: int) -> tuple[list[float], list[int]]:
    """For each amount ``n`` up to at least ``limit`` (in steps): ``count[n]``, the fewest units
    of ``sizes`` that sum to it (inf: none do), and ``last[n]``, the size of one of them (the
    smallest size giving that fewest count). ``count[n]`` depends only on the amounts below it,
    so one table serves every target: it is remembered per set of sizes and lengthened when a
    larger target needs it (a new list each time, never changed in place once shared). Grid.ceil
    asks for several targets in a row, each of which filled a table of its own."""
    known = _tables.get(sizes)
    if known is not None and len(known[0]) > limit:
        return known
    start_count, start_last = known if known is not None else ([0.0], [0])
    length = max(limit + 1, 2 * len(start_count))
    if length > _TABLE_CELLS:
        length = limit + 1
    count, last = start_count.copy(), start_last.copy()
    for n in range(len(count), length):
        fewest, chosen = math.inf, 0
        for size in sizes:
            if size > n:
                break
            if count[n - size] + 1 < fewest:
                fewest, chosen = count[n - size] + 1, size
        count.append(fewest)
        last.append(chosen)
    if length <= _TABLE_CELLS and (known is not None or len(_tables) < _TABLES_KEPT):
        _tables[sizes] = (count, last)
    return count, last


def round_down(
    target: float, strengths: tuple[float, ...] | None, max_units: int | None = None
) -> Rounded:
    """Round down to a combination of strengths, or to 3 significant figures without strengths."""
    if strengths:
        return combination(target, strengths, max_units)
    value = floor_significant(target)
    return Rounded(value, (value,) if value > 0 else ())


def floor_significant(value: float, figures: int = DISPLAY_FIGURES) -> float:
    """Round DOWN to ``figures`` significant figures (never up)."""
    if value <= 0:
        return 0.0
    exponent = math.floor(math.log10(value)) - figures + 1
    factor = 10.0**exponent
    floored = math.floor(value / factor + 1e-9) * factor
    floored = round(floored, max(0, -exponent))
    return floored if floored <= value else value


def loss_percent(unrounded: float, rounded: float) -> float:
    if unrounded <= 0:
        return 0.0
    return tidy(max(0.0, (unrounded - rounded) / unrounded * 100))


MARKET_FALLBACK = "strengths-all-markets"


def market_fallback_warning(
    tables: TableIndex, rules: RotationRules, strengths: StrengthChoice
) -> ClinicalWarning:
    """Caution: the strengths are every market's, so check them against the local formulary."""
    fallback = rules.rounding.market_fallback
    return ClinicalWarning(
        code=MARKET_FALLBACK,
        severity="caution",
        message=f"{strengths.note}. {fallback.message}",
        source=tables.cite(fallback.citation),
    )


def form_market_warning(
    tables: TableIndex, rules: RotationRules, drug: Drug, form_id: str, market: MarketChoice
) -> ClinicalWarning | None:
    """Caution when a form (e.g. an oral solution) is not listed for the market in use."""
    form = next((f for f in drug.forms if f.id == form_id), None)
    if form is None or market.market is None:
        return None
    markets = sorted({s.market for s in form.strengths})
    if market.market in markets or "international" in markets:
        return None
    fallback = rules.rounding.market_fallback
    listed = ", ".join(markets) if markets else "no market"
    unsold = unsold_row(drug, form_id, market.market)
    if unsold is not None:  # not a gap in the catalogue: said plainly (review 19, M2)
        return ClinicalWarning(
            code=MARKET_FALLBACK,
            severity="caution",
            message=f"N{_not_listed(drug, form_id, market.market)[1:]} "
            f"({named_market(market)}; its label lists every {drug.id} product there): the "
            f"plan writes it in the strengths of another market ({listed}), by the rule for a "
            "market whose own strengths are not listed. Choose with the prescriber a "
            "breakthrough that is marketed there, or confirm how this one is obtained.",
            source=tables.cite(unsold.citation),
        )
    return ClinicalWarning(
        code=MARKET_FALLBACK,
        severity="caution",
        message=f"no {market.market} {form.id.replace('_', ' ')} of {drug.id} in the catalogue "
        f"(listed for {listed}; {named_market(market)}). {fallback.message}",
        source=tables.cite(fallback.citation),
    )


def one_market_fallback(
    rules: RotationRules, warnings: list[ClinicalWarning]
) -> list[ClinicalWarning]:
    """A plan's market fallbacks (the target's strengths, a measured solution, the breakthrough
    form) as one caution naming each, with the advice once, where the first stood (fuzz review
    5: the same caution twice in one plan)."""
    fallbacks = [w for w in warnings if w.code == MARKET_FALLBACK]
    if len(fallbacks) < 2:
        return warnings
    advice = f". {rules.rounding.market_fallback.message}"
    notes = dict.fromkeys(w.message.removesuffix(advice) for w in fallbacks)
    merged = fallbacks[0].model_copy(update={"message": "; ".join(notes) + advice})
    first = warnings.index(fallbacks[0])
    return [
        merged if i == first else w
        for i, w in enumerate(warnings)
        if w.code != MARKET_FALLBACK or i == first
    ]
