import functools
import uuid

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS_3
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from domains.models import Big5
from plans.models import AccessLogEntry, Goal, PlanRole, Toekomstplan

register = template.Library()


@register.filter
def age_label(jongere) -> str:
    """'17 years and 3 months' (in the active language) for a jongere, today."""
    return _age_text(*jongere.age_on(timezone.localdate()))


def _age_text(years: int, months: int) -> str:
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

    return str(dict(AccessLogEntry.Action.choices).get(code, code))


_SLOTS = [uuid.UUID(int=n) for n in range(1, 4)]


@functools.lru_cache(maxsize=2048)
def _url_with_slots(name: str, plan_uuid: str, slot_names: tuple[str, ...]) -> str:
    kwargs = {"plan_uuid": plan_uuid}
    kwargs.update({slot: _SLOTS[n] for n, slot in enumerate(slot_names)})
    return reverse(name, kwargs=kwargs)


@register.simple_tag
def plan_url(name: str, plan, **objects) -> str:
    """`{% url %}` for the objects of one plan, reversed once per URL name and plan and then
    filled in: a large plan's HOE page links each of its hundreds of actions three times."""
    slot_names = tuple(sorted(objects))
    url = _url_with_slots(name, str(plan.uuid), slot_names)
    for n, slot in enumerate(slot_names):
        url = url.replace(str(_SLOTS[n]), str(objects[slot]))
    return url


@functools.lru_cache(maxsize=16)
def _action_labels(language: str) -> dict[str, str]:
    """The words of an action row in one language, escaped once."""
    words = {
        "no_date": gettext("no date"),
        "done": gettext("done"),
        "overdue": gettext("overdue"),
        "open": gettext("open"),
        "who": gettext("Who:"),
        "nobody": gettext("nobody yet"),
        "by": gettext("By:"),
        "button_done": gettext("Done"),
        "change": gettext("Change"),
    }
    return _escaped_with_months(words)


def _escaped_with_months(words: dict[str, str]) -> dict:
    """Row words escaped once, with the short month names (index 1-12) for dates."""
    labels: dict = {key: escape(value) for key, value in words.items()}
    labels["months"] = [""] + [escape(str(MONTHS_3[m])) for m in range(1, 13)]
    return labels


@register.simple_tag(takes_context=True)
def action_item(context, action, plan, goal, can_edit=False) -> str:
    """One action as HOE and the overview list it (`<li class="tp-action">`), with the Done and
    Change buttons when the viewer may edit. Built in Python rather than as template nodes: a
    large plan lists 300 actions, and rendering them node by node was most of the page's time.
    The markup is the same as the templates had; every value from the database is escaped."""
    words = _action_labels(get_language())
    today = timezone.localdate()
    done = action.done_at is not None
    overdue = not done and action.due_date is not None and action.due_date < today
    state = " tp-action--done" if done else " tp-action--overdue" if overdue else ""
    text = escape(action.text)
    if action.due_date:
        day = action.due_date
        due = (
            f'<time datetime="{day.isoformat()}">{day.day} {words["months"][day.month]} '
            f"{day.year}</time>"
        )
    else:
        due = words["no_date"]
    if done:
        status = words["done"]
    elif overdue:
        status = f'<strong class="tp-overdue">{words["overdue"]}</strong>'
    else:
        status = words["open"]
    who = escape(action.assignee_name) if action.assignee_name else words["nobody"]
    buttons = ""
    if can_edit and not done:
        done_url = escape(plan_url("plans:action_done", plan, action_uuid=action.uuid))
        edit_url = escape(plan_url("plans:action_edit", plan, action_uuid=action.uuid))
        token = context.get("csrf_token")
        csrf = (
            f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(token)}">'
            if token and token != "NOTPROVIDED"
            else ""
        )
        buttons = (
            f'<span class="tp-action__buttons"><form method="post" action="{done_url}" '
            f'hx-post="{done_url}" hx-target="#doel-{goal.uuid}" hx-swap="outerHTML" '
            f'class="tp-inline-form">{csrf}<input type="hidden" name="version" '
            f'value="{int(action.version)}"><button type="submit" class="utrecht-button '
            f'utrecht-button--secondary-action tp-button--small">{words["button_done"]}'
            f'<span class="tp-visually-hidden">: {text}</span></button></form>'
            f'<a class="utrecht-link" href="{edit_url}">{words["change"]}'
            f'<span class="tp-visually-hidden">: {text}</span></a></span>'
        )
    return mark_safe(
        f'<li class="tp-action{state}"><span class="tp-action__what">{text}</span>'
        f'<span class="tp-action__meta"><span>{words["who"]} {who}</span>'
        f"<span>{words['by']} {due}</span><span>{status}</span></span>{buttons}</li>"
    )


