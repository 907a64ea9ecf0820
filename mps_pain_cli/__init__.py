"""The ``mps-pain`` command line: an entry point beside ``ui/``, over the ``mps_pain`` core."""
