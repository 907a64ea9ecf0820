"""The market whose strengths a plan uses, and why (moved out of ``rounding.py``): the request's
market, else the set's; said once beside the strengths (clinician review 15 #14: "(UK; UK, the
country of the set UK palliative care ratios …)" read as the program's own table wording)."""

from __future__ import annotations

from dataclasses import dataclass

from mps_pain.tables.schema import ReferenceSet

__all__ = ["MarketChoice", "StrengthChoice", "market_for", "named_market"]


@dataclass(frozen=True)
class MarketChoice:
    """The market whose strengths are used, and why."""

    market: str | None
    why: str


@dataclass(frozen=True)
class StrengthChoice:
    values: tuple[float, ...]
    unit: str
    market: str
    source: str
    note: str | None = None
    fallback: bool = False

    @property
    def said(self) -> str:
        """The market and why, said once (clinician review 15 #14: "(UK; UK, the country of the
        set UK palliative care ratios …)"): "UK strengths, the country of this set"; another
        market's strengths, used for want of the plan's own, say both in their note."""
        if self.fallback and self.note:
            return self.note
        return f"{self.market} strengths" + (f", {self.note}" if self.note else "")


def market_for(requested: str | None, set_: ReferenceSet) -> MarketChoice:
    """The market whose strengths a plan uses, and why, in words said after the market's own
    name ("UK strengths, the country of this set"; the set is named in the plan's heading)."""
    if requested is not None:
        return MarketChoice(requested, "the country asked for")
    if set_.market is not None:
        return MarketChoice(set_.market, "the country of this set")
    return MarketChoice(None, "no country asked for, and this set names none")


def named_market(choice: MarketChoice) -> str:
    """The market and why, beside another market: "UK is the country of this set"."""
    return choice.why if choice.market is None else f"{choice.market} is {choice.why}"
