"""The Practice window (issue #9): exercises graded by the planner, progress per learner."""
