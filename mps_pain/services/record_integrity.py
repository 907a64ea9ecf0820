"""``patients verify``: the audit chain, every regimen version's fingerprint, every stored row's
content hash and every cached OME, checked in one reading transaction (see docs/records.md)."""

from __future__ import annotations

import math

from pydantic import BaseModel, ConfigDict

from mps_pain.errors import ALTERED_DOCUMENT
from mps_pain.persistence.audit_chain import AuditBreak, AuditLink, first_break
from mps_pain.persistence.content_hash import (
    ROW_KINDS,
    UNKNOWN_OWNER,
    ContentMismatch,
    content_mismatches,
)
from mps_pain.persistence.unit_of_work import (
    AlteredVersion,
    ForeignObject,
    OmeCache,
    RecordsRepository,
    UnitOfWork,
)
from mps_pain.services.timeline import compute_ome_cache
from mps_pain.tables.index import TableIndex

__all__ = [
    "AuditVerification",
    "RecordProblem",
    "problems_in",
    "record_problems",
    "verify_records",
]


class AuditVerification(BaseModel):
    """What ``patients verify`` found: rows checked, the first broken link, altered regimens."""

    model_config = ConfigDict(frozen=True)

    rows_checked: int
    first_break: AuditBreak | None
    altered: list[AlteredVersion]
    content: list[ContentMismatch] = []  # stored rows that differ from what the chain recorded
    head_hash: str | None = None  # the newest row's hash: record it elsewhere (docs/records.md)
    expected_head_problem: str | None = None  # --expect-head: the recorded head is not in the chain
    missing_protections: list[str] = []  # append-only triggers dropped outside mps-pain
    foreign_objects: list[ForeignObject] = []  # triggers, views, rules the migrations did not make

    @property
    def intact(self) -> bool:
        return (
            self.first_break is None
            and not self.altered
            and not self.content
            and self.expected_head_problem is None
            and not self.missing_protections
            and not self.foreign_objects
        )


def verify_records(
    records: UnitOfWork, *, expect_head: str | None = None, tables: TableIndex | None = None
) -> AuditVerification:
    """Check the whole audit chain, every regimen version's fingerprint, every stored patient,
    regimen version, event and saved plan against the content hash the chain recorded, and
    (given ``tables``) every cached OME computed from this table file against its document.

    ``expect_head``: a head hash recorded earlier; it must still be in the chain (a cut tail
    or a rewritten chain loses it)."""
    with records.reading() as repo:
        links = repo.audit_links()
        checked, broken = first_break(links)
        altered = repo.altered_regimen_versions()
        content = repo.damaged_rows() + content_mismatches(links, repo.stored_content())
        unsealed = _unsealed(repo)
        missing = repo.missing_protections()
        foreign = repo.foreign_objects()
        content += unsealed
        if tables is not None:
            content += _cache_mismatches(repo, tables, {m.key for m in unsealed})
    return AuditVerification(
        rows_checked=checked,
        first_break=broken,
        altered=altered,
        content=content,
        head_hash=links[-1].row_hash if links else None,
        expected_head_problem=_missing_head(links, expect_head),
        missing_protections=missing,
        foreign_objects=foreign,
    )


class RecordProblem(BaseModel):
    """Why one patient's record cannot be vouched for: a row of it changed outside mps-pain, or
    the audit trail that records it is broken (fuzz review 3, D9)."""

    model_config = ConfigDict(frozen=True)

    kind: str  # "regimen version", "clinical event", "audit row", "database"
    row_id: int | str
    field: str
    problem: str


def record_problems(records: UnitOfWork, identifier: str) -> list[RecordProblem]:
    """What ``patients verify`` finds that touches this patient's record; empty when intact.

    A broken audit chain touches every record: with it, a row and the hash recorded for it may
    have been rewritten together, so no record of the database can be vouched for; so do the
    database's lost protections and objects the migrations did not make (fuzz review 21, D2).
    So the whole chain is checked, and of the rows only this patient's, with the key of every
    stored row to find one of its rows that is gone: ``problems_in(verify_records(...))``
    without hashing every other patient's rows (export, show and the app's record banner ask
    this of one patient, on a database of any size; a test holds the two readings equal)."""
    with records.reading() as repo:
        links = repo.audit_links()
        checked, broken = first_break(links)
        stored = repo.stored_content(identifier)
        content = content_mismatches(links, stored, present=repo.row_keys())
        found = AuditVerification(
            rows_checked=checked,
            first_break=broken,
            altered=repo.altered_regimen_versions(identifier),
            content=repo.damaged_rows(identifier) + content + _unsealed(repo, identifier),
            missing_protections=repo.missing_protections(),
            foreign_objects=repo.foreign_objects(),
        )
    return problems_in(found, identifier)


