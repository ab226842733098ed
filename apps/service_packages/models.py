"""Foreign-affairs service packages for enterprises, their requests and the staff queue."""

import json
import secrets
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from apps.core.images import SafeImageField
from apps.core.models import (
    OutboxMessage,
    PublishableModel,
    PublishableQuerySet,
    TimeStampedModel,
)
from apps.core.richtext import RichTextField
from apps.core.storage import private_storage


class DocumentType(models.TextChoices):
    PDF = "pdf", "PDF"
    JPEG = "jpeg", "JPEG"
    PNG = "png", "PNG"


class ServicePackageQuerySet(PublishableQuerySet):
    def with_contents(self):
        """Items, their documents and steps in a constant number of queries."""
        return self.prefetch_related("items__documents", "items__steps")


# Addresses under /<lang>/services/ that belong to other pages, not to a package.
RESERVED_SLUGS = frozenset({"track", "requests"})


class ServicePackage(PublishableModel):
    """A bundle of services the district offers enterprises, e.g. "Going Abroad"."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    summary = models.TextField(_("summary"), blank=True)
    audience = models.TextField(_("who it is for"), blank=True)
    description = RichTextField(_("description"), blank=True)
    fees = models.TextField(_("fees"), blank=True)
    processing_days = models.PositiveSmallIntegerField(
        _("processing time (working days)"),
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_("Sets the due date of each request."),
    )
    legal_basis = RichTextField(_("legal basis and policy links"), blank=True)
    contact_office = models.TextField(_("contact office"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    image = SafeImageField(_("picture"), upload_to="service-packages/", blank=True)
    image_alt = models.CharField(
        _("picture description"),
        max_length=250,
        blank=True,
        help_text=_("Describe the picture for visitors who cannot see it."),
    )
    is_sample = models.BooleanField(_("contains sample data"), default=False)
    sample_note = models.CharField(_("which facts are sample data"), max_length=300, blank=True)

    objects = ServicePackageQuerySet.as_manager()

    class Meta:
        verbose_name = _("service package")
        verbose_name_plural = _("service packages")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title or self.slug

    def get_absolute_url(self):
        return reverse("service_packages:detail", kwargs={"slug": self.slug})

    def get_apply_url(self):
        return reverse("service_packages:apply", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError(
                {"slug": _("This address is taken by another page; choose another slug.")},
                code="reserved",
            )


class ServiceItem(models.Model):
    """One service of a package, e.g. the APEC Business Travel Card application."""

    package = models.ForeignKey(
        ServicePackage,
        on_delete=models.CASCADE,
        related_name="items",
        verbose_name=_("service package"),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    processing_days = models.PositiveSmallIntegerField(
        _("processing time (working days)"), null=True, blank=True
    )
    needs_travel_details = models.BooleanField(
        _("asks for destinations and travel dates"), default=False
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title


class RequiredDocument(models.Model):
    """A document an enterprise sends with a request for a service."""

    item = models.ForeignKey(
        ServiceItem, on_delete=models.CASCADE, related_name="documents", verbose_name=_("service")
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    mandatory = models.BooleanField(_("mandatory"), default=True)
    accepted_types = models.CharField(
        _("accepted file types"),
        max_length=40,
        default="pdf,jpeg,png",
        help_text=_("Comma-separated: pdf, jpeg, png."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("required document")
        verbose_name_plural = _("required documents")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.name

    @property
    def types(self) -> list[str]:
        return [code for code in self.accepted_types.split(",") if code in DocumentType.values]

    def clean(self):
        super().clean()
        codes = [code.strip() for code in self.accepted_types.split(",") if code.strip()]
        unknown = [code for code in codes if code not in DocumentType.values]
        if not codes or unknown:
            raise ValidationError(
                {"accepted_types": _("List one or more of: pdf, jpeg, png.")}, code="types"
            )
        self.accepted_types = ",".join(dict.fromkeys(codes))


class ServiceStep(models.Model):
    """One step of the workflow of a service, in order."""

    item = models.ForeignKey(
        ServiceItem, on_delete=models.CASCADE, related_name="steps", verbose_name=_("service")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title


# --- Requests ------------------------------------------------------------------------------


class CalendarDay(models.Model):
    """A day that breaks the Monday-to-Friday rule of due dates.

    China's public holidays close the service desk on weekdays, and the State Council
    moves some working days onto weekends around them; both change every year.
    """

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("Public holiday (closed)")
        WORKING_DAY = "working_day", _("Working day on a weekend")

    day = models.DateField(_("day"), unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("holiday or make-up working day")
        verbose_name_plural = _("holidays and make-up working days")
        ordering = ["day"]

    def __str__(self):
        return f"{self.day:%Y-%m-%d} {self.get_kind_display()}"


class ReferenceSequence(models.Model):
    """The last reference number given in a year (XC-<year>-<number>)."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("reference sequence")
        verbose_name_plural = _("reference sequences")

    def __str__(self):
        return f"{self.year}: {self.last}"


class ServiceRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=ServiceRequest.OPEN_STATUSES)

    def overdue(self, *, today=None):
        """Past the due date and still waiting for the service desk (not for the applicant)."""
        today = today or timezone.localdate()
        return self.filter(status__in=ServiceRequest.AWAITING_DESK, due_on__lt=today)

    def due_this_week(self, *, today=None):
        """Waiting for the service desk and due from today to this Sunday (Beijing days):
        what becomes overdue before the week is out."""
        today = today or timezone.localdate()
        sunday = today + timedelta(days=6 - today.weekday())
        return self.filter(
            status__in=ServiceRequest.AWAITING_DESK, due_on__gte=today, due_on__lte=sunday
        )

    def submitted_since(self, start):
        return self.filter(submitted_at__gte=start)

    def closed(self):
        return self.exclude(status__in=ServiceRequest.OPEN_STATUSES)

    def counts_by_package_and_status(self) -> dict:
        """{(package id, status): count} of the requests still kept, in one query."""
        rows = self.order_by().values_list("package", "status").annotate(count=models.Count("pk"))
        return {(package, status): count for package, status, count in rows}


def _nonce():
    return secrets.token_hex(16)


class ServiceRequest(TimeStampedModel):
    """An enterprise's request for services of one package, and where it stands."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        IN_REVIEW = "in_review", _("In review")
        INFO_REQUESTED = "info_requested", _("More information requested")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        COMPLETED = "completed", _("Completed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class EnterpriseType(models.TextChoices):
        DOMESTIC = "domestic", _("Enterprise registered in China")
        FOREIGN_INVESTED = "foreign_invested", _("Foreign-invested enterprise in China")
        REPRESENTATIVE_OFFICE = "representative_office", _("Representative office")
        FOREIGN = "foreign", _("Enterprise registered outside China")
        OTHER = "other", _("Other organisation")

    OPEN_STATUSES = (Status.SUBMITTED, Status.IN_REVIEW, Status.INFO_REQUESTED, Status.APPROVED)
    # Undecided and not waiting for the applicant: what the due date is about.
    AWAITING_DESK = (Status.SUBMITTED, Status.IN_REVIEW)
    # The applicant's answers, in the groups and order the form, "check your answers",
    # the admin and the export show them (see applicant.py): a new answer is a field
    # below, its name here and one line in templates/service_packages/apply.html.
    APPLICANT_SECTIONS = (
        (
            _("Enterprise"),
            (
                "enterprise_name",
                "enterprise_type",
                "credit_code",
                "home_registration_number",
                "address",
            ),
        ),
        (_("Contact"), ("contact_name", "contact_position", "email", "phone", "language")),
        (_("Travel"), ("destination_countries", "travel_from", "travel_to", "travellers")),
        (_("Message"), ("message",)),
    )

    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    package = models.ForeignKey(
        ServicePackage,
        on_delete=models.PROTECT,
        related_name="requests",
        verbose_name=_("service package"),
    )
    items = models.ManyToManyField(ServiceItem, related_name="requests", verbose_name=_("services"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SUBMITTED
    )
    enterprise_name = models.CharField(_("enterprise name"), max_length=200)
    enterprise_type = models.CharField(
        _("type of enterprise"), max_length=24, choices=EnterpriseType.choices
    )
    credit_code = models.CharField(_("unified social credit code"), max_length=18, blank=True)
    home_registration_number = models.CharField(
        _("registration number in the home country"), max_length=60, blank=True
    )
    address = models.TextField(_("address"), max_length=500)
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_position = models.CharField(_("job title"), max_length=200, blank=True)
    email = models.EmailField(_("email"), max_length=254)
    phone = models.CharField(_("phone"), max_length=32)
    destination_countries = CountryField(_("destination countries"), multiple=True, blank=True)
    travel_from = models.DateField(_("travel from"), null=True, blank=True)
    travel_to = models.DateField(_("travel until"), null=True, blank=True)
    travellers = models.PositiveSmallIntegerField(_("number of travellers"), null=True, blank=True)
    message = models.TextField(_("message from the applicant"), max_length=5000, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    consent_processing_at = models.DateTimeField(_("consent to processing"))
    consent_policy_news_at = models.DateTimeField(
        _("consent to policy news"), null=True, blank=True
    )
    # With the site's secret key, makes the tracking code emailed to the applicant; the
    # code itself is never stored.
    tracking_nonce = models.CharField(max_length=32, default=_nonce, editable=False)
    form_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="service_requests",
        verbose_name=_("officer"),
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    due_on = models.DateField(_("due date"))
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # When the desk was told the request is overdue: once per request (desk_notices.py).
    overdue_notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ServiceRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("service request")
        verbose_name_plural = _("service requests")
        ordering = ["-submitted_at", "-pk"]
        # The queue pages through the default ordering, alone or by status, without a sort;
        # its search has trigram indexes too, PostgreSQL only (migration 0008).
        indexes = [
            models.Index(fields=["-submitted_at", "-id"], name="request_queue_order"),
            models.Index(fields=["status", "-submitted_at", "-id"], name="request_status_queue"),
            models.Index(fields=["status", "due_on"], name="request_status_due"),
            models.Index(fields=["package", "status"], name="request_package_status"),
            models.Index(fields=["officer", "status"], name="request_officer_status"),
            models.Index(fields=["closed_at"], name="request_closed_at"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(travel_to__isnull=True)
                | Q(travel_from__isnull=True)
                | Q(travel_to__gte=models.F("travel_from")),
                name="request_travel_ends_after_it_starts",
            )
        ]

    def __str__(self):
        return self.reference

    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES

    @property
    def is_overdue(self):
        return self.status in self.AWAITING_DESK and self.due_on < timezone.localdate()


def _document_path(instance, filename):
    # Never the uploaded name: a random one, under the request's own folder.
    return f"service-requests/{instance.request_id}/{uuid.uuid4().hex}"


class RequestDocument(models.Model):
    """A file an enterprise sent with its request; private, served to staff only."""

    request = models.ForeignKey(
        ServiceRequest,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("request"),
    )
    required_document = models.ForeignKey(
        RequiredDocument,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("for"),
    )
    file = models.FileField(
        _("file"), upload_to=_document_path, storage=private_storage, max_length=200
    )
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=40)
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name


class RequestTransition(models.Model):
    """A change of a request's status: who, when, and what the applicant was told."""

    request = models.ForeignKey(
        ServiceRequest,
        on_delete=models.CASCADE,
        related_name="transitions",
        verbose_name=_("request"),
    )
    from_status = models.CharField(
        _("from"), max_length=16, choices=ServiceRequest.Status.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=16, choices=ServiceRequest.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    by_applicant = models.BooleanField(_("by the applicant"), default=False)
    note_to_applicant = models.TextField(_("note to the applicant"), blank=True)
    internal_note = models.TextField(
        _("internal note"), blank=True, help_text=_("Never shown to the applicant.")
    )
    message_from_applicant = models.TextField(_("message from the applicant"), blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["created_at", "pk"]

    def __str__(self):
        # Labels, not codes: this is the row's title under the request in the admin.
        return f"{self.get_from_status_display() or '–'} → {self.get_to_status_display()}"


class RequestNotification(OutboxMessage):
    """An email the applicant is owed, committed with the change that owes it (outbox)."""

    class Kind(models.TextChoices):
        RECEIVED = "received", _("Request received")
        STATUS = "status", _("Status changed")

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        QUEUED = "queued", _("Handed to a worker")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("Not needed any more")

    OPEN_STATES = (State.PENDING, State.QUEUED)

    request = models.ForeignKey(
        ServiceRequest,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("request"),
    )
    transition = models.ForeignKey(
        RequestTransition, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("email type"), max_length=16, choices=Kind.choices)
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.PENDING)

    class Meta:
        verbose_name = _("email to the applicant")
        verbose_name_plural = _("emails to applicants")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "key"], name="request_notification_once_per_key"
            )
        ]
        indexes = [
            models.Index(
                fields=["not_before"],
                condition=Q(state__in=["pending", "queued"]),
                name="request_notification_open",
            )
        ]

    def __str__(self):
        return f"{self.request} · {self.get_kind_display()}"


