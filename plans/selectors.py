"""Reads that pages need, each in a fixed number of queries whatever the size of the plan."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING
from uuid import UUID

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import (
    Case,
    Count,
    Exists,
    Expression,
    F,
    Func,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from domains.models import BIG5_ORDER, Big5, Leefdomein
from network.models import NetworkMember
from plans import audit, permissions
from plans.ages import birth_date_ranges_for_window, next_milestone
from plans.models import AccessLogEntry, Action, DomainAssessment, Goal, PlanRole, Toekomstplan

if TYPE_CHECKING:
    from network.models import User


def log_page_view(
    *,
    viewer: User,
    plan: Toekomstplan,
    page: str,
    object_type: str = "toekomstplan",
    detail: dict | None = None,
):
    """Reading a page of a plan is reading plan data: it goes in the access log."""
    audit.record(
        actor=viewer,
        plan=plan,
        action=AccessLogEntry.Action.VIEW,
        object_type=object_type,
        object_uuid=plan.uuid,
        detail={"page": page, **(detail or {})},
    )


def _actions_to_show() -> QuerySet[Action]:
    """Actions as the pages list them, with who does them: only the columns shown. A large plan
    lists hundreds, and reading every user's password hash and dates was a third of the page."""
    return Action.objects.select_related("assignee_role__user", "assignee_member").only(
        "uuid",
        "goal",
        "text",
        "due_date",
        "done_at",
        "version",
        "assignee_role__user__first_name",
        "assignee_role__user__last_name",
        "assignee_role__user__email",
        "assignee_member__name",
    )


@dataclass
class DomainRow:
    leefdomein: Leefdomein
    assessment: DomainAssessment | None
    goals: list[Goal] = field(default_factory=list)


@dataclass
class PillarGroup:
    code: str
    label: str
    domains: list[DomainRow]


@dataclass
class PlanOverview:
    plan: Toekomstplan
    age: tuple[int, int]
    roles: list[PlanRole]
    network: list[NetworkMember]
    pillars: list[PillarGroup]
    goals: list[Goal]
    open_actions: int
    overdue_actions: int
    can_edit: bool


def plan_overview(*, plan: Toekomstplan, viewer: User) -> PlanOverview:
    """Everything the overview page shows: WIE, WAT grouped by Big5, HOE. The page logs the
    view (`fragments.plan_content`), also when it shows what it rendered before."""
    today = timezone.localdate()
    roles = list(
        PlanRole.objects.filter(plan=plan, revoked_at__isnull=True).select_related(
            "user", "organisation", "network_member"
        )
    )
    audit.remember_role(viewer, plan, roles)
    network = list(NetworkMember.objects.filter(jongere_id=plan.jongere_id))
    domains = list(Leefdomein.objects.all())
    assessments = {a.leefdomein_id: a for a in DomainAssessment.objects.filter(plan=plan)}
    # The overview sums up HOE: each goal with its counts, not every action (HOE lists those,
    # a page of goals at a time), so a plan of hundreds of actions costs what a small one does.
    open_q = Q(actions__done_at__isnull=True)
    goals = list(
        Goal.objects.filter(plan=plan)
        .select_related("leefdomein")
        .annotate(
            open_actions=Count("actions", filter=open_q),
            overdue_actions=Count("actions", filter=open_q & Q(actions__due_date__lt=today)),
        )
        .order_by(*HOE_ORDER)
    )
    goals_by_domain: dict[int, list[Goal]] = {}
    for goal in goals:
        in_domain = goals_by_domain.setdefault(goal.leefdomein_id, [])
        goal.hoe_query = f"leefdomein={goal.leefdomein.code}" + (
            f"&pagina={len(in_domain) // HOE_PAGE_SIZE + 1}"
            if len(in_domain) >= HOE_PAGE_SIZE
            else ""
        )
        in_domain.append(goal)
    open_actions = sum(goal.open_actions for goal in goals)
    overdue_actions = sum(goal.overdue_actions for goal in goals)
    rows = [DomainRow(d, assessments.get(d.pk), goals_by_domain.get(d.pk, [])) for d in domains]
    pillars = [
        PillarGroup(code, Big5(code).label, [r for r in rows if r.leefdomein.big5 == code])
        for code in BIG5_ORDER
    ]
    return PlanOverview(
        plan=plan,
        age=plan.jongere.age_on(today),
        roles=roles,
        network=network,
        pillars=[p for p in pillars if p.domains],
        goals=goals,
        open_actions=open_actions,
        overdue_actions=overdue_actions,
        can_edit=permissions.can_edit_plan(viewer, plan),
    )


def _pillar_score(stabilities: list[int | None] | None) -> int | None:
    """A pillar's score is its lowest leefdomein, and unknown while any of them is unassessed
    (the same rule as big5_now and the WAT page)."""
    if not stabilities or None in stabilities:
        return None
    return min(stabilities)


def team_lead_organisations(user: User) -> QuerySet:
    from network.models import Organisation

    return Organisation.objects.filter(memberships__user=user, memberships__is_team_lead=True)


CASELOAD_FIELDS = ("uuid", "phase", "status", "updated_at", "data_version", "jongere")


def _caseload_scope(user: User) -> tuple[Q, Expression]:
    """Which plans the caseload lists (a condition on plans), and whether the person has a role
    in each (team leads also see their organisation's plans, without a role)."""
    visible = permissions.visible_plan_ids(user)
    lead_of = user.__dict__.get("_lead_of")
    leads = getattr(user, "leads_a_team", None)  # (SQLite answers 0 or 1)
    if lead_of is None and leads is not None and not leads:
        lead_of = []  # (read with the session's user: no query for most professionals)
    if lead_of is None:
        lead_of = user.__dict__["_lead_of"] = list(
            team_lead_organisations(user).values_list("pk", flat=True)
        )
    if lead_of:
        in_scope = Q(pk__in=visible) | Q(
            pk__in=PlanRole.objects.filter(
                organisation__in=lead_of, revoked_at__isnull=True
            ).values("plan")
        )
        return in_scope, Exists(visible.filter(content_object_id=OuterRef("pk")))
    # Most professionals lead no team: then an OR would make PostgreSQL scan every plan of
    # the gemeente; the plain IN is a lookup of the caseload's few hundred plans.
    return Q(pk__in=visible), Value(True)


