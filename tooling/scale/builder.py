"""The rows of one synthetic jongere and their plan, as the services would have made them."""

from __future__ import annotations

import random
import time
from datetime import UTC, timedelta

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Permission
from django.db import transaction
from django.utils import timezone

from domains.models import ChecklistItem, Leefdomein, PlanTemplate
from network.models import Jongere, Membership, NetworkMember, Organisation, User
from plans.models import (
    AccessLogEntry,
    AccessLogHead,
    Action,
    ChecklistEntry,
    DomainAssessment,
    Goal,
    PlanRole,
    RiskAssessment,
    StabilityScore,
    Toekomstplan,
    ToekomstplanUserObjectPermission,
)
from plans.permissions import ROLE_PERMISSIONS
from tooling.scale.data import (
    ACTION_TEXTS,
    BENCH_CASELOAD,
    BENCH_JONGEREN,
    BENCH_PASSWORD,
    BENCH_PROFESSIONALS,
    BENCH_TOTP_SECRET,
    CHUNK,
    FIRST_NAMES,
    GEMEENTE,
    GOAL_TEXTS,
    JONGEREN_PER_PROFESSIONAL,
    LAST_NAMES,
    ORGANISATIONS,
    PAGES,
    SITUATIONS,
    USER_AGENT,
    WISHES,
    bench_jongere_email,
    bench_professional_email,
    scale_email,
    seeded_uuid,
)
from tooling.scale.writing import ChainRow, Pipeline, Writer


