import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from network.models import Doelgroep, validate_doelgroepen


class Big5(models.TextChoices):
    """The five pillars of adulthood of toekomstgericht werken."""

    SUPPORT = "support", _("Support")
    WONEN = "wonen", _("Housing")
    SCHOOL_WERK = "school_werk", _("School and work")
    INKOMEN = "inkomen", _("Income")
    WELZIJN = "welzijn", _("Well-being")


BIG5_ORDER = [choice.value for choice in Big5]


class Leefdomein(models.Model):
    """One of NJi's eight life domains, placed in one Big5 pillar."""

    code = models.SlugField(
        _("code"),
        max_length=30,
        unique=True,
        help_text=_("Fixed name used by the software; it cannot be changed."),
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("As professionals and young people read it.")
    )
    big5 = models.CharField(
        _("Big5 pillar"),
        max_length=20,
        choices=Big5.choices,
        help_text=_("The pillar of adulthood this life domain counts towards in the figures."),
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Lower numbers come first in the plan.")
    )
    explanation = models.TextField(
        _("explanation in plain language"),
        help_text=_("Shown to the young person: short sentences, B1 level, addressed as 'je'."),
    )

    class Meta:
        verbose_name = _("life domain")
        verbose_name_plural = _("life domains")
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name


class ChecklistItem(models.Model):
    """Something to arrange around the 18th birthday (the 18-checklist)."""

    class Audience(models.TextChoices):
        JONGERE = "jongere", _("Young person")
        PROFESSIONAL = "professional", _("Professional")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.SlugField(_("code"), max_length=50, unique=True)
    title = models.CharField(
        _("title"), max_length=200, help_text=_("What to arrange, in a few words.")
    )
    explanation = models.TextField(_("explanation in plain language"))
    from_age = models.PositiveSmallIntegerField(
        _("matters from age"),
        help_text=_("From this age the item shows up on the young person's checklist."),
    )
    doelgroepen = models.JSONField(
        _("only for target groups"),
        default=list,
        blank=True,
        validators=[validate_doelgroepen],
        help_text=_("Empty means: for everyone."),
    )
    audience = models.CharField(
        _("for"), max_length=20, choices=Audience.choices, default=Audience.JONGERE
    )
    leefdomein = models.ForeignKey(
        Leefdomein,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="checklist_items",
        verbose_name=_("life domain"),
    )
    link = models.URLField(
        _("link"),
        blank=True,
        help_text=_("A page with more information, e.g. of the Rijksoverheid."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Switch off instead of deleting: plans that use the item keep it."),
    )

    class Meta:
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        ordering = ["order", "title"]

    def __str__(self) -> str:
        return self.title

    def applies_to(self, doelgroepen: list[str]) -> bool:
        return not self.doelgroepen or bool(set(self.doelgroepen) & set(doelgroepen))


class PlanTemplate(models.Model):
    """Suggestions for the plan of a jongere in one doelgroep: goals and checklist items."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    doelgroep = models.CharField(
        _("target group"), max_length=30, choices=Doelgroep.choices, unique=True
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("For professionals: when and why to choose this template."),
    )
    checklist_items = models.ManyToManyField(
        ChecklistItem, blank=True, related_name="templates", verbose_name=_("checklist items")
    )

    class Meta:
        verbose_name = _("plan template")
        verbose_name_plural = _("plan templates")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class TemplateGoal(models.Model):
    """A goal a template suggests, written as a jongere might say it."""

    template = models.ForeignKey(PlanTemplate, on_delete=models.CASCADE, related_name="goals")
    leefdomein = models.ForeignKey(
        Leefdomein, on_delete=models.PROTECT, related_name="+", verbose_name=_("life domain")
    )
    text = models.CharField(
        _("goal"),
        max_length=300,
        help_text=_("Written as the young person might say it; they can change it in their plan."),
    )
    actions = models.TextField(
        _("suggested actions"),
        blank=True,
        help_text=_(
            "One action per line: a first step towards this goal. In a new plan they start "
            "without a person or a date; the plan's people fill those in."
        ),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("suggested goal")
        verbose_name_plural = _("suggested goals")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text