def caseload(*, user: User, filters: dict | None = None, today: date | None = None):
    """The plans a professional has a role in and, for a team lead, their organisation's plans,
    filtered and sorted: one query. The counts and Big5 of the plans on a page are read for that
    page only (`caseload_rows`); subqueries per row made this query ten times as costly to build
    as to run."""
    filters = filters or {}
    today = today or timezone.localdate()
    in_scope, has_role = _caseload_scope(user)
    plans = (
        Toekomstplan.objects.filter(in_scope)
        .select_related("jongere")
        .only(*CASELOAD_FIELDS)
        .annotate(has_role=has_role)
    )
    if filters.get("q"):
        for word in filters["q"].split():
            plans = plans.filter(
                Q(jongere__first_name__icontains=word) | Q(jongere__last_name__icontains=word)
            )
    if filters.get("phase"):
        plans = plans.filter(phase=filters["phase"])
    if filters.get("status"):
        plans = plans.filter(status=filters["status"])
    if filters.get("organisation"):
        plans = plans.filter(
            pk__in=PlanRole.objects.filter(
                organisation=filters["organisation"], revoked_at__isnull=True
            ).values("plan")
        )
    if filters.get("milestone"):
        window = Q()
        for after, until in birth_date_ranges_for_window(today, int(filters["milestone"])):
            window |= Q(jongere__birth_date__gt=after, jongere__birth_date__lte=until)
        plans = plans.filter(window)
    overdue = Action.objects.filter(
        goal__plan=OuterRef("pk"), done_at__isnull=True, due_date__lt=today
    )
    if filters.get("overdue"):
        plans = plans.filter(Exists(overdue))
    if filters.get("sort") == "te_laat":
        plans = plans.annotate(
            overdue_actions=Coalesce(
                Subquery(
                    overdue.order_by().values("goal__plan").annotate(n=Count("pk")).values("n")[:1]
                ),
                0,
            )
        )
    order = CASELOAD_ORDER.get(filters.get("sort") or "naam", CASELOAD_ORDER["naam"])
    return plans.order_by(*order, "pk")


CASELOAD_ORDER = {
    "naam": ("jongere__last_name", "jongere__first_name"),
    "leeftijd": ("-jongere__birth_date",),
    "activiteit": ("-updated_at",),
    "te_laat": ("-overdue_actions", "jongere__last_name"),
}


@dataclass
class CaseloadRow:
    plan: Toekomstplan
    age: tuple[int, int]
    milestone: tuple[int, int] | None
    big5: list[tuple[str, str, int | None]]


@dataclass(frozen=True)
class CaseloadEntry:
    """A plan on a page of the caseload, as far as the page needs it before its rows."""

    pk: int
    uuid: UUID
    data_version: int
    has_role: bool


def caseload_plans(*, user: User, filters: dict, page_number: str | int | None) -> Page:
    """One page of the caseload's plans (`CaseloadEntry`), in one query that also counts them
    all (a window count), which the pagination needs. (Past the last page, the last page, as
    Django's `get_page` answers.) What the list shows of the plans is read by `caseload_rows`,
    only for rows that are not kept; the page logs which plans it listed
    (`log_caseload_view`)."""
    plans = caseload(user=user, filters=filters)
    paginator = Paginator(plans, settings.PAGE_SIZE)
    asked = str(page_number or 1)
    number = int(asked) if asked.isdigit() else 0
    if number >= 1:
        start = (number - 1) * settings.PAGE_SIZE
        found = list(
            plans.annotate(in_all=Window(Count("pk"))).values_list(
                "pk", "uuid", "data_version", "has_role", "in_all"
            )[start : start + settings.PAGE_SIZE]
        )
        if found or number == 1:
            paginator.count = found[0][-1] if found else 0
            return Page([CaseloadEntry(*row[:-1]) for row in found], number, paginator)
    page = paginator.get_page(page_number)
    page.object_list = [
        CaseloadEntry(plan.pk, plan.uuid, plan.data_version, plan.has_role)
        for plan in page.object_list
    ]
    return page


def caseload_rows(entries: list[CaseloadEntry]) -> list[CaseloadRow]:
    """The caseload's rows for these plans (of `caseload_plans`): each with its age, next
    milestone, open and overdue actions and Big5, in three queries for them all."""
    today = timezone.localdate()
    found = Toekomstplan.objects.select_related("jongere").only(*CASELOAD_FIELDS)
    by_pk = found.in_bulk([entry.pk for entry in entries])
    plans = []
    for entry in entries:
        plan = by_pk[entry.pk]
        plan.has_role = entry.has_role
        plans.append(plan)
    # What the list shows of each plan, for the plans with a role (team-only rows show none).
    shown = [plan.pk for plan in plans if plan.has_role]
    counts = {
        row["goal__plan"]: row
        for row in Action.objects.filter(goal__plan__in=shown, done_at__isnull=True)
        .values("goal__plan")
        .annotate(n=Count("pk"), late=Count("pk", filter=Q(due_date__lt=today)))
        .order_by()
    }
    scores: dict[tuple[int, str], list[int | None]] = {}
    for plan_id, pillar, stability in DomainAssessment.objects.filter(plan__in=shown).values_list(
        "plan", "leefdomein__big5", "stability"
    ):
        scores.setdefault((plan_id, pillar), []).append(stability)
    labels = dict(Big5.choices)
    rows = []
    for plan in plans:
        count = counts.get(plan.pk, {})
        plan.open_actions, plan.overdue_actions = count.get("n", 0), count.get("late", 0)
        rows.append(
            CaseloadRow(
                plan=plan,
                age=plan.jongere.age_on(today),
                milestone=next_milestone(plan.jongere.birth_date, today),
                big5=[
                    (pillar, labels[pillar], _pillar_score(scores.get((plan.pk, pillar))))
                    for pillar in BIG5_ORDER
                ]
                if plan.has_role
                else [],
            )
        )
    return rows


def log_caseload_view(*, viewer: User, plans: list[str]) -> None:
    """Which plans a caseload page listed goes in the access log: names are plan data too."""
    audit.record(
        actor=viewer,
        plan=None,
        action=AccessLogEntry.Action.VIEW,
        object_type="caseload",
        detail={"plans": plans},
    )


def caseload_organisations(*, user: User) -> QuerySet:
    """Organisations to filter the caseload by: those of the plans this person can list."""
    from network.models import Membership, Organisation

    # Two IN subqueries, not joins: joining every role of every visible plan and then making
    # the rows distinct took seconds for a caseload of 300 in a gemeente of 100 000 jongeren.
    return Organisation.objects.filter(
        Q(pk__in=Membership.objects.filter(user=user).values("organisation"))
        | Q(
            pk__in=PlanRole.objects.filter(
                plan__in=permissions.visible_plan_ids(user), organisation__isnull=False
            ).values("organisation")
        )
    ).order_by("name")


def big5_now(*, plan: Toekomstplan) -> dict[str, int | None]:
    """Per Big5 pillar the lowest stability of its leefdomeinen (None while one is unassessed)."""
    lowest: dict[str, int | None] = dict.fromkeys(BIG5_ORDER, 0)
    for assessment in DomainAssessment.objects.filter(plan=plan).select_related("leefdomein"):
        pillar = assessment.leefdomein.big5
        if assessment.stability is None or lowest[pillar] is None:
            lowest[pillar] = None
        else:
            current = lowest[pillar]
            lowest[pillar] = (
                assessment.stability if current == 0 else min(current, assessment.stability)
            )
    return {pillar: (score or None) for pillar, score in lowest.items()}


