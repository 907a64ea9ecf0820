"""The opioid rotation planner (issue #3): switching plans, a different computation from MME."""

from mps_pain.domain.rotation.check import check
from mps_pain.domain.rotation.planner import plan

__all__ = ["check", "plan"]
