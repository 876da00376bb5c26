"""Shared fixtures: people with roles in plans, made through the services as the app does."""

import datetime
import os
import time

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.test import Client

from domains.models import Leefdomein
from network.services import coordinator_group_ensure
from plans import services
from plans.models import Action, Goal, PlanRole
from tests.network.factories import (
    JongereFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)


def pytest_collection_modifyitems(config, items):
    """On CI the suite must run on PostgreSQL; anything else is a loud failure, not a skip."""
    if os.environ.get("CI") == "true" or os.environ.get("TP_REQUIRE_POSTGRES"):
        from django.conf import settings

        engine = settings.DATABASES["default"]["ENGINE"]
        if "postgresql" not in engine:
            raise pytest.UsageError(
                f"CI=true but the test database is {engine!r}: set DATABASE_URL to PostgreSQL."
            )


@pytest.fixture(autouse=True)
def _fast_and_eager(settings, request):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.TOEKOMSTPLAN_DEMO = False  # no demo shortcuts unless a test asks for them
    if request.node.get_closest_marker("integration") is None:
        settings.CELERY_TASK_ALWAYS_EAGER = True
    cache.clear()  # sign-in rate limits must not leak from one test into the next
    # Nor pages kept in memory: the next test's database hands out the same ids again.
    caches["fragments"].clear()


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path_factory):
    """PDF exports go to a temporary folder, never into the project."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path_factory.mktemp("private")


@pytest.fixture
def organisation(db):
    return OrganisationFactory()


@pytest.fixture
def professional_factory(db):
    def make(organisation=None, **kwargs):
        membership = MembershipFactory(
            organisation=organisation or OrganisationFactory(), user=UserFactory(**kwargs)
        )
        return membership.user

    return make


@pytest.fixture
def regisseur(professional_factory, organisation):
    return professional_factory(organisation=organisation)


@pytest.fixture
def jongere(db):
    return JongereFactory(user=UserFactory())


@pytest.fixture
def plan(regisseur, organisation, jongere):
    return services.plan_create(actor=regisseur, jongere=jongere, organisation=organisation)


@pytest.fixture
def coordinator(organisation):
    """A coordinator who also belongs to an organisation of the gemeente (the usual case)."""
    user = MembershipFactory(organisation=organisation, user=UserFactory(is_staff=True)).user
    user.groups.add(coordinator_group_ensure())
    return user


@pytest.fixture
def stranger(professional_factory):
    """A professional of another organisation without any role in the plan."""
    return professional_factory()


def confirm_second_factor(client, user) -> None:
    """Mark the client's session as signed in with TOTP, as allauth does after the code step."""
    session = client.session
    session["account_authentication_methods_user"] = str(user.pk)
    session["account_authentication_methods"] = [
        {"method": "password", "at": time.time(), "email": user.email},
        {"method": "mfa", "at": time.time(), "type": "totp"},
    ]
    session.save()


@pytest.fixture
def client_for():
    """A signed-in client; professionals have confirmed their second factor."""

    def make(user, *, second_factor=True):
        client = Client()
        client.force_login(user)
        if second_factor:
            confirm_second_factor(client, user)
        return client

    return make


def portal_page_urls(client) -> list[str]:
    """Every portal page this person can open: the home page, and what it and the goals page
    link to (each leefdomein page), so that a new portal page is covered without a list."""
    import re

    from django.urls import reverse

    seen, todo = [], [reverse("portal:home")]
    while todo:
        url = todo.pop(0)
        if url in seen:
            continue
        response = client.get(url)
        if response.status_code != 200:
            continue
        seen.append(url)
        for link in re.findall(r'href="(/mijn/[^"#?]*)"', response.content.decode()):
            if not link.endswith(".json") and link not in seen:
                todo.append(link)
    return seen