@dataclass
class ChainCheck:
    checked: int
    broken: AccessLogEntry | None = None
    reason: str = ""


def access_log_first_break() -> ChainCheck:
    """Walk every chain in order; the first entry whose hash or link is wrong breaks it. Then
    each chain's end must match its anchor (so entries removed from the end are found too)."""
    from plans.models import AccessLogHead

    checked = 0
    last: dict[int, tuple[str, int, AccessLogEntry | None]] = {}
    entries = AccessLogEntry.objects.order_by("id").iterator(chunk_size=2000)
    for entry in entries:
        chain = entry.in_chain
        expected_prev, count, _previous = last.get(chain, ("", 0, None))
        if entry.prev_hash != expected_prev:
            return ChainCheck(checked, entry, "its link to the previous entry does not match")
        if entry.compute_hash() != entry.entry_hash:
            return ChainCheck(checked, entry, "its content does not match its hash")
        last[chain] = (entry.entry_hash, count + 1, entry)
        checked += 1
    heads = {head.chain: head for head in AccessLogHead.objects.all()}
    for chain in sorted(set(heads) | set(last)):
        last_hash, count, entry = last.get(chain, ("", 0, None))
        head = heads.get(chain)
        sealed = head is not None and head.seal == AccessLogHead.compute_seal(
            chain, head.last_hash, head.entries
        )
        if not sealed or head.last_hash != last_hash or head.entries != count:
            recorded = head.entries if head else 0
            return ChainCheck(
                checked,
                entry or AccessLogEntry(chain=chain, plan_id=chain if chain > 0 else None),
                f"the chain ends after {count} entries but its anchor records {recorded}: "
                "entries were removed from its end, or the anchor was changed",
            )
    return ChainCheck(checked)


@dataclass
class MapNode:
    x: float
    y: float
    label: str
    kind: str  # "network", "jim" or "professional"
    ring: int


@dataclass
class PlanPeople:
    plan: Toekomstplan
    roles: list[PlanRole]
    network: list[NetworkMember]
    invitations: list
    invitable_roles: list[str]
    revocable: set[int]
    shareable: set[int]
    map_nodes: list[MapNode] = field(default_factory=list)
    can_edit: bool = False


MAP_CENTRE = 200
MAP_RINGS = {1: 70, 2: 120, 3: 170}


def network_map(network: list[NetworkMember], roles: list[PlanRole]) -> list[MapNode]:
    """Positions for the network map: the jongere in the middle, the own network on circles by
    closeness, professionals on the outer circle as formal support."""
    rings: dict[int, list[tuple[str, str]]] = {1: [], 2: [], 3: []}
    for member in network:
        rings[member.closeness].append((member.name, "jim" if member.is_jim else "network"))
    for role in roles:
        if role.role in PlanRole.PROFESSIONAL_ROLES:
            rings[3].append((str(role.user), "professional"))
    nodes = []
    for ring, people in rings.items():
        offset = {1: -90, 2: -60, 3: -30}[ring]
        for index, (label, kind) in enumerate(people):
            angle = math.radians(offset + 360 * index / max(len(people), 1))
            radius = MAP_RINGS[ring]
            nodes.append(
                MapNode(
                    x=round(MAP_CENTRE + radius * math.cos(angle), 1),
                    y=round(MAP_CENTRE + radius * math.sin(angle), 1),
                    label=label.split()[0] if label else "?",
                    kind=kind,
                    ring=ring,
                )
            )
    return nodes


def plan_people(*, plan: Toekomstplan, viewer: User) -> PlanPeople:
    """WIE: who has which role, the own network, open invitations, and what the viewer may do."""
    from plans.models import Invitation

    roles = list(
        PlanRole.objects.filter(plan=plan, revoked_at__isnull=True).select_related(
            "user", "organisation", "network_member", "plan"
        )
    )
    invitations = list(
        Invitation.objects.filter(
            plan=plan,
            accepted_at__isnull=True,
            cancelled_at__isnull=True,
            expires_at__gt=timezone.now(),
        ).select_related("organisation", "invited_by")
    )
    audit.remember_role(viewer, plan, roles)
    log_page_view(viewer=viewer, plan=plan, page="wie")
    network = list(NetworkMember.objects.filter(jongere_id=plan.jongere_id))
    return PlanPeople(
        plan=plan,
        roles=roles,
        network=network,
        invitations=invitations,
        invitable_roles=permissions.invitable_roles(viewer, plan),
        revocable={r.pk for r in roles if permissions.can_revoke(viewer, r)},
        shareable={r.pk for r in roles if permissions.can_share(viewer, plan, r)},
        map_nodes=network_map(network, roles),
        can_edit=permissions.can_edit_plan(viewer, plan),
    )


def access_log_page(
    *, plan: Toekomstplan, viewer: User, filters: dict, page_number: str | int | None
) -> Page:
    """The logboek of one plan, newest first, filtered; reading the log is logged too."""
    entries = AccessLogEntry.objects.filter(plan=plan).select_related("actor", "organisation")
    if filters.get("action"):
        entries = entries.filter(action=filters["action"])
    if filters.get("person"):
        entries = entries.filter(actor__uuid=filters["person"])
    if filters.get("date_from"):
        entries = entries.filter(created_at__date__gte=filters["date_from"])
    if filters.get("date_to"):
        entries = entries.filter(created_at__date__lte=filters["date_to"])
    page = Paginator(entries.order_by("-created_at", "-pk"), 50).get_page(page_number)
    audit.record(
        actor=viewer,
        plan=plan,
        action=AccessLogEntry.Action.VIEW,
        object_type="logboek",
        object_uuid=plan.uuid,
    )
    return page


def access_log_people(*, plan: Toekomstplan) -> list:
    """Everyone who appears in a plan's log, for the person filter."""
    from network.models import User

    return list(
        User.objects.filter(
            pk__in=AccessLogEntry.objects.filter(plan=plan).values("actor")
        ).order_by("first_name", "last_name")
    )


def looked_at_my_plan(*, plan: Toekomstplan, viewer: User, page_number) -> Page:
    """For the jongere: who else read or changed their plan, newest first."""
    entries = (
        AccessLogEntry.objects.filter(plan=plan)
        .exclude(actor=viewer)
        .select_related("actor", "organisation")
        .order_by("-created_at", "-pk")
    )
    page = Paginator(entries, 30).get_page(page_number)
    log_page_view(viewer=viewer, plan=plan, page="gekeken", object_type="logboek")
    return page


