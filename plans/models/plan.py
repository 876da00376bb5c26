"""The plan and the roles people hold in it."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import UserObjectPermissionBase

from domains.models import PlanTemplate
from network.models import Jongere, NetworkMember, Organisation


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
    # Moves with every logged change of the plan's data (accesslog.chain.append, in the same
    # statement as the entry): pages rendered for one data version are kept (plans.fragments).
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


class Section(models.TextChoices):
    """Parts of a plan the jongere can share, one by one, with their JIM and network."""

    VERHAAL = "verhaal", _("My story (situation and wish)")
    DOELEN = "doelen", _("Goals")
    ACTIES = "acties", _("Actions")
    CHECKLIST = "checklist", _("What to arrange around 18")
    ZORG = "zorg", _("Care and health")
    RISICOTAXATIE = "risicotaxatie", _("Safety plan (risk assessment)")


DEFAULT_SHARED_SECTIONS = [Section.DOELEN, Section.ACTIES, Section.CHECKLIST]
