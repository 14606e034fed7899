"""Signals other apps listen to, so courses need not know who records what."""

from django.dispatch import Signal

# Sent inside the transaction that records a lesson as studied for the first time.
# Arguments: user, lesson.
lesson_studied = Signal()
