"""Clinician review 20, N8: a bare "25" on a patch row was read as 25 mcg/h by the app and
refused by the command line ("'25' has no unit"). One rule, in the core, for both: a patch's rate
is written in one unit only, mcg/h, as every patch's label writes it, so a number alone there is
not unclear and is read in that unit, as a QTc "520" is read in ms; an infusion's bare rate
(per hour or per 24 hours, 24-fold apart) stays refused (``mps_pain.domain.bare_rate``)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mps_pain.domain.regimen import RegimenItem
from mps_pain.tables.loader import get_tables
from tests.cli_runner import cli_json, run_document

TABLES = get_tables()
PATCH_DRUGS = sorted(
    d.id for d in TABLES.drugs.values() if any("transdermal" in f.routes for f in d.forms)
)


def _patch(drug: str, rate: object) -> dict[str, object]:
    return {"drug": drug, "route": "transdermal", "form": "patch", "rate": rate}


@settings(max_examples=40, deadline=None)
@given(
    drug=st.sampled_from(PATCH_DRUGS),
    number=st.sampled_from([5, 10, 12, 12.5, 20, 25, 37.5, 50, 75, 100]),
    written=st.sampled_from([str, lambda n: n, lambda n: f" {n} "]),
)
def test_a_bare_patch_rate_is_read_in_mcg_per_hour(drug: str, number: float, written) -> None:  # type: ignore[no-untyped-def]
    bare = RegimenItem.model_validate(_patch(drug, written(number)))
    with_unit = RegimenItem.model_validate(_patch(drug, f"{number} mcg/h"))
    assert bare.rate == with_unit.rate


def test_the_command_line_reads_the_reviewers_25_as_the_app_does() -> None:
    bare = cli_json("mme", {"items": [_patch("fentanyl", "25")]}, "--table", "uk-palliative")
    written = cli_json(
        "mme", {"items": [_patch("fentanyl", "25 mcg/h")]}, "--table", "uk-palliative"
    )
    assert bare["total_mme_per_day"] == written["total_mme_per_day"]


def test_an_infusion_bare_rate_stays_refused() -> None:
    item = {"drug": "fentanyl", "route": "sc", "rate": "25"}
    done = run_document("mme", {"items": [item]}, "--table", "uk-palliative")
    assert done.returncode != 0 and "has no unit" in done.stderr, done.stderr
