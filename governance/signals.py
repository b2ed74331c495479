"""Signals other apps connect to.

`tier_changed` is sent with `partnership=` and `previous_tier=` after a partnership's effective
tier was saved (governance/effective_tier.py); the evaluation planner listens to it.
"""

from django.dispatch import Signal

tier_changed = Signal()
