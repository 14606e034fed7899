"""Signals other apps listen to, so quizzes need not know who records what."""

from django.dispatch import Signal

# Sent inside the grading transaction when an attempt reaches "graded" (by submit, by a
# grader, or by a regrade). Arguments: attempt, now.
attempt_graded = Signal()

# Sent inside the transaction that submits an attempt (by the cadre, or by the server at the
# deadline), once, after its answers are scored; before `attempt_graded` when it is graded at
# once. Arguments: attempt, now.
attempt_submitted = Signal()
