"""Admin of the messages staff write to an event's registrants: write, preview, send, and
the list of messages sent with what became of their emails.

Only staff who may see registrants' personal data (`events.view_registration`: the
"Event registrations" group) write or read them; each message sent is a line in the
personal-data log (see `registrant_messages.message_send`).
"""

import uuid

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.translation import get_language_info, gettext, ngettext
from django.utils.translation import gettext_lazy as _

from apps.core.admin import OutboxAdmin, PersonalDataAdminMixin, ReadOnlyAdmin
from apps.core.i18n import language_codes

from .message_texts import message_text, message_unreached_languages
from .models import Event, MessageDelivery, RegistrantMessage
from .registrant_messages import (
    message_audience,
    message_audience_counts,
    message_preview,
    message_send,
)

# Who may write to registrants and read what was written: those who see their data.
REGISTRANTS_PERMISSION = "events.view_registration"


def may_write_to_registrants(user) -> bool:
    return user.is_active and user.is_staff and user.has_perm(REGISTRANTS_PERMISSION)


def _language_name(code: str) -> str:
    return get_language_info(code)["name_local"]


class RegistrantMessageForm(forms.Form):
    """The recipients and the text in each language staff write it in."""

    audience = forms.ChoiceField(
        label=_("Recipients"), choices=RegistrantMessage.Audience.choices, widget=forms.RadioSelect
    )
    preview_language = forms.ChoiceField(
        label=_("Preview in"), choices=settings.LANGUAGES, required=False
    )
    form_token = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, counts: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if counts is not None:
            self.fields["audience"].choices = [
                (value, f"{label} ({counts.get(value, 0)})")
                for value, label in RegistrantMessage.Audience.choices
            ]
        for code in language_codes():
            self.fields[f"subject_{code}"] = forms.CharField(
                label=_("Subject"), max_length=200, required=False
            )
            self.fields[f"body_{code}"] = forms.CharField(
                label=_("Message"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 8}),
                help_text=_(
                    "Markdown: **bold**, *italic*, [link](https://…), lists, headings (##)."
                ),
            )

    def languages(self):
        """(code, name, subject field, body field) for the template, in site order."""
        return [
            (code, _language_name(code), self[f"subject_{code}"], self[f"body_{code}"])
            for code in language_codes()
        ]

    @property
    def texts(self) -> dict:
        data = self.cleaned_data
        return {
            code: {"subject": data[f"subject_{code}"], "body": data[f"body_{code}"]}
            for code in language_codes()
            if data.get(f"subject_{code}", "").strip() or data.get(f"body_{code}", "").strip()
        }

    def clean(self):
        data = super().clean()
        for code in language_codes():
            subject = data.get(f"subject_{code}", "").strip()
            body = data.get(f"body_{code}", "").strip()
            if subject and not body:
                self.add_error(f"body_{code}", _("Write the message as well as its subject."))
            elif body and not subject:
                self.add_error(f"subject_{code}", _("Give the message a subject."))
        if self.errors:
            return data
        unreached = message_unreached_languages(self.texts)
        if unreached:
            raise forms.ValidationError(
                _(
                    "Registrants reading %(languages)s would get no message: write it in "
                    "one of the languages they fall back to (%(fallbacks)s) as well."
                )
                % {
                    "languages": ", ".join(_language_name(code) for code in unreached),
                    "fallbacks": ", ".join(
                        _language_name(code)
                        for code in settings.MODELTRANSLATION_FALLBACK_LANGUAGES.get("default", ())
                    ),
                },
                code="unreached",
            )
        return data


