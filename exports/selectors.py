"""What a PDF shows (the plan as its requester may see it) and the jongere's inzage data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import (
    Prefetch,
    Q,
)
from django.utils import timezone

from domains.models import BIG5_ORDER, Big5, ChecklistItem, Leefdomein
from network.models import NetworkMember
from plans import permissions
from plans.accesslog import events
from plans.models import (
    AccessLogEntry,
    Action,
    ChecklistEntry,
    DomainAssessment,
    Goal,
    Handover,
    Invitation,
    PlanExport,
    PlanRole,
    RiskAssessment,
    Section,
    StabilityScore,
    StoryItem,
    Toekomstplan,
)
from plans.selectors.big5 import pillar_score

if TYPE_CHECKING:
    from network.models import User
    from plans.permissions import PlanAccess


def _person(user) -> str:
    return user.get_full_name() or user.email if user is not None else ""


def inzage_for(*, access: PlanAccess) -> dict:
    """Everything stored about the jongere (`inzage_data`), read by them; logged as an export."""
    plan = access.plan
    data = inzage_data(plan=plan)
    events.exported(access=access, obj=plan, object_type="inzage", lines=len(data["logboek"]))
    return data


def inzage_data(*, plan: Toekomstplan) -> dict:
    """Everything stored about the jongere, for their right of inzage (AVG art. 15): the plan
    with all its parts, every role ever held in it, and every line of its access log. The
    same data makes the JSON file and the PDF. A fixed number of queries, whatever the size."""

    jongere = plan.jongere
    account = jongere.user
    history: dict[int, list] = {}
    for score in StabilityScore.objects.filter(assessment__plan=plan).select_related("recorded_by"):
        history.setdefault(score.assessment_id, []).append(
            {"score": score.score, "at": score.recorded_at, "by": _person(score.recorded_by)}
        )
    goals = Goal.objects.filter(plan=plan).select_related("leefdomein", "created_by")
    goals = goals.prefetch_related(
        Prefetch(
            "actions",
            queryset=Action.objects.select_related(
                "assignee_role__user", "assignee_member", "created_by"
            ),
        )
    )
    risk = RiskAssessment.objects.filter(plan=plan).first()
    log = (
        # The plan's lines, and the jongere's own lines that belong to no plan (sign-in
        # refusals); never lines about another jongere's plan, even if this one is in it.
        AccessLogEntry.objects.filter(
            Q(plan=plan) | Q(actor=account, plan__isnull=True) if account else Q(plan=plan)
        )
        .select_related("actor", "organisation")
        .order_by("created_at", "pk")
    )
    data = {
        "over": {
            "uitgevoerd_op": timezone.now(),
            "uitleg": "Alles wat toekomstplan over jou bewaart (recht op inzage, AVG artikel 15).",
        },
        "jongere": {
            "voornaam": jongere.first_name,
            "achternaam": jongere.last_name,
            "geboortedatum": jongere.birth_date,
            "gemeente": jongere.gemeente,
            "doelgroepen": jongere.doelgroepen,
            "account": (
                {
                    "email": account.email,
                    "aangemaakt": account.date_joined,
                    "laatst_ingelogd": account.last_login,
                }
                if account
                else None
            ),
        },
        "plan": {
            "id": plan.uuid,
            "fase": plan.phase,
            "status": plan.status,
            "gestart": plan.created_at,
            "gewijzigd": plan.updated_at,
            "losgelaten": plan.let_go_at,
            "reden_loslaten": plan.let_go_reason,
        },
        "rollen": [
            {
                "id": role.uuid,
                "persoon": _person(role.user),
                "rol": role.role,
                "organisatie": str(role.organisation or ""),
                "gedeeld": role.shared_sections,
                "sinds": role.granted_at,
                "tot": role.revoked_at,
            }
            for role in PlanRole.objects.filter(plan=plan).select_related("user", "organisation")
        ],
        "netwerk": [
            {
                "id": member.uuid,
                "naam": member.name,
                "relatie": member.relation,
                "jim": member.is_jim,
                "nabijheid": member.closeness,
                "telefoon": member.phone,
                "email": member.email,
            }
            for member in NetworkMember.objects.filter(jongere=jongere)
        ],
        "leefdomeinen": [
            {
                "id": a.uuid,
                "leefdomein": a.leefdomein.name,
                "hoe_gaat_het": a.situation,
                "wat_wil_je": a.wish,
                "woorden_van": _person(a.words_by),
                "steun_nodig": a.support_needed,
                "stabiliteit": a.stability,
                "geschiedenis": history.get(a.pk, []),
            }
            for a in DomainAssessment.objects.filter(plan=plan)
            .select_related("leefdomein", "words_by")
            .order_by("leefdomein__order")
        ],
        "doelen": [
            {
                "id": goal.uuid,
                "leefdomein": goal.leefdomein.name,
                "doel": goal.text,
                "status": goal.status,
                "geschreven_door": _person(goal.created_by),
                "op": goal.created_at,
                "afgesloten": goal.closed_at,
                "acties": [
                    {
                        "id": action.uuid,
                        "wat": action.text,
                        "wie": action.assignee_name,
                        "wanneer": action.due_date,
                        "klaar": action.done_at,
                        "gemaakt_door": _person(action.created_by),
                    }
                    for action in goal.actions.all()
                ],
            }
            for goal in goals
        ],
        "checklist": [
            {"onderwerp": entry.item.title, "status": entry.status, "gewijzigd": entry.updated_at}
            for entry in ChecklistEntry.objects.filter(plan=plan).select_related("item")
        ],
        "verhaal": [
            {
                "id": item.uuid,
                "soort": item.kind,
                "tekst": item.text,
                "leeftijd": item.age,
                "wie_ziet_het": item.audience,
                "op": item.created_at,
            }
            for item in StoryItem.objects.filter(plan=plan)
        ],
        "veiligheid": (
            {
                "risicofactoren": risk.risk_factors,
                "beschermende_factoren": risk.protective_factors,
                "niveau": risk.level,
                "afspraken": risk.safety_agreements,
                "evaluatie": risk.review_date,
            }
            if risk
            else None
        ),
        "overdrachten": [
            {
                "van": _person(h.from_user),
                "naar": _person(h.to_user),
                "notitie": h.note,
                "voorgesteld": h.proposed_at,
                "aangenomen": h.accepted_at,
                "ingetrokken": h.cancelled_at,
            }
            for h in Handover.objects.filter(plan=plan).select_related("from_user", "to_user")
        ],
        "uitnodigingen": [
            {
                "email": inv.email,
                "rol": inv.role,
                "gemaakt": inv.created_at,
                "verstuurd": inv.sent_at,
                "aangenomen": inv.accepted_at,
            }
            for inv in Invitation.objects.filter(plan=plan)
        ],
        "logboek": [
            {
                "id": entry.uuid,
                "wanneer": entry.created_at,
                "wie": _person(entry.actor),
                "rol": entry.role,
                "organisatie": str(entry.organisation or ""),
                "wat": entry.action,
                "onderdeel": entry.object_type,
                "object": entry.object_uuid,
                "uitkomst": entry.outcome,
            }
            for entry in log.iterator(chunk_size=2000)
        ],
    }
    return data


@dataclass
class PrintDomain:
    leefdomein: Leefdomein
    assessment: DomainAssessment | None
    goals: list[Goal]


@dataclass
class PrintPillar:
    code: str
    label: str
    score: int | None
    bar_width: int  # in SVG units, 0 when unknown
    domains: list[PrintDomain]
    color: str = ""


@dataclass
class PlanPrint:
    plan: Toekomstplan
    version: str
    made_on: date
    made_by: User
    age: tuple[int, int]
    sections: frozenset[str]
    pillars: list[PrintPillar]
    roles: list[PlanRole]
    network: list[NetworkMember]
    checklist: list
    risk: object | None
    open_actions: int
    goal_count: int


BIG5_BAR = 300  # the width of a full (5) bar in the Big5 SVG


BIG5_COLORS = {1: "#a4262c", 2: "#c4540f", 3: "#a87a00", 4: "#3c8a4e", 5: "#1e6b3a"}


def plan_print(*, access: PlanAccess, version: str) -> PlanPrint:
    """Everything a PDF of the plan shows, limited to what `viewer` may see; the B1 version for
    the jongere leaves out the risicotaxatie and the professionals' checklist items. A fixed
    number of queries whatever the size of the plan."""
    plan, viewer = access.plan, access.user

    today = timezone.localdate()
    sections = access.sections
    if not sections and permissions.can_view_plan(access):
        sections = permissions.ALL_SECTIONS - {Section.RISICOTAXATIE}
    is_b1 = version == PlanExport.Version.B1
    if is_b1:
        sections = sections - {Section.RISICOTAXATIE}
    assessments = {a.leefdomein_id: a for a in DomainAssessment.objects.filter(plan=plan)}
    goals = []
    if Section.DOELEN in sections:
        goal_query = Goal.objects.filter(plan=plan).prefetch_related(
            Prefetch(
                "actions",
                queryset=Action.objects.select_related("assignee_role__user", "assignee_member"),
            )
        )
        if is_b1:  # the jongere's paper version keeps to what still counts
            goal_query = goal_query.exclude(status=Goal.Status.GESTOPT)
        goals = list(goal_query)
    by_domain: dict[int, list[Goal]] = {}
    open_actions = 0
    for goal in goals:
        by_domain.setdefault(goal.leefdomein_id, []).append(goal)
        open_actions += sum(1 for a in goal.actions.all() if a.done_at is None)
    domains = list(Leefdomein.objects.all())
    labels = dict(Big5.choices)
    pillars = []
    for code in BIG5_ORDER:
        rows = [
            PrintDomain(d, assessments.get(d.pk), by_domain.get(d.pk, []))
            for d in domains
            if d.big5 == code
        ]
        score = pillar_score(r.assessment.stability if r.assessment else None for r in rows)
        width = round(BIG5_BAR * score / 5) if score else 0
        pillars.append(
            PrintPillar(code, labels[code], score, width, rows, BIG5_COLORS.get(score, ""))
        )
    roles = list(
        PlanRole.objects.filter(plan=plan, revoked_at__isnull=True).select_related(
            "user", "organisation", "network_member"
        )
    )
    network = list(NetworkMember.objects.filter(jongere_id=plan.jongere_id))
    checklist = []
    if Section.CHECKLIST in sections:
        entries = ChecklistEntry.objects.filter(plan=plan).select_related("item")
        if is_b1:
            entries = entries.filter(item__audience=ChecklistItem.Audience.JONGERE)
        checklist = sorted(entries, key=lambda e: (e.item.order, e.item.title))
    risk = (
        RiskAssessment.objects.filter(plan=plan).first()
        if Section.RISICOTAXATIE in sections
        else None
    )
    return PlanPrint(
        plan=plan,
        version=version,
        made_on=today,
        made_by=viewer,
        age=plan.jongere.age_on(today),
        sections=sections,
        pillars=[p for p in pillars if p.domains],
        roles=roles,
        network=network,
        checklist=checklist,
        risk=risk,
        open_actions=open_actions,
        goal_count=len(goals),
    )


def plan_exports_for(*, access: PlanAccess) -> list:
    """This person's own PDFs of this plan from the last week, newest first (one query)."""
    plan, viewer = access.plan, access.user

    since = timezone.now() - timedelta(days=settings.PLAN_EXPORT_KEEP_DAYS)
    return list(
        PlanExport.objects.filter(plan=plan, requested_by=viewer, created_at__gte=since)[:10]
    )


def plan_export_for(*, access: PlanAccess, export_uuid):
    """One of this person's exports of this plan; 404 (logged) for anyone else's or none."""
    plan, viewer = access.plan, access.user

    export = (
        PlanExport.objects.select_related("plan")
        .filter(plan=plan, uuid=export_uuid, requested_by=viewer)
        .first()
    )
    if export is None:
        permissions.deny(
            access=access, need="export", object_type="planexport", object_uuid=export_uuid
        )
    return export


def inzage_exports(*, access: PlanAccess) -> list:
    """The jongere's own recent inzage PDFs (kept for a week), newest first."""
    plan, viewer = access.plan, access.user

    return list(
        PlanExport.objects.filter(
            plan=plan, requested_by=viewer, version=PlanExport.Version.INZAGE
        ).order_by("-created_at")[:5]
    )
