"""Signals other apps listen to, so records need not know who follows a completion (the
certificates, the learning-record statements): they import records, never the reverse."""

from django.dispatch import Signal

# Sent inside the transaction that writes a `completed` ledger line, once per completion.
# Arguments: record (the new CompletionRecord).
completion_recorded = Signal()

# Sent inside the transaction that voids a completion's credit.
# Arguments: record (the completion voided), void (the new `voided` line).
completion_voided = Signal()
