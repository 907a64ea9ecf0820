"""Patch products in the catalogue: each product's content-to-rate table and how long each
market's listed patch is worn (review 8 #2: a plan names the product and its interval, never
"change as labelled")."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

from pydantic import Field, model_validator

from mps_pain.fields import DoseAmount, MassRate
from mps_pain.tables.schema_types import Cited as _Cited
from mps_pain.tables.schema_types import Frozen as _Frozen
from mps_pain.tables.schema_types import PositiveNumber, Text
from mps_pain.tables.vocabulary import Market
from mps_pain.units import Dimension

__all__ = ["ChangeInterval", "ContentRate", "ProductContentTable", "check_change_intervals"]


class ChangeInterval(_Cited):
    """How long one market's listed patch is worn before it is changed, and the product."""

    market: Market
    product: Text = Field(description="The product whose strengths the market lists.")
    hours: PositiveNumber = Field(description="The patch is changed every so many hours.")


def check_change_intervals(
    routes: Sequence[str], markets: Sequence[str], intervals: Sequence[ChangeInterval]
) -> None:
    """A transdermal form with strengths says, for each market, when its patch is changed."""
    said = [i.market for i in intervals]
    if len(said) != len(set(said)):
        raise ValueError("a market's patch change interval is listed twice")
    if "transdermal" not in routes:
        if intervals:
            raise ValueError("change_intervals belong to a transdermal form")
        return
    missing = sorted(set(markets) - set(said))
    if missing:
        raise ValueError(f"no patch change interval for the market(s) {', '.join(missing)}")


class ContentRate(_Frozen):
    """One patch size of one product: its drug content and its labelled delivery rate."""

    content: DoseAmount = Field(description="Drug content of the patch, e.g. '2.75 mg'.")
    rate: MassRate = Field(description="Labelled delivery rate, e.g. '25 mcg/h'.")

    @model_validator(mode="after")
    def _content_is_a_mass(self) -> ContentRate:
        if self.content.dimension is not Dimension.MASS:
            raise ValueError("a patch content is a mass, e.g. '2.75 mg'")
        return self


class ProductContentTable(_Cited):
    """A patch product's own label table from content (mg) to delivery rate (mcg/h).

    Used only when a regimen item names this product: content is never a rate without the
    product's own table (each product has its own content per rate).
    """

    product: Text
    synonyms: list[Text] = []
    market: Market
    change_every_hours: PositiveNumber
    rows: Annotated[list[ContentRate], Field(min_length=1)]
