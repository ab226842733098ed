"""Background work of the sister-cities app."""

from celery import shared_task

from .services import anniversary_reminders_send


@shared_task(name="sister_cities.send_anniversary_reminders")
def send_anniversary_reminders() -> int:
    """Daily: tell content editors of round anniversaries coming up (each once)."""
    return anniversary_reminders_send()