def problems_in(result: AuditVerification, identifier: str) -> list[RecordProblem]:
    """What of ``result`` touches this patient's record: a broken chain, the database's lost
    protections and foreign objects, its own rows (changed, added or gone), and a gone row
    whose audit row does not say whose it was."""
    problems = [*_chain_problems(result), *_database_problems(result)]
    problems += [
        RecordProblem(
            kind="regimen version",
            row_id=altered.version_id,
            field="document",
            problem=ALTERED_DOCUMENT,
        )
        for altered in result.altered
        if altered.patient_identifier == identifier
    ]
    for mismatch in result.content:
        owner = mismatch.patient_identifier
        if owner == identifier or (mismatch.gone and owner == UNKNOWN_OWNER):
            table, _, row_id = mismatch.key.partition(":")
            kind = ROW_KINDS.get(table, table)
            problems.append(
                RecordProblem(kind=kind, row_id=row_id, field="content", problem=mismatch.problem)
            )
    return problems


def _chain_problems(result: AuditVerification) -> list[RecordProblem]:
    broken = result.first_break
    if broken is None:
        return []
    return [
        RecordProblem(
            kind="audit row", row_id=broken.row_id, field="row_hash", problem=broken.reason
        )
    ]


def _database_problems(result: AuditVerification) -> list[RecordProblem]:
    """What ``verify`` finds wrong with the database as a whole touches every record in it."""
    problems = []
    if result.missing_protections:  # named by verify; the banner says it in plain words
        problems.append(
            RecordProblem(
                kind="database",
                row_id="protections",
                field="triggers",
                problem="has lost part of its protection against changes to the audit trail and "
                "to regimen versions (removed or altered outside mps-pain; 'mps-pain patients "
                "verify' names it), so such a change may no longer be refused",
            )
        )
    if result.foreign_objects:
        problems.append(
            RecordProblem(
                kind="database",
                row_id="foreign objects",
                field="objects",
                problem="holds something on its records that mps-pain did not make ('mps-pain "
                "patients verify' names it), which can drop or change what is saved or read "
                "without an error",
            )
        )
    return problems


def _unsealed(repo: RecordsRepository, patient: str | None = None) -> list[ContentMismatch]:
    """OME caches whose seal does not match their columns (fuzz review 5, R5: an edited
    ``ome_error``, ``ome_seal`` or ``ome_table_sha256`` passed verify)."""
    return [
        ContentMismatch(
            key=f"regimen_versions:{version_id}",
            patient_identifier=owner,
            problem="has a cached OME whose seal does not match it (its value, error, table or "
            "document fingerprint was changed outside mps-pain; the cache is recomputed from the "
            "document, never shown)",
        )
        for owner, version_id in repo.unsealed_caches(patient)
    ]


def _cache_mismatches(
    repo: RecordsRepository, tables: TableIndex, unsealed: set[str]
) -> list[ContentMismatch]:
    """Sealed cached OMEs of this table file that their document does not give (the cache is
    not in the content hash: it is rewritten when the tables change). Caches of another table
    file are never shown (they are recomputed), so their value is not checked; nor is the
    wording of a cache's error (it may change between program versions; the seal covers it)."""
    found = []
    caches = [
        c
        for c in repo.cached_omes()
        if c[2].table_sha256 == tables.sha256 and f"regimen_versions:{c[1]}" not in unsealed
    ]
    documents = repo.regimen_documents([version_id for _, version_id, _ in caches])
    for patient, version_id, cache in caches:
        fresh = compute_ome_cache(documents[version_id], tables, cache.table_id)
        if not _same_value(cache, fresh):
            found.append(
                ContentMismatch(
                    key=f"regimen_versions:{version_id}",
                    patient_identifier=patient,
                    problem=f"has a cached OME of {cache.ome_mg_per_day} mg/day but its document "
                    f"gives {fresh.ome_mg_per_day} (the cache was changed outside mps-pain; it "
                    "is recomputed, never shown)",
                )
            )
    return found


def _same_value(cached: OmeCache, fresh: OmeCache) -> bool:
    if cached.ome_mg_per_day is None or fresh.ome_mg_per_day is None:
        return cached.ome_mg_per_day == fresh.ome_mg_per_day and cached.error == fresh.error
    return math.isclose(cached.ome_mg_per_day, fresh.ome_mg_per_day, rel_tol=1e-9)


def _missing_head(links: list[AuditLink], expect_head: str | None) -> str | None:
    if expect_head is None:
        return None
    wanted = expect_head.strip().lower()
    if wanted in {link.row_hash for link in links}:
        return None
    return (
        f"the recorded head {wanted[:16]}… is not in the audit trail: rows were cut "
        "from its end or the chain was rewritten since it was recorded"
    )