@functools.lru_cache(maxsize=16)
def _caseload_labels(language: str) -> dict[str, str]:
    """The words of a caseload row in one language, escaped once."""

    words = {
        "age": gettext("Age"),
        "milestone": gettext("Next milestone"),
        "phase": gettext("Phase"),
        "big5": gettext("Big5 stability"),
        "open": gettext("Open actions"),
        "overdue": gettext("Overdue"),
        "activity": gettext("Last activity"),
        "plan": gettext("Plan"),
        "no_role": gettext("team, no role"),
        "team_only": gettext(
            "Your team works in this plan; you see its content once you have a role in it."
        ),
    }
    labels = _escaped_with_months(words)
    labels["phases"] = {value: escape(label) for value, label in Toekomstplan.Phase.choices}
    labels["statuses"] = {value: escape(label) for value, label in Toekomstplan.Status.choices}
    return labels


@register.simple_tag
def caseload_row(row) -> str:
    """One plan as the caseload lists it (`<tr>`). Built in Python like `action_item`: the
    caseload renders 25 of these on every visit, and node by node they were half its time.
    The markup is the same as the template had; every value from the database is escaped."""
    words = _caseload_labels(get_language())
    plan = row.plan
    name = escape(plan.jongere.full_name)
    if plan.has_role:
        url = escape(reverse("plans:plan_detail", kwargs={"plan_uuid": plan.uuid}))
        head = f'<a class="utrecht-link" href="{url}">{name}</a>'
    else:
        head = f'{name} <span class="tp-badge tp-badge--muted">{words["no_role"]}</span>'
    if plan.status == "losgelaten":
        head += f'<span class="tp-badge tp-badge--muted">{words["statuses"][plan.status]}</span>'
    cell = '<td class="utrecht-table__cell'
    cells = [
        f'{cell}" data-label="{words["age"]}">{escape(_age_text(*row.age))}</td>',
        f'{cell}" data-label="{words["milestone"]}">'
        f"{escape(milestone_label(row.milestone) or '—')}</td>",
    ]
    if plan.has_role:
        pillars = "".join(
            f'<li class="tp-big5__pillar tp-big5__pillar--{score or "none"}">'
            f'<span class="tp-big5__label">{escape(label)}</span> '
            f'<span class="tp-big5__score">{score or "–"}</span></li>'
            for _code, label, score in row.big5
        )
        overdue = (
            f'<strong class="tp-overdue">{int(plan.overdue_actions)}</strong>'
            if plan.overdue_actions
            else "0"
        )
        when = timezone.localtime(plan.updated_at)
        cells += [
            f'{cell}" data-label="{words["phase"]}">{words["phases"].get(plan.phase, "")}</td>',
            f'{cell}" data-label="{words["big5"]}"><ul class="tp-big5" '
            f'aria-label="{words["big5"]}">{pillars}</ul></td>',
            f'{cell} tp-num" data-label="{words["open"]}">{int(plan.open_actions)}</td>',
            f'{cell} tp-num" data-label="{words["overdue"]}">{overdue}</td>',
            f'{cell}" data-label="{words["activity"]}"><time datetime="{when.isoformat()}">'
            f"{when.day} {words['months'][when.month]} {when.year}</time></td>",
        ]
    else:
        cells.append(
            f'{cell} tp-muted" colspan="5" data-label="{words["plan"]}">{words["team_only"]}</td>'
        )
    return mark_safe(
        '<tr class="utrecht-table__row"><th scope="row" class="utrecht-table__header-cell '
        f'tp-table__name">{head}</th>{"".join(cells)}</tr>'
    )


@register.simple_tag
def goal_line(goal, plan, hoe_url: str) -> str:
    """One goal as the overview sums it up (`<li class="tp-goal-line">`): a link to it on HOE,
    its status and leefdomein, its open and overdue actions. Built in Python like the rows
    above: a large plan has 60 of these. Same markup as a template would give, all escaped."""

    text = escape(goal.text)
    status = escape(Goal.Status(goal.status).label)
    open_count, overdue = int(goal.open_actions), int(goal.overdue_actions)
    meta = (
        escape(goal.leefdomein.name)
        + " · "
        + escape(
            ngettext("%(counter)s open action", "%(counter)s open actions", open_count)
            % {"counter": open_count}
        )
    )
    if overdue:
        late = ngettext("%(counter)s overdue", "%(counter)s overdue", overdue) % {
            "counter": overdue
        }
        meta += f' · <strong class="tp-overdue">{escape(late)}</strong>'
    own = ""
    if plan.jongere.user_id and goal.created_by_id == plan.jongere.user_id:
        words = gettext("written by %(name)s") % {"name": plan.jongere.first_name}
        own = f' <span class="tp-badge tp-badge--own">{escape(words)}</span>'
    href = escape(f"{hoe_url}?{goal.hoe_query}#doel-{goal.uuid}")
    return mark_safe(
        f'<li class="tp-goal-line"><a class="utrecht-link" href="{href}">{text}</a> '
        f'<span class="tp-badge tp-badge--{escape(goal.status)}">{status}</span> '
        f'<span class="tp-goal-line__meta">{meta}</span>{own}</li>'
    )
