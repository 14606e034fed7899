"""Signals other apps listen to, so quizzes need not know who records what."""

from django.dispatch import Signal

# Sent inside the grading transaction when an attempt reaches "graded" (by submit, by a
# grader, or by a regrade). Arguments: attempt, now.
attempt_graded = Signal()
