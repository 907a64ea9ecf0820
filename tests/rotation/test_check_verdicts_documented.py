"""Every verdict the check can return is documented in docs/cli-rotate.md (outside fuzz review 3,
low finding: ``dose_change`` was returned but not listed)."""

from __future__ import annotations

from typing import get_args

from mps_pain.domain.rotation.check_result import CheckResult
from tests.cli_runner import REPO


def test_every_check_verdict_is_listed_in_the_contract() -> None:
    verdicts = get_args(CheckResult.model_fields["verdict"].annotation)
    assert "dose_change" in verdicts
    text = (REPO / "docs" / "cli-rotate.md").read_text(encoding="utf-8")
    contract = text.split("## Errors")[0]
    missing = [v for v in verdicts if f"`{v}`" not in contract]
    assert not missing, missing
    printed = [v.replace("_", " ").upper() for v in verdicts]
    assert all(p in contract for p in printed), printed


def test_the_avoid_flag_is_in_the_contract() -> None:
    """Outside pharmacist review (review3, finding 2): the AVOID headline and its JSON field."""
    assert "avoid" in CheckResult.model_fields
    contract = (REPO / "docs" / "cli-rotate.md").read_text(encoding="utf-8").split("## Errors")[0]
    assert "`avoid`" in contract and "Verdict: AVOID" in contract
