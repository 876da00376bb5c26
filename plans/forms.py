"""Parsing and field validation only; views hand cleaned_data to a service."""

from django import forms
from django.utils.translation import gettext_lazy as _

from domains.models import Leefdomein
from network.models import NetworkMember, Organisation
from plans.models import AccessLogEntry, Goal, PlanRole, Section


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(label=_("Role"))
    organisation = forms.ModelChoiceField(
        label=_("Organisation (for a professional)"),
        queryset=Organisation.objects.none(),
        required=False,
    )
    network_member = forms.ModelChoiceField(
        label=_("Who from the own network is this? (optional)"),
        queryset=NetworkMember.objects.none(),
        required=False,
        to_field_name="uuid",
    )

    def __init__(self, *args, roles: list[str], plan, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(PlanRole.Role.choices)
        self.fields["role"].choices = [(role, labels[role]) for role in roles]
        if PlanRole.Role.PROFESSIONAL in roles:
            self.fields["organisation"].queryset = Organisation.objects.filter(
                gemeente=plan.jongere.gemeente
            ).order_by("name")
        else:
            del self.fields["organisation"]
        self.fields["network_member"].queryset = NetworkMember.objects.filter(
            jongere_id=plan.jongere_id
        )

    def clean(self):
        data = super().clean()
        if data.get("role") == PlanRole.Role.PROFESSIONAL and not data.get("organisation"):
            self.add_error("organisation", _("Choose the organisation the professional works for."))
        return data


class SharingForm(forms.Form):
    sections = forms.MultipleChoiceField(
        label=_("What may this person see?"),
        choices=Section.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, allowed: frozenset[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sections"].choices = [c for c in Section.choices if c[0] in allowed]


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
    def for_goal(cls, goal: Goal) -> "GoalForm":
        return cls(
            initial={"text": goal.text, "leefdomein": goal.leefdomein_id, "version": goal.version}
        )
