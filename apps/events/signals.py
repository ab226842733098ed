"""Registrants follow their event: a change of time, place, status or places reaches them."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Event, Registration
from .registrations import registrations_event_changed, registrations_fill_free_places


@receiver(post_save, sender=Event, dispatch_uid="events.event_saved")
def event_saved(sender, instance, created, raw=False, **kwargs):
    if created or raw:
        return
    if getattr(instance, "schedule_changed", False):
        registrations_event_changed(event_id=instance.pk)
    if Registration.objects.filter(
        event_id=instance.pk, status=Registration.Status.WAITLISTED
    ).exists():
        # Places may have been added: they go to the waitlist in order.
        registrations_fill_free_places(event_id=instance.pk)
