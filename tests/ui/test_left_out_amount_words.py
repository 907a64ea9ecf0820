"""Fuzz review 5, D4 (the app's words for a row left out as implausible): the sentence said
"far above any dose … most likely a unit slip" of every implausible amount, also of one BELOW
the floor written in mg (no slip suggested). The app now says the core's sentence, which names
the direction and guesses a slip only when the ratio suggests one."""

from __future__ import annotations

import pytest

from mps_pain.errors import ImplausibleAmountError
from mps_pain.services.mme_service import calculate_mme
from ui.plain_language import excluded_message


def _left_out(row: dict[str, str]) -> str:
    with pytest.raises(ImplausibleAmountError) as caught:
        calculate_mme({"table": "fpm-2021", "items": [row]})
    error = caught.value
    return excluded_message(
        error.code, row, set_name="FPM", core_message=error.message, location=error.location
    ).message


def test_an_amount_below_the_floor_is_not_called_far_above() -> None:
    message = _left_out({"drug": "methadone", "route": "oral", "daily_dose": "0.15 mg/day"})
    assert "far above" not in message and "unit slip" not in message
    assert message.startswith("Daily total: ") and "below 0.5 mg/day" in message


def test_a_slip_the_ratio_suggests_is_named() -> None:
    message = _left_out({"drug": "morphine", "route": "oral", "daily_dose": "60 g/day"})
    assert "g written for mg" in message
