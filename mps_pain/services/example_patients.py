"""The five published MPS cases as example patients with their timelines.

Sources (cite them where the examples are shown):
- Takamatsu S, Murakami K, Takaya H, et al. Malignant psoas syndrome associated with
  gynecological malignancy: three case reports and a review of the literature.
  Mol Clin Oncol. 2018;9:82-86.
- Kodama K, Momozane T, Shigetsu K, et al. Malignant involvement of the iliopsoas muscle
  associated with non-small cell lung cancer: two case reports. Clin Case Rep. 2024;12:e8368.

The reports give the ORDER of the changes, not dates. These timelines are therefore
``relative-days`` timelines, and every day offset is illustrative (it only keeps the reported
order) unless the step says the report gives the interval (e.g. "4 months later"). Doses are as
reported; where a report says "up to" a dose, gives no frequency, or leaves the route ambiguous,
the record says so. A change the report gives without a dose (e.g. "switched to intravenous
fentanyl") is a note on the timeline, not a regimen version, because no dose may be invented.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from mps_pain import __version__
from mps_pain.persistence.models import utc_now
from mps_pain.persistence.records import PatientRecordDocument
from mps_pain.services.timeline import RELATIVE_DAY_ZERO

__all__ = ["EXAMPLE_IDS", "example_documents"]

TAKAMATSU = "Takamatsu S, et al. Mol Clin Oncol. 2018;9:82-86"
KODAMA = "Kodama K, et al. Clin Case Rep. 2024;12:e8368"
ILLUSTRATIVE = "Day offsets are illustrative: the report gives the order of the changes, not dates"
AUTHOR = "mps-pain example (published case)"


def _d(drug: str, daily: str, route: str = "oral", **extra: Any) -> dict[str, Any]:
    return {"drug": drug, "route": route, "daily_dose": daily, **extra}


def _rescue_oxycodone() -> dict[str, Any]:
    return {
        "drug": "oxycodone",
        "route": "oral",
        "form": "IR",
        "prn": True,
        "dose": "5 mg",
        "doses_per_day": 0,
        "note": "rescue dose as reported; doses taken per day not reported (counted as 0)",
    }


def _oxy_er(daily: str) -> dict[str, Any]:
    return _d("oxycodone", daily, form="ER", note="long-acting oxycodone, daily total as reported")


def _doc(
    identifier: str,
    name: str,
    sex: str,
    age: int,
    source: str,
    note: str,
    versions: list[tuple[int, str, list[dict[str, Any]]]],
    events: list[tuple[str, int, int | None, str, str | None]],
) -> PatientRecordDocument:
    now = utc_now()

    def day(n: int) -> str:
        return (RELATIVE_DAY_ZERO + timedelta(days=n)).isoformat()

    return PatientRecordDocument.model_validate(
        {
            "exported_at": now,
            "app_version": __version__,
            "patient": {
                "identifier": identifier,
                "display_name": name,
                "sex": sex,
                "context": {"age": age},
                "time_basis": "relative-days",
                "note": f"Published case: {source}. {note} {ILLUSTRATIVE}.",
            },
            "regimen_versions": [
                {
                    "effective_from": day(n),
                    "reason": reason,
                    "created_at": now,
                    "created_by": AUTHOR,
                    "regimen": {
                        "title": reason,
                        "note": f"As reported in {source}.",
                        "items": items,
                    },
                }
                for n, reason, items in versions
            ],
            "events": [
                {
                    "kind": kind,
                    "occurred_at": day(start),
                    "ends_at": None if end is None else day(end),
                    "title": title,
                    "detail": detail,
                    "created_at": now,
                    "created_by": AUTHOR,
                }
                for kind, start, end, title, detail in events
            ],
        }
    )


def _takamatsu_1() -> PatientRecordDocument:
    return _doc(
        "takamatsu-2018-case-1",
        "Takamatsu 2018 case 1",
        "female",
        31,
        TAKAMATSU,
        "31-year-old woman, recurrent cervical cancer, left psoas invasion.",
        [
            (
                0,
                "Outpatient regimen; pain poorly controlled",
                [_d("tramadol", "200 mg/day"), _d("loxoprofen", "180 mg/day")],
            ),
            (
                14,
                "On admission: switched to oral long-acting oxycodone",
                [
                    _oxy_er("20 mg/day"),
                    _rescue_oxycodone(),
                    _d("naproxen", "300 mg/day"),
                    _d("acetaminophen", "4 g/day"),
                    _d("pregabalin", "75 mg/day"),
                ],
            ),
            (
                21,
                "Betamethasone added; oxycodone raised to 60 mg/day",
                [
                    _oxy_er("60 mg/day"),
                    _rescue_oxycodone(),
                    _d("naproxen", "300 mg/day"),
                    _d("acetaminophen", "4 g/day"),
                    _d("pregabalin", "75 mg/day"),
                    _d("betamethasone", "4 mg/day"),
                ],
            ),
        ],
        [
            ("note", 21, None, "Pain still uncontrolled, unpleasant sleepiness", None),
            (
                "radiotherapy",
                28,
                62,
                "IMRT 45 Gy in 25 fractions",
                "Span of 25 weekday fractions is illustrative; "
                "the report gives dose and fractions.",
            ),
            ("note", 62, None, "Pain gradually reduced; normal gait returned", None),
            (
                "note",
                182,
                None,
                "Pain relapsed, controlled with opioids",
                "The report: relapse 4 months later (placed 4 months after the end of IMRT).",
            ),
        ],
    )


def _takamatsu_2() -> PatientRecordDocument:
    return _doc(
        "takamatsu-2018-case-2",
        "Takamatsu 2018 case 2",
        "female",
        63,
        TAKAMATSU,
        "63-year-old woman, recurrent endometrial serous carcinoma, right psoas invasion.",
        [
            (
                0,
                "Initial regimen",
                [
                    _oxy_er("10 mg/day"),
                    _d("loxoprofen", "180 mg/day"),
                    _d("acetaminophen", "3 g/day"),
                ],
            ),
            (
                14,
                "Oxycodone raised to 40 mg/day; adjuvants added",
                [
                    _oxy_er("40 mg/day"),
                    _d("loxoprofen", "180 mg/day"),
                    _d("acetaminophen", "3 g/day"),
                    _d("pregabalin", "50 mg/day"),
                    _d("olanzapine", "2.5 mg/day", note="2.5 mg at night"),
                    _d("betamethasone", "4 mg/day"),
                ],
            ),
            (42, "Pain improved markedly two weeks into EBRT; analgesics stopped", []),
        ],
        [
            ("note", 14, None, "No significant improvement", None),
            (
                "radiotherapy",
                28,
                50,
                "Palliative EBRT 40 Gy in 16 fractions",
                "Span of 16 weekday fractions is illustrative.",
            ),
        ],
    )


def _takamatsu_3() -> PatientRecordDocument:
    return _doc(
        "takamatsu-2018-case-3",
        "Takamatsu 2018 case 3",
        "female",
        50,
        TAKAMATSU,
        "50-year-old woman, stage IVB fallopian tube cancer, left psoas and quadratus "
        "lumborum lesions.",
        [
            (
                0,
                "Initial regimen",
                [
                    _oxy_er("20 mg/day"),
                    _rescue_oxycodone(),
                    _d("naproxen", "300 mg/day"),
                    _d("acetaminophen", "4 g/day"),
                ],
            ),
        ],
        [
            (
                "note",
                7,
                None,
                "Oxycodone requirement rose every day",
                "With nausea, vomiting, drowsiness and delirium. Doses not reported.",
            ),
            (
                "note",
                14,
                None,
                "Opioid switched to intravenous fentanyl: not effective",
                "Fentanyl dose not reported, so no regimen version is recorded for it.",
            ),
            (
                "chemotherapy",
                21,
                None,
                "Paclitaxel and carboplatin (in a trial)",
                "Symptoms resolved; alive with no evidence of disease.",
            ),
        ],
    )


def _kodama_1() -> PatientRecordDocument:
    return _doc(
        "kodama-2024-case-1",
        "Kodama 2024 case 1",
        "female",
        46,
        KODAMA,
        "46-year-old woman, ALK-positive lung adenocarcinoma, right psoas metastasis.",
        [
            (
                0,
                "High-dose analgesics plus oxycodone up to 100 mg/day",
                [
                    _d(
                        "oxycodone",
                        "100 mg/day",
                        note="'up to 100 mg/day' as reported (the maximum); route not stated "
                        "in the report, recorded as oral",
                    )
                ],
            ),
        ],
        [
            (
                "note",
                7,
                None,
                "Continuous IV oxycodone plus ketamine by infusion pump",
                "Mild pain control. Rates not reported, so no regimen version is recorded.",
            ),
            ("radiotherapy", 14, None, "EBRT to the psoas and thoracic lesions", None),
        ],
    )


def _kodama_2() -> PatientRecordDocument:
    return _doc(
        "kodama-2024-case-2",
        "Kodama 2024 case 2",
        "male",
        65,
        KODAMA,
        "65-year-old man, lung adenocarcinoma, right iliopsoas mass, ECOG PS 4.",
        [
            (
                0,
                "Analgesics and hydromorphone up to 4 mg/day",
                [
                    _d(
                        "hydromorphone",
                        "4 mg/day",
                        note="'up to 4 mg/day' as reported. ROUTE AMBIGUOUS: the report also "
                        "calls it 'continuous intravenous opioid administration'; recorded "
                        "as oral",
                    )
                ],
            ),
        ],
        [
            (
                "note",
                0,
                3,
                "Methylprednisolone pulse 1000 mg/day for 3 days",
                "Also tolvaptan 15 mg/day and furosemide 20 mg/day (not analgesics).",
            ),
            ("radiotherapy", 7, None, "EBRT 50 Gy in 25 fractions", None),
            (
                "chemotherapy",
                42,
                None,
                "Pembrolizumab",
                "Pain resolved completely; normal gait returned.",
            ),
        ],
    )


_BUILDERS = (_takamatsu_1, _takamatsu_2, _takamatsu_3, _kodama_1, _kodama_2)
EXAMPLE_IDS = (
    "takamatsu-2018-case-1",
    "takamatsu-2018-case-2",
    "takamatsu-2018-case-3",
    "kodama-2024-case-1",
    "kodama-2024-case-2",
)


def example_documents() -> list[PatientRecordDocument]:
    """The five cases as import documents (import them with ``PatientService.import_patient``)."""
    return [build() for build in _BUILDERS]
