"""A number typed in text is written with the digits 0-9 (outside fuzz review 5, R4): full-width
`１０ mg` and Arabic-Indic `١٠ mg` were read as 10 mg, `every ４ h` as every 4 h and `１０%` as
10 %, silently. Each is refused naming the field and the digit typed (README, "Input")."""

from __future__ import annotations

import json

import pytest

from tests.cli_runner import run_cli

ITEM = {"drug": "oxycodone", "route": "oral", "form": "ER", "dose": "10 mg", "frequency": "q12h"}


def _mme(**changes: str) -> tuple[int, str]:
    document = {"table": "fpm-2021", "items": [ITEM | changes]}
    done = run_cli("mme", "-", stdin=json.dumps(document))
    return done.returncode, done.stderr


@pytest.mark.parametrize(
    ("field", "typed", "digit"),
    [
        ("dose", "１０ mg", "１"),
        ("dose", "١٠ mg", "١"),
        ("dose", "1٠ mg", "٠"),
        ("dose", "१० mg", "१"),
        ("frequency", "every ４ h", "４"),
        ("frequency", "every ١٢ h", "١"),
    ],
)
def test_a_digit_other_than_0_to_9_is_refused_naming_the_field(
    field: str, typed: str, digit: str
) -> None:
    code, stderr = _mme(**{field: typed})
    assert code == 2 and stderr.count("\n") == 1, stderr
    assert f"items[0].{field}" in stderr and f"'{digit}'" in stderr and "0-9" in stderr


def test_the_same_dose_in_ascii_digits_is_read() -> None:
    assert _mme(dose="10 mg", frequency="every 12 h")[0] == 0


def test_a_reduction_in_other_digits_is_refused() -> None:
    from mps_pain.domain.rotation.requests import parse_reduction

    with pytest.raises(ValueError, match="0-9"):
        parse_reduction("１０%")
    assert parse_reduction("10%") == pytest.approx(0.1)
