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

# The figures count from 2000 (no plan is older) to the end of this century: outside that a
# date's next day or its first moment in UTC would not exist (year 1 or 9999) and fail.
EARLIEST, LATEST = date(2000, 1, 1), date(2099, 12, 31)


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
        for name, day in (("start", start), ("end", end)):
            if day is not None and not EARLIEST <= day <= LATEST:
                self.add_error(name, _("Choose a date between 2000 and 2099."))
                start = end = None
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


def _spreadsheet_safe(cell: str) -> str:
    """A cell that a spreadsheet would run as a formula (a rule or organisation name such as
    =HYPERLINK(...)) gets a leading quote, so it is shown as the text it is (OWASP's advice)."""
    return "'" + cell if cell[:1] in FORMULA_STARTS else cell


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


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
    writer.writerows([[_spreadsheet_safe(cell) for cell in row] for row in table.csv_rows()])
    return response
