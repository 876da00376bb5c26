"""Which reminders are due: a read over the whole gemeente in a fixed number of queries.

A rule falls due on a day (an age reached, the day before an action's due date, the day after
it, the day after a review date). The sweep looks back `REMINDER_CATCH_UP_DAYS` days, so a day
the worker was down is caught up; the unique Reminder row per plan, rule, recipient and occasion
makes sure nothing goes twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Q

from plans.ages import shift
from plans.models import Action, PlanRole, ReminderRule, RiskAssessment, Toekomstplan

Trigger = ReminderRule.Trigger
Audience = ReminderRule.Audience
Role = PlanRole.Role

AUDIENCE_ROLES = {
    Audience.JONGERE: {Role.JONGERE},
    Audience.JIM: {Role.JIM},
    Audience.REGISSEUR: {Role.REGISSEUR},
    Audience.PROFESSIONALS: {Role.REGISSEUR, Role.PROFESSIONAL},
}


@dataclass(frozen=True)
class DueReminder:
    plan_id: int
    rule_id: int
    recipient_id: int
    occasion: str
    due_date: date


@dataclass(frozen=True)
class _Occasion:
    plan_id: int
    rule: ReminderRule
    occasion: str
    due_date: date
    assignee_user_id: int | None = None


def window(today: date) -> tuple[date, date]:
    """The days a sweep on `today` covers, both inclusive."""
    return today - timedelta(days=settings.REMINDER_CATCH_UP_DAYS - 1), today


def _age_occasions(rules: list[ReminderRule], first: date, last: date) -> list[_Occasion]:
    """Plans whose jongere reached a rule's age on a day in [first, last]: one query."""
    if not rules:
        return []
    ranges = Q()
    for rule in rules:
        # Birth dates that reach the age in the window, padded for month ends; checked exactly
        # below.
        low = shift(first, years=-rule.age_years, months=-rule.age_months) - timedelta(days=3)
        high = shift(last, years=-rule.age_years, months=-rule.age_months) + timedelta(days=3)
        ranges |= Q(jongere__birth_date__range=(low, high))
    rows = Toekomstplan.objects.filter(ranges, status=Toekomstplan.Status.ACTIEF).values_list(
        "pk", "jongere__birth_date"
    )
    found = []
    for plan_id, birth_date in rows:
        for rule in rules:
            day = shift(birth_date, years=rule.age_years, months=rule.age_months)
            if first <= day <= last:
                found.append(_Occasion(plan_id, rule, "", day))
    return found


def _action_occasions(rules: list[ReminderRule], first: date, last: date) -> list[_Occasion]:
    """Open actions due tomorrow, or overdue since a day in the window: one query."""
    if not rules:
        return []
    rows = Action.objects.filter(
        done_at__isnull=True,
        goal__plan__status=Toekomstplan.Status.ACTIEF,
        due_date__range=(first - timedelta(days=1), last + timedelta(days=1)),
    ).values_list("uuid", "goal__plan_id", "due_date", "assignee_role__user_id")
    found = []
    for action_uuid, plan_id, due, assignee in rows:
        for rule in rules:
            if rule.trigger == Trigger.ACTION_DUE_TOMORROW:
                # Only on the day before: "tomorrow" said later would be wrong. A missed day is
                # caught by the overdue rule instead.
                day, open_still = due - timedelta(days=1), due == last + timedelta(days=1)
            else:
                day, open_still = due + timedelta(days=1), True
            if first <= day <= last and open_still:
                found.append(_Occasion(plan_id, rule, str(action_uuid), day, assignee))
    return found


def _review_occasions(rules: list[ReminderRule], first: date, last: date) -> list[_Occasion]:
    """Plans whose review date passed on a day in the window: one query."""
    if not rules:
        return []
    rows = RiskAssessment.objects.filter(
        plan__status=Toekomstplan.Status.ACTIEF,
        review_date__range=(first - timedelta(days=1), last - timedelta(days=1)),
    ).values_list("plan_id", "review_date")
    return [
        _Occasion(plan_id, rule, review.isoformat(), review + timedelta(days=1))
        for plan_id, review in rows
        for rule in rules
    ]


def due_reminders(today: date) -> list[DueReminder]:
    """Every reminder due on `today` or in the catch-up days before, for people who still hold
    the role the rule is for. Five queries, however many jongeren the gemeente has."""
    first, last = window(today)
    rules = list(ReminderRule.objects.filter(is_active=True))
    occasions = [
        *_age_occasions([r for r in rules if r.trigger == Trigger.AGE], first, last),
        *_action_occasions(
            [
                r
                for r in rules
                if r.trigger in (Trigger.ACTION_DUE_TOMORROW, Trigger.ACTION_OVERDUE)
            ],
            first,
            last,
        ),
        *_review_occasions([r for r in rules if r.trigger == Trigger.REVIEW_PASSED], first, last),
    ]
    if not occasions:
        return []
    roles: dict[int, list[tuple[str, int]]] = {}
    for plan_id, role, user_id in PlanRole.objects.filter(
        plan_id__in={o.plan_id for o in occasions},
        revoked_at__isnull=True,
        user__is_active=True,
    ).values_list("plan_id", "role", "user_id"):
        roles.setdefault(plan_id, []).append((role, user_id))
    due = []
    for occasion in occasions:
        people = roles.get(occasion.plan_id, [])
        rule = occasion.rule
        if rule.audience == Audience.ASSIGNEE:
            users = {u for _r, u in people if u == occasion.assignee_user_id}
        else:
            wanted = AUDIENCE_ROLES[rule.audience]
            users = {u for r, u in people if r in wanted}
        due.extend(
            DueReminder(occasion.plan_id, rule.pk, user, occasion.occasion, occasion.due_date)
            for user in sorted(users)
        )
    return due


def recipient_still_holds(rule: ReminderRule, role: PlanRole | None) -> bool:
    """At sending time: does the person still have a role this rule is for?"""
    if role is None or not role.is_active or not role.user.is_active:
        return False
    if rule.audience == Audience.ASSIGNEE:
        return True
    return role.role in AUDIENCE_ROLES[rule.audience]