class AuditEntry(models.Model):
    """One line of the append-only record of who saw or changed what."""

    class Action(models.TextChoices):
        DOCUMENT_VIEWED = "document_viewed", _("Document viewed")
        TRANSITION = "transition", _("Status changed")
        ASSIGNED = "assigned", _("Officer assigned")
        EXPORT = "export", _("Export")
        PURGE = "purge", _("Personal data deleted")

    created_at = models.DateTimeField(_("when"), default=timezone.now, editable=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    # Kept as text as well: the record outlives accounts and purged requests.
    actor_name = models.CharField(_("who"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    request = models.ForeignKey(
        ServiceRequest,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("request"),
    )
    reference = models.CharField(_("reference"), max_length=20, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["reference"], name="audit_reference")]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_name} {self.action}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("The audit log is append-only.")

    def sentence(self) -> str:
        """The detail as a sentence in the active language; "" when the line has none.

        The stored detail keeps its codes (it is the record); only its reading is translated.
        A detail this does not know how to say (an older shape) is given as it is stored.
        """
        detail = self.detail or {}
        if not detail:
            return ""
        try:
            return self._sentence(detail)
        except (KeyError, TypeError, ValueError):
            return json.dumps(detail, ensure_ascii=False, sort_keys=True)

    def _sentence(self, detail: dict) -> str:
        def status(code):
            return ServiceRequest.Status(code).label if code else "–"

        if self.action == self.Action.TRANSITION:
            return gettext("Status changed from “%(from)s” to “%(to)s”.") % {
                "from": status(detail["from_status"]),
                "to": status(detail["to_status"]),
            }
        if self.action == self.Action.ASSIGNED:
            officer, previous = detail["officer"], detail.get("previous_officer", "")
            if officer and previous:
                text = gettext("Reassigned from %(previous)s to %(officer)s.")
            elif officer:
                text = gettext("Assigned to %(officer)s.")
            else:
                text = gettext("No longer assigned to %(previous)s.")
            return text % {"officer": officer, "previous": previous or "–"}
        if self.action == self.Action.DOCUMENT_VIEWED:
            return gettext("Viewed the document “%(name)s”.") % {"name": detail["name"]}
        if self.action == self.Action.EXPORT:
            count = int(detail["count"])
            text = ngettext(
                "Exported %(count)d request as %(format)s.",
                "Exported %(count)d requests as %(format)s.",
                count,
            ) % {"count": count, "format": str(detail["format"]).upper()}
            if detail.get("filters"):
                text += " " + gettext("Filters: %(filters)s") % {"filters": detail["filters"]}
            return text
        if self.action == self.Action.PURGE:
            references = list(detail["references"])
            documents = int(detail.get("documents", 0))
            return " ".join(
                (
                    ngettext(
                        "Personal data of %(count)d request deleted after %(days)d days: "
                        "%(references)s.",
                        "Personal data of %(count)d requests deleted after %(days)d days: "
                        "%(references)s.",
                        len(references),
                    )
                    % {
                        "count": len(references),
                        "days": int(detail["retention_days"]),
                        "references": ", ".join(references),
                    },
                    ngettext(
                        "%(count)d document deleted.", "%(count)d documents deleted.", documents
                    )
                    % {"count": documents},
                )
            )
        raise ValueError(self.action)


class RequestStatistic(models.Model):
    """Anonymous counts of closed requests whose personal data was deleted."""

    package = models.ForeignKey(
        ServicePackage,
        on_delete=models.CASCADE,
        related_name="statistics",
        verbose_name=_("service package"),
    )
    month = models.DateField(_("month submitted"))
    status = models.CharField(
        _("final status"), max_length=16, choices=ServiceRequest.Status.choices
    )
    enterprise_type = models.CharField(
        _("type of enterprise"), max_length=24, choices=ServiceRequest.EnterpriseType.choices
    )
    count = models.PositiveIntegerField(_("requests"), default=0)

    class Meta:
        # Named for what they are: the page shows them beside the live counts.
        verbose_name = _("anonymised request count")
        verbose_name_plural = _("request counts (live and anonymised)")
        ordering = ["-month", "package"]
        constraints = [
            models.UniqueConstraint(
                fields=["package", "month", "status", "enterprise_type"],
                name="request_statistic_unique",
            )
        ]

    def __str__(self):
        return f"{self.package} {self.month:%Y-%m} {self.status}: {self.count}"


def _draft_path(instance, filename):
    return f"request-drafts/{instance.draft_id}/{uuid.uuid4().hex}"


class RequestDraftQuerySet(models.QuerySet):
    def stale(self, *, now):
        """Drafts for the purge: untouched for SERVICE_DRAFT_MAX_AGE_HOURS, or for
        SERVICE_DRAFT_UNANSWERED_MAX_AGE_MINUTES when they hold uploads only (a draft keeps
        answers once they all passed: until then the form's answers were never right)."""
        hours = timedelta(hours=settings.SERVICE_DRAFT_MAX_AGE_HOURS)
        minutes = timedelta(minutes=settings.SERVICE_DRAFT_UNANSWERED_MAX_AGE_MINUTES)
        return self.filter(Q(updated_at__lt=now - hours) | Q(updated_at__lt=now - minutes, data={}))


class RequestDraft(models.Model):
    """Answers and checked uploads between the form and "check your answers"."""

    package = models.ForeignKey(ServicePackage, on_delete=models.CASCADE, related_name="+")
    data = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RequestDraftQuerySet.as_manager()

    class Meta:
        verbose_name = _("request draft")
        verbose_name_plural = _("request drafts")

    def __str__(self):
        return f"{self.package} draft {self.pk}"

    @property
    def uploads_only(self) -> bool:
        """No answers kept yet, only uploads: the purge takes it sooner (see `stale`)."""
        return not self.data


class DraftDocument(models.Model):
    """A checked and cleaned upload waiting in a draft."""

    draft = models.ForeignKey(RequestDraft, on_delete=models.CASCADE, related_name="documents")
    required_document = models.ForeignKey(
        RequiredDocument, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    file = models.FileField(upload_to=_draft_path, storage=private_storage, max_length=200)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("draft document")
        verbose_name_plural = _("draft documents")

    def __str__(self):
        return self.original_name


class UploadUsage(models.Model):
    """The bytes the request form stored for one client address on one day (Beijing time).

    The address is kept only as a keyed hash of it and the day, and the row goes the day
    after: enough to hold the daily quota, not to follow anyone from one day to the next.
    """

    day = models.DateField()
    client_hash = models.CharField(max_length=64)
    stored_bytes = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("upload usage")
        verbose_name_plural = _("upload usage")
        constraints = [
            models.UniqueConstraint(fields=["day", "client_hash"], name="upload_usage_per_day")
        ]

    def __str__(self):
        return f"{self.day} {self.client_hash[:8]}"
