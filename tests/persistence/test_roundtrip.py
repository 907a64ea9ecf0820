"""Export → import → export loses nothing (property test on generated patients)."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mps_pain.persistence.records import EVENT_KINDS, PatientRecordDocument
from mps_pain.services.patient_service import PatientService

_ids = itertools.count()
_LETTERS = ("Cs", "Cc", "Cf", "Co", "Cn", "Zl", "Zp")  # categories a text never holds
_ANY = st.characters(blacklist_categories=_LETTERS)
# Of those characters, ``str.strip`` removes exactly the ones of category Zs, so a stripped,
# non-empty text of at most 40 is one such character, or any 0 to 38 between two of them: built
# so, where any text filtered to stripped ones retried a third of its draws (review: issue #11).
_ENDS = st.characters(blacklist_categories=(*_LETTERS, "Zs"))
TEXT = _ENDS | st.builds(
    lambda a, middle, b: a + middle + b, _ENDS, st.text(_ANY, max_size=38), _ENDS
)
# an id holds no space but the plain one (fuzz re-check 18d, D5: 'abc<NBSP>-1' printed as 'abc -1')
ID_TEXT = _ENDS | st.builds(
    lambda a, middle, b: a + middle + b,
    _ENDS,
    st.text(_ENDS | st.just(" "), max_size=38),
    _ENDS,
)
TIMES = st.datetimes(
    min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
)
AMOUNT = st.floats(min_value=5, max_value=200, allow_nan=False, allow_infinity=False).map(
    lambda x: round(x, 3)
)


_DRUGS = st.sampled_from(["morphine", "oxycodone", "hydromorphone", "tramadol"])
_SHAPES = st.sampled_from(["total", "scheduled", "prn", "continuous"])
_FREQUENCIES = st.sampled_from(["q4h", "q12h", "bid", "daily"])
_INFUSED = st.sampled_from(["morphine", "oxycodone", "hydromorphone"])
_KINDS = st.sampled_from(EVENT_KINDS)


@st.composite
def items(draw: st.DrawFn) -> dict[str, Any]:
    drug = draw(_DRUGS)
    shape = draw(_SHAPES)
    item: dict[str, Any] = {"drug": drug, "route": "oral"}
    if shape == "total":
        item["daily_dose"] = f"{draw(AMOUNT)} mg/day"
    elif shape == "scheduled":
        item["dose"] = f"{draw(AMOUNT)} mg"
        item["frequency"] = draw(_FREQUENCIES)
    elif shape == "prn":
        item.update(prn=True, dose=f"{draw(AMOUNT)} mg", doses_per_day=draw(st.integers(0, 8)))
    else:  # a route the drug has (import reads each regimen as mme does: fuzz review 7)
        drug = draw(_INFUSED)
        item.update(drug=drug, route="sc", rate=f"{draw(AMOUNT) / 100:g} mg/h")
    if draw(st.booleans()):
        item["note"] = draw(TEXT)
    return item


@st.composite
def events(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(_KINDS)
    start = draw(TIMES)
    return {
        "kind": kind,
        "occurred_at": start,
        "title": draw(TEXT),
        "nrs": draw(st.integers(0, 10)) if kind == "nrs" else None,
        "ends_at": start if draw(st.booleans()) else None,
        "detail": draw(MAYBE_TEXT),
        "created_at": draw(TIMES),
        "created_by": draw(TEXT),
    }


# Built once (a strategy written inside the composite is a new one, validated afresh, on every
# draw): the same strategies as before, so the same documents.
JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-1000, 1000), TEXT),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=6,
)
VERSIONS = st.lists(
    st.builds(
        lambda t, r, i, c, u: {
            "effective_from": t,
            "reason": r,
            "regimen": {"items": i},
            "created_at": c,
            "created_by": u,
        },
        TIMES,
        TEXT,
        st.lists(items(), max_size=3),
        TIMES,
        TEXT,
    ),
    max_size=4,
)
EVENTS = st.lists(events(), max_size=4)
PLANS = st.lists(
    st.builds(
        lambda k, t, i, o, c: {
            "kind": k,
            "title": t,
            "inputs": i,
            "outputs": o,
            "table_id": "uk-palliative",
            "table_version": "2026.11.0",
            "table_sha256": "a" * 64,
            "app_version": "0.1.0",
            "created_at": c,
            "created_by": "dr",
        },
        st.sampled_from(["plan", "check"]),
        TEXT,
        st.dictionaries(TEXT, JSON_VALUES, max_size=3),
        st.dictionaries(TEXT, JSON_VALUES, max_size=3),
        TIMES,
    ),
    max_size=3,
)
MAYBE_TEXT = st.one_of(st.none(), TEXT)
SEXES = st.sampled_from([None, "female", "male", "other", "unknown"])
BIRTH_YEARS = st.one_of(st.none(), st.integers(1900, 2030))
AGES = st.one_of(st.none(), st.integers(0, 120))
TOLERANT = st.one_of(st.none(), st.booleans())
EGFR = st.one_of(st.none(), st.just("45 mL/min"))
TIME_BASES = st.sampled_from(["calendar", "relative-days"])


@st.composite
def documents(draw: st.DrawFn) -> PatientRecordDocument:
    return PatientRecordDocument.model_validate(
        {
            "exported_at": draw(TIMES),
            "app_version": "0.1.0",
            "patient": {
                "identifier": f"gen-{next(_ids)}-{draw(ID_TEXT)}"[:200],
                "display_name": draw(MAYBE_TEXT),
                "sex": draw(SEXES),
                "birth_year": draw(BIRTH_YEARS),
                "context": {
                    "age": draw(AGES),
                    "opioid_tolerant": draw(TOLERANT),
                    "egfr": draw(EGFR),
                },
                "note": draw(MAYBE_TEXT),
                "time_basis": draw(TIME_BASES),
            },
            "regimen_versions": sorted(draw(VERSIONS), key=lambda v: v["effective_from"]),
            "events": sorted(draw(EVENTS), key=lambda e: e["occurred_at"]),
            "plans": sorted(draw(PLANS), key=lambda p: p["created_at"]),
            "audit": [],
        }
    )


# One database (the function-scoped `service`) for all examples, safely: each example's two
# patients are named by a count no other example draws ('gen-N-…' and its '-copy'), and it
# reads back only those two (docs/architecture.md, Tests).
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(document=documents())
def test_export_import_round_trip_loses_nothing(
    service: PatientService, document: PatientRecordDocument
) -> None:
    identifier = document.patient.identifier
    service.import_patient(document)
    again = service.export_patient(identifier)
    keep = {"exported_at", "app_version", "audit"}
    assert again.model_dump(exclude=keep) == document.model_dump(exclude=keep)
    assert [e.action for e in again.audit] == ["import"]
    # and a second trip through JSON text gives the same document again
    copy = f"{identifier}-copy"[:200]
    service.import_patient(again.model_dump_json(), as_identifier=copy)
    third = service.export_patient(copy)
    assert third.regimen_versions == again.regimen_versions
    assert third.events == again.events and third.plans == again.plans
    # the first export's trail comes back as imported history, apart from this import's entry
    *imported, local = third.audit
    assert [e.origin for e in imported] == ["imported"] * len(again.audit)
    assert local.origin == "local" and local.action == "import"
    assert [e.model_copy(update={"origin": "local", "source": None}) for e in imported] == (
        again.audit
    )