@pytest.fixture
def portal_html():
    """All the HTML a person sees in the portal, every page of it, as one string."""

    def collect(client) -> str:
        return "\n".join(client.get(url).content.decode() for url in portal_page_urls(client))

    return collect


def add_goals(plan, actor, *, goals: int, actions_per_goal: int):
    """Fill a plan quickly (bulk), the way years of work would."""
    domains = list(Leefdomein.objects.all())
    role = PlanRole.objects.get(plan=plan, user=actor)
    made = Goal.objects.bulk_create(
        Goal(plan=plan, leefdomein=domains[i % len(domains)], text=f"Doel {i}", created_by=actor)
        for i in range(goals)
    )
    if connection.vendor != "postgresql":
        made = list(Goal.objects.filter(plan=plan))
    today = datetime.date.today()
    Action.objects.bulk_create(
        Action(
            goal=goal,
            text=f"Actie {i}",
            assignee_role=role,
            due_date=today + datetime.timedelta(days=i - 2),
            created_by=actor,
        )
        for goal in made
        for i in range(actions_per_goal)
    )
    return plan


@pytest.fixture
def big_plan(plan, regisseur):
    """A plan with 60 goals, 300 actions and 40 people in the own network."""
    from network.models import NetworkMember

    NetworkMember.objects.bulk_create(
        NetworkMember(
            jongere=plan.jongere, name=f"Netwerklid {i}", relation="vriend", closeness=1 + i % 3
        )
        for i in range(40)
    )
    return add_goals(plan, regisseur, goals=60, actions_per_goal=5)


def many_plans(regisseur, organisation, count: int) -> None:
    """A caseload of `count` plans, made in bulk (with the roles and object permissions the
    services would have made)."""
    from django.contrib.auth.models import Permission

    from network.models import Jongere
    from plans.models import Toekomstplan, ToekomstplanUserObjectPermission

    today = datetime.date.today()
    batch = f"J{Jongere.objects.count()}-"
    jongeren = Jongere.objects.bulk_create(
        Jongere(
            first_name=f"{batch}{i}",
            last_name=f"Achternaam{i}",
            birth_date=today - datetime.timedelta(days=5900 + 7 * i),
            gemeente="Testdorp",
        )
        for i in range(count)
    )
    if connection.vendor != "postgresql":
        jongeren = list(Jongere.objects.filter(first_name__startswith=batch))
    plans = Toekomstplan.objects.bulk_create(
        Toekomstplan(jongere=j, regisseur=regisseur) for j in jongeren
    )
    if connection.vendor != "postgresql":
        plans = list(Toekomstplan.objects.filter(jongere__in=jongeren))
    PlanRole.objects.bulk_create(
        PlanRole(plan=p, user=regisseur, role="regisseur", organisation=organisation) for p in plans
    )
    view = Permission.objects.get(codename="view_toekomstplan")
    ToekomstplanUserObjectPermission.objects.bulk_create(
        ToekomstplanUserObjectPermission(user=regisseur, permission=view, content_object=p)
        for p in plans
    )


def caseload_rows(html: str) -> list[dict]:
    """The caseload's rows as a reader sees them: the name, the cells' texts, and the Big5 as
    {pillar label: score or None}."""
    import re
    from html import unescape

    rows = []
    for row in re.findall(r'<tr class="utrecht-table__row"><th scope="row".*?</tr>', html):
        name = unescape(re.search(r"tp-table__name\">(?:<a [^>]*>)?([^<]+)", row)[1]).strip()
        cells = [
            unescape(re.sub(r"<[^>]+>", "", cell)).strip()
            for cell in re.findall(r"<td [^>]*>(.*?)</td>", row)
        ]
        pillars = {
            unescape(label): None if score == "–" else int(score)
            for label, score in re.findall(
                r'tp-big5__label">([^<]*)</span> <span class="tp-big5__score">([^<]*)<', row
            )
        }
        rows.append({"name": name, "cells": cells, "big5": pillars})
    return rows
