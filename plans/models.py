import hashlib
import hmac
import json
import uuid
from datetime import UTC

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import UserObjectPermissionBase

from domains.models import ChecklistItem, Leefdomein, PlanTemplate
from network.models import Jongere, NetworkMember, Organisation
from plans.storage import PrivateStorage


class Toekomstplan(models.Model):
    """The one leading plan of a jongere: the jongere owns it, every supporter works in it."""

    class Phase(models.TextChoices):
        WIE = "wie", _("WHO")
        WAT = "wat", _("WHAT")
        HOE = "hoe", _("HOW")

    class Status(models.TextChoices):
        ACTIEF = "actief", _("Active")
        LOSGELATEN = "losgelaten", _("Let go")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    jongere = models.OneToOneField(
        Jongere, on_delete=models.PROTECT, related_name="plan", verbose_name=_("young person")
    )
    phase = models.CharField(_("phase"), max_length=3, choices=Phase.choices, default=Phase.WIE)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.ACTIEF
    )
    regisseur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="plans_as_regisseur",
        verbose_name=_("case director"),
    )
    template = models.ForeignKey(
        PlanTemplate,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("template"),
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("last activity"), default=timezone.now)
    let_go_at = models.DateTimeField(_("let go at"), null=True, blank=True)
    let_go_reason = models.TextField(_("reason for letting go"), blank=True)
    # Moves with every logged change of the plan's data (audit.record, in the same statement as
    # the entry): pages rendered for one data version are kept per process (plans.fragments).
    data_version = models.PositiveBigIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("future plan")
        verbose_name_plural = _("future plans")
        ordering = ["jongere__last_name", "jongere__first_name"]
        permissions = [
            ("edit_plan_content", _("Can change domains, goals and actions")),
            ("manage_roles", _("Can grant and revoke roles")),
            ("view_risicotaxatie", _("Can see the risk assessment")),
            ("view_logboek", _("Can see the access log")),
            ("view_shared", _("Can see the sections the young person shares")),
        ]

    def __str__(self) -> str:
        return str(_("Future plan of %(name)s") % {"name": self.jongere.full_name})


class ToekomstplanUserObjectPermission(UserObjectPermissionBase):
    """Guardian's object permissions with a real foreign key to the plan (fast, and cascades)."""

    content_object = models.ForeignKey(Toekomstplan, on_delete=models.CASCADE)