class Builder:
    def __init__(self, *, jongeren: int, rng: random.Random, progress):
        self.n = jongeren
        self.rng = rng
        self.progress = progress
        self.now = timezone.now().astimezone(UTC).replace(microsecond=0)
        self.today = timezone.localdate()
        self.domains = list(Leefdomein.objects.order_by("order"))
        self.templates = list(PlanTemplate.objects.prefetch_related("checklist_items"))
        self.template_items = {
            t.pk: [i.pk for i in t.checklist_items.all() if i.is_active] for t in self.templates
        }
        self.checklist_items = list(ChecklistItem.objects.values_list("pk", flat=True))
        self.perm_ids = dict(
            Permission.objects.filter(content_type__app_label="plans").values_list("codename", "pk")
        )
        self.unusable = make_password(None)
        self.bench_hash = make_password(BENCH_PASSWORD)
        w = Writer
        self.users = w(
            User,
            [
                "password",
                "is_superuser",
                "first_name",
                "last_name",
                "is_staff",
                "is_active",
                "date_joined",
                "uuid",
                "email",
            ],
        )
        self.orgs = w(Organisation, ["uuid", "name", "kind", "gemeente"])
        self.memberships = w(Membership, ["user_id", "organisation_id", "is_team_lead"])
        self.jongeren = w(
            Jongere,
            ["uuid", "first_name", "last_name", "birth_date", "gemeente", "doelgroepen", "user_id"],
        )
        self.members = w(
            NetworkMember,
            [
                "uuid",
                "jongere_id",
                "name",
                "relation",
                "is_jim",
                "closeness",
                "version",
                "phone",
                "email",
                "user_id",
            ],
        )
        self.plans = w(
            Toekomstplan,
            [
                "uuid",
                "jongere_id",
                "phase",
                "status",
                "regisseur_id",
                "template_id",
                "version",
                "created_at",
                "updated_at",
                "let_go_at",
                "let_go_reason",
                "data_version",
            ],
        )
        self.roles = w(
            PlanRole,
            [
                "uuid",
                "plan_id",
                "user_id",
                "role",
                "organisation_id",
                "network_member_id",
                "shared_sections",
                "granted_at",
                "revoked_at",
                "portal_seen_version",
            ],
        )
        self.perms = w(
            ToekomstplanUserObjectPermission, ["permission_id", "user_id", "content_object_id"]
        )
        self.assessments = w(
            DomainAssessment,
            [
                "uuid",
                "plan_id",
                "leefdomein_id",
                "situation",
                "wish",
                "support_needed",
                "stability",
                "version",
                "updated_at",
            ],
        )
        self.scores = w(StabilityScore, ["assessment_id", "score", "recorded_at", "recorded_by_id"])
        self.goals = w(
            Goal,
            [
                "uuid",
                "plan_id",
                "leefdomein_id",
                "text",
                "status",
                "version",
                "created_at",
                "created_by_id",
                "closed_at",
            ],
        )
        self.actions = w(
            Action,
            [
                "uuid",
                "goal_id",
                "text",
                "assignee_role_id",
                "assignee_member_id",
                "due_date",
                "done_at",
                "version",
                "created_at",
                "created_by_id",
            ],
        )
        self.checklist = w(
            ChecklistEntry, ["uuid", "plan_id", "item_id", "status", "version", "updated_at"]
        )
        self.risks = w(
            RiskAssessment,
            [
                "uuid",
                "plan_id",
                "risk_factors",
                "protective_factors",
                "level",
                "safety_agreements",
                "review_date",
                "version",
                "updated_at",
            ],
        )
        self.log = w(
            AccessLogEntry,
            [
                "uuid",
                "created_at",
                "actor_id",
                "role",
                "organisation_id",
                "plan_id",
                "action",
                "object_type",
                "object_uuid",
                "outcome",
                "detail",
                "ip_address",
                "user_agent",
                "prev_hash",
                "entry_hash",
            ],
        )
        self.heads = w(AccessLogHead, ["chain", "last_hash", "entries", "seal"])
        self.authenticators = w(
            apps.get_model("mfa", "Authenticator"), ["user_id", "type", "data", "created_at"]
        )
        self.emails = w(
            apps.get_model("account", "EmailAddress"), ["user_id", "email", "verified", "primary"]
        )
        self.all_writers = [
            self.users,
            self.orgs,
            self.memberships,
            self.jongeren,
            self.members,
            self.plans,
            self.roles,
            self.perms,
            self.assessments,
            self.scores,
            self.goals,
            self.actions,
            self.checklist,
            self.risks,
            self.log,
            self.heads,
            self.authenticators,
            self.emails,
        ]

    # -- people -------------------------------------------------------------------------------

    def _user(self, email: str, first: str, last: str, *, bench: bool = False) -> int:
        return self.users.add(
            self.bench_hash if bench else self.unusable,
            False,
            first,
            last,
            False,
            True,
            self.now - timedelta(days=400),
            seeded_uuid(self.rng),
            email,
        )

    def _name(self) -> tuple[str, str]:
        return self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)

    def _people(self) -> None:
        from allauth.mfa.utils import encrypt

        self.org_ids = [
            self.orgs.add(seeded_uuid(self.rng), name, kind, GEMEENTE)
            for name, kind in ORGANISATIONS
        ]
        count = max(BENCH_PROFESSIONALS + 2, self.n // JONGEREN_PER_PROFESSIONAL)
        self.professionals: list[tuple[int, int]] = []  # (user id, organisation id)
        secret = encrypt(BENCH_TOTP_SECRET)
        for index in range(count):
            first, last = self._name()
            bench = index < BENCH_PROFESSIONALS
            email = (
                bench_professional_email(index + 1)
                if bench
                else scale_email(f"professional-{index}")
            )
            user_id = self._user(email, first, last, bench=bench)
            org = self.org_ids[0] if bench else self.org_ids[index % len(self.org_ids)]
            self.memberships.add(user_id, org, index % 40 == 39)
            self.emails.add(user_id, email, True, True)
            if bench:
                self.authenticators.add(user_id, "totp", {"secret": secret}, self.now)
            self.professionals.append((user_id, org))
        self.regular = self.professionals[BENCH_PROFESSIONALS:]

    # -- plans --------------------------------------------------------------------------------

    def build(self) -> None:
        started = time.monotonic()
        with transaction.atomic():
            self._people()
            for writer in self.all_writers:
                writer.write(writer.take())
        made = f"{len(self.professionals)} professionals, {len(self.org_ids)} organisations"
        self.progress(f"  {made}")
        pipeline = Pipeline(self.all_writers)
        try:
            for start in range(0, self.n, CHUNK):
                for index in range(start, min(start + CHUNK, self.n)):
                    self._jongere(index)
                pipeline.submit()
                done = min(start + CHUNK, self.n)
                self.progress(
                    f"  {done:>7}/{self.n} jongeren, {self.log.written} log entries "
                    f"({time.monotonic() - started:.0f} s)"
                )
        finally:
            pipeline.close()

    def _jongere(self, index: int) -> None:
        rng = self.rng
        bench_plan = index < BENCH_CASELOAD
        big = index == 0
        bench_jongere = 0 < index <= BENCH_JONGEREN
        first, last = self._name()
        age_days = rng.randint(15 * 365 + 4, 28 * 365 - 2)  # 15 up to (not including) 28
        birth = self.today - timedelta(days=age_days)
        groups = ["statushouder", "zwerfjongere", "lvb", "afstand_arbeidsmarkt"]
        doelgroepen = rng.sample(groups, rng.choice([0, 1, 1, 2]))
        jongere_user = None
        if bench_jongere or rng.random() < 0.5:
            email = bench_jongere_email(index) if bench_jongere else scale_email(f"jongere-{index}")
            jongere_user = self._user(email, first, last, bench=bench_jongere)
            self.emails.add(jongere_user, email, True, True)
        jongere_id = self.jongeren.add(
            seeded_uuid(rng), first, last, birth, GEMEENTE, doelgroepen, jongere_user
        )
        # the plan
        roll = rng.random()
        phase = "wie" if roll < 0.2 else "wat" if roll < 0.45 else "hoe"
        if big or bench_jongere:
            phase = "hoe"
        status = "losgelaten" if not bench_plan and rng.random() < 0.04 else "actief"
        if bench_plan:
            regisseur, org = self.professionals[0]
        else:
            regisseur, org = self.regular[index % len(self.regular)]
        template = rng.choice(self.templates) if rng.random() < 0.7 else None
        created = self.now - timedelta(days=rng.randint(1, 730), seconds=rng.randint(0, 86399))
        plan_uuid = seeded_uuid(rng)
        let_go_at = self.now - timedelta(days=rng.randint(1, 60)) if status != "actief" else None
        plan_id = self.plans.add(
            plan_uuid,
            jongere_id,
            phase,
            status,
            regisseur,
            template.pk if template else None,
            1,
            created,
            let_go_at or self.now - timedelta(days=rng.randint(0, 30)),
            let_go_at,
            "Zelfstandig, met een baan en een kamer." if let_go_at else "",
            0,
        )
        # roles, with their object permissions
        roles: list[tuple[int, str, int, int | None]] = []  # (role id, role, user, org)

        def role(user_id, kind, organisation=None, member=None, shared=()):
            role_id = self.roles.add(
                seeded_uuid(rng),
                plan_id,
                user_id,
                kind,
                organisation,
                member,
                list(shared),
                created,
                None,
                0,
            )
            for codename in ROLE_PERMISSIONS[kind]:
                self.perms.add(self.perm_ids[codename], user_id, plan_id)
            roles.append((role_id, kind, user_id, organisation))
            return role_id

        regisseur_role = role(regisseur, "regisseur", org)
        if bench_plan:
            for user_id, bench_org in self.professionals[1:BENCH_PROFESSIONALS]:
                role(user_id, "professional", bench_org)
        elif rng.random() < 0.5:
            other, other_org = rng.choice(self.regular)
            if other != regisseur:
                role(other, "professional", other_org)
        if jongere_user:
            role(jongere_user, "jongere")
        # own network, perhaps with a JIM who signs in
        member_ids = []
        for m in range(40 if big else rng.choice([0, 1, 1, 2, 3])):
            is_jim = m == 0 and rng.random() < 0.5
            jim_user = None
            if is_jim and rng.random() < 0.6:
                jim_email = scale_email(f"jim-{index}")
                jim_user = self._user(jim_email, *self._name())
                self.emails.add(jim_user, jim_email, True, True)
            member_id = self.members.add(
                seeded_uuid(rng),
                jongere_id,
                " ".join(self._name()),
                "mentor" if is_jim else rng.choice(["ouder", "familie", "vriend", "buur"]),
                is_jim,
                1 + m % 3,
                1,
                "",
                "",
                jim_user,
            )
            member_ids.append(member_id)
            if jim_user:
                role(jim_user, "jim", member=member_id, shared=("doelen", "acties", "checklist"))
        # WAT: the jongere's words and stability, with history
        assessed = phase != "wie"
        for domain in self.domains:
            stability = rng.randint(1, 5) if assessed else None
            assessment_id = self.assessments.add(
                seeded_uuid(rng),
                plan_id,
                domain.pk,
                rng.choice(SITUATIONS) if assessed else "",
                rng.choice(WISHES) if assessed and rng.random() < 0.5 else "",
                rng.choice(["geen", "licht", "intensief"]) if assessed else "",
                stability,
                1,
                created,
            )
            if assessed:
                for step in range(2 if rng.random() < 0.3 else 1):
                    self.scores.add(
                        assessment_id,
                        max(1, stability - step),
                        created + timedelta(days=30 * (2 - step) + 1),
                        regisseur,
                    )
        # HOE: goals with actions
        if phase == "hoe":
            goal_count = 60 if big else rng.randint(2, 6)
            for g in range(goal_count):
                domain = self.domains[(g if big else rng.randrange(8)) % 8]
                goal_status = "open" if big or rng.random() < 0.8 else "bereikt"
                goal_id = self.goals.add(
                    seeded_uuid(rng),
                    plan_id,
                    domain.pk,
                    rng.choice(GOAL_TEXTS[domain.code]),
                    goal_status,
                    1,
                    created,
                    regisseur,
                    None if goal_status == "open" else self.now - timedelta(days=5),
                )
                for a in range(5 if big else rng.randint(1, 3)):
                    assignee_role = rng.choice(roles)[0] if rng.random() < 0.8 else None
                    member = (
                        rng.choice(member_ids) if assignee_role is None and member_ids else None
                    )
                    done = not big and rng.random() < 0.4
                    self.actions.add(
                        seeded_uuid(rng),
                        goal_id,
                        rng.choice(ACTION_TEXTS),
                        assignee_role,
                        member,
                        self.today + timedelta(days=rng.randint(-20, 60) + (a if big else 0)),
                        self.now - timedelta(days=rng.randint(1, 40)) if done else None,
                        1,
                        created,
                        regisseur,
                    )
        elif phase == "wat" and rng.random() < 0.5:
            domain = rng.choice(self.domains)
            self.goals.add(
                seeded_uuid(rng),
                plan_id,
                domain.pk,
                rng.choice(GOAL_TEXTS[domain.code]),
                "open",
                1,
                created,
                regisseur,
                None,
            )
        if template is not None:
            for item in self.template_items[template.pk]:
                self.checklist.add(
                    seeded_uuid(rng),
                    plan_id,
                    item,
                    rng.choice(["todo", "todo", "geregeld", "nvt"]),
                    1,
                    created,
                )
        if rng.random() < 0.2 or big:
            self.risks.add(
                seeded_uuid(rng),
                plan_id,
                "Schulden; weinig steun thuis.",
                "Gaat naar school; goede band met de mentor.",
                rng.choice(["laag", "midden", "hoog"]),
                "Bij problemen belt hij de regisseur.",
                self.today + timedelta(days=rng.randint(10, 180)),
                1,
                created,
            )
        self._access_log(plan_id, plan_uuid, created, phase, roles, regisseur_role, big)

    # -- the access log -----------------------------------------------------------------------

    def _access_log(self, plan_id, plan_uuid, created, phase, roles, regisseur_role, big):
        """A year of reads and writes of one plan, as one hash chain with its anchor."""
        rng = self.rng
        start = max(created, self.now - timedelta(days=365))
        span = max(int((self.now - start).total_seconds()), 60)
        count = 3000 if big else {"wie": 4, "wat": 10, "hoe": 20}[phase] + rng.randint(0, 6)
        moments = sorted(start + timedelta(seconds=rng.randrange(span)) for _ in range(count))
        by_id = {r[0]: r for r in roles}
        entries = []
        for n, moment in enumerate(moments):
            if n == 0 and created >= start:
                who, action, object_type = by_id[regisseur_role], "create", "toekomstplan"
                detail = {"template": None}
            else:
                who = rng.choice(roles)
                roll = rng.random()
                if who[1] in ("jongere", "jim"):
                    action, object_type = "view", "toekomstplan"
                    detail = {"page": "portal", "sections": ["acties", "checklist", "doelen"]}
                elif roll < 0.8:
                    action, object_type = "view", "toekomstplan"
                    detail = {"page": rng.choice(PAGES)}
                elif roll < 0.92:
                    action, object_type, detail = "update", "action", {"fields": ["done_at"]}
                else:
                    action, object_type, detail = "create", "goal", {"fields": ["text"]}
            row = ChainRow()
            row.uuid = seeded_uuid(rng)
            row.created_at = moment
            row.actor_id = who[2]
            row.role = who[1]
            row.organisation_id = who[3]
            row.plan_id = plan_id
            row.action = action
            row.object_type = object_type
            row.object_uuid = plan_uuid
            row.outcome = "success"
            row.detail = detail
            row.ip_address = f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"
            row.user_agent = USER_AGENT
            entries.append(row)
        last_hash = ""
        for row in entries:
            row.prev_hash = last_hash
            row.entry_hash = last_hash = row.compute_hash()
            self.log.add(
                row.uuid,
                row.created_at,
                row.actor_id,
                row.role,
                row.organisation_id,
                row.plan_id,
                row.action,
                row.object_type,
                row.object_uuid,
                row.outcome,
                row.detail,
                row.ip_address,
                row.user_agent,
                row.prev_hash,
                row.entry_hash,
            )
        self.heads.add(
            plan_id,
            last_hash,
            len(entries),
            AccessLogHead.compute_seal(plan_id, last_hash, len(entries)),
        )
