"""Forms of the professional's pages: parsing and field validation only."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from domains.models import Leefdomein, PlanTemplate
from network.models import Doelgroep, Jongere, NetworkMember, Organisation, User
from plans.models import (
    AccessLogEntry,
    Goal,
    RiskAssessment,
    Stability,
    SupportNeeded,
    Toekomstplan,
)

# The sections in the jongere's own words (B1, no jargon), for the portal.


class AccessLogFilterForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Action"),
        choices=[("", _("All actions")), *AccessLogEntry.Action.choices],
        required=False,
    )
    person = forms.ChoiceField(label=_("Person"), required=False)
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Up to and including"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", _("Everyone"))] + [
            (str(person.uuid), str(person)) for person in people
        ]

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("The end date is before the start date."))
        return data


class GoalForm(forms.Form):
    text = forms.CharField(
        label=_("Goal, in the young person's words"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    leefdomein = forms.ModelChoiceField(
        label=_("Life domain"), queryset=Leefdomein.objects.all(), empty_label=None
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    @classmethod
    def initial_for(cls, goal: Goal) -> dict:
        return {"text": goal.text, "leefdomein": goal.leefdomein_id, "version": goal.version}


class _ListedChoices(forms.models.ModelChoiceIterator):
    """The options read with one plain query. (Django's iterator streams them through a
    server-side cursor: on PostgreSQL outside a transaction that is a DECLARE ... WITH HOLD,
    which materialises the rows and costs several round trips, for a list of a few dozen.)"""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:
            yield self.choice(obj)


class ListedModelChoiceField(forms.ModelChoiceField):
    iterator = _ListedChoices


class CaseloadFilterForm(forms.Form):
    q = forms.CharField(label=_("Search by name"), required=False, max_length=100)
    phase = forms.ChoiceField(
        label=_("Phase"),
        choices=[("", _("All phases")), *Toekomstplan.Phase.choices],
        required=False,
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All")), *Toekomstplan.Status.choices], required=False
    )
    organisation = ListedModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("All organisations"),
        to_field_name="uuid",
    )
    milestone = forms.TypedChoiceField(
        label=_("Milestone age within"),
        choices=[
            ("", _("Any time")),
            ("3", _("3 months")),
            ("6", _("6 months")),
            ("12", _("12 months")),
        ],
        coerce=int,
        empty_value=None,
        required=False,
    )
    overdue = forms.BooleanField(label=_("Only with overdue actions"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        choices=[
            ("naam", _("Name")),
            ("leeftijd", _("Age (youngest first)")),
            ("activiteit", _("Last activity")),
            ("te_laat", _("Most overdue")),
        ],
        required=False,
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class NewPlanForm(forms.Form):
    """Choose a registered jongere without a plan, or register one; choose a template."""

    jongere = forms.ModelChoiceField(
        label=_("Young person already registered"),
        queryset=Jongere.objects.none(),
        required=False,
        to_field_name="uuid",
        empty_label=_("— register a new young person below —"),
    )
    first_name = forms.CharField(label=_("First name"), max_length=100, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=100, required=False)
    birth_date = forms.DateField(
        label=_("Date of birth"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    doelgroepen = forms.MultipleChoiceField(
        label=_("Target groups"),
        choices=Doelgroep.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    organisation = forms.ModelChoiceField(
        label=_("You work in this plan for"),
        queryset=Organisation.objects.none(),
        empty_label=None,
        to_field_name="uuid",
    )
    template = forms.ModelChoiceField(
        label=_("Start from a template"),
        queryset=PlanTemplate.objects.all(),
        required=False,
        empty_label=_("No template"),
        to_field_name="doelgroep",
    )

    def __init__(self, *args, jongeren, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jongere"].queryset = jongeren
        self.fields["organisation"].queryset = organisations

    def clean(self):
        data = super().clean()
        if data.get("jongere"):
            return data
        for name in ("first_name", "last_name", "birth_date"):
            if not data.get(name) and name not in self.errors:
                self.add_error(
                    name, _("Fill this in to register a new young person, or choose one above.")
                )
        return data


class NetworkMemberForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    relation = forms.ChoiceField(label=_("Relation"), choices=NetworkMember.Relation.choices)
    closeness = forms.TypedChoiceField(
        label=_("How close is this person?"),
        choices=NetworkMember.Closeness.choices,
        coerce=int,
        widget=forms.RadioSelect,
    )
    is_jim = forms.BooleanField(
        label=_("This is the JIM (chosen by the young person)"), required=False
    )
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    @classmethod
    def initial_for(cls, member: NetworkMember | None) -> dict:
        if member is None:
            return {"closeness": NetworkMember.Closeness.NEAR}
        return {
            "name": member.name,
            "relation": member.relation,
            "closeness": member.closeness,
            "is_jim": member.is_jim,
            "phone": member.phone,
            "email": member.email,
            "version": member.version,
        }


class PhaseForm(forms.Form):
    phase = forms.ChoiceField(choices=Toekomstplan.Phase.choices)
    version = forms.IntegerField(min_value=1)


class DomainAssessmentForm(forms.Form):
    situation = forms.CharField(
        label=_("How is it now? (in the young person's words)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )
    wish = forms.CharField(
        label=_("What would they like? (in their words)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )
    support_needed = forms.ChoiceField(
        label=_("Support needed"),
        choices=[("", _("Not assessed yet")), *SupportNeeded.choices],
        required=False,
    )
    stability = forms.TypedChoiceField(
        label=_("Stability (1 acute – 5 fully self-reliant)"),
        choices=Stability.choices,
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose a score from 1 to 5.")},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    @classmethod
    def initial_for(cls, assessment) -> dict:
        return {
            "situation": assessment.situation,
            "wish": assessment.wish,
            "support_needed": assessment.support_needed,
            "stability": assessment.stability,
            "version": assessment.version,
        }


class NewGoalForm(forms.Form):
    leefdomein = forms.ModelChoiceField(
        label=_("Life domain"),
        queryset=Leefdomein.objects.all(),
        empty_label=None,
        to_field_name="code",
    )
    text = forms.CharField(
        label=_("Goal, in the young person's words"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The eight leefdomeinen, read once: a ModelChoiceField reads them on every render.
        field = self.fields["leefdomein"]
        field.widget.choices = [(d.code, field.label_from_instance(d)) for d in field.queryset]


class GoalCloseForm(forms.Form):
    status = forms.ChoiceField(
        choices=[(Goal.Status.BEREIKT, _("Reached")), (Goal.Status.GESTOPT, _("Stopped"))]
    )
    version = forms.IntegerField(min_value=1)


class ActionForm(forms.Form):
    """What, who (someone with a role, or from the own network), by when."""

    text = forms.CharField(label=_("What needs to be done?"), max_length=2000)
    assignee = forms.ChoiceField(label=_("Who does it?"), required=False)
    due_date = forms.DateField(
        label=_("By when?"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, roles, members, current_due=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.current_due = current_due
        self._roles = {str(r.uuid): r for r in roles}
        self._members = {str(m.uuid): m for m in members}
        self.fields["assignee"].choices = [
            ("", _("Nobody yet")),
            (
                _("People with a role"),
                [
                    (f"rol:{u}", f"{r.user} ({r.get_role_display()})")
                    for u, r in self._roles.items()
                ],
            ),
            (_("Own network"), [(f"netwerk:{u}", m.name) for u, m in self._members.items()]),
        ]

    def clean_due_date(self):
        due = self.cleaned_data.get("due_date")
        if due and due < timezone.localdate() and due != self.current_due:
            raise forms.ValidationError(_("Choose a date from today onwards."))
        return due

    def clean(self):
        data = super().clean()
        choice = data.pop("assignee", "") or ""
        kind, _sep, key = choice.partition(":")
        data["assignee_role"] = self._roles.get(key) if kind == "rol" else None
        data["assignee_member"] = self._members.get(key) if kind == "netwerk" else None
        return data

    @classmethod
    def initial_for(cls, action) -> dict:
        if action.assignee_role_id:
            assignee = f"rol:{action.assignee_role.uuid}"
        elif action.assignee_member_id:
            assignee = f"netwerk:{action.assignee_member.uuid}"
        else:
            assignee = ""
        return {
            "text": action.text,
            "assignee": assignee,
            "due_date": action.due_date,
            "version": action.version,
        }


class RiskAssessmentForm(forms.Form):
    risk_factors = forms.CharField(
        label=_("Risk factors"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )
    protective_factors = forms.CharField(
        label=_("Protective factors"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )
    level = forms.ChoiceField(
        label=_("Level of risk"),
        choices=[("", _("Not assessed yet")), *RiskAssessment.Level.choices],
        required=False,
    )
    safety_agreements = forms.CharField(
        label=_("Safety agreements"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )
    review_date = forms.DateField(
        label=_("Review on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    @classmethod
    def initial_for(cls, risk) -> dict:
        return {
            "risk_factors": risk.risk_factors,
            "protective_factors": risk.protective_factors,
            "level": risk.level,
            "safety_agreements": risk.safety_agreements,
            "review_date": risk.review_date,
            "version": risk.version,
        }

    def __init__(self, *args, current_review=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.current_review = current_review

    def clean_review_date(self):
        review = self.cleaned_data.get("review_date")
        if review and review < timezone.localdate() and review != self.current_review:
            raise forms.ValidationError(_("Choose a date from today onwards."))
        return review


class HandoverForm(forms.Form):
    to_user = forms.ModelChoiceField(
        label=_("Successor"),
        queryset=User.objects.none(),
        to_field_name="uuid",
        empty_label=_("— choose a professional —"),
    )
    to_organisation = forms.ModelChoiceField(
        label=_("Organisation of the successor"),
        queryset=Organisation.objects.none(),
        required=False,
        to_field_name="uuid",
        empty_label=_("— choose an organisation —"),
    )
    note = forms.CharField(
        label=_("Handover note: what should the successor know?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
    )
    stays_involved = forms.BooleanField(label=_("I stay involved as professional"), required=False)

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        gemeente = plan.jongere.gemeente
        self.fields["to_user"].queryset = (
            User.objects.filter(memberships__organisation__gemeente=gemeente, is_active=True)
            .exclude(pk=plan.regisseur_id)
            .distinct()
            .order_by("first_name", "last_name")
        )
        self.fields["to_organisation"].queryset = Organisation.objects.filter(
            gemeente=gemeente
        ).order_by("name")


class LetGoForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (needed when not every Big5 pillar is at 4 or more)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