class PlanRole(models.Model):
    """A person's role in one plan. Roles are the only thing that hands out access to a plan."""

    class Role(models.TextChoices):
        JONGERE = "jongere", _("Young person")
        REGISSEUR = "regisseur", _("Case director")
        PROFESSIONAL = "professional", _("Professional")
        JIM = "jim", _("JIM")
        NETWERK = "netwerk", _("Network")

    PROFESSIONAL_ROLES = (Role.REGISSEUR, Role.PROFESSIONAL)

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Toekomstplan, on_delete=models.CASCADE, related_name="roles")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="plan_roles"
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plan_roles",
        verbose_name=_("organisation"),
    )
    network_member = models.ForeignKey(
        NetworkMember,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plan_roles",
        verbose_name=_("network member"),
    )
    shared_sections = models.JSONField(
        _("shared sections"),
        default=list,
        blank=True,
        help_text=_("What the young person shares with this person (JIM, network), or grants."),
    )
    granted_at = models.DateTimeField(_("granted at"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    story_seen_at = models.DateTimeField(
        _("story read at"),
        null=True,
        blank=True,
        help_text=_("When this person first read the young person's story (shown first)."),
    )
    portal_seen_at = models.DateTimeField(
        _("last portal visit"),
        null=True,
        blank=True,
        help_text=_("The portal shows what is new since this moment."),
    )
    # The plan's data version at that visit: while it has not moved, nothing is new.
    portal_seen_version = models.PositiveBigIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["granted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "user"],
                condition=Q(revoked_at__isnull=True),
                name="planrole_one_active_role_per_person",
            ),
            models.UniqueConstraint(
                fields=["plan"],
                condition=Q(revoked_at__isnull=True, role="regisseur"),
                name="planrole_one_regisseur",
            ),
            models.CheckConstraint(
                condition=~Q(role__in=["regisseur", "professional"])
                | Q(organisation__isnull=False),
                name="planrole_professional_has_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class SupportNeeded(models.TextChoices):
    GEEN = "geen", _("None")
    LICHT = "licht", _("Light")
    INTENSIEF = "intensief", _("Intensive")


class Stability(models.IntegerChoices):
    """The zelfredzaamheid scale."""

    ACUUT = 1, _("Acute problems")
    NIET = 2, _("Not self-reliant")
    BEPERKT = 3, _("Limited self-reliance")
    VOLDOENDE = 4, _("Sufficiently self-reliant")
    VOLLEDIG = 5, _("Fully self-reliant")


class DomainAssessment(models.Model):
    """Where the jongere stands on one leefdomein: their words, the support needed, stability."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Toekomstplan, on_delete=models.CASCADE, related_name="assessments")
    leefdomein = models.ForeignKey(
        Leefdomein, on_delete=models.PROTECT, related_name="+", verbose_name=_("life domain")
    )
    situation = models.TextField(_("situation, in the young person's words"), blank=True)
    wish = models.TextField(_("wish, in the young person's words"), blank=True)
    support_needed = models.CharField(
        _("support needed"), max_length=10, choices=SupportNeeded.choices, blank=True
    )
    stability = models.PositiveSmallIntegerField(
        _("stability"),
        choices=Stability.choices,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    words_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("words written by"),
    )
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("domain assessment")
        verbose_name_plural = _("domain assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "leefdomein"], name="assessment_one_per_domain"
            ),
            models.CheckConstraint(
                condition=Q(stability__isnull=True) | Q(stability__gte=1, stability__lte=5),
                name="assessment_stability_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan_id} – {self.leefdomein_id}"


class StabilityScore(models.Model):
    """One recorded stability score: the history of a domain's zelfredzaamheid."""

    assessment = models.ForeignKey(
        DomainAssessment, on_delete=models.CASCADE, related_name="history"
    )
    score = models.PositiveSmallIntegerField(_("score"), choices=Stability.choices)
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("stability score")
        verbose_name_plural = _("stability scores")
        ordering = ["recorded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=5), name="stabilityscore_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.score} ({self.recorded_at:%Y-%m-%d})"


class Goal(models.Model):
    """A goal on one leefdomein, in the jongere's own words."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        BEREIKT = "bereikt", _("Reached")
        GESTOPT = "gestopt", _("Stopped")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Toekomstplan, on_delete=models.CASCADE, related_name="goals")
    leefdomein = models.ForeignKey(
        Leefdomein, on_delete=models.PROTECT, related_name="+", verbose_name=_("life domain")
    )
    text = models.TextField(_("goal"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text


class Action(models.Model):
    """Who does what by when for a goal: a professional, the jongere or the network."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="actions")
    text = models.TextField(_("what"))
    assignee_role = models.ForeignKey(
        PlanRole,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("who (role)"),
    )
    assignee_member = models.ForeignKey(
        NetworkMember,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("who (network)"),
    )
    due_date = models.DateField(_("by when"), null=True, blank=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["due_date", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(assignee_role__isnull=True) | Q(assignee_member__isnull=True),
                name="action_one_assignee",
            ),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def assignee_name(self) -> str:
        if self.assignee_role_id:
            return str(self.assignee_role.user)
        if self.assignee_member_id:
            return self.assignee_member.name
        return ""


class ChecklistEntry(models.Model):
    """The jongere's progress on one item of the 18-checklist."""

    class Status(models.TextChoices):
        TODO = "todo", _("To do")
        GEREGELD = "geregeld", _("Arranged")
        NVT = "nvt", _("Not applicable")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Toekomstplan, on_delete=models.CASCADE, related_name="checklist")
    item = models.ForeignKey(ChecklistItem, on_delete=models.PROTECT, related_name="entries")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.TODO
    )
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("checklist entry")
        verbose_name_plural = _("checklist entries")
        constraints = [
            models.UniqueConstraint(fields=["plan", "item"], name="checklistentry_one_per_item"),
        ]

    def __str__(self) -> str:
        return f"{self.item} – {self.get_status_display()}"


class StoryItem(models.Model):
    """One piece of "Mijn verhaal", told once: a moment on the levenslijn, a dream, a quality.

    The jongere decides per item who sees it; new professionals read it before anything else.
    """

    class Kind(models.TextChoices):
        MOMENT = "moment", _("Moment in my life")
        DROOM = "droom", _("Dream")
        KWALITEIT = "kwaliteit", _("Quality")

    class Audience(models.TextChoices):
        ALLEEN_IK = "alleen_ik", _("Only me")
        BEGELEIDERS = "begeleiders", _("My counsellors")
        IEDEREEN = "iedereen", _("My counsellors and my own people")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Toekomstplan, on_delete=models.CASCADE, related_name="story")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    text = models.CharField(_("text"), max_length=500)
    age = models.PositiveSmallIntegerField(
        _("age at the time"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(30)],
        help_text=_("For a moment on the life line: how old the young person was."),
    )
    card = models.SlugField(
        _("quality card"),
        max_length=30,
        blank=True,
        help_text=_("The card the quality was chosen from; empty when written in own words."),
    )
    audience = models.CharField(
        _("who sees it"), max_length=12, choices=Audience.choices, default=Audience.BEGELEIDERS
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("story item")
        verbose_name_plural = _("story items")
        ordering = ["kind", "age", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "card"], condition=~Q(card=""), name="storyitem_card_once"
            ),
            models.CheckConstraint(
                condition=Q(age__isnull=True) | Q(age__lte=30), name="storyitem_age_max_30"
            ),
        ]

    def __str__(self) -> str:
        return self.text


