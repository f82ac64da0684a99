import secrets
import uuid

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.validators import MinLengthValidator, RegexValidator
from django.db import models, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .roles import ROLE_GROUPS, InnoagentLevel, Role

DISPLAY_NAME_MAX_LENGTH = 40

display_name_validators = [
    MinLengthValidator(3),
    # An e-mail address or a web address as a display name would expose a person or spam.
    RegexValidator(
        r"[@/:]",
        inverse_match=True,
        message=_("A display name may not contain @, / or : characters."),
    ),
]


# Characters that end a line somewhere: in an e-mail header (where they are refused outright),
# or in str.splitlines(), which the mail library uses to check headers.
LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"

validate_single_line = RegexValidator(
    f"[{LINE_BREAKS}]",
    inverse_match=True,
    message=_("Write this on one line, without line breaks."),
    code="line_break",
)


def new_email_token_key():
    return secrets.token_urlsafe(16)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        return self.get(**{f"{self.model.USERNAME_FIELD}__iexact": username})


class User(AbstractBaseUser, PermissionsMixin):
    """A person on Kohtaamo. Known to others only by a display name: no real name is stored."""

    email = models.EmailField(_("e-mail address"), unique=True)
    display_name = models.CharField(
        _("display name"),
        max_length=DISPLAY_NAME_MAX_LENGTH,
        validators=display_name_validators,
        help_text=_("Shown to others instead of your name. It need not be your real name."),
    )
    role = models.CharField(
        _("role"), max_length=32, choices=Role.choices, default=Role.DEVELOPER_CLIENT
    )
    # The highest innoagent level the person holds, kept by accounts.qualifications from the
    # qualification rows (which carry the date and the training) so that every badge beside a
    # display name is read from the user row without another query.
    innoagent_level = models.PositiveSmallIntegerField(
        _("innoagent level"),
        choices=InnoagentLevel.choices,
        default=InnoagentLevel.NONE,
        editable=False,
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)
    # Set when the account, long unused, was warned that it will be deleted
    # (accounts.privacy.retention); a log-in clears it.
    inactivity_warned_at = models.DateTimeField(
        _("warned of inactivity"), null=True, blank=True, editable=False
    )
    terms_accepted_at = models.DateTimeField(
        _("terms and privacy notice accepted"), null=True, blank=True
    )
    # What the platform writes to this person (e-mail, notices) is in this language.
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    # Names the person in links sent by e-mail (accounts.emails) instead of their id. A new
    # key revokes every link sent so far: on a new password, and when the person asks.
    email_token_key = models.CharField(
        _("key of e-mailed links"),
        max_length=32,
        unique=True,
        default=new_email_token_key,
        editable=False,
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["display_name"]
        constraints = [
            models.UniqueConstraint(
                Lower("display_name"),
                name="accounts_user_display_name_unique_ci",
                violation_error_message=_("This display name is already in use."),
            ),
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._saved_role = self.role if self.pk else None
        self._saved_language = self.language if self.pk else None

    def __str__(self):
        return self.display_name

    def get_full_name(self):
        return self.display_name

    def get_short_name(self):
        return self.display_name

    @property
    def is_staff(self):
        """Django's notion of staff: may use the admin. Kohtaamo's staff is ``role``."""
        return self.is_superuser or self.role in ROLE_GROUPS

    @property
    def is_administrator(self):
        return self.is_superuser

    def save(self, *args, **kwargs):
        # set_password() leaves the new password in _password until it is saved; a rehash of
        # the same password at login clears it first, so only a real change revokes the links.
        if self.pk and self._password is not None:
            self.email_token_key = new_email_token_key()
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "email_token_key"}
        role_changed = self._saved_role != self.role
        language_changed = self._saved_language != self.language
        with transaction.atomic(using=kwargs.get("using")):
            super().save(*args, **kwargs)
            if role_changed:
                self.sync_role_groups()
            if (role_changed or language_changed) and self.is_staff:
                self.sync_admin_language()
        self._saved_role = self.role
        self._saved_language = self.language

    def revoke_email_links(self):
        """Make every link sent to this person by e-mail so far stop working."""
        self.email_token_key = new_email_token_key()
        self.save(update_fields=["email_token_key"])

    def sync_admin_language(self):
        """The Wagtail admin speaks the person's language too (it reads its own profile)."""
        from wagtail.users.models import UserProfile

        UserProfile.objects.update_or_create(
            user=self, defaults={"preferred_language": self.language}
        )

    def sync_role_groups(self):
        """Put the person in their role's group and out of the other role groups."""
        from django.contrib.auth.models import Group

        role_groups = Group.objects.filter(name__in=ROLE_GROUPS.values())
        self.groups.remove(*role_groups.exclude(name=ROLE_GROUPS.get(self.role)))
        if self.role in ROLE_GROUPS:
            group, _created = Group.objects.get_or_create(name=ROLE_GROUPS[self.role])
            self.groups.add(group)


class Notification(models.Model):
    """An in-app notice to one person (see accounts.notifications)."""

    recipient = models.ForeignKey(
        User, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="notifications"
    )
    # A short machine name of what happened, e.g. "panels.application_decided".
    kind = models.CharField(_("kind"), max_length=64)
    message = models.TextField(_("message"), max_length=1000)
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    # When the notice went out by e-mail, on its own or in a daily digest.
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="accounts_notif_unread")]

    def __str__(self):
        return self.message[:80]


