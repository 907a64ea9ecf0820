"""A resourceType that is not FHIR's, in words (fuzz review 19, D6).

A whole file written ``"resourceType": "bundle"`` was refused as an entry that "may be an order";
FHIR's type names are case-sensitive, and a name FHIR knows in another case is the likeliest
slip. One rule words every such type, in the file, an entry or a contained resource: what was
written, and FHIR's own spelling when only the case differs.
"""

from __future__ import annotations

from functools import cache

from mps_pain.fhir.model import quoted

__all__ = ["fhir_spelling", "not_a_type"]


@cache
def _by_lower_case() -> dict[str, str]:
    # start-up seam: fhir.resources (large) loads only when FHIR is read or written
    from fhir.resources.R4B import fhirtypes

    names = (n.removesuffix("Type") for n in dir(fhirtypes) if n.endswith("Type"))
    return {name.lower(): name for name in names if name[:1].isupper()}


def fhir_spelling(kind: str) -> str | None:
    """The type FHIR spells as ``kind`` in another case ("bundle" → "Bundle"), or None."""
    right = _by_lower_case().get(kind.lower())
    return right if right is not None and right != kind else None


def not_a_type(kind: object) -> str:
    """``“bundle” is not a FHIR R4 resource type (FHIR writes “Bundle”: the case matters)``."""
    said = f"{quoted(kind)} is not a FHIR R4 resource type"
    right = fhir_spelling(kind) if isinstance(kind, str) else None
    return f"{said} (FHIR writes {quoted(right)}: the case matters)" if right else said