# The quality cards a jongere picks from (plain words, "ik ..."), as in the Kinderperspectief
# camps; the jongere may also write a quality in their own words.
QUALITY_CARDS = {
    "helpen": _("I help others"),
    "doorzetten": _("I keep going"),
    "eerlijk": _("I am honest"),
    "grappig": _("I make people laugh"),
    "luisteren": _("I listen well"),
    "handig": _("I am good with my hands"),
    "creatief": _("I am creative"),
    "sportief": _("I am good at sports"),
    "zorgzaam": _("I take care of others"),
    "rustig": _("I stay calm"),
    "nieuwsgierig": _("I want to learn new things"),
    "betrouwbaar": _("People can count on me"),
    "moedig": _("I dare to try things"),
    "praten": _("I talk easily with people"),
    "netjes": _("I work neatly"),
    "dieren": _("I am good with animals"),
}


class Section(models.TextChoices):
    """Parts of a plan the jongere can share, one by one, with their JIM and network."""

    VERHAAL = "verhaal", _("My story (situation and wish)")
    DOELEN = "doelen", _("Goals")
    ACTIES = "acties", _("Actions")
    CHECKLIST = "checklist", _("What to arrange around 18")
    ZORG = "zorg", _("Care and health")
    RISICOTAXATIE = "risicotaxatie", _("Safety plan (risk assessment)")


DEFAULT_SHARED_SECTIONS = [Section.DOELEN, Section.ACTIES, Section.CHECKLIST]


class RiskAssessment(models.Model):
    """The risicotaxatie: sensitive, never shown to JIM or network unless the jongere shares it."""

    class Level(models.TextChoices):
        LAAG = "laag", _("Low")
        MIDDEN = "midden", _("Medium")
        HOOG = "hoog", _("High")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.OneToOneField(
        Toekomstplan, on_delete=models.CASCADE, related_name="risk_assessment"
    )
    risk_factors = models.TextField(_("risk factors"), blank=True)
    protective_factors = models.TextField(_("protective factors"), blank=True)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, blank=True)
    safety_agreements = models.TextField(_("safety agreements"), blank=True)
    review_date = models.DateField(_("review date"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("risk assessment")
        verbose_name_plural = _("risk assessments")

    def __str__(self) -> str:
        return f"{self.plan_id} – {self.level}"


class Invitation(models.Model):
    """An invitation by e-mail into one plan with one role. Works once, until it expires."""

    TOKEN_SALT = "toekomstplan.invitation"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Toekomstplan, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=12, choices=PlanRole.Role.choices)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    network_member = models.ForeignKey(
        NetworkMember, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(role="regisseur"), name="invitation_no_regisseur"),
        ]

    def __str__(self) -> str:
        return f"{self.email} – {self.get_role_display()}"

    @property
    def is_open(self) -> bool:
        return (
            self.accepted_at is None
            and self.cancelled_at is None
            and self.expires_at > timezone.now()
        )


