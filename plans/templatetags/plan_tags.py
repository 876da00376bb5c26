from django import template
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy, ngettext

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


@register.filter
def looked_sentence(entry) -> str:
    """One line of 'who looked at my plan', in plain words for the jongere (B1)."""
    from django.utils.translation import gettext as _

    if entry.action == "refused" and not entry.role:
        return _("Someone without access tried to open your plan. That did not work.")
    if entry.actor is None:
        who = _("Someone")
    elif entry.organisation is not None:
        who = _("%(name)s from %(organisation)s") % {
            "name": entry.actor.first_name or entry.actor.email,
            "organisation": entry.organisation.name,
        }
    elif entry.role == "jim":
        who = _("%(name)s (your JIM)") % {"name": entry.actor.first_name or entry.actor.email}
    else:
        who = entry.actor.first_name or entry.actor.email
    sentences = {
        "refused": _(
            "%(who)s tried to open a part of your plan that is not shared. That did not work."
        ),
        "view": _("%(who)s looked at your plan."),
        "create": _("%(who)s added something to your plan."),
        "update": _("%(who)s changed something in your plan."),
        "delete": _("%(who)s removed something from your plan."),
        "export": _("%(who)s made a PDF of your plan."),
        "share": _("%(who)s changed who may see your plan."),
    }
    return sentences.get(entry.action, sentences["view"]) % {"who": who}


OBJECT_LABELS = {
    "toekomstplan": gettext_lazy("plan"),
    "domainassessment": gettext_lazy("life domain"),
    "goal": gettext_lazy("goal"),
    "action": gettext_lazy("action"),
    "planrole": gettext_lazy("role"),
    "invitation": gettext_lazy("invitation"),
    "logboek": gettext_lazy("access log"),
    "caseload": gettext_lazy("caseload"),
    "checklistentry": gettext_lazy("checklist"),
    "riskassessment": gettext_lazy("risk assessment"),
    "portal": gettext_lazy("portal"),
    "storyitem": gettext_lazy("story"),
    "verhaal": gettext_lazy("story"),
    "inzage": gettext_lazy("all data (inzage)"),
    "checklist": gettext_lazy("checklist"),
}


@register.filter
def object_label(object_type: str) -> str:
    """A readable name for what a log entry is about."""
    return str(OBJECT_LABELS.get(object_type, object_type))


@register.filter
def role_label(role: str) -> str:
    from plans.models import PlanRole

    return str(dict(PlanRole.Role.choices).get(role, role))


@register.filter
def milestone_label(milestone) -> str:
    """'18 in 2 months' for the next age that matters."""
    if not milestone:
        return ""
    age, months = milestone
    if months == 0:
        return gettext("%(age)d this month") % {"age": age}
    return ngettext("%(age)d in %(n)d month", "%(age)d in %(n)d months", months) % {
        "age": age,
        "n": months,
    }


@register.filter
def big5_label(code: str) -> str:
    from domains.models import Big5

    return str(dict(Big5.choices).get(code, code))


@register.filter
def portal_role_label(role: str) -> str:
    """A role in the jongere's own words (B1): no 'regisseur', no jargon."""
    labels = {
        "regisseur": gettext_lazy("your main supporter"),
        "professional": gettext_lazy("supporter"),
        "jim": gettext_lazy("your JIM"),
        "netwerk": gettext_lazy("from your network"),
        "jongere": gettext_lazy("you"),
    }
    return str(labels.get(role, role))


@register.filter
def log_action_label(code: str) -> str:
    """What happened, for one access-log line: looked, added, changed, ..."""
    from plans.models import AccessLogEntry

    return str(dict(AccessLogEntry.Action.choices).get(code, code))
