"""mps_pain: the Qt-free core of the opioid conversion workstation.

Layers (see docs/architecture.md): ``tables`` (cited YAML, validated) → ``domain`` (pure
functions over frozen values) → ``services`` (use cases) → ``persistence``.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
