"""Forms of the portal, in B1: the jongere's own words, goals, checklist and story."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from plans.forms import AUDIENCE_LABELS
from plans.models import (
    QUALITY_CARDS,
    ChecklistEntry,
    StoryItem,
)


class OwnWordsForm(forms.Form):
    situation = forms.CharField(
        label=_("How is it going now?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )
    wish = forms.CharField(
        label=_("What do you want?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class OwnGoalForm(forms.Form):
    text = forms.CharField(
        label=_("What do you want to reach?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Write down your goal.")},
    )
    first_step = forms.CharField(
        label=_("What is your first step?"),
        help_text=_("You may leave this empty."),
        required=False,
        max_length=2000,
    )
    due_date = forms.DateField(
        label=_("When do you do it?"),
        help_text=_("You may leave this empty."),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Fill in a date, like 1-9-2027.")},
    )

    def clean_due_date(self):
        day = self.cleaned_data.get("due_date")
        if day and day < timezone.localdate():
            raise forms.ValidationError(_("Choose today or a day later."))
        return day


class ChecklistMarkForm(forms.Form):
    status = forms.ChoiceField(
        choices=[
            (ChecklistEntry.Status.GEREGELD, _("Arranged")),
            (ChecklistEntry.Status.TODO, _("Still to do")),
            (ChecklistEntry.Status.NVT, _("Not for me")),
        ],
        error_messages={"invalid_choice": _("Choose one of the options.")},
    )
    version = forms.IntegerField(min_value=1)


class StoryItemForm(forms.Form):
    kind = forms.ChoiceField(choices=StoryItem.Kind.choices, widget=forms.HiddenInput)
    age = forms.IntegerField(
        label=_("How old were you?"),
        required=False,
        min_value=0,
        max_value=30,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "min_value": _("Fill in an age from 0 to 30."),
            "max_value": _("Fill in an age from 0 to 30."),
            "invalid": _("Fill in an age from 0 to 30."),
        },
    )
    text = forms.CharField(label=_("What happened?"), max_length=500, required=False)
    card = forms.ChoiceField(
        label=_("Choose a card"),
        required=False,
        choices=[("", _("I write it myself")), *QUALITY_CARDS.items()],
    )
    audience = forms.ChoiceField(
        label=_("Who may see this?"),
        choices=AUDIENCE_LABELS,
        initial=StoryItem.Audience.BEGELEIDERS,
        widget=forms.RadioSelect,
    )

    LABELS = {
        StoryItem.Kind.MOMENT: _("What happened?"),
        StoryItem.Kind.DROOM: _("What do you dream of for in five years?"),
        StoryItem.Kind.KWALITEIT: _("Or write it yourself"),
    }

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, initial={"kind": kind}, **kwargs)
        self.fields["text"].label = self.LABELS[kind]
        if kind != StoryItem.Kind.MOMENT:
            del self.fields["age"]
        if kind != StoryItem.Kind.KWALITEIT:
            del self.fields["card"]

    def clean(self):
        data = super().clean()
        if not data.get("card") and not (data.get("text") or "").strip():
            self.add_error("text", _("Write something first."))
        return data


class StoryItemEditForm(forms.Form):
    age = forms.IntegerField(
        label=_("How old were you?"), required=False, min_value=0, max_value=30
    )
    text = forms.CharField(label=_("Text"), max_length=500)
    audience = forms.ChoiceField(
        label=_("Who may see this?"), choices=AUDIENCE_LABELS, widget=forms.RadioSelect
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