def goal_for_edit(*, plan: Toekomstplan, viewer: User, goal_uuid) -> Goal:
    """One goal of the plan, to change it; 404 (logged) if it is not in this plan."""
    return _object_of_plan(
        Goal.objects.select_related("leefdomein", "plan").filter(plan=plan, uuid=goal_uuid),
        plan=plan,
        viewer=viewer,
        object_type="goal",
    )


def _object_of_plan(
    queryset, *, plan: Toekomstplan, viewer: User, object_type: str, log_read: bool = True
):
    """The one object `queryset` finds within this plan, with the read logged; when there is
    none (another plan's uuid, or made up) a logged refusal and 404."""
    found = queryset.first()
    if found is None:
        permissions.refuse(user=viewer, plan=plan, need="view", object_type=object_type)
        raise Http404
    if not log_read:
        return found
    audit.record(
        actor=viewer,
        plan=plan,
        action=AccessLogEntry.Action.VIEW,
        object_type=object_type,
        object_uuid=found.uuid,
    )
    return found


def invitation_from_token(token: str):
    """The invitation a link points at, or None when the link was altered or made up."""
    from django.core import signing

    from plans.models import Invitation

    try:
        invitation_uuid = signing.loads(token, salt=Invitation.TOKEN_SALT)
    except signing.BadSignature:
        return None
    return (
        Invitation.objects.select_related("plan__jongere", "invited_by", "organisation")
        .filter(uuid=invitation_uuid)
        .first()
    )


def account_exists(*, email: str) -> bool:
    from network.models import User

    return User.objects.filter(email__iexact=email).exists()


def jongeren_without_plan(*, user: User) -> QuerySet:
    """Registered jongeren of the gemeenten this professional works in who have no plan yet."""
    from network.models import Jongere

    gemeenten = user.organisations.values("gemeente")
    return Jongere.objects.filter(gemeente__in=gemeenten, plan__isnull=True).order_by(
        "last_name", "first_name"
    )


def network_member_for_edit(*, plan: Toekomstplan, viewer: User, member_uuid) -> NetworkMember:
    """Someone of this jongere's network, to change; 404 (logged) otherwise."""
    return _object_of_plan(
        NetworkMember.objects.filter(jongere_id=plan.jongere_id, uuid=member_uuid),
        plan=plan,
        viewer=viewer,
        object_type="networkmember",
    )


@dataclass
class WatDomain:
    leefdomein: Leefdomein
    assessment: DomainAssessment
    history: list


@dataclass
class WatPillar:
    code: str
    label: str
    domains: list[WatDomain]
    lowest: int | None


@dataclass
class ChartSeries:
    code: str
    label: str
    points: str  # SVG polyline points
    last: int | None
    dots: list[tuple[float, float]] = field(default_factory=list)


@dataclass
class PlanWat:
    plan: Toekomstplan
    pillars: list[WatPillar]
    chart: list[ChartSeries]
    chart_dates: list[tuple[float, str]]
    can_edit: bool


CHART_WIDTH, CHART_HEIGHT, CHART_PAD = 600, 220, 30


def plan_wat(*, plan: Toekomstplan, viewer: User) -> PlanWat:
    """WAT: each leefdomein in the jongere's words with support and stability (and its history),
    grouped by Big5, and the Big5 over time as a chart. A fixed number of queries."""
    from plans.models import StabilityScore

    assessments = list(
        DomainAssessment.objects.filter(plan=plan)
        .select_related("leefdomein")
        .prefetch_related(
            Prefetch("history", queryset=StabilityScore.objects.select_related("recorded_by"))
        )
        .order_by("leefdomein__order")
    )
    labels = dict(Big5.choices)
    pillars = []
    for code in BIG5_ORDER:
        domains = [
            WatDomain(a.leefdomein, a, list(a.history.all()))
            for a in assessments
            if a.leefdomein.big5 == code
        ]
        scores = [d.assessment.stability for d in domains]
        lowest = None if not domains or None in scores else min(scores)
        pillars.append(WatPillar(code, labels[code], domains, lowest))
    chart, dates = _big5_chart(assessments, labels)
    log_page_view(viewer=viewer, plan=plan, page="wat")
    return PlanWat(plan, pillars, chart, dates, permissions.can_edit_plan(viewer, plan))


def _big5_chart(assessments, labels):
    """Replay the stability history: after each change, each pillar's lowest known score."""
    events = sorted(
        (score.recorded_at, a.leefdomein.code, a.leefdomein.big5, score.score)
        for a in assessments
        for score in a.history.all()
    )
    if not events:
        return [], []
    current: dict[str, int] = {}
    pillar_of = {a.leefdomein.code: a.leefdomein.big5 for a in assessments}
    domains_in = {code: list(pillar_of.values()).count(code) for code in BIG5_ORDER}
    series: dict[str, list[tuple[int, int]]] = {code: [] for code in BIG5_ORDER}
    dates = []
    for index, (when, domain, _pillar, score) in enumerate(events):
        current[domain] = score
        dates.append(when)
        for code in BIG5_ORDER:
            known = [s for d, s in current.items() if pillar_of[d] == code]
            if known and len(known) == domains_in[code]:
                series[code].append((index, min(known)))
    span = max(len(events) - 1, 1)

    def x(index):
        return round(CHART_PAD + (CHART_WIDTH - 2 * CHART_PAD) * index / span, 1)

    def y(score):
        return round(CHART_HEIGHT - CHART_PAD - (CHART_HEIGHT - 2 * CHART_PAD) * (score - 1) / 4, 1)

    chart = [
        ChartSeries(
            code,
            labels[code],
            " ".join(f"{x(i)},{y(s)}" for i, s in points),
            points[-1][1] if points else None,
            dots=[(x(i), y(s)) for i, s in points],
        )
        for code, points in series.items()
        if points
    ]
    first, last = f"{dates[0]:%d-%m-%Y}", f"{dates[-1]:%d-%m-%Y}"
    ticks = [(x(0) + 30, first)] if first == last else [(x(0) + 30, first), (x(span) - 30, last)]
    return chart, ticks


def assessment_for_edit(*, plan: Toekomstplan, viewer: User, code: str) -> DomainAssessment:
    """The assessment of one leefdomein of this plan, to change; 404 (logged) otherwise."""
    return _object_of_plan(
        DomainAssessment.objects.select_related("leefdomein").filter(
            plan=plan, leefdomein__code=code
        ),
        plan=plan,
        viewer=viewer,
        object_type="domainassessment",
    )


def other_portal_roles(*, user: User, role: PlanRole) -> list[PlanRole] | QuerySet[PlanRole]:
    """The other plans this person sees in the portal (a JIM of more than one jongere)."""
    known = user.__dict__.get("_portal_roles")
    if known is not None:  # read by portal_plan_for in this request
        return [r for r in known if r.pk != role.pk]
    return permissions.portal_roles(user).exclude(pk=role.pk)


HOE_PAGE_SIZE = 10
HOE_ORDER = ("leefdomein__order", "created_at", "pk")