class Handover(models.Model):
    """Warme overdracht: the regisseur role moves to a professional of another organisation.

    The plan travels with the jongere; nothing in it is rewritten.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Toekomstplan, on_delete=models.CASCADE, related_name="handovers")
    from_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    from_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="handovers_received"
    )
    to_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(_("handover note"))
    stays_involved = models.BooleanField(_("stays involved as professional"), default=False)
    proposed_at = models.DateTimeField(_("proposed at"), default=timezone.now)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    class Meta:
        verbose_name = _("handover")
        verbose_name_plural = _("handovers")
        ordering = ["-proposed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan"],
                condition=Q(accepted_at__isnull=True, cancelled_at__isnull=True),
                name="handover_one_open_per_plan",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_user_id} → {self.to_user_id}"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.cancelled_at is None


class AppendOnlyError(Exception):
    """Raised when code tries to change or delete an access log entry."""


class AccessLogQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Access log entries cannot be changed.")

    def delete(self):
        raise AppendOnlyError("Access log entries cannot be deleted.")

    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnlyError("Access log entries cannot be changed.")


class AccessLogEntry(models.Model):
    """One read or write of plan data: who, in which role and organisation, what, when, outcome.

    Append-only: the jongere must be able to trust the list of who looked at their plan.
    """

    class Action(models.TextChoices):
        VIEW = "view", _("viewed")
        CREATE = "create", _("created")
        UPDATE = "update", _("changed")
        DELETE = "delete", _("deleted")
        EXPORT = "export", _("exported")
        SHARE = "share", _("shared")
        REFUSED = "refused", _("was refused")

    class Outcome(models.TextChoices):
        SUCCESS = "success", _("success")
        REFUSED = "refused", _("refused")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    role = models.CharField(_("role"), max_length=12, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    plan = models.ForeignKey(
        Toekomstplan,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="access_log",
        verbose_name=_("plan"),
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    object_type = models.CharField(_("object type"), max_length=50)
    object_uuid = models.UUIDField(_("object"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.SUCCESS
    )
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("from address"), null=True, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=300, blank=True)
    prev_hash = models.CharField(_("previous hash"), max_length=64, blank=True)
    entry_hash = models.CharField(_("hash"), max_length=64, blank=True)
    # The chain the entry was appended to: its plan's id, or for an entry without a plan its
    # person's own chain (minus their user id), so that the caseload views of a whole gemeente
    # do not queue for one anchor. Empty on entries from before there were chains per person:
    # those are in their plan's chain, or in chain 0.
    chain = models.BigIntegerField(_("chain"), null=True, blank=True, editable=False)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log entries")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["plan", "-created_at"], name="accesslog_plan_time"),
            models.Index(fields=["plan", "-id"], name="accesslog_plan_chain"),
            models.Index(fields=["actor", "-created_at"], name="accesslog_actor_time"),
            # Voortgang lists a plan's writes, newest first: without this it read every view of
            # the plan to find them (thousands in a year of a busy plan).
            models.Index(
                fields=["plan", "-created_at", "-id"],
                name="accesslog_plan_writes",
                condition=Q(outcome="success") & ~Q(action__in=["view", "refused"]),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_id} {self.action} {self.object_type}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("Access log entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Access log entries cannot be deleted.")

    @property
    def in_chain(self) -> int:
        """The chain this entry belongs to (see `chain`)."""
        if self.chain is not None:
            return self.chain
        return self.plan_id or 0

    @staticmethod
    def chain_for(*, actor_id: int | None, plan_id: int | None) -> int:
        """Where a new entry goes: its plan's chain; without a plan, its person's own chain
        (negative, so it never meets a plan's); without either, chain 0."""
        if plan_id is not None:
            return plan_id
        return -actor_id if actor_id is not None else 0

    def chain_content(self) -> str:
        """The canonical text the hash covers: every recorded fact plus the previous hash."""
        return json.dumps(
            [
                str(self.uuid),
                self.created_at.astimezone(UTC).isoformat(),
                self.actor_id,
                self.role,
                self.organisation_id,
                self.plan_id,
                self.action,
                self.object_type,
                str(self.object_uuid) if self.object_uuid else None,
                self.outcome,
                self.detail,
                self.ip_address,
                self.user_agent,
                self.prev_hash,
            ],
            sort_keys=True,
            separators=(",", ":"),
            ensure_ascii=False,
        )

    def compute_hash(self) -> str:
        """HMAC-SHA256 with a key kept outside the database: whoever can only write the database
        cannot forge a chain that verifies."""
        key = settings.ACCESS_LOG_KEY.encode()
        return hmac.new(key, self.chain_content().encode(), hashlib.sha256).hexdigest()


class AccessLogHead(models.Model):
    """The anchor of one access-log chain (a plan's id; for entries without a plan, minus the
    person's user id, or 0): the last hash and the number of entries. Removing entries from the
    end of a chain shows up here."""

    chain = models.BigIntegerField(unique=True)
    last_hash = models.CharField(max_length=64)
    entries = models.PositiveBigIntegerField(default=0)
    seal = models.CharField(max_length=64, default="")

    class Meta:
        verbose_name = _("access log anchor")
        verbose_name_plural = _("access log anchors")

    def __str__(self) -> str:
        return f"{self.chain}: {self.entries}"

    @staticmethod
    def compute_seal(chain: int, last_hash: str, entries: int) -> str:
        """A keyed hash over the anchor itself, so it cannot be moved back to hide a deletion."""
        message = f"{chain}:{last_hash}:{entries}".encode()
        return hmac.new(settings.ACCESS_LOG_KEY.encode(), message, hashlib.sha256).hexdigest()


class ReminderRule(models.Model):
    """When to remind whom of what: at an age (years and months) or on an event of the plan.

    Kept by gemeente coordinators in the admin; the message is plain Dutch, written by them.
    The seeds' promise is "start on time": people forget dates, the product must not.
    """

    class Trigger(models.TextChoices):
        AGE = "age", _("Age of the young person")
        ACTION_DUE_TOMORROW = "action_due_tomorrow", _("An action is due tomorrow")
        ACTION_OVERDUE = "action_overdue", _("An action is overdue")
        REVIEW_PASSED = "review_passed", _("The review date of the plan has passed")

    class Audience(models.TextChoices):
        JONGERE = "jongere", _("Young person")
        JIM = "jim", _("JIM")
        REGISSEUR = "regisseur", _("Case director")
        PROFESSIONALS = "professionals", _("All professionals in the plan")
        ASSIGNEE = "assignee", _("Who does the action")

    code = models.SlugField(
        _("code"),
        max_length=60,
        unique=True,
        help_text=_("A short fixed name for the rule; keep it once reminders have been sent."),
    )
    name = models.CharField(
        _("name"), max_length=120, help_text=_("For the admin and the figures; not sent.")
    )
    trigger = models.CharField(
        _("when"),
        max_length=30,
        choices=Trigger.choices,
        default=Trigger.AGE,
        help_text=_("At an age of the young person, or when something happens in the plan."),
    )
    age_years = models.PositiveSmallIntegerField(
        _("age: years"),
        null=True,
        blank=True,
        help_text=_("For a reminder at an age: the years (e.g. 17). Empty for the other kinds."),
    )
    age_months = models.PositiveSmallIntegerField(
        _("age: months"),
        default=0,
        validators=[MaxValueValidator(11)],
        help_text=_("And the months on top (0–11): 17 years and 9 months is 3 months before 18."),
    )
    audience = models.CharField(
        _("for whom"),
        max_length=20,
        choices=Audience.choices,
        help_text=_("Who gets the reminder; people without a role in the plan never do."),
    )
    title = models.CharField(
        _("title"), max_length=150, help_text=_("Short, shown in the notifications.")
    )
    message = models.TextField(
        _("message"),
        help_text=_("Plain Dutch. {naam} becomes the young person's first name."),
    )
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Switch off to stop sending; nothing is lost.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("reminder rule")
        verbose_name_plural = _("reminder rules")
        ordering = ["order", "age_years", "age_months", "code"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(trigger="age") | Q(age_years__isnull=False),
                name="reminderrule_age_needs_years",
            ),
            models.CheckConstraint(
                condition=Q(age_months__lte=11), name="reminderrule_months_0_to_11"
            ),
            models.CheckConstraint(
                condition=Q(trigger__in=["action_due_tomorrow", "action_overdue"])
                | ~Q(audience="assignee"),
                name="reminderrule_assignee_only_for_actions",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def text_for(self, first_name: str) -> tuple[str, str]:
        """Title and message with the young person's first name filled in."""
        return (
            self.title.replace("{naam}", first_name),
            self.message.replace("{naam}", first_name),
        )


class Reminder(models.Model):
    """One reminder of one rule for one person about one plan, recorded before it is sent.

    The unique constraint makes the sweep idempotent: a rerun, a second beat or a crash
    halfway never sends twice. `occasion` tells apart the events of event rules (which action,
    which review date); it is empty for age rules.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("To send")
        SENT = "sent", _("Sent")
        SKIPPED = "skipped", _("Not sent (no longer has a role)")

    plan = models.ForeignKey(Toekomstplan, on_delete=models.CASCADE, related_name="reminders")
    rule = models.ForeignKey(ReminderRule, on_delete=models.CASCADE, related_name="reminders")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders"
    )
    occasion = models.CharField(max_length=64, blank=True, default="")
    due_date = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-due_date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "rule", "recipient", "occasion"],
                name="reminder_once_per_plan_rule_recipient",
            ),
        ]
        indexes = [
            models.Index(fields=["status"], condition=Q(status="pending"), name="reminder_pending"),
        ]

    def __str__(self) -> str:
        return f"{self.rule_id} → {self.recipient_id} ({self.due_date})"


class Notification(models.Model):
    """A message in the app, shown in the header and on /meldingen/. Only its recipient sees it,
    and only while they still have a role in the plan it is about."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    plan = models.ForeignKey(
        Toekomstplan,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
    )
    reminder = models.OneToOneField(
        Reminder, on_delete=models.CASCADE, null=True, blank=True, related_name="notification"
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("message"), blank=True)
    link = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="notification_user_time"),
        ]

    def __str__(self) -> str:
        return self.title


