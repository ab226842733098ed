"""Abstract base models shared by every app."""

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Which value of a row goes to which field, per model and selected columns (see below).
_deferred_layouts: dict[tuple, tuple] = {}


class LeanLoadingModel(models.Model):
    """A model whose rows loaded with `.only()` cost no more than the columns they read.

    Django's `Model.from_db` finds the deferred fields of each row loaded with `.only()`
    by looking every field of the model up in the list of selected columns. A page's
    events, venues and partners have some 80 fields (one per language of each text) and
    read about 20: that search was the largest part of loading a page of cards. The
    places of the selected columns are worked out once per model and column list.
    (`from_db` is Django's documented hook for customising how rows are loaded.)
    """

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db, field_names, values):
        concrete_fields = cls._meta.concrete_fields
        if len(values) != len(concrete_fields):
            key = (cls, tuple(field_names))
            layout = _deferred_layouts.get(key)
            if layout is None:
                position = {name: index for index, name in enumerate(field_names)}
                layout = tuple(position.get(field.attname) for field in concrete_fields)
                if len(_deferred_layouts) > 10_000:  # only code makes column lists
                    _deferred_layouts.clear()
                _deferred_layouts[key] = layout
            values = [models.DEFERRED if index is None else values[index] for index in layout]
        new = cls(*values)
        new._state.adding = False
        new._state.db = db
        return new


class TimeStampedModel(LeanLoadingModel):
    """A model that records when it was created and last changed."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, editable=False)

    class Meta:
        abstract = True


class PublishingStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


class PublishableQuerySet(models.QuerySet):
    """Reads shared by every publishable model."""

    def published(self, *, now=None):
        """Published and due: `publish_at` empty or already past."""
        now = now or timezone.now()
        return self.filter(
            Q(publish_at__isnull=True) | Q(publish_at__lte=now),
            status=PublishingStatus.PUBLISHED,
        )

    def visible_to(self, user):
        """Published items; staff who may view this model also see drafts (preview)."""
        opts = self.model._meta
        if user.is_authenticated and user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            return self
        return self.published()

    def drafts(self):
        return self.filter(status=PublishingStatus.DRAFT)

    def archived(self):
        return self.filter(status=PublishingStatus.ARCHIVED)

    def scheduled(self, *, now=None):
        """Published with a `publish_at` still ahead: shown from then on."""
        now = now or timezone.now()
        return self.filter(status=PublishingStatus.PUBLISHED, publish_at__gt=now)

    def review_counts(self, *, now) -> dict:
        """{"drafts": n, "scheduled": n}: what waits for an editor, in one query."""
        return self.aggregate(
            drafts=Count("pk", filter=Q(status=PublishingStatus.DRAFT)),
            scheduled=Count("pk", filter=Q(status=PublishingStatus.PUBLISHED, publish_at__gt=now)),
        )


class PublishableModel(TimeStampedModel):
    """Content that staff draft, publish (optionally at a later time) and archive."""

    status = models.CharField(
        _("publishing status"),
        max_length=16,
        choices=PublishingStatus.choices,
        default=PublishingStatus.DRAFT,
        db_index=True,
    )
    publish_at = models.DateTimeField(
        _("publish at"),
        null=True,
        blank=True,
        help_text=_("Leave empty to publish immediately; set a time to publish later."),
    )

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_published(self):
        return self.status == PublishingStatus.PUBLISHED and (
            self.publish_at is None or self.publish_at <= timezone.now()
        )


class StaffLanguage(models.Model):
    """The language a staff member uses in the admin, for emails sent to them."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="staff_language",
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("staff language")
        verbose_name_plural = _("staff languages")

    def __str__(self):
        return f"{self.user_id}: {self.language}"


