"""Asking for a PDF."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from plans.models import PlanExport


class PlanExportForm(forms.Form):
    """Which PDF to make: the versions this person may ask for."""

    version = forms.ChoiceField(label=_("Which version?"), widget=forms.RadioSelect)

    def __init__(self, *args, versions: list[str], **kwargs):
        super().__init__(*args, **kwargs)

        labels = dict(PlanExport.Version.choices)
        self.fields["version"].choices = [(v, labels[v]) for v in versions]
        if versions:
            self.fields["version"].initial = versions[0]