def _export_path(instance: "PlanExport", filename: str) -> str:
    return f"exports/{instance.created_at:%Y/%m}/{instance.uuid}.pdf"


class PlanExport(models.Model):
    """A PDF of a plan rendered by Celery: who asked, which version, the file, how far it is.

    The file lies outside the public media folder and is served only through a view that asks
    plans/permissions.py; exports are removed after a week (a plan on paper is a copy that
    travels, so copies on the server should not linger).
    """

    class Version(models.TextChoices):
        PROFESSIONAL = "professional", _("Professionals' version")
        B1 = "b1", _("Version for the young person (plain language)")
        INZAGE = "inzage", _("Everything stored about the young person (inzage)")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RENDERING = "rendering", _("Being made")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Toekomstplan, on_delete=models.CASCADE, related_name="exports")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="plan_exports"
    )
    version = models.CharField(_("version"), max_length=12, choices=Version.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    file = models.FileField(_("file"), upload_to=_export_path, storage=PrivateStorage(), blank=True)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    size = models.PositiveIntegerField(_("size in bytes"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("PDF export")
        verbose_name_plural = _("PDF exports")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.plan_id} {self.version} {self.status}"

    @property
    def is_busy(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RENDERING)

    @property
    def filename(self) -> str:
        """The name the download gets: no name of the jongere in it (it shows in lists)."""
        return f"toekomstplan-{self.created_at:%Y%m%d-%H%M}-{self.version}.pdf"