class GalleryPictureBase(LeanLoadingModel):
    """A described picture in some page's gallery; the concrete model adds its owner."""

    alt = models.CharField(
        _("description"),
        max_length=250,
        help_text=_("Describe the picture for visitors who cannot see it."),
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        abstract = True
        verbose_name = _("gallery picture")
        verbose_name_plural = _("gallery")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.caption or self.alt


class OutboxMessage(models.Model):
    """An email owed, written in the transaction that owes it; `apps/core/outbox.py` sends it.

    A concrete outbox adds its `state` (whose `State` has at least PENDING, QUEUED,
    SENDING, SENT and FAILED, and `OPEN_STATES` = pending and queued) and a unique
    constraint on its owner and `key`, and registers an `Outbox` for it.
    """

    # What makes the email unique for its owner: the row, not a Celery message, is sent once.
    key = models.CharField(max_length=40, editable=False)
    # When it may be tried next: when it is due, then later after each refusal.
    not_before = models.DateTimeField(_("next attempt"), default=timezone.now)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    queued_at = models.DateTimeField(_("handed to a worker"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Set while a worker holds the row in an SMTP conversation; a row left "sending"
    # long after this lost its worker (see OUTBOX_SENDING_TIMEOUT).
    sending_since = models.DateTimeField(_("sending since"), null=True, blank=True)
    # The first refusal of a run of refusals: the row fails once this is long enough ago.
    failing_since = models.DateTimeField(_("failing since"), null=True, blank=True)
    # When administrators were told that the row failed.
    alerted_at = models.DateTimeField(_("administrators told"), null=True, blank=True)

    class Meta:
        abstract = True


class ContentVersion(models.Model):
    """One row counting the changes to what the public pages show (`apps/core/content.py`).

    Every process compares its cached pages with this number: a change committed on one
    machine retires the pages cached by all of them within CONTENT_VERSION_CHECK_SECONDS.
    """

    number = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("content version")
        verbose_name_plural = _("content versions")

    def __str__(self):
        return str(self.number)


class Heartbeat(models.Model):
    """When a periodic task last ran: beat sent it and a worker did it (the overview's
    "last beat"). One row per name, overwritten each time."""

    BEAT = "beat"

    name = models.CharField(max_length=40, primary_key=True)
    at = models.DateTimeField()

    class Meta:
        verbose_name = _("heartbeat")
        verbose_name_plural = _("heartbeats")

    def __str__(self):
        return f"{self.name} {self.at:%Y-%m-%d %H:%M}"


class AppendOnlyModel(models.Model):
    """A record whose rows are only ever added: saving a stored row or deleting one raises.

    Bulk updates and deletes bypass these methods: a migration adds a PostgreSQL trigger
    that refuses them in the database as well (see `core/0004_security_event`).
    """

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError(f"{self._meta.verbose_name_plural} is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError(f"{self._meta.verbose_name_plural} is append-only.")


class AuditRecord(AppendOnlyModel):
    """A line of an audit log: when, who (also as text, so lines outlive accounts), what;
    the concrete log adds its `action` choices and what the line is about."""

    created_at = models.DateTimeField(_("when"), default=timezone.now, editable=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    actor_name = models.CharField(_("who"), max_length=150, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]


class SecurityEvent(AuditRecord):
    """One line of the security log: a staff login, a refusal, a change to a second factor.

    `actor` is who acted: the account itself, an administrator, or nobody (a command,
    the clock, a failed login).
    """

    class Action(models.TextChoices):
        LOGIN = "login", _("Logged in")
        LOGIN_FAILED = "login_failed", _("Wrong password")
        LOCKED_OUT = "locked_out", _("Refused: too many failed logins")
        CODE_FAILED = "code_failed", _("Wrong second-factor code")
        RECOVERY_CODE_USED = "recovery_code", _("Logged in with a recovery code")
        ENROLLED = "enrolled", _("Second factor set up")
        RECOVERY_CODES_REPLACED = "recovery_codes", _("New recovery codes")
        SECOND_FACTOR_RESET = "reset", _("Second factor reset")
        UNLOCKED = "unlocked", _("Failed logins cleared")
        SESSION_ENDED = "session_ended", _("Session ended")
        PASSWORD_LINK = "password_link", _("Password link issued")
        PASSWORD_SET = "password_set", _("Password set with a link")

    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    # The account concerned, as text: a failed login may name one that does not exist.
    username = models.CharField(_("account"), max_length=150, blank=True, db_index=True)
    address = models.CharField(_("client address"), max_length=64, blank=True)

    class Meta(AuditRecord.Meta):
        verbose_name = _("security event")
        verbose_name_plural = _("security log")
        indexes = [models.Index(fields=["created_at"], name="security_event_created")]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.username} {self.action}"


class PersonalDataAccess(AuditRecord):
    """One line of the personal-data log: a staff member saw, exported, changed or wrote to
    a list or a record of people's personal data (e.g. event registrants).

    The line says which data, how many rows, the event and the filters, never the
    personal data itself: a search term is kept only as the fact that one was used.
    """

    class Action(models.TextChoices):
        LIST_VIEWED = "list", _("List viewed")
        RECORD_VIEWED = "record", _("Record viewed")
        EXPORTED = "export", _("Exported")
        CHANGED = "change", _("Changed by an action")
        # A message written to people (e.g. an event's registrants): their addresses used.
        MESSAGED = "message", _("Message sent")

    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    # The model whose rows were seen, as its label ("events.registration").
    subject = models.CharField(_("data"), max_length=100, db_index=True)
    object_id = models.CharField(_("record"), max_length=64, blank=True)
    row_count = models.PositiveIntegerField(_("rows"), null=True, blank=True)

    class Meta(AuditRecord.Meta):
        verbose_name = _("personal data access")
        verbose_name_plural = _("personal data log")
        indexes = [models.Index(fields=["created_at"], name="personal_data_access_created")]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.subject}"


class StaffNotificationPreference(models.Model):
    """What a staff member is told by email, how, and in which language.

    A topic missing from `deliveries` has its default for the member's role (see
    `apps/core/staff_notifications.py`), so a new topic reaches the people it is for
    without a data migration.
    """

    class Delivery(models.TextChoices):
        OFF = "off", _("Not by email")
        IMMEDIATE = "immediate", _("At once, one email each")
        DIGEST = "digest", _("In a digest")

    DIGEST_CHOICES = (
        (15, _("every 15 minutes")),
        (30, _("every 30 minutes")),
        (60, _("every hour")),
        (240, _("every 4 hours")),
        (1440, _("once a day")),
    )

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="notification_preference",
    )
    # {topic key: Delivery}
    deliveries = models.JSONField(default=dict, blank=True)
    digest_minutes = models.PositiveSmallIntegerField(
        _("digest"), choices=DIGEST_CHOICES, default=60
    )
    # Empty: the language the member last used the admin in (StaffLanguage).
    language = models.CharField(
        _("language of the emails"), max_length=10, choices=settings.LANGUAGES, blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self):
        return str(self.user_id)


class StaffEmail(OutboxMessage):
    """An email to a staff member (or an ADMINS address): one notice, or a digest of
    several. Its notices are attached until it leaves `pending`; then it is fixed."""

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        QUEUED = "queued", _("Handed to a worker")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("Not needed any more")

    OPEN_STATES = (State.PENDING, State.QUEUED)

    address = models.EmailField(_("address"))
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("staff member"),
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    digest = models.BooleanField(_("digest"), default=False)
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.PENDING)

    class Meta:
        verbose_name = _("email to staff")
        verbose_name_plural = _("emails to staff")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["address", "key"], name="staff_email_once_per_key")
        ]
        indexes = [
            models.Index(
                fields=["not_before"],
                condition=Q(state__in=["pending", "queued"]),
                name="staff_email_open",
            )
        ]

    def __str__(self):
        return f"{self.address} · {self.key}"


class StaffNotice(models.Model):
    """Something a staff member is told of (a new request, a reply, failed emails), once
    per recipient and event: `key` names the event, unique per address."""

    topic = models.CharField(_("topic"), max_length=40)
    key = models.CharField(max_length=40, editable=False)
    address = models.EmailField(_("address"))
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("staff member"),
    )
    # Ids and references only: the email reads names and titles in its reader's language.
    params = models.JSONField(default=dict, blank=True)
    email = models.ForeignKey(
        StaffEmail,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notices",
        verbose_name=_("email"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("staff notice")
        verbose_name_plural = _("staff notices")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["address", "key"], name="staff_notice_once_per_key")
        ]

    def __str__(self):
        return f"{self.address} · {self.key}"
