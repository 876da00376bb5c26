"""/meldingen/: a person's notifications, and the count in the header."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plans import services
from plans.models import Notification

pytestmark = pytest.mark.django_db
URL = "/meldingen/"


def notify(user, plan, count=1, title="Milan wordt 18"):
    Notification.objects.bulk_create(
        Notification(user=user, plan=plan, title=f"{title} ({i})", body="Kijk naar de checklist.")
        for i in range(count)
    )


def test_the_page_lists_my_notifications_and_marks_them_read(plan, regisseur, client_for):
    notify(regisseur, plan, 2)
    client = client_for(regisseur)
    home = client.get(reverse("plans:plan_list")).content.decode()
    assert 'class="tp-count">2<' in home  # the badge in the header
    html = client.get(URL).content.decode()
    assert html.count('class="tp-notification tp-notification--unread"') == 2
    assert "Milan wordt 18 (1)" in html
    assert not Notification.objects.filter(read_at__isnull=True).exists()
    again = client.get(URL).content.decode()
    assert "tp-notification--unread" not in again
    assert "tp-count" not in again


def test_someone_else_never_sees_my_notifications(plan, regisseur, stranger, client_for):
    notify(regisseur, plan)
    html = client_for(stranger).get(URL).content.decode()
    assert "Milan wordt 18" not in html
    assert Notification.objects.get().read_at is None


def test_notifications_about_a_plan_i_left_are_hidden(
    plan, regisseur, professional_factory, client_for
):
    colleague = professional_factory()
    role = services.role_grant(
        plan=plan,
        actor=regisseur,
        user=colleague,
        role="professional",
        organisation=colleague.memberships.get().organisation,
    )
    notify(colleague, plan)
    client = client_for(colleague)
    assert "Milan wordt 18" in client.get(URL).content.decode()
    services.role_revoke(plan_role=role, actor=regisseur)
    Notification.objects.update(read_at=None)
    html = client.get(URL).content.decode()
    assert "Milan wordt 18" not in html
    assert "tp-count" not in html


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def _queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


def test_the_page_and_badge_do_not_add_a_query_per_notification(plan, regisseur, client_for):
    client = client_for(regisseur)
    client.get(URL)  # the first request of a session does some sign-in bookkeeping
    notify(regisseur, plan, 3)
    few = _queries(client)
    Notification.objects.update(read_at=None)
    notify(regisseur, plan, 40)
    many = _queries(client)
    assert few == many <= 12


def _badge_queries(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        html = client.get(url).content.decode()
    return sum("plans_notification" in q["sql"] for q in queries.captured_queries), html


def test_the_header_badge_is_counted_once_and_then_reused_until_it_changes(
    plan, regisseur, client_for
):
    notify(regisseur, plan, 2)
    client = client_for(regisseur)
    url = reverse("plans:plan_detail", kwargs={"plan_uuid": plan.uuid})
    counted, html = _badge_queries(client, url)
    assert counted == 1 and 'class="tp-count">2<' in html
    counted, html = _badge_queries(client, url)
    assert counted == 0 and 'class="tp-count">2<' in html  # from the cache
    assert "tp-count" not in client.get(URL).content.decode()  # read: the badge follows
    assert "tp-count" not in client.get(url).content.decode()
