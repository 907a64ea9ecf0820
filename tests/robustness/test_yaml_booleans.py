"""Only ``true`` and ``false`` are booleans (outside fuzz review 3, "Low": YAML 1.1 booleans).

PyYAML reads ``yes``/``no``/``on``/``off`` (and their capitalised forms, ``True``, ``FALSE``) as
booleans, so ``prn: yes`` or ``opioid_tolerant: on`` silently became ``true``. The strict loader
refuses every boolean spelling but ``true``/``false`` naming the field, like the YAML 1.1 octal
and base-60 numbers; a boolean field refuses text such as ``"y"`` or ``"1"`` (JSON or YAML).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mps_pain.errors import DocumentFormatError
from mps_pain.strict_load import loads_yaml
from tests.robustness.cli import call

_YAML_11_BOOLEANS = ["yes", "no", "on", "off", "Yes", "NO", "On", "OFF", "True", "FALSE", "TRUE"]


@pytest.mark.parametrize("text", _YAML_11_BOOLEANS)
def test_a_yaml_11_boolean_is_refused_naming_the_field(text: str) -> None:
    with pytest.raises(DocumentFormatError) as caught:
        loads_yaml(f"patient:\n  opioid_tolerant: {text}\n")
    assert "patient.opioid_tolerant" in str(caught.value)
    assert caught.value.location is not None and "line 2" in str(caught.value.location)


@pytest.mark.parametrize(("text", "value"), [("true", True), ("false", False)])
def test_true_and_false_are_booleans(text: str, value: bool) -> None:
    assert loads_yaml(f"a: {text}\n") == {"a": value}


def test_a_quoted_yes_stays_text() -> None:
    assert loads_yaml('a: "yes"\n') == {"a": "yes"}


_PRN = """table: uk-palliative
items:
  - drug: morphine
    route: oral
    prn: {prn}
    dose: 5 mg
    doses_per_day: 2
"""

_TOLERANT = """table: uk-palliative
patient:
  opioid_tolerant: {flag}
items:
  - drug: morphine
    route: oral
    dose: 5 mg
    frequency: q4h
"""


@pytest.mark.parametrize("spelling", ["yes", "on", "y", "Y", "1", "'yes'"])
def test_mme_refuses_a_yaml_11_prn_naming_the_field(tmp_path: Path, spelling: str) -> None:
    path = tmp_path / "prn.yaml"
    path.write_text(_PRN.format(prn=spelling), encoding="utf-8")
    run = call(["mme", str(path)])
    assert run.returncode == 2, run.stdout
    assert "items[0].prn" in run.stderr and "Traceback" not in run.stderr


@pytest.mark.parametrize("spelling", ["on", "off", "yes", "no", "y", "n", "1", "0", "'on'"])
def test_mme_refuses_a_yaml_11_opioid_tolerant_naming_the_field(
    tmp_path: Path, spelling: str
) -> None:
    path = tmp_path / "tolerant.yaml"
    path.write_text(_TOLERANT.format(flag=spelling), encoding="utf-8")
    run = call(["mme", str(path)])
    assert run.returncode == 2, run.stdout
    assert "opioid_tolerant" in run.stderr and "Traceback" not in run.stderr


@pytest.mark.parametrize("spelling", ["true", "false"])
def test_mme_reads_true_and_false(tmp_path: Path, spelling: str) -> None:
    path = tmp_path / "tolerant.yaml"
    path.write_text(_TOLERANT.format(flag=spelling), encoding="utf-8")
    assert call(["mme", str(path)]).returncode == 0
