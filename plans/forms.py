"""Forms that both the workspace and the portal use: inviting, sharing, the version of an edit."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from network.models import NetworkMember, Organisation
from plans.models import (
    PlanRole,
    Section,
    StoryItem,
)

PLAIN_SECTION_LABELS = {
    Section.VERHAAL: _("My story"),
    Section.DOELEN: _("My goals"),
    Section.ACTIES: _("Who does what"),
    Section.CHECKLIST: _("The 18 checklist"),
    Section.ZORG: _("Care and health"),
    Section.RISICOTAXATIE: _("My safety plan"),
}


AUDIENCE_LABELS = [
    (StoryItem.Audience.BEGELEIDERS, _("My counsellors")),
    (StoryItem.Audience.IEDEREEN, _("My counsellors and my own people")),
    (StoryItem.Audience.ALLEEN_IK, _("Only me")),
]


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

    def __init__(self, *args, allowed: frozenset[str], plain: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        labels = PLAIN_SECTION_LABELS if plain else dict(Section.choices)
        self.fields["sections"].choices = [
            (value, labels[value]) for value in Section.values if value in allowed
        ]


class VersionForm(forms.Form):
    version = forms.IntegerField(min_value=1)
