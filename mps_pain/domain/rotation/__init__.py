"""The opioid rotation planner (issue #3): switching plans, a different computation from MME."""

from mps_pain.domain.rotation.spoken import check, plan

__all__ = ["check", "plan"]
