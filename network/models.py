import uuid
from datetime import date

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person who can sign in: professional, jongere, JIM or coordinator. E-mail is the login."""

    username = None
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(_("e-mail address"), unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["first_name", "last_name", "email"]
        constraints = [
            # Milan@… and milan@… are one person: sign-in ignores case, so must accounts.
            models.UniqueConstraint(
                Lower("email"),
                name="user_email_unique_ignoring_case",
                violation_error_message=_("Someone with this e-mail address already exists."),
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.email


class Organisation(models.Model):
    """A ketenpartner: an organisation whose professionals work in plans."""

    class Kind(models.TextChoices):
        WIJKTEAM = "wijkteam", _("Neighbourhood team")
        JEUGDHULP = "jeugdhulp", _("Youth care")
        ONDERWIJS = "onderwijs", _("Education")
        WERK_INKOMEN = "werk_inkomen", _("Work and income")
        WMO = "wmo", _("Wmo")
        WOONBEGELEIDING = "woonbegeleiding", _("Supported housing")
        GEMEENTE = "gemeente", _("Municipality")
        OVERIG = "overig", _("Other")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    gemeente = models.CharField(
        _("municipality"),
        max_length=100,
        help_text=_("The figures of a municipality count the plans of its young people."),
    )
    members = models.ManyToManyField(
        User, through="Membership", related_name="organisations", verbose_name=_("members")
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["gemeente", "name"]
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "name"], name="organisation_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A professional works for an organisation (and may lead its team)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    is_team_lead = models.BooleanField(
        _("team lead"),
        default=False,
        help_text=_("A team lead sees which plans the team works in, not what is in them."),
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="membership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation}"


class Doelgroep(models.TextChoices):
    STATUSHOUDER = "statushouder", _("Refugee with a residence permit")
    ZWERFJONGERE = "zwerfjongere", _("Homeless youth")
    LVB = "lvb", _("Mild intellectual disability")
    AFSTAND_ARBEIDSMARKT = "afstand_arbeidsmarkt", _("Distance to the labour market")


def validate_doelgroepen(value) -> None:
    if not isinstance(value, list) or any(v not in Doelgroep.values for v in value):
        raise ValidationError(
            _("Choose target groups from: %(choices)s."),
            params={"choices": ", ".join(Doelgroep.values)},
        )


TARGET_GROUP_AGES = (12, 27)


def in_target_group(birth_date: date, today: date) -> bool:
    """A young person in toekomstplan is between 12 and 27 years old on `today`: the target
    group (16-27), with room to start early (sometimes from 14)."""
    if birth_date > today:
        return False
    years = (today.year - birth_date.year) - (
        (today.month, today.day) < (birth_date.month, birth_date.day)
    )
    return TARGET_GROUP_AGES[0] <= years <= TARGET_GROUP_AGES[1]


class Jongere(models.Model):
    """The young person a plan belongs to. They own their plan."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    birth_date = models.DateField(_("date of birth"))
    gemeente = models.CharField(_("municipality"), max_length=100)
    doelgroepen = models.JSONField(
        _("target groups"), default=list, blank=True, validators=[validate_doelgroepen]
    )
    known_by = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="known_jongeren",
        verbose_name=_("known to organisation"),
        help_text=_(
            "The organisation (often jeugdhulp) that knows this young person. From 15½ without "
            "a plan, the young person shows up as a signal for this organisation."
        ),
    )
    user = models.OneToOneField(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="jongere",
        verbose_name=_("account"),
    )

    class Meta:
        verbose_name = _("young person")
        verbose_name_plural = _("young people")
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def age_on(self, day: date) -> tuple[int, int]:
        """Age in whole years and months on the given day."""
        months = (day.year - self.birth_date.year) * 12 + day.month - self.birth_date.month
        if day.day < self.birth_date.day:
            months -= 1
        return divmod(months, 12)


class NetworkMember(models.Model):
    """Someone from the jongere's own network; one of them may be their JIM."""

    class Relation(models.TextChoices):
        OUDER = "ouder", _("Parent")
        FAMILIE = "familie", _("Family")
        VRIEND = "vriend", _("Friend")
        BUUR = "buur", _("Neighbour")
        MENTOR = "mentor", _("Mentor")
        ERVARINGSDESKUNDIGE = "ervaringsdeskundige", _("Peer expert")
        OVERIG = "overig", _("Other")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    jongere = models.ForeignKey(Jongere, on_delete=models.CASCADE, related_name="network")
    name = models.CharField(_("name"), max_length=200)
    relation = models.CharField(_("relation"), max_length=20, choices=Relation.choices)

    class Closeness(models.IntegerChoices):
        CLOSE = 1, _("Very close")
        NEAR = 2, _("Close")
        FURTHER = 3, _("Further away")

    is_jim = models.BooleanField(_("JIM"), default=False)
    closeness = models.PositiveSmallIntegerField(
        _("how close"), choices=Closeness.choices, default=Closeness.NEAR
    )
    version = models.PositiveIntegerField(default=1)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    user = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="network_memberships",
        verbose_name=_("account"),
    )

    class Meta:
        verbose_name = _("network member")
        verbose_name_plural = _("network members")
        ordering = ["-is_jim", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["jongere"], condition=Q(is_jim=True), name="networkmember_one_jim"
            ),
        ]

    def __str__(self) -> str:
        return self.name
