"""What a plan holds: the leefdomeinen assessed, goals, actions, the checklist, the story and
the risicotaxatie."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from domains.models import ChecklistItem, Leefdomein
from network.models import NetworkMember
from plans.models.plan import PlanRole, Toekomstplan


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
