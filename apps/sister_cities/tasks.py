"""Background work of the sister-cities app."""

from celery import shared_task

from .services import anniversary_reminders_send


@shared_task(name="sister_cities.send_anniversary_reminders")
def send_anniversary_reminders() -> int:
    """Daily: record a notice per editor of each round anniversary coming up (each once);
    the outbox sends them."""
    return anniversary_reminders_send()
