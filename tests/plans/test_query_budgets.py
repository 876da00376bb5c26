"""No page does more than 16 queries, however big the plan or the caseload (issue 9).

Each page is opened once first, so the session and the access log chains exist, as they do for
anyone who works in the app; the second request is the one that counts.
"""

import pytest
from django.urls import reverse

from plans.models import Action
from tests.conftest import many_plans

pytestmark = pytest.mark.django_db

# 15 for the page itself (issue 9), plus one for the unread-notifications badge in the header
# that every page shows (issue 7).
BUDGET = 16
WRITE_BUDGET = 22


def _within_budget(client, path, assert_max, *, method="get", data=None, headers=None):
    getattr(client, method)(path, data or {}, headers=headers or {})
    with assert_max(BUDGET):
        response = getattr(client, method)(path, data or {}, headers=headers or {})
    assert response.status_code in (200, 302)
    return response


def test_caseload_of_300_plans_stays_within_the_budget(
    regisseur, organisation, client_for, django_assert_max_num_queries
):
    many_plans(regisseur, organisation, 300)
    response = _within_budget(
        client_for(regisseur), reverse("plans:plan_list"), django_assert_max_num_queries
    )
    assert response.context["page"].paginator.count == 300


@pytest.mark.parametrize("name", ["plan_detail", "plan_hoe"])
def test_large_plan_pages_stay_within_the_budget(
    big_plan, regisseur, client_for, django_assert_max_num_queries, name
):
    path = reverse(f"plans:{name}", kwargs={"plan_uuid": big_plan.uuid})
    response = _within_budget(client_for(regisseur), path, django_assert_max_num_queries)
    assert response.content.decode().count('<li class="tp-action') == 300


def test_portal_home_of_a_large_plan_stays_within_the_budget(
    big_plan, jongere, client_for, django_assert_max_num_queries
):
    _within_budget(client_for(jongere.user), reverse("portal:home"), django_assert_max_num_queries)


def test_completing_an_action_in_a_large_plan_stays_within_the_budget(
    big_plan, regisseur, client_for, django_assert_max_num_queries
):
    first, second = Action.objects.filter(goal__plan=big_plan)[:2]
    client = client_for(regisseur)

    def done(action):
        return reverse(
            "plans:action_done", kwargs={"plan_uuid": big_plan.uuid, "action_uuid": action.uuid}
        )

    client.post(done(first), {"version": 1}, headers={"HX-Request": "true"})
    # A write is no page: it checks, writes, logs and answers with the fresh goal card.
    with django_assert_max_num_queries(WRITE_BUDGET):
        response = client.post(done(second), {"version": 1}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    second.refresh_from_db()
    assert second.done_at is not None