class Delivery(models.TextChoices):
    IN_APP = "in_app", _("in Kohtaamo only")
    EMAIL = "email", _("by e-mail at once")
    DIGEST = "digest", _("in a daily e-mail digest")


class NotificationPreference(models.Model):
    """How one person wants to hear of one kind of notice. No row: the kind's default."""

    person = models.ForeignKey(
        User,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField(_("kind"), max_length=64)
    delivery = models.CharField(_("delivery"), max_length=16, choices=Delivery.choices)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "kind"], name="accounts_one_preference_per_kind"
            )
        ]

    def __str__(self):
        return f"{self.person} – {self.kind}: {self.delivery}"


class DataExportQuerySet(models.QuerySet):
    def own(self):
        """Exports a person asked for themselves (not those staff made for them)."""
        return self.filter(requested_by=models.F("person"))

    def made_by_staff(self):
        return self.exclude(requested_by=models.F("person"))

    def expired(self, now=None):
        return self.filter(expires_at__lte=now or timezone.now())


class DataExport(models.Model):
    """A copy of everything Kohtaamo holds about one person, as a ZIP (accounts.privacy.export).

    Kept in the database rather than under MEDIA_ROOT: nginx serves media by path, and this
    file must only ever reach its owner (or the staff member who made it), through a view
    that checks. The ZIP is deleted ``EXPORT_VALID_FOR`` after it was built; the row stays a
    while after that, so that the link says "expired" rather than "not found".
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(
        User, verbose_name=_("person"), on_delete=models.CASCADE, related_name="data_exports"
    )
    # The person themselves, or the staff member who made it for a request by post. Only the
    # requester can download it. Cascades too: nobody else could ever download it.
    requested_by = models.ForeignKey(
        User, verbose_name=_("requested by"), on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(_("requested"), default=timezone.now)
    ready_at = models.DateTimeField(_("ready"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"))
    content = models.BinaryField(_("ZIP file"), null=True, blank=True, editable=False)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)

    objects = DataExportQuerySet.as_manager()

    class Meta:
        verbose_name = _("data export")
        verbose_name_plural = _("data exports")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["person", "-created_at"], name="accounts_export_person")]

    def __str__(self):
        return f"{self.person} – {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_ready(self):
        return self.ready_at is not None

    @property
    def made_by_staff(self):
        return self.requested_by_id != self.person_id

    def is_expired(self, now=None):
        return self.expires_at <= (now or timezone.now())


# Following (accounts.follows) keeps its model in its package; importing it here makes it
# accounts' model, with accounts' migrations.
from .follows.models import Follow  # noqa: E402, F401
