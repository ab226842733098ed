"""The events app connects no signal receivers.

Saving an event has no side effects: `services.event_create` / `event_update` tell
registrants of a change and plan their reminders, once, where they are called.
"""
