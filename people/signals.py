"""Signals other apps listen to, so people need not know who keeps what about a unit."""

from django.dispatch import Signal

# A unit was placed under another parent, after its subtree's paths were rewritten: `unit`.
# (post_save comes before that rewrite, so it would see the descendants' old paths.)
unit_moved = Signal()