@dataclass
class HoeDomain:
    code: str
    name: str
    goals: int


@dataclass
class PlanHoe:
    plan: Toekomstplan
    goals: list[Goal]
    can_edit: bool
    today: date
    page: Page | None = None
    domains: list[HoeDomain] = field(default_factory=list)
    leefdomein: str = ""  # the filter, when one is chosen
    unknown_leefdomein: bool = False
    total: int = 0  # goals in the plan


def _goals_with_actions(plan: Toekomstplan):
    return (
        Goal.objects.filter(plan=plan)
        .select_related("leefdomein")
        .prefetch_related(Prefetch("actions", queryset=_actions_to_show(), to_attr="action_list"))
        .order_by(*HOE_ORDER)
    )


def plan_hoe(
    *,
    plan: Toekomstplan,
    viewer: User,
    goal_uuid=None,
    leefdomein: str = "",
    page_number: str | int | None = None,
) -> PlanHoe:
    """HOE: the goals with their actions, a page at a time, per leefdomein when one is chosen.
    With `goal_uuid`, just that goal (the card HTMX swaps in after a change). Who can be asked
    to do an action is read with the form that asks it. The page logs the view
    (`fragments.plan_content`)."""
    hoe = PlanHoe(
        plan=plan,
        goals=[],
        can_edit=permissions.can_edit_plan(viewer, plan),
        today=timezone.localdate(),
    )
    goals = _goals_with_actions(plan)
    if goal_uuid is not None:
        hoe.goals = list(goals.filter(uuid=goal_uuid))
        return hoe
    hoe.domains = [
        HoeDomain(row["leefdomein__code"], row["leefdomein__name"], row["n"])
        for row in Goal.objects.filter(plan=plan)
        .values("leefdomein__code", "leefdomein__name", "leefdomein__order")
        .annotate(n=Count("pk"))
        .order_by("leefdomein__order")
    ]
    hoe.total = sum(d.goals for d in hoe.domains)
    chosen = next((d for d in hoe.domains if d.code == leefdomein), None)
    hoe.unknown_leefdomein = bool(leefdomein) and chosen is None
    if chosen is not None:
        hoe.leefdomein = chosen.code
        goals = goals.filter(leefdomein__code=chosen.code)
    paginator = Paginator(goals, HOE_PAGE_SIZE)
    # The count is known from the domains above: no query of its own.
    paginator.count = chosen.goals if chosen else hoe.total
    hoe.page = paginator.get_page(page_number)
    hoe.goals = list(hoe.page.object_list)
    return hoe


def hoe_location(*, plan: Toekomstplan, goal_uuid) -> str:
    """Where a goal is on HOE: its leefdomein, the page it is on, and its card (for going back
    there without JavaScript). HOE itself when the goal is not in this plan."""
    from django.urls import reverse

    url = reverse("plans:plan_hoe", kwargs={"plan_uuid": plan.uuid})
    goal = Goal.objects.filter(plan=plan, uuid=goal_uuid).select_related("leefdomein").first()
    if goal is None:
        return url
    before = Goal.objects.filter(
        Q(created_at__lt=goal.created_at) | Q(created_at=goal.created_at, pk__lt=goal.pk),
        plan=plan,
        leefdomein_id=goal.leefdomein_id,
    ).count()
    page = before // HOE_PAGE_SIZE + 1
    query = f"leefdomein={goal.leefdomein.code}" + (f"&pagina={page}" if page > 1 else "")
    return f"{url}?{query}#doel-{goal.uuid}"


def action_for_edit(
    *, plan: Toekomstplan, viewer: User, action_uuid, to_write: bool = False
) -> Action:
    """One action of this plan, to change or complete; 404 (logged) otherwise. Fetched only to
    write it (`to_write`), the read is not logged separately: the service logs the write, or
    its refusal."""
    return _object_of_plan(
        Action.objects.select_related(
            "goal__plan", "assignee_role__user", "assignee_member"
        ).filter(goal__plan=plan, uuid=action_uuid),
        plan=plan,
        viewer=viewer,
        object_type="action",
        log_read=not to_write,
    )


@dataclass
class ActionPeople:
    roles: list[PlanRole]
    network: list[NetworkMember]


def plan_people_for_actions(*, plan: Toekomstplan, keep: PlanRole | None = None) -> ActionPeople:
    """Who can be asked to do something: everyone with a role, and the own network. `keep` is
    the current assignee, offered even if their role has ended, so an edit does not drop it."""
    roles = PlanRole.objects.filter(plan=plan, revoked_at__isnull=True)
    if keep is not None:
        roles = roles | PlanRole.objects.filter(pk=keep.pk)
    return ActionPeople(
        roles=list(roles.select_related("user", "organisation")),
        network=list(NetworkMember.objects.filter(jongere_id=plan.jongere_id)),
    )


def risk_for_edit(*, plan: Toekomstplan, viewer: User):
    """The risicotaxatie of the plan (empty when none yet). Reading it is logged."""
    from plans.models import RiskAssessment

    risk = RiskAssessment.objects.filter(plan=plan).first() or RiskAssessment(plan=plan)
    audit.record(
        actor=viewer,
        plan=plan,
        action=AccessLogEntry.Action.VIEW,
        object_type="riskassessment",
        object_uuid=risk.uuid if risk.pk else None,
    )
    return risk


@dataclass
class PlanHandover:
    plan: Toekomstplan
    open: object | None
    history: list
    can_propose: bool
    is_successor: bool
    can_withdraw: bool = False


def plan_handover(*, plan: Toekomstplan, viewer: User) -> PlanHandover:
    """Warme overdracht: the open proposal (if any) and the handovers before it."""
    from plans.models import Handover

    handovers = list(
        Handover.objects.filter(plan=plan).select_related(
            "from_user", "to_user", "from_organisation", "to_organisation"
        )
    )
    open_one = next((h for h in handovers if h.is_open), None)
    audit.record(
        actor=viewer,
        plan=plan,
        action=AccessLogEntry.Action.VIEW,
        object_type="handover",
        object_uuid=plan.uuid,
    )
    return PlanHandover(
        plan=plan,
        open=open_one,
        history=[h for h in handovers if not h.is_open],
        can_propose=open_one is None
        and plan.regisseur_id == viewer.pk
        and permissions.can_manage_roles(viewer, plan),
        is_successor=open_one is not None and open_one.to_user_id == viewer.pk,
        can_withdraw=open_one is not None and permissions.can_withdraw_handover(viewer, open_one),
    )


def handover_for(*, plan: Toekomstplan, viewer: User, handover_uuid):
    """A handover of this plan; 404 (logged) otherwise."""
    from plans.models import Handover

    return _object_of_plan(
        Handover.objects.filter(plan=plan, uuid=handover_uuid).select_related("plan"),
        plan=plan,
        viewer=viewer,
        object_type="handover",
    )


