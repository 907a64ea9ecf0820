"""The input documents the program reads, by name, for ``mps-pain schema`` (JSON Schema)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from mps_pain.domain.regimen import RegimenDocument
from mps_pain.domain.rotation.requests import CheckRequest, RotationRequest
from mps_pain.practice.models import AnswerDocument

__all__ = ["INPUT_DOCUMENTS", "json_schema"]

INPUT_DOCUMENTS: dict[str, type[BaseModel]] = {
    "regimen": RegimenDocument,
    "rotation": RotationRequest,
    "check": CheckRequest,
    "practice-answer": AnswerDocument,
}


def json_schema(name: str) -> dict[str, Any]:
    model = INPUT_DOCUMENTS[name]
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema.setdefault("title", name)
    return schema
