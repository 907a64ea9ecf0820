"""Patient records: SQLAlchemy models, the database (SQLite by default, PostgreSQL on request),
Alembic migrations, the repository and the export document. See docs/records.md."""

from mps_pain.persistence.database import DATABASE_URL_ENV, Database, default_database_path
from mps_pain.persistence.records import (
    AuditEntry,
    ClinicalEvent,
    PatientInfo,
    PatientRecordDocument,
    RegimenVersion,
    SavedPlan,
    StoredPatient,
)

__all__ = [
    "DATABASE_URL_ENV",
    "AuditEntry",
    "ClinicalEvent",
    "Database",
    "PatientInfo",
    "PatientRecordDocument",
    "RegimenVersion",
    "SavedPlan",
    "StoredPatient",
    "default_database_path",
]
