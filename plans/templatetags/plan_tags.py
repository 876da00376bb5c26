from django import template
from django.utils import timezone
from django.utils.translation import ngettext

register = template.Library()


@register.filter
def age_label(jongere) -> str:
    """'17 years and 3 months' (in the active language) for a jongere, today."""
    years, months = jongere.age_on(timezone.localdate())
    year_text = ngettext("%(n)d year", "%(n)d years", years) % {"n": years}
    if not months:
        return year_text
    month_text = ngettext("%(n)d month", "%(n)d months", months) % {"n": months}
    return ngettext("%(years)s and %(months)s", "%(years)s and %(months)s", months) % {
        "years": year_text,
        "months": month_text,
    }


@register.filter
def is_overdue(action) -> bool:
    return (
        action.done_at is None
        and action.due_date is not None
        and (action.due_date < timezone.localdate())
    )
