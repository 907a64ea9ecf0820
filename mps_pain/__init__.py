"""mps_pain: the Qt-free core of the opioid conversion workstation.

Start with docs/architecture.md: the layers (``units`` → ``tables`` → ``domain`` →
``persistence`` → ``services`` | ``presentation`` | ``fhir``, enforced by import-linter), the flow
of one regimen from input to the printed plan, and where each kind of change goes.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
