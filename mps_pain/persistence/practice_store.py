"""Practice progress in the records database: learners and their graded attempts (issue #9).

Its own rows (``learners``, ``practice_attempts``; migration 0004) on the records ``Base``, and a
small repository working on record values. The clinical records are not touched.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from datetime import datetime

from pydantic import BaseModel, ConfigDict
from sqlalchemy import ForeignKey, Index, Integer, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column

from mps_pain.errors import InputError
from mps_pain.persistence.database import Database
from mps_pain.persistence.models import Base, UtcDateTime, utc_now

__all__ = ["Attempt", "AttemptAnswer", "Learner", "PracticeStore"]


class LearnerRow(Base):
    __tablename__ = "learners"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)


class AttemptRow(Base):
    __tablename__ = "practice_attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id"))
    exercise_id: Mapped[str] = mapped_column(String(200))
    level: Mapped[int] = mapped_column(Integer)
    topic: Mapped[str] = mapped_column(String(60))
    table_id: Mapped[str] = mapped_column(String(64))
    tables_version: Mapped[str] = mapped_column(String(64))
    score: Mapped[int] = mapped_column(Integer)
    total: Mapped[int] = mapped_column(Integer)
    results_json: Mapped[str] = mapped_column(Text)
    answered_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)

    __table_args__ = (Index("ix_practice_attempts_learner", "learner_id"),)  # as migration 0004


class _Value(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Learner(_Value):
    id: int
    name: str


class AttemptAnswer(_Value):
    """One question of an attempt: the key, whether it was right, and the diagnosis code."""

    key: str
    correct: bool
    diagnosis: str | None = None


class Attempt(_Value):
    id: int | None = None
    learner: str
    exercise_id: str
    level: int
    topic: str
    table_id: str
    tables_version: str
    score: int
    total: int
    answers: list[AttemptAnswer]
    answered_at: datetime | None = None


CSV_COLUMNS = (
    "learner",
    "answered_at",
    "exercise_id",
    "level",
    "topic",
    "table",
    "tables_version",
    "score",
    "total",
    "wrong_keys",
    "diagnoses",
)


class PracticeStore:
    """Learners and attempts in one records database."""

    def __init__(self, database: Database) -> None:
        self._db = database

    def learner(self, name: str) -> Learner:
        """The learner of that name, created on first use."""
        clean = " ".join(name.split())
        if not clean:
            raise InputError("give the learner's name", location="learner")
        if len(clean) > 200:
            raise InputError("a learner's name has at most 200 characters", location="learner")
        with self._db.writing() as session:
            row = session.scalars(select(LearnerRow).where(LearnerRow.name == clean)).first()
            if row is None:
                row = LearnerRow(name=clean, created_at=utc_now())
                session.add(row)
                session.flush()
            return Learner(id=row.id, name=row.name)

    def learners(self) -> list[Learner]:
        with self._db.reading() as session:
            rows = session.scalars(select(LearnerRow).order_by(LearnerRow.name)).all()
            return [Learner(id=r.id, name=r.name) for r in rows]

    def record(self, attempt: Attempt) -> Attempt:
        learner = self.learner(attempt.learner)
        with self._db.writing() as session:
            row = AttemptRow(
                learner_id=learner.id,
                exercise_id=attempt.exercise_id,
                level=attempt.level,
                topic=attempt.topic,
                table_id=attempt.table_id,
                tables_version=attempt.tables_version,
                score=attempt.score,
                total=attempt.total,
                results_json=json.dumps([a.model_dump() for a in attempt.answers]),
                answered_at=attempt.answered_at or utc_now(),
            )
            session.add(row)
            session.flush()
            return attempt.model_copy(
                update={"id": row.id, "learner": learner.name, "answered_at": row.answered_at}
            )

    def attempts(self, learner: str) -> list[Attempt]:
        with self._db.reading() as session:
            found = session.scalars(select(LearnerRow).where(LearnerRow.name == learner)).first()
            if found is None:
                return []
            rows = session.scalars(
                select(AttemptRow)
                .where(AttemptRow.learner_id == found.id)
                .order_by(AttemptRow.answered_at, AttemptRow.id)
            ).all()
            return [_attempt(found.name, r) for r in rows]

    def scores_by_level(self, learner: str) -> dict[int, tuple[int, int]]:
        """Level → (points, out of) over every attempt."""
        totals: dict[int, tuple[int, int]] = {}
        for a in self.attempts(learner):
            got, out_of = totals.get(a.level, (0, 0))
            totals[a.level] = (got + a.score, out_of + a.total)
        return dict(sorted(totals.items()))

    def patterns(self, learner: str) -> Counter[str]:
        """How often each error pattern was diagnosed."""
        return Counter(
            answer.diagnosis
            for attempt in self.attempts(learner)
            for answer in attempt.answers
            if answer.diagnosis
        )

    def export_csv(self, learner: str) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for a in self.attempts(learner):
            wrong = [x.key for x in a.answers if not x.correct]
            codes = [x.diagnosis for x in a.answers if x.diagnosis]
            writer.writerow(
                [
                    a.learner,
                    a.answered_at.isoformat() if a.answered_at else "",
                    a.exercise_id,
                    a.level,
                    a.topic,
                    a.table_id,
                    a.tables_version,
                    a.score,
                    a.total,
                    " ".join(wrong),
                    " ".join(codes),
                ]
            )
        return out.getvalue()


def _attempt(name: str, row: AttemptRow) -> Attempt:
    answers = [AttemptAnswer.model_validate(a) for a in json.loads(row.results_json)]
    return Attempt(
        id=row.id,
        learner=name,
        exercise_id=row.exercise_id,
        level=row.level,
        topic=row.topic,
        table_id=row.table_id,
        tables_version=row.tables_version,
        score=row.score,
        total=row.total,
        answers=answers,
        answered_at=row.answered_at,
    )