CONTENT_OBJECT_TYPES = (
    "toekomstplan",
    "domainassessment",
    "goal",
    "action",
    "checklistentry",
    "networkmember",
)


def plan_timeline(*, plan: Toekomstplan, viewer: User, page_number) -> Page:
    """Voortgang: what changed in the plan, newest first (the writes of the access log)."""
    writes = (
        AccessLogEntry.objects.filter(plan=plan, outcome=AccessLogEntry.Outcome.SUCCESS)
        .exclude(action__in=[AccessLogEntry.Action.VIEW, AccessLogEntry.Action.REFUSED])
        .select_related("actor", "organisation")
        .order_by("-created_at", "-pk")
    )
    if not permissions.can_view_logboek(viewer, plan):
        # Who was invited or lost access is the logboek's, for the regisseur and jongere.
        writes = writes.filter(object_type__in=CONTENT_OBJECT_TYPES)
    page = Paginator(writes, 30).get_page(page_number)
    log_page_view(viewer=viewer, plan=plan, page="voortgang")
    return page


def handovers_waiting_for(*, user: User) -> list:
    """Handovers proposed to this professional that wait for their answer."""
    from plans.models import Handover

    if not user.is_authenticated:
        return []
    return list(
        Handover.objects.filter(to_user=user, accepted_at__isnull=True, cancelled_at__isnull=True)
        .select_related("plan__jongere", "from_user", "from_organisation")
        .order_by("proposed_at")
    )


def handover_for_successor(*, viewer: User, handover_uuid):
    """A handover proposed to this person, to read and answer; 404 (logged) for anyone else."""
    from plans.models import Handover

    handover = (
        Handover.objects.select_related(
            "plan__jongere", "from_user", "from_organisation", "to_organisation"
        )
        .filter(uuid=handover_uuid)
        .first()
    )
    if handover is None or handover.to_user_id != viewer.pk:
        permissions.refuse(
            user=viewer,
            plan=handover.plan if handover else None,
            need="handover",
            object_type="handover",
            object_uuid=handover_uuid,
        )
        raise Http404
    audit.record(
        actor=viewer,
        plan=handover.plan,
        action=AccessLogEntry.Action.VIEW,
        object_type="handover",
        object_uuid=handover.uuid,
    )
    return handover


def organisations_of(*, user: User) -> QuerySet:
    """The organisations this professional works for."""
    return user.organisations.order_by("name")


# --- The portal: the jongere's own pages, and what their JIM and network see ---------------


def _portal_goal_qs(plan: Toekomstplan, sections: frozenset[str]) -> QuerySet[Goal]:
    """The goals this person sees in the portal: none unless goals are shared, and the zorg
    domain only when care is shared too."""
    from plans.models import Section

    if Section.DOELEN not in sections:
        return Goal.objects.none()
    qs = Goal.objects.filter(plan=plan).select_related("leefdomein", "created_by")
    if Section.ZORG not in sections:
        qs = qs.exclude(leefdomein__code="zorg")
    return qs


def _own_actions(role: PlanRole) -> Q:
    """The actions that are this role's to do (see permissions.assigned_to)."""
    own = Q(assignee_role=role)
    if role.network_member_id:
        own |= Q(assignee_role__isnull=True, assignee_member_id=role.network_member_id)
    return own


def _portal_action_qs(plan: Toekomstplan, sections: frozenset[str], role: PlanRole):
    """The actions this person sees: all shared ones, and always the ones assigned to them."""
    from plans.models import Section

    own = _own_actions(role)
    qs = Action.objects.filter(goal__plan=plan).select_related(
        "goal__leefdomein", "assignee_role__user", "assignee_member"
    )
    if Section.ACTIES not in sections:
        return qs.filter(own)
    if Section.ZORG not in sections:
        return qs.filter(own | ~Q(goal__leefdomein__code="zorg"))
    return qs


@dataclass
class ChecklistRow:
    item: object
    status: str
    version: int
    now: bool


@dataclass
class ChecklistProgress:
    rows: list[ChecklistRow]
    done: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def checklist_for(*, plan: Toekomstplan, today: date | None = None) -> ChecklistProgress:
    """The 18-checklist of this jongere: the items for their doelgroep, those that matter at
    their age first; progress counts what is arranged out of what applies (one query)."""
    from domains.models import ChecklistItem
    from plans.models import ChecklistEntry

    today = today or timezone.localdate()
    age = plan.jongere.age_on(today)[0]
    doelgroepen = plan.jongere.doelgroepen or []
    entry = ChecklistEntry.objects.filter(plan=plan, item=OuterRef("pk"))
    items = ChecklistItem.objects.filter(
        is_active=True, audience=ChecklistItem.Audience.JONGERE
    ).annotate(
        entry_status=Subquery(entry.values("status")[:1]),
        entry_version=Subquery(entry.values("version")[:1]),
    )
    rows = [
        ChecklistRow(
            item,
            item.entry_status or ChecklistEntry.Status.TODO,
            item.entry_version or 1,
            item.from_age <= age,
        )
        for item in items
        if item.applies_to(doelgroepen)
    ]
    rows.sort(key=lambda row: (not row.now, row.item.order))
    counted = [row for row in rows if row.status != ChecklistEntry.Status.NVT]
    done = sum(1 for row in counted if row.status == ChecklistEntry.Status.GEREGELD)
    return ChecklistProgress(rows, done, len(counted))


@dataclass
class PortalHome:
    plan: Toekomstplan
    role: PlanRole
    sections: frozenset[str]
    my_actions: list[Action]
    next_actions: list[Action]
    goal_count: int
    goals_reached: int
    people: list[PlanRole]
    checklist: ChecklistProgress | None
    story_count: int
    safety_agreements: str
    new_regisseur: object | None


