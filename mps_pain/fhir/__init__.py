"""FHIR R4 interoperability: import orders into a regimen, export a plan as proposed orders.

See docs/fhir.md for the mapping table, what is refused and why, and the codes.
"""
