"""/cijfers/: aggregate figures for gemeente coordinators, as a page and as CSV downloads."""

import csv
from datetime import date

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from figures import selectors
from network.models import Organisation
from plans import permissions
from plans.ages import shift
from plans.decorators import plan_page


class FiguresFilterForm(forms.Form):
    gemeente = forms.ChoiceField(label=_("Municipality"))
    start = forms.DateField(
        label=_("From"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    end = forms.DateField(
        label=_("To"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("All organisations"),
        to_field_name="uuid",
    )

    def __init__(self, *args, gemeenten: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].choices = [(g, g) for g in gemeenten]
        self.fields["organisation"].queryset = Organisation.objects.filter(
            gemeente__in=gemeenten
        ).order_by("name")

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            self.add_error("end", _("The end of the period comes after its start."))
        org = data.get("organisation")
        if org is not None and data.get("gemeente") and org.gemeente != data["gemeente"]:
            self.add_error("organisation", _("This organisation works in another municipality."))
        return data


def _filters(request) -> tuple[FiguresFilterForm, selectors.Filters | None]:
    if not permissions.can_view_figures(request.user):
        raise PermissionDenied
    gemeenten = permissions.figure_gemeenten(request.user)
    today = timezone.localdate()
    initial = {
        "gemeente": gemeenten[0] if gemeenten else "",
        "start": shift(today, years=-1) + (date.resolution),
        "end": today,
    }
    data = {**initial, **request.GET.dict()} if request.GET else initial
    form = FiguresFilterForm(data, gemeenten=gemeenten)
    if not gemeenten or not form.is_valid():
        return form, None
    d = form.cleaned_data
    return form, selectors.Filters(d["gemeente"], d["start"], d["end"], d["organisation"])


@plan_page
@require_GET
def figures_page(request):
    """The figures of one gemeente, period and (optionally) organisation."""
    form, filters = _filters(request)
    tables = selectors.figures(filters) if filters else []
    return render(
        request,
        "figures/figures.html",
        {
            "form": form,
            "filters": filters,
            "tables": tables,
            "query": request.GET.urlencode(),
            "label_width": selectors.CHART_LABEL_WIDTH,
            "bar_width": selectors.CHART_BAR_WIDTH,
        },
    )


@plan_page
@require_GET
def figures_csv(request, slug: str):
    """One table of the page as CSV, with the same suppression (a "<5" stays "<5")."""
    _form, filters = _filters(request)
    table = selectors.figure_table(filters, slug) if filters else None
    if table is None:
        raise Http404
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="cijfers-{slug}.csv"'
    response.write("\ufeff")  # so spreadsheet programs read the é of "Coördinator" right
    writer = csv.writer(response, delimiter=";")
    writer.writerows(table.csv_rows())
    return response
