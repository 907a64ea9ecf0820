"""``patients verify``: the audit chain, every regimen version's fingerprint and every stored row's
content hash, checked in one reading transaction (see docs/records.md)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from mps_pain.persistence.audit_chain import AuditBreak, AuditLink, first_break
from mps_pain.persistence.content_hash import ContentMismatch, content_mismatches
from mps_pain.persistence.unit_of_work import AlteredVersion, UnitOfWork

__all__ = ["AuditVerification", "verify_records"]


class AuditVerification(BaseModel):
    """What ``patients verify`` found: rows checked, the first broken link, altered regimens."""

    model_config = ConfigDict(frozen=True)

    rows_checked: int
    first_break: AuditBreak | None
    altered: list[AlteredVersion]
    content: list[ContentMismatch] = []  # stored rows that differ from what the chain recorded
    head_hash: str | None = None  # the newest row's hash: record it elsewhere (docs/records.md)
    expected_head_problem: str | None = None  # --expect-head: the recorded head is not in the chain

    @property
    def intact(self) -> bool:
        return (
            self.first_break is None
            and not self.altered
            and not self.content
            and self.expected_head_problem is None
        )


def verify_records(records: UnitOfWork, *, expect_head: str | None = None) -> AuditVerification:
    """Check the whole audit chain, every regimen version's fingerprint, and every stored
    patient, regimen version and event against the content hash the chain recorded.

    ``expect_head``: a head hash recorded earlier; it must still be in the chain (a cut tail
    or a rewritten chain loses it)."""
    with records.reading() as repo:
        links = repo.audit_links()
        checked, broken = first_break(links)
        altered = repo.altered_regimen_versions()
        content = content_mismatches(links, repo.stored_content())
    return AuditVerification(
        rows_checked=checked,
        first_break=broken,
        altered=altered,
        content=content,
        head_hash=links[-1].row_hash if links else None,
        expected_head_problem=_missing_head(links, expect_head),
    )


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