@admin.register(RegistrantMessage)
class RegistrantMessageAdmin(ReadOnlyAdmin):
    """Messages sent to registrants, with their emails counted by state; writing one
    starts from the event's page ("Write to registrants")."""

    list_display = (
        "__str__",
        "event",
        "audience",
        "author_name",
        "created_at",
        "recipient_count",
        "sent_count",
        "waiting_count",
        "failed_count",
        "skipped_count",
    )
    list_filter = ("audience", ("event", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("event",)
    date_hierarchy = "created_at"
    fields = (
        "event",
        "audience",
        "author_name",
        "created_at",
        "recipient_count",
        "delivery_counts",
        "texts_shown",
    )

    def has_view_permission(self, request, obj=None):
        return may_write_to_registrants(request.user)

    def has_module_permission(self, request):
        return may_write_to_registrants(request.user)

    def get_queryset(self, request):
        return super().get_queryset(request).with_delivery_counts()

    @admin.display(description=_("sent"), ordering="sent_count")
    def sent_count(self, obj):
        return obj.sent_count

    @admin.display(description=_("waiting"), ordering="waiting_count")
    def waiting_count(self, obj):
        return obj.waiting_count

    @admin.display(description=_("failed"), ordering="failed_count")
    def failed_count(self, obj):
        if not obj.failed_count:
            return 0
        url = "{}?{}".format(
            reverse("admin:events_messagedelivery_changelist"),
            urlencode({"message__id__exact": obj.pk, "state__exact": "failed"}),
        )
        return format_html('<a href="{}">{}</a>', url, obj.failed_count)

    @admin.display(description=_("not needed (cancelled)"), ordering="skipped_count")
    def skipped_count(self, obj):
        return obj.skipped_count

    @admin.display(description=_("emails"))
    def delivery_counts(self, obj):
        counts = dict(obj.deliveries.order_by().values_list("state").annotate(count=Count("pk")))
        return format_html_join(
            ", ",
            "{}: {}",
            ((label, counts.get(value, 0)) for value, label in MessageDelivery.State.choices),
        )

    @admin.display(description=_("texts"))
    def texts_shown(self, obj):
        return format_html_join(
            "",
            '<div lang="{}"><h3>{}</h3><p><strong>{}</strong></p><pre style="white-space: '
            'pre-wrap">{}</pre></div>',
            (
                (code, _language_name(code), text["subject"], text["body"])
                for code, text in obj.texts.items()
            ),
        )

    def get_urls(self):
        return [
            path(
                "write/<int:event_pk>/",
                self.admin_site.admin_view(self.write_view),
                name="events_registrantmessage_write",
            ),
            *super().get_urls(),
        ]

    def write_view(self, request, event_pk):
        """Write a message, preview it in a chosen language, send it once."""
        if not may_write_to_registrants(request.user):
            raise PermissionDenied
        event = get_object_or_404(Event, pk=event_pk)
        counts = message_audience_counts(event)
        preview = None
        staff_language = request.LANGUAGE_CODE
        if request.method == "POST":
            form = RegistrantMessageForm(request.POST, counts=counts)
            if form.is_valid():
                audience = form.cleaned_data["audience"]
                if "send" in request.POST:
                    response = self._send(request, event, form, counts[audience])
                    if response is not None:
                        return response
                language = form.cleaned_data["preview_language"] or staff_language
                preview = message_preview(
                    event, form.texts, language=language, user=request.user, audience=audience
                )
                preview["reader"] = _language_name(language)
                preview["text_language_name"] = _language_name(preview["language"])
                preview["recipients"] = self._recipients_by_language(event, audience, form.texts)
        else:
            form = RegistrantMessageForm(
                initial={
                    "audience": RegistrantMessage.Audience.CONFIRMED,
                    "preview_language": staff_language,
                    "form_token": uuid.uuid4(),
                },
                counts=counts,
            )
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Write to the registrants of %(event)s") % {"event": event},
            "opts": self.opts,
            "event": event,
            "event_opts": Event._meta,
            "form": form,
            "preview": preview,
            "messages_url": "{}?{}".format(
                reverse("admin:events_registrantmessage_changelist"),
                urlencode({"event__id__exact": event.pk}),
            ),
        }
        return TemplateResponse(request, "admin/events/registrantmessage/write.html", context)

    def _send(self, request, event, form, count):
        if not count:
            form.add_error("audience", gettext("No registrant is in this group."))
            return None
        message, created = message_send(
            event=event,
            audience=form.cleaned_data["audience"],
            texts=form.texts,
            user=request.user,
            form_token=form.cleaned_data["form_token"],
        )
        if created:
            self.message_user(
                request,
                ngettext(
                    "The message is on its way to %(count)d registrant.",
                    "The message is on its way to %(count)d registrants.",
                    message.recipient_count,
                )
                % {"count": message.recipient_count},
                messages.SUCCESS,
            )
        else:
            self.message_user(
                request,
                gettext("This message was already sent; it was not sent again."),
                messages.WARNING,
            )
        return HttpResponseRedirect(
            reverse("admin:events_registrantmessage_change", args=[message.pk])
        )

    @staticmethod
    def _recipients_by_language(event, audience, texts) -> list[dict]:
        """How many recipients read each language, and the text they get: counts only."""
        rows = (
            message_audience(event, audience)
            .order_by()
            .values_list("language")
            .annotate(count=Count("pk"))
        )
        return [
            {
                "language": _language_name(language),
                "count": count,
                "gets": _language_name(message_text(texts, language)[0]),
            }
            for language, count in sorted(rows)
        ]


@admin.register(MessageDelivery)
class MessageDeliveryAdmin(PersonalDataAdminMixin, OutboxAdmin):
    """Each registrant's copy of a message and what became of it; it names them, so it is
    the "Event registrations" group's, and logged."""

    list_display = ("message", "registration_name", "language", "state", "attempts", "sent_at")
    list_filter = ("state", ("message", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("message", "registration")
    search_fields = ("registration__email", "registration__name")
    fields = ("message", "registration", "language", *OutboxAdmin.outbox_fields)

    def personal_data_detail(self, request, *, obj=None):
        if obj is None:
            return {}
        return {"registration": obj.registration_id, "message": obj.message_id}

    @admin.display(description=_("registrant"), ordering="registration__name")
    def registration_name(self, obj):
        return obj.registration.name
