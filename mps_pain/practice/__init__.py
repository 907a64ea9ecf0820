"""Practice for trainees (issue #9): exercises graded by the planner, with diagnoses."""