def _counted(queryset):
    """A count as a scalar subquery (SELECT COUNT(*) ...), so that many counts come back in one
    query."""
    return Coalesce(
        Subquery(queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")[:1]),
        0,
    )


def portal_home(*, plan: Toekomstplan, role: PlanRole, viewer: User) -> PortalHome:
    """ "Mijn toekomst": my next steps, my goals, my people and the checklist; the counts come
    back in one query. What is new since the last visit is `portal_news`; the page logs the
    view (`fragments.plan_content`)."""
    from plans.models import RiskAssessment, Section, StoryItem

    sections = permissions.sections_visible(viewer, plan)
    actions = _portal_action_qs(plan, sections, role)
    open_actions = list(
        actions.filter(done_at__isnull=True).order_by(
            F("due_date").asc(nulls_last=True), "created_at"
        )
    )
    mine = [a for a in open_actions if permissions.assigned_to(a, role)]
    others = [a for a in open_actions if not permissions.assigned_to(a, role)]
    goals = _portal_goal_qs(plan, sections)
    counts = {
        "goals_open": _counted(goals.filter(status=Goal.Status.OPEN)),
        "goals_reached": _counted(goals.filter(status=Goal.Status.BEREIKT)),
        "story_items": _counted(
            StoryItem.objects.filter(
                plan=plan, audience__in=permissions.story_audiences(viewer, plan)
            )
        ),
    }
    if Section.RISICOTAXATIE in sections:
        counts["agreements"] = Subquery(
            RiskAssessment.objects.filter(plan=plan).values("safety_agreements")[:1]
        )
    figures = Toekomstplan.objects.filter(pk=plan.pk).annotate(**counts).values(*counts).get()
    people = list(
        PlanRole.objects.filter(plan=plan, revoked_at__isnull=True)
        .exclude(user=viewer)
        .select_related("user", "organisation")
        .order_by("granted_at")
    )
    checklist = checklist_for(plan=plan) if Section.CHECKLIST in sections else None
    from plans.models import Handover

    handover = (
        Handover.objects.filter(plan=plan, accepted_at__gte=timezone.now() - timedelta(days=60))
        .select_related("to_user", "to_organisation")
        .order_by("-accepted_at")
        .first()
    )
    return PortalHome(
        plan=plan,
        role=role,
        sections=sections,
        my_actions=mine[:5],
        next_actions=others[:3],
        goal_count=figures["goals_open"],
        goals_reached=figures["goals_reached"],
        people=people,
        checklist=checklist,
        story_count=figures["story_items"],
        safety_agreements=figures.get("agreements") or "",
        new_regisseur=handover,
    )


def portal_news(*, plan: Toekomstplan, role: PlanRole, viewer: User) -> dict[str, int]:
    """What others added or finished since this person's last visit to the home page, in one
    query; nothing on the first visit, and no query while the plan's data has not changed
    since that visit (its data version is the one the visit saw)."""
    since = role.portal_seen_at
    if since is None:
        return {}
    if role.portal_seen_version == plan.data_version:
        return dict.fromkeys(("goals", "new", "done", "people"), 0)
    sections = permissions.sections_visible(viewer, plan)
    goals = _portal_goal_qs(plan, sections)
    actions = _portal_action_qs(plan, sections, role)
    counts = {
        "news_goals": _counted(goals.filter(created_at__gt=since).exclude(created_by=viewer)),
        "news_new": _counted(actions.filter(created_at__gt=since).exclude(created_by=viewer)),
        "news_done": _counted(actions.filter(done_at__gt=since)),
        "news_people": _counted(
            PlanRole.objects.filter(
                plan=plan, revoked_at__isnull=True, granted_at__gt=since
            ).exclude(user=viewer)
        ),
    }
    figures = Toekomstplan.objects.filter(pk=plan.pk).annotate(**counts).values(*counts).get()
    return {key.removeprefix("news_"): n for key, n in figures.items()}


@dataclass
class PortalDomain:
    leefdomein: Leefdomein
    assessment: DomainAssessment | None
    goals: list[Goal]


def portal_domains(*, plan: Toekomstplan, role: PlanRole, viewer: User) -> list[PortalDomain]:
    """Per leefdomein: the jongere's own words and goals (for JIM and network: what is shared)."""
    from plans.models import Section

    sections = permissions.sections_visible(viewer, plan)
    if not sections & {Section.DOELEN, Section.VERHAAL}:
        permissions.refuse(user=viewer, plan=plan, need="shared", object_type="doelen")
        raise Http404
    domains = list(Leefdomein.objects.order_by("order"))
    if Section.ZORG not in sections:
        domains = [d for d in domains if d.code != "zorg"]
    assessments = {}
    if Section.VERHAAL in sections:
        assessments = {
            a.leefdomein_id: a
            for a in DomainAssessment.objects.filter(plan=plan).select_related("words_by")
        }
    goals_by_domain: dict[int, list[Goal]] = {}
    for goal in _portal_goal_qs(plan, sections).prefetch_related(
        Prefetch(
            "actions",
            queryset=_portal_action_qs(plan, sections, role).order_by(
                F("due_date").asc(nulls_last=True), "created_at"
            ),
        )
    ):
        for action in goal.actions.all():
            action.is_mine = permissions.assigned_to(action, role)
        goals_by_domain.setdefault(goal.leefdomein_id, []).append(goal)
    log_page_view(viewer=viewer, plan=plan, page="portal_doelen")
    return [PortalDomain(d, assessments.get(d.pk), goals_by_domain.get(d.pk, [])) for d in domains]


def portal_actions(*, plan: Toekomstplan, role: PlanRole, viewer: User, page_number) -> Page:
    """Who does what: my own actions first (to tick off), then the others' I may see; open
    before done; a page at a time."""
    sections = permissions.sections_visible(viewer, plan)
    actions = (
        _portal_action_qs(plan, sections, role)
        .annotate(is_mine=Case(When(_own_actions(role), then=Value(True)), default=Value(False)))
        .order_by(
            F("is_mine").desc(),
            F("done_at").asc(nulls_first=True),
            F("due_date").asc(nulls_last=True),
            "created_at",
            "pk",
        )
    )
    page = Paginator(actions, 20).get_page(page_number)
    log_page_view(viewer=viewer, plan=plan, page="portal_acties")
    return page


def portal_checklist(*, plan: Toekomstplan, viewer: User) -> ChecklistProgress | None:
    """The 18-checklist page, when this person may see it."""
    from plans.models import Section

    if Section.CHECKLIST not in permissions.sections_visible(viewer, plan):
        return None
    progress = checklist_for(plan=plan)
    log_page_view(viewer=viewer, plan=plan, page="portal_checklist", object_type="checklist")
    return progress


def story_for(*, plan: Toekomstplan, viewer: User, page: str) -> dict[str, list]:
    """The jongere's story as this person may see it: per item, the jongere decides."""
    from plans.models import StoryItem

    items = list(
        StoryItem.objects.filter(
            plan=plan, audience__in=permissions.story_audiences(viewer, plan)
        ).order_by(F("age").asc(nulls_last=True), "created_at")
    )
    log_page_view(viewer=viewer, plan=plan, page=page, object_type="verhaal")
    kinds = StoryItem.Kind
    return {
        "moments": [i for i in items if i.kind == kinds.MOMENT],
        "dreams": [i for i in items if i.kind == kinds.DROOM],
        "qualities": [i for i in items if i.kind == kinds.KWALITEIT],
    }


def story_item_for_edit(*, plan: Toekomstplan, viewer: User, item_uuid):
    """One item of the jongere's own story, to change it; 404 (logged) otherwise."""
    from plans.models import StoryItem

    return _object_of_plan(
        StoryItem.objects.select_related("plan").filter(plan=plan, uuid=item_uuid),
        plan=plan,
        viewer=viewer,
        object_type="storyitem",
    )


def action_for_portal(*, plan: Toekomstplan, role: PlanRole, viewer: User, action_uuid):
    """An action this person sees in the portal; 404 (logged) for anything else."""
    sections = permissions.sections_visible(viewer, plan)
    return _object_of_plan(
        _portal_action_qs(plan, sections, role).filter(uuid=action_uuid),
        plan=plan,
        viewer=viewer,
        object_type="action",
    )


def checklist_item_for(*, plan: Toekomstplan, viewer: User, item_code: str):
    """An item of the 18-checklist by its code; 404 (logged) for an unknown one."""
    from domains.models import ChecklistItem

    item = ChecklistItem.objects.filter(code=item_code, is_active=True).first()
    if item is None:
        permissions.refuse(user=viewer, plan=plan, need="view", object_type="checklistitem")
        raise Http404
    return item


def _person(user) -> str:
    return user.get_full_name() or user.email if user is not None else ""


def inzage_for(*, plan: Toekomstplan, viewer: User) -> dict:
    """Everything stored about the jongere (`inzage_data`), read by them; logged as an export."""
    data = inzage_data(plan=plan)
    audit.record(
        actor=viewer,
        plan=plan,
        action=AccessLogEntry.Action.EXPORT,
        object_type="inzage",
        object_uuid=plan.uuid,
        detail={"lines": len(data["logboek"])},
    )
    return data


def inzage_data(*, plan: Toekomstplan) -> dict:
    """Everything stored about the jongere, for their right of inzage (AVG art. 15): the plan
    with all its parts, every role ever held in it, and every line of its access log. The
    same data makes the JSON file and the PDF. A fixed number of queries, whatever the size."""
    from plans.models import (
        ChecklistEntry,
        Handover,
        Invitation,
        RiskAssessment,
        StabilityScore,
        StoryItem,
    )

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


def leefdomein_by_code(*, plan: Toekomstplan, viewer: User, code: str) -> Leefdomein:
    """A leefdomein by its code; 404 (logged) for an unknown one."""
    found = Leefdomein.objects.filter(code=code).first()
    if found is None:
        permissions.refuse(user=viewer, plan=plan, need="view", object_type="leefdomein")
        raise Http404
    return found


def assessment_version(*, plan: Toekomstplan, leefdomein: Leefdomein) -> int:
    """The current version of a domain's words, for a form after a conflict."""
    found = DomainAssessment.objects.filter(plan=plan, leefdomein=leefdomein).first()
    return found.version if found else 1


def has_story_for(*, plan: Toekomstplan, viewer: User) -> bool:
    """Whether the jongere's story has anything this person may read."""
    from plans.models import StoryItem

    return StoryItem.objects.filter(
        plan=plan, audience__in=permissions.story_audiences(viewer, plan)
    ).exists()


# PDF exports and notifications ---------------------------------------------------------------


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


def plan_print(*, plan: Toekomstplan, viewer: User, version: str) -> PlanPrint:
    """Everything a PDF of the plan shows, limited to what `viewer` may see; the B1 version for
    the jongere leaves out the risicotaxatie and the professionals' checklist items. A fixed
    number of queries whatever the size of the plan."""
    from domains.models import ChecklistItem
    from plans.models import ChecklistEntry, PlanExport, RiskAssessment, Section

    today = timezone.localdate()
    sections = permissions.sections_visible(viewer, plan)
    if not sections and permissions.can_view_plan(viewer, plan):
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
        scores = [r.assessment.stability if r.assessment else None for r in rows]
        score = None if not rows or None in scores else min(scores)
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


def plan_exports_for(*, plan: Toekomstplan, viewer: User) -> list:
    """This person's own PDFs of this plan from the last week, newest first (one query)."""
    from plans.models import PlanExport

    since = timezone.now() - timedelta(days=settings.PLAN_EXPORT_KEEP_DAYS)
    return list(
        PlanExport.objects.filter(plan=plan, requested_by=viewer, created_at__gte=since)[:10]
    )


def plan_export_for(*, plan: Toekomstplan, viewer: User, export_uuid):
    """One of this person's exports of this plan; 404 (logged) for anyone else's or none."""
    from plans.models import PlanExport

    export = (
        PlanExport.objects.select_related("plan")
        .filter(plan=plan, uuid=export_uuid, requested_by=viewer)
        .first()
    )
    if export is None:
        permissions.refuse(
            user=viewer, plan=plan, need="export", object_type="planexport", object_uuid=export_uuid
        )
        raise Http404
    return export


def _visible_notifications(user: User):
    from plans.models import Notification

    return Notification.objects.filter(user=user).filter(
        Q(plan__isnull=True)
        | Exists(
            PlanRole.objects.filter(plan_id=OuterRef("plan_id"), user=user, revoked_at__isnull=True)
        )
    )


# How long the header's count may be reused when nothing said it changed (a safety net: the
# services that add notifications, mark them read or change roles forget it at once).
UNREAD_COUNT_SECONDS = 120


def _unread_count_key(user_id: int) -> str:
    return f"tp:unread-notifications:{user_id}"


def unread_notification_count(*, user: User) -> int:
    """Unread notifications about plans the person still has a role in: the badge in the header
    of every page. Read from the cache (Redis) between changes, so a page does not count them
    again on every request; only a number is kept there, nothing of a plan."""
    key = _unread_count_key(user.pk)
    count = cache.get(key)
    if count is None:
        count = _visible_notifications(user).filter(read_at__isnull=True).count()
        cache.set(key, count, UNREAD_COUNT_SECONDS)
    return count


def forget_unread_notification_count(*, user_id: int) -> None:
    """A service changed what the count would be: drop it now, and again when the change is
    committed (a page that counted in between must not keep the old number)."""
    key = _unread_count_key(user_id)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))


def notification_page(*, user: User, page_number) -> Page:
    """The person's notifications, newest first, a page at a time (two queries)."""
    paginator = Paginator(_visible_notifications(user), settings.PAGE_SIZE)
    return paginator.get_page(page_number)


def inzage_exports(*, plan: Toekomstplan, viewer: User) -> list:
    """The jongere's own recent inzage PDFs (kept for a week), newest first."""
    from plans.models import PlanExport

    return list(
        PlanExport.objects.filter(
            plan=plan, requested_by=viewer, version=PlanExport.Version.INZAGE
        ).order_by("-created_at")[:5]
    )


def jongeren_to_start(*, user: User, today: date | None = None) -> list:
    """The signal "start on time": jongeren of 15½ and older, known to an organisation this
    professional works for, who have no plan yet (at most 20, the oldest first)."""
    from network.models import Jongere
    from plans.ages import shift

    born_by = shift(today or timezone.localdate(), years=-15, months=-6)
    return list(
        Jongere.objects.filter(
            known_by__memberships__user=user, plan__isnull=True, birth_date__lte=born_by
        )
        .select_related("known_by")
        .order_by("birth_date", "last_name")[:20]
    )
