"""Background tasks of the core app."""

import logging

from celery import shared_task
from django.utils import timezone

logger = logging.getLogger(__name__)


@shared_task(name="core.ping")
def ping(payload: str = "pong") -> dict:
    """Answer at once: proves that a worker takes tasks from the broker and replies."""
    return {"reply": payload, "at": timezone.now().isoformat()}


@shared_task(name="core.heartbeat", ignore_result=True)
def heartbeat() -> None:
    """Log from beat's schedule so operators can see that beat and a worker are alive."""
    logger.info("celery heartbeat at %s", timezone.now().isoformat())
