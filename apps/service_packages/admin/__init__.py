"""Admin of the service catalogue for content editors, and of the service desk's queue.

One module per concern; importing them registers their ModelAdmins.
"""

from . import catalogue, queue, records  # noqa: F401 (registers the admins)
from .queue import SHOWN_AS
from .transitions import TRANSITION_LABELS

__all__ = ["SHOWN_AS", "TRANSITION_LABELS"]
